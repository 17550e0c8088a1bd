export type { ExitOption, ExitOptions } from '../exit.js'
export * from './abis.js'
export * from './actions/claimWithdrawal.js'
export * from './actions/deposit.js'
export * from './actions/getApr.js'
export * from './actions/getBacking.js'
export * from './actions/getExitOptions.js'
export * from './actions/getRate.js'
export * from './actions/getSupportedAssets.js'
export * from './actions/getWithdrawalRequests.js'
export {
  probeWithdrawQueueForm,
  type RenzoWithdrawalRequest,
  type RenzoWithdrawQueueForm,
  renzoWithdrawHash,
} from './actions/internal.js'
export * from './actions/previewDeposit.js'
export * from './actions/previewWithdrawal.js'
export * from './actions/requestWithdrawal.js'
export * from './deployments.js'
export * from './errors.js'
export * from './module.js'
export * from './portfolio.js'
