// Benchmark: getRestakingPortfolio for one staker holding positions on all three protocols of the
// devnet — EigenLayer (real fixture: 10 strategies, 20 queued withdrawals), Symbiotic (real core:
// VAULTS vaults, each with an active balance and a pending withdrawal) and Karak (the doubles' two
// vaults, each with a queued redemption), and — in the LRT case — the five LRT doubles (Kelp, Renzo,
// ether.fi, Puffer, Swell: a token balance each, one claimable and one pending withdrawal request).
// Counts HTTP requests with a counting transport, plain and with JSON-RPC batching, and reports the
// median wall time. Run: npx tsx bench/portfolio.ts
import { performance } from 'node:perf_hooks'
import { defaultPortfolioModules, getRestakingPortfolio } from '@restakekit/core'
import { deposit as depositToKarak, startRedeem } from '@restakekit/core/karak'
import { deposit as symbioticDeposit, withdraw } from '@restakekit/core/symbiotic'
import { createSymbioticVault, haveEigenLayer } from '@restakekit/devnet'
import { type Address, createPublicClient, type Hex, http, parseEther } from 'viem'
import { envOf, stakerWithPortfolio } from '../packages/core/src/eigenlayer/test/helpers.js'
import { lrtModules, stakerWithLrts, startLrtDevnet } from './_lrt-state.js'
import { readLrtsNaively, readNaively } from './naive-portfolio.js'

const RUNS = Number(process.env.RUNS ?? 15)
const VAULTS = Number(process.env.VAULTS ?? 10)

if (!haveEigenLayer()) {
  console.error('EigenLayer fixture missing; cannot run the benchmark.')
  process.exit(1)
}

