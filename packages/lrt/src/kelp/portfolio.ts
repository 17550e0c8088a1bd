import type { PortfolioModule, ReadClient, TokenHolding } from '@restakekit/core'
import { runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { kelpOracleAbi, kelpRsETHAbi } from './abis.js'
import { type KelpDeployment, kelpDeployments } from './deployments.js'

/** Kelp's detailed portfolio view: the rsETH balance and the rate it was valued at. */
export type KelpPortfolioDetail = { token: Address; balance: bigint; rate: bigint }

/** rsETH → ETH at a rate (ETH per 1e18 rsETH), rounded down. */
export function kelpUnderlying(balance: bigint, rate: bigint): bigint {
  return (balance * rate) / 10n ** 18n
}

/** Kelp's share of the portfolio (one read stage): a `token` entry for the rsETH held, valued in ETH. */
export const readKelpSection: NonNullable<
  PortfolioModule<'kelp', KelpDeployment, KelpPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  const detail = await runPlan(
    client,
    stage(
      [
        { address: d.rsETH, abi: kelpRsETHAbi, functionName: 'balanceOf', args: [staker] },
        { address: d.lrtOracle, abi: kelpOracleAbi, functionName: 'rsETHPrice' },
      ],
      ([balance, rate]) => ({ token: d.rsETH, balance: unwrap<bigint>(balance), rate: unwrap<bigint>(rate) }),
    ),
  )
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
  return { entries, detail }
}

/** The portfolio part of the kelp module alone. */
export const kelpPortfolio: PortfolioModule<'kelp', KelpDeployment, KelpPortfolioDetail> = {
  id: 'kelp',
  deployments: kelpDeployments as Readonly<Record<number, KelpDeployment>>,
  portfolio: readKelpSection,
}
