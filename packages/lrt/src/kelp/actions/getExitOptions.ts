import { assertAddress, assertAmount, type ReadClient, runPlan } from '@restakekit/core'
import type { Address } from 'viem'
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

/** One way out of rsETH for an amount. Kelp has only the queue (no instant exit in its contracts). */
export type KelpExitOption = {
  kind: 'queue'
  asset: Address
  /** rsETH given up. */
  amount: bigint
  /** `asset` expected now (the payout is the lesser of this and the value at unlock). */
  expectedOut: bigint
  /** No fee is taken on the queue. */
  fee: 0n
  /** The earliest block it can be claimed in, if sent now and unlocked by Kelp's operator in time. */
  readyAt: { block: bigint }
  /** False when Kelp would refuse the request now, with `reason`. */
  available: boolean
  reason?: 'below-minimum' | 'insufficient-liquidity'
}

/** The exits for `amount` rsETH into `asset`: Kelp's withdrawal queue only (one read stage). */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<KelpExitOption[]> {
  const d = kelpDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset)
  const amount = assertAmount('amount', params.amount)
  const p = await runPlan(client, previewWithdrawalPlan(client, d, asset, amount))
  const reason =
    amount < p.minAmount
      ? ('below-minimum' as const)
      : p.expectedOut > p.available
        ? ('insufficient-liquidity' as const)
        : undefined
  return [
    {
      kind: 'queue',
      asset,
      amount,
      expectedOut: p.expectedOut,
      fee: 0n,
      readyAt: p.readyAt,
      available: reason === undefined,
      ...(reason ? { reason } : {}),
    },
  ]
}
