// The stress run (issue 14): repeats the EigenLayer and Symbiotic staker flows, the prepared-call
// path and the devnet helpers, many at a time on one devnet while busy threads load the machine,
// then lists every transaction that was mined and reverted, each explained from a replay.
//
//   pnpm test:stress                       200 flows, 8 at a time, 1 busy thread
//   pnpm test:stress --iterations 400 --concurrency 12 --load 2 --json stress-report.json
//   STRESS_WALLET_ESTIMATE=1 pnpm test:stress    prepared calls sent with the wallet's own estimate
import { writeFileSync } from 'node:fs'
import { Worker } from 'node:worker_threads'
import { startDevnet } from '@restakekit/devnet'
import { FLOWS, type FlowName, flows } from './flows.js'
import { findReverts, type RevertRecord } from './record.js'

export type StressOptions = { iterations: number; concurrency: number; load: number }

export type StressReport = StressOptions & {
  runs: Record<FlowName, number>
  failures: { flow: FlowName; iteration: number; message: string }[]
  reverts: RevertRecord[]
  blocks: bigint
  seconds: number
}

/** Busy threads that keep the cores loaded until stopped (or for at most `maxMs`). */
function loadMachine(threads: number, maxMs: number): () => Promise<void> {
  const code = `const end = Date.now() + ${maxMs}; const { parentPort } = require('node:worker_threads');
    let stop = false; parentPort.on('message', () => { stop = true });
    (function spin() { const t = Date.now() + 20; while (Date.now() < t) {} if (!stop && Date.now() < end) setImmediate(spin); else process.exit(0) })()`
  const workers = Array.from({ length: threads }, () => new Worker(code, { eval: true }))
  return async () => {
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve())
            w.postMessage('stop')
          }),
      ),
    )
  }
}

export async function runStress(options: StressOptions): Promise<StressReport> {
  const started = Date.now()
  const devnet = await startDevnet()
  const stopLoad = loadMachine(options.load, 20 * 60_000)
  const runs = Object.fromEntries(FLOWS.map((f) => [f, 0])) as Record<FlowName, number>
  const failures: StressReport['failures'] = []
  try {
    let next = 0
    const worker = async () => {
      while (next < options.iterations) {
        const iteration = next++
        const flow = FLOWS[iteration % FLOWS.length]!
        runs[flow]++
        await flows[flow](devnet).catch((error: Error) => {
          failures.push({ flow, iteration, message: error.message.split('\n')[0] ?? String(error) })
        })
      }
    }
    await Promise.all(Array.from({ length: options.concurrency }, worker))
    const reverts = await findReverts(devnet.publicClient)
    return {
      ...options,
      runs,
      failures,
      reverts,
      blocks: await devnet.publicClient.getBlockNumber(),
      seconds: (Date.now() - started) / 1000,
    }
  } finally {
    await stopLoad()
    await devnet.stop()
  }
}

export function formatReport(r: StressReport): string {
  const lines = [
    `stress: ${r.iterations} flows (${FLOWS.map((f) => `${f} ${r.runs[f]}`).join(', ')}), ${r.concurrency} at a time, ${r.load} busy thread(s)`,
    `  ${r.blocks} blocks in ${r.seconds.toFixed(1)} s; ${r.failures.length} flow failure(s); ${r.reverts.length} mined revert(s)`,
  ]
  for (const v of r.reverts) {
    lines.push(
      `  revert ${v.hash} block ${v.block} call ${v.selector} to ${v.to}: ${v.reason}; gas ${v.gasUsed}/${v.gasLimit}` +
        `${v.outOfGas ? ' (all of it)' : ''}; timestamps ${v.timestamps.before} → ${v.timestamps.at} → ${v.timestamps.after}`,
    )
  }
  for (const f of r.failures.slice(0, 20)) lines.push(`  failure ${f.flow} #${f.iteration}: ${f.message}`)
  return lines.join('\n')
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`)
  if (i < 0) return fallback
  const value = Number(process.argv[i + 1])
  if (!Number.isInteger(value) || value < 0 || value > 100_000) {
    console.error(`--${name} must be an integer between 0 and 100000`)
    process.exit(2)
  }
  return value
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const report = await runStress({
    iterations: arg('iterations', 200),
    concurrency: Math.max(1, arg('concurrency', 8)),
    load: arg('load', 1),
  })
  console.log(formatReport(report))
  const json = process.argv.indexOf('--json')
  if (json >= 0 && process.argv[json + 1]) {
    writeFileSync(
      process.argv[json + 1]!,
      JSON.stringify(report, (_, v) => (typeof v === 'bigint' ? v.toString() : v), 2),
    )
  }
  process.exit(report.reverts.length + report.failures.length > 0 ? 1 : 0)
}
