import {
  contractCall,
  defineReceipt,
  type InsufficientAllowanceError,
  type InsufficientBalanceError,
  type InvalidAddressError,
  type InvalidAmountError,
  InvalidParameterError,
  joinAbis,
  type PermitOption,
  permitKit,
  prepareOf,
  type StepFailedError,
  sendOf,
  simulateOf,
  type UnsupportedChainError,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import type { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { type QueueRequestParameters, queueRequestCall, queueRequestWrite } from '../../request.js'
import { pufferVaultAbi, pufferWithdrawalManagerAbi, pufferWithdrawalManagerErrorsAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferWithdrawalManagerPermitAbi, toPufferPermit } from '../permit.js'
import { assertPuffer, assertVerified, symbolRead, WAD, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = QueueRequestParameters & {
  /** pufETH to withdraw, in base units: at least `MIN_WITHDRAWAL_AMOUNT` (0.01 pufETH), at most the manager's maximum. */
  amount: bigint
  /** Who the request pays (its owner: only it can be claimed for); default the account. */
  receiver?: Address
  /**
   * A pufETH permit to the withdrawal manager instead of the approval: `send` with `true` (or
   * `{ deadline }`) signs it and sends ONE transaction, `requestWithdrawalWithPermit`;
   * `prepare`/`simulate` take one signed with `signPermit` for exactly `amount`.
   */
  permit?: PermitOption
  deployment?: PufferDeployment
}

/** Who the request pays: the receiver given, else the sender. */
function receiverOf(a: { receiver: Address | undefined }, sender: Address | undefined): Address {
  const receiver = a.receiver ?? sender
  if (!receiver)
    throw new InvalidParameterError({
      parameter: 'receiver',
      reason: 'prepareRequestWithdrawal needs `receiver` or `account`',
    })
  return receiver
}

const requestAbi = /* @__PURE__ */ joinAbis(pufferWithdrawalManagerAbi, pufferWithdrawalManagerErrorsAbi)

const receiptAbi = /* @__PURE__ */ joinAbis(pufferWithdrawalManagerAbi, pufferVaultAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const REQUEST_WITHDRAWAL = 'puffer.requestWithdrawal'
const requestWithdrawalCall = /* @__PURE__ */ queueRequestCall<RequestWithdrawalParameters>()({
  name: REQUEST_WITHDRAWAL,
  contract: 'PufferWithdrawalManager',
  protocol: 'Puffer',
  deployment: writeDeployment,
  assertVerified,
  token: (d: PufferDeployment) => d.vault,
  queue: (d) => d.withdrawalManager,
  call: (a, queue, sender) => {
    const receiver = receiverOf(a, sender)
    return contractCall({
      address: queue,
      abi: requestAbi,
      functionName: 'requestWithdrawal',
      args: [a.amount, receiver],
    })
  },
  permit: {
    call: (a, queue, sender, permit) =>
      contractCall({
        address: queue,
        abi: [...pufferWithdrawalManagerPermitAbi, ...pufferWithdrawalManagerErrorsAbi],
        functionName: 'requestWithdrawalWithPermit',
        args: [toPufferPermit(permit, a.amount), receiverOf(a, sender)],
      }),
  },
})
const requestWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: receiptAbi,
  decode: (_client, r) => {
    const e = r.events.find((x) => x.eventName === 'WithdrawalRequested')
    return e && e.eventName === 'WithdrawalRequested'
      ? { id: e.args.withdrawalIdx, batch: e.args.batchIdx }
      : { id: undefined, batch: undefined }
  },
})
const requestWithdrawal_ = /* @__PURE__ */ queueRequestWrite(requestWithdrawalCall, {
  permitKit,
  symbol: 'pufETH',
  withQueue: (d, next) => next(d.withdrawalManager),
  reads: (d, queue) => [
    symbolRead(d),
    { address: queue, abi: pufferWithdrawalManagerAbi, functionName: 'MIN_WITHDRAWAL_AMOUNT' },
    { address: queue, abi: pufferWithdrawalManagerAbi, functionName: 'getMaxWithdrawalAmount' },
    { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
  ],
  identity: (d, queue, symbol, probe) => assertPuffer(d, symbol, [['PufferWithdrawalManager', queue, probe]]),
  limitErrors: ['WithdrawalAmountTooLow', 'WithdrawalAmountTooHigh'],
  revert: () => (reason) =>
    reason === 'MultipleWithdrawalsAreForbidden'
      ? new InvalidParameterError({
          parameter: 'calls',
          reason:
            'Puffer accepts one withdrawal request per transaction: send each request in its own transaction',
        })
      : undefined,
  receipt: requestWithdrawalReceipt,
})

export type RequestWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/**
 * Layer 1 (pure): `[approve(withdrawalManager, amount) on pufETH?, requestWithdrawal(amount, receiver)]`.
 * Puffer takes ONE request per transaction: do not batch two of these call lists into one.
 */
export const prepareRequestWithdrawal = /* @__PURE__ */ prepareOf(requestWithdrawalCall)
/**
 * Layer 2: the identity guard, the checks (minimum 0.01 pufETH, maximum, balance), then simulates;
 * `requestRate` is the rate the request locks (its payout is `amount × min(requestRate, batchRate)`).
 */
export const simulateRequestWithdrawal = /* @__PURE__ */ simulateOf(requestWithdrawal_)
/** Layer 3: every check, the exact pufETH approval when short, then simulates and sends. */
export const requestWithdrawal = /* @__PURE__ */ sendOf(requestWithdrawal_)
/** Layer 4: the receipt, its events, and the request's `id` and `batch` (from `WithdrawalRequested`). */
export const waitForRequestWithdrawal = /* @__PURE__ */ waitForOf(
  { name: REQUEST_WITHDRAWAL },
  requestWithdrawalReceipt,
)
