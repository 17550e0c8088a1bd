import { certifySecurity } from './certificate.js'
import {
  attackedServices,
  checkIntegerOption,
  type IndexedGraph,
  indexGraph,
  type RestakingGraph,
} from './graph.js'
import { normalize, ONE, type Rational, sub } from './rational.js'

/** Default limit on the validators of one connected component that the exact search accepts. */
export const EXACT_MAX_VALIDATORS = 64
/** Default budget of search nodes per component before giving up (then the result falls back). */
export const EXACT_MAX_NODES = 2_000_000
/**
 * Largest `maxValidators` accepted (the search recurses once per validator of a component, and
 * past a few thousand frames the stack overflows); larger values are an `InvalidGraphError`.
 */
export const EXACT_MAX_VALIDATORS_LIMIT = 1000
/** Largest `maxNodes` accepted (about a minute of search per component). */
export const MAX_NODES_LIMIT = 100_000_000

export type Coalition = {
  /** A = A(B): every service whose threshold B meets. */
  readonly services: readonly string[]
  /** B */
  readonly validators: readonly string[]
  /** π_A */
  readonly profit: Rational
  /** σ_B */
  readonly stake: Rational
}

export type ExactOptions = {
  /**
   * Components with more validators that matter than this are not searched (default 64, at most
   * {@link EXACT_MAX_VALIDATORS_LIMIT}).
   */
  readonly maxValidators?: number
  /** Search-node budget per component (default 2,000,000, at most {@link MAX_NODES_LIMIT}). */
  readonly maxNodes?: number
}

export type ExactResult = {
  /**
   * γ* = μ − 1 with μ = min_B σ_B / π_{A(B)}. `null` means unbounded (no service can be attacked
   * for a positive profit). When `fallback` is set this is a lower bound (the certificate of the
   * components that were too large), not the exact value.
   */
  readonly gammaExact: Rational | null
  /** γ* ≥ 0. `null` when the search fell back and the bounds do not decide it. */
  readonly secure: boolean | null
  /** `true` when `gammaExact` is exact. */
  readonly exact: boolean
  /** Some component exceeded the size limit or the node budget; `gammaExact` is a bound. */
  readonly fallback: boolean
  /**
   * Why the result fell back (`null` when exact): `'maxValidators'` a component was larger than
   * the limit, `'maxNodes'` a search ran out of its node budget, `'denominators'` the graph's
   * common denominators exceed `MAX_SCALE_BITS` (no search is run; `gammaExact` is the
   * certificate's lower bound on rounded values).
   */
  readonly fallbackReason: 'maxValidators' | 'maxNodes' | 'denominators' | null
  /**
   * The coalition attaining μ (inclusion-minimal, within a work budget for witnesses of thousands
   * of validators), or the best one found under fallback.
   */
  readonly witness: Coalition | null
  /** The witness when it is a valid attack (π_A > σ_B), else `null`. */
  readonly attack: Coalition | null
  /** Upper bound on γ* from the witness (equal to `gammaExact` when exact). */
  readonly gammaUpper: Rational | null
  readonly stats: {
    readonly components: number
    readonly largestComponent: number
    readonly skippedComponents: number
    readonly nodes: number
    readonly maxValidators: number
  }
}

type Ratio = { s: bigint; p: bigint } // σ_B / π_A in scaled integer units; p > 0

type CompResult = { best: Ratio | null; B: number[]; complete: boolean; nodes: number }

/**
 * Exact security margin γ* by branch and bound over the validators of each connected component
 * of the graph restricted to services with π_s > 0 and validators with σ_v > 0 (μ is the minimum
 * over components, by the mediant inequality). Components with more than `maxValidators`
 * validators, or whose search exceeds `maxNodes`, fall back to the certificate bound of that
 * component and set `fallback`.
 */
