import type { PortfolioModule, QueuedWithdrawal, ReadClient, TokenHolding } from '@restakekit/core'
import { runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { kelpOracleAbi, kelpRsETHAbi } from './abis.js'
import { type KelpWithdrawalRequest, withdrawalRequestsPlan } from './actions/getWithdrawalRequests.js'
import { ETH_ADDRESS, type KelpDeployment, kelpDeployments } from './deployments.js'

/**
 * Kelp's detailed portfolio view: the rsETH balance and the rate it was valued at, and the open
 * withdrawal requests (when the deployment has a withdrawal manager).
 */
export type KelpPortfolioDetail = {
  token: Address
  balance: bigint
  rate: bigint
  withdrawalRequests: KelpWithdrawalRequest[]
}

/** rsETH → ETH at a rate (ETH per 1e18 rsETH), rounded down. */
export function kelpUnderlying(balance: bigint, rate: bigint): bigint {
  return (balance * rate) / 10n ** 18n
}

/** Kelp's share of the portfolio (one read stage): a `token` entry for the rsETH held, valued in ETH. */
export const readKelpSection: NonNullable<
  PortfolioModule<'kelp', KelpDeployment, KelpPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  // two plans run concurrently on the portfolio's batching client: their stages share its aggregate3s
  const [held, open] = await Promise.all([
    runPlan(
      client,
      stage(
        [
          { address: d.rsETH, abi: kelpRsETHAbi, functionName: 'balanceOf', args: [staker] },
          { address: d.lrtOracle, abi: kelpOracleAbi, functionName: 'rsETHPrice' },
        ],
        ([balance, rate]) => ({
          token: d.rsETH,
          balance: unwrap<bigint>(balance),
          rate: unwrap<bigint>(rate),
        }),
      ),
    ),
    d.lrtWithdrawalManager ? runPlan(client, withdrawalRequestsPlan(client, d, staker)) : undefined,
  ])
  const detail: KelpPortfolioDetail = { ...held, withdrawalRequests: open?.requests ?? [] }
  const entries: TokenHolding[] =
    detail.balance > 0n
      ? [
          {
            kind: 'token',
            protocol: 'kelp',
            token: d.rsETH,
            balance: detail.balance,
            // rsETH is valued in ETH (null: native ETH)
            underlying: { asset: null, amount: kelpUnderlying(detail.balance, detail.rate) },
          },
        ]
      : []
  const withdrawals: QueuedWithdrawal[] = detail.withdrawalRequests.map((r) => ({
    kind: 'withdrawal',
    protocol: 'kelp',
    location: d.lrtWithdrawalManager as Address,
    // native ETH is null, as in the token entry's underlying
    asset: r.asset.toLowerCase() === ETH_ADDRESS.toLowerCase() ? null : r.asset,
    amount: r.amount,
    id: r.id,
    ready: r.ready,
    readyAt: r.readyAt,
  }))
  return { entries: [...entries, ...withdrawals], detail }
}

/** The portfolio part of the kelp module alone. */
export const kelpPortfolio: PortfolioModule<'kelp', KelpDeployment, KelpPortfolioDetail> = {
  id: 'kelp',
  deployments: kelpDeployments as Readonly<Record<number, KelpDeployment>>,
  portfolio: readKelpSection,
}
