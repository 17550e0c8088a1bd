import { slashableShares } from './eigenlayer.js'
import { add, mul, normalize, type Rational, ZERO } from './rational.js'
import { operatorSetId } from './snapshot.js'

export type LrtDelegation = { readonly operator: string; readonly amount: bigint }

export type LrtServiceExposure = {
  readonly service: string
  /** Σ_o delegated_{L,o} · slashableShare_{o,s} (exact, in the LRT's asset units). */
  readonly exposure: Rational
  /** The operators it comes through (the witness). */
  readonly through: readonly { readonly operator: string; readonly amount: Rational }[]
}

/**
 * LRT look-through: the exposure of an LRT to each service, given its delegations per operator and
 * each operator's slashable share per service (e.g. magnitude / maxMagnitude under EigenLayer).
 * Sorted by exposure, largest first.
 */
export function lrtExposure(
  delegations: readonly LrtDelegation[],
  slashableShare:
    | ReadonlyMap<string, ReadonlyMap<string, Rational>>
    | Record<string, Record<string, Rational>>,
): LrtServiceExposure[] {
  const get = (op: string): Iterable<[string, Rational]> => {
    if (slashableShare instanceof Map) return (slashableShare.get(op) ?? new Map()).entries()
    return Object.entries((slashableShare as Record<string, Record<string, Rational>>)[op] ?? {})
  }
  const by = new Map<string, { exposure: Rational; through: { operator: string; amount: Rational }[] }>()
  for (const d of delegations) {
    for (const [service, share] of get(d.operator)) {
      const amount = mul(normalize(d.amount, 1n), share)
      if (amount.num === 0n) continue
      let e = by.get(service)
      if (!e) {
        e = { exposure: ZERO, through: [] }
        by.set(service, e)
      }
      e.exposure = add(e.exposure, amount)
      e.through.push({ operator: d.operator, amount })
    }
  }
  return [...by.entries()]
    .map(([service, e]) => ({ service, exposure: e.exposure, through: e.through }))
    .sort((a, b) => {
      const l = a.exposure.num * b.exposure.den
      const r = b.exposure.num * a.exposure.den
      return l > r ? -1 : l < r ? 1 : a.service < b.service ? -1 : 1
    })
}

// ---------------------------------------------------------------------------------------------
// LRT look-through from an LRT's backing (`getBacking` of @restakekit/lrt)
//
// The types below are structural: @restakekit/lrt's `LrtBacking` and core's `getAllocations`
// result fit them, so risk depends on core only and lrt need not depend on risk (nor risk on lrt):
// the graph stays core ← lrt, core ← risk, and a user passes one's result to the other.

/** An LRT's EigenLayer backing, as `getBacking` of @restakekit/lrt returns it (one page, or pages' stakers joined). */
export type LrtBackingInput = {
  readonly stakers: readonly {
    readonly staker: string
    /** The staker's EigenLayer operator, null when undelegated. */
    readonly operator: string | null
    readonly positions: readonly {
      readonly strategy: string
      readonly asset?: string | undefined
      /** Withdrawable shares. */
      readonly shares: bigint
      /** The shares' value in the strategy's token. */
      readonly amount: bigint
    }[]
  }[]
}

/** An operator's allocations, as core's `getAllocations` returns them (the fields read here). */
export type OperatorAllocationsInput = {
  readonly operator: string
  readonly operatorSets: readonly {
    readonly operatorSet: { readonly avs: string; readonly id: number }
    readonly strategies: readonly {
      readonly strategy: string
      readonly currentMagnitude: bigint
      readonly maxMagnitude: bigint
    }[]
  }[]
}

/** What one operator set can slash of an LRT's backing in one strategy, through one operator. */
export type LrtOperatorSetExposure = {
  /** Service id (`operatorSetId`: `eigenlayer:<avs>:<id>`). */
  readonly service: string
  readonly operatorSet: { readonly avs: string; readonly id: number }
  readonly operator: string
  /** magnitude / maxMagnitude of the operator in the strategy, exact. */
  readonly share: Rational
  /** Σ over the operator's stakers of core's `slashableShares(shares, magnitude, maxMagnitude)` (the contracts' rounding). */
  readonly shares: bigint
  /** Σ amount · magnitude / maxMagnitude, exact, in the strategy's token. */
  readonly amount: Rational
}

