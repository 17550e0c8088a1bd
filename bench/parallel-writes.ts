// Benchmark: N writes from one local account (EigenLayer `setClaimerFor` on the devnet's real
// RewardsCoordinator), started together vs one after another, through a proxy that holds every
// answer back LATENCY ms (a remote node). One account's broadcasts go out in nonce order, one at a
// time; the checks, simulation, gas and fees of the writes run in parallel. Reports the median wall
// time until every write was sent and until every receipt came, and the requests per write.
// Run: npx tsx bench/parallel-writes.ts   (N=10 LATENCY=25 RUNS=5 by default)
import { performance } from 'node:perf_hooks'
import { setClaimerFor } from '@restakekit/core/eigenlayer'
import { haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { startFaultProxy } from '../packages/core/test/faults/proxy.js'

const N = Number(process.env.N ?? 10)
const LATENCY = Number(process.env.LATENCY ?? 25)
const RUNS = Number(process.env.RUNS ?? 5)

if (!haveEigenLayer()) {
  console.error('EigenLayer fixture missing; cannot run the benchmark.')
  process.exit(1)
}

const devnet = await startDevnet()
const proxy = await startFaultProxy(devnet.rpcUrl)
try {
  const deployment = devnet.deployments.eigenlayer!
  const claimers = devnet.accounts.slice(0, N).map((a) => a.address)
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!

  const runOnce = async (mode: 'parallel' | 'sequential') => {
    const account = await devnet.newAccount()
    const transport = http(proxy.url)
    const wallet = createWalletClient({ chain: devnet.chain, account, transport, pollingInterval: 20 })
    const reader = createPublicClient({ chain: devnet.chain, transport, pollingInterval: 20 })
    proxy.reset()
    proxy.set({ kind: 'delay', ms: LATENCY })
    const t0 = performance.now()
    let hashes: Hex[]
    if (mode === 'parallel') {
      hashes = await Promise.all(claimers.map((claimer) => setClaimerFor(wallet, { deployment, claimer })))
    } else {
      hashes = []
      for (const claimer of claimers) hashes.push(await setClaimerFor(wallet, { deployment, claimer }))
    }
    const sent = performance.now() - t0
    const receipts = await Promise.all(hashes.map((hash) => reader.waitForTransactionReceipt({ hash })))
    const mined = performance.now() - t0
    const requests = Object.values(proxy.methods).reduce((a, b) => a + b, 0)
    proxy.reset()
    if (!receipts.every((r) => r.status === 'success')) throw new Error('a write reverted')
    const nonces = await Promise.all(hashes.map((hash) => devnet.publicClient.getTransaction({ hash })))
    const distinct = new Set(nonces.map((t) => t.nonce)).size
    if (distinct !== N) throw new Error(`${distinct} distinct nonces for ${N} writes`)
    return { sent, mined, requests }
  }

  console.log(
    `parallel writes benchmark: ${N} setClaimerFor writes from one account, node latency ${LATENCY} ms`,
  )
  for (const mode of ['parallel', 'sequential'] as const) {
    await runOnce(mode) // warm-up
    const runs = []
    for (let i = 0; i < RUNS; i++) runs.push(await runOnce(mode))
    console.log(
      `  ${mode.padEnd(10)} all sent ${median(runs.map((r) => r.sent))
        .toFixed(0)
        .padStart(5)} ms, all mined ${median(runs.map((r) => r.mined))
        .toFixed(0)
        .padStart(
          5,
        )} ms, ${(median(runs.map((r) => r.requests)) / N).toFixed(1)} requests per write (median of ${RUNS})`,
    )
  }
} finally {
  await proxy.close()
  await devnet.stop()
}