export function exactSecurity(graph: RestakingGraph, options: ExactOptions = {}): ExactResult {
  const maxValidators = checkIntegerOption(
    options.maxValidators,
    'maxValidators',
    0,
    EXACT_MAX_VALIDATORS_LIMIT,
    EXACT_MAX_VALIDATORS,
  )
  const maxNodes = checkIntegerOption(options.maxNodes, 'maxNodes', 0, MAX_NODES_LIMIT, EXACT_MAX_NODES)
  const ig = indexGraph(graph)

  // Services with positive profit and no stake are attacked by the empty coalition: μ = 0.
  const free: number[] = []
  for (let s = 0; s < ig.nS; s++) if (ig.profit[s]! > 0n && ig.sigmaN[s] === 0n) free.push(s)
  if (free.length > 0) {
    const inB = new Array<boolean>(ig.nV).fill(false)
    const A = attackedServices(ig, inB)
    const w = coalition(ig, A, [])
    const g = normalize(-1n, 1n)
    return {
      gammaExact: g,
      secure: false,
      exact: true,
      fallback: false,
      witness: w,
      attack: w,
      gammaUpper: g,
      fallbackReason: null,
      stats: { components: 0, largestComponent: 0, skippedComponents: 0, nodes: 0, maxValidators },
    }
  }

  // Denominators too large to carry exactly: no search on rounded values (it would not be a
  // bound); the certificate on stakes rounded down and profits rounded up is one.
  if (!ig.exact) {
    const cert = certifySecurity(graph)
    const comps = components(ig)
    return {
      gammaExact: cert.gammaCert,
      secure: cert.certified ? true : null,
      exact: false,
      fallback: true,
      witness: null,
      attack: null,
      gammaUpper: null,
      fallbackReason: 'denominators',
      stats: {
        components: comps.length,
        largestComponent: comps.reduce((m, c) => Math.max(m, c.validators.length), 0),
        skippedComponents: comps.length,
        nodes: 0,
        maxValidators,
      },
    }
  }

  const comps = components(ig)
  let best: Ratio | null = null
  let bestB: number[] = []
  let lower: Rational | null = null // min of certificate bounds of unsearched components (as μ)
  let skipped = 0
  let nodes = 0
  let largest = 0
  let reason: ExactResult['fallbackReason'] = null
  for (const c of comps) {
    largest = Math.max(largest, c.validators.length)
    const tooLarge = c.validators.length > maxValidators
    const r = tooLarge ? { ...greedy(ig, c), complete: false, nodes: 0 } : searchComponent(ig, c, maxNodes)
    nodes += r.nodes
    if (!r.complete) reason ??= tooLarge ? 'maxValidators' : 'maxNodes'
    if (r.best && (!best || r.best.s * best.p < best.s * r.best.p)) {
      best = r.best
      bestB = r.B
    }
    if (!r.complete) {
      skipped++
      const cert = certifySecurity(subgraphOf(ig, c))
      const mu =
        cert.gammaCert === null
          ? null
          : normalize(cert.gammaCert.num + cert.gammaCert.den, cert.gammaCert.den)
      if (mu && (!lower || mu.num * lower.den < lower.num * mu.den)) lower = mu
    }
  }
  const stats = {
    components: comps.length,
    largestComponent: largest,
    skippedComponents: skipped,
    nodes,
    maxValidators,
  }
  if (!best) {
    // no component has a profitable service reachable
    return {
      gammaExact: lower ? sub(lower, ONE) : null,
      secure: lower ? (lower.num >= lower.den ? true : null) : true,
      exact: skipped === 0,
      fallback: skipped > 0,
      witness: null,
      attack: null,
      gammaUpper: null,
      fallbackReason: skipped > 0 ? reason : null,
      stats,
    }
  }
  const B = minimize(ig, bestB, best)
  const inB = new Array<boolean>(ig.nV).fill(false)
  for (const v of B) inB[v] = true
  const A = attackedServices(ig, inB)
  const w = coalition(ig, A, B)
  const upperMu = normalize(best.s * ig.profitScale, best.p * ig.stakeScale)
  const gammaUpper = sub(upperMu, ONE)
  const valid = upperMu.num < upperMu.den
  // exact when every component was searched, or the unsearched ones cannot go below the best found
  const exact = !lower || lower.num * upperMu.den >= upperMu.num * lower.den
  const gammaExact = exact || !lower ? gammaUpper : sub(lower, ONE)
  const secure = exact ? !valid : valid ? false : gammaExact.num >= 0n ? true : null
  return {
    gammaExact,
    secure,
    exact,
    fallback: !exact,
    witness: w,
    attack: valid ? w : null,
    gammaUpper,
    fallbackReason: exact ? null : reason,
    stats,
  }
}

export function coalition(ig: IndexedGraph, A: readonly number[], B: readonly number[]): Coalition {
  let p = 0n
  for (const s of A) p += ig.profit[s]!
  let st = 0n
  for (const v of B) st += ig.stake[v]!
  return {
    services: A.map((s) => ig.graph.services[s]!.id),
    validators: B.map((v) => ig.graph.validators[v]!.id),
    profit: normalize(p, ig.profitScale),
    stake: normalize(st, ig.stakeScale),
  }
}

// ---------------------------------------------------------------------------------------------

export type Component = { services: number[]; validators: number[] }

