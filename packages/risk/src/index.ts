// Pure analysis (no client anywhere below snapshot-io)
export { type CertificateContribution, type CertificateResult, certifySecurity } from './certificate.js'
export {
  type CompoundedLoss,
  compoundedLoss,
  compoundedLossAll,
  type ExitDelay,
  type ExitWindow,
  exitWindow,
  type SlasherCap,
  type SlashingSemantics,
} from './compound.js'
export {
  attackNakamoto,
  type ConcentrationResult,
  concentration,
  type NakamotoResult,
  type ServiceConcentration,
  type StakeConcentration,
  stakeConcentration,
} from './concentration.js'
export {
  allocatedProportion,
  applySlash,
  divWad,
  effectiveMagnitude,
  type MagnitudeAllocation,
  mulWad,
  type OperatorStrategyState,
  type PositionExposure,
  positionExposure,
  type SlashableStake,
  type SlashEffect,
  slashableShares,
  slashableStakes,
  slashingFactor,
  WAD,
  withdrawableShares,
} from './eigenlayer.js'
export {
  type Coalition,
  EXACT_MAX_NODES,
  EXACT_MAX_VALIDATORS,
  EXACT_MAX_VALIDATORS_LIMIT,
  type ExactOptions,
  type ExactResult,
  exactSecurity,
  MAX_NODES_LIMIT,
} from './exact.js'
export {
  attackedServices,
  createGraph,
  type Edge,
  type GraphInput,
  type GraphIssue,
  graphToJson,
  type IndexedGraph,
  InvalidGraphError,
  indexGraph,
  MAX_NUMBER_BITS,
  MAX_SCALE_BITS,
  parseFraction,
  parseGraph,
  type RationalInput,
  type RestakingGraph,
  restakingGraphSchema,
  type Service,
  serviceSubgraph,
  type Validator,
  validateGraph,
} from './graph.js'
export { type LocalSecurityResult, localSecurity } from './local.js'
export {
  LOSS_MAX_NODES,
  LOSS_MAX_VALIDATORS,
  type LossOptions,
  type LossResult,
  theorem1Bound,
  worstCaseLoss,
} from './loss.js'
export {
  type LrtBackingInput,
  type LrtDelegation,
  type LrtOperatorSetExposure,
  type LrtServiceExposure,
  type LrtStrategyLookThrough,
  lrtBackingExposure,
  lrtExposure,
  type OperatorAllocationsInput,
} from './lrt.js'
export {
  type LrtLookThroughParameters,
  type LrtLookThroughReturnType,
  lrtLookThrough,
} from './lrt-io.js'
/** Exact bigint rationals: `rational.add`, `rational.compare`, `rational.format`, … */
export * as rational from './rational.js'
export { parseRational, type Rational, RationalParseError } from './rational.js'
export {
  analyzePosition,
  type BuildGraphOptions,
  buildGraph,
  operatorSetId,
  type PositionAnalysis,
  type PositionServiceExposure,
  type PositionWarning,
  parseSnapshot,
  type RestakingSnapshot,
  restakingSnapshotSchema,
  SNAPSHOT_VERSION,
  slashableSharesByOperator,
  subnetworkId,
} from './snapshot.js'
// Chain reads (through @restakekit/core)
export {
  SnapshotReadError,
  type SnapshotRestakingErrorType,
  type SnapshotRestakingParameters,
  type SnapshotRestakingReturnType,
  snapshotRestaking,
} from './snapshot-io.js'
export {
  type DelegatorType,
  restakingDegree,
  type SymbioticNetworkLimit,
  type SymbioticOperatorLimit,
  type SymbioticSlashEffect,
  type SymbioticStakeRow,
  type SymbioticVaultState,
  symbioticSlash,
  symbioticStake,
  symbioticStakes,
} from './symbiotic.js'
