import { defineError } from '@restakekit/core'
import type { Address } from 'viem'

/**
 * The protocol cannot take this withdrawal request now: what it would pay exceeds the liquidity it
 * has not yet promised to earlier requests (Kelp `ExceedAmountToWithdraw`). Nothing was sent.
 */
export class WithdrawalLiquidityError extends /* @__PURE__ */ defineError('WithdrawalLiquidityError', {
  docsPath: '/errors#withdrawal-liquidity',
  message: (p: {
    protocol: string
    asset: Address
    /** What the request would pay, in the asset's base units. */
    expectedOut: bigint
    /** What the protocol can still promise now. */
    available: bigint
  }) =>
    `${p.protocol} can pay ${p.available} of ${p.asset} to new requests now; this one needs ${p.expectedOut}.`,
  details: () => ['Request a smaller amount, another asset, or retry after the protocol unstakes more.'],
}) {}
