import { certifySecurity } from './certificate.js'
import {
  type Coalition,
  coalition,
  EXACT_MAX_VALIDATORS_LIMIT,
  type ExactResult,
  exactSecurity,
  MAX_NODES_LIMIT,
} from './exact.js'
import {
  attackedServices,
  checkIntegerOption,
  indexGraph,
  parseFraction,
  type RestakingGraph,
} from './graph.js'
import { add, div, min, mul, normalize, ONE, type Rational } from './rational.js'

/** Default limit on validators with positive stake for the exact worst-case-loss search. */
export const LOSS_MAX_VALIDATORS = 16
export const LOSS_MAX_NODES = 2_000_000

export type LossOptions = {
  /** Validators with positive stake past which the search is not run (default 16, at most 1000). */
  readonly maxValidators?: number
  /** Search-node budget (default 2,000,000, at most 100,000,000). */
  readonly maxNodes?: number
  /** `exactSecurity(graph)` if already computed (its γ feeds the Theorem 1 bound and the pruning). */
  readonly security?: ExactResult
}

export type LossResult = {
  readonly psi: Rational
  /**
   * L_ψ = max over shocks D with σ_D ≤ ψ σ_V and valid attacks (A, B) on G↓D of (σ_D + σ_B)/σ_V.
   * Under `fallback` this is the Theorem 1 bound instead (an upper bound), or 1 when γ ≤ 0.
   */
  readonly loss: Rational
  readonly exact: boolean
  readonly fallback: boolean
  /**
   * Why it fell back (`null` when exact): more validators than `maxValidators`, the node budget
   * `maxNodes` ran out, or the graph's common denominators exceed `MAX_SCALE_BITS`.
   */
  readonly fallbackReason: 'maxValidators' | 'maxNodes' | 'denominators' | null
  /** The shock D achieving the loss (validator ids) and its stake σ_D. */
  readonly shock: { readonly validators: readonly string[]; readonly stake: Rational } | null
  /** The valid attack on G↓D that follows the shock, or `null` when none adds to the loss. */
  readonly attack: Coalition | null
  /**
   * Theorem 1: min(1, (1 + 1/γ)ψ) for γ > 0 (ψ when γ is unbounded), `null` when γ ≤ 0.
   * γ is the exact γ* when available, else the certificate (both give a valid bound).
   */
  readonly bound: Rational | null
  readonly gamma: Rational | null
}

/**
 * Realized worst-case loss after a stake shock of size ψ (fraction of total stake), by an exact
 * search over {shocked, attacking, neither} for each validator with positive stake (bounded by
 * the stake still undecided and by π_A > σ_B). By Corollary 1 a cascade of attacks after the
 * shock is one valid attack on G↓D, so no step-by-step simulation is needed.
 */
