import { haveEigenLayer } from '@restakekit/devnet'
import { createPublicClient, custom, http } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { restakingActions } from '../../decorator.js'
import { UnsupportedChainError } from '../../errors.js'
import { delegationManagerAbi } from '../abis.js'
import { type Env, newStaker, stakerWithPortfolio, startEnv } from '../test/helpers.js'
import { getDeposits } from './getDeposits.js'
import { getPod } from './getPod.js'
import { getPortfolio } from './getPortfolio.js'
import { getQueuedWithdrawals } from './getQueuedWithdrawals.js'

describe.skipIf(!haveEigenLayer())('getPortfolio (real EigenLayer fixture)', () => {
  let env: Env
  let portfolio: Awaited<ReturnType<typeof stakerWithPortfolio>>
  beforeAll(async () => {
    env = await startEnv()
    portfolio = await stakerWithPortfolio(env, 10, 20)
  }, 180_000)
  afterAll(() => env?.devnet.stop())

  function countingClient() {
    const counter = { requests: 0 }
    const inner = http(env.devnet.rpcUrl)({ chain: env.devnet.chain })
    const transport = custom({
      async request(args) {
        counter.requests++
        return inner.request(args)
      },
    })
    return { client: createPublicClient({ chain: env.devnet.chain, transport }), counter }
  }

  test('10 strategies and 20 queued withdrawals in 2 round trips, equal to the single reads', async () => {
    const { client, counter } = countingClient()
    const p = await getPortfolio(client, { deployment: env.deployment, staker: portfolio.staker.address })
    expect(counter.requests).toBe(2)
    expect(p.deposits).toHaveLength(10)
    expect(p.queuedWithdrawals).toHaveLength(20)
    expect(p.delegation.operator).toBe(portfolio.operator.address)
    expect(p.deposits).toEqual(
      await getDeposits(client, { deployment: env.deployment, staker: portfolio.staker.address }),
    )
    const q = await getQueuedWithdrawals(client, {
      deployment: env.deployment,
      staker: portfolio.staker.address,
    })
    expect(p.queuedWithdrawals.map(({ tokens: _t, underlyingAmounts: _u, ...w }) => w)).toEqual(q.withdrawals)
    // every withdrawal pays 1e18 shares of a fresh 1:1 strategy (or the fixture's rate)
    for (const w of p.queuedWithdrawals) {
      expect(w.tokens[0]).toBe(portfolio.strategies.find((s) => s.strategy === w.strategies[0])!.token)
      expect(w.underlyingAmounts[0]).toBeGreaterThan(0n)
    }
    // the portfolio reads the manager's side of the pod (getPod adds the pod's own state when deployed)
    const { state: _podState, ...pod } = await getPod(client, {
      deployment: env.deployment,
      owner: portfolio.staker.address,
    })
    expect(p.pod).toEqual(pod)
    // withdrawable shares equal the contract's
    const [withdrawable] = await env.devnet.publicClient.readContract({
      address: env.deployment.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [portfolio.staker.address, p.deposits.map((d) => d.strategy)],
    })
    expect(p.deposits.map((d) => d.withdrawableShares)).toEqual(withdrawable)
  })

  test('an empty staker: 1 round trip; the decorator exposes the same actions', async () => {
    const { client, counter } = countingClient()
    const nobody = await newStaker(env, 1n)
    const p = await getPortfolio(client, { deployment: env.deployment, staker: nobody.address })
    expect(counter.requests).toBe(1)
    expect(p).toMatchObject({
      deposits: [],
      queuedWithdrawals: [],
      allocations: [],
      delegation: { operator: null },
    })
    // no 31337 table in the SDK: a devnet client gets its deployment from the devnet, in one step
    await expect(
      client.extend(restakingActions()).restaking.eigenlayer.getPortfolio({ staker: nobody.address }),
    ).rejects.toBeInstanceOf(UnsupportedChainError)
    const extended = client.extend(restakingActions({ eigenlayer: env.devnet.deployments.eigenlayer! }))
    const viaDecorator = await extended.restaking.eigenlayer.getPortfolio({
      staker: portfolio.staker.address,
    })
    expect(viaDecorator.deposits).toEqual(
      (await getPortfolio(client, { deployment: env.deployment, staker: portfolio.staker.address })).deposits,
    )
    const withDeployment = createPublicClient({
      chain: env.devnet.chain,
      transport: http(env.devnet.rpcUrl),
    }).extend(restakingActions({ eigenlayer: env.deployment }))
    expect((await withDeployment.restaking.eigenlayer.getWithdrawalDelay()).withdrawalDelayBlocks).toBe(
      env.withdrawalDelayBlocks,
    )
  })
  test('without Multicall3 on the chain: deployless batches, block read from the latest block', async () => {
    const chain = { ...env.devnet.chain, contracts: {} }
    const client = createPublicClient({ chain, transport: http(env.devnet.rpcUrl) })
    const q = await getQueuedWithdrawals(client, {
      deployment: env.deployment,
      staker: portfolio.staker.address,
    })
    expect(q.blockNumber).toBe(await env.devnet.publicClient.getBlockNumber())
    expect(q.withdrawals).toHaveLength(20)
    const p = await getPortfolio(client, { deployment: env.deployment, staker: portfolio.staker.address })
    expect(p.deposits).toEqual(
      await getDeposits(env.devnet.publicClient, {
        deployment: env.deployment,
        staker: portfolio.staker.address,
      }),
    )
  })
})
