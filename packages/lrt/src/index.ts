// @restakekit/lrt: liquid restaking tokens on the action model of @restakekit/core. Each protocol
// is a module (`kelp`) and a subpath (`@restakekit/lrt/kelp`); the root exports the modules, the
// shared errors and protocol-named types only, since the verbs (`deposit`, `getRate`) repeat per protocol.
export * from './errors.js'
export {
  ETHERFI_ETH,
  type EtherFiBacking,
  type EtherFiBackingPosition,
  type EtherFiBackingStaker,
  type EtherFiDeployment,
  type EtherFiExitOptions,
  type EtherFiInstantExitQuote,
  type EtherFiPortfolioDetail,
  type EtherFiRedemptionForm,
  type EtherFiSupportedAsset,
  type EtherFiWithdrawalRequest,
  type EtherFiWithdrawalStatus,
  etherfi,
  etherfiDeployments,
  etherfiPortfolio,
  InstantExitUnavailableError,
  NotRequestOwnerError,
} from './etherfi/index.js'
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
