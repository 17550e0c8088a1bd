// The kit's `minOut` spec option on the devnet's real EigenLayer: a write defined here over
// `StrategyManager.depositIntoStrategy` (which returns the shares minted and has no min-out argument)
// with a least-shares `minOut`. The kit refuses on the preview right after the checks (no approval,
// nonce unchanged) and on the simulation's return before sending; a refusal after an approval landed
// is a StepFailedError saying what the user holds; at or above it, the write sends once.
import { type Address, erc20Abi, type Hex } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { eigenlayerEventsAbi, eigenlayerStrategyAbi, strategyManagerAbi } from '../eigenlayer/abis.js'
import { type Env, newStaker, startEnv } from '../eigenlayer/test/helpers.js'
import { InvalidAmountError, StepFailedError } from '../errors.js'
import { contractCall } from './call.js'
import { stage } from './plan.js'
import { unwrap } from './read.js'
import type { WriteStage } from './stages.js'
import { assertAmount } from './validate.js'
import { defineWrite, sendOf, simulateOf, waitForOf } from './write.js'

type Params = {
  amount: bigint
  /** The least shares accepted (undefined: none). */
  minShares?: bigint
  /** `false`: the spec's state has no preview, so only the simulation can refuse. */
  preview?: boolean
}
type Args = { amount: bigint; minShares: bigint | undefined; preview: boolean }
type State = { preview: bigint; allowance: bigint }

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
const nonceOf = (who: Address) => pc().getTransactionCount({ address: who })
const balanceOf = (who: Address) =>
  pc().readContract({ address: env.token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
const allowanceOf = (who: Address) =>
  pc().readContract({
    address: env.token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [who, env.deployment.strategyManager],
  })
const sharesOf = (who: Address) =>
  pc().readContract({
    address: env.strategy,
    abi: eigenlayerStrategyAbi,
    functionName: 'shares',
    args: [who],
  })
const previewOf = (amount: bigint) =>
  pc().readContract({
    address: env.strategy,
    abi: eigenlayerStrategyAbi,
    functionName: 'underlyingToSharesView',
    args: [amount],
  })

/** The write under test: defined here with the kit, as an adapter would; its layers built from it. */
const depositMinShares = () => {
  const w = depositMinSharesWrite()
  return { simulate: simulateOf(w), send: sendOf(w), waitFor: waitForOf(w) }
}

const depositMinSharesWrite = () =>
  defineWrite({
    name: 'test.depositMinShares',
    contract: 'StrategyManager',
    resolve: (p: Params): Args => ({
      amount: assertAmount('amount', p.amount),
      minShares: p.minShares,
      preview: p.preview !== false,
    }),
    read: (a, { sender }) =>
      stage(
        [
          {
            address: env.strategy,
            abi: eigenlayerStrategyAbi,
            functionName: 'underlyingToSharesView',
            args: [a.amount],
          },
          {
            address: env.token,
            abi: erc20Abi,
            functionName: 'allowance',
            args: [sender, env.deployment.strategyManager],
          },
        ],
        ([preview, allowance]): State => ({
          preview: unwrap<bigint>(preview),
          allowance: unwrap<bigint>(allowance),
        }),
      ),
    approval: (a, s) =>
      s && s.allowance >= a.amount
        ? undefined
        : {
            token: env.token,
            spender: env.deployment.strategyManager,
            amount: a.amount,
            ...(s ? { allowance: s.allowance } : {}),
          },
    call: (a) =>
      contractCall({
        address: env.deployment.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'depositIntoStrategy',
        args: [env.strategy, env.token, a.amount],
      }),
    minOut: {
      of: (a) => a.minShares,
      read: (a, s, shares: bigint | undefined) => shares ?? (a.preview ? s.preview : undefined),
      refuse: (minOut, out) =>
        new InvalidAmountError({
          parameter: 'minShares',
          value: minOut,
          reason: `is above the ${out} shares the deposit mints`,
        }),
    },
    simulated: (_a, _s, shares: bigint) => ({ shares }),
    receipt: { abi: eigenlayerEventsAbi },
  })

describe('defineWrite minOut (a least output the call cannot carry, enforced by the kit)', () => {
  test('below minOut on the preview: simulate and send refuse in the checks; no approval, nonce unchanged', async () => {
    const amount = 10n ** 18n
    const staker = await newStaker(env, amount)
    const w = depositMinShares()
    const preview = await previewOf(amount)
    expect(preview).toBeGreaterThan(0n)
    const n = await nonceOf(staker.address)

    const simulated = await w
      .simulate(pc(), { account: staker.address, amount, minShares: preview + 1n })
      .catch((e) => e)
    expect(simulated).toBeInstanceOf(InvalidAmountError)
    expect(simulated.message).toContain(`${preview + 1n} is above the ${preview} shares`)

    const stages: WriteStage[] = []
    const sent = await w
      .send(env.devnet.walletClient(staker), {
        amount,
        minShares: preview + 1n,
        onStage: (s) => stages.push(s),
      })
      .catch((e) => e)
    expect(sent).toBeInstanceOf(InvalidAmountError)
    expect(stages.map((s) => s.stage)).toEqual(['checks', 'error'])
    expect(stages[1]).toMatchObject({ step: 'checks' })
    expect(await nonceOf(staker.address)).toBe(n)
    expect(await allowanceOf(staker.address)).toBe(0n)
    expect(await balanceOf(staker.address)).toBe(amount)
  })

  test('no preview in the state: the simulation’s shares refuse before sending (allowance already given)', async () => {
    const amount = 10n ** 18n
    const staker = await newStaker(env, amount)
    const wallet = env.devnet.walletClient(staker)
    await pc().waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: env.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [env.deployment.strategyManager, amount],
      }),
    })
    const w = depositMinShares()
    const minted = await previewOf(amount)
    const simulated = await w.simulate(pc(), { account: staker.address, amount, preview: false })
    expect(simulated.shares).toBe(minted) // what the simulation returns, with no minOut given
    const n = await nonceOf(staker.address)
    const stages: WriteStage[] = []
    const refused = await w
      .send(wallet, { amount, minShares: minted + 1n, preview: false, onStage: (s) => stages.push(s) })
      .catch((e) => e)
    expect(refused).toBeInstanceOf(InvalidAmountError)
    expect(refused.message).toContain(`is above the ${minted} shares`)
    // the checks passed (no preview to hold against), the simulation refused: nothing signed or sent
    expect(stages.map((s) => s.stage)).toEqual(['checks', 'error'])
    expect(await nonceOf(staker.address)).toBe(n)
    expect(await sharesOf(staker.address)).toBe(0n)
  })

  test('a refusal on the simulation after the approval landed: StepFailedError with the approval and the tokens still held', async () => {
    const amount = 10n ** 18n
    const staker = await newStaker(env, amount)
    const w = depositMinShares()
    const minted = await previewOf(amount)
    const n = await nonceOf(staker.address)
    const failed = await w
      .send(env.devnet.walletClient(staker), { amount, minShares: minted + 1n, preview: false })
      .catch((e) => e)
    expect(failed).toBeInstanceOf(StepFailedError)
    expect(failed.cause).toBeInstanceOf(InvalidAmountError)
    expect(failed.completed).toHaveLength(1)
    expect(failed.completed[0].step).toBe('approve')
    expect(failed.holdings).toContain(`holds ${amount} of ${env.token}`)
    // exactly one transaction (the approval): the deposit was not sent
    expect(await nonceOf(staker.address)).toBe(n + 1)
    expect(await allowanceOf(staker.address)).toBe(amount)
    expect(await balanceOf(staker.address)).toBe(amount)
    expect(await sharesOf(staker.address)).toBe(0n)
  })

  test('at minOut (and with none): sent once, the shares the simulation returned are minted', async () => {
    const amount = 10n ** 18n
    const staker = await newStaker(env, 2n * amount)
    const wallet = env.devnet.walletClient(staker)
    const w = depositMinShares()
    const minted = await previewOf(amount)
    const n = await nonceOf(staker.address)
    const hash = await w.send(wallet, { amount, minShares: minted })
    const { receipt } = await w.waitFor(pc(), hash)
    expect(receipt.status).toBe('success')
    expect(await nonceOf(staker.address)).toBe(n + 2) // the exact approval, then the deposit
    expect(await sharesOf(staker.address)).toBe(minted)
    // no minOut: nothing enforced
    const second = await previewOf(amount)
    await w.waitFor(pc(), await w.send(wallet, { amount, preview: false }))
    expect(await sharesOf(staker.address)).toBe(minted + second)
    expect(await balanceOf(staker.address)).toBe(0n)
  })
})
