import { type Address, erc20Abi } from 'viem'
import {
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidParameterError,
  type StepFailedError,
  type WriteErrorType,
} from '../../errors.js'
import {
  type ApprovalNeed,
  assertAddress,
  assertAmount,
  type BatchRead,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { depositWriteAbi, eigenlayerEventsAbi, eigenlayerStrategyAbi } from '../abis.js'
import {
  type DepositCapExceededError,
  type DepositTooSmallError,
  eigenlayerReverts,
  type PausedError,
  StrategyNotWhitelistedError,
  strategyManagerReverts,
} from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment, sameAddress } from '../internal.js'

export type DepositParameters = {
  strategy: Address
  /** The strategy's underlying token (checked against `strategy.underlyingToken()`). */
  token: Address
  /** Amount in the token's base units. */
  amount: bigint
} & DeploymentParameter

/** @internal What the deposit's one check batch reads (at the landing block). */
export type DepositState = {
  whitelisted: boolean
  /** `undefined` when the strategy is not a contract with `underlyingToken()`. */
  underlying: Address | undefined
  balance: bigint
  allowance: bigint
}

/** @internal What a deposit moves, and where. */
export type DepositCall = { strategy: Address; token: Address; amount: bigint; strategyManager: Address }

/** @internal The deposit's checks, read in one batch: whitelist, underlying token, payer's balance and allowance. */
export function depositReads(a: DepositCall, payer: Address): BatchRead[] {
  return [
    {
      address: a.strategyManager,
      abi: depositWriteAbi,
      functionName: 'strategyIsWhitelistedForDeposit',
      args: [a.strategy],
    },
    { address: a.strategy, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' },
    { address: a.token, abi: erc20Abi, functionName: 'balanceOf', args: [payer] },
    { address: a.token, abi: erc20Abi, functionName: 'allowance', args: [payer, a.strategyManager] },
  ]
}

/** @internal The state from `depositReads` results (the first four). */
export function depositState(r: readonly BatchResult[]): DepositState {
  const [whitelisted, underlying, balance, allowance] = r
  return {
    whitelisted: whitelisted?.status === 'success' && whitelisted.result === true,
    underlying: underlying?.status === 'success' ? (underlying.result as Address) : undefined,
    balance: unwrap<bigint>(balance),
    allowance: unwrap<bigint>(allowance),
  }
}

/** @internal The deposit checks on the read state: the strategy takes deposits of `token`; the payer holds `amount`. */
export function checkDeposit(a: DepositCall, s: DepositState, payer: Address): void {
  if (!s.whitelisted) throw new StrategyNotWhitelistedError({ strategy: a.strategy })
  if (!sameAddress(s.underlying, a.token))
    throw new InvalidParameterError({
      parameter: 'token',
      reason: `${a.token} is not the underlying token of ${a.strategy} (${s.underlying})`,
    })
  if (s.balance < a.amount)
    throw new InsufficientBalanceError({
      token: a.token,
      required: a.amount,
      balance: s.balance,
      account: payer,
    })
}

/** @internal The exact approval a deposit needs (the allowance already read, when there is a state). */
export function depositApproval(a: DepositCall, s: DepositState | undefined): ApprovalNeed {
  return {
    token: a.token,
    spender: a.strategyManager,
    amount: a.amount,
    ...(s ? { allowance: s.allowance } : {}),
  }
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'eigenlayer.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'StrategyManager',
  deployment: lazyDeployment,
  resolve: (p: DepositParameters, ctx): DepositCall => ({
    strategy: assertAddress('strategy', p.strategy),
    token: assertAddress('token', p.token),
    amount: assertAmount('amount', p.amount),
    strategyManager: deploymentOf(ctx).strategyManager,
  }),
  /** The exact approval, only when the allowance read by the check batch is short (no second read). */
  approval: depositApproval,
  call: (a) =>
    contractCall({
      address: a.strategyManager,
      abi: depositWriteAbi,
      functionName: 'depositIntoStrategy',
      args: [a.strategy, a.token, a.amount],
    }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** The deposit shares minted (from either `Deposit` event form, emitted by the called StrategyManager). */
  decode: (_client, r) => ({ shares: depositSharesFromEvents(r.events, r.receipt.to) }),
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => stage(depositReads(a, sender), (r): DepositState => depositState(r)),
  check: (a, s, { sender }) => checkDeposit(a, s, sender as Address),
  revert: (a, _s, { sender }) =>
    eigenlayerReverts([strategyManagerReverts], {
      staker: sender,
      strategy: a.strategy,
      contract: 'StrategyManager',
    }),
  /** `result` is the deposit shares minted (`depositIntoStrategy` returns them). */
  simulated: (_a, _s, _shares: bigint) => ({}),
  receipt: depositReceipt,
})

/** Layer 1 (pure): the exact approval (unless `approve: false`) and the `depositIntoStrategy` call. */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: validates, reads the checks in one batch (whitelist, underlying token, balance,
 * allowance), simulates `depositIntoStrategy`; `result` is the shares it mints. A short allowance
 * is an `InsufficientAllowanceError`.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/**
 * Layer 3: the same one check batch, then the exact approval only when the allowance it read is
 * short, then simulates and sends the deposit. If the deposit fails after an approval landed, a
 * `StepFailedError` says so: the approval stands and the tokens are still in the wallet.
 */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt, its events (either `Deposit` form) and `shares` minted. */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type PrepareDepositParameters = Parameters<typeof prepareDeposit>[0]
export type PrepareDepositReturnType = ReturnType<typeof prepareDeposit>
export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type DepositReturnType = Awaited<ReturnType<typeof deposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
export type DepositErrorType =
  | StrategyNotWhitelistedError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | InvalidParameterError
  | DepositCapExceededError
  | DepositTooSmallError
  | PausedError
  | StepFailedError
  | WriteErrorType

/**
 * The shares of the first StrategyManager `Deposit` event, decoded by ABI in either form (≤ v1.2
 * `Deposit(staker, token, strategy, shares)`, v1.3+ `Deposit(staker, strategy, shares)`; both are in
 * `depositWriteAbi`, so the release needs no probe here). Events of `strategyManager` (the called
 * contract) come first: another contract in the same transaction may emit an event of the same
 * signature. When none is from it (a deposit sent through a smart account), the first `Deposit`.
 */
export function depositSharesFromEvents(
  events: readonly { eventName: string; args: unknown; address?: Address }[],
  strategyManager?: Address | null,
): bigint | undefined {
  const deposits = events.filter((e) => e.eventName === 'Deposit')
  const ev = deposits.find((e) => sameAddress(e.address, strategyManager)) ?? deposits[0]
  return ev ? (ev.args as { shares: bigint }).shares : undefined
}