/** An LRT's backing in one strategy, looked through to the operator sets that can slash it. */
export type LrtStrategyLookThrough = {
  readonly strategy: string
  readonly asset?: string | undefined
  /** The backing's withdrawable shares in the strategy and their value, summed over the stakers. */
  readonly shares: bigint
  readonly amount: bigint
  /** The part held by undelegated stakers (slashable by no operator set). */
  readonly undelegated: { readonly shares: bigint; readonly amount: bigint }
  /** Per operator and operator set it allocates the strategy to. */
  readonly operatorSets: readonly LrtOperatorSetExposure[]
  /** Per service, summed over operators (`lrtExposure`), largest first. */
  readonly exposures: readonly LrtServiceExposure[]
}

const lower = (a: string) => a.toLowerCase()

/**
 * The look-through of an LRT's backing (pure): per strategy, the operator sets each staker's
 * operator allocates it to, with the shares (core's EigenLayer rounding) and the amount (exact)
 * each set can slash, and `lrtExposure` per service. `allocations` holds each operator's
 * allocations (core's `getAllocations`); an operator without them counts as allocating nothing.
 */
export function lrtBackingExposure(
  backing: LrtBackingInput,
  allocations: readonly OperatorAllocationsInput[],
): LrtStrategyLookThrough[] {
  const allocationsOf = new Map(allocations.map((a) => [lower(a.operator), a]))
  type Acc = {
    strategy: string
    asset?: string | undefined
    shares: bigint
    amount: bigint
    undelegated: { shares: bigint; amount: bigint }
    byOperator: Map<string, { operator: string; shares: bigint[]; amount: bigint }>
  }
  const strategies = new Map<string, Acc>()
  for (const s of backing.stakers)
    for (const p of s.positions) {
      let acc = strategies.get(lower(p.strategy))
      if (!acc) {
        acc = {
          strategy: p.strategy,
          ...(p.asset !== undefined ? { asset: p.asset } : {}),
          shares: 0n,
          amount: 0n,
          undelegated: { shares: 0n, amount: 0n },
          byOperator: new Map(),
        }
        strategies.set(lower(p.strategy), acc)
      }
      acc.shares += p.shares
      acc.amount += p.amount
      if (s.operator === null) {
        acc.undelegated.shares += p.shares
        acc.undelegated.amount += p.amount
        continue
      }
      let o = acc.byOperator.get(lower(s.operator))
      if (!o) {
        o = { operator: s.operator, shares: [], amount: 0n }
        acc.byOperator.set(lower(s.operator), o)
      }
      // each staker's slashable part is rounded on its own, as the contracts round per staker
      o.shares.push(p.shares)
      o.amount += p.amount
    }
  return [...strategies.values()].map((acc) => {
    const operatorSets: LrtOperatorSetExposure[] = []
    const shareOf = new Map<string, Map<string, Rational>>()
    for (const o of acc.byOperator.values()) {
      const perSet = new Map<string, Rational>()
      for (const set of allocationsOf.get(lower(o.operator))?.operatorSets ?? []) {
        const st = set.strategies.find((x) => lower(x.strategy) === lower(acc.strategy))
        if (!st || st.currentMagnitude === 0n || st.maxMagnitude === 0n) continue
        const service = operatorSetId(set.operatorSet)
        const share = normalize(st.currentMagnitude, st.maxMagnitude)
        perSet.set(service, share)
        operatorSets.push({
          service,
          operatorSet: { avs: set.operatorSet.avs, id: set.operatorSet.id },
          operator: o.operator,
          share,
          shares: o.shares.reduce((t, x) => t + slashableShares(x, st.currentMagnitude, st.maxMagnitude), 0n),
          amount: mul(normalize(o.amount, 1n), share),
        })
      }
      shareOf.set(o.operator, perSet)
    }
    const delegations = [...acc.byOperator.values()].map((o) => ({ operator: o.operator, amount: o.amount }))
    return {
      strategy: acc.strategy,
      ...(acc.asset !== undefined ? { asset: acc.asset } : {}),
      shares: acc.shares,
      amount: acc.amount,
      undelegated: acc.undelegated,
      operatorSets,
      exposures: lrtExposure(delegations, shareOf),
    }
  })
}