/** Connected components of services with π > 0 and validators with σ > 0 adjacent to them. */
export function components(ig: IndexedGraph): Component[] {
  const parent = Array.from({ length: ig.nS + ig.nV }, (_, i) => i)
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!
      x = parent[x]!
    }
    return x
  }
  for (let s = 0; s < ig.nS; s++) {
    if (ig.profit[s] === 0n) continue
    for (const v of ig.svcVals[s]!) {
      if (ig.stake[v] === 0n) continue
      const a = find(s)
      const b = find(ig.nS + v)
      if (a !== b) parent[a] = b
    }
  }
  const byRoot = new Map<number, Component>()
  for (let s = 0; s < ig.nS; s++) {
    if (ig.profit[s] === 0n || ig.sigmaN[s] === 0n) continue
    const r = find(s)
    let c = byRoot.get(r)
    if (!c) {
      c = { services: [], validators: [] }
      byRoot.set(r, c)
    }
    c.services.push(s)
  }
  for (let v = 0; v < ig.nV; v++) {
    if (ig.stake[v] === 0n) continue
    const r = find(ig.nS + v)
    const c = byRoot.get(r)
    if (c) c.validators.push(v)
  }
  return [...byRoot.values()]
}

function subgraphOf(ig: IndexedGraph, c: Component): RestakingGraph {
  const g = ig.graph
  const vset = new Set(c.validators)
  // keep every validator of each service (zero-stake ones do not change the certificate)
  const services = c.services.map((s) => g.services[s]!)
  const edges = c.services.flatMap((s) =>
    ig.svcVals[s]!.filter((v) => vset.has(v)).map((v) => [g.services[s]!.id, g.validators[v]!.id] as const),
  )
  return { services, validators: c.validators.map((v) => g.validators[v]!), edges }
}

/** Work budget of the greedy incumbent (validator and edge visits) before it stops trying extra candidates. */
const GREEDY_WORK = 20_000_000

/** Cheap incumbent: for each service, its largest validators until the threshold is met. */
function greedy(ig: IndexedGraph, c: Component): { best: Ratio | null; B: number[] } {
  let best: Ratio | null = null
  let bestB: number[] = []
  const inB = new Array<boolean>(ig.nV).fill(false)
  // each candidate costs |B| + |edges of the component|; past GREEDY_WORK only the full covers are
  // tried (the intermediate "close with one validator" candidates made this quadratic)
  let compEdges = 0
  for (const j of c.services) compEdges += ig.svcVals[j]!.length
  let work = 0
  const consider = (B: number[]) => {
    work += B.length + compEdges
    for (const v of B) inB[v] = true
    let s = 0n
    for (const v of B) s += ig.stake[v]!
    let p = 0n
    for (const j of c.services) {
      let cur = 0n
      for (const v of ig.svcVals[j]!) if (inB[v]) cur += ig.stake[v]!
      if (ig.thrDen[j]! * cur >= ig.thrNum[j]! * ig.sigmaN[j]!) p += ig.profit[j]!
    }
    for (const v of B) inB[v] = false
    if (p > 0n && (!best || s * best.p < best.s * p)) {
      best = { s, p }
      bestB = B.slice()
    }
  }
  for (const j of c.services) {
    const pool = ig.svcVals[j]!.filter((v) => ig.stake[v]! > 0n).sort((a, b) =>
      cmpBig(ig.stake[b]!, ig.stake[a]!),
    )
    // covers of need_j = ceil(α σ_N(j)) with little overshoot: add the largest stake below what is
    // still missing, and at each step also try closing with the smallest stake that suffices
    const num = ig.thrNum[j]! * ig.sigmaN[j]!
    let missing = (num + ig.thrDen[j]! - 1n) / ig.thrDen[j]!
    const B: number[] = []
    let at = 0
    while (missing > 0n) {
      // pool is sorted by decreasing stake: the smallest stake ≥ missing is the last such index
      // (binary search: a linear scan made this quadratic, seconds on a 20,000-validator service)
      let lo = at
      let hi = pool.length
      while (lo < hi) {
        const mid = (lo + hi) >> 1
        if (ig.stake[pool[mid]!]! >= missing) lo = mid + 1
        else hi = mid
      }
      const close = lo - 1
      if (close >= at && work < GREEDY_WORK) consider([...B, pool[close]!])
      while (at < pool.length && ig.stake[pool[at]!]! >= missing) at++
      if (at >= pool.length) break
      B.push(pool[at]!)
      missing -= ig.stake[pool[at]!]!
      at++
    }
    if (missing <= 0n) consider(B)
  }
  consider(c.validators)
  return { best, B: bestB }
}

