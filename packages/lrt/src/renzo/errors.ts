import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The owner has no open Renzo withdrawal request with this id: it was claimed already, or it is
 * another account's (requests live in each user's own array). Refused before sending.
 */
export class RenzoWithdrawalRequestNotFoundError extends RestakeKitError {
  override name = 'RenzoWithdrawalRequestNotFoundError' as const
  readonly requestId: bigint
  readonly owner: Address
  /** The ids the owner has open now. */
  readonly open: readonly bigint[]
  constructor(params: { requestId: bigint; owner: Address; open: readonly bigint[] }) {
    const { requestId, owner, open } = params
    super(`${owner} has no open Renzo withdrawal request ${requestId}.`, {
      details: [
        open.length > 0 ? `open requests: ${open.join(', ')}` : 'the account has no open request',
        'It was claimed already, or it belongs to another account.',
      ],
      docsPath: '/errors#renzo-withdrawal-request-not-found',
    })
    this.requestId = requestId
    this.owner = owner
    this.open = open
  }
}

/**
 * The request was queued (the withdraw buffer could not pay it when it was made) and the queue has
 * not been filled up to it yet (`QueuedWithdrawalNotFilled`). Deposits and Renzo's operators fill
 * it; no time can be given. Refused before sending.
 */
export class RenzoQueuedWithdrawalNotFilledError extends RestakeKitError {
  override name = 'RenzoQueuedWithdrawalNotFilledError' as const
  readonly requestId: bigint | undefined
  /** How much more the queue must be filled before this request can be claimed (asset units). */
  readonly shortfall: bigint | undefined
  constructor(params: { requestId?: bigint; shortfall?: bigint }) {
    const { requestId, shortfall } = params
    super(
      `The Renzo withdrawal request${requestId === undefined ? '' : ` ${requestId}`} is queued and the withdraw buffer has not filled it yet.`,
      {
        details: [
          ...(shortfall === undefined ? [] : [`the queue is ${shortfall} short of this request`]),
          'It becomes claimable once deposits or Renzo refill the buffer; read getWithdrawalRequests again later.',
        ],
        docsPath: '/errors#renzo-queued-withdrawal-not-filled',
      },
    )
    this.requestId = requestId
    this.shortfall = shortfall
  }
}

/** Renzo has paused deposits (RestakeManager) or withdrawal requests (WithdrawQueue). Refused before sending. */
export class RenzoPausedError extends RestakeKitError {
  override name = 'RenzoPausedError' as const
  readonly contract: 'RestakeManager' | 'WithdrawQueue'
  readonly address: Address
  constructor(params: { contract: 'RestakeManager' | 'WithdrawQueue'; address: Address }) {
    const { contract, address } = params
    super(`Renzo's ${contract} (${address}) is paused; nothing was sent.`, {
      details: ['Renzo pauses and unpauses it; try again later.'],
      docsPath: '/errors#renzo-paused',
    })
    this.contract = contract
    this.address = address
  }
}
