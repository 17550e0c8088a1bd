export {
  collateralErrorsAbi,
  symbioticDelegatorAbi,
  symbioticNetworkMiddlewareServiceAbi,
  symbioticOptInServiceAbi,
  symbioticRegistryAbi,
  symbioticSlasherAbi,
  symbioticVaultAbi,
  symbioticVaultFactoryAbi,
  symbioticVaultStakerViewsAbi,
  symbioticVaultTokenizedAbi,
  symbioticVaultViewsAbi,
  symbioticVaultWritesAbi,
} from './abis.js'
export * from './actions/claim.js'
export * from './actions/deposit.js'
export * from './actions/getPosition.js'
export * from './actions/getPositions.js'
export * from './actions/getStake.js'
export * from './actions/getVault.js'
export * from './actions/listVaults.js'
export * from './actions/withdraw.js'
export { type SymbioticChainId, type SymbioticDeployment, symbioticDeployments } from './deployments.js'
export * from './errors.js'
export type { SymbioticReadClient, SymbioticWalletClient } from './internal.js'
export {
  symbioticPositionsLensAbi,
  symbioticPositionsLensBytecode,
  symbioticVaultLensAbi,
  symbioticVaultLensBytecode,
} from './lens.js'
/** Pure Symbiotic math (epochs, share conversions, stake formulas) under one name, to keep generic names apart. */
export * from './math.js'
export { symbiotic } from './module.js'
export { type SymbioticPortfolioOptions, symbioticPortfolio } from './portfolio.js'
export {
  type BucketScan,
  epochRange,
  type PositionScan,
  planBuckets,
  planPositions,
  SYMBIOTIC_EPOCH_PAGE,
  type SymbioticPendingWithdrawal,
  type SymbioticVaultPosition,
} from './positions.js'
export * from './rewards/index.js'
