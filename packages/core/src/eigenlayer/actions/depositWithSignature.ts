import type { Address, Hex } from 'viem'
import {
  type InsufficientAllowanceError,
  type InsufficientBalanceError,
  InvalidParameterError,
  type StepFailedError,
  type WriteErrorType,
} from '../../errors.js'
import {
  assertAddress,
  assertAmount,
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
import { depositWithSignatureWriteAbi, eigenlayerEventsAbi } from '../abis.js'
import {
  type DepositCapExceededError,
  eigenlayerReverts,
  InvalidSignatureError,
  type PausedError,
  SignatureExpiredError,
  type StrategyNotWhitelistedError,
  strategyManagerReverts,
} from '../errors.js'
import { clockReads, type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'
import type { SignDepositReturnType } from '../signatures.js'
import {
  checkDeposit,
  type DepositCall,
  type DepositState,
  depositApproval,
  depositReads,
  depositSharesFromEvents,
  depositState,
} from './deposit.js'

/** A staker's signed deposit (what `signDeposit` returns); `nonce` optional (checked when given). */
export type SignedDeposit = Omit<SignDepositReturnType, 'nonce'> & { nonce?: bigint | undefined }

export type DepositWithSignatureParameters = {
  /** The staker's signed deposit; the sender (`account`, the submitter) pays the tokens. */
  signed: SignedDeposit
} & DeploymentParameter

type Resolved = DepositCall & { staker: Address; expiry: bigint; signature: Hex; nonce: bigint | undefined }

/** The deposit's checks plus the staker's nonce and the landing block's time. */
type SignedState = DepositState & { nonce: bigint; timestamp: bigint | undefined }

function resolveSigned(s: SignedDeposit, strategyManager: () => Address): Resolved {
  if (!s || typeof s !== 'object')
    throw new InvalidParameterError({ parameter: 'signed', reason: 'must be the signed deposit' })
  if (typeof s.expiry !== 'bigint')
    throw new InvalidParameterError({ parameter: 'signed.expiry', reason: 'must be a bigint' })
  if (typeof s.signature !== 'string' || !s.signature.startsWith('0x'))
    throw new InvalidParameterError({ parameter: 'signed.signature', reason: 'must be hex' })
  return {
    staker: assertAddress('signed.staker', s.staker),
    strategy: assertAddress('signed.strategy', s.strategy),
    token: assertAddress('signed.token', s.token),
    amount: assertAmount('signed.amount', s.amount),
    expiry: s.expiry,
    signature: s.signature,
    nonce: s.nonce,
    strategyManager: strategyManager(),
  }
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT_WITH_SIGNATURE = 'eigenlayer.depositWithSignature'
const depositWithSignatureCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT_WITH_SIGNATURE,
  contract: 'StrategyManager',
  deployment: lazyDeployment,
  resolve: (p: DepositWithSignatureParameters, ctx) =>
    resolveSigned(p.signed, () => deploymentOf(ctx).strategyManager),
  /** The submitter's exact approval, only when the allowance the batch read is short. */
  approval: depositApproval,
  call: (a) =>
    contractCall({
      address: a.strategyManager,
      abi: depositWithSignatureWriteAbi,
      functionName: 'depositIntoStrategyWithSignature',
      args: [a.strategy, a.token, a.amount, a.staker, a.expiry, a.signature],
    }),
})
const depositWithSignatureReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  decode: (_client, r) => ({ shares: depositSharesFromEvents(r.events, r.receipt.to) }),
})
const depositWithSignature_ = /* @__PURE__ */ defineWrite(depositWithSignatureCall, {
  /** One batch: the deposit's checks for the submitter, the staker's nonce, the landing block's time. */
  read: (a, { sender }) =>
    stage(
      [
        ...depositReads(a, sender),
        {
          address: a.strategyManager,
          abi: depositWithSignatureWriteAbi,
          functionName: 'nonces',
          args: [a.staker],
        },
        ...clockReads(),
      ],
      (r): SignedState => ({
        ...depositState(r),
        nonce: unwrap<bigint>(r[4]),
        timestamp: r[6]?.status === 'success' ? (r[6].result as bigint) : undefined,
      }),
    ),
  check: (a, s, { sender }) => {
    if (s.timestamp !== undefined && a.expiry < s.timestamp)
      throw new SignatureExpiredError({ expiry: a.expiry, now: s.timestamp })
    if (a.nonce !== undefined && a.nonce !== s.nonce)
      throw new InvalidSignatureError({
        reason: `signed for nonce ${a.nonce}, the staker's nonce is now ${s.nonce} (used or stale)`,
      })
    checkDeposit(a, s, sender as Address)
  },
  revert: (a) =>
    eigenlayerReverts([strategyManagerReverts], {
      staker: a.staker,
      strategy: a.strategy,
      expiry: a.expiry,
      contract: 'StrategyManager',
    }),
  /** `result` is the deposit shares minted for the staker. */
  simulated: (_a, _s, _shares: bigint) => ({}),
  receipt: depositWithSignatureReceipt,
})

/** Layer 1 (pure): the submitter's approval (unless `approve: false`) and `depositIntoStrategyWithSignature`. */
export const prepareDepositWithSignature = /* @__PURE__ */ prepareOf(depositWithSignatureCall)
/**
 * Layer 2: checks the signature's expiry (at the landing block) and nonce, the strategy, the
 * submitter's balance and allowance, in one batch, and simulates `depositIntoStrategyWithSignature`
 * (the tokens come from the submitter, the shares go to the staker).
 */
export const simulateDepositWithSignature = /* @__PURE__ */ simulateOf(depositWithSignature_)
/** Layer 3: approves when short, then simulates and sends (a failure after the approval is a `StepFailedError`). */
export const depositWithSignature = /* @__PURE__ */ sendOf(depositWithSignature_)
/** Layer 4: the receipt, the `Deposit` event (either form) and the `shares` minted. */
export const waitForDepositWithSignature = /* @__PURE__ */ waitForOf(
  { name: DEPOSIT_WITH_SIGNATURE },
  depositWithSignatureReceipt,
)

export type PrepareDepositWithSignatureParameters = Parameters<typeof prepareDepositWithSignature>[0]
export type PrepareDepositWithSignatureReturnType = ReturnType<typeof prepareDepositWithSignature>
export type SimulateDepositWithSignatureReturnType = Awaited<ReturnType<typeof simulateDepositWithSignature>>
export type DepositWithSignatureReturnType = Awaited<ReturnType<typeof depositWithSignature>>
export type WaitForDepositWithSignatureReturnType = Awaited<ReturnType<typeof waitForDepositWithSignature>>
export type DepositWithSignatureErrorType =
  | SignatureExpiredError
  | InvalidSignatureError
  | StrategyNotWhitelistedError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | InvalidParameterError
  | DepositCapExceededError
  | PausedError
  | StepFailedError
  | WriteErrorType
