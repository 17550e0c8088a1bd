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
export * from './errors.js'
export {
  ETH_ADDRESS,
  type KelpBacking,
  type KelpBackingPosition,
  type KelpBackingStaker,
  type KelpDeployment,
  type KelpExitOption,
  type KelpPortfolioDetail,
  type KelpSupportedAsset,
  type KelpWithdrawalForm,
  type KelpWithdrawalPreview,
  type KelpWithdrawalRequest,
  kelp,
  kelpDeployments,
  kelpPortfolio,
  WithdrawalLiquidityError,
  WithdrawalRequestNotFoundError,
} from './kelp/index.js'
