/**
 * Benchmark of @restakekit/risk on a generated mainnet-scale snapshot
 * (2,000 operators, 300 services, 50 strategies, 10,000 stakers), one core.
 *
 *   npx tsx bench/risk.ts [--seed N] [--runs N]
 *
 * Prints measured figures only: median (and min/max) over several runs of
 *   - buildGraph + certifySecurity (unique-stake and shared models),
 *   - analyzePosition for one staker and for all 10,000 stakers,
 *   - exactSecurity on neighbourhoods of 20, 30 and 40 validators.
 */
import { parseArgs } from 'node:util'
import {
  analyzePosition,
  buildGraph,
  certifySecurity,
  exactSecurity,
  indexGraph,
  type RestakingGraph,
  type RestakingSnapshot,
  rational,
  serviceSubgraph,
  worstCaseLoss,
} from '../packages/risk/src/index.js'

const { values } = parseArgs({
  options: { seed: { type: 'string', default: '42' }, runs: { type: 'string', default: '7' } },
})
const SEED = Number(values.seed)
const RUNS = Number(values.runs)

// --- seeded PRNG (mulberry32) and distributions ---------------------------------------------
function prng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = prng(SEED)
const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1))
/** Pareto(xm, shape): heavy-tailed stakes and degrees. */
const pareto = (xm: number, shape: number) => xm / (1 - rnd()) ** (1 / shape)
const addr = (kind: number, i: number) =>
  `0x${kind.toString(16).padStart(2, '0')}${i.toString(16).padStart(38, '0')}`
