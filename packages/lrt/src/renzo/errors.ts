import { defineError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The request was queued (the withdraw buffer could not pay it when it was made) and the queue has
 * not been filled up to it yet (`QueuedWithdrawalNotFilled`). Deposits and Renzo's operators fill
 * it; no time can be given. Refused before sending.
 */
export class RenzoQueuedWithdrawalNotFilledError extends /* @__PURE__ */ defineError(
  'RenzoQueuedWithdrawalNotFilledError',
  {
    docsPath: '/errors#renzo-queued-withdrawal-not-filled',
    message: (p: {
      requestId?: bigint | undefined
      /** How much more the queue must be filled before this request can be claimed (asset units). */
      shortfall?: bigint | undefined
    }) =>
      `The Renzo withdrawal request${p.requestId === undefined ? '' : ` ${p.requestId}`} is queued and the withdraw buffer has not filled it yet.`,
    details: (p) => [
      ...(p.shortfall === undefined ? [] : [`the queue is ${p.shortfall} short of this request`]),
      'It becomes claimable once deposits or Renzo refill the buffer; read getWithdrawalRequests again later.',
    ],
  },
) {}

/** Renzo has paused deposits (RestakeManager) or withdrawal requests (WithdrawQueue). Refused before sending. */
export class RenzoPausedError extends /* @__PURE__ */ defineError('RenzoPausedError', {
  docsPath: '/errors#renzo-paused',
  message: (p: { contract: 'RestakeManager' | 'WithdrawQueue'; address: Address }) =>
    `Renzo's ${p.contract} (${p.address}) is paused; nothing was sent.`,
  details: () => ['Renzo pauses and unpauses it; try again later.'],
}) {}