const devnet = await startLrtDevnet()
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
  // the same staker holds the five LRTs, each with a claimable and a pending request
  const { deployments: lrt, ids: lrtIdsHeld } = await stakerWithLrts(devnet, staker)
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
  const variants: {
    name: string
    batch: boolean
    symbiotic: { deployment: typeof symbiotic; vaults?: Address[] }
    lrts?: boolean
  }[] = [
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
    {
      name: 'with the five LRTs (Symbiotic vaults given), plain HTTP',
      batch: false,
      symbiotic: { deployment: symbiotic, vaults },
      lrts: true,
    },
    {
      name: 'with the five LRTs (Symbiotic vaults discovered), HTTP batch',
      batch: true,
      symbiotic: { deployment: symbiotic },
      lrts: true,
    },
  ]
  const lrtIds = lrtModules.map((m) => m.id)
  console.log(
    'getRestakingPortfolio benchmark (devnet: EigenLayer fixture, Symbiotic core 1.0.3, Karak doubles, five LRT doubles)',
  )
  let failed = false
  const medians: Record<string, { ms: number; requests: number }> = {}
  for (const v of variants) {
    const { client: c, counter } = client(v.batch)
    const run = () =>
      v.lrts
        ? getRestakingPortfolio(c, {
            staker: staker.address,
            protocols: [...defaultPortfolioModules, ...lrtModules],
            eigenlayer: { deployment: env.deployment },
            symbiotic: v.symbiotic,
            karak: { deployment: karak },
            kelp: { deployment: lrt.kelp },
            renzo: { deployment: lrt.renzo },
            etherfi: { deployment: lrt.etherfi },
            puffer: { deployment: lrt.puffer },
            swell: { deployment: lrt.swell },
          })
        : getRestakingPortfolio(c, {
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
    if (v.lrts) {
      const held = (p: string) => warm.holdings.filter((x) => x.protocol === p).length
      const ready = (p: string) => warm.withdrawals.filter((x) => x.protocol === p && x.ready).length
      console.log(
        `    LRTs: ${lrtIds.map((p) => `${p} ${held(p)} holding(s), ${wcount(p)} request(s) (${ready(p)} ready)`).join('; ')}`,
      )
      // the state set up: a holding and at least one claimable and one pending request per LRT
      for (const p of lrtIds)
        if (held(p) < 1 || ready(p) < 1 || wcount(p) - ready(p) < 1) {
          console.error(`    FAIL: the ${p} state is not in the portfolio`)
          failed = true
        }
    }
    console.log(`    HTTP requests per read: ${[...trips].join(', ')}`)
    console.log(
      `    wall time median ${times[Math.floor(times.length / 2)]!.toFixed(1)} ms ` +
        `(min ${times[0]!.toFixed(1)}, max ${times.at(-1)!.toFixed(1)}) over ${RUNS} runs`,
    )
    // the budget: 2 round trips on a batching transport (and plain, for the three protocols with vaults given)
    if (v.batch || (v.symbiotic.vaults && !v.lrts)) failed ||= Math.max(...trips) > 2
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
  // The LRT baseline: the whole portfolio with the five LRTs read one eth_call per view (the three
  // protocols as above, then the LRTs, request ids given), checked against the SDK's LRT part of the
  // same state, and its ratio to the SDK's LRT case on a batching transport.
  {
    const { client: c, counter } = client(false)
    // the doubles' addresses as the devnet reports them (not the adapters' deployment objects)
    const dd = devnet.deployments
    const params = {
      staker: staker.address,
      kelp: dd.kelp,
      renzo: dd.renzo,
      etherfi: { ...dd.etherfi, requestIds: lrtIdsHeld.etherfi },
      puffer: { ...dd.puffer, withdrawalIds: lrtIdsHeld.puffer },
      swell: { ...dd.swell, tokenIds: lrtIdsHeld.swell },
    }
    const sdk = await getRestakingPortfolio(c, {
      staker: staker.address,
      protocols: [...defaultPortfolioModules, ...lrtModules],
      eigenlayer: { deployment: env.deployment },
      symbiotic: { deployment: symbiotic, vaults },
      karak: { deployment: karak },
      kelp: { deployment: lrt.kelp },
      renzo: { deployment: lrt.renzo },
      etherfi: { deployment: lrt.etherfi },
      puffer: { deployment: lrt.puffer },
      swell: { deployment: lrt.swell },
    })
    const threeParams = {
      staker: staker.address,
      delegationManager: env.deployment.delegationManager,
      symbioticVaults: vaults,
      karakVaults: karak.vaults,
    }
    const naive = await readLrtsNaively(c, params)
    const disagree = lrtIds.filter((p) => {
      const underlying = sdk.holdings
        .filter((x) => x.protocol === p)
        .reduce((a, x) => a + (x.underlying?.amount ?? 0n), 0n)
      const requests = sdk.withdrawals.filter((x) => x.protocol === p).length
      return naive[p].underlying !== underlying || naive[p].requests !== requests
    })
    const times: number[] = []
    let requests = 0
    let lrtRequests = 0
    for (let i = 0; i < RUNS; i++) {
      counter.requests = 0
      const t0 = performance.now()
      await readNaively(c, threeParams)
      const before = counter.requests
      await readLrtsNaively(c, params)
      times.push(performance.now() - t0)
      requests = counter.requests
      lrtRequests = counter.requests - before
    }
    times.sort((a, b) => a - b)
    const ms = times[Math.floor(times.length / 2)]!
    const sdkRun = medians['with the five LRTs (Symbiotic vaults discovered), HTTP batch']!
    console.log(
      `\n  LRT baseline: one eth_call per view, no SDK, request ids given (same state; holdings' value and ` +
        `request counts equal the SDK's: ${disagree.length === 0 ? 'true' : `false for ${disagree.join(', ')}`})`,
    )
    console.log(`    HTTP requests per read: ${requests} (of which the five LRTs: ${lrtRequests})`)
    console.log(`    wall time median ${ms.toFixed(1)} ms (min ${times[0]!.toFixed(1)}) over ${RUNS} runs`)
    console.log(
      `    against the SDK's whole portfolio with the LRTs (HTTP batch: ${sdkRun.requests} requests, ` +
        `${sdkRun.ms.toFixed(1)} ms): ${(requests / sdkRun.requests).toFixed(1)}x the round trips, ` +
        `${(ms / sdkRun.ms).toFixed(1)}x the wall time`,
    )
    failed ||= disagree.length > 0
  }
  console.log(`\n  (set-up: ${(setupMs / 1000).toFixed(1)} s)`)
  if (failed) {
    console.error('FAIL: more than 2 round trips, the LRT state missing, or the baseline disagreeing')
    process.exitCode = 1
  }
} finally {
  await devnet.stop()
}
