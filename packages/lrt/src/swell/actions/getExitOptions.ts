import type { ReadClient } from '@restakekit/core'
import type { SwellDeployment } from '../deployments.js'
import { previewWithdrawal } from './previewWithdrawal.js'

export type GetExitOptionsParameters = { amount: bigint; deployment?: SwellDeployment }

/** Swell's one way out: the rswEXIT queue (no fee). rswETH has no instant exit in its contracts. */
export type SwellExitOption = {
  kind: 'queue'
  out: bigint
  fee: 0n
  feeBasisPoints: 0n
  available: boolean
  reason: string | null
  readyAt: null
}

export type SwellExitOptions = { amount: bigint; options: [SwellExitOption] }

/** Queue only (Swell has no 1-step exit): what it pays for `amount` rswETH and whether it takes the amount. */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<SwellExitOptions> {
  const q = await previewWithdrawal(client, params)
  const reason =
    q.amount < q.minAmount
      ? `below the queue's minimum (${q.minAmount} rswETH)`
      : q.amount > q.maxAmount
        ? `above the queue's maximum (${q.maxAmount} rswETH)`
        : null
  return {
    amount: q.amount,
    options: [
      {
        kind: 'queue',
        out: q.out,
        fee: 0n,
        feeBasisPoints: 0n,
        available: reason === null,
        reason,
        readyAt: null,
      },
    ],
  }
}
