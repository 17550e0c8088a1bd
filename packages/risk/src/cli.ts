/**
 * restakekit-risk — command line front end of @restakekit/risk.
 *
 *   restakekit-risk analyze GRAPH.json [--psi a/b] [--json] [--max-validators N]
 *   restakekit-risk position SNAPSHOT.json --staker 0x… [--json]
 *   restakekit-risk snapshot --rpc URL [--staker 0x…]… [--operator 0x…]… [--avs 0x…]… [--vault 0x…]…
 *                            [--subnetwork 0x…]… [--deployments FILE.json]
 *
 * Exit codes: 0 success, 1 invalid input (the message names the field), 2 usage error.
 */
import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { GraphIssue } from './graph.js'
import { format, type Rational, toDecimal } from './rational.js'

// The analysis (and @restakekit/core behind it) is loaded only once a command runs, so that
// usage errors and --help answer at once.
const lib = () => import('./index.js')

/** Invalid input found by the CLI itself (same shape as InvalidGraphError). */
class InputError extends Error {
  readonly issues: readonly GraphIssue[]
  readonly shortMessage: string
  constructor(field: string, message: string) {
    super(`Invalid ${field}: ${message}.`)
    this.shortMessage = this.message
    this.issues = [{ field, message }]
  }
}

class UsageError extends Error {}

const USAGE = `usage:
  restakekit-risk analyze GRAPH.json [--psi a/b] [--json] [--max-validators N]
      certificate γ_cert, exact margin γ*, worst-case loss L_ψ after a shock ψ (default 1/10)
      with the Theorem 1 bound, and concentration (attack Nakamoto coefficient, HHI) per service
  restakekit-risk position SNAPSHOT.json --staker 0x… [--json]
      one staker's exposure per service, slashable amounts, worst case and exit time
  restakekit-risk snapshot --rpc URL [--staker 0x…]… [--operator 0x…]… [--avs 0x…]… [--vault 0x…]…
                           [--operator-set AVS:ID]… [--subnetwork 0x…(bytes32)]… [--deployments FILE.json]
      reads EigenLayer and Symbiotic state into a snapshot (JSON on stdout); deployments default
      to the chain's known ones, FILE.json may give { "eigenlayer": {…}, "symbiotic": {…} }

graph file: { "services": [{ "id", "profit", "threshold" }], "validators": [{ "id", "stake" }],
              "edges": [["serviceId", "validatorId"]] }  — numbers as integers or "num/den" strings
exit codes: 0 ok, 1 invalid input, 2 usage error`

export type Io = { out: (s: string) => void; err: (s: string) => void }

const isRat = (x: unknown): x is Rational =>
  typeof x === 'object' &&
  x !== null &&
  typeof (x as Rational).num === 'bigint' &&
  typeof (x as Rational).den === 'bigint'

/** Stable JSON: rationals as "num/den", bigints as decimal strings. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: unknown, _k, v) {
      if (isRat(v)) return format(v)
      if (typeof v === 'bigint') return v.toString()
      return v
    },
    2,
  )
}

const show = (r: Rational | null | undefined, digits = 6) =>
  r == null ? '∞ (unbounded)' : `${format(r, true)}${r.den === 1n ? '' : ` ≈ ${toDecimal(r, digits)}`}`

function table(rows: string[][]): string {
  const w = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(w[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

function readJson(path: string, what: string): unknown {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (e) {
    throw new InputError(what, `cannot read ${path}: ${(e as Error).message}`)
  }
  try {
    return JSON.parse(text)
  } catch (e) {
    throw new InputError(what, `${path} is not JSON: ${(e as Error).message}`)
  }
}

/** A numeric option: digits only, within [min, max]; otherwise an InputError naming it (exit 1). */
function integerOption(value: string | undefined, field: string, min: number, max: number) {
  if (value === undefined) return undefined
  if (!/^\d+$/.test(value.trim()))
    throw new InputError(field, `"${value}" is not a non-negative integer (${min} to ${max})`)
  const n = Number(value.trim())
  if (n < min || n > max) throw new InputError(field, `${value.trim()} is out of range (${min} to ${max})`)
  return n
}

