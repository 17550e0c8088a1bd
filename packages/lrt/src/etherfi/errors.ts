import { defineError } from '@restakekit/core'

/** The instant exit cannot pay this amount now (the redemption manager's liquidity or rate limit). */
export class InstantExitUnavailableError extends defineError('InstantExitUnavailableError', {
  docsPath: '/errors#instant-exit-unavailable',
  message: (p: {
    protocol: string
    amount: bigint
    /** What it can pay out now, in ETH. */
    available: bigint
  }) => `${p.protocol}'s instant exit cannot take ${p.amount} now: ${p.available} is redeemable.`,
  details: () => ['Exit less, wait for the bucket to refill, or request a withdrawal through the queue.'],
}) {}
