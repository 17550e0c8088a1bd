import { assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { pufferVaultAbi, pufferWithdrawalManagerAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment, WAD } from './internal.js'

export type PreviewWithdrawalParameters = {
  /** pufETH to withdraw through the queue, in base units. */
  amount: bigint
  deployment?: PufferDeployment
}

/** What a queued withdrawal of `amount` pufETH locks now, and the queue's limits. */
export type PufferWithdrawalPreview = {
  amount: bigint
  /** WETH per 1e18 pufETH now: the request's rate. */
  requestRate: bigint
  /** The most it pays, in WETH: `amount × requestRate` (less if the batch's rate is lower at finalization). */
  out: bigint
  /** `MIN_WITHDRAWAL_AMOUNT` (0.01 pufETH) and `getMaxWithdrawalAmount()`. */
  minAmount: bigint
  maxAmount: bigint
}

/** The queue's quote for `amount` pufETH (one read stage): payout at most `amount × rate now`, no fee. */
export async function previewWithdrawal(
  client: ReadClient,
  params: PreviewWithdrawalParameters,
): Promise<PufferWithdrawalPreview> {
  const d = pufferDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage(
      [
        { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'MIN_WITHDRAWAL_AMOUNT',
        },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getMaxWithdrawalAmount',
        },
      ],
      ([rate, min, max]) => {
        const requestRate = unwrap<bigint>(rate)
        return {
          amount,
          requestRate,
          out: (amount * requestRate) / WAD,
          minAmount: unwrap<bigint>(min),
          maxAmount: unwrap<bigint>(max),
        }
      },
    ),
  )
}
