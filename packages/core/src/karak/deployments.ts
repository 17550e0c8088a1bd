import type { Address } from 'viem'

/**
 * Karak's withdrawal and stake-update delay: `MIN_WITHDRAWAL_DELAY = SLASHING_WINDOW +
 * SLASHING_VETO_WINDOW = 7 days + 2 days` (karak-network/v2-contracts@3b3b78f
 * `src/interfaces/Constants.sol`). Karak compiles it into the Vault; no view returns it, so a
 * deployment built with other constants (a test build) says so through `minWithdrawalDelay`.
 */
export const KARAK_MIN_WITHDRAWAL_DELAY = 9n * 24n * 60n * 60n

/** Karak's slashing veto window (`SLASHING_VETO_WINDOW = 2 days`), after which a slashing can be finalized. */
export const KARAK_SLASHING_VETO_WINDOW = 2n * 24n * 60n * 60n

/** Slashing percentages are "percent wad": 100e18 = 100 % (`HUNDRED_PERCENT_WAD`). */
export const KARAK_HUNDRED_PERCENT_WAD = 100n * 10n ** 18n

/** Where Karak v2 lives on a chain. Pass your own for a fork, a test network or the devnet. */
export type KarakDeployment = {
  chainId?: number
  /** The Core contract (vault deployment, operators, DSSs, slashing). */
  core: Address
  /** Vaults to read a staker's positions in when the caller names none (Core keeps no list of all vaults). */
  vaults?: readonly Address[]
  /** The vault withdrawal delay in seconds, when the deployment was built with other constants. Default 9 days. */
  minWithdrawalDelay?: bigint
}

/**
 * Known Karak v2 Core deployments. Source: the `core` field of the deploy configurations in
 * karak-network/v2-contracts@3b3b78f `script/v2/config/vault_config_<chain>.json` (mainnet also in
 * `asset_config_mainnet.json`). There is no devnet entry: the devnet's addresses come from
 * `@restakekit/devnet` (`deployments.karak`); pass them as a `KarakDeployment`.
 */
export const karakDeployments = {
  /** Ethereum mainnet (`vault_config_mainnet.json`). */
  1: { chainId: 1, core: '0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15' },
  /** BNB Smart Chain (`vault_config_bsc.json`). */
  56: { chainId: 56, core: '0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15' },
  /** Karak network L2 (`vault_config_karak.json`). */
  2410: { chainId: 2410, core: '0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15' },
  /** Mantle (`vault_config_mantle.json`). */
  5000: { chainId: 5000, core: '0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15' },
  /** Arbitrum One (`vault_config_arbitrum.json`). */
  42161: { chainId: 42161, core: '0xf3Ed85D882b5d9A67fC10dBf8f9AA991212983aA' },
  /** Blast (`vault_config_blast.json`). */
  81457: { chainId: 81457, core: '0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15' },
} as const satisfies Record<number, KarakDeployment>
