import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, decodeFunctionData, erc20Abi, pad, parseEther, toFunctionSelector, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidParameterError } from '../../errors.js'
import { rewardsClaimsAbi } from '../abis.js'
import { PausedError } from '../errors.js'
import {
  buildRewardsTree,
  type DistributionEntry,
  NoRewardsToClaimError,
  NotInDistributionError,
  RewardsRootDisabledError,
  RewardsRootMismatchError,
  RewardsRootNotActiveError,
  UnauthorizedClaimerError,
} from '../rewards/index.js'
import { advanceTo, disableRoot, postRoot, setActivationDelay } from '../rewards/testing.js'
import { type Env, stateRelease, useEigenLayerEnv } from '../test/helpers.js'
import {
  claimRewards,
  prepareClaimRewards,
  simulateClaimRewards,
  waitForClaimRewards,
} from './claimRewards.js'
import { getRewards } from './getRewards.js'
import { setClaimerFor } from './setClaimerFor.js'

const DELAY = 3600

const balanceOf = (env: Env, token: Address, who: Address) =>
  env.devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [who],
  })
const nonceOf = (env: Env, who: Address) => env.devnet.publicClient.getTransactionCount({ address: who })

/** Two fresh earners (ascending), a claimer, two devnet tokens, the coordinator funded, a 1 h activation delay. */
async function setUp(env: Env) {
  const [a, b] = await Promise.all([env.devnet.newAccount(), env.devnet.newAccount()])
  const [lo, hi] = BigInt(a.address) < BigInt(b.address) ? [a, b] : [b, a]
  const claimer = await env.devnet.newAccount()
  const stranger = await env.devnet.newAccount()
  const mck = env.token
  const weth = env.devnet.deployments.tokens.weth
  // funding: the coordinator pays claims from its balance (it does not account per submission)
  await env.devnet.fund(env.deployment.rewardsCoordinator, {
    tokens: { [mck]: parseEther('2000'), [weth]: parseEther('50') },
  })
  await setActivationDelay(env, DELAY)
  return { lo: lo!, hi: hi!, claimer, stranger, mck, weth }
}

