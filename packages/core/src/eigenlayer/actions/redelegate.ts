import { prepareOf, sendOf, simulateOf, waitForOf } from '../../kit/index.js'
import { delegationReceipt, REDELEGATE, redelegate_, redelegateCall } from './delegateTo.js'

export type { RedelegateErrorType, RedelegateParameters } from './delegateTo.js'

/** Layer 1 (pure): the `redelegate(operator, approverSignature, salt)` call. */
export const prepareRedelegate = /* @__PURE__ */ prepareOf(redelegateCall)
/**
 * Layer 2: checks (delegated, new operator registered, approver signature and salt) and simulates
 * `redelegate`, which undelegates (queueing withdrawals of everything) and delegates to the new
 * operator; `result` is the roots of the queued withdrawals.
 */
export const simulateRedelegate = /* @__PURE__ */ simulateOf(redelegate_)
/** Layer 3: checks, simulates and sends `redelegate`. */
export const redelegate = /* @__PURE__ */ sendOf(redelegate_)
/** Layer 4: the receipt, the queued `withdrawals` and the new `operator` (`StakerDelegated`). */
export const waitForRedelegate = /* @__PURE__ */ waitForOf({ name: REDELEGATE }, delegationReceipt)

export type PrepareRedelegateParameters = Parameters<typeof prepareRedelegate>[0]
export type PrepareRedelegateReturnType = ReturnType<typeof prepareRedelegate>
export type SimulateRedelegateReturnType = Awaited<ReturnType<typeof simulateRedelegate>>
export type RedelegateReturnType = Awaited<ReturnType<typeof redelegate>>
export type WaitForRedelegateReturnType = Awaited<ReturnType<typeof waitForRedelegate>>
