/**
 * Karak v2 staker actions (`@restakekit/core/karak`).
 *
 * - Reads: `getKarakVault`, `getKarakOperatorVaults`, `getKarakPositions` (shares, their value and
 *   queued withdrawals with ready times, and with a known Core the vault's slashing exposure; ≤ 2 round
 *   trips), `getKarakQueuedWithdrawals`,
 *   `getKarakWithdrawal`; `planKarakPositions` exposes the two read stages for a cross-protocol portfolio.
 * - Writes, each as `prepareX` (frozen calls) → `simulateX` → `x` (validate, simulate, send) →
 *   `waitForX` (receipt and typed events): `depositToKarakVault` (with `minSharesOut`),
 *   `startKarakRedeem` (includes the share approval Karak's vault needs), `finishKarakRedeem`
 *   (only once `MIN_WITHDRAWAL_DELAY` has passed; `KarakWithdrawalNotReadyError` names the ready time).
 * - Deployments: `karakDeployments` (mainnet Core and the other chains of Karak's deploy configs);
 *   pass a `KarakDeployment` for the devnet or a fork.
 *
 * On the restakekit devnet, Karak is a Solidity test double (`@restakekit/devnet`,
 * `contracts/Karak*.sol`) with Karak v2's interface and semantics, not Karak's bytecode.
 */
export { karakCoreAbi, karakTokenErrorsAbi, karakVaultAbi, karakVaultRevertAbi } from './abis.js'
export * from './actions/depositToKarakVault.js'
export * from './actions/finishKarakRedeem.js'
export * from './actions/getKarakOperatorVaults.js'
export * from './actions/getKarakPositions.js'
export * from './actions/getKarakVault.js'
export * from './actions/startKarakRedeem.js'
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
  KarakVaultPausedError,
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
export { karak } from './module.js'
export { type KarakPortfolioOptions, karakPortfolio } from './portfolio.js'
