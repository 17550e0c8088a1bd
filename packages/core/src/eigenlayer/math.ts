// Pure EigenLayer math (no I/O), equal to the contracts' integer arithmetic:
// SlashingLib (deposit scaling factor, slashing factor, withdrawable shares), StrategyBase (shares
// ↔ underlying with virtual offsets) and AllocationManager (slashable stake from magnitudes).

/** 1e18, the fixed-point unit of magnitudes, scaling factors and slashing factors. */
export const WAD = 10n ** 18n

/** StrategyBase's virtual share and balance offsets (inflation-attack guard). */
export const SHARES_OFFSET = 10n ** 3n
export const BALANCE_OFFSET = 10n ** 3n

/** `x * y / 1e18`, rounded down (OpenZeppelin `mulDiv`, as SlashingLib's `mulWad`). */
export function mulWad(x: bigint, y: bigint): bigint {
  return (x * y) / WAD
}

/** `x * 1e18 / y`, rounded down (SlashingLib's `divWad`). Throws on `y = 0` like the contract reverts. */
export function divWad(x: bigint, y: bigint): bigint {
  if (y === 0n) throw new RangeError('divWad by zero')
  return (x * WAD) / y
}

/** `x * y / 1e18`, rounded up (SlashingLib's `mulWadRoundUp`, used when slashing magnitudes). */
export function mulWadRoundUp(x: bigint, y: bigint): bigint {
  const p = x * y
  return p / WAD + (p % WAD === 0n ? 0n : 1n)
}

/** A stored deposit scaling factor of 0 means WAD (never set). */
export function effectiveScalingFactor(depositScalingFactor: bigint): bigint {
  return depositScalingFactor === 0n ? WAD : depositScalingFactor
}

/**
 * The staker's slashing factor for a strategy: the operator's max magnitude (WAD when not
 * delegated), times the beacon-chain slashing factor for the beacon-chain ETH strategy.
 */
export function slashingFactor(params: {
  maxMagnitude: bigint
  /** `EigenPodManager.beaconChainSlashingFactor(staker)`; pass it only for the beacon-chain ETH strategy. */
  beaconChainSlashingFactor?: bigint
}): bigint {
  return params.beaconChainSlashingFactor === undefined
    ? params.maxMagnitude
    : mulWad(params.maxMagnitude, params.beaconChainSlashingFactor)
}

/** Withdrawable shares from deposit shares: `depositShares · dsf · sf` (each step rounded down). */
export function toWithdrawableShares(params: {
  depositShares: bigint
  depositScalingFactor: bigint
  slashingFactor: bigint
}): bigint {
  return mulWad(
    mulWad(params.depositShares, effectiveScalingFactor(params.depositScalingFactor)),
    params.slashingFactor,
  )
}

/**
 * Deposit shares from withdrawable shares: `withdrawable / dsf / sf` (each step rounded down), as
 * `DelegationManager.convertToDepositShares`. A zero slashing factor (fully slashed) gives 0.
 */
export function toDepositShares(params: {
  withdrawableShares: bigint
  depositScalingFactor: bigint
  slashingFactor: bigint
}): bigint {
  if (params.slashingFactor === 0n) return 0n
  return divWad(
    divWad(params.withdrawableShares, effectiveScalingFactor(params.depositScalingFactor)),
    params.slashingFactor,
  )
}

/** The deposit scaling factor after adding `addedShares` (a deposit, or shares received from a withdrawal). */
export function updateDepositScalingFactor(params: {
  depositScalingFactor: bigint
  prevDepositShares: bigint
  addedShares: bigint
  slashingFactor: bigint
}): bigint {
  const dsf = effectiveScalingFactor(params.depositScalingFactor)
  if (params.prevDepositShares === 0n) return divWad(dsf, params.slashingFactor)
  const withdrawable = toWithdrawableShares({
    depositShares: params.prevDepositShares,
    depositScalingFactor: dsf,
    slashingFactor: params.slashingFactor,
  })
  return divWad(
    divWad(withdrawable + params.addedShares, params.prevDepositShares + params.addedShares),
    params.slashingFactor,
  )
}

/** `scaledShares` of a queued withdrawal: `depositSharesToWithdraw · dsf`. */
export function toScaledShares(params: { depositShares: bigint; depositScalingFactor: bigint }): bigint {
  return mulWad(params.depositShares, effectiveScalingFactor(params.depositScalingFactor))
}

/** Shares a queued withdrawal pays out: `scaledShares · sf` (sf at the withdrawal's ready block). */
export function withdrawalShares(params: { scaledShares: bigint; slashingFactor: bigint }): bigint {
  return mulWad(params.scaledShares, params.slashingFactor)
}

// ---------------------------------------------------------------- StrategyBase

export type StrategyState = {
  /** `strategy.totalShares()`. */
  totalShares: bigint
  /** The strategy's underlying token balance. */
  tokenBalance: bigint
}

