import type { PortfolioEntry, PortfolioModule, ReadClient } from '@restakekit/core'
import { runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { swellRswETHAbi } from './abis.js'
import {
  readSwellRequestLogs,
  type SwellWithdrawalRequest,
  swellRequestsPlan,
} from './actions/getWithdrawalRequests.js'
import { WAD } from './actions/internal.js'
import { type SwellDeployment, swellDeployments } from './deployments.js'

export type SwellPortfolioDetail = {
  token: Address
  balance: bigint
  rate: bigint
  requests: SwellWithdrawalRequest[]
}

/**
 * Swell's share of the portfolio: a `token` entry for the rswETH held (valued in ETH) and a
 * `withdrawal` entry per open rswEXIT NFT. Two round trips when the deployment names rswEXIT (the
 * portfolio needs it: no discovery here). A pending request's `readyAt` is `null`: no time is
 * knowable (Swell processes withdrawals operationally).
 */
export const readSwellSection: NonNullable<
  PortfolioModule<'swell', SwellDeployment, SwellPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  const exit = d.rswEXIT
  const [holding, logs] = await Promise.all([
    runPlan(
      client,
      stage(
        [
          { address: d.rswETH, abi: swellRswETHAbi, functionName: 'balanceOf', args: [staker] },
          { address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' },
        ],
        ([balance, rate]) => ({ balance: unwrap<bigint>(balance), rate: unwrap<bigint>(rate) }),
      ),
    ),
    exit ? readSwellRequestLogs(client, exit, staker, d.fromBlock ?? 0n) : Promise.resolve(undefined),
  ])
  const requests =
    exit && logs && logs.candidates.length > 0
      ? await runPlan(client, swellRequestsPlan(d, exit, staker, logs))
      : []
  const entries: PortfolioEntry[] = []
  if (holding.balance > 0n)
    entries.push({
      kind: 'token',
      protocol: 'swell',
      token: d.rswETH,
      balance: holding.balance,
      underlying: { asset: null, amount: (holding.balance * holding.rate) / WAD },
    })
  for (const r of requests) {
    if (r.status === 'claimed' || !exit) continue
    entries.push({
      kind: 'withdrawal',
      protocol: 'swell',
      location: exit,
      asset: null,
      amount: r.out,
      id: r.id,
      ready: r.ready,
      // claimable: ready by the block read; pending: null (Swell processes operationally)
      readyAt: r.readyAt,
    })
  }
  return { entries, detail: { token: d.rswETH, ...holding, requests } }
}

export const swellPortfolio: PortfolioModule<'swell', SwellDeployment, SwellPortfolioDetail> = {
  id: 'swell',
  deployments: swellDeployments as Readonly<Record<number, SwellDeployment>>,
  portfolio: readSwellSection,
}
