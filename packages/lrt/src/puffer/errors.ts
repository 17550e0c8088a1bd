import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The withdrawal request pays someone else: its recipient is not the account. Puffer lets anyone
 * complete a request (the WETH goes to its recipient), so the adapter refuses it before sending.
 */
export class PufferRequestNotOwnedError extends RestakeKitError {
  override name = 'PufferRequestNotOwnedError' as const
  readonly id: bigint
  readonly recipient: Address
  readonly account: Address
  constructor(params: { id: bigint; recipient: Address; account: Address }) {
    const { id, recipient, account } = params
    super(`Puffer withdrawal request ${id} pays ${recipient}, not ${account}; nothing was sent.`, {
      details: ['Claim your own requests (getWithdrawalRequests({ owner }) lists them).'],
      docsPath: '/errors#puffer-request-not-owned',
    })
    this.id = id
    this.recipient = recipient
    this.account = account
  }
}

/** The withdrawal request was already completed (its WETH paid), or never existed. Nothing was sent. */
export class PufferRequestClaimedError extends RestakeKitError {
  override name = 'PufferRequestClaimedError' as const
  readonly id: bigint
  constructor(params: { id: bigint; exists: boolean }) {
    const { id, exists } = params
    super(
      exists
        ? `Puffer withdrawal request ${id} was already claimed; nothing was sent.`
        : `Puffer has no withdrawal request ${id}; nothing was sent.`,
      { docsPath: '/errors#puffer-request-claimed' },
    )
    this.id = id
  }
}
