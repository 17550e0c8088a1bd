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
  probeWithdrawQueueForm,
  RENZO_ETH_ADDRESS,
  type RenzoBacking,
  type RenzoBackingPosition,
  type RenzoBackingStaker,
  type RenzoDeployment,
  type RenzoExitOption,
  RenzoPausedError,
  type RenzoPortfolioDetail,
  RenzoQueuedWithdrawalNotFilledError,
  type RenzoSupportedAsset,
  type RenzoWithdrawalPreview,
  type RenzoWithdrawalRequest,
  RenzoWithdrawalRequestNotFoundError,
  type RenzoWithdrawQueueForm,
  renzo,
  renzoDeployments,
  renzoPortfolio,
} from './renzo/index.js'
