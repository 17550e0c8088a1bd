import { assertAddress, assertAmount, type ReadClient, runPlan } from '@restakekit/core'
import type { Address } from 'viem'
import type { ExitOptions } from '../../exit.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'
import { previewWithdrawalPlan } from './previewWithdrawal.js'

export type GetExitOptionsParameters = {
  /** The asset to receive (ETH is `ETH_ADDRESS`). */
  asset: Address
  /** rsETH to exit, in base units. */
  amount: bigint
  deployment?: KelpDeployment
}

/**
 * The exits for `amount` rsETH into `asset` (one read stage): Kelp's withdrawal queue only, no
 * instant exit in its contracts. The queue's `readyAt` is the earliest claim block of a request sent
 * now, if Kelp's operator unlocks it in time; its payout is the lesser of `expectedOut` and the value
 * at unlock.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<ExitOptions> {
  const d = kelpDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset)
  const amount = assertAmount('amount', params.amount)
  const p = await runPlan(client, previewWithdrawalPlan(client, d, asset, amount))
  const reason =
    amount < p.minAmount
      ? `below Kelp's minimum withdrawal (${p.minAmount} rsETH)`
      : p.expectedOut > p.available
        ? `above what Kelp can promise to new requests now (${p.available})`
        : null
  return {
    amount,
    value: p.expectedOut,
    options: [
      {
        kind: 'queue',
        asset,
        expectedOut: p.expectedOut,
        fee: 0n,
        feeBps: 0n,
        available: reason === null,
        reason,
        readyAt: p.readyAt,
      },
    ],
  }
}
