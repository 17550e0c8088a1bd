import {
  contractCall,
  defineReceipt,
  type InsufficientAllowanceError,
  type InsufficientBalanceError,
  type InvalidAddressError,
  type InvalidAmountError,
  type InvalidParameterError,
  joinAbis,
  prepareOf,
  type StepFailedError,
  sendOf,
  simulateOf,
  type UnsupportedChainError,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { type QueueRequestParameters, queueRequestCall, queueRequestWrite } from '../../request.js'
import { swellRswETHAbi, swellRswEXITAbi, swellRswEXITErrorsAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { assertSwell, assertVerified, symbolRead, withExit, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = QueueRequestParameters & {
  /** rswETH to withdraw, within rswEXIT's `withdrawRequestMinimum` / `withdrawRequestMaximum`. */
  amount: bigint
  deployment?: SwellDeployment
}

const receiptAbi = /* @__PURE__ */ joinAbis(swellRswEXITAbi, swellRswETHAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const REQUEST_WITHDRAWAL = 'swell.requestWithdrawal'
const requestWithdrawalCall = /* @__PURE__ */ queueRequestCall<RequestWithdrawalParameters>()({
  name: REQUEST_WITHDRAWAL,
  contract: 'RswEXIT',
  protocol: 'Swell',
  deployment: writeDeployment,
  assertVerified,
  token: (d: SwellDeployment) => d.rswETH,
  queue: (d) => d.rswEXIT,
  call: (a, rswEXIT) =>
    contractCall({
      address: rswEXIT,
      abi: [...swellRswEXITAbi, ...swellRswEXITErrorsAbi],
      functionName: 'createWithdrawRequest',
      args: [a.amount],
    }),
})
const requestWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: receiptAbi,
  decode: (_client, r) => {
    const e = r.events.find((x) => x.eventName === 'WithdrawRequestCreated')
    return e && e.eventName === 'WithdrawRequestCreated'
      ? { id: e.args.tokenId, rateWhenCreated: e.args.rateWhenCreated }
      : { id: undefined, rateWhenCreated: undefined }
  },
})
const requestWithdrawal_ = /* @__PURE__ */ queueRequestWrite(requestWithdrawalCall, {
  symbol: 'rswETH',
  withQueue: withExit,
  reads: (d, rswEXIT) => [
    symbolRead(d),
    { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMinimum' },
    { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMaximum' },
    { address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' },
  ],
  identity: (d, rswEXIT, symbol, probe) => assertSwell(d, symbol, [['RswEXIT', rswEXIT, probe]]),
  limitErrors: ['WithdrawRequestTooSmall', 'WithdrawRequestTooLarge'],
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

/** Layer 1 (pure): `[approve(rswEXIT, amount) on rswETH?, createWithdrawRequest(amount)]` (needs `deployment.rswEXIT`). */
export const prepareRequestWithdrawal = /* @__PURE__ */ prepareOf(requestWithdrawalCall)
/**
 * Layer 2: the identity guard (rswEXIT read from the AccessControlManager when not given), limits,
 * balance; simulates: `requestRate` is the rate the request locks (`rateWhenCreated`).
 */
export const simulateRequestWithdrawal = /* @__PURE__ */ simulateOf(requestWithdrawal_)
/** Layer 3: every check, the exact rswETH approval when short, then simulates and sends. */
export const requestWithdrawal = /* @__PURE__ */ sendOf(requestWithdrawal_)
/** Layer 4: the receipt, its events and the request's `id` (the NFT's token id) and `rateWhenCreated`. */
export const waitForRequestWithdrawal = /* @__PURE__ */ waitForOf(
  { name: REQUEST_WITHDRAWAL },
  requestWithdrawalReceipt,
)
