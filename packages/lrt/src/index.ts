// @restakekit/lrt: liquid restaking tokens on the action model of @restakekit/core. Each protocol
// is a module (`kelp`) and a subpath (`@restakekit/lrt/kelp`); the root exports the modules, the
// shared errors and protocol-named types only, since the verbs (`deposit`, `getRate`) repeat per protocol.
export * from './errors.js'
export {
  ETH_ADDRESS,
  type KelpBacking,
  type KelpBackingPosition,
  type KelpBackingStaker,
  type KelpDeployment,
  type KelpPortfolioDetail,
  type KelpSupportedAsset,
  kelp,
  kelpDeployments,
  kelpPortfolio,
} from './kelp/index.js'
export {
  type PufferBacking,
  type PufferBackingPosition,
  type PufferBackingStaker,
  type PufferDeployment,
  type PufferExitFeeForm,
  type PufferExitOption,
  type PufferExitOptions,
  type PufferPortfolioDetail,
  PufferRequestClaimedError,
  PufferRequestNotOwnedError,
  type PufferSupportedAsset,
  type PufferWithdrawalPreview,
  type PufferWithdrawalRequest,
  type PufferWithdrawalStatus,
  puffer,
  pufferDeployments,
  pufferPortfolio,
  READY_AT_UNKNOWN,
} from './puffer/index.js'
export {
  type SwellBacking,
  type SwellDeployment,
  type SwellExitOption,
  type SwellExitOptions,
  type SwellPortfolioDetail,
  SwellRequestNotFoundError,
  SwellRequestNotOwnedError,
  type SwellSupportedAsset,
  type SwellWithdrawalPreview,
  type SwellWithdrawalRequest,
  type SwellWithdrawalStatus,
  swell,
  swellDeployments,
  swellPortfolio,
} from './swell/index.js'
