// What the package root (`@restakekit/core`) re-exports of Symbiotic: everything whose name says
// Symbiotic (ABIs, deployments, errors, types, the module). The actions carry the glossary's verbs
// (`deposit`, `claim`, `getPositions`, ...), which other protocols share: import them from
// `@restakekit/core/symbiotic`, or call them on `client.restaking.symbiotic`.
export {
  collateralErrorsAbi,
  symbioticDelegatorAbi,
  symbioticNetworkMiddlewareServiceAbi,
  symbioticOptInServiceAbi,
  symbioticRegistryAbi,
  symbioticSlasherAbi,
  symbioticVaultAbi,
  symbioticVaultFactoryAbi,
  symbioticVaultTokenizedAbi,
} from './abis.js'
export type { SymbioticVaultInfo } from './actions/getVault.js'
export { type SymbioticChainId, type SymbioticDeployment, symbioticDeployments } from './deployments.js'
export * from './errors.js'
export type { SymbioticReadClient, SymbioticWalletClient } from './internal.js'
export {
  symbioticPositionsLensAbi,
  symbioticPositionsLensBytecode,
  symbioticVaultLensAbi,
  symbioticVaultLensBytecode,
} from './lens.js'
export {
  decodeSubnetwork,
  encodeSubnetwork,
  fullRestakeStake,
  networkRestakeStake,
  operatorNetworkSpecificStake,
  operatorSpecificStake,
  SYMBIOTIC_DELEGATOR_TYPES,
  SYMBIOTIC_SLASHER_TYPES,
  type SymbioticDelegatorTypeName,
  type SymbioticSlasherTypeName,
} from './math.js'
export { symbiotic } from './module.js'
export { type SymbioticPortfolioOptions, symbioticPortfolio } from './portfolio.js'
export type { SymbioticPendingWithdrawal, SymbioticVaultPosition } from './positions.js'
export * from './rewards/abis.js'
export * from './rewards/errors.js'
export {
  symbioticOperatorRewardsLeaf,
  verifySymbioticOperatorRewardsProof,
} from './rewards/merkle.js'
export type { SymbioticOperatorRewardsState } from './rewards/operator.js'
export type { SymbioticStakerReward } from './rewards/staker.js'