const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)

const MINIMIZE_WORK = 50_000_000

/** Drops validators from B while the ratio does not get worse (makes the witness inclusion-minimal). */
function minimize(ig: IndexedGraph, B0: readonly number[], r: Ratio): number[] {
  let B = B0.slice()
  const ratioOf = (Bx: readonly number[]): Ratio => {
    const inB = new Array<boolean>(ig.nV).fill(false)
    for (const v of Bx) inB[v] = true
    let s = 0n
    for (const v of Bx) s += ig.stake[v]!
    let p = 0n
    for (const a of attackedServices(ig, inB)) p += ig.profit[a]!
    return { s, p }
  }
  let cur = r
  let changed = true
  // each try costs O(|V| + |E|); past the budget the coalition is returned as it is (still a valid
  // witness with this ratio, possibly not inclusion-minimal): thousands of validators in one
  // witness made this take seconds
  const cost = ig.nV + ig.graph.edges.length
  let work = 0
  while (changed) {
    changed = false
    // try the largest stakes first: dropping them lowers σ_B the most
    const order = B.slice().sort((a, b) => cmpBig(ig.stake[b]!, ig.stake[a]!))
    for (const v of order) {
      work += cost
      if (work > MINIMIZE_WORK) return B.sort((a, b) => a - b)
      const next = B.filter((x) => x !== v)
      const q = ratioOf(next)
      if (q.p > 0n && q.s * cur.p <= cur.s * q.p) {
        B = next
        cur = q
        changed = true
        break
      }
    }
  }
  return B.sort((a, b) => a - b)
}

/**
 * Branch and bound over include/exclude of each validator of the component. Bounds:
 * (1) exact: σ_B / (π_A + π_attainable) can only grow;
 * (2) float, applied with a 1e-9 safety margin so that rounding never prunes a better solution:
 *     each attainable service j still needs (need_j − cur_j) stake from validators of degree ≤ D_j,
 *     so a completion that adds the services X costs at least Σ_X (need_j − cur_j)/D_j; the best
 *     ratio over X is a prefix in order of cost/profit.
 */
