import { InvalidParameterError } from '@restakekit/core'
import * as z from 'zod/mini'
import {
  compare,
  gcd,
  normalize,
  ONE,
  parseRational,
  type Rational,
  RationalParseError,
  format as ratToString,
} from './rational.js'

/**
 * A restaking graph (Durvasula & Roughgarden): services with a profit from corruption π_s ≥ 0 and
 * a corruption threshold α_s ∈ (0, 1]; validators (operators) with stake σ_v ≥ 0; edges (s, v)
 * meaning v restakes for s. Values are exact rationals.
 */
export type Service = { readonly id: string; readonly profit: Rational; readonly threshold: Rational }
export type Validator = { readonly id: string; readonly stake: Rational }
export type Edge = readonly [serviceId: string, validatorId: string]
export type RestakingGraph = {
  readonly services: readonly Service[]
  readonly validators: readonly Validator[]
  readonly edges: readonly Edge[]
}

/** A number as accepted in graph input: an integer, a bigint, `"num/den"`, a decimal string or a Rational. */
export type RationalInput = Rational | bigint | number | string
export type GraphInput = {
  readonly services: readonly {
    readonly id: string
    readonly profit: RationalInput
    readonly threshold: RationalInput
  }[]
  readonly validators: readonly { readonly id: string; readonly stake: RationalInput }[]
  readonly edges: readonly (readonly [string, string])[]
}

export type GraphIssue = { readonly field: string; readonly message: string }

/**
 * The graph (or another risk input) is malformed. `field` names the first offending field as a
 * path such as `services[2].threshold`; `issues` lists all of them. Nothing was computed.
 */
export class InvalidGraphError extends InvalidParameterError {
  override name = 'InvalidGraphError' as const
  readonly field: string
  readonly issues: readonly GraphIssue[]
  constructor(issues: readonly GraphIssue[]) {
    const first = issues[0] ?? { field: 'graph', message: 'invalid' }
    super({
      parameter: first.field,
      reason: first.message + (issues.length > 1 ? ` (and ${issues.length - 1} more issue(s))` : ''),
    })
    this.field = first.field
    this.issues = issues
  }
}

/**
 * Largest numerator or denominator accepted in a graph value, in bits (about 308 decimal digits;
 * a uint256 amount times a price fits). Past it a value is refused naming its field: a single
 * huge fraction would cost seconds of gcd in every operation.
 */
export const MAX_NUMBER_BITS = 1024
const MAX_NUMBER_CHARS = 2 * 310 + 3

const bitLength = (x: bigint): number => (x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length)
const tooBig = (r: Rational) => bitLength(r.num) > MAX_NUMBER_BITS || bitLength(r.den) > MAX_NUMBER_BITS
const TOO_BIG = `numerator and denominator must have at most ${MAX_NUMBER_BITS} bits`

/** A value of the transform below that failed: records the issue, yields nothing usable. */
function refuse(ctx: z.core.ParsePayload, input: unknown, message: string): never {
  ctx.issues.push({ code: 'custom', message, input })
  return z.NEVER
}

// zod/mini (tree-shakable functions, no locale): top-level schemas are built only where used
const rationalSchema = /* @__PURE__ */ (() =>
  z.pipe(
    z.union([z.string(), z.number(), z.bigint(), z.object({ num: z.bigint(), den: z.bigint() })]),
    z.transform((v, ctx): Rational => {
      try {
        if (
          (typeof v === 'string' && v.length > MAX_NUMBER_CHARS) ||
          (typeof v === 'bigint' && bitLength(v) > MAX_NUMBER_BITS) ||
          (typeof v === 'object' &&
            (bitLength(v.num) > MAX_NUMBER_BITS || bitLength(v.den) > MAX_NUMBER_BITS))
        )
          return refuse(ctx, v, `too large: ${TOO_BIG}`)
        const r = typeof v === 'object' ? normalize(v.num, v.den) : parseRational(v)
        if (tooBig(r)) return refuse(ctx, v, `too large: ${TOO_BIG}`)
        return r
      } catch (e) {
        return refuse(
          ctx,
          v,
          e instanceof RationalParseError || e instanceof RangeError ? e.message : 'not a number',
        )
      }
    }),
  ))()