async function analyze(args: string[], io: Io) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      psi: { type: 'string', default: '1/10' },
      json: { type: 'boolean', default: false },
      'max-validators': { type: 'string' },
    },
  })
  if (positionals.length !== 1) throw new UsageError('analyze takes exactly one GRAPH.json')
  const {
    parseFraction,
    parseGraph,
    certifySecurity,
    exactSecurity,
    worstCaseLoss,
    concentration,
    EXACT_MAX_VALIDATORS_LIMIT,
  } = await lib()
  const psi = parseFraction(values.psi, 'psi')
  const maxValidators = integerOption(
    values['max-validators'],
    'max-validators',
    0,
    EXACT_MAX_VALIDATORS_LIMIT,
  )
  const graph = parseGraph(readJson(positionals[0]!, 'graph'))
  const opts = maxValidators === undefined ? {} : { maxValidators }
  const cert = certifySecurity(graph)
  const ex = exactSecurity(graph, opts)
  const loss = worstCaseLoss(graph, psi, { ...opts, security: ex })
  const conc = concentration(graph)
  if (values.json) {
    io.out(
      toJson({
        gammaCert: cert.gammaCert,
        certExact: cert.exact,
        binding: cert.binding && { validator: cert.binding.validator, load: cert.binding.load },
        freeServices: cert.freeServices,
        gammaExact: ex.gammaExact,
        exact: ex.exact,
        fallback: ex.fallback,
        fallbackReason: ex.fallbackReason,
        secure: ex.secure,
        attack: ex.attack,
        witness: ex.witness,
        psi,
        loss: loss.loss,
        lossExact: loss.exact,
        lossFallbackReason: loss.fallbackReason,
        shock: loss.shock && { ...loss.shock, attack: loss.attack },
        bound: loss.bound,
        services: conc.services.map((s) => ({
          id: s.service,
          nakamoto: s.nakamoto,
          nakamotoValidators: s.validators,
          hhi: s.hhi,
          effectiveN: s.effectiveN,
        })),
        concentrationExact: conc.exact,
        network: {
          hhi: conc.network.hhi,
          effectiveN: conc.network.effectiveN,
          topShares: conc.network.topShares,
        },
      }),
    )
    return
  }
  const lines: string[] = []
  lines.push(
    `graph: ${graph.services.length} services, ${graph.validators.length} validators, ${graph.edges.length} edges`,
  )
  lines.push('')
  lines.push(
    table([
      ['measure', 'value', 'witness'],
      [
        `γ_cert (certificate${cert.exact ? '' : ', rounded: lower bound'})`,
        show(cert.gammaCert),
        cert.freeServices.length
          ? `attackable for free: ${cert.freeServices.join(', ')}`
          : cert.binding
            ? `binding validator ${cert.binding.validator} (load ${show(cert.binding.load, 4)})`
            : '',
      ],
      [
        `γ* (exact${ex.exact ? '' : `, FALLBACK (${ex.fallbackReason}): lower bound`})`,
        show(ex.gammaExact),
        ex.witness
          ? `${ex.attack ? 'attack' : 'tightest coalition'}: {${ex.witness.validators.join(', ')}} → {${ex.witness.services.join(', ')}} (σ ${show(ex.witness.stake, 4)}, π ${show(ex.witness.profit, 4)})`
          : '',
      ],
      ['secure', ex.secure === null ? 'undecided (fallback)' : ex.secure ? 'yes' : 'NO', ''],
      [
        `L_ψ at ψ = ${format(psi, true)}${loss.exact ? '' : ` (FALLBACK (${loss.fallbackReason}): bound)`}`,
        show(loss.loss),
        loss.shock
          ? `${loss.shock.validators.length ? `shock {${loss.shock.validators.join(', ')}}` : 'no shock needed'}${loss.attack ? `, then {${loss.attack.validators.join(', ')}} attack {${loss.attack.services.join(', ')}}` : ''}`
          : '',
      ],
      ['Theorem 1 bound', loss.bound ? show(loss.bound) : 'none (γ ≤ 0)', ''],
      [
        `network HHI / N_eff${conc.exact ? '' : ' (rounded)'}`,
        `${show(conc.network.hhi, 4)} / ${conc.network.effectiveN ? toDecimal(conc.network.effectiveN, 2) : '-'}`,
        '',
      ],
    ]),
  )
  lines.push('')
  lines.push(
    table([
      ['service', 'profit', 'threshold', 'nakamoto', 'HHI', 'N_eff', 'top validators'],
      ...conc.services.map((s, i) => [
        s.service,
        format(graph.services[i]!.profit, true),
        format(graph.services[i]!.threshold, true),
        String(s.nakamoto),
        toDecimal(s.hhi, 4),
        s.effectiveN ? toDecimal(s.effectiveN, 2) : '-',
        s.validators.join(', '),
      ]),
    ]),
  )
  io.out(lines.join('\n'))
}

