import { add, mul, normalize, type Rational, ZERO } from './rational.js'

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
