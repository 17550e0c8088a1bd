// EigenLayer exposure analysis. The protocol math (WAD arithmetic, slashable shares, the magnitude
// and operator shares a slash removes, withdrawable shares, the slashing factor) is core's
// (@restakekit/core/eigenlayer math.ts): one place, imported here, never restated.
import {
  slashableShares as coreSlashableShares,
  slashedMagnitude as coreSlashedMagnitude,
  slashingFactor as coreSlashingFactor,
  minimumSlashableMagnitude,
  slashedOperatorShares,
  toWithdrawableShares,
  WAD,
} from '@restakekit/core/eigenlayer'
import { normalize, type Rational, sum, ZERO } from './rational.js'

/** EigenLayer fixed point (1e18), `mulWad` and `divWad`: core's. */
export { divWad, mulWad, WAD } from '@restakekit/core/eigenlayer'

/** One allocation of an operator's magnitude in one strategy to one operator set. */
export type MagnitudeAllocation = {
  /** Operator set key, e.g. `${avs}-${id}`. */
  readonly operatorSet: string
  readonly currentMagnitude: bigint
  /** Pending change (negative: a deallocation still slashable until `effectBlock`). */
  readonly pendingDiff?: bigint
  readonly effectBlock?: number
}

/** An operator's state in one strategy. */
export type OperatorStrategyState = {
  readonly maxMagnitude: bigint
  /** DelegationManager.operatorShares(operator, strategy). */
  readonly operatorShares: bigint
  readonly allocations: readonly MagnitudeAllocation[]
}

export type SlashableStake = {
  readonly operatorSet: string
  readonly magnitude: bigint
  /** magnitude / maxMagnitude, exact. */
  readonly proportion: Rational
  /** mulWad(operatorShares, divWad(magnitude, maxMagnitude)): what AllocationManager.getAllocatedStake returns. */
  readonly slashable: bigint
}

/**
 * Magnitude counted for slashing at `futureBlock` (getMinimumSlashableStake semantics: a pending
 * deallocation whose effect block is ≤ futureBlock is applied; without `futureBlock` the current magnitude).
 */
export function effectiveMagnitude(a: MagnitudeAllocation, futureBlock?: number): bigint {
  if (futureBlock === undefined || a.pendingDiff === undefined || a.effectBlock === undefined)
    return a.currentMagnitude
  return minimumSlashableMagnitude(
    { currentMagnitude: a.currentMagnitude, pendingDiff: a.pendingDiff, effectBlock: a.effectBlock },
    futureBlock,
  )
}

/** Slashable stake of `shares` for a magnitude, rounded down as the contracts do (core's `slashableShares`). */
export const slashableShares = (shares: bigint, magnitude: bigint, maxMagnitude: bigint): bigint =>
  coreSlashableShares(shares, magnitude, maxMagnitude)

/** Unique stake (ELIP-002): the slashable stake of the operator in each operator set. */
export function slashableStakes(state: OperatorStrategyState, futureBlock?: number): SlashableStake[] {
  return state.allocations.map((a) => {
    const magnitude = effectiveMagnitude(a, futureBlock)
    return {
      operatorSet: a.operatorSet,
      magnitude,
      proportion: state.maxMagnitude === 0n ? ZERO : normalize(magnitude, state.maxMagnitude),
      slashable: slashableShares(state.operatorShares, magnitude, state.maxMagnitude),
    }
  })
}

/** Σ magnitude / maxMagnitude: the fraction of delegated stake all operator sets together can slash. */
export function allocatedProportion(state: OperatorStrategyState): Rational {
  if (state.maxMagnitude === 0n) return ZERO
  let t = 0n
  for (const a of state.allocations) t += a.currentMagnitude
  return normalize(t, state.maxMagnitude)
}

export type SlashEffect = {
  readonly operatorSet: string
  /** wadToSlash as given (fraction of the set's allocation, 1e18 = 100%). */
  readonly wadToSlash: bigint
  /** ceil(currentMagnitude · wad / 1e18): taken from magnitude, max magnitude and encumbered magnitude. */
  readonly slashedMagnitude: bigint
  /** operatorShares − ceil(operatorShares · newMax / prevMax). */
  readonly sharesSlashed: bigint
  readonly after: OperatorStrategyState
  /** Slashable stake of every operator set before and after. */
  readonly sets: readonly { readonly operatorSet: string; readonly before: bigint; readonly after: bigint }[]
}