async function position(args: string[], io: Io) {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { staker: { type: 'string' }, json: { type: 'boolean', default: false } },
  })
  if (positionals.length !== 1) throw new UsageError('position takes exactly one SNAPSHOT.json')
  if (!values.staker) throw new UsageError('position needs --staker 0x…')
  if (!/^0x[0-9a-fA-F]{40}$/.test(values.staker))
    throw new InputError('staker', `${values.staker} is not an address`)
  const { parseSnapshot, analyzePosition } = await lib()
  const snap = parseSnapshot(readJson(positionals[0]!, 'snapshot'))
  const p = analyzePosition(snap, { staker: values.staker })
  if (values.json) {
    io.out(toJson(p))
    return
  }
  const lines = [`staker ${p.staker} at block ${snap.blockNumber} (chain ${snap.chainId})`, '']
  if (p.exposures.length === 0) lines.push('(no slashable exposure for this staker in the snapshot)', '')
  lines.push(
    table([
      ['protocol', 'service', 'asset', 'through', 'slashable', 'fraction', 'slashed funds go to'],
      ...p.exposures.map((e) => [
        e.protocol,
        e.service,
        e.asset,
        e.through,
        e.slashable.toString(),
        toDecimal(e.fraction, 6),
        e.redistributesTo ?? (e.protocol === 'eigenlayer' ? 'burned' : "the vault's burner"),
      ]),
    ]),
  )
  lines.push('')
  const el = p.byProtocol.eigenlayer
  lines.push(
    `EigenLayer: delegated to ${el.delegatedTo ?? '-'}; worst case ${el.worstCase} of ${el.positions.reduce((t, x) => t + x.shares, 0n)} shares (unique stake)${el.redistributable > 0n ? `, of which ${el.redistributable} redistributable to the sets' recipients` : ''}`,
  )
  for (const v of p.byProtocol.symbiotic.positions)
    lines.push(
      `Symbiotic vault ${v.vault}: balance ${v.balance}, worst case ${v.worstCase} (compounded fraction ${toDecimal(v.compounded.loss, 6)})`,
    )
  for (const v of p.byProtocol.karak.positions)
    lines.push(
      `Karak vault ${v.vault}: balance ${v.balance}, worst case ${v.worstCase} (${v.dssCount === null ? 'DSS allocations not read' : `${v.dssCount} DSS(s)`})`,
    )
  for (const w of p.warnings) lines.push(`warning (${w.code}): ${w.message}`)
  if (p.exit)
    lines.push(
      `exit: ${p.exit.exitSeconds} s (${p.exit.parts.map((x) => `${x.label} ${x.seconds} s`).join(' + ')}), slashable throughout`,
    )
  io.out(lines.join('\n'))
}

