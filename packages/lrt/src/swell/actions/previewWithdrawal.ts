import { assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { swellRswETHAbi, swellRswEXITAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { swellDeployment, WAD, withExit } from './internal.js'

export type PreviewWithdrawalParameters = { amount: bigint; deployment?: SwellDeployment }

/** What a withdrawal request of `amount` rswETH locks now, and rswEXIT's limits. */
export type SwellWithdrawalPreview = {
  amount: bigint
  /** ETH per 1e18 rswETH now: the request's `rateWhenCreated`. */
  rateWhenCreated: bigint
  /** The most it pays, in ETH: `amount × rateWhenCreated` (less if processed at a lower rate). */
  out: bigint
  minAmount: bigint
  maxAmount: bigint
}

/** The queue's quote for `amount` rswETH: payout at most `amount × rate now`, no fee. One read stage (+ rswEXIT discovery). */
export async function previewWithdrawal(
  client: ReadClient,
  params: PreviewWithdrawalParameters,
): Promise<SwellWithdrawalPreview> {
  const d = swellDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    withExit(d, (rswEXIT) =>
      stage(
        [
          { address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' },
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMinimum' },
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMaximum' },
        ],
        ([rate, min, max]) => {
          const rateWhenCreated = unwrap<bigint>(rate)
          return {
            amount,
            rateWhenCreated,
            out: (amount * rateWhenCreated) / WAD,
            minAmount: unwrap<bigint>(min),
            maxAmount: unwrap<bigint>(max),
          }
        },
      ),
    ),
  )
}
