import { basename, dirname } from 'node:path'
import { InsufficientBalanceError, InvalidAmountError, StrategyNotWhitelistedError } from '@restakekit/core'
import { eigenlayerStatePath, haveEigenLayer } from '@restakekit/devnet'
import { type Address, erc20Abi, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { rewardsSubmissionAbi } from '../abis.js'
import {
  NotAscendingError,
  NotInReleaseError,
  OperatorSetNotFoundError,
  RewardsSubmissionRuleError,
} from '../errors.js'
import { type Env, expectRefused, newAvsContract, sortAddresses, useAvsEnv } from '../test/helpers.js'
import { updateAVSMetadataURI } from './avsMetadata.js'
import { createOperatorSets } from './operatorSets.js'
import {
  createAVSRewardsSubmission,
  createOperatorDirectedRewardsSubmission,
  createOperatorSetRewardsSubmission,
  prepareCreateAVSRewardsSubmission,
  waitForCreateAVSRewardsSubmission,
  waitForCreateOperatorDirectedRewardsSubmission,
} from './rewardsSubmissions.js'

// The submission rules are tested on the v1.3.0 state, whose limits are mainnet-like (weekly
// interval, 90 days retroactive); the v1.2 state allows 1 s retroactive only.
const onV13 = haveEigenLayer() && basename(dirname(eigenlayerStatePath())) === 'eigenlayer-v1.3.0'

async function limits(env: Env) {
  const pc = env.devnet.publicClient
  const rc = env.deployment.rewardsCoordinator
  const read = (
    functionName:
      | 'CALCULATION_INTERVAL_SECONDS'
      | 'MAX_REWARDS_DURATION'
      | 'MAX_RETROACTIVE_LENGTH'
      | 'MAX_FUTURE_LENGTH'
      | 'GENESIS_REWARDS_TIMESTAMP',
  ) => pc.readContract({ address: rc, abi: rewardsSubmissionAbi, functionName })
  const [interval, maxDuration, maxRetro, maxFuture, genesis] = await Promise.all([
    read('CALCULATION_INTERVAL_SECONDS'),
    read('MAX_REWARDS_DURATION'),
    read('MAX_RETROACTIVE_LENGTH'),
    read('MAX_FUTURE_LENGTH'),
    read('GENESIS_REWARDS_TIMESTAMP'),
  ])
  const now = Number((await pc.getBlock({ blockTag: 'latest' })).timestamp)
  return { interval, maxDuration, maxRetro, maxFuture, genesis, now, weekStart: now - (now % interval) }
}

describe.skipIf(!onV13)('EigenLayer rewards submissions (v1.3.0 state: limits read from chain)', () => {
  const t = useAvsEnv()

  test('the state has mainnet-like limits: weekly interval, 90 days retroactive', async () => {
    const l = await limits(t.env)
    expect(l.interval).toBe(604800)
    expect(l.maxRetro).toBe(90 * 86400)
    expect(l.weekStart).toBeGreaterThanOrEqual(l.genesis)
  })

  test('createAVSRewardsSubmission: the exact approval, the tokens moved, the hash recorded', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const l = await limits(env)
    const avs = await env.devnet.newAccount({ tokens: { [env.token]: parseEther('150') } })
    const w = env.devnet.walletClient(avs)
    const submission = {
      strategiesAndMultipliers: [{ strategy: env.strategy, multiplier: 10n ** 18n }],
      token: env.token,
      amount: parseEther('100'),
      startTimestamp: l.weekStart,
      duration: l.interval,
    }
    const prepared = prepareCreateAVSRewardsSubmission({ deployment, submissions: [submission] })
    expect(prepared.map((c) => c.to)).toEqual([env.token, deployment.rewardsCoordinator])
    const balanceOf = (who: Address) =>
      pc.readContract({ address: env.token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
    const rcBefore = await balanceOf(deployment.rewardsCoordinator)
    const r = await waitForCreateAVSRewardsSubmission(
      pc,
      await createAVSRewardsSubmission(w, { deployment, submissions: [submission] }),
    )
    expect(r.submissions).toHaveLength(1)
    const created = r.submissions[0]!
    expect(created.avs).toBe(avs.address)
    expect(created.nonce).toBe(0n)
    expect(created.submission).toEqual({
      ...submission,
      strategiesAndMultipliers: [...submission.strategiesAndMultipliers],
    })
    expect(
      await pc.readContract({
        address: deployment.rewardsCoordinator,
        abi: rewardsSubmissionAbi,
        functionName: 'isAVSRewardsSubmissionHash',
        args: [avs.address, created.hash],
      }),
    ).toBe(true)
    expect((await balanceOf(deployment.rewardsCoordinator)) - rcBefore).toBe(parseEther('100'))
    expect(await balanceOf(avs.address)).toBe(parseEther('50'))
  })

  test('every submission rule is a typed error before sending (nonce unchanged), limits from chain', async () => {
    const { env } = t
    const deployment = env.deployment
    const l = await limits(env)
    const avs = await env.devnet.newAccount({ tokens: { [env.token]: parseEther('10') } })
    const w = env.devnet.walletClient(avs)
    const base = {
      strategiesAndMultipliers: [{ strategy: env.strategy, multiplier: 10n ** 18n }],
      token: env.token,
      amount: parseEther('1'),
      startTimestamp: l.weekStart,
      duration: l.interval,
    }
    const refuse = async (over: Partial<typeof base>, cls: abstract new (...a: never[]) => Error) =>
      expectRefused(
        env,
        avs.address,
        () => createAVSRewardsSubmission(w, { deployment, submissions: [{ ...base, ...over }] }),
        cls,
      )
    const rule = async (over: Partial<typeof base>, expected: RewardsSubmissionRuleError['rule']) => {
      const e = (await refuse(over, RewardsSubmissionRuleError)) as RewardsSubmissionRuleError
      expect(e.rule).toBe(expected)
      // raised by the SDK's checks (a decoded revert has no index)
      expect(e.index).toBe(0)
      return e
    }
    await rule({ duration: l.interval + 1 }, 'durationRemainder')
    await rule({ duration: l.maxDuration + l.interval }, 'durationExceedsMax')
    await rule({ startTimestamp: l.weekStart + 1 }, 'startRemainder')
    // 14 weeks back is past the 90-day retroactive limit
    await rule({ startTimestamp: l.weekStart - 14 * l.interval }, 'startTooFarInPast')
    // the first week boundary past now + MAX_FUTURE_LENGTH (with 10 minutes for the landing block's
    // clock): counted from now, not from the week's start, or it fails late in the week
    const future = Math.ceil((l.now + l.maxFuture + 600) / l.interval) * l.interval
    await rule({ startTimestamp: future }, 'startTooFarInFuture')
    await rule({ strategiesAndMultipliers: [] }, 'strategiesEmpty')
    await rule({ amount: 10n ** 38n }, 'amountExceedsMax')
    const other = '0x000000000000000000000000000000000000dEaD' as Address
    const [lo, hi] = sortAddresses([env.strategy, other])
    await refuse(
      {
        strategiesAndMultipliers: [
          { strategy: hi!, multiplier: 1n },
          { strategy: lo!, multiplier: 1n },
        ],
      },
      NotAscendingError,
    )
    await refuse(
      {
        strategiesAndMultipliers: [
          { strategy: env.strategy, multiplier: 1n },
          { strategy: env.strategy, multiplier: 1n },
        ],
      },
      NotAscendingError,
    )
    await refuse(
      { strategiesAndMultipliers: [{ strategy: other, multiplier: 1n }] },
      StrategyNotWhitelistedError,
    )
    await refuse({ amount: 0n }, InvalidAmountError)
    await refuse({ amount: parseEther('11') }, InsufficientBalanceError)
    // the oldest start the limits allow (a week boundary within MAX_RETROACTIVE_LENGTH) passes the checks and the contract
    const oldest = Math.ceil((l.now + 120 - l.maxRetro) / l.interval) * l.interval
    expect(l.weekStart - oldest).toBeGreaterThanOrEqual(12 * l.interval)
    const ok = await waitForCreateAVSRewardsSubmission(
      env.devnet.publicClient,
      await createAVSRewardsSubmission(w, { deployment, submissions: [{ ...base, startTimestamp: oldest }] }),
    )
    expect(ok.submissions[0]!.submission.startTimestamp).toBe(oldest)
  })

  test('operator-directed operator-set submission: past period only, ascending operators, the set must exist', async () => {
    const { env } = t
    const pc = env.devnet.publicClient
    const deployment = env.deployment
    const l = await limits(env)
    const avs = await newAvsContract(env)
    await env.devnet.fund(avs, { tokens: { [env.token]: parseEther('10') } })
    const aw = env.devnet.walletClient(avs)
    await pc.waitForTransactionReceipt({
      hash: await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    })
    await pc.waitForTransactionReceipt({
      hash: await createOperatorSets(aw, {
        deployment,
        operatorSets: [{ operatorSetId: 1, strategies: [env.strategy] }],
      }),
    })
    const [a, b] = sortAddresses([
      (await env.devnet.newAccount()).address,
      (await env.devnet.newAccount()).address,
    ])
    const sub = {
      strategiesAndMultipliers: [{ strategy: env.strategy, multiplier: 10n ** 18n }],
      token: env.token,
      operatorRewards: [
        { operator: a!, amount: parseEther('1') },
        { operator: b!, amount: parseEther('2') },
      ],
      startTimestamp: l.weekStart - l.interval,
      duration: l.interval,
      description: 'restakekit test operator-set rewards',
    }
    const refuse = (
      over: Partial<typeof sub>,
      cls: abstract new (...x: never[]) => Error,
      operatorSetId = 1,
    ) =>
      expectRefused(
        env,
        avs,
        () =>
          createOperatorDirectedRewardsSubmission(aw, {
            deployment,
            operatorSetId,
            submissions: [{ ...sub, ...over }],
          }),
        cls,
      )
    const e = (await refuse(
      { startTimestamp: l.weekStart },
      RewardsSubmissionRuleError,
    )) as RewardsSubmissionRuleError
    expect(e.rule).toBe('notRetroactive')
    await refuse({ operatorRewards: [...sub.operatorRewards].reverse() }, NotAscendingError)
    await refuse({ operatorRewards: [{ operator: a!, amount: 0n }] }, InvalidAmountError)
    await refuse({}, OperatorSetNotFoundError, 99)
    expect(
      ((await refuse({ operatorRewards: [] }, RewardsSubmissionRuleError)) as RewardsSubmissionRuleError)
        .rule,
    ).toBe('operatorRewardsEmpty')

    const rcBefore = await pc.readContract({
      address: env.token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [deployment.rewardsCoordinator],
    })
    const r = await waitForCreateOperatorDirectedRewardsSubmission(
      pc,
      await createOperatorDirectedRewardsSubmission(aw, { deployment, operatorSetId: 1, submissions: [sub] }),
    )
    expect(r.submissions).toHaveLength(1)
    expect(r.submissions[0]!.operatorSet).toEqual({ avs, id: 1 })
    expect(r.submissions[0]!.submission.operatorRewards).toEqual(sub.operatorRewards)
    expect(
      await pc.readContract({
        address: deployment.rewardsCoordinator,
        abi: rewardsSubmissionAbi,
        functionName: 'isOperatorDirectedOperatorSetRewardsSubmissionHash',
        args: [avs, r.submissions[0]!.hash],
      }),
    ).toBe(true)
    const rcAfter = await pc.readContract({
      address: env.token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [deployment.rewardsCoordinator],
    })
    expect(rcAfter - rcBefore).toBe(parseEther('3'))

    // the AVS-wide operator-directed kind (no operator set): the same rules, its own event and hash
    const avsWide = await waitForCreateOperatorDirectedRewardsSubmission(
      pc,
      await createOperatorDirectedRewardsSubmission(aw, { deployment, submissions: [sub] }),
    )
    expect(avsWide.submissions).toHaveLength(1)
    expect(avsWide.submissions[0]!.operatorSet).toBeUndefined()
    expect(
      await pc.readContract({
        address: deployment.rewardsCoordinator,
        abi: rewardsSubmissionAbi,
        functionName: 'isOperatorDirectedAVSRewardsSubmissionHash',
        args: [avs, avsWide.submissions[0]!.hash],
      }),
    ).toBe(true)
    const e2 = (await expectRefused(
      env,
      avs,
      () =>
        createOperatorDirectedRewardsSubmission(aw, {
          deployment,
          submissions: [{ ...sub, startTimestamp: l.weekStart }],
        }),
      RewardsSubmissionRuleError,
    )) as RewardsSubmissionRuleError
    expect([e2.rule, e2.index]).toEqual(['notRetroactive', 0])
  })
})

// The unique- and total-stake submissions exist from v1.12 (between v1.9.0 and v1.12.0): neither
// state here serves them, so on both the SDK refuses before sending. Their sending path is ABI- and
// unit-tested only (unit.test.ts, abis.test.ts), not chain-tested.
describe('EigenLayer operator-set stake-weighted submissions (v1.12 only): refused on this release', () => {
  const t = useAvsEnv()

  for (const weighting of ['unique', 'total'] as const)
    test(`${weighting}-stake: NotInReleaseError before anything is sent`, async () => {
      const { env } = t
      const avs = await env.devnet.newAccount({ tokens: { [env.token]: parseEther('10') } })
      const w = env.devnet.walletClient(avs)
      const now = Number((await env.devnet.publicClient.getBlock()).timestamp)
      const err = await expectRefused(
        env,
        avs.address,
        () =>
          createOperatorSetRewardsSubmission(w, {
            deployment: env.deployment,
            operatorSetId: 1,
            weighting,
            submissions: [
              {
                strategiesAndMultipliers: [{ strategy: env.strategy, multiplier: 10n ** 18n }],
                token: env.token,
                amount: parseEther('1'),
                startTimestamp: now - (now % 86400),
                duration: 86400,
              },
            ],
          }),
        NotInReleaseError,
      )
      expect(err.feature).toBe(
        weighting === 'unique' ? 'createUniqueStakeRewardsSubmission' : 'createTotalStakeRewardsSubmission',
      )
      expect(err.since).toBe('v1.12.0')
    })
})
