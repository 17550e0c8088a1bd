export * from './decorator.js'
export * from './eigenlayer/index.js'
export * from './errors.js'
// Karak is reached as `@restakekit/core/karak` and `client.restaking.karak`: its verbs (`deposit`,
// `getVault`, …) would clash with EigenLayer's and Symbiotic's here. Only Karak-named exports.
export {
  KARAK_MIN_WITHDRAWAL_DELAY,
  type KarakDeployment,
  type KarakError,
  type KarakPortfolioOptions,
  type KarakPosition,
  type KarakPositions,
  type KarakQueuedWithdrawal,
  KarakSlippageError,
  KarakUnknownWithdrawalError,
  type KarakVault,
  type KarakVaultExposure,
  KarakVaultNotFoundError,
  KarakVaultPausedError,
  KarakWithdrawalNotFoundError,
  karakDeployments,
} from './karak/index.js'
export * from './portfolio.js'
export * from './symbiotic/root.js'
export * from './tx.js'
