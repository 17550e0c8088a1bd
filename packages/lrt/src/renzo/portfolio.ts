import type { PortfolioEntry, PortfolioModule, ReadClient } from '@restakekit/core'
import { isPlan, runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { renzoEzETHAbi, renzoRestakeManagerAbi } from './abis.js'
import { renzoRate } from './actions/getRate.js'
import {
  isNative,
  mapPlan,
  type RenzoWithdrawalRequest,
  requestsFrom,
  requestsReads,
  timestampRead,
} from './actions/internal.js'
import { type RenzoDeployment, renzoDeployments } from './deployments.js'

/** Renzo's detailed portfolio view: the ezETH balance, the rate it was valued at, and the open requests. */
export type RenzoPortfolioDetail = {
  token: Address
  balance: bigint
  rate: bigint
  withdrawalRequests: RenzoWithdrawalRequest[]
}

/** ezETH → ETH at a rate (ETH per 1e18 ezETH), rounded down. */
export function renzoUnderlying(balance: bigint, rate: bigint): bigint {
  return (balance * rate) / 10n ** 18n
}

/**
 * Renzo's share of the portfolio: a `token` entry for the ezETH held (valued in ETH) and a
 * `withdrawal` entry per open request with its readiness. Two read stages for up to four requests.
 */
export const readRenzoSection: NonNullable<
  PortfolioModule<'renzo', RenzoDeployment, RenzoPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  const detail = await runPlan(
    client,
    stage(
      [
        { address: d.ezETH, abi: renzoEzETHAbi, functionName: 'balanceOf', args: [staker] },
        { address: d.restakeManager, abi: renzoRestakeManagerAbi, functionName: 'calculateTVLs' },
        { address: d.ezETH, abi: renzoEzETHAbi, functionName: 'totalSupply' },
        ...requestsReads(d, staker, timestampRead()),
      ],
      ([balance, tvls, supply, ...rest]) => {
        const head = {
          token: d.ezETH,
          balance: unwrap<bigint>(balance),
          rate: renzoRate(unwrap<readonly [unknown, unknown, bigint]>(tvls)[2], unwrap<bigint>(supply)),
        }
        const requests = requestsFrom(d, staker, rest)
        const done = (s: { requests: RenzoWithdrawalRequest[] }): RenzoPortfolioDetail => ({
          ...head,
          withdrawalRequests: s.requests,
        })
        return isPlan(requests) ? mapPlan(requests, done) : done(requests)
      },
    ),
  )
  const entries: PortfolioEntry[] = []
  if (detail.balance > 0n)
    entries.push({
      kind: 'token',
      protocol: 'renzo',
      token: d.ezETH,
      balance: detail.balance,
      // ezETH is valued in ETH (null: native ETH)
      underlying: { asset: null, amount: renzoUnderlying(detail.balance, detail.rate) },
    })
  for (const r of detail.withdrawalRequests)
    entries.push({
      kind: 'withdrawal',
      protocol: 'renzo',
      location: d.withdrawQueue,
      asset: isNative(r.asset) ? null : r.asset,
      amount: r.amount,
      id: r.requestId,
      ready: r.ready,
      readyAt: r.readyAt,
    })
  return { entries, detail }
}

/** The portfolio part of the renzo module alone. */
export const renzoPortfolio: PortfolioModule<'renzo', RenzoDeployment, RenzoPortfolioDetail> = {
  id: 'renzo',
  deployments: renzoDeployments as Readonly<Record<number, RenzoDeployment>>,
  portfolio: readRenzoSection,
}