const idSchema = /* @__PURE__ */ (() => z.string().check(z.minLength(1, 'must be a non-empty string')))()

/** zod schema of the graph file; the transform yields a validated {@link RestakingGraph}. */
export const restakingGraphSchema = /* @__PURE__ */ (() =>
  z
    .object({
      services: z.array(z.object({ id: idSchema, profit: rationalSchema, threshold: rationalSchema })),
      validators: z.array(z.object({ id: idSchema, stake: rationalSchema })),
      edges: z.array(z.tuple([idSchema, idSchema])),
    })
    .check(
      z.superRefine((g, ctx) => {
        const sIds = new Map<string, number>()
        g.services.forEach((s, i) => {
          if (sIds.has(s.id))
            ctx.addIssue({
              code: 'custom',
              path: ['services', i, 'id'],
              message: `duplicate service id "${s.id}"`,
            })
          else sIds.set(s.id, i)
          if (s.profit.num < 0n)
            ctx.addIssue({
              code: 'custom',
              path: ['services', i, 'profit'],
              message: `profit ${ratToString(s.profit)} must be ≥ 0`,
            })
          if (s.threshold.num <= 0n || compare(s.threshold, ONE) > 0)
            ctx.addIssue({
              code: 'custom',
              path: ['services', i, 'threshold'],
              message: `threshold ${ratToString(s.threshold)} must be in (0, 1]`,
            })
        })
        const vIds = new Set<string>()
        g.validators.forEach((v, i) => {
          if (vIds.has(v.id))
            ctx.addIssue({
              code: 'custom',
              path: ['validators', i, 'id'],
              message: `duplicate validator id "${v.id}"`,
            })
          else vIds.add(v.id)
          if (v.stake.num < 0n)
            ctx.addIssue({
              code: 'custom',
              path: ['validators', i, 'stake'],
              message: `stake ${ratToString(v.stake)} must be ≥ 0`,
            })
        })
        const seen = new Set<string>()
        g.edges.forEach(([s, v], i) => {
          if (!sIds.has(s))
            ctx.addIssue({ code: 'custom', path: ['edges', i, 0], message: `unknown service id "${s}"` })
          if (!vIds.has(v))
            ctx.addIssue({ code: 'custom', path: ['edges', i, 1], message: `unknown validator id "${v}"` })
          const key = JSON.stringify([s, v])
          if (seen.has(key))
            ctx.addIssue({ code: 'custom', path: ['edges', i], message: `duplicate edge ["${s}", "${v}"]` })
          seen.add(key)
        })
      }),
    ))()

