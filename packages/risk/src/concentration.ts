import { indexGraph, type RestakingGraph } from './graph.js'
import { normalize, type Rational } from './rational.js'

export type StakeConcentration = {
  /** Herfindahl–Hirschman index Σ share² (exact). */
  readonly hhi: Rational
  /** Effective number of operators 1/HHI (`null` when there is no stake). */
  readonly effectiveN: Rational | null
  /** Share of the k largest stakes, for k = 1..min(n, topK). */
  readonly topShares: readonly Rational[]
  /** Ids in decreasing stake order (the witness of topShares). */
  readonly ranking: readonly string[]
}

/** HHI, effective N and top-k shares of a list of stakes (any non-negative bigints). */
export function stakeConcentration(
  stakes: readonly { readonly id: string; readonly stake: bigint }[],
  topK = 5,
): StakeConcentration {
  const sorted = stakes
    .filter((s) => s.stake > 0n)
    .sort((a, b) => (a.stake > b.stake ? -1 : a.stake < b.stake ? 1 : 0))
  let total = 0n
  let sq = 0n
  for (const s of sorted) {
    total += s.stake
    sq += s.stake * s.stake
  }
  if (total === 0n) return { hhi: normalize(0n, 1n), effectiveN: null, topShares: [], ranking: [] }
  const topShares: Rational[] = []
  let acc = 0n
  for (let k = 0; k < Math.min(topK, sorted.length); k++) {
    acc += sorted[k]!.stake
    topShares.push(normalize(acc, total))
  }
  return {
    hhi: normalize(sq, total * total),
    effectiveN: normalize(total * total, sq),
    topShares,
    ranking: sorted.map((s) => s.id),
  }
}

export type NakamotoResult = {
  readonly service: string
  /** Fewest validators whose stakes reach α_s σ_{N(s)} (0 when the service has no stake). */
  readonly nakamoto: number
  /** Those validators, largest first (the witness). */
  readonly validators: readonly string[]
}

/** Attack Nakamoto coefficient: greedy by stake is optimal for the fewest validators. */
export function attackNakamoto(graph: RestakingGraph, serviceId: string): NakamotoResult {
  const ig = indexGraph(graph)
  const s = ig.serviceIndex.get(serviceId)
  if (s === undefined) throw new RangeError(`unknown service id "${serviceId}"`)
  const vs = ig.svcVals[s]!.slice().sort((a, b) =>
    ig.stake[a]! > ig.stake[b]! ? -1 : ig.stake[a]! < ig.stake[b]! ? 1 : 0,
  )
  const need = ig.thrNum[s]! * ig.sigmaN[s]!
  const mult = ig.thrDen[s]!
  const chosen: string[] = []
  let cur = 0n
  for (const v of vs) {
    if (mult * cur >= need) break
    chosen.push(ig.graph.validators[v]!.id)
    cur += ig.stake[v]!
  }
  return { service: serviceId, nakamoto: chosen.length, validators: chosen }
}

export type ServiceConcentration = NakamotoResult & StakeConcentration

export type ConcentrationResult = {
  readonly services: readonly ServiceConcentration[]
  /** Concentration of all stake across validators. */
  readonly network: StakeConcentration
  /**
   * `false` when the graph's common stake denominator exceeds `MAX_SCALE_BITS`: shares are then
   * computed from stakes rounded down to 64 significant bits (display figures, close but not exact).
   */
  readonly exact: boolean
}

/** Per service: attack Nakamoto coefficient, HHI, effective N, top-k share; and the same network-wide. */
export function concentration(graph: RestakingGraph, topK = 5): ConcentrationResult {
  const ig = indexGraph(graph)
  const stakeOf = (v: number) => ({ id: ig.graph.validators[v]!.id, stake: ig.stake[v]! })
  const services = ig.graph.services.map((svc, s) => ({
    ...attackNakamoto(graph, svc.id),
    ...stakeConcentration(ig.svcVals[s]!.map(stakeOf), topK),
  }))
  return {
    services,
    network: stakeConcentration(
      ig.graph.validators.map((_, v) => stakeOf(v)),
      topK,
    ),
    exact: ig.exact,
  }
}
