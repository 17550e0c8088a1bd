import { type Address, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { InsufficientAllowanceError, InsufficientBalanceError, WithdrawalNotReadyError } from '../errors.js'
import { type BatchResult, isPlan, type ReadPlan } from '../kit/index.js'
import { type KarakPositions, planPositions } from './actions/getPositions.js'
import { KARAK_MIN_WITHDRAWAL_DELAY } from './deployments.js'
import {
  KarakSlippageError,
  KarakVaultNotFoundError,
  KarakVaultPausedError,
  KarakWithdrawalNotFoundError,
  karakVaultRevertMapper,
} from './errors.js'
import { karakWithdrawalKey } from './math.js'

const staker = '0xe1C48006538E8F14E8D3F481FceA9a8387bFB9F3' as Address
const vaultA = '0x26f4a38E54D10cbFeD41B78b9014f2b231129BF3' as Address
const vaultB = '0x2D1c31457af2250578b380955C48521157dd81ca' as Address
const asset = '0x0000000000000000000000000000000000000A55' as Address
const ok = (result: unknown): BatchResult => ({ status: 'success', result })
const config = (operator: Address) =>
  ok({ asset, decimals: 18, operator, name: 'v', symbol: 'v', extraData: '0x' })

/** The next stage of a plan (the test fails if the plan is already done). */
function nextStage(
  plan: ReadPlan<KarakPositions>,
  results: readonly BatchResult[],
): ReadPlan<KarakPositions> {
  const next = plan.next(results)
  if (!isPlan(next)) throw new Error('expected another stage')
  return next
}

describe('planPositions (pure)', () => {
  const delay = KARAK_MIN_WITHDRAWAL_DELAY
  const clock = { address: zeroAddress, abi: [], functionName: 'getCurrentBlockTimestamp' }
  const plan = planPositions({ staker, vaults: [vaultA, vaultB], delay, clock })

  test('stage 1: 6 reads per vault and the chain time', () => {
    expect(plan.reads).toHaveLength(13)
    expect(plan.reads.slice(0, 6).map((r) => r.functionName)).toEqual([
      'vaultConfig',
      'totalAssets',
      'totalSupply',
      'owner',
      'balanceOf',
      'getNextWithdrawNonce',
    ])
    expect(plan.reads[12]?.functionName).toBe('getCurrentBlockTimestamp')
  })

  test('stage 2 reads every nonce below the next one; finished withdrawals drop out; empty vaults are filtered', () => {
    const now = 1_000_000n
    const stage1 = [
      // vault A: 9 assets for 10 shares (slashed), staker 6 shares, 3 withdrawals queued so far
      config(staker),
      ok(9n),
      ok(10n),
      ok(staker),
      ok(6n),
      ok(3n),
      // vault B: nothing for this staker
      config(staker),
      ok(100n),
      ok(100n),
      ok(staker),
      ok(0n),
      ok(0n),
      ok(now),
    ]
    const stage2 = nextStage(plan, stage1)
    expect(stage2.reads.map((r) => [r.address, r.functionName, r.args])).toEqual([
      [vaultA, 'getQueuedWithdrawal', [staker, 0n]],
      [vaultA, 'getQueuedWithdrawal', [staker, 1n]],
      [vaultA, 'getQueuedWithdrawal', [staker, 2n]],
    ])
    const result = stage2.next([
      ok({ staker, start: now - delay, shares: 2n, beneficiary: staker }), // ready (exactly)
      ok({ staker: zeroAddress, start: 0n, shares: 0n, beneficiary: zeroAddress }), // finished
      ok({ staker, start: now - delay + 1n, shares: 2n, beneficiary: vaultB }), // one second short
    ]) as KarakPositions
    expect(result.timestamp).toBe(now)
    expect(result.positions).toHaveLength(1)
    const [position] = result.positions
    expect(position?.shares).toBe(6n)
    expect(position?.amount).toBe(5n) // 6 · 10 / 11 = 5.45 → 5
    expect(position?.queuedWithdrawals.map((w) => [w.nonce, w.ready, w.readyAt, w.amount])).toEqual([
      [0n, true, { timestamp: now }, 1n],
      [2n, false, { timestamp: now + 1n }, 1n],
    ])
    expect(position?.queuedWithdrawals[1]?.withdrawalKey).toBe(karakWithdrawalKey(staker, 2n))
    expect(position?.queuedWithdrawals[1]?.receiver).toBe(vaultB)
  })

  test('with Core known: 8 reads per vault, exposure from getLeverage / isVaultQueuedForSlashing', () => {
    const core = '0x00000000000000000000000000000000000C0DE0' as Address
    const withCore = planPositions({ staker, vaults: [vaultA], delay, clock, core })
    expect(withCore.reads.map((r) => [r.address, r.functionName]).slice(6, 8)).toEqual([
      [core, 'getLeverage'],
      [core, 'isVaultQueuedForSlashing'],
    ])
    const stage2 = nextStage(withCore, [
      config(staker),
      ok(10n),
      ok(10n),
      ok(core),
      ok(4n),
      ok(0n),
      ok(200_000_000_000_000_000_000n),
      ok(true),
      ok(0n),
    ])
    expect(stage2.reads).toEqual([])
    expect((stage2.next([]) as KarakPositions).positions[0]?.exposure).toEqual({
      dssCount: 2n,
      queuedForSlashing: true,
    })
  })

  test('a vault whose reads fail is named in a typed error', () => {
    const failed: BatchResult = { status: 'failure', error: new Error('execution reverted') }
    expect(() => plan.next(Array.from({ length: 13 }, () => failed))).toThrow(KarakVaultNotFoundError)
  })
})

describe('revert mapping', () => {
  const map = karakVaultRevertMapper({
    vault: vaultA,
    account: staker,
    asset,
    shares: 5n,
    shareBalance: 1n,
    shareAllowance: 2n,
    minSharesOut: 10n,
    expectedShares: 9n,
  })
  test('Karak errors become typed errors', () => {
    expect(map('NotEnoughShares', [])).toBeInstanceOf(KarakSlippageError)
    expect(map('MinWithdrawDelayNotPassed', [])).toBeInstanceOf(WithdrawalNotReadyError)
    expect(map('WithdrawalNotFound', [])).toBeInstanceOf(KarakWithdrawalNotFoundError)
    expect(map('InsufficientAllowance', [])).toMatchObject({ required: 5n, allowance: 2n })
    expect(map('InsufficientBalance', [])).toMatchObject({ required: 5n, balance: 1n, account: staker })
    expect(map('ERC20InsufficientBalance', [staker, 3n, 7n])).toBeInstanceOf(InsufficientBalanceError)
    expect(map('ERC20InsufficientAllowance', [vaultA, 3n, 7n])).toBeInstanceOf(InsufficientAllowanceError)
    const paused = map('EnforcedPauseFunction', [3])
    expect(paused).toBeInstanceOf(KarakVaultPausedError)
    expect(paused?.shortMessage).toMatch(/paused for startRedeem/)
    expect(map('SomethingElse', [])).toBeUndefined()
  })
})
