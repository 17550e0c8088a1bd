import type { Address } from 'viem'

/** Renzo's marker for native ETH as an asset (`WithdrawQueue.IS_NATIVE`). */
export const RENZO_ETH_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/** Where Renzo ezETH lives on a chain. Pass your own for a fork or the devnet (`devnet.deployments.renzo`). */
export type RenzoDeployment = {
  chainId?: number
  restakeManager: Address
  ezETH: Address
  /** The RenzoOracle; default `RestakeManager.renzoOracle()`, read in the same stage as the checks. */
  renzoOracle?: Address
  withdrawQueue: Address
  /** EigenLayer's DelegationManager, where `getBacking` reads the operator delegators' shares. */
  delegationManager?: Address
  /** True when an address is not confirmed by Renzo's own repository; writes then need `allowUnverified`. */
  unconfirmed?: boolean
}

/**
 * Known Renzo deployments. Renzo's repository (`Renzo-Protocol/contracts-public`) has no address
 * list: only ezETH is confirmed by it (a constant in `RiskOracleMiddleware.sol`). The
 * RestakeManager and WithdrawQueue come from third-party sources that agree, so the mainnet entry
 * is marked `unconfirmed`. The RenzoOracle is read from `RestakeManager.renzoOracle()`. None of
 * these addresses was checked on chain from here (no RPC). The DelegationManager is EigenLayer's.
 */
export const renzoDeployments = {
  1: {
    chainId: 1,
    ezETH: '0xbf5495Efe5DB9ce00f80364C8B423567e58d2110',
    restakeManager: '0x74a09653A083691711cF8215a6ab074BB4e99ef5',
    withdrawQueue: '0x5efc9D10E42FB517456f4ac41EB5e2eBe42C8918',
    delegationManager: '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A',
    unconfirmed: true,
  },
} as const satisfies Record<number, RenzoDeployment>
