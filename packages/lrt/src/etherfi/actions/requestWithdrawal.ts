import {
  assertAddress,
  assertAmount,
  type BatchResult,
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
import {
  etherfiEETHAbi,
  etherfiLiquidityPoolAbi,
  etherfiLiquidityPoolBoundsAbi,
  etherfiLiquidityPoolErrorsAbi,
  etherfiWithdrawRequestEventsAbi,
  etherfiWithdrawRequestEventsV2026Abi,
  joinAbis,
} from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiLiquidityPoolPermitAbi, toPermitInput } from '../permit.js'
import { assertEtherFi, assertVerified, identityReads, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = {
  /** eETH to withdraw, in wei. */
  amount: bigint
  /** Who gets the request NFT (and so the ETH when it is claimed); default the sender. */
  receiver?: Address
  /**
   * An eETH permit to the LiquidityPool instead of the approval: `send` with `true` (or `{ deadline }`)
   * signs it and sends ONE transaction, `requestWithdrawWithPermit`; `prepare`/`simulate` take one
   * signed with `signPermit` (spender: the LiquidityPool).
   */
  permit?: PermitOption
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = { amount: bigint; receiver: Address | undefined; d: EtherFiDeployment }
type RequestState = {
  balance: bigint
  allowance: bigint
  shares: bigint
  /** HEAD pools only (a 2026-03 pool has no bounds to read). */
  min: bigint | undefined
  max: bigint | undefined
}

const optional = (r: BatchResult | undefined) => (r?.status === 'success' ? (r.result as bigint) : undefined)

const requestAbi = /* @__PURE__ */ joinAbis(
  etherfiLiquidityPoolAbi,
  etherfiLiquidityPoolErrorsAbi,
  etherfiEETHAbi,
)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const REQUEST_WITHDRAWAL = 'etherfi.requestWithdrawal'
const requestWithdrawalCall = /* @__PURE__ */ defineCall({
  name: REQUEST_WITHDRAWAL,
  contract: 'LiquidityPool',
  deployment: writeDeployment,
  resolve: (p: RequestWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    return {
      amount: assertAmount('amount', p.amount),
      receiver: p.receiver === undefined ? undefined : assertAddress('receiver', p.receiver),
      d,
    }
  },
  approval: (a, s: RequestState | undefined) =>
    s && s.allowance >= a.amount
      ? undefined
      : {
          token: a.d.eETH,
          spender: a.d.liquidityPool,
          amount: a.amount,
          ...(s ? { allowance: s.allowance } : {}),
        },
  call: (a, { sender }) =>
    contractCall({
      address: a.d.liquidityPool,
      abi: requestAbi,
      functionName: 'requestWithdraw',
      args: [a.receiver ?? (sender as Address), a.amount],
    }),
  permit: {
    call: (a, { sender }, permit) =>
      contractCall({
        address: a.d.liquidityPool,
        abi: etherfiLiquidityPoolPermitAbi,
        functionName: 'requestWithdrawWithPermit',
        args: [a.receiver ?? (sender as Address), a.amount, toPermitInput(permit)],
      }),
  },
})
const requestWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(
    etherfiEETHAbi,
    etherfiWithdrawRequestEventsAbi,
    etherfiWithdrawRequestEventsV2026Abi,
  ),
  // the request id is the NFT's: read it from its WithdrawRequestCreated (either version's form)
  decode: (_client, { events }) => {
    const created = events.find((e) => e.eventName === 'WithdrawRequestCreated')
    const args = created?.args as { requestId: number; owner: Address } | undefined
    return { requestId: args ? BigInt(args.requestId) : null, owner: args?.owner ?? null }
  },
})
const requestWithdrawal_ = /* @__PURE__ */ defineWrite(requestWithdrawalCall, {
  permitKit,
  read: (a, { sender }) =>
    stage(
      [
        ...identityReads(a.d),
        { address: a.d.eETH, abi: etherfiEETHAbi, functionName: 'balanceOf', args: [sender] },
        // the trap: the pool pulls eETH with the sender's allowance to the LiquidityPool
        {
          address: a.d.eETH,
          abi: etherfiEETHAbi,
          functionName: 'allowance',
          args: [sender, a.d.liquidityPool],
        },
        {
          address: a.d.liquidityPool,
          abi: etherfiLiquidityPoolAbi,
          functionName: 'sharesForAmount',
          args: [a.amount],
        },
        { address: a.d.liquidityPool, abi: etherfiLiquidityPoolBoundsAbi, functionName: 'minWithdrawAmount' },
        { address: a.d.liquidityPool, abi: etherfiLiquidityPoolBoundsAbi, functionName: 'maxWithdrawAmount' },
      ],
      ([symbol, balance, allowance, shares, min, max]): RequestState => {
        assertEtherFi(a.d, [symbol], [['LiquidityPool', a.d.liquidityPool, shares]])
        return {
          balance: unwrap(balance),
          allowance: unwrap(allowance),
          shares: unwrap(shares),
          min: optional(min),
          max: optional(max),
        }
      },
    ),
  check: (a, s, { sender }) => {
    if (s.min !== undefined && a.amount < s.min)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: `is below ether.fi's minimum withdrawal (${s.min})`,
      })
    if (s.max !== undefined && a.amount > s.max)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: `is above ether.fi's maximum withdrawal (${s.max})`,
      })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.eETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.shares === 0n)
      throw new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'is worth 0 eETH shares' })
  },
  revert: (a) => (reason) =>
    reason === 'InvalidAmount'
      ? new InvalidAmountError({
          parameter: 'amount',
          value: a.amount,
          reason: 'is refused by the LiquidityPool',
        })
      : undefined,
  simulated: (_a, s) => ({ shares: s.shares }),
  receipt: requestWithdrawalReceipt,
})

/** Layer 1 (pure): `[approve(LiquidityPool, amount) on eETH, requestWithdraw(receiver, amount)]`. */
export const prepareRequestWithdrawal = /* @__PURE__ */ prepareOf(requestWithdrawalCall)
/**
 * Layer 2: identity guard, bounds (HEAD pools), balance, then simulates (refused when the eETH
 * allowance to the LiquidityPool is short: simulate does not approve); `result` is the request id.
 */
export const simulateRequestWithdrawal = /* @__PURE__ */ simulateOf(requestWithdrawal_)
/** Layer 3: the checks, the exact eETH approval to the LiquidityPool when short, then sends. */
export const requestWithdrawal = /* @__PURE__ */ sendOf(requestWithdrawal_)
/** Layer 4: the receipt, its events, and `requestId` (from the NFT's `WithdrawRequestCreated`). */
export const waitForRequestWithdrawal = /* @__PURE__ */ waitForOf(
  { name: REQUEST_WITHDRAWAL },
  requestWithdrawalReceipt,
)