export function worstCaseLoss(
  graph: RestakingGraph,
  psiInput: Rational | string | number,
  options: LossOptions = {},
): LossResult {
  const psi = parseFraction(psiInput, 'psi')
  const ig = indexGraph(graph)
  const maxValidators = checkIntegerOption(
    options.maxValidators,
    'maxValidators',
    0,
    EXACT_MAX_VALIDATORS_LIMIT,
    LOSS_MAX_VALIDATORS,
  )
  const maxNodes = checkIntegerOption(options.maxNodes, 'maxNodes', 0, MAX_NODES_LIMIT, LOSS_MAX_NODES)
  const ex = options.security ?? exactSecurity(graph)
  const cert = ex.exact ? null : certifySecurity(graph)
  const gamma = ex.exact ? ex.gammaExact : (cert?.gammaCert ?? null)
  const bound = theorem1Bound(gamma, psi)

  const vs: number[] = []
  for (let v = 0; v < ig.nV; v++) if (ig.stake[v]! > 0n) vs.push(v)
  if (ig.sigmaV === 0n) {
    return {
      psi,
      loss: normalize(0n, 1n),
      exact: true,
      fallback: false,
      fallbackReason: null,
      shock: null,
      attack: null,
      bound,
      gamma,
    }
  }
  const fallback = (reason: NonNullable<LossResult['fallbackReason']>): LossResult => ({
    psi,
    loss: bound ?? ONE,
    exact: false,
    fallback: true,
    fallbackReason: reason,
    shock: null,
    attack: null,
    bound,
    gamma,
  })
  if (!ig.exact) return fallback('denominators')
  if (vs.length > maxValidators) return fallback('maxValidators')
  vs.sort((a, b) => (ig.stake[a]! > ig.stake[b]! ? -1 : ig.stake[a]! < ig.stake[b]! ? 1 : 0))
  const n = vs.length
  // budget: σ_D ≤ ψ σ_V  ⇔  σ_D·psi.den ≤ psi.num·σ_V (scaled units)
  const fits = (sd: bigint) => sd * psi.den <= psi.num * ig.sigmaV
  // π scaled to stake units for the comparison π_A > σ_B: σ_B·profitScale < π·stakeScale
  const role = new Array<number>(ig.nV).fill(0) // 0 none, 1 D, 2 B
  const suffix = new Array<bigint>(n + 1).fill(0n)
  for (let i = n - 1; i >= 0; i--) suffix[i] = suffix[i + 1]! + ig.stake[vs[i]!]!
  // best loss numerator (stake units)
  let best = -1n
  let bestRole: number[] = []
  let nodes = 0
  let aborted = false
  let sD = 0n
  let sB = 0n
  // per service: stake of B, of D and still undecided in N(s)
  const curB = new Array<bigint>(ig.nS).fill(0n)
  const curD = new Array<bigint>(ig.nS).fill(0n)
  const rem = ig.sigmaN.slice()
  const profitable: number[] = []
  for (let s = 0; s < ig.nS; s++) if (ig.profit[s]! > 0n) profitable.push(s)
  /** Profit of services some completion could still attack (σ_B < π_A needs π_A above σ_B). */
  const attainableProfit = (): bigint => {
    let p = 0n
    for (const s of profitable)
      if (ig.thrDen[s]! * (curB[s]! + rem[s]!) >= ig.thrNum[s]! * (ig.sigmaN[s]! - curD[s]! - rem[s]!))
        p += ig.profit[s]!
    return p
  }
  const move = (v: number, into: bigint[] | null, sign: 1n | -1n) => {
    const st = ig.stake[v]! * sign
    for (const s of ig.valSvcs[v]!) {
      rem[s] = rem[s]! - st
      if (into) into[s] = into[s]! + st
    }
  }
  const evaluate = () => {
    let total = sD
    if (sB > 0n) {
      // every validator is decided here (rem = 0): A_D(B) from the running sums
      let p = 0n
      for (const s of profitable)
        if (ig.thrDen[s]! * curB[s]! >= ig.thrNum[s]! * (ig.sigmaN[s]! - curD[s]!)) p += ig.profit[s]!
      if (!(sB * ig.profitScale < p * ig.stakeScale)) return // not a valid attack
      total += sB
    }
    if (total > best) {
      best = total
      bestRole = role.slice()
    }
  }
  const gammaPos = gamma && gamma.num > 0n ? gamma : null
  // stop as soon as the incumbent reaches the Theorem 1 bound (nothing can exceed it)
  const cap = bound ? (bound.num * ig.sigmaV) / bound.den : ig.sigmaV
  const budget = (psi.num * ig.sigmaV) / psi.den
  // minNone: smallest stake left out of both D and B so far (−1: none). A validator left out that
  // still fits in the final shock is dominated by putting it into D (the attack stays valid: thresholds
  // on G↓D only drop), so such subtrees are skipped.
  const dfs = (i: number, minNone: bigint) => {
    if (aborted || best >= cap) return
    if (++nodes > maxNodes) {
      aborted = true
      return
    }
    // upper bound: every remaining stake joins D (within budget) or B (σ_B < attainable profit)
    // the largest σ_B with σ_B·profitScale < π_att·stakeScale (−1 when no attack can be valid)
    const x = attainableProfit() * ig.stakeScale
    const bMax = x > 0n ? (x - 1n) / ig.profitScale : -1n
    const room = (psi.num * ig.sigmaV) / psi.den - sD
    // γ > 0: (B ∪ D) attacks G, so (1+γ)π_A ≤ σ_B + σ_D with π_A > σ_B, i.e. σ_B < σ_D/γ
    const dMax = sD + minBig(suffix[i]!, room)
    if (minNone >= 0n && dMax + minNone <= budget) return
    const gMax = gammaPos ? (dMax * gammaPos.den - 1n) / gammaPos.num : bMax
    const bCap = minBig(gMax, bMax)
    if (sB > 0n && sB > bCap) {
      // B can no longer be a valid attack: only the shock can still grow
      const extraD = minBig(suffix[i]!, room)
      if (sD + extraD <= best) return
    } else {
      const roomB = bCap > sB ? bCap - sB : 0n
      const extra = suffix[i]! < room + roomB ? suffix[i]! : room + roomB
      if (sD + sB + extra <= best) return
    }
    if (i === n) {
      evaluate()
      return
    }
    const v = vs[i]!
    const st = ig.stake[v]!
    if (fits(sD + st)) {
      role[v] = 1
      sD += st
      move(v, curD, 1n)
      dfs(i + 1, minNone)
      move(v, curD, -1n)
      sD -= st
    }
    role[v] = 2
    sB += st
    move(v, curB, 1n)
    dfs(i + 1, minNone)
    move(v, curB, -1n)
    sB -= st
    role[v] = 0
    move(v, null, 1n)
    dfs(i + 1, st)
    move(v, null, -1n)
  }
  dfs(0, -1n)
  if (aborted) return fallback('maxNodes')
  const D: number[] = []
  const B: number[] = []
  bestRole.forEach((r, v) => {
    if (r === 1) D.push(v)
    if (r === 2) B.push(v)
  })
  const dFlags = new Array<boolean>(ig.nV).fill(false)
  for (const v of D) dFlags[v] = true
  const bFlags = new Array<boolean>(ig.nV).fill(false)
  for (const v of B) bFlags[v] = true
  const attack = B.length > 0 ? coalition(ig, attackedServices(ig, bFlags, dFlags), B) : null
  let sd = 0n
  for (const v of D) sd += ig.stake[v]!
  return {
    psi,
    loss: normalize(best, ig.sigmaV),
    exact: true,
    fallback: false,
    fallbackReason: null,
    shock: { validators: D.map((v) => ig.graph.validators[v]!.id), stake: normalize(sd, ig.stakeScale) },
    attack,
    bound,
    gamma,
  }
}

// Math.min does not take bigints
const minBig = (a: bigint, b: bigint): bigint => (a < b ? a : b)

/** min(1, (1 + 1/γ)ψ) when γ > 0; min(1, ψ) when γ is unbounded (`null`); `null` when γ ≤ 0. */
export function theorem1Bound(gamma: Rational | null, psi: Rational): Rational | null {
  if (gamma === null) return min(ONE, psi)
  if (gamma.num <= 0n) return null
  return min(ONE, mul(add(ONE, div(ONE, gamma)), psi))
}
