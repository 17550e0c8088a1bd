export * from './abis.js'
export * from './actions/burnShares.js'
export * from './actions/claimRewards.js'
export * from './actions/clearBurnOrRedistributableShares.js'
export * from './actions/completeWithdrawals.js'
export * from './actions/createPod.js'
export {
  type ApproverSignature,
  type DelegateToErrorType,
  type DelegateToParameters,
  type DelegateToReturnType,
  delegateTo,
  type PrepareDelegateToParameters,
  type PrepareDelegateToReturnType,
  prepareDelegateTo,
  type SimulateDelegateToReturnType,
  simulateDelegateTo,
  type WaitForDelegateToReturnType,
  waitForDelegateTo,
} from './actions/delegateTo.js'
export {
  type DepositErrorType,
  type DepositParameters,
  type DepositReturnType,
  deposit,
  depositSharesFromEvents,
  type PrepareDepositParameters,
  type PrepareDepositReturnType,
  prepareDeposit,
  type SimulateDepositReturnType,
  simulateDeposit,
  type WaitForDepositReturnType,
  waitForDeposit,
} from './actions/deposit.js'
export * from './actions/depositWithSignature.js'
export {
  type GetAllocationsErrorType,
  type GetAllocationsParameters,
  type GetAllocationsReturnType,
  getAllocations,
  type OperatorSet as EigenLayerOperatorSet,
  type StrategyAllocation,
} from './actions/getAllocations.js'
export * from './actions/getBurnableShares.js'
export * from './actions/getDelegation.js'
export {
  type EigenLayerDeposit,
  type GetDepositsErrorType,
  type GetDepositsParameters,
  type GetDepositsReturnType,
  getDeposits,
} from './actions/getDeposits.js'
export * from './actions/getOperator.js'
export * from './actions/getPod.js'
export * from './actions/getPortfolio.js'
export {
  type GetQueuedWithdrawalsErrorType,
  type GetQueuedWithdrawalsParameters,
  type GetQueuedWithdrawalsReturnType,
  getQueuedWithdrawals,
  type QueuedWithdrawal as EigenLayerQueuedWithdrawal,
} from './actions/getQueuedWithdrawals.js'
export * from './actions/getRewards.js'
export * from './actions/getStrategy.js'
export * from './actions/getWithdrawalDelay.js'
export {
  type PrepareQueueWithdrawalsParameters,
  type PrepareQueueWithdrawalsReturnType,
  prepareQueueWithdrawals,
  type QueuedWithdrawalEvent,
  type QueueWithdrawalsErrorType,
  type QueueWithdrawalsParameters,
  type QueueWithdrawalsReturnType,
  queueWithdrawals,
  type SimulateQueueWithdrawalsReturnType,
  simulateQueueWithdrawals,
  type WaitForQueueWithdrawalsReturnType,
  waitForQueueWithdrawals,
} from './actions/queueWithdrawals.js'
export * from './actions/redelegate.js'
export * from './actions/setClaimerFor.js'
export * from './actions/undelegate.js'
export * from './deployments.js'
export * from './errors.js'
export {
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  type PrepareDeploymentParameter,
  type Withdrawal as EigenLayerWithdrawal,
  withdrawalRoot,
} from './internal.js'
export * from './math.js'
export { eigenlayer } from './module.js'
export { eigenlayerPortfolio } from './portfolio.js'
export * from './release.js'
export * from './rewards/index.js'
export * from './signatures.js'
