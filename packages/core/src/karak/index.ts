export { karakCoreAbi, karakTokenErrorsAbi, karakVaultAbi, karakVaultRevertAbi } from './abis.js'
export * from './actions/depositToKarakVault.js'
export * from './actions/finishKarakRedeem.js'
export * from './actions/getKarakOperatorVaults.js'
export * from './actions/getKarakPositions.js'
export * from './actions/getKarakVault.js'
export * from './actions/startKarakRedeem.js'
export { type KarakActions, karakActions } from './decorator.js'
export {
  KARAK_HUNDRED_PERCENT_WAD,
  KARAK_MIN_WITHDRAWAL_DELAY,
  KARAK_SLASHING_VETO_WINDOW,
  type KarakDeployment,
  karakDeployments,
} from './deployments.js'
export {
  type KarakRevertContext,
  KarakSlippageError,
  KarakUnknownWithdrawalError,
  KarakWithdrawalNotFoundError,
  KarakWithdrawalNotReadyError,
  karakVaultRevertMapper,
} from './errors.js'
export {
  isKarakWithdrawalReady,
  type KarakVaultState,
  karakAssetsToShares,
  karakFindWithdrawalNonce,
  karakMinSharesOut,
  karakSharesToAssets,
  karakWithdrawalKey,
  karakWithdrawalReadyAt,
} from './math.js'
