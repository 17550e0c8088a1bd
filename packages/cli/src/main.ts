// restakekit: the command line. Every command takes --rpc URL (or RESTAKEKIT_RPC_URL), reads the
// chain id from the node, and --json for stable output. Keys come from the environment or a
// keystore file, never from argv. Exit codes: 0 ok, 1 invalid input (the field named), 2 usage,
// 3 a failure while talking to the chain.
import { parseArgs } from 'node:util'
import type { QueuedWithdrawal } from '@restakekit/core'
import { formatUnits } from 'viem'
import { type CliEnv, connect, parseAddress } from './context.js'
import { CliInputError, CliUsageError } from './errors.js'
import { finishable, prepareFinish } from './finish.js'
import { readiness, short, table, toJson } from './format.js'
import { broadcast, signFinish } from './send.js'
import { tick } from './watch.js'

export type Io = { out: (s: string) => void; err: (s: string) => void }

export const USAGE = `usage: restakekit <command> [options]

  portfolio   --staker 0x… [--json]            every position, holding, withdrawal and reward, all protocols
  withdrawals --staker 0x… [--ready] [--json]  withdrawals with their readiness (--ready: only those ready now)
  complete    --ready [--dry-run] [--json]     completes or claims every ready withdrawal of the key's account,
                                               on every protocol (--dry-run: prints the simulated calls, sends nothing)
  watch       [--state FILE] [--interval S] [--once]
                                               a keeper: finishes each withdrawal once it is ready; its state file
                                               makes it safe to kill and restart (nothing is sent twice)
  risk        analyze | position | snapshot …  the risk commands (restakekit risk --help)

chain options: --rpc URL (or RESTAKEKIT_RPC_URL)  --deployments FILE.json (default: the chain's known ones;
               the devnet's --json output is accepted)
keys (complete, watch): RESTAKEKIT_PRIVATE_KEY, or --keystore FILE with RESTAKEKIT_KEYSTORE_PASSWORD
exit codes: 0 ok, 1 invalid input, 2 usage error, 3 chain or RPC failure`

