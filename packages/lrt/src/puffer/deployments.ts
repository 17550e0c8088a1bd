import type { Address } from 'viem'

/** Where Puffer pufETH lives on a chain. Pass your own for a fork or the devnet (`devnet.deployments.puffer`). */
export type PufferDeployment = {
  chainId?: number
  /** PufferVault (V5): the pufETH token itself, an ERC-4626 over WETH. */
  vault: Address
  /** The vault's asset, which the exits pay out. */
  weth: Address
  /** PufferWithdrawalManager (the 2-step exit). */
  withdrawalManager: Address
  /** The block from which `getWithdrawalRequests` looks for the owner's `WithdrawalRequested` logs (default 0). */
  fromBlock?: bigint
  /** The EigenLayer stakers behind pufETH (Puffer modules), read by `getBacking`. */
  modules?: readonly Address[]
  /** The EigenLayer strategies `getBacking` reads for them. */
  strategies?: readonly Address[]
  /** EigenLayer's DelegationManager, where `getBacking` reads the modules' shares. */
  delegationManager?: Address
  /** True when an address is not confirmed by Puffer's own repositories; writes then need `allowUnverified`. */
  unconfirmed?: boolean
}

/**
 * Known Puffer deployments. Mainnet: the vault from `PufferFinance/puffer-contracts`
 * `mainnet-contracts/README.md` (HEAD 3806000); the withdrawal manager from Puffer's own SDK
 * (`PufferFinance/puffer-sdk` v1.32.0 `lib/contracts/addresses.ts`), both Puffer's repositories;
 * WETH is the canonical WETH9. Not checked on chain from here. Puffer's modules (EigenPod owners)
 * are not listed in the reference material: pass `modules` and `strategies` to `getBacking`.
 */
export const pufferDeployments = {
  1: {
    chainId: 1,
    vault: '0xD9A442856C234a39a81a089C06451EBAa4306a72',
    weth: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
    withdrawalManager: '0xDdA0483184E75a5579ef9635ED14BacCf9d50283',
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
  },
} as const satisfies Record<number, PufferDeployment>