async function snapshot(args: string[], io: Io) {
  const { values } = parseArgs({
    args,
    options: {
      rpc: { type: 'string' },
      staker: { type: 'string', multiple: true },
      operator: { type: 'string', multiple: true },
      avs: { type: 'string', multiple: true },
      'operator-set': { type: 'string', multiple: true },
      vault: { type: 'string', multiple: true },
      subnetwork: { type: 'string', multiple: true },
      deployments: { type: 'string' },
    },
  })
  if (!values.rpc) throw new UsageError('snapshot needs --rpc URL')
  const check = (field: string, xs: string[] | undefined, re: RegExp, what: string) => {
    for (const [i, x] of (xs ?? []).entries())
      if (!re.test(x)) throw new InputError(`${field}[${i}]`, `${x} is not ${what}`)
    return (xs ?? []) as `0x${string}`[]
  }
  const ADDR = /^0x[0-9a-fA-F]{40}$/
  const stakers = check('staker', values.staker, ADDR, 'an address')
  const operators = check('operator', values.operator, ADDR, 'an address')
  const avs = check('avs', values.avs, ADDR, 'an address')
  const vaults = check('vault', values.vault, ADDR, 'an address')
  const operatorSets = (values['operator-set'] ?? []).map((x, i) => {
    const m = /^(0x[0-9a-fA-F]{40}):(\d+)$/.exec(x)
    if (!m) throw new InputError(`operator-set[${i}]`, `${x} is not AVS:ID`)
    const id = Number(m[2])
    if (!(id <= 0xffffffff)) throw new InputError(`operator-set[${i}]`, `id ${m[2]} does not fit in a uint32`)
    return { avs: m[1] as `0x${string}`, id }
  })
  const subnetworks = check('subnetwork', values.subnetwork, /^0x[0-9a-fA-F]{64}$/, 'a bytes32 subnetwork')
  // optional { "eigenlayer": {...}, "symbiotic": {...} } deployments (a fork, a devnet)
  const deployments = values.deployments
    ? (readJson(values.deployments, 'deployments') as { eigenlayer?: never; symbiotic?: never })
    : {}
  const [{ createPublicClient, defineChain, http }, { snapshotRestaking }] = await Promise.all([
    import('viem'),
    import('./snapshot-io.js'),
  ])
  const probe = createPublicClient({ transport: http(values.rpc) })
  const id = await probe.getChainId()
  const chain = defineChain({
    id,
    name: `chain ${id}`,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [values.rpc] } },
  })
  const client = createPublicClient({ chain, transport: http(values.rpc) })
  const snap = await snapshotRestaking(client, {
    stakers,
    operators,
    avs,
    operatorSets,
    vaults,
    subnetworks,
    ...(deployments.eigenlayer ? { eigenlayer: deployments.eigenlayer } : {}),
    ...(deployments.symbiotic ? { symbiotic: deployments.symbiotic } : {}),
  })
  io.out(JSON.stringify(snap, null, 2))
}

/** Runs one `restakekit-risk` command (`argv` without the program name); resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  const [cmd, ...rest] = argv
  try {
    if (cmd === 'analyze') await analyze(rest, io)
    else if (cmd === 'position') await position(rest, io)
    else if (cmd === 'snapshot') await snapshot(rest, io)
    else if (cmd === undefined || cmd === '--help' || cmd === '-h' || cmd === 'help') {
      io.out(USAGE)
      return cmd === undefined ? 2 : 0
    } else throw new UsageError(`unknown command "${cmd}"`)
    return 0
  } catch (e) {
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n\n${USAGE}`)
      return 2
    }
    const issues = (e as { issues?: readonly GraphIssue[] }).issues
    if (e instanceof InputError || (e as Error).name === 'InvalidGraphError') {
      io.err(`error: ${(e as InputError).shortMessage}`)
      for (const i of issues?.slice(1) ?? []) io.err(`  also: ${i.field}: ${i.message}`)
      return 1
    }
    io.err(`error: ${(e as Error).message ?? String(e)}`)
    return 1
  }
}
