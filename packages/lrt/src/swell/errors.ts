import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/** The rswEXIT NFT of this request belongs to another address: only its owner can finalize it. Nothing was sent. */
export class SwellRequestNotOwnedError extends RestakeKitError {
  override name = 'SwellRequestNotOwnedError' as const
  readonly id: bigint
  readonly owner: Address
  readonly account: Address
  constructor(params: { id: bigint; owner: Address; account: Address }) {
    const { id, owner, account } = params
    super(`Swell withdrawal NFT ${id} is owned by ${owner}, not ${account}; nothing was sent.`, {
      details: ['The request is an NFT: whoever holds it finalizes it (and is paid).'],
      docsPath: '/errors#swell-request-not-owned',
    })
    this.id = id
    this.owner = owner
    this.account = account
  }
}

/** No rswEXIT NFT has this id: never created, or already finalized (its NFT burnt). Nothing was sent. */
export class SwellRequestNotFoundError extends RestakeKitError {
  override name = 'SwellRequestNotFoundError' as const
  readonly id: bigint
  constructor(params: { id: bigint }) {
    super(
      `Swell has no open withdrawal NFT ${params.id} (never created, or already finalized); nothing was sent.`,
      {
        docsPath: '/errors#swell-request-not-found',
      },
    )
    this.id = params.id
  }
}
