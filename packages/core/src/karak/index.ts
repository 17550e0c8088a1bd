/**
 * Karak v2 staker actions (`@restakekit/core/karak`, bound as `client.restaking.karak`).
 *
 * - Reads: `getVault`, `getOperatorVaults`, `getPositions` (shares, their value and queued
 *   withdrawals with readiness, and with a known Core the vault's slashing exposure; ≤ 2 round
 *   trips), `getQueuedWithdrawals`, `getWithdrawal`; `planPositions` is the read plan behind
 *   `getPositions`, for a cross-protocol portfolio.
 * - Writes, each as `prepareX` (frozen calls) → `simulateX` → `x` (checks, approval, simulate,
 *   send) → `waitForX` (receipt and typed events): `deposit` (with `minSharesOut`), `startRedeem`
 *   (includes the share approval Karak's vault needs), `finishRedeem` (one withdrawal, only once
 *   `MIN_WITHDRAWAL_DELAY` has passed; core's `WithdrawalNotReadyError` says when otherwise).
 * - Deployments: `karakDeployments` (mainnet Core and the other chains of Karak's deploy configs);
 *   pass a `KarakDeployment` for the devnet or a fork.
 *
 * On the restakekit devnet, Karak is a Solidity test double (`@restakekit/devnet`,
 * `contracts/Karak*.sol`) with Karak v2's interface and semantics, not Karak's bytecode.
 */
export {
  karakCoreAbi,
  karakCoreViewsAbi,
  karakTokenErrorsAbi,
  karakVaultAbi,
  karakVaultRevertAbi,
  karakVaultViewsAbi,
  karakVaultWritesAbi,
} from './abis.js'
export * from './actions/deposit.js'
export * from './actions/finishRedeem.js'
export * from './actions/getOperatorVaults.js'
export * from './actions/getPositions.js'
export * from './actions/getVault.js'
export * from './actions/getWithdrawal.js'
export * from './actions/startRedeem.js'
export {
  KARAK_HUNDRED_PERCENT_WAD,
  KARAK_MIN_WITHDRAWAL_DELAY,
  KARAK_SLASHING_VETO_WINDOW,
  type KarakDeployment,
  karakDeployments,
} from './deployments.js'
export {
  type KarakError,
  type KarakRevertContext,
  KarakSlippageError,
  KarakUnknownWithdrawalError,
  KarakVaultNotFoundError,
  KarakVaultPausedError,
  KarakWithdrawalNotFoundError,
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
