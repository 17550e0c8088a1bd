import { haveEigenLayer } from '@restakekit/devnet'
import { erc20Abi, type Hex, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { WithdrawalNotReadyError } from '../../errors.js'
import { delegationManagerAbi } from '../abis.js'
import { InsufficientSharesError, NothingToCompleteError } from '../errors.js'
import { withdrawalRoot } from '../internal.js'
import {
  type Env,
  mineUntil,
  mineUntilNext,
  newOperator,
  newStaker,
  readyAt,
  secondStrategy,
  startEnv,
} from '../test/helpers.js'
import {
  completeWithdrawals,
  simulateCompleteWithdrawals,
  waitForCompleteWithdrawals,
} from './completeWithdrawals.js'
import { delegateTo, waitForDelegateTo } from './delegateTo.js'
import { deposit, waitForDeposit } from './deposit.js'
import { getDeposits } from './getDeposits.js'
import { getQueuedWithdrawals } from './getQueuedWithdrawals.js'
import { getStrategy } from './getStrategy.js'
import { getWithdrawalDelay } from './getWithdrawalDelay.js'
import { queueWithdrawals, simulateQueueWithdrawals, waitForQueueWithdrawals } from './queueWithdrawals.js'
import { undelegate, waitForUndelegate } from './undelegate.js'

describe.skipIf(!haveEigenLayer())('withdrawal queue (real EigenLayer fixture)', () => {
  let env: Env
  let snap: Hex
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env.devnet.revert(snap)
    snap = await env.devnet.snapshot()
  })
  const pc = () => env.devnet.publicClient
  const balanceOf = (token: `0x${string}`, who: `0x${string}`) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })

  /** A delegated staker with deposits in the fixture strategy and a second factory strategy. */
  async function delegatedStaker(a = parseEther('10'), b = parseEther('4')) {
    const second = await secondStrategy(env)
    const staker = await newStaker(env, a)
    await env.devnet.fund(staker.address, { tokens: { [second.token]: b } })
    const wallet = env.devnet.walletClient(staker)
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: a,
      }),
    )
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: second.strategy,
        token: second.token,
        amount: b,
      }),
    )
    const operator = await newOperator(env)
    const { operator: delegated } = await waitForDelegateTo(
      pc(),
      await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
    )
    expect(delegated).toBe(operator.address)
    return { staker, wallet, second, operator }
  }

  test('delay comes from chain', async () => {
    const d = await getWithdrawalDelay(pc(), { deployment: env.deployment })
    const onChain = await pc().readContract({
      address: env.deployment.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'minWithdrawalDelayBlocks',
    })
    expect(d.withdrawalDelayBlocks).toBe(onChain)
    expect(d.withdrawalDelayBlocks).toBe(env.withdrawalDelayBlocks)
    // release-specific settings of the two states (their READMEs)
    if (env.release === 'v1.2')
      expect(d).toMatchObject({ withdrawalDelayBlocks: 0, deallocationDelayBlocks: 1 })
    if (env.release === 'v1.3.0')
      expect(d).toMatchObject({ withdrawalDelayBlocks: 900, deallocationDelayBlocks: 900 })
    expect(d.allocationConfigurationDelayBlocks).toBe(0)
  })

  test('readiness is judged for the next block: ready exactly when a completion sent now succeeds', async () => {
    const { staker, wallet } = await delegatedStaker()
    const { withdrawals, receipt } = await waitForQueueWithdrawals(
      pc(),
      await queueWithdrawals(wallet, {
        deployment: env.deployment,
        strategies: [env.strategy],
        shares: [parseEther('1')],
      }),
    )
    const w = withdrawals[0]!.withdrawal
    const ready = readyAt(env, w)
    expect(ready).toBe(receipt.blockNumber + BigInt(env.withdrawalDelayBlocks) + 1n)
    // a raw completion sent with its gas given (no estimate, no simulation): the chain is the judge
    const send = () =>
      wallet.writeContract({
        address: env.deployment.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [w, [env.token], true],
        gas: 1_000_000n,
      })
    if (env.withdrawalDelayBlocks > 0) {
      // v1.3.0 (900 blocks): two blocks before, not ready; a completion sent then reverts
      await mineUntilNext(env, ready - 1n)
      const early = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
      expect(early.blockNumber).toBe(ready - 2n)
      expect(early.withdrawals[0]).toMatchObject({
        ready: false,
        blocksRemaining: 1n,
        readyAt: { block: ready },
      })
      // the simulate layer agrees: not ready, with the ready block named
      const refused = await simulateCompleteWithdrawals(pc(), {
        deployment: env.deployment,
        account: staker.address,
      }).catch((e) => e)
      expect(refused).toBeInstanceOf(WithdrawalNotReadyError)
      expect(refused.readyAt).toEqual({ block: ready })
      const snapshot = await env.devnet.snapshot()
      const failed = await pc().waitForTransactionReceipt({ hash: await send() })
      expect(failed).toMatchObject({ status: 'reverted', blockNumber: ready - 1n })
      await env.devnet.revert(snapshot)
    }
    // one block before: ready, because a transaction sent now lands in `ready` (on v1.2, with its
    // 0-block delay, that is the block right after the queueing one: there is no earlier state)
    await mineUntilNext(env, ready)
    const now = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
    expect(now.blockNumber).toBe(ready - 1n)
    expect(now.withdrawals[0]).toMatchObject({ ready: true, blocksRemaining: 0n })
    // the simulate layer agrees with `ready` (it simulates at the landing block)
    const agreed = await simulateCompleteWithdrawals(pc(), {
      deployment: env.deployment,
      account: staker.address,
    })
    expect(agreed.completing.map((c) => c.root)).toEqual([withdrawals[0]!.root])
    // the one-block difference: an eth_call at latest still reverts...
    const atLatest = await pc()
      .simulateContract({
        account: staker.address,
        address: env.deployment.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [w, [env.token], true],
      })
      .catch((e) => e)
    expect(String(atLatest)).toMatch(/WithdrawalDelayNotElapsed/)
    // ...while the transaction sent now succeeds, in block `ready`
    const ok = await pc().waitForTransactionReceipt({ hash: await send() })
    expect(ok).toMatchObject({ status: 'success', blockNumber: ready })
  })

  test('partial then full withdrawal over two strategies; not ready until the next block; complete as tokens', async () => {
    const { staker, wallet, second } = await delegatedStaker()
    const before = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    const fixtureDep = before.find((d) => d.strategy === env.strategy)!
    const secondDep = before.find((d) => d.strategy === second.strategy)!

    // partial: 40% of the fixture strategy, all of the second; one withdrawal for both
    const part = (fixtureDep.withdrawableShares * 4n) / 10n
    const sim = await simulateQueueWithdrawals(pc(), {
      deployment: env.deployment,
      account: staker.address,
      strategies: [env.strategy, second.strategy],
      shares: [part, secondDep.withdrawableShares],
    })
    expect(sim.depositShares).toEqual([part, secondDep.depositShares])
    const hash = await queueWithdrawals(wallet, {
      deployment: env.deployment,
      strategies: [env.strategy, second.strategy],
      shares: [part, secondDep.withdrawableShares],
    })
    const { withdrawals, receipt } = await waitForQueueWithdrawals(pc(), hash)
    expect(withdrawals).toHaveLength(1)
    const queued = withdrawals[0]!
    expect(queued.shares).toEqual([part, secondDep.withdrawableShares])
    expect(queued.root).toBe(withdrawalRoot(queued.withdrawal))
    expect(queued.root).toBe(
      await pc().readContract({
        address: env.deployment.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'calculateWithdrawalRoot',
        args: [queued.withdrawal],
      }),
    )

    // queued in block N: ready from block N + delay + 1, with its ready block named
    const list = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
    expect(list.blockNumber).toBe(receipt.blockNumber)
    const readyAtBlock = receipt.blockNumber + BigInt(env.withdrawalDelayBlocks) + 1n
    expect(list.withdrawals[0]).toMatchObject({
      root: queued.root,
      startBlock: receipt.blockNumber,
      readyAt: { block: readyAtBlock },
      // judged for the next block (N + 1): on v1.2 (0-block delay) a completion sent now succeeds
      ready: env.withdrawalDelayBlocks === 0,
      blocksRemaining: BigInt(env.withdrawalDelayBlocks),
    })
    if (env.withdrawalDelayBlocks > 0) {
      // v1.3.0 only (on v1.2 the withdrawal is ready from the next block: nothing to refuse)
      const notReady = await completeWithdrawals(wallet, { deployment: env.deployment }).catch((e) => e)
      expect(notReady).toBeInstanceOf(WithdrawalNotReadyError)
      expect(notReady.readyAt).toEqual({ block: readyAtBlock })
      await expect(
        completeWithdrawals(wallet, { deployment: env.deployment, withdrawals: [queued.root] }),
      ).rejects.toBeInstanceOf(WithdrawalNotReadyError)
    }

    await mineUntil(env, readyAtBlock)
    const ready = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
    expect(ready.withdrawals[0]).toMatchObject({ ready: true, blocksRemaining: 0n })

    const fixtureBal = await balanceOf(env.token, staker.address)
    const expectedTokens = (
      await getStrategy(pc(), { deployment: env.deployment, strategy: env.strategy })
    ).sharesToUnderlying(part)
    const done = await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, { deployment: env.deployment, withdrawals: [queued.root] }),
    )
    expect(done.completed).toEqual([queued.root])
    expect(await balanceOf(env.token, staker.address)).toBe(fixtureBal + expectedTokens)
    expect(await balanceOf(second.token, staker.address)).toBe(parseEther('4'))
    expect(
      (await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })).withdrawals,
    ).toHaveLength(0)

    // the rest: a full withdrawal of what is left, given as underlying amount
    const left = (await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })).find(
      (d) => d.strategy === env.strategy,
    )!
    expect(left.depositShares).toBe(fixtureDep.depositShares - part)
    const h2 = await queueWithdrawals(wallet, {
      deployment: env.deployment,
      strategies: [env.strategy],
      shares: [left.withdrawableShares],
    })
    const { withdrawals: w2 } = await waitForQueueWithdrawals(pc(), h2)
    expect(w2[0]!.withdrawal.scaledShares).toEqual([left.depositShares])
    expect(await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })).toEqual([])
    await mineUntil(env, readyAt(env, w2[0]!.withdrawal))
    // already-completed roots are skipped, the ready one is completed
    const sim2 = await simulateCompleteWithdrawals(pc(), {
      deployment: env.deployment,
      account: staker.address,
      withdrawals: [queued.root, w2[0]!.root],
    })
    expect(sim2.skipped).toEqual([queued.root.toLowerCase()])
    expect(sim2.completing.map((w) => w.root)).toEqual([w2[0]!.root])
    await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, {
        deployment: env.deployment,
        withdrawals: [queued.root, w2[0]!.root],
      }),
    )
    expect(await balanceOf(env.token, staker.address)).toBe(parseEther('10'))
    // nothing left
    await expect(completeWithdrawals(wallet, { deployment: env.deployment })).rejects.toBeInstanceOf(
      NothingToCompleteError,
    )
    await expect(
      completeWithdrawals(wallet, { deployment: env.deployment, withdrawals: [queued.root] }),
    ).rejects.toBeInstanceOf(NothingToCompleteError)
  })

  test('queue by underlying amount, complete several at once as shares (re-deposited)', async () => {
    const { staker, wallet, second } = await delegatedStaker()
    const h1 = await queueWithdrawals(wallet, {
      deployment: env.deployment,
      strategies: [env.strategy],
      amounts: [parseEther('1')],
    })
    const h2 = await queueWithdrawals(wallet, {
      deployment: env.deployment,
      strategies: [second.strategy],
      amounts: [parseEther('1')],
    })
    const a = (await waitForQueueWithdrawals(pc(), h1)).withdrawals[0]!
    const b = (await waitForQueueWithdrawals(pc(), h2)).withdrawals[0]!
    const strat = await getStrategy(pc(), { deployment: env.deployment, strategy: env.strategy })
    expect(a.shares[0]).toBe(strat.underlyingToShares(parseEther('1')))
    const mid = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    await mineUntil(env, readyAt(env, b.withdrawal))
    const tokenBal = await balanceOf(env.token, staker.address)
    const sim = await simulateCompleteWithdrawals(pc(), {
      deployment: env.deployment,
      account: staker.address,
      receiveAsTokens: false,
    })
    expect(sim.request.functionName).toBe('completeQueuedWithdrawals')
    expect(sim.completing).toHaveLength(2)
    const done = await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, { deployment: env.deployment, receiveAsTokens: false }),
    )
    expect(done.completed.sort()).toEqual([a.root, b.root].sort())
    expect(await balanceOf(env.token, staker.address)).toBe(tokenBal)
    const after = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    for (const d of after) {
      const m = mid.find((x) => x.strategy === d.strategy)!
      const w = d.strategy === env.strategy ? a : b
      expect(d.withdrawableShares).toBe(m.withdrawableShares + w.shares[0]!)
    }
  })

  test('more than withdrawable is a typed error before sending', async () => {
    const { staker, wallet } = await delegatedStaker()
    const [d] = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    const nonce = await pc().getTransactionCount({ address: staker.address })
    const err = await queueWithdrawals(wallet, {
      deployment: env.deployment,
      strategies: [env.strategy],
      shares: [d!.withdrawableShares + 1n],
    }).catch((e) => e)
    expect(err).toBeInstanceOf(InsufficientSharesError)
    expect(err.available).toBe(d!.withdrawableShares)
    expect(await pc().getTransactionCount({ address: staker.address })).toBe(nonce)
  })
  test('complete-all sends only the ready ones; undelegation withdrawals complete as shares', async () => {
    const { staker, wallet } = await delegatedStaker()
    const a = (
      await waitForQueueWithdrawals(
        pc(),
        await queueWithdrawals(wallet, {
          deployment: env.deployment,
          strategies: [env.strategy],
          shares: [parseEther('1')],
        }),
      )
    ).withdrawals[0]!
    await mineUntil(env, readyAt(env, a.withdrawal))
    const b = (
      await waitForQueueWithdrawals(
        pc(),
        await queueWithdrawals(wallet, {
          deployment: env.deployment,
          strategies: [env.strategy],
          shares: [parseEther('2')],
        }),
      )
    ).withdrawals[0]!
    // v1.2 (0-block delay): b is ready for a completion sent in the next block too, so "only the
    // ready ones" needs a delay: the b-is-left part runs on v1.3.0 (900 blocks); on v1.2, one
    // block is mined so that both a simulation at latest and a sent transaction see b ready.
    if (env.withdrawalDelayBlocks === 0) {
      await mineUntil(env, readyAt(env, b.withdrawal))
      const both = await simulateCompleteWithdrawals(pc(), {
        deployment: env.deployment,
        account: staker.address,
      })
      expect(both.completing.map((w) => w.root)).toEqual([a.root, b.root])
      return
    }
    const sim = await simulateCompleteWithdrawals(pc(), {
      deployment: env.deployment,
      account: staker.address,
    })
    expect(sim.completing.map((w) => w.root)).toEqual([a.root])
    const done = await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, { deployment: env.deployment }),
    )
    expect(done.completed).toEqual([a.root])
    expect(
      (
        await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
      ).withdrawals.map((w) => w.root),
    ).toEqual([b.root])

    // undelegate: one withdrawal per strategy; completed as shares they come back as deposits
    const before = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    const { withdrawals } = await waitForUndelegate(
      pc(),
      await undelegate(wallet, { deployment: env.deployment }),
    )
    expect(withdrawals).toHaveLength(2)
    expect(await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })).toEqual([])
    await mineUntil(env, readyAt(env, withdrawals[0]!.withdrawal))
    const all = await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, {
        deployment: env.deployment,
        withdrawals: withdrawals.map((w) => w.root),
        receiveAsTokens: [false, false],
      }),
    )
    expect(all.completed.sort()).toEqual(withdrawals.map((w) => w.root).sort())
    const after = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    expect(after.map((d) => [d.strategy, d.withdrawableShares]).sort()).toEqual(
      before.map((d) => [d.strategy, d.withdrawableShares]).sort(),
    )
    expect(
      (
        await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
      ).withdrawals.map((w) => w.root),
    ).toEqual([b.root])
  })
})
