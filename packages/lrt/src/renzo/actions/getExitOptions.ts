import { assertAddress, assertAmount, type ReadClient, runPlan } from '@restakekit/core'
import type { Address } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import type { ExitOptions } from '../../exit.js'
import { RENZO_ETH_ADDRESS, type RenzoDeployment } from '../deployments.js'
import { renzoDeployment, timestampOf, timestampRead } from './internal.js'
import { withdrawalPreviewPlan } from './previewWithdrawal.js'

export type GetExitOptionsParameters = {
  /** ezETH to exit, in base units. */
  amount: bigint
  /** The asset to be paid in (default ETH). */
  asset?: Address
  deployment?: RenzoDeployment
}

/**
 * Renzo's exits for an amount: the WithdrawQueue (request, cooldown, claim). Its `readyAt` is the
 * cooldown read on chain from now, or `null` when the buffer cannot pay the amount (the request
 * would be queued until deposits fill it: no time is knowable). Renzo's InstantWithdrawer is not in
 * any known deployment (the reference README found no address), so no instant option is offered.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<ExitOptions> {
  const d = renzoDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset ?? RENZO_ETH_ADDRESS)
  const amount = assertAmount('amount', params.amount)
  const p = await runPlan(client, withdrawalPreviewPlan(d, asset, amount, [timestampRead()]))
  if (!p.supported) throw new UnsupportedAssetError({ protocol: 'Renzo', asset })
  const now = timestampOf(p.extra[0])
  return {
    amount,
    value: p.amount,
    options: [
      {
        kind: 'queue',
        asset,
        expectedOut: p.amount,
        fee: 0n,
        feeBps: 0n,
        available: true,
        reason: null,
        readyAt: p.queued ? null : { timestamp: now + p.coolDownPeriod },
      },
    ],
  }
}
