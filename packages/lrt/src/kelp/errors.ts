import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * No open withdrawal request of `owner` matches: none at all for the asset, or the id given is not
 * one of the owner's (someone else's request, or one already claimed). Nothing was sent.
 */
export class WithdrawalRequestNotFoundError extends RestakeKitError {
  override name = 'WithdrawalRequestNotFoundError' as const
  readonly protocol: string
  readonly owner: Address
  readonly asset: Address | undefined
  /** The request asked for (Kelp: its nonce), when one was given. */
  readonly id: bigint | undefined
  constructor(params: { protocol: string; owner: Address; asset?: Address; id?: bigint }) {
    const { protocol, owner, asset, id } = params
    super(
      id === undefined
        ? `${owner} has no open ${protocol} withdrawal request${asset ? ` for ${asset}` : ''}.`
        : `${protocol} withdrawal request ${id}${asset ? ` (${asset})` : ''} is not an open request of ${owner}.`,
      {
        details: [
          'It may belong to another account or be claimed already; list them with getWithdrawalRequests({ owner }).',
        ],
        docsPath: '/errors#withdrawal-request-not-found',
      },
    )
    this.protocol = protocol
    this.owner = owner
    this.asset = asset
    this.id = id
  }
}

/**
 * The protocol cannot take this withdrawal request now: what it would pay exceeds the liquidity it
 * has not yet promised to earlier requests (Kelp `ExceedAmountToWithdraw`). Nothing was sent.
 */
export class WithdrawalLiquidityError extends RestakeKitError {
  override name = 'WithdrawalLiquidityError' as const
  readonly protocol: string
  readonly asset: Address
  /** What the request would pay, in the asset's base units. */
  readonly expectedOut: bigint
  /** What the protocol can still promise now. */
  readonly available: bigint
  constructor(params: { protocol: string; asset: Address; expectedOut: bigint; available: bigint }) {
    const { protocol, asset, expectedOut, available } = params
    super(
      `${protocol} can pay ${available} of ${asset} to new requests now; this one needs ${expectedOut}.`,
      {
        details: ['Request a smaller amount, another asset, or retry after the protocol unstakes more.'],
        docsPath: '/errors#withdrawal-liquidity',
      },
    )
    this.protocol = protocol
    this.asset = asset
    this.expectedOut = expectedOut
    this.available = available
  }
}