function searchComponent(ig: IndexedGraph, c: Component, maxNodes: number): CompResult {
  const m = c.services.length
  const n = c.validators.length
  const sLocal = new Map<number, number>()
  c.services.forEach((s, i) => {
    sLocal.set(s, i)
  })
  const profit = c.services.map((s) => ig.profit[s]!)
  const profitF = profit.map(Number)
  // service j attacked iff thrDen*cur >= thrNum*sigmaN
  // stakes are integers, so thrDen·cur ≥ thrNum·σN  ⇔  cur ≥ ceil(thrNum·σN / thrDen) =: need
  const need = c.services.map((s) => {
    const x = ig.thrNum[s]! * ig.sigmaN[s]!
    const d = ig.thrDen[s]!
    return (x + d - 1n) / d
  })
  const needF = c.services.map((s) => (Number(ig.thrNum[s]!) / Number(ig.thrDen[s]!)) * Number(ig.sigmaN[s]!))
  const localSvcs: number[][] = []
  const deg: number[] = []
  // order validators by stake (largest first; ties by certificate load): partial sums approach the
  // thresholds quickly, so both bounds bite early (measured: far fewer nodes than load order)
  const load = c.validators.map((v) => {
    let t = 0
    for (const s of ig.valSvcs[v]!) {
      const j = sLocal.get(s)
      if (j !== undefined) t += (profitF[j]! / needF[j]!) * Number(ig.stake[v]!)
    }
    return t / Number(ig.stake[v]!)
  })
  const order = c.validators
    .map((_, i) => i)
    .sort((a, b) => cmpBig(ig.stake[c.validators[b]!]!, ig.stake[c.validators[a]!]!) || load[b]! - load[a]!)
  const vs = order.map((i) => c.validators[i]!)
  const stake = vs.map((v) => ig.stake[v]!)
  const stakeF = stake.map(Number)
  for (const v of vs) {
    const ls: number[] = []
    for (const s of ig.valSvcs[v]!) {
      const j = sLocal.get(s)
      if (j !== undefined) ls.push(j)
    }
    localSvcs.push(ls)
    deg.push(ls.length)
  }
  const D = new Array<number>(m).fill(1)
  for (let i = 0; i < n; i++) for (const j of localSvcs[i]!) D[j] = Math.max(D[j]!, deg[i]!)
  // stake of N(j) that lies outside the component counts as zero-stake (those validators have σ = 0)
  const cur = new Array<bigint>(m).fill(0n)
  const curF = new Array<number>(m).fill(0)
  const rem = new Array<bigint>(m).fill(0n)
  for (let i = 0; i < n; i++) for (const j of localSvcs[i]!) rem[j] = rem[j]! + stake[i]!
  // status: 0 attainable, 1 attacked, 2 dead
  const status = new Array<number>(m).fill(0)
  for (let j = 0; j < m; j++) if (rem[j]! < need[j]!) status[j] = 2
  let piA = 0n
  let piAtt = 0n
  for (let j = 0; j < m; j++) if (status[j] === 0) piAtt += profit[j]!
  let sigB = 0n
  let sigBF = 0

  const g0 = greedy(ig, c)
  let best: Ratio | null = g0.best
  let bestB: number[] = g0.B
  let bestF = best ? Number(best.s) / Number(best.p) : Number.POSITIVE_INFINITY
  const chosen: number[] = []
  let nodes = 0
  let aborted = false
  const trail: number[] = [] // service indices whose status changed
  const idx: number[] = new Array(m)
  const keyArr: number[] = new Array(m)

  const refinedBound = (): number => {
    // min over X ⊆ attainable of (σB + Σ c_j)/(πA + Σ π_j), greedy by c_j/π_j
    let k = 0
    for (let j = 0; j < m; j++) {
      if (status[j] !== 0) continue
      const missing = Math.max(0, needF[j]! - curF[j]!)
      keyArr[j] = missing / D[j]! / profitF[j]!
      idx[k++] = j
    }
    const list = idx.slice(0, k).sort((a, b) => keyArr[a]! - keyArr[b]!)
    let num = sigBF
    let den = Number(piA)
    for (const j of list) {
      const cj = keyArr[j]! * profitF[j]!
      if (den > 0 && keyArr[j]! >= num / den) break
      num += cj
      den += profitF[j]!
    }
    return den > 0 ? num / den : Number.POSITIVE_INFINITY
  }

  const dfs = (i: number): void => {
    if (aborted) return
    if (++nodes > maxNodes) {
      aborted = true
      return
    }
    // simple exact bound
    const reach = piA + piAtt
    if (reach === 0n) return
    if (best && sigB * best.p >= best.s * reach) return
    if (i === n) return
    if (best && refinedBound() > bestF * (1 + 1e-9)) return
    const st = stake[i]!
    const ls = localSvcs[i]!
    // include v, if it can still help an attainable service
    let useful = false
    for (const j of ls) if (status[j] === 0) useful = true
    if (useful) {
      const mark = trail.length
      const oldPiA = piA
      const oldPiAtt = piAtt
      for (const j of ls) {
        cur[j] = cur[j]! + st
        curF[j] = curF[j]! + stakeF[i]!
        rem[j] = rem[j]! - st
        if (status[j] === 0 && cur[j]! >= need[j]!) {
          status[j] = 1
          piA += profit[j]!
          piAtt -= profit[j]!
          trail.push(j)
        }
      }
      sigB += st
      sigBF += stakeF[i]!
      chosen.push(vs[i]!)
      if (piA > 0n && (!best || sigB * best.p < best.s * piA)) {
        best = { s: sigB, p: piA }
        bestF = Number(sigB) / Number(piA)
        bestB = chosen.slice()
      }
      dfs(i + 1)
      chosen.pop()
      sigB -= st
      sigBF -= stakeF[i]!
      for (const j of ls) {
        cur[j] = cur[j]! - st
        curF[j] = curF[j]! - stakeF[i]!
        rem[j] = rem[j]! + st
      }
      while (trail.length > mark) status[trail.pop()!] = 0
      piA = oldPiA
      piAtt = oldPiAtt
    } else {
      for (const j of ls) rem[j] = rem[j]! - st
      dfs(i + 1)
      for (const j of ls) rem[j] = rem[j]! + st
      return
    }
    if (aborted) return
    // exclude v
    const mark = trail.length
    const oldPiAtt = piAtt
    for (const j of ls) {
      rem[j] = rem[j]! - st
      if (status[j] === 0 && cur[j]! + rem[j]! < need[j]!) {
        status[j] = 2
        piAtt -= profit[j]!
        trail.push(j)
      }
    }
    dfs(i + 1)
    for (const j of ls) rem[j] = rem[j]! + st
    while (trail.length > mark) status[trail.pop()!] = 0
    piAtt = oldPiAtt
  }
  dfs(0)
  return { best, B: bestB, complete: !aborted, nodes }
}
