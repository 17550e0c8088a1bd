import type { ReadClient } from '@restakekit/core'
import type { ExitOptions } from '../../exit.js'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import type { SwellDeployment } from '../deployments.js'
import { previewWithdrawal } from './previewWithdrawal.js'

export type GetExitOptionsParameters = { amount: bigint; deployment?: SwellDeployment }

/**
 * Queue only (rswETH has no 1-step exit in its contracts): what it pays in ETH for `amount`
 * rswETH and whether it takes the amount. Swell processes requests operationally: `readyAt` null.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<ExitOptions> {
  const q = await previewWithdrawal(client, params)
  const reason =
    q.amount < q.minAmount
      ? `below the queue's minimum (${q.minAmount} rswETH)`
      : q.amount > q.maxAmount
        ? `above the queue's maximum (${q.maxAmount} rswETH)`
        : null
  return {
    amount: q.amount,
    value: q.out,
    options: [
      {
        kind: 'queue',
        asset: ETH_ADDRESS,
        expectedOut: q.out,
        fee: 0n,
        feeBps: 0n,
        available: reason === null,
        reason,
        readyAt: null,
      },
    ],
  }
}
