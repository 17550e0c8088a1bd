import fc from 'fast-check'
import { attackedServices, indexGraph, parseGraph, type RestakingGraph } from '../src/graph.js'
import { format, normalize, type Rational } from '../src/rational.js'

/** μ by enumerating every B ⊆ V (reference for the exact search). `null` = unbounded. */
export function bruteMu(g: RestakingGraph): Rational | null {
  const ig = indexGraph(g)
  let best: Rational | null = null
  for (let mask = 0; mask < 1 << ig.nV; mask++) {
    const inB = Array.from({ length: ig.nV }, (_, v) => ((mask >> v) & 1) === 1)
    let p = 0n
    for (const s of attackedServices(ig, inB)) p += ig.profit[s]!
    if (p === 0n) continue
    let st = 0n
    for (let v = 0; v < ig.nV; v++) if (inB[v]) st += ig.stake[v]!
    const r = normalize(st * ig.profitScale, p * ig.stakeScale)
    if (!best || r.num * best.den < best.num * r.den) best = r
  }
  return best
}

/** L_ψ by enumerating every (D, B) (reference for worstCaseLoss). */
export function bruteLoss(g: RestakingGraph, psi: Rational): Rational {
  const ig = indexGraph(g)
  let best = 0n
  const n = ig.nV
  const total = 3 ** n
  for (let code = 0; code < total; code++) {
    const inB = new Array<boolean>(n).fill(false)
    const inD = new Array<boolean>(n).fill(false)
    let c = code
    let sD = 0n
    let sB = 0n
    for (let v = 0; v < n; v++) {
      const r = c % 3
      c = Math.floor(c / 3)
      if (r === 1) {
        inD[v] = true
        sD += ig.stake[v]!
      } else if (r === 2) {
        inB[v] = true
        sB += ig.stake[v]!
      }
    }
    if (sD * psi.den > psi.num * ig.sigmaV) continue
    let loss = sD
    if (sB > 0n) {
      let p = 0n
      for (const s of attackedServices(ig, inB, inD)) p += ig.profit[s]!
      if (sB * ig.profitScale < p * ig.stakeScale) loss += sB
    }
    if (loss > best) best = loss
  }
  return ig.sigmaV === 0n ? normalize(0n, 1n) : normalize(best, ig.sigmaV)
}

const ratArb = (maxNum: number, dens: number[]) =>
  fc
    .tuple(fc.integer({ min: 0, max: maxNum }), fc.constantFrom(...dens))
    .map(([n, d]) => (d === 1 ? n : `${n}/${d}`))

/** Random small restaking graphs (≤ maxV validators). */
export const graphArb = (maxV = 8, maxS = 5) =>
  fc
    .record({
      nS: fc.integer({ min: 1, max: maxS }),
      nV: fc.integer({ min: 1, max: maxV }),
      seed: fc.array(fc.boolean(), { minLength: maxS * maxV, maxLength: maxS * maxV }),
      profits: fc.array(ratArb(40, [1, 1, 2, 3]), { minLength: maxS, maxLength: maxS }),
      stakes: fc.array(ratArb(20, [1, 1, 1, 2]), { minLength: maxV, maxLength: maxV }),
      thresholds: fc.array(
        fc.oneof(
          fc.constantFrom('1/3', '1/2', '2/3', 1),
          fc
            .tuple(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }))
            .map(([a, b]) => `${Math.min(a, b)}/${Math.max(a, b)}`),
        ),
        { minLength: maxS, maxLength: maxS },
      ),
    })
    .map(({ nS, nV, seed, profits, stakes, thresholds }) =>
      parseGraph({
        services: Array.from({ length: nS }, (_, i) => ({
          id: `s${i}`,
          profit: profits[i]!,
          threshold: thresholds[i]!,
        })),
        validators: Array.from({ length: nV }, (_, i) => ({ id: `v${i}`, stake: stakes[i]! })),
        edges: Array.from({ length: nS * nV }, (_, k) => k)
          .filter((k) => seed[k])
          .map((k) => [`s${Math.floor(k / nV)}`, `v${k % nV}`] as [string, string]),
      }),
    )

export const str = (r: Rational | null | undefined) => (r == null ? String(r) : format(r))