export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`
    else out += out ? `.${String(p)}` : String(p)
  }
  return out || '(root)'
}

/** Turns a zod error into an {@link InvalidGraphError}, prefixing paths with `prefix`. */
export function issuesOf(error: z.core.$ZodError, prefix = ''): GraphIssue[] {
  return error.issues.map((i) => ({
    field: formatPath([...(prefix ? [prefix] : []), ...i.path]),
    message: wording(i),
  }))
}

/** zod/mini loads no locale: the structural issues are worded here (checks carry their own message). */
function wording(i: z.core.$ZodIssue): string {
  if (i.message && i.message !== 'Invalid input') return i.message
  switch (i.code) {
    case 'invalid_type':
      return `Invalid input: expected ${i.expected}`
    case 'invalid_value':
      return `Invalid input: expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}`
    case 'too_small':
      return `too small: expected ${i.inclusive ? '≥' : '>'} ${String(i.minimum)}`
    case 'too_big':
      return `too big: expected ${i.inclusive ? '≤' : '<'} ${String(i.maximum)}`
    case 'invalid_union':
      return 'Invalid input: not a number (an integer, a bigint, a "num/den" or decimal string, or { num, den })'
    default:
      return i.message
  }
}

/**
 * Validates a graph (from a JSON file or built in code). Unknown ids in edges, thresholds
 * outside (0, 1], negative stakes or profits, duplicate ids or edges, and malformed numbers
 * throw {@link InvalidGraphError} naming the field.
 */
export function parseGraph(input: unknown): RestakingGraph {
  const r = restakingGraphSchema.safeParse(input)
  if (!r.success) throw new InvalidGraphError(issuesOf(r.error))
  return r.data
}

/**
 * Checks a graph whose values are already {@link Rational}s (the same rules as {@link parseGraph},
 * without zod, in O(|S| + |V| + |E|)); returns it unchanged or throws {@link InvalidGraphError}.
 */
export function validateGraph(g: RestakingGraph): RestakingGraph {
  const issues: GraphIssue[] = []
  const sIds = new Set<string>()
  g.services.forEach((s, i) => {
    if (typeof s.id !== 'string' || s.id === '')
      issues.push({ field: `services[${i}].id`, message: 'must be a non-empty string' })
    else if (sIds.has(s.id))
      issues.push({ field: `services[${i}].id`, message: `duplicate service id "${s.id}"` })
    sIds.add(s.id)
    if (!isRational(s.profit) || s.profit.num < 0n)
      issues.push({ field: `services[${i}].profit`, message: 'must be a rational ≥ 0' })
    else if (tooBig(s.profit))
      issues.push({ field: `services[${i}].profit`, message: `too large: ${TOO_BIG}` })
    if (!isRational(s.threshold) || s.threshold.num <= 0n || s.threshold.num > s.threshold.den)
      issues.push({ field: `services[${i}].threshold`, message: 'must be a rational in (0, 1]' })
    else if (tooBig(s.threshold))
      issues.push({ field: `services[${i}].threshold`, message: `too large: ${TOO_BIG}` })
  })
  const vIds = new Set<string>()
  g.validators.forEach((v, i) => {
    if (typeof v.id !== 'string' || v.id === '')
      issues.push({ field: `validators[${i}].id`, message: 'must be a non-empty string' })
    else if (vIds.has(v.id))
      issues.push({ field: `validators[${i}].id`, message: `duplicate validator id "${v.id}"` })
    vIds.add(v.id)
    if (!isRational(v.stake) || v.stake.num < 0n)
      issues.push({ field: `validators[${i}].stake`, message: 'must be a rational ≥ 0' })
    else if (tooBig(v.stake))
      issues.push({ field: `validators[${i}].stake`, message: `too large: ${TOO_BIG}` })
  })
  const seen = new Set<string>()
  g.edges.forEach(([s, v], i) => {
    if (!sIds.has(s)) issues.push({ field: `edges[${i}][0]`, message: `unknown service id "${s}"` })
    if (!vIds.has(v)) issues.push({ field: `edges[${i}][1]`, message: `unknown validator id "${v}"` })
    const key = `${s}\u0000${v}`
    if (seen.has(key)) issues.push({ field: `edges[${i}]`, message: `duplicate edge ["${s}", "${v}"]` })
    seen.add(key)
  })
  if (issues.length) throw new InvalidGraphError(issues)
  return g
}

const isRational = (r: Rational) =>
  typeof r === 'object' && r !== null && typeof r.num === 'bigint' && typeof r.den === 'bigint' && r.den > 0n

/** Same as {@link parseGraph}, typed for graphs built in code. */
export const createGraph = (input: GraphInput): RestakingGraph => parseGraph(input)

/** The JSON form of a graph (rationals as `"num/den"` strings, integers as integer strings). */
export function graphToJson(g: RestakingGraph) {
  const r = (x: Rational) => ratToString(x, true)
  return {
    services: g.services.map((s) => ({ id: s.id, profit: r(s.profit), threshold: r(s.threshold) })),
    validators: g.validators.map((v) => ({ id: v.id, stake: r(v.stake) })),
    edges: g.edges.map(([s, v]) => [s, v] as [string, string]),
  }
}

/** Parses a ψ (shock size) or other fraction that must lie in [0, 1]; the error names `field`. */
export function parseFraction(value: unknown, field: string): Rational {
  let r: Rational
  try {
    if (typeof value === 'object' && value !== null) {
      const { num, den } = value as Rational
      if (typeof num !== 'bigint' || typeof den !== 'bigint' || den <= 0n) throw new Error()
      r = normalize(num, den)
    } else r = parseRational(value)
  } catch (e) {
    throw new InvalidGraphError([
      { field, message: e instanceof RationalParseError ? e.message : `${String(value)} is not a number` },
    ])
  }
  if (r.num < 0n || compare(r, ONE) > 0)
    throw new InvalidGraphError([{ field, message: `${ratToString(r)} must be in [0, 1]` }])
  return r
}

/**
 * Checks a numeric option (a search limit): an integer in [min, max], else
 * {@link InvalidGraphError} naming `field`. Returns `fallback` when `value` is undefined.
 */
export function checkIntegerOption(
  value: unknown,
  field: string,
  min: number,
  max: number,
  fallback: number,
): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new InvalidGraphError([
      { field, message: `${String(value)} must be an integer from ${min} to ${max.toLocaleString('en-US')}` },
    ])
  return value
}

// ---------------------------------------------------------------------------------------------
// Indexed form used by the algorithms

/**
 * Largest common denominator (lcm of the stake denominators, or of the profit denominators) that
 * the indexed form carries exactly, in bits. Coprime denominators make the lcm grow with the
 * number of validators (6,000 validators with prime denominators: 87,000 bits, and every sum,
 * product and gcd on numbers that size); past this limit the indexed form is rounded instead,
 * see {@link IndexedGraph}.
 */
export const MAX_SCALE_BITS = 1024

/**
 * Integer-scaled adjacency form of a graph. Stakes are scaled to integers `stake[v]` by the
 * lcm of the stake denominators (`stakeScale`), profits likewise (`profit[s]`, `profitScale`).
 * Service s is attacked by B iff `thrDen[s] * stake(B ∩ N(s)) >= thrNum[s] * sigmaN[s]`.
 *
 * When an lcm exceeds {@link MAX_SCALE_BITS}, `exact` is `false`: that side is put on a binary
 * grid instead (scale 2^k with k = 64 + the largest denominator's bit length, so every positive
 * value keeps at least 64 significant bits), stakes rounded down and profits rounded up. Loads
 * π/(α σ) then only grow, so a certificate computed on it is a lower bound of the exact one;
 * analyses that need exact values fall back and say so.
 */
export type IndexedGraph = {
  readonly graph: RestakingGraph
  readonly nS: number
  readonly nV: number
  readonly serviceIndex: ReadonlyMap<string, number>
  readonly validatorIndex: ReadonlyMap<string, number>
  readonly stake: readonly bigint[]
  readonly stakeScale: bigint
  readonly profit: readonly bigint[]
  readonly profitScale: bigint
  readonly thrNum: readonly bigint[]
  readonly thrDen: readonly bigint[]
  readonly sigmaN: readonly bigint[]
  readonly sigmaV: bigint
  readonly svcVals: readonly (readonly number[])[]
  readonly valSvcs: readonly (readonly number[])[]
  /** `false` when stakes or profits were rounded onto a binary grid (see above). */
  readonly exact: boolean
}

const lcm = (a: bigint, b: bigint) => (a === b ? a : (a / gcd(a, b)) * b)

const cache = new WeakMap<RestakingGraph, IndexedGraph>()

export function indexGraph(graph: RestakingGraph): IndexedGraph {
  const hit = cache.get(graph)
  if (hit) return hit
  const nS = graph.services.length
  const nV = graph.validators.length
  const serviceIndex = new Map<string, number>()
  const validatorIndex = new Map<string, number>()
  for (const [i, s] of graph.services.entries()) serviceIndex.set(s.id, i)
  for (const [i, v] of graph.validators.entries()) validatorIndex.set(v.id, i)
  const stakes = scaled(
    graph.validators.map((v) => v.stake),
    'down',
  )
  const profits = scaled(
    graph.services.map((s) => s.profit),
    'up',
  )
  const stakeScale = stakes.scale
  const profitScale = profits.scale
  const stake = stakes.values
  const profit = profits.values
  const svcVals: number[][] = graph.services.map(() => [])
  const valSvcs: number[][] = graph.validators.map(() => [])
  for (const [s, v] of graph.edges) {
    const si = serviceIndex.get(s)
    const vi = validatorIndex.get(v)
    if (si === undefined || vi === undefined)
      throw new InvalidGraphError([{ field: 'edges', message: 'unknown id' }])
    svcVals[si]!.push(vi)
    valSvcs[vi]!.push(si)
  }
  const sigmaN = svcVals.map((vs) => {
    let t = 0n
    for (const v of vs) t += stake[v]!
    return t
  })
  let sigmaV = 0n
  for (const x of stake) sigmaV += x
  const ig: IndexedGraph = {
    graph,
    nS,
    nV,
    serviceIndex,
    validatorIndex,
    stake,
    stakeScale,
    profit,
    profitScale,
    thrNum: graph.services.map((s) => s.threshold.num),
    thrDen: graph.services.map((s) => s.threshold.den),
    sigmaN,
    sigmaV,
    svcVals,
    valSvcs,
    exact: stakes.exact && profits.exact,
  }
  cache.set(graph, ig)
  return ig
}

/** Integers with a common scale: the lcm of the denominators, or a binary grid past MAX_SCALE_BITS. */
function scaled(
  xs: readonly Rational[],
  rounding: 'down' | 'up',
): { values: bigint[]; scale: bigint; exact: boolean } {
  let scale = 1n
  let maxDenBits = 0
  const limit = 1n << BigInt(MAX_SCALE_BITS)
  for (const x of xs) {
    if (x.den === 1n) continue
    maxDenBits = Math.max(maxDenBits, bitLength(x.den))
    if (scale < limit) scale = lcm(scale, x.den)
  }
  if (scale < limit) return { values: xs.map((x) => x.num * (scale / x.den)), scale, exact: true }
  const k = BigInt(64 + maxDenBits)
  return {
    values: xs.map((x) => {
      const n = x.num << k
      const q = n / x.den
      return rounding === 'up' && q * x.den !== n ? q + 1n : q
    }),
    scale: 1n << k,
    exact: false,
  }
}

/** Stake of a set of validator indices, as an exact rational in the graph's units. */
export function stakeOf(ig: IndexedGraph, vs: Iterable<number>): Rational {
  let t = 0n
  for (const v of vs) t += ig.stake[v]!
  return normalize(t, ig.stakeScale)
}
export function profitOf(ig: IndexedGraph, ss: Iterable<number>): Rational {
  let t = 0n
  for (const s of ss) t += ig.profit[s]!
  return normalize(t, ig.profitScale)
}

/**
 * A(B) on G↓D: the services s with σ_{B∩N(s)} ≥ α_s σ_{N(s)\D}. `inB`/`inD` are membership flags.
 */
export function attackedServices(
  ig: IndexedGraph,
  inB: ArrayLike<boolean>,
  inD?: ArrayLike<boolean>,
): number[] {
  const out: number[] = []
  for (let s = 0; s < ig.nS; s++) {
    let b = 0n
    let rest = ig.sigmaN[s]!
    for (const v of ig.svcVals[s]!) {
      if (inB[v]) b += ig.stake[v]!
      if (inD?.[v]) rest -= ig.stake[v]!
    }
    if (ig.thrDen[s]! * b >= ig.thrNum[s]! * rest) out.push(s)
  }
  return out
}

/** The subgraph induced by the given services and every validator adjacent to them. */
export function serviceSubgraph(graph: RestakingGraph, serviceIds: readonly string[]): RestakingGraph {
  const known = new Set(graph.services.map((s) => s.id))
  const issues: GraphIssue[] = []
  serviceIds.forEach((id, i) => {
    if (!known.has(id)) issues.push({ field: `serviceIds[${i}]`, message: `unknown service id "${id}"` })
  })
  if (issues.length) throw new InvalidGraphError(issues)
  const keep = new Set(serviceIds)
  const edges = graph.edges.filter(([s]) => keep.has(s))
  const vKeep = new Set(edges.map(([, v]) => v))
  return {
    services: graph.services.filter((s) => keep.has(s.id)),
    validators: graph.validators.filter((v) => vKeep.has(v.id)),
    edges,
  }
}
