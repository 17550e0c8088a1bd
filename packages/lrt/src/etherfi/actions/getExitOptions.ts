import { assertAmount, type ReadClient } from '@restakekit/core'
import type { EtherFiDeployment } from '../deployments.js'
import { getRate } from './getRate.js'
import { etherfiDeployment } from './internal.js'
import {
  assertExitToken,
  type EtherFiExitToken,
  type EtherFiInstantExitQuote,
  previewInstantExit,
} from './previewInstantExit.js'
import { previewWithdrawal } from './previewWithdrawal.js'

export type GetExitOptionsParameters = {
  /** In `token` base units. */
  amount: bigint
  /** Default `eETH`. */
  token?: EtherFiExitToken
  deployment?: EtherFiDeployment
}

/** The two ways out of ether.fi for an amount: the queue (no fee, finalized by EtherFiAdmin) and the instant exit. */
export type EtherFiExitOptions = {
  queue: {
    kind: 'queue'
    /** ETH the request pays if finalized at today's rate (a weETH amount is unwrapped first). */
    amountOut: bigint
    fee: 0n
    /** No on-chain ETA: finalization is EtherFiAdmin's call. */
    eta: null
  }
  /** Null when the deployment has no redemption manager. */
  instant: (EtherFiInstantExitQuote & { kind: 'instant' }) | null
}

/** Queue vs instant for `amount`: what each pays and what the instant one costs. */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<EtherFiExitOptions> {
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
  return {
    queue: { kind: 'queue', amountOut: queued.amountOut, fee: 0n, eta: null },
    instant: instant ? { kind: 'instant', ...instant } : null,
  }
}
