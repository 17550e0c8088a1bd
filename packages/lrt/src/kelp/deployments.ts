import type { Address } from 'viem'

/** Kelp's (and most LRTs') marker for native ETH as an asset (`LRTConstants.ETH_TOKEN`). */
export const ETH_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/** Where Kelp rsETH lives on a chain. Pass your own for a fork or the devnet (`devnet.deployments.kelp`). */
export type KelpDeployment = {
  chainId?: number
  lrtConfig: Address
  rsETH: Address
  lrtOracle: Address
  lrtDepositPool: Address
  lrtWithdrawalManager?: Address
  /** EigenLayer's DelegationManager, where `getBacking` reads the node delegators' shares. */
  delegationManager?: Address
  /** True when an address is not confirmed by Kelp's own repository; writes then need `allowUnverified`. */
  unconfirmed?: boolean
}

/**
 * Known Kelp deployments. Mainnet: `Kelp-DAO/LRT-rsETH` README "ETH Mainnet" at c289b81 (confirmed
 * by the repository; not checked on chain from here). The DelegationManager is EigenLayer's mainnet proxy.
 */
export const kelpDeployments = {
  1: {
    chainId: 1,
    rsETH: '0xA1290d69c65A6Fe4DF752f95823fae25cB99e5A7',
    lrtDepositPool: '0x036676389e48133B63a802f8635AD39E752D375D',
    lrtOracle: '0x349A73444b1a310BAe67ef67973022020d70020d',
    lrtWithdrawalManager: '0x62De59c08eB5dAE4b7E6F7a8cAd3006d6965ec16',
    lrtConfig: '0x947Cb49334e6571ccBFEF1f1f1178d8469D65ec7',
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
  },
} as const satisfies Record<number, KelpDeployment>