/**
 * The effect of `slashOperator` on every operator set of the operator in one strategy: the slashed
 * set loses `ceil(mag·wad/1e18)` of magnitude and max magnitude, pending deallocations shrink by
 * `ceil(|diff|·wad/1e18)`, operator shares scale by newMax/prevMax (rounded up); other sets keep
 * their absolute slashable stake (up to rounding).
 */
export function applySlash(
  state: OperatorStrategyState,
  operatorSet: string,
  wadToSlash: bigint,
): SlashEffect {
  if (wadToSlash <= 0n || wadToSlash > WAD) throw new RangeError('wadToSlash must be in (0, 1e18]')
  const target = state.allocations.find((a) => a.operatorSet === operatorSet)
  if (!target) throw new RangeError(`operator has no allocation to operator set ${operatorSet}`)
  const slashedMagnitude = coreSlashedMagnitude(target.currentMagnitude, wadToSlash)
  const prevMax = state.maxMagnitude
  const newMax = prevMax - slashedMagnitude
  const newShares =
    prevMax === 0n ? 0n : state.operatorShares - slashedOperatorShares(state.operatorShares, prevMax, newMax)
  const after: OperatorStrategyState = {
    maxMagnitude: newMax,
    operatorShares: newShares,
    allocations: state.allocations.map((a) => {
      if (a.operatorSet !== operatorSet) return a
      const next: MagnitudeAllocation = { ...a, currentMagnitude: a.currentMagnitude - slashedMagnitude }
      if (a.pendingDiff !== undefined && a.pendingDiff < 0n)
        return { ...next, pendingDiff: -(-a.pendingDiff - coreSlashedMagnitude(-a.pendingDiff, wadToSlash)) }
      return next
    }),
  }
  const before = slashableStakes(state)
  const afterStakes = slashableStakes(after)
  return {
    operatorSet,
    wadToSlash,
    slashedMagnitude,
    sharesSlashed: state.operatorShares - newShares,
    after,
    sets: before.map((b, i) => ({
      operatorSet: b.operatorSet,
      before: b.slashable,
      after: afterStakes[i]!.slashable,
    })),
  }
}

/** Withdrawable shares = mulWad(mulWad(depositShares, dsf), slashingFactor); a stored dsf of 0 means WAD. */
export function withdrawableShares(
  depositShares: bigint,
  depositScalingFactor: bigint,
  slashingFactor: bigint,
): bigint {
  return toWithdrawableShares({ depositShares, depositScalingFactor, slashingFactor })
}

/** Slashing factor: maxMagnitude, times beaconChainSlashingFactor for the beacon-chain ETH strategy (core's). */
export const slashingFactor = (maxMagnitude: bigint, beaconChainSlashingFactor?: bigint): bigint =>
  coreSlashingFactor(
    beaconChainSlashingFactor === undefined ? { maxMagnitude } : { maxMagnitude, beaconChainSlashingFactor },
  )

export type PositionExposure = {
  readonly shares: bigint
  /** Per operator set: the staker's slashable part, contract rounding. */
  readonly sets: readonly {
    readonly operatorSet: string
    readonly proportion: Rational
    readonly slashable: bigint
  }[]
  /** Σ slashable: what is lost if every operator set slashes its whole allocation. */
  readonly worstCase: bigint
  /** Σ proportions (≤ 1 under unique stake). */
  readonly worstCaseFraction: Rational
}

/**
 * Worst-case loss of a staker's withdrawable shares in one strategy across every operator set its
 * operator allocates to (unique stake: the sets' slashable parts are disjoint, so they add).
 */
export function positionExposure(
  shares: bigint,
  state: OperatorStrategyState,
  futureBlock?: number,
): PositionExposure {
  const sets = slashableStakes(state, futureBlock).map((s) => ({
    operatorSet: s.operatorSet,
    proportion: s.proportion,
    slashable: slashableShares(shares, s.magnitude, state.maxMagnitude),
  }))
  let worstCase = 0n
  for (const s of sets) worstCase += s.slashable
  return { shares, sets, worstCase, worstCaseFraction: sum(sets.map((s) => s.proportion)) }
}
