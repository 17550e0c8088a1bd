import { indexGraph, type RestakingGraph } from './graph.js'
import { div, normalize, ONE, type Rational, sub } from './rational.js'

export type CertificateContribution = {
  readonly service: string
  /** π_s / (α_s · σ_{N(s)}) */
  readonly weight: Rational
}

export type CertificateResult = {
  /**
   * γ_cert = min over validators v with σ_v > 0 of 1/T_v − 1, where
   * T_v = Σ_{s∈N(v)} π_s / (α_s σ_{N(s)}). `null` means unbounded: no service has a positive
   * profit from corruption. −1 when a service is attackable for free.
   */
  readonly gammaCert: Rational | null
  /** γ_cert ≥ 0 (or unbounded): the graph is certified secure. `false` proves nothing by itself. */
  readonly certified: boolean
  /** The validator with the largest load T_v (it sets γ_cert), with its per-service weights. */
  readonly binding: {
    readonly validator: string
    readonly load: Rational
    readonly services: readonly CertificateContribution[]
  } | null
  /** Services with π_s > 0 and no stake at all: attacked by the empty coalition. */
  readonly freeServices: readonly string[]
  /**
   * `true` when γ_cert is the exact certificate. `false` when the graph's common denominators
   * exceed `MAX_SCALE_BITS` and stakes were rounded down and profits up (see `IndexedGraph`):
   * `gammaCert` is then a lower bound of the exact certificate, so `certified: true` still
   * proves security.
   */
  readonly exact: boolean
}

/**
 * The EigenLayer-style security certificate (Durvasula & Roughgarden, Claim 1 / Corollary 2):
 * a lower bound on the exact slack, γ_cert ≤ γ*, computed in O(|E|) with one gcd per service.
 * Loads are accumulated as unnormalized fractions and compared by cross-multiplication.
 */
export function certifySecurity(graph: RestakingGraph): CertificateResult {
  const ig = indexGraph(graph)
  const free: string[] = []
  // w_s = π_s / (α_s σ_N(s)) = (stakeScale/profitScale) · profit·thrDen / (thrNum·sigmaN)
  const wNum: bigint[] = new Array(ig.nS)
  const wDen: bigint[] = new Array(ig.nS)
  for (let s = 0; s < ig.nS; s++) {
    const p = ig.profit[s]!
    if (p === 0n) {
      wNum[s] = 0n
      wDen[s] = 1n
      continue
    }
    if (ig.sigmaN[s] === 0n) {
      free.push(ig.graph.services[s]!.id)
      wNum[s] = 0n
      wDen[s] = 1n
      continue
    }
    const r = normalize(p * ig.thrDen[s]!, ig.thrNum[s]! * ig.sigmaN[s]!)
    wNum[s] = r.num
    wDen[s] = r.den
  }
  let bestV = -1
  let bestN = 0n
  let bestD = 1n
  for (let v = 0; v < ig.nV; v++) {
    if (ig.stake[v] === 0n) continue
    let n = 0n
    let d = 1n
    for (const s of ig.valSvcs[v]!) {
      const wn = wNum[s]!
      if (wn === 0n) continue
      const wd = wDen[s]!
      if (wd === d) n += wn
      else {
        n = n * wd + wn * d
        d *= wd
      }
    }
    if (n === 0n) continue
    if (bestV < 0 || n * bestD > bestN * d) {
      bestV = v
      bestN = n
      bestD = d
    }
  }
  const scale = normalize(ig.stakeScale, ig.profitScale)
  if (free.length > 0) {
    return {
      gammaCert: normalize(-1n, 1n),
      certified: false,
      binding: bindingOf(bestV),
      freeServices: free,
      exact: true,
    }
  }
  if (bestV < 0) return { gammaCert: null, certified: true, binding: null, freeServices: [], exact: true }
  const load = normalize(bestN * scale.num, bestD * scale.den)
  const gammaCert = sub(div(ONE, load), ONE)
  return {
    gammaCert,
    certified: gammaCert.num >= 0n,
    binding: bindingOf(bestV),
    freeServices: [],
    exact: ig.exact,
  }

  function bindingOf(v: number): CertificateResult['binding'] {
    if (v < 0) return null
    const services = ig.valSvcs[v]!.filter((s) => wNum[s] !== 0n).map((s) => ({
      service: ig.graph.services[s]!.id,
      weight: normalize(wNum[s]! * scale.num, wDen[s]! * scale.den),
    }))
    return {
      validator: ig.graph.validators[v]!.id,
      load: normalize(bestN * scale.num, bestD * scale.den),
      services,
    }
  }
}
