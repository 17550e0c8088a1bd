import { assertAmount, type ReadClient } from '@restakekit/core'
import type { ExitOption, ExitOptions } from '../../exit.js'
import { ETHERFI_ETH, type EtherFiDeployment } from '../deployments.js'
import { getRate } from './getRate.js'
import { etherfiDeployment } from './internal.js'
import { assertExitToken, type EtherFiExitToken, previewInstantExit } from './previewInstantExit.js'
import { previewWithdrawal } from './previewWithdrawal.js'

export type GetExitOptionsParameters = {
  /** In `token` base units. */
  amount: bigint
  /** Default `eETH`. */
  token?: EtherFiExitToken
  deployment?: EtherFiDeployment
}

/**
 * Queue vs instant for `amount`, in ETH: the queue (no fee; finalized by EtherFiAdmin, so its
 * `readyAt` is null) and, where the deployment has a redemption manager, the instant exit with its
 * fee (`previewInstantExit` has the manager's full quote). A weETH amount is unwrapped first.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<ExitOptions> {
  const d = etherfiDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  const token = assertExitToken(params.token ?? 'eETH')
  const eEthAmount =
    token === 'weETH' ? (amount * (await getRate(client, { deployment: d }))) / 10n ** 18n : amount
  const [queued, instant] = await Promise.all([
    previewWithdrawal(client, { amount: eEthAmount, deployment: d }),
    d.redemptionManager
      ? previewInstantExit(client, { amount, token, deployment: d })
      : Promise.resolve(null),
  ])
  const options: ExitOption[] = [
    {
      kind: 'queue',
      asset: ETHERFI_ETH,
      expectedOut: queued.amountOut,
      fee: 0n,
      feeBps: 0n,
      available: true,
      reason: null,
      readyAt: null,
    },
  ]
  if (instant)
    options.push({
      kind: 'instant',
      asset: ETHERFI_ETH,
      expectedOut: instant.amountOut,
      fee: instant.fee,
      feeBps: instant.feeBps,
      available: instant.possible,
      reason: instant.possible
        ? null
        : `above what the redemption manager can pay now (${instant.available} redeemable)`,
    })
  return { amount, value: instant?.value ?? eEthAmount, options }
}