/** `StrategyBase.sharesToUnderlyingView`: `(balance + 1e3) · shares / (totalShares + 1e3)`, rounded down. */
export function sharesToUnderlying(shares: bigint, state: StrategyState): bigint {
  return ((state.tokenBalance + BALANCE_OFFSET) * shares) / (state.totalShares + SHARES_OFFSET)
}

/** `StrategyBase.underlyingToSharesView`: `amount · (totalShares + 1e3) / (balance + 1e3)`, rounded down. */
export function underlyingToShares(amount: bigint, state: StrategyState): bigint {
  return (amount * (state.totalShares + SHARES_OFFSET)) / (state.tokenBalance + BALANCE_OFFSET)
}

/**
 * Shares a deposit of `amount` mints: the strategy prices it against the balance *before* the
 * transfer. `state` is the strategy before the deposit.
 */
export function depositToShares(amount: bigint, state: StrategyState): bigint {
  return underlyingToShares(amount, state)
}

/** The strategy after a deposit of `amount` (for chaining predictions). */
export function afterDeposit(amount: bigint, state: StrategyState): StrategyState {
  return {
    totalShares: state.totalShares + depositToShares(amount, state),
    tokenBalance: state.tokenBalance + amount,
  }
}

/**
 * The shares probe used to recover a StrategyBase's virtual token balance from one view call in
 * the same batch as `totalShares()`: `sharesToUnderlyingView(2^128)`.
 */
export const RATE_PROBE_SHARES = 2n ** 128n

/**
 * Recovers the exact StrategyBase state from `totalShares` and `sharesToUnderlyingView(2^128)`:
 * with `A = balance + 1e3`, `B = totalShares + 1e3 ≤ 2^128`, the probe `r = ⌊A·2^128/B⌋` pins
 * `A = ⌊(r+1)·B/2^128⌋` exactly. Lets a batched read convert any share amount without a second
 * round trip. Returns `undefined` when the bound does not hold.
 */
export function strategyStateFromProbe(totalShares: bigint, probe: bigint): StrategyState | undefined {
  const B = totalShares + SHARES_OFFSET
  if (B > RATE_PROBE_SHARES) return undefined
  const A = ((probe + 1n) * B) / RATE_PROBE_SHARES
  if (A < BALANCE_OFFSET) return undefined
  return { totalShares, tokenBalance: A - BALANCE_OFFSET }
}

// ---------------------------------------------------------------- allocations

export type AllocationState = {
  currentMagnitude: bigint
  /** Signed pending change (negative: a pending deallocation). */
  pendingDiff: bigint
  /** Block from which the pending change applies. */
  effectBlock: number | bigint
}

/** The magnitude slashable until `futureBlock`: a pending *deallocation* effective by then is applied. */
export function minimumSlashableMagnitude(allocation: AllocationState, futureBlock: number | bigint): bigint {
  if (allocation.pendingDiff < 0n && BigInt(allocation.effectBlock) <= BigInt(futureBlock)) {
    return allocation.currentMagnitude + allocation.pendingDiff
  }
  return allocation.currentMagnitude
}

/**
 * Slashable stake of an operator in one strategy for one operator set:
 * `operatorShares · (magnitude / maxMagnitude)` (AllocationManager `getMinimumSlashableStake`;
 * with `futureBlock` = the current block, `getAllocatedStake`). 0 when max magnitude is 0.
 */
export function slashableStake(params: {
  operatorShares: bigint
  allocation: AllocationState
  maxMagnitude: bigint
  futureBlock: number | bigint
}): bigint {
  const magnitude = minimumSlashableMagnitude(params.allocation, params.futureBlock)
  return slashableShares(params.operatorShares, magnitude, params.maxMagnitude)
}

/**
 * The part of `shares` a magnitude makes slashable: `mulWad(shares, divWad(magnitude, maxMagnitude))`,
 * each step rounded down as the AllocationManager does (0 when max magnitude is 0). For an
 * operator's shares this is its slashable stake; for a staker's, the staker's slashable part.
 */
export function slashableShares(shares: bigint, magnitude: bigint, maxMagnitude: bigint): bigint {
  if (maxMagnitude === 0n) return 0n
  return mulWad(shares, divWad(magnitude, maxMagnitude))
}

/**
 * The operator shares a slash removes when max magnitude drops from `prevMaxMagnitude` to
 * `newMaxMagnitude`: `shares − ceil(shares · newMax / prevMax)` (SlashingLib, rounded up in the
 * protocol's favour). 0 when the previous max magnitude is 0.
 */
export function slashedOperatorShares(
  operatorShares: bigint,
  prevMaxMagnitude: bigint,
  newMaxMagnitude: bigint,
): bigint {
  if (prevMaxMagnitude === 0n) return 0n
  const p = operatorShares * newMaxMagnitude
  const kept = p / prevMaxMagnitude + (p % prevMaxMagnitude === 0n ? 0n : 1n)
  return operatorShares - kept
}

/** The magnitude a slash of `wadToSlash` removes from an allocation (rounded up, as the contract). */
export function slashedMagnitude(currentMagnitude: bigint, wadToSlash: bigint): bigint {
  return mulWadRoundUp(currentMagnitude, wadToSlash)
}
