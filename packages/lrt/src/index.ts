// @restakekit/lrt: liquid restaking tokens on the action model of @restakekit/core. Each protocol
// is a module (`kelp`) and a subpath (`@restakekit/lrt/kelp`); the root exports the modules, the
// shared errors and protocol-named types only, since the verbs (`deposit`, `getRate`) repeat per protocol.

export {
  type AprWindow,
  type GetAprParameters,
  getApr,
  type LrtApr,
  type RateAt,
  SECONDS_PER_YEAR,
} from './apr.js'
export {
  type BackingPage,
  type BackingStrategy,
  backingPage,
  backingStages,
  eigenlayerBackingAbi,
  type LrtBacking,
  type LrtBackingPosition,
  type LrtBackingStaker,
  type ReadEigenLayerBackingParameters,
  readEigenLayerBacking,
} from './backing.js'
export * from './errors.js'
export {
  ETHERFI_ETH,
  type EtherFiBacking,
  type EtherFiBackingPosition,
  type EtherFiBackingStaker,
  type EtherFiDeployment,
  type EtherFiInstantExitQuote,
  type EtherFiPortfolioDetail,
  type EtherFiRedemptionForm,
  type EtherFiSupportedAsset,
  type EtherFiWithdrawalRequest,
  type EtherFiWithdrawalStatus,
  etherfi,
  etherfiDeployments,
  etherfiPortfolio,
} from './etherfi/index.js'
export type { ExitOption, ExitOptions } from './exit.js'
export {
  ETH_ADDRESS,
  type KelpBacking,
  type KelpBackingPosition,
  type KelpBackingStaker,
  type KelpDeployment,
  type KelpPortfolioDetail,
  type KelpSupportedAsset,
  type KelpWithdrawalForm,
  type KelpWithdrawalPreview,
  type KelpWithdrawalRequest,
  kelp,
  kelpDeployments,
  kelpPortfolio,
  WithdrawalLiquidityError,
} from './kelp/index.js'
export {
  type PufferBacking,
  type PufferBackingPosition,
  type PufferBackingStaker,
  type PufferDeployment,
  type PufferExitFeeForm,
  type PufferPortfolioDetail,
  type PufferSupportedAsset,
  type PufferWithdrawalPreview,
  type PufferWithdrawalRequest,
  type PufferWithdrawalStatus,
  puffer,
  pufferDeployments,
  pufferPortfolio,
} from './puffer/index.js'
export {
  probeWithdrawQueueForm,
  RENZO_ETH_ADDRESS,
  type RenzoBacking,
  type RenzoBackingPosition,
  type RenzoBackingStaker,
  type RenzoDeployment,
  RenzoPausedError,
  type RenzoPortfolioDetail,
  RenzoQueuedWithdrawalNotFilledError,
  type RenzoSupportedAsset,
  type RenzoWithdrawalPreview,
  type RenzoWithdrawalRequest,
  type RenzoWithdrawQueueForm,
  renzo,
  renzoDeployments,
  renzoPortfolio,
} from './renzo/index.js'
export {
  type SwellBacking,
  type SwellDeployment,
  type SwellPortfolioDetail,
  type SwellSupportedAsset,
  type SwellWithdrawalPreview,
  type SwellWithdrawalRequest,
  type SwellWithdrawalStatus,
  swell,
  swellDeployments,
  swellPortfolio,
} from './swell/index.js'