const chainOptions = {
  rpc: { type: 'string' },
  deployments: { type: 'string' },
  keystore: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const

const KEY_FLAGS = ['--private-key', '--key', '--pk', '--mnemonic']

type Values = { [k: string]: string | boolean | undefined } & {
  rpc?: string
  deployments?: string
  keystore?: string
  json: boolean
}
type Opt = { type: 'string'; default?: string } | { type: 'boolean'; default?: boolean }

function parse(args: string[], options: Record<string, Opt>): Values & Record<string, never> {
  const bad = args.find((a) => KEY_FLAGS.includes(a.split('=')[0] ?? ''))
  if (bad)
    throw new CliInputError({
      field: bad.split('=')[0] ?? bad,
      message:
        'keys are never read from the command line (shell history, ps): use RESTAKEKIT_PRIVATE_KEY or --keystore',
    })
  return parseArgs({ args, options: { ...chainOptions, ...options }, allowPositionals: false, strict: true })
    .values as never
}
const str = (v: unknown) => (typeof v === 'string' ? v : undefined)

function amount(v: bigint) {
  return formatUnits(v, 18)
}

async function portfolio(args: string[], io: Io, env: CliEnv) {
  const v = parse(args, { staker: { type: 'string' } })
  const staker = parseAddress(str(v.staker), '--staker')
  const c = await connect(v, env, false)
  const p = await c.client.restaking.getPortfolio({ staker, allowPartial: true })
  const errors = p.errors.map((e) => ({ protocol: e.protocol, error: e.error.message.split('\n')[0] }))
  if (v.json) {
    const { positions, holdings, withdrawals, rewards, skipped } = p
    io.out(
      toJson({ staker, chainId: c.chain.id, positions, holdings, withdrawals, rewards, skipped, errors }),
    )
    return
  }
  io.out(`staker ${staker} on chain ${c.chain.id}`)
  io.out('')
  io.out(
    table([
      ['kind', 'protocol', 'location', 'asset', 'amount', 'operator / status'],
      ...p.positions.map((x) => [
        'stake',
        x.protocol,
        x.location,
        x.asset ?? 'ETH',
        amount(x.amount),
        x.operator ?? '—',
      ]),
      ...p.withdrawals.map((x) => [
        'withdrawal',
        x.protocol,
        x.location,
        x.asset ?? 'ETH',
        amount(x.amount),
        readiness(x),
      ]),
      ...p.holdings.map((x) => [
        'token',
        x.protocol,
        x.token,
        x.token,
        amount(x.balance),
        x.underlying ? `worth ${amount(x.underlying.amount)} ${x.underlying.asset ?? 'ETH'}` : '—',
      ]),
      ...p.rewards.map((x) => ['reward', x.protocol, x.source, x.token, amount(x.amount), 'claimable']),
    ]),
  )
  for (const s of p.skipped) io.out(`skipped ${s.protocol}: ${s.reason}`)
  for (const e of errors) io.err(`could not read ${e.protocol}: ${e.error}`)
}

async function withdrawals(args: string[], io: Io, env: CliEnv) {
  const v = parse(args, { staker: { type: 'string' }, ready: { type: 'boolean', default: false } })
  const staker = parseAddress(str(v.staker), '--staker')
  const c = await connect(v, env, false)
  const p = await c.client.restaking.getPortfolio({ staker, allowPartial: true })
  const list = p.withdrawals.filter((w) => !v.ready || w.ready)
  if (v.json) {
    io.out(toJson({ staker, chainId: c.chain.id, withdrawals: list }))
    return
  }
  if (list.length === 0) io.out(v.ready ? 'no withdrawal is ready' : 'no withdrawals')
  else
    io.out(
      table([
        ['protocol', 'location', 'id', 'amount', 'ready'],
        ...list.map((w) => [
          w.protocol,
          short(w.location),
          short(String(w.id)),
          amount(w.amount),
          readiness(w),
        ]),
      ]),
    )
}

async function complete(args: string[], io: Io, env: CliEnv) {
  const v = parse(args, {
    ready: { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    staker: { type: 'string' },
  })
  if (!v.ready) throw new CliUsageError('complete finishes only what is ready: pass --ready')
  const dryRun = v['dry-run']
  const c = await connect(v, env, !dryRun)
  const staker = c.account?.address ?? parseAddress(str(v.staker), '--staker')
  if (v.staker && c.account && parseAddress(str(v.staker), '--staker').toLowerCase() !== staker.toLowerCase())
    throw new CliInputError({
      field: '--staker',
      message: "complete sends from the key's account; it finishes that account's withdrawals",
    })
  const p = await c.client.restaking.getPortfolio({ staker, allowPartial: true })
  const ready = (p.withdrawals as QueuedWithdrawal[]).filter(
    (w) => w.ready && (finishable as readonly string[]).includes(w.protocol),
  )
  const results: {
    protocol: string
    id: string
    call?: unknown
    hash?: string
    status?: string
    error?: string
  }[] = []
  for (const [i, w] of ready.entries()) {
    // progress on stderr, so stdout stays the result (a table or the JSON)
    if (!v.json)
      io.err(
        `${dryRun ? 'simulating' : 'finishing'} ${i + 1}/${ready.length}: ${w.protocol} ${short(String(w.id))}`,
      )
    try {
      const call = await prepareFinish(c, w, staker)
      if (dryRun) {
        results.push({ protocol: w.protocol, id: String(w.id), call })
        continue
      }
      const signed = await signFinish(c, call)
      await broadcast(c, signed)
      const receipt = await c.client.waitForTransactionReceipt({ hash: signed.hash })
      results.push({ protocol: w.protocol, id: String(w.id), hash: signed.hash, status: receipt.status })
    } catch (e) {
      results.push({
        protocol: w.protocol,
        id: String(w.id),
        error: (e as Error).message.split('\n')[0] ?? String(e),
      })
    }
  }
  if (v.json) io.out(toJson({ staker, chainId: c.chain.id, dryRun, results }))
  else if (results.length === 0) io.out('nothing is ready')
  else
    for (const r of results)
      io.out(
        r.error
          ? `failed   ${r.protocol} ${short(r.id)}: ${r.error}`
          : dryRun
            ? `would send ${r.protocol} ${short(r.id)}: ${toJson(r.call)}`
            : `${r.status === 'success' ? 'finished' : 'REVERTED'} ${r.protocol} ${short(r.id)} in ${r.hash}`,
      )
  if (results.some((r) => r.error || (r.status && r.status !== 'success')))
    throw new ChainFailure('some withdrawals were not finished')
}

class ChainFailure extends Error {}

async function watch(args: string[], io: Io, env: CliEnv) {
  const v = parse(args, {
    state: { type: 'string', default: 'restakekit-watch.json' },
    interval: { type: 'string', default: '12' },
    once: { type: 'boolean', default: false },
  })
  const interval = Number(str(v.interval))
  if (!Number.isFinite(interval) || interval < 0.1 || interval > 86_400)
    throw new CliInputError({
      field: '--interval',
      message: `expected seconds between 0.1 and 86400, got ${v.interval}`,
    })
  const c = await connect(v, env, true)
  const staker = c.account!.address
  const log = (line: string) => (v.json ? io.out(toJson({ event: 'log', line })) : io.out(line))
  const statePath = str(v.state) ?? 'restakekit-watch.json'
  log(`watching ${staker} on chain ${c.chain.id}, every ${interval} s, state in ${statePath}`)
  let stop = false
  const onSignal = () => {
    stop = true
  }
  process.once('SIGINT', onSignal)
  process.once('SIGTERM', onSignal)
  let failures = 0
  while (!stop) {
    try {
      const r = await tick(c, { staker, statePath, log })
      failures = 0
      if (v.json) io.out(toJson({ event: 'tick', ...r }))
      else {
        for (const line of r.resumed) log(`resumed  ${line}`)
        for (const line of r.finished) log(`finished ${line}`)
        for (const line of r.errors) log(`error    ${line}`)
        log(`tick: ${r.finished.length} finished, ${r.waiting.length} waiting`)
      }
    } catch (e) {
      // an RPC outage or a bad answer: report it and try again, slower each time (up to 10 intervals)
      failures++
      log(`tick failed (${failures} in a row): ${(e as Error).message.split('\n')[0]}`)
    }
    if (v.once) break
    await new Promise((r) => setTimeout(r, interval * 1000 * Math.min(10, 2 ** Math.max(0, failures - 1))))
  }
  process.off('SIGINT', onSignal)
  process.off('SIGTERM', onSignal)
}

/** Runs one command (`argv` without the program name); resolves to the exit code. */
export async function main(argv: readonly string[], io: Io, env: CliEnv = process.env): Promise<number> {
  const [cmd, ...rest] = argv
  try {
    if (cmd === 'risk') {
      const { main: risk } = await import('@restakekit/risk/cli')
      return await risk(rest, io)
    }
    if (cmd === undefined || cmd === 'help' || cmd === '--help' || cmd === '-h') {
      io.out(USAGE)
      return cmd === undefined ? 2 : 0
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(USAGE)
      return 0
    }
    if (cmd === 'portfolio') await portfolio(rest, io, env)
    else if (cmd === 'withdrawals') await withdrawals(rest, io, env)
    else if (cmd === 'complete') await complete(rest, io, env)
    else if (cmd === 'watch') await watch(rest, io, env)
    else throw new CliUsageError(`unknown command "${cmd}"`)
    return 0
  } catch (e) {
    if (e instanceof CliUsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`error: ${(e as Error).message}\n\n${USAGE}`)
      return 2
    }
    if (e instanceof CliInputError) {
      io.err(`error: ${e.message}`)
      return 1
    }
    const err = e as Error & { shortMessage?: string }
    // the SDK's typed input errors (bad address, amount…) are input errors too
    if (err.name?.startsWith('Invalid')) {
      io.err(`error: ${err.shortMessage ?? err.message}`)
      return 1
    }
    io.err(`error: ${err.shortMessage ?? err.message}`)
    return 3
  }
}
