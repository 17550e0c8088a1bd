// Benchmark: EigenLayer getPortfolio for a staker with 10 strategies and 20 queued withdrawals on
// the devnet (real EigenLayer fixture). Counts JSON-RPC round trips with a counting transport and
// reports the median wall time of several runs. Run: npx tsx bench/eigenlayer-portfolio.ts
import { performance } from 'node:perf_hooks'
import { getPortfolio } from '@restakekit/core/eigenlayer'
import { haveEigenLayer } from '@restakekit/devnet'
import { createPublicClient, custom, http } from 'viem'
import { stakerWithPortfolio, startEnv } from '../packages/core/src/eigenlayer/test/helpers.js'

const RUNS = Number(process.env.RUNS ?? 15)

if (!haveEigenLayer()) {
  console.error('EigenLayer fixture missing; cannot run the benchmark.')
  process.exit(1)
}

const env = await startEnv()
try {
  const setupStart = performance.now()
  const { staker } = await stakerWithPortfolio(env, 10, 20)
  const setupMs = performance.now() - setupStart

  const counter = { requests: 0, methods: [] as string[] }
  const inner = http(env.devnet.rpcUrl)({ chain: env.devnet.chain })
  const client = createPublicClient({
    chain: env.devnet.chain,
    transport: custom({
      async request(args) {
        counter.requests++
        counter.methods.push(args.method)
        return inner.request(args)
      },
    }),
  })

  // warm-up (module JIT, connection)
  await getPortfolio(client, { staker: staker.address })

  const times: number[] = []
  const trips: number[] = []
  let last: Awaited<ReturnType<typeof getPortfolio>> | undefined
  for (let i = 0; i < RUNS; i++) {
    counter.requests = 0
    counter.methods = []
    const t0 = performance.now()
    last = await getPortfolio(client, { staker: staker.address })
    times.push(performance.now() - t0)
    trips.push(counter.requests)
  }
  times.sort((a, b) => a - b)
  const median = times[Math.floor(times.length / 2)]!
  console.log('EigenLayer getPortfolio benchmark (devnet, real EigenLayer v1.2 fixture)')
  console.log(`  staker:              ${staker.address}`)
  console.log(`  strategies:          ${last?.deposits.length}`)
  console.log(`  queued withdrawals:  ${last?.queuedWithdrawals.length}`)
  console.log(`  runs:                ${RUNS}`)
  console.log(
    `  round trips per run: ${[...new Set(trips)].join(', ')} (methods: ${counter.methods.join(', ')})`,
  )
  console.log(
    `  wall time median:    ${median.toFixed(2)} ms (min ${times[0]!.toFixed(2)}, max ${times.at(-1)!.toFixed(2)})`,
  )
  console.log(`  (set-up of the staker: ${(setupMs / 1000).toFixed(1)} s)`)
  if (Math.max(...trips) > 2) {
    console.error('FAIL: more than 2 round trips')
    process.exitCode = 1
  }
} finally {
  await env.devnet.stop()
}
