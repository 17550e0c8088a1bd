import type { Address } from 'viem'

/** Where Swell rswETH lives on a chain. Pass your own for a fork or the devnet (`devnet.deployments.swell`). */
export type SwellDeployment = {
  chainId?: number
  rswETH: Address
  /**
   * The rswEXIT withdrawal NFT. When absent, the adapter reads it on chain:
   * `rswETH.AccessControlManager()` then `.rswEXIT()` (one more read stage).
   */
  rswEXIT?: Address
  /** The block from which `getWithdrawalRequests` looks for the owner's `WithdrawalClaimed` logs (default 0). */
  fromBlock?: bigint
  /** The EigenLayer stakers behind rswETH, read by `getBacking`. */
  modules?: readonly Address[]
  /** The EigenLayer strategies `getBacking` reads for them. */
  strategies?: readonly Address[]
  /** EigenLayer's DelegationManager, where `getBacking` reads the stakers' shares. */
  delegationManager?: Address
  /** True when an address is not confirmed by Swell's own repository; writes then need `allowUnverified`. */
  unconfirmed?: boolean
}

/**
 * Known Swell deployments. Mainnet rswETH from third-party sources only (Karak's vault config, a
 * plugin doc): Swell's public repository has no address list, so it is marked `unconfirmed` and
 * writes need `allowUnverified: true`. rswEXIT is read on chain from the AccessControlManager.
 */
export const swellDeployments = {
  1: {
    chainId: 1,
    rswETH: '0xFAe103DC9cf190eD75350761e95403b7b8aFa6c0',
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
    unconfirmed: true,
  },
} as const satisfies Record<number, SwellDeployment>
