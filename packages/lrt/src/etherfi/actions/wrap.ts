import {
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  InvalidAmountError,
  type PermitOption,
  permitKit,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { etherfiEETHAbi, etherfiWeETHAbi, joinAbis } from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiWeETHPermitAbi, toPermitInput } from '../permit.js'
import { assertEtherFi, assertVerified, identityReads, writeDeployment } from './internal.js'

export type WrapParameters = {
  /** eETH to wrap, in wei. */
  amount: bigint
  /**
   * An eETH permit to weETH instead of the approval: `send` with `true` (or `{ deadline }`) signs it
   * and sends ONE transaction, `wrapWithPermit`; `prepare`/`simulate` take one signed with
   * `signPermit` (spender: weETH).
   */
  permit?: PermitOption
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = { amount: bigint; d: EtherFiDeployment }
type WrapState = { balance: bigint; allowance: bigint; expectedOut: bigint }

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const WRAP = 'etherfi.wrap'
const wrapCall = /* @__PURE__ */ defineCall({
  name: WRAP,
  contract: 'WeETH',
  deployment: writeDeployment,
  resolve: (p: WrapParameters, { deployment }): Resolved => {
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    return { amount: assertAmount('amount', p.amount), d }
  },
  approval: (a, s: WrapState | undefined) =>
    s && s.allowance >= a.amount
      ? undefined
      : { token: a.d.eETH, spender: a.d.weETH, amount: a.amount, ...(s ? { allowance: s.allowance } : {}) },
  call: (a) =>
    contractCall({ address: a.d.weETH, abi: etherfiWeETHAbi, functionName: 'wrap', args: [a.amount] }),
  permit: {
    call: (a, _ctx, permit) =>
      contractCall({
        address: a.d.weETH,
        abi: etherfiWeETHPermitAbi,
        functionName: 'wrapWithPermit',
        args: [a.amount, toPermitInput(permit)],
      }),
  },
})
const wrapReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(etherfiWeETHAbi, etherfiEETHAbi),
})
const wrap_ = /* @__PURE__ */ defineWrite(wrapCall, {
  permitKit,
  read: (a, { sender }) =>
    stage(
      [
        ...identityReads(a.d, true),
        { address: a.d.eETH, abi: etherfiEETHAbi, functionName: 'balanceOf', args: [sender] },
        { address: a.d.eETH, abi: etherfiEETHAbi, functionName: 'allowance', args: [sender, a.d.weETH] },
        { address: a.d.weETH, abi: etherfiWeETHAbi, functionName: 'getWeETHByeETH', args: [a.amount] },
      ],
      ([eSym, wSym, balance, allowance, out]): WrapState => {
        assertEtherFi(a.d, [eSym, wSym])
        return { balance: unwrap(balance), allowance: unwrap(allowance), expectedOut: unwrap(out) }
      },
    ),
  check: (a, s, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.eETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedOut === 0n)
      throw new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'wraps into 0 weETH' })
  },
  simulated: (_a, s) => ({ expectedOut: s.expectedOut }),
  receipt: wrapReceipt,
})

/** Layer 1 (pure): `[approve(weETH, amount) on eETH, wrap(amount)]`. */
export const prepareWrap = /* @__PURE__ */ prepareOf(wrapCall)
/** Layer 2: identity guard (eETH and weETH), balance, then simulates: `result` is the weETH minted. */
export const simulateWrap = /* @__PURE__ */ simulateOf(wrap_)
/** Layer 3: the checks, the exact eETH approval to weETH when short, then sends `wrap`. */
export const wrap = /* @__PURE__ */ sendOf(wrap_)
/** Layer 4: the receipt and its decoded `Transfer` events. */
export const waitForWrap = /* @__PURE__ */ waitForOf({ name: WRAP }, wrapReceipt)
