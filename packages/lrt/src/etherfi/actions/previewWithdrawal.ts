import { assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { etherfiLiquidityPoolAbi } from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment } from './internal.js'

export type PreviewWithdrawalParameters = {
  /** eETH to request, in wei. */
  amount: bigint
  deployment?: EtherFiDeployment
}

export type EtherFiWithdrawalPreview = {
  /** The eETH shares the request locks. */
  shares: bigint
  /**
   * ETH the request would pay if finalized now: min(amount, its shares at the rate now). The payout
   * is frozen when EtherFiAdmin finalizes it; a slash before then lowers it, a reward does not raise it.
   */
  amountOut: bigint
}

/** What a queued withdrawal request of `amount` eETH pays at today's rate (one read stage). */
export async function previewWithdrawal(
  client: ReadClient,
  params: PreviewWithdrawalParameters,
): Promise<EtherFiWithdrawalPreview> {
  const d = etherfiDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage(
      [
        {
          address: d.liquidityPool,
          abi: etherfiLiquidityPoolAbi,
          functionName: 'sharesForAmount',
          args: [amount],
        },
      ],
      ([s]) => {
        const shares = unwrap<bigint>(s)
        return stage(
          [
            {
              address: d.liquidityPool,
              abi: etherfiLiquidityPoolAbi,
              functionName: 'amountForShare',
              args: [shares],
            },
          ],
          ([v]) => {
            const value = unwrap<bigint>(v)
            // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers)
            return { shares, amountOut: value < amount ? value : amount }
          },
        )
      },
    ),
  )
}
