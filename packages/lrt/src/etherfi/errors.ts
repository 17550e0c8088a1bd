import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * A withdrawal request is not the sender's to claim: its NFT belongs to someone else, or it is burnt
 * (already claimed) or never existed. Refused before sending.
 */
export class NotRequestOwnerError extends RestakeKitError {
  override name = 'NotRequestOwnerError' as const
  readonly protocol: string
  readonly id: bigint
  /** The request NFT's owner now, or null when it has none (claimed, or never minted). */
  readonly owner: Address | null
  readonly account: Address
  constructor(params: { protocol: string; id: bigint; owner: Address | null; account: Address }) {
    const { protocol, id, owner, account } = params
    super(
      owner
        ? `${protocol} withdrawal request ${id} belongs to ${owner}, not ${account}.`
        : `${protocol} withdrawal request ${id} has no owner: it was claimed already, or never existed.`,
      {
        details: ['Read getWithdrawalRequests({ owner }) for the requests this account can claim.'],
        docsPath: '/errors#not-request-owner',
      },
    )
    this.protocol = protocol
    this.id = id
    this.owner = owner
    this.account = account
  }
}

/** The instant exit cannot pay this amount now (the redemption manager's liquidity or rate limit). */
export class InstantExitUnavailableError extends RestakeKitError {
  override name = 'InstantExitUnavailableError' as const
  readonly protocol: string
  readonly amount: bigint
  /** What it can pay out now, in ETH. */
  readonly available: bigint
  constructor(params: { protocol: string; amount: bigint; available: bigint }) {
    const { protocol, amount, available } = params
    super(`${protocol}'s instant exit cannot take ${amount} now: ${available} is redeemable.`, {
      details: ['Exit less, wait for the bucket to refill, or request a withdrawal through the queue.'],
      docsPath: '/errors#instant-exit-unavailable',
    })
    this.protocol = protocol
    this.amount = amount
    this.available = available
  }
}
