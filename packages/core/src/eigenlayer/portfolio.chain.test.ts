// Claimable EigenLayer rewards in the cross-protocol portfolio: `reward` entries from a distribution
// whose root is posted, equal to the distribution's numbers minus what the chain says was claimed,
// read in the same two round trips as the positions.
import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, createPublicClient, custom, erc20Abi, http, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { getRestakingPortfolio } from '../portfolio.js'
import { claimRewards, waitForClaimRewards } from './actions/claimRewards.js'
import { deposit } from './actions/deposit.js'
import { eigenlayerPortfolio } from './portfolio.js'
import { buildRewardsTree } from './rewards/distribution.js'
import { type DistributionEntry, InvalidDistributionError, type RewardsTree } from './rewards/index.js'
import { advanceTo, disableRoot, postRoot, setActivationDelay } from './rewards/testing.js'
import { type Env, newStaker, useEigenLayerEnv } from './test/helpers.js'

const protocols = [eigenlayerPortfolio] as const

describe.skipIf(!haveEigenLayer())('the portfolio with an EigenLayer rewards distribution', () => {
  const t = useEigenLayerEnv()

  function countingClient(env: Env) {
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

  /** A staker with 10 MCK deposited, another earner, the coordinator funded, a 1 h activation delay. */
  async function setUp(env: Env) {
    const staker = await newStaker(env)
    const pc = env.devnet.publicClient
    await pc.waitForTransactionReceipt({
      hash: await deposit(env.devnet.walletClient(staker), {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('10'),
      }),
    })
    const other = await env.devnet.newAccount()
    const weth = env.devnet.deployments.tokens.weth
    await env.devnet.fund(env.deployment.rewardsCoordinator, {
      tokens: { [env.token]: parseEther('2000'), [weth]: parseEther('50') },
    })
    await setActivationDelay(env, 3600)
    return { staker, other: other.address, mck: env.token, weth }
  }

  const rewardsOf = (p: { rewards: { token: Address; amount: bigint }[] }) =>
    Object.fromEntries(p.rewards.map((r) => [r.token.toLowerCase(), r.amount]))

  test('no distribution: nothing more read; an unposted root: no entries; a posted one: earnings minus claimed, in 2 round trips', async () => {
    const { env } = t
    const deployment = env.deployment
    const { staker, other, mck, weth } = await setUp(env)
    const d1: DistributionEntry[] = [
      { earner: staker.address, token: mck, cumulativeEarnings: parseEther('300') },
      { earner: staker.address, token: weth, cumulativeEarnings: parseEther('2') },
      { earner: other, token: mck, cumulativeEarnings: parseEther('700') },
    ]
    const read = async (rewards?: DistributionEntry[]) => {
      const { client, counter } = countingClient(env)
      const p = await getRestakingPortfolio(client, {
        staker: staker.address,
        protocols,
        eigenlayer: rewards ? { deployment, rewards: buildRewardsTree(rewards) } : { deployment },
      })
      return { p, requests: counter.requests }
    }

    const plain = await read()
    expect(plain.requests).toBe(2)
    expect(plain.p.rewards).toEqual([])
    expect(plain.p.positions).toHaveLength(1)

    // the root is not posted yet: no reward entries, same round trips
    const unposted = await read(d1)
    expect(unposted.requests).toBe(2)
    expect(unposted.p.rewards).toEqual([])
    expect(unposted.p.positions).toEqual(plain.p.positions)

    const r1 = await postRoot(env, buildRewardsTree(d1).root)
    const posted = await read(d1)
    expect(posted.requests).toBe(2)
    expect(posted.p.rewards).toHaveLength(2)
    for (const r of posted.p.rewards)
      expect(r).toMatchObject({
        kind: 'reward',
        protocol: 'eigenlayer',
        source: deployment.rewardsCoordinator,
      })
    expect(rewardsOf(posted.p)).toEqual({
      [mck.toLowerCase()]: parseEther('300'),
      [weth.toLowerCase()]: parseEther('2'),
    })

    // claim the root, then a second root grows MCK to 500: only the 200 left is claimable
    await advanceTo(env, r1.activatedAt)
    await waitForClaimRewards(
      env.devnet.publicClient,
      await claimRewards(env.devnet.walletClient(staker), { deployment, distribution: d1 }),
    )
    const claimed = await read(d1)
    expect(claimed.p.rewards).toEqual([])
    await env.devnet.increaseTime(86400)
    const d2 = d1.map((e) =>
      e.earner === staker.address && e.token === mck ? { ...e, cumulativeEarnings: parseEther('500') } : e,
    )
    await postRoot(env, buildRewardsTree(d2).root)
    const second = await read(d2)
    expect(rewardsOf(second.p)).toEqual({ [mck.toLowerCase()]: parseEther('500') - parseEther('300') })
    // the first claim paid exactly the distribution's 300 MCK (the staker held none before)
    const held = await env.devnet.publicClient.readContract({
      address: mck,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [staker.address],
    })
    expect(held).toBe(parseEther('300'))
  }, 180_000)

  test('a disabled root gives no entries; an earner not in the distribution gets none', async () => {
    const { env } = t
    const deployment = env.deployment
    const { staker, other, mck } = await setUp(env)
    const d: DistributionEntry[] = [{ earner: other, token: mck, cumulativeEarnings: parseEther('5') }]
    const mine: DistributionEntry[] = [
      { earner: staker.address, token: mck, cumulativeEarnings: parseEther('9') },
    ]
    await postRoot(env, buildRewardsTree(d).root)
    const notIn = await getRestakingPortfolio(env.devnet.publicClient, {
      staker: staker.address,
      protocols,
      eigenlayer: { deployment, rewards: buildRewardsTree(d) },
    })
    expect(notIn.rewards).toEqual([])
    await env.devnet.increaseTime(86400)
    const r = await postRoot(env, buildRewardsTree(mine).root)
    const before = await getRestakingPortfolio(env.devnet.publicClient, {
      staker: staker.address,
      protocols,
      eigenlayer: { deployment, rewards: buildRewardsTree(mine) },
    })
    expect(rewardsOf(before)).toEqual({ [mck.toLowerCase()]: parseEther('9') })
    await disableRoot(env, r.rootIndex)
    const after = await getRestakingPortfolio(env.devnet.publicClient, {
      staker: staker.address,
      protocols,
      eigenlayer: { deployment, rewards: buildRewardsTree(mine) },
    })
    expect(after.rewards).toEqual([])
  }, 180_000)

  test('a malformed distribution is refused before any request', async () => {
    const { env } = t
    const { client, counter } = countingClient(env)
    const err = await getRestakingPortfolio(client, {
      staker: env.devnet.accounts[3]!.address,
      protocols,
      eigenlayer: {
        deployment: env.deployment,
        // not a tree (a raw, malformed distribution): refused with a typed error, nothing read
        rewards: [{ earner: '0x12', token: env.token, cumulative_amount: '1' }] as unknown as RewardsTree,
      },
    }).catch((e: unknown) => e)
    expect(counter.requests).toBe(0)
    expect(err).toBeInstanceOf(InvalidDistributionError)
    expect((err as Error).name).toBe('InvalidDistributionError')
  })
})
