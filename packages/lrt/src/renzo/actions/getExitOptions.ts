import { assertAddress, assertAmount, type ReadClient, runPlan } from '@restakekit/core'
import type { Address } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
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

/** One way out of ezETH for an amount. */
export type RenzoExitOption = {
  kind: 'queue'
  asset: Address
  /** What the request would be fixed at now (the claim pays at most this). */
  amountOut: bigint
  /** The queue charges no fee. */
  fee: bigint
  /** Seconds until claimable: the cooldown read on chain (a queued request also waits for the buffer). */
  delay: bigint
  /** When a request made now is claimable, at the earliest. */
  readyAt: { timestamp: bigint }
  /** The buffer cannot pay it now: the request would wait for deposits to fill the queue. */
  queued: boolean
}

/**
 * Renzo's exits for an amount: the WithdrawQueue (request, cooldown, claim). Renzo's
 * InstantWithdrawer is not in any known deployment (the reference README found no address), so
 * no instant option is offered; the list has the queue only.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<RenzoExitOption[]> {
  const d = renzoDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset ?? RENZO_ETH_ADDRESS)
  const amount = assertAmount('amount', params.amount)
  const p = await runPlan(client, withdrawalPreviewPlan(d, asset, amount, [timestampRead()]))
  if (!p.supported) throw new UnsupportedAssetError({ protocol: 'Renzo', asset })
  const now = timestampOf(p.extra[0])
  return [
    {
      kind: 'queue',
      asset,
      amountOut: p.amount,
      fee: 0n,
      delay: p.coolDownPeriod,
      readyAt: { timestamp: now + p.coolDownPeriod },
      queued: p.queued,
    },
  ]
}