describe.skipIf(!haveEigenLayer())(
  `claimRewards / getRewards (real RewardsCoordinator, ${haveEigenLayer() ? stateRelease() : ''} state)`,
  () => {
    const t = useEigenLayerEnv()

    test('processClaim pays exactly the cumulative amount; a second root pays only the difference; a token claimed in full is dropped', async () => {
      const { env } = t
      const deployment = env.deployment
      const { lo, hi, mck, weth } = await setUp(env)
      const d1: DistributionEntry[] = [
        { earner: lo.address, token: mck, cumulativeEarnings: parseEther('300') },
        { earner: lo.address, token: weth, cumulativeEarnings: parseEther('2') },
        { earner: hi.address, token: mck, cumulativeEarnings: parseEther('700') },
      ]
      const r1 = await postRoot(env, buildRewardsTree(d1).root)

      // not active yet: typed, with its activation time, nothing sent
      const before = await getRewards(env.devnet.publicClient, {
        deployment,
        earner: lo.address,
        distribution: d1,
      })
      expect(before.posted).toMatchObject({
        rootIndex: r1.rootIndex,
        ready: false,
        readyAt: { timestamp: r1.activatedAt },
      })
      expect(before.activeRoot).toBeNull()
      expect(before.tokens.map((x) => x.claimable)).toEqual(
        BigInt(mck) < BigInt(weth)
          ? [parseEther('300'), parseEther('2')]
          : [parseEther('2'), parseEther('300')],
      )
      const n0 = await nonceOf(env, lo.address)
      const early = await claimRewards(env.devnet.walletClient(lo), { deployment, distribution: d1 }).catch(
        (e) => e,
      )
      expect(early).toBeInstanceOf(RewardsRootNotActiveError)
      expect(early.name).toBe('RewardsRootNotActiveError')
      expect(early.readyAt).toEqual({ timestamp: r1.activatedAt })
      expect(early.rootIndex).toBe(r1.rootIndex)
      expect(await nonceOf(env, lo.address)).toBe(n0)

      await advanceTo(env, r1.activatedAt)
      const ready = await getRewards(env.devnet.publicClient, {
        deployment,
        earner: lo.address,
        distribution: d1,
      })
      expect(ready.posted?.ready).toBe(true)
      expect(ready.activeRoot?.rootIndex).toBe(r1.rootIndex)
      expect(ready.activeRoot?.root).toBe(ready.root)

      // claim 1: lo claims both tokens for itself with processClaim
      const mck0 = await balanceOf(env, mck, lo.address)
      const weth0 = await balanceOf(env, weth, lo.address)
      const sim = await simulateClaimRewards(env.devnet.publicClient, {
        deployment,
        account: lo.address,
        distribution: d1,
      })
      expect(sim.request.functionName).toBe('processClaim')
      expect(sim.dropped).toEqual([])
      const w1 = await waitForClaimRewards(
        env.devnet.publicClient,
        await claimRewards(env.devnet.walletClient(lo), { deployment, distribution: d1 }),
      )
      expect(w1.receipt.status).toBe('success')
      expect(await balanceOf(env, mck, lo.address)).toBe(mck0 + parseEther('300'))
      expect(await balanceOf(env, weth, lo.address)).toBe(weth0 + parseEther('2'))
      expect(w1.claimed.map((c) => [c.token, c.amount, c.receiver])).toEqual(
        expect.arrayContaining([
          [mck, parseEther('300'), lo.address],
          [weth, parseEther('2'), lo.address],
        ]),
      )
      console.log(`processClaim, 2 tokens, 3-leaf tree: gas ${w1.receipt.gasUsed}`)

      // claimed in full: nothing left is a typed refusal, nonce unchanged
      const n1 = await nonceOf(env, lo.address)
      const again = await claimRewards(env.devnet.walletClient(lo), { deployment, distribution: d1 }).catch(
        (e) => e,
      )
      expect(again).toBeInstanceOf(NoRewardsToClaimError)
      expect(await nonceOf(env, lo.address)).toBe(n1)

      // second root: lo's MCK grows to 500 cumulative, WETH unchanged (claimed in full: dropped)
      await env.devnet.increaseTime(86400)
      const d2: DistributionEntry[] = [
        { earner: lo.address, token: mck, cumulativeEarnings: parseEther('500') },
        { earner: lo.address, token: weth, cumulativeEarnings: parseEther('2') },
        { earner: hi.address, token: mck, cumulativeEarnings: parseEther('700') },
      ]
      const r2 = await postRoot(env, buildRewardsTree(d2).root)
      expect(r2.rootIndex).toBe(r1.rootIndex + 1)
      await advanceTo(env, r2.activatedAt)
      const rewards2 = await getRewards(env.devnet.publicClient, {
        deployment,
        earner: lo.address,
        distribution: d2,
      })
      expect(rewards2.tokens.find((x) => x.token === mck)?.claimable).toBe(parseEther('200'))
      expect(rewards2.tokens.find((x) => x.token === weth)?.claimable).toBe(0n)
      const sim2 = await simulateClaimRewards(env.devnet.publicClient, {
        deployment,
        account: lo.address,
        distribution: d2,
      })
      expect(sim2.dropped).toEqual([{ earner: lo.address, token: weth }])
      expect(sim2.paying).toEqual([{ earner: lo.address, token: mck, amount: parseEther('200') }])
      const mck1 = await balanceOf(env, mck, lo.address)
      const weth1 = await balanceOf(env, weth, lo.address)
      const w2 = await waitForClaimRewards(
        env.devnet.publicClient,
        await claimRewards(env.devnet.walletClient(lo), { deployment, distribution: d2 }),
      )
      expect(await balanceOf(env, mck, lo.address)).toBe(mck1 + parseEther('500') - parseEther('300'))
      expect(await balanceOf(env, weth, lo.address)).toBe(weth1)
      expect(w2.claimed).toHaveLength(1)
      const claimedOnChain = await env.devnet.publicClient.readContract({
        address: deployment.rewardsCoordinator,
        abi: rewardsClaimsAbi,
        functionName: 'cumulativeClaimed',
        args: [lo.address, mck],
      })
      expect(claimedOnChain).toBe(parseEther('500'))
      console.log(`processClaim against root 2, 1 token kept, 1 dropped: gas ${w2.receipt.gasUsed}`)
    })

    test('a claimer claims for two earners in one processClaims; a stranger is refused (nonce unchanged)', async () => {
      const { env } = t
      const deployment = env.deployment
      const { lo, hi, claimer, stranger, mck } = await setUp(env)
      const selector = toFunctionSelector(
        'processClaims((uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[])[],address)',
      )
      // probe: the release's RewardsCoordinator implementation has processClaims
      const implementation = await env.devnet.publicClient.getStorageAt({
        address: deployment.rewardsCoordinator,
        slot: '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc',
      })
      const code = await env.devnet.publicClient.getCode({ address: `0x${implementation!.slice(26)}` })
      expect(code?.includes(selector.slice(2))).toBe(true)

      // the rewards service's JSON lines, as a user would load them from a file
      const json = [
        {
          earner: hi.address.toLowerCase(),
          token: mck.toLowerCase(),
          cumulative_amount: parseEther('700').toString(),
        },
        {
          earner: lo.address.toLowerCase(),
          token: mck.toLowerCase(),
          cumulative_amount: parseEther('300').toString(),
        },
      ]
        .map((l) => JSON.stringify(l))
        .join('\n')
      const r = await postRoot(env, buildRewardsTree(json).root)
      await advanceTo(env, r.activatedAt)

      // no claimer set yet: the claimer may not claim for them
      const nc = await nonceOf(env, claimer.address)
      const refused = await claimRewards(env.devnet.walletClient(claimer), {
        deployment,
        distribution: json,
        earner: [lo.address, hi.address],
      }).catch((e) => e)
      expect(refused).toBeInstanceOf(UnauthorizedClaimerError)
      expect(refused.claimer).toBeNull()
      expect(await nonceOf(env, claimer.address)).toBe(nc)

      for (const e of [lo, hi])
        await env.devnet.publicClient.waitForTransactionReceipt({
          hash: await setClaimerFor(env.devnet.walletClient(e), { deployment, claimer: claimer.address }),
        })
      const ns = await nonceOf(env, stranger.address)
      const strangerErr = await claimRewards(env.devnet.walletClient(stranger), {
        deployment,
        distribution: json,
        earner: lo.address,
      }).catch((e) => e)
      expect(strangerErr).toBeInstanceOf(UnauthorizedClaimerError)
      expect(strangerErr.claimer).toBe(claimer.address)
      // the earner itself is no longer its claimer either
      const self = await claimRewards(env.devnet.walletClient(lo), { deployment, distribution: json }).catch(
        (e) => e,
      )
      expect(self).toBeInstanceOf(UnauthorizedClaimerError)
      expect(await nonceOf(env, stranger.address)).toBe(ns)

      const c0 = await balanceOf(env, mck, claimer.address)
      const lo0 = await balanceOf(env, mck, lo.address)
      const hi0 = await balanceOf(env, mck, hi.address)
      const sim = await simulateClaimRewards(env.devnet.publicClient, {
        deployment,
        account: claimer.address,
        distribution: json,
        earner: [lo.address, hi.address],
      })
      expect(sim.request.functionName).toBe('processClaims')
      const w = await waitForClaimRewards(
        env.devnet.publicClient,
        await claimRewards(env.devnet.walletClient(claimer), {
          deployment,
          distribution: json,
          earner: [lo.address, hi.address],
        }),
      )
      expect(await balanceOf(env, mck, claimer.address)).toBe(c0 + parseEther('300') + parseEther('700'))
      expect(await balanceOf(env, mck, lo.address)).toBe(lo0)
      expect(await balanceOf(env, mck, hi.address)).toBe(hi0)
      expect(w.claimed.map((c) => [c.earner, c.amount, c.claimer])).toEqual([
        [lo.address, parseEther('300'), claimer.address],
        [hi.address, parseEther('700'), claimer.address],
      ])
      console.log(`processClaims, 2 earners: gas ${w.receipt.gasUsed}`)

      // a receiver other than the sender
      await env.devnet.increaseTime(86400)
      const more = [
        { earner: lo.address, token: mck, cumulative_amount: parseEther('350').toString() },
        { earner: hi.address, token: mck, cumulative_amount: parseEther('700').toString() },
      ]
      const r2 = await postRoot(env, buildRewardsTree(more).root)
      await advanceTo(env, r2.activatedAt)
      // hi has nothing new: dropped from the batch, lo's 50 goes to the receiver
      const sim2 = await simulateClaimRewards(env.devnet.publicClient, {
        deployment,
        account: claimer.address,
        distribution: more,
        earner: [lo.address, hi.address],
        receiver: stranger.address,
      })
      expect(sim2.request.functionName).toBe('processClaim')
      expect(sim2.dropped).toEqual([{ earner: hi.address, token: mck }])
      const s0 = await balanceOf(env, mck, stranger.address)
      await waitForClaimRewards(
        env.devnet.publicClient,
        await claimRewards(env.devnet.walletClient(claimer), {
          deployment,
          distribution: more,
          earner: [lo.address, hi.address],
          receiver: stranger.address,
        }),
      )
      expect(await balanceOf(env, mck, stranger.address)).toBe(s0 + parseEther('50'))
    })

    test('refusals before sending: disabled root, unposted distribution, unknown earner, prepare without rootIndex', async () => {
      const { env } = t
      const deployment = env.deployment
      const { lo, hi, mck } = await setUp(env)
      const d: DistributionEntry[] = [
        { earner: lo.address, token: mck, cumulativeEarnings: parseEther('10') },
        { earner: hi.address, token: mck, cumulativeEarnings: parseEther('20') },
      ]
      const wallet = env.devnet.walletClient(lo)
      const n0 = await nonceOf(env, lo.address)

      // not posted at all
      const unposted = await claimRewards(wallet, { deployment, distribution: d }).catch((e) => e)
      expect(unposted).toBeInstanceOf(RewardsRootMismatchError)
      expect(unposted.rootIndex).toBeUndefined()

      const r = await postRoot(env, buildRewardsTree(d).root)
      await disableRoot(env, r.rootIndex)
      await advanceTo(env, r.activatedAt)
      const disabled = await claimRewards(wallet, { deployment, distribution: d }).catch((e) => e)
      expect(disabled).toBeInstanceOf(RewardsRootDisabledError)
      expect(disabled.rootIndex).toBe(r.rootIndex)
      const view = await getRewards(env.devnet.publicClient, {
        deployment,
        earner: lo.address,
        distribution: d,
      })
      expect(view.posted).toMatchObject({ disabled: true, ready: false })
      expect(view.activeRoot).toBeNull()

      // another distribution against that index: a mismatch naming the posted root
      const other = [{ earner: lo.address, token: mck, cumulativeEarnings: parseEther('99') }]
      const mismatch = await claimRewards(wallet, {
        deployment,
        distribution: other,
        rootIndex: r.rootIndex,
      }).catch((e) => e)
      expect(mismatch).toBeInstanceOf(RewardsRootMismatchError)
      expect(mismatch.postedRoot).toBe(buildRewardsTree(d).root)

      const stranger = await env.devnet.newAccount()
      const unknown = await claimRewards(env.devnet.walletClient(stranger), {
        deployment,
        distribution: d,
      }).catch((e) => e)
      expect(unknown).toBeInstanceOf(NotInDistributionError)
      expect(await nonceOf(env, lo.address)).toBe(n0)

      // claims paused (bit 2): planted in Pausable's `_paused` (slot 102: after Initializable,
      // OwnableUpgradeable and the deprecated pauser-registry slot), checked through `paused(2)`
      const rc = deployment.rewardsCoordinator
      await env.devnet.testClient.setStorageAt({
        address: rc,
        index: pad(toHex(102)),
        value: pad(toHex(1n << 2n)),
      })
      expect(
        await env.devnet.publicClient.readContract({
          address: rc,
          abi: rewardsClaimsAbi,
          functionName: 'paused',
          args: [2],
        }),
      ).toBe(true)
      const paused = await claimRewards(env.devnet.walletClient(hi), { deployment, distribution: d }).catch(
        (e) => e,
      )
      expect(paused).toBeInstanceOf(PausedError)
      expect(await nonceOf(env, hi.address)).toBe(0)
      expect(
        (await getRewards(env.devnet.publicClient, { deployment, earner: hi.address, distribution: d }))
          .claimsPaused,
      ).toBe(true)

      expect(() => prepareClaimRewards({ deployment, account: lo.address, distribution: d })).toThrow(
        InvalidParameterError,
      )
      const [call] = prepareClaimRewards({
        deployment,
        account: lo.address,
        distribution: d,
        rootIndex: r.rootIndex,
      })
      expect(call!.to).toBe(deployment.rewardsCoordinator)
      const decoded = decodeFunctionData({ abi: rewardsClaimsAbi, data: call!.data })
      expect(decoded.functionName).toBe('processClaim')
      expect((decoded.args as readonly [{ rootIndex: number }, Address])[1]).toBe(lo.address)
    })
  },
)
