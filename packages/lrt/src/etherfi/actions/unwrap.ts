import {
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  InvalidAmountError,
  prepareOf,
  unwrap as read,
  sendOf,
  simulateOf,
  stage,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { etherfiEETHAbi, etherfiWeETHAbi, joinAbis } from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { assertEtherFi, assertVerified, identityReads, writeDeployment } from './internal.js'

export type UnwrapParameters = {
  /** weETH to unwrap, in wei. */
  amount: bigint
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = { amount: bigint; d: EtherFiDeployment }
type UnwrapState = { balance: bigint; expectedOut: bigint }

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const UNWRAP = 'etherfi.unwrap'
const unwrapCall = /* @__PURE__ */ defineCall({
  name: UNWRAP,
  contract: 'WeETH',
  deployment: writeDeployment,
  resolve: (p: UnwrapParameters, { deployment }): Resolved => {
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    return { amount: assertAmount('amount', p.amount), d }
  },
  call: (a) =>
    contractCall({ address: a.d.weETH, abi: etherfiWeETHAbi, functionName: 'unwrap', args: [a.amount] }),
})
const unwrapReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(etherfiWeETHAbi, etherfiEETHAbi),
})
const unwrap_ = /* @__PURE__ */ defineWrite(unwrapCall, {
  read: (a, { sender }) =>
    stage(
      [
        ...identityReads(a.d, true),
        { address: a.d.weETH, abi: etherfiWeETHAbi, functionName: 'balanceOf', args: [sender] },
        { address: a.d.weETH, abi: etherfiWeETHAbi, functionName: 'getEETHByWeETH', args: [a.amount] },
      ],
      ([eSym, wSym, balance, out]): UnwrapState => {
        assertEtherFi(a.d, [eSym, wSym])
        return { balance: read(balance), expectedOut: read(out) }
      },
    ),
  check: (a, s, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.weETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedOut === 0n)
      throw new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'unwraps into 0 eETH' })
  },
  simulated: (_a, s) => ({ expectedOut: s.expectedOut }),
  receipt: unwrapReceipt,
})

/** Layer 1 (pure): `unwrap(amount)` on weETH. */
export const prepareUnwrap = /* @__PURE__ */ prepareOf(unwrapCall)
/** Layer 2: identity guard, balance, then simulates: `result` is the eETH returned. */
export const simulateUnwrap = /* @__PURE__ */ simulateOf(unwrap_)
/** Layer 3: the checks, then sends `unwrap`. */
export const unwrap = /* @__PURE__ */ sendOf(unwrap_)
/** Layer 4: the receipt and its decoded `Transfer` events. */
export const waitForUnwrap = /* @__PURE__ */ waitForOf({ name: UNWRAP }, unwrapReceipt)
