// Benchmark: getRestakingPortfolio for one staker holding positions on all three protocols of the
// devnet — EigenLayer (real fixture: 10 strategies, 20 queued withdrawals), Symbiotic (real core:
// VAULTS vaults, each with an active balance and a pending withdrawal) and Karak (the doubles' two
// vaults, each with a queued redemption). Counts HTTP requests with a counting transport, plain
// and with JSON-RPC batching, and reports the median wall time. Run: npx tsx bench/portfolio.ts
import { performance } from 'node:perf_hooks'
import { getRestakingPortfolio } from '@restakekit/core'
import { deposit as depositToKarak, startRedeem } from '@restakekit/core/karak'
import { deposit as symbioticDeposit, withdraw } from '@restakekit/core/symbiotic'
import { createSymbioticVault, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, type Hex, http, parseEther } from 'viem'
import { envOf, stakerWithPortfolio } from '../packages/core/src/eigenlayer/test/helpers.js'
import { readNaively } from './naive-portfolio.js'

const RUNS = Number(process.env.RUNS ?? 15)
const VAULTS = Number(process.env.VAULTS ?? 10)

if (!haveEigenLayer()) {
  console.error('EigenLayer fixture missing; cannot run the benchmark.')
  process.exit(1)
}

const devnet = await startDevnet()
try {
  const env = await envOf(devnet)
  const setupStart = performance.now()
  const { staker } = await stakerWithPortfolio(env, 10, 20)
  const wallet = devnet.walletClient(staker)
  const mined = async (hash: Promise<Hex>) => {
    const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
    if (r.status !== 'success') throw new Error('setup transaction failed')
  }
  const { weth } = devnet.deployments.tokens
  await devnet.fund(staker.address, { tokens: { [weth]: parseEther('1000') } })
  const vaults: Address[] = []
  for (let i = 0; i < VAULTS; i++) {
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
    })
    await mined(symbioticDeposit(wallet, { vault, amount: parseEther('5') }))
    await mined(withdraw(wallet, { vault, amount: parseEther('1') }))
    vaults.push(vault)
  }
  const karak = devnet.deployments.karak!
  for (const vault of karak.vaults) {
    const asset = vault === karak.vaultsByAsset.weth ? weth : devnet.deployments.tokens.steth
    await devnet.fund(staker.address, { tokens: { [asset]: parseEther('10') } })
    await mined(depositToKarak(wallet, { vault, amount: parseEther('10') }))
    await mined(startRedeem(wallet, { vault, shares: parseEther('1') }))
  }
  const setupMs = performance.now() - setupStart

  /** Counts HTTP requests (one request = one round trip; a JSON-RPC batch is one request). */
  function client(batch: boolean) {
    const counter = { requests: 0 }
    const transport = http(devnet.rpcUrl, {
      ...(batch ? { batch: true } : {}),
      onFetchRequest: () => {
        counter.requests++
      },
    })
    return { client: createPublicClient({ chain: devnet.chain, transport }), counter }
  }

  const symbiotic = devnet.deployments.symbiotic!
  const variants = [
    {
      name: 'Symbiotic vaults given, plain HTTP',
      batch: false,
      symbiotic: { deployment: symbiotic, vaults },
    },
    {
      name: 'Symbiotic vaults discovered (lens), plain HTTP',
      batch: false,
      symbiotic: { deployment: symbiotic },
    },
    {
      name: 'Symbiotic vaults discovered (lens), HTTP batch',
      batch: true,
      symbiotic: { deployment: symbiotic },
    },
  ]
  console.log(
    'getRestakingPortfolio benchmark (devnet: EigenLayer fixture, Symbiotic core 1.0.3, Karak doubles)',
  )
  let failed = false
  const medians: Record<string, { ms: number; requests: number }> = {}
  for (const v of variants) {
    const { client: c, counter } = client(v.batch)
    const run = () =>
      getRestakingPortfolio(c, {
        staker: staker.address,
        eigenlayer: { deployment: env.deployment },
        symbiotic: v.symbiotic,
        karak: { deployment: karak },
      })
    const warm = await run() // warm-up
    const times: number[] = []
    const trips = new Set<number>()
    for (let i = 0; i < RUNS; i++) {
      counter.requests = 0
      const t0 = performance.now()
      await run()
      times.push(performance.now() - t0)
      trips.add(counter.requests)
    }
    times.sort((a, b) => a - b)
    const count = (p: string) => warm.positions.filter((x) => x.protocol === p).length
    const wcount = (p: string) => warm.withdrawals.filter((x) => x.protocol === p).length
    console.log(`\n  ${v.name}`)
    console.log(
      `    positions: eigenlayer ${count('eigenlayer')}, symbiotic ${count('symbiotic')}, karak ${count('karak')}; ` +
        `withdrawals: eigenlayer ${wcount('eigenlayer')}, symbiotic ${wcount('symbiotic')}, karak ${wcount('karak')}`,
    )
    console.log(`    HTTP requests per read: ${[...trips].join(', ')}`)
    console.log(
      `    wall time median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms ` +
        `(min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}) over ${RUNS} runs`,
    )
    if (v.batch || v.symbiotic.vaults) failed ||= Math.max(...trips) > 2
    medians[v.name] = { ms: times[Math.floor(times.length / 2)]!, requests: Math.max(...trips) }
  }

  // The baseline: the same state, one eth_call per view (no SDK), and the ratio in this run.
  {
    const { client: c, counter } = client(false)
    const params = {
      staker: staker.address,
      delegationManager: env.deployment.delegationManager,
      symbioticVaults: vaults,
      karakVaults: karak.vaults,
    }
    const sdk = await getRestakingPortfolio(c, {
      staker: staker.address,
      eigenlayer: { deployment: env.deployment },
      symbiotic: { deployment: symbiotic, vaults },
      karak: { deployment: karak },
    })
    const naive = await readNaively(c, params)
    const sum = (p: string) =>
      sdk.positions.filter((x) => x.protocol === p).reduce((a, x) => a + x.amount, 0n)
    const same =
      naive.eigenlayer.amount === sum('eigenlayer') &&
      naive.symbiotic.amount === sum('symbiotic') &&
      naive.karak.amount === sum('karak') &&
      naive.eigenlayer.withdrawals === sdk.withdrawals.filter((x) => x.protocol === 'eigenlayer').length
    const times: number[] = []
    let requests = 0
    for (let i = 0; i < RUNS; i++) {
      counter.requests = 0
      const t0 = performance.now()
      await readNaively(c, params)
      times.push(performance.now() - t0)
      requests = counter.requests
    }
    times.sort((a, b) => a - b)
    const ms = times[Math.floor(times.length / 2)]!
    const sdkRun = medians['Symbiotic vaults given, plain HTTP']!
    console.log(`\n  Baseline: one eth_call per view, no SDK (same state; totals equal the SDK: ${same})`)
    console.log(`    HTTP requests per read: ${requests}`)
    console.log(`    wall time median ${ms.toFixed(1)} ms (min ${times[0]!.toFixed(1)}) over ${RUNS} runs`)
    console.log(
      `    ratio to the SDK (vaults given, plain HTTP): ${(requests / sdkRun.requests).toFixed(1)}x the round trips, ` +
        `${(ms / sdkRun.ms).toFixed(1)}x the wall time`,
    )
    failed ||= !same
  }
  console.log(`\n  (set-up: ${(setupMs / 1000).toFixed(1)} s)`)
  if (failed) {
    console.error('FAIL: more than 2 round trips')
    process.exitCode = 1
  }
} finally {
  await devnet.stop()
}
