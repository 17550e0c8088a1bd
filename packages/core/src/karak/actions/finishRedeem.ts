import type { Address } from 'viem'
import {
  type InvalidAddressError,
  InvalidParameterError,
  type StepFailedError,
  WithdrawalNotReadyError,
  type WriteErrorType,
} from '../../errors.js'
import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  waitForOf,
} from '../../kit/index.js'
import { karakVaultWritesAbi } from '../abis.js'
import type { KarakDeployment } from '../deployments.js'
import { type KarakError, karakVaultRevertMapper } from '../errors.js'
import { karakWithdrawalKey } from '../math.js'
import { type WithdrawalLookup, type WithdrawalRef, withdrawalPlan } from './getWithdrawal.js'
import { delayOf, resolveRef, timestampRead, writeDeployment } from './internal.js'

export type FinishRedeemParameters = {
  vault: Address
  /** The staker who queued it; default the sender. Anyone may finish anyone's withdrawal. */
  staker?: Address
  deployment?: KarakDeployment
} & WithdrawalRef

type Resolved = {
  vault: Address
  staker: Address | undefined
  ref: ReturnType<typeof resolveRef>
  delay: bigint
}

const keyOf = (a: Resolved) => {
  if ('withdrawalKey' in a.ref) return a.ref.withdrawalKey
  if (!a.staker)
    throw new InvalidParameterError({
      parameter: 'staker',
      reason: 'pass the staker (or the account) with a nonce',
    })
  return karakWithdrawalKey(a.staker, a.ref.nonce)
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const FINISH_REDEEM = 'karak.finishRedeem'
const finishRedeemCall = /* @__PURE__ */ defineCall({
  name: FINISH_REDEEM,
  contract: 'KarakVault',
  deployment: writeDeployment,
  resolve: (p: FinishRedeemParameters, { sender, deployment }): Resolved => {
    const staker = p.staker ?? sender
    return {
      vault: assertAddress('vault', p.vault),
      staker: staker === undefined ? undefined : assertAddress('staker', staker),
      ref: resolveRef(p),
      delay: delayOf(deployment as KarakDeployment | undefined),
    }
  },
  call: (a, _ctx, s: WithdrawalLookup | undefined) =>
    contractCall({
      address: a.vault,
      abi: karakVaultWritesAbi,
      functionName: 'finishRedeem',
      args: [s?.found ? s.withdrawal.withdrawalKey : keyOf(a)],
    }),
})
const finishRedeemReceipt = /* @__PURE__ */ defineReceipt({ abi: karakVaultWritesAbi })
const finishRedeem_ = /* @__PURE__ */ defineWrite(finishRedeemCall, {
  // the clock is the landing block's: `ready` means a transaction sent now succeeds
  read: (a, { sender }) =>
    withdrawalPlan({
      vault: a.vault,
      staker: a.staker ?? sender,
      ref: a.ref,
      delay: a.delay,
      clock: timestampRead(),
    }),
  check: (_a, s: WithdrawalLookup) => {
    if (!s.found) throw s.error
    const w = s.withdrawal
    if (!w.ready)
      throw new WithdrawalNotReadyError({
        protocol: 'karak',
        id: w.withdrawalKey,
        readyAt: w.readyAt,
        now: { timestamp: w.timestamp },
        location: w.vault,
      })
  },
  revert: (a, s, { sender }) =>
    karakVaultRevertMapper({
      vault: a.vault,
      withdrawalKey: s?.found ? s.withdrawal.withdrawalKey : keyOf(a),
      ...(sender ? { account: sender } : {}),
    }),
  simulated: (_a, s) => ({ withdrawal: (s as Extract<WithdrawalLookup, { found: true }>).withdrawal }),
  receipt: finishRedeemReceipt,
})

export type FinishRedeemErrorType =
  | KarakError
  | WithdrawalNotReadyError
  | InvalidAddressError
  | InvalidParameterError
  | StepFailedError
  | WriteErrorType

/**
 * Layer 1 (pure): `finishRedeem(withdrawalKey)` for one withdrawal (by key, or by `staker` and
 * `nonce`). It cannot check readiness: pick a withdrawal with `ready: true`.
 */
export const prepareFinishRedeem = /* @__PURE__ */ prepareOf(finishRedeemCall)
/**
 * Layer 2: checks the withdrawal is the staker's, still queued, and ready at the landing block
 * (`WithdrawalNotReadyError` with `readyAt` otherwise), then simulates; `withdrawal` is what it finishes.
 */
export const simulateFinishRedeem = /* @__PURE__ */ simulateOf(finishRedeem_)
/**
 * Layer 3: the same checks, then sends `finishRedeem`: the assets go to the withdrawal's receiver
 * at the vault's rate then. Before the delay has passed, nothing is sent.
 */
export const finishRedeem = /* @__PURE__ */ sendOf(finishRedeem_)
/** Layer 4: the receipt and its decoded events (`FinishedRedeem`, `Withdraw`, `Transfer`). */
export const waitForFinishRedeem = /* @__PURE__ */ waitForOf({ name: FINISH_REDEEM }, finishRedeemReceipt)

export type SimulateFinishRedeemReturnType = Awaited<ReturnType<typeof simulateFinishRedeem>>
export type WaitForFinishRedeemReturnType = Awaited<ReturnType<typeof waitForFinishRedeem>>