const b32 = (i: number) => `0x${'ab'.repeat(20)}${i.toString(16).padStart(24, '0')}`
const WAD = 10n ** 18n
const E18 = (x: number) => BigInt(Math.floor(x * 1e6)) * 10n ** 12n
/** Weighted sampler over cumulative weights. */
function sampler(weights: number[]) {
  const cum: number[] = []
  let t = 0
  for (const w of weights) {
    t += w
    cum.push(t)
  }
  return () => {
    const x = rnd() * t
    let lo = 0
    let hi = cum.length - 1
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (cum[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo
  }
}

// --- generate ---------------------------------------------------------------------------------
const N_OPS = 2000
const N_SETS = 270 // EigenLayer operator sets
const N_SUBNETS = 30 // Symbiotic subnetworks: 300 services in all
const N_STRATS = 50
const N_STAKERS = 10_000
const N_VAULTS = 40

function generate(): RestakingSnapshot {
  const strategies = Array.from({ length: N_STRATS }, (_, i) => addr(1, i))
  const stratPick = sampler(strategies.map((_, i) => 1 / (i + 1))) // a few LSTs dominate
  const sets = Array.from({ length: N_SETS }, (_, i) => {
    const ss = new Set<string>()
    const k = Math.min(N_STRATS, Math.ceil(pareto(1, 1.5)))
    while (ss.size < k) ss.add(strategies[stratPick()]!)
    return { avs: addr(2, Math.floor(i / 3)), id: i % 3, strategies: [...ss] }
  })
  const setPick = sampler(sets.map(() => pareto(1, 1.2))) // popular AVSs attract operators
  const operators = Array.from({ length: N_OPS }, (_, o) => {
    const nStrats = Math.min(N_STRATS, Math.ceil(pareto(1, 1.3)))
    const held = new Set<string>()
    while (held.size < nStrats) held.add(strategies[stratPick()]!)
    const nSets = Math.min(N_SETS, Math.ceil(pareto(1, 0.9)))
    const mine = new Set<number>()
    for (let t = 0; t < nSets * 3 && mine.size < nSets; t++) mine.add(setPick())
    const size = pareto(10, 1.1) // ETH
    return {
      address: addr(3, o),
      strategies: [...held].map((strategy) => {
        const slashed = rnd() < 0.05
        const maxMagnitude = slashed ? WAD - BigInt(int(1, 1e6)) * 10n ** 9n : WAD
        const relevant = [...mine].filter((s) => sets[s]!.strategies.includes(strategy))
        // allocate up to 100% of max magnitude over the sets using this strategy
        let left = maxMagnitude
        const allocations = relevant.map((s) => {
          const m = (left * BigInt(int(0, 60))) / 100n
          left -= m
          return { operatorSet: { avs: sets[s]!.avs, id: sets[s]!.id }, currentMagnitude: m.toString() }
        })
        return {
          strategy,
          maxMagnitude: maxMagnitude.toString(),
          operatorShares: E18(size * (0.2 + rnd())).toString(),
          allocations,
        }
      }),
    }
  })
  const opPick = sampler(operators.map(() => pareto(1, 1.1)))
  const stakers = Array.from({ length: N_STAKERS }, (_, i) => {
    const op = operators[opPick()]!
    const deposits = op.strategies.slice(0, int(1, 3)).map((s) => {
      const sh = E18(pareto(0.5, 1.2))
      return { strategy: s.strategy, depositShares: sh.toString(), withdrawableShares: sh.toString() }
    })
    return { address: addr(4, i), delegatedTo: op.address, deposits }
  })
  const vaults = Array.from({ length: N_VAULTS }, (_, v) => {
    const nr = rnd() < 0.5
    const active = E18(pareto(100, 1.2))
    const nets = new Set<number>()
    const k = int(1, 6)
    while (nets.size < k) nets.add(int(0, N_SUBNETS - 1))
    return {
      address: addr(5, v),
      collateral: strategies[stratPick()]!,
      delegatorType: nr ? ('NetworkRestake' as const) : ('FullRestake' as const),
      activeStake: active.toString(),
      epochDuration: '604800',
      networks: [...nets].map((n) => ({
        subnetwork: b32(n),
        networkLimit: E18(pareto(50, 1.2)).toString(),
        operators: Array.from({ length: int(1, 8) }, () => operators[opPick()]!.address)
          .filter((a, i, arr) => arr.indexOf(a) === i)
          .map((operator) =>
            nr
              ? { operator, shares: String(int(1, 1000)) }
              : { operator, operatorNetworkLimit: E18(pareto(20, 1.2)).toString() },
          ),
      })),
    }
  })
  const symStakers = Array.from({ length: 2000 }, (_, i) => ({
    address: addr(4, i * 5),
    vaults: [
      { vault: vaults[int(0, N_VAULTS - 1)]!.address, activeBalance: E18(pareto(0.5, 1.2)).toString() },
    ],
  }))
  return {
    version: 1,
    chainId: 1,
    blockNumber: '21000000',
    eigenlayer: { withdrawalDelayBlocks: '100800', operatorSets: sets, operators, stakers },
    symbiotic: { vaults, stakers: symStakers },
  }
}

// --- timing -----------------------------------------------------------------------------------
/**
 * Median over `runs` of wall time and of this process's CPU time (user + system): on a loaded
 * machine the CPU figure is the one-core cost, the wall figure includes waiting for other work.
 * `setup` runs outside the timed section (fresh inputs, so no cache carries over between runs).
 */
function time<S, T>(label: string, setup: () => S, fn: (s: S) => T, runs = RUNS): T {
  const wall: number[] = []
  const cpu: number[] = []
  let out!: T
  for (let i = 0; i < runs; i++) {
    const input = setup()
    const c0 = process.cpuUsage()
    const t0 = performance.now()
    out = fn(input)
    wall.push(performance.now() - t0)
    const c = process.cpuUsage(c0)
    cpu.push((c.user + c.system) / 1000)
  }
  const med = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
  const w = med(wall)
  console.log(
    `${label.padEnd(60)} median wall ${w.toFixed(1).padStart(7)} ms, cpu ${med(cpu).toFixed(1).padStart(7)} ms  (wall min ${wall[0]!.toFixed(1)}, max ${wall.at(-1)!.toFixed(1)}; ${runs} runs)`,
  )
  return out
}

const t0 = performance.now()
const snap = generate()
const genMs = performance.now() - t0
const json = JSON.stringify(snap)
console.log(
  `# @restakekit/risk benchmark — seed ${SEED}, node ${process.version}, single thread, load ${(await import('node:os')).loadavg()[0]!.toFixed(1)}`,
)
console.log(
  `generated snapshot: ${N_OPS} operators, ${N_SETS} operator sets + ${N_SUBNETS} subnetworks, ${N_STRATS} strategies, ${N_STAKERS} stakers, ${N_VAULTS} vaults; ${(json.length / 1e6).toFixed(1)} MB JSON in ${genMs.toFixed(0)} ms`,
)

// fresh snapshot objects per run so that no cache is reused across runs
const fresh = () => JSON.parse(json) as RestakingSnapshot
const gU = buildGraph(fresh())
const gS = buildGraph(fresh(), { eigenlayerMode: 'shared' })
const describe = (g: RestakingGraph, name: string) => {
  const ig = indexGraph(g)
  const degs = ig.valSvcs.map((s) => s.length).sort((a, b) => a - b)
  console.log(
    `graph ${name}: ${ig.nS} services, ${ig.nV} validators, ${g.edges.length} edges; validator degree median ${degs[degs.length >> 1]}, p99 ${degs[Math.floor(degs.length * 0.99)]}, max ${degs.at(-1)}`,
  )
}
describe(gU, 'unique-stake')
describe(gS, 'shared')

const stakers = snap.eigenlayer!.stakers.map((s) => s.address)
time('buildGraph + certifySecurity (unique stake)', fresh, (s) => certifySecurity(buildGraph(s)))
const certS = time('buildGraph + certifySecurity (shared)', fresh, (s) =>
  certifySecurity(buildGraph(s, { eigenlayerMode: 'shared' })),
)
time(
  'certifySecurity alone (shared graph, cold index)',
  () => buildGraph(fresh(), { eigenlayerMode: 'shared' }),
  (g) => certifySecurity(g),
)
console.log(
  `  γ_cert (shared, break-even profits) = ${rational.toDecimal(certS.gammaCert!, 6)}, binding ${certS.binding?.validator}`,
)
time('analyzePosition, one staker (cold snapshot index)', fresh, (s) =>
  analyzePosition(s, { staker: stakers[123]! }),
)
const all = time(`analyzePosition, all ${N_STAKERS} stakers`, fresh, (s) => {
  let n = 0
  for (const st of stakers) n += analyzePosition(s, { staker: st }).exposures.length
  return n
})
console.log(`  ${all} staker × service exposures`)
time('certificate (unique) + one position, cold snapshot', fresh, (s) => [
  certifySecurity(buildGraph(s)),
  analyzePosition(s, { staker: stakers[7]! }),
])
time(`certificate (unique) + all ${N_STAKERS} positions, cold snapshot`, fresh, (s) => {
  const c = certifySecurity(buildGraph(s))
  let n = 0
  for (const st of stakers) n += analyzePosition(s, { staker: st }).exposures.length
  return [c, n]
})

// --- exact search on neighbourhoods -----------------------------------------------------------
/** Grows a set of services from a seed until N(C) has about `size` validators (≤ size). */
function neighbourhood(g: RestakingGraph, size: number, seed: number): string[] | null {
  const ig = indexGraph(g)
  const order = ig.graph.services.map((_, i) => i).filter((s) => ig.svcVals[s]!.length <= size)
  if (order.length === 0) return null
  const start = order[seed % order.length]!
  const C = new Set([start])
  const V = new Set(ig.svcVals[start])
  let grew = true
  while (grew && V.size < size) {
    grew = false
    // add the service adjacent to V that adds the fewest new validators (overlap makes it hard)
    let best = -1
    let bestAdd = Number.POSITIVE_INFINITY
    for (const v of V)
      for (const s of ig.valSvcs[v]!) {
        if (C.has(s)) continue
        let add = 0
        for (const w of ig.svcVals[s]!) if (!V.has(w)) add++
        if (V.size + add <= size && add < bestAdd) {
          best = s
          bestAdd = add
        }
      }
    if (best >= 0) {
      C.add(best)
      for (const w of ig.svcVals[best]!) V.add(w)
      grew = true
    }
  }
  return [...C].map((s) => ig.graph.services[s]!.id)
}

for (const size of [20, 30, 40, 50, 60]) {
  const results: { ms: number; v: number; s: number; nodes: number; exact: boolean }[] = []
  for (let seed = 0; results.length < 5 && seed < 400; seed += 37) {
    const C = neighbourhood(gS, size, seed)
    if (!C) continue
    const sub = serviceSubgraph(gS, C)
    const nv = sub.validators.length
    if (nv < size - 2) continue
    const t = performance.now()
    const x = exactSecurity(sub)
    results.push({
      ms: performance.now() - t,
      v: nv,
      s: sub.services.length,
      nodes: x.stats.nodes,
      exact: x.exact,
    })
  }
  if (results.length === 0) {
    console.log(`exactSecurity, ~${size} validators: no neighbourhood of that size found`)
    continue
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b)
  console.log(
    `exactSecurity, neighbourhoods of ~${size} validators (${results.length}): median ${ms[ms.length >> 1]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms; ` +
      results.map((r) => `${r.v}v/${r.s}s ${r.nodes} nodes${r.exact ? '' : ' FALLBACK'}`).join(', '),
  )
}

// --- exact worst-case loss on neighbourhoods ---------------------------------------------------
for (const size of [10, 13, 16]) {
  const results: { ms: number; v: number; exact: boolean }[] = []
  for (let seed = 0; results.length < 5 && seed < 400; seed += 37) {
    const C = neighbourhood(gS, size, seed)
    if (!C) continue
    const sub = serviceSubgraph(gS, C)
    if (sub.validators.length < size - 2) continue
    const t = performance.now()
    const l = worstCaseLoss(sub, '1/10')
    results.push({ ms: performance.now() - t, v: sub.validators.length, exact: l.exact })
  }
  const ms = results.map((r) => r.ms).sort((a, b) => a - b)
  if (ms.length)
    console.log(
      `worstCaseLoss ψ = 1/10, neighbourhoods of ~${size} validators (${results.length}): median ${ms[ms.length >> 1]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms; ` +
        results.map((r) => `${r.v}v${r.exact ? '' : ' FALLBACK'}`).join(', '),
    )
}
