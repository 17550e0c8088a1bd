import type { PortfolioEntry, PortfolioModule, ReadClient } from '@restakekit/core'
import { runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { pufferVaultAbi } from './abis.js'
import {
  type PufferWithdrawalRequest,
  readRequestLogs,
  readRequests,
} from './actions/getWithdrawalRequests.js'
import { WAD } from './actions/internal.js'
import { type PufferDeployment, pufferDeployments } from './deployments.js'

/** Puffer's detailed portfolio view: the pufETH balance, the rate it was valued at, and the withdrawal requests. */
export type PufferPortfolioDetail = {
  token: Address
  balance: bigint
  rate: bigint
  requests: PufferWithdrawalRequest[]
}

/** pufETH → WETH at a rate (WETH per 1e18 pufETH), rounded down. */
export function pufferUnderlying(balance: bigint, rate: bigint): bigint {
  return (balance * rate) / WAD
}

/**
 * Puffer's share of the portfolio, in two round trips: the pufETH balance and rate beside the owner's
 * request logs, then the requests' state beside their batches' finalization logs. A `token` entry for
 * the pufETH held (valued in WETH) and a `withdrawal` entry per unclaimed request.
 */
export const readPufferSection: NonNullable<
  PortfolioModule<'puffer', PufferDeployment, PufferPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  const [holding, logs] = await Promise.all([
    runPlan(
      client,
      stage(
        [
          { address: d.vault, abi: pufferVaultAbi, functionName: 'balanceOf', args: [staker] },
          { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
        ],
        ([balance, rate]) => ({ balance: unwrap<bigint>(balance), rate: unwrap<bigint>(rate) }),
      ),
    ),
    readRequestLogs(client, d, staker),
  ])
  const requests = await readRequests(client, d, staker, logs)
  const entries: PortfolioEntry[] = []
  if (holding.balance > 0n)
    entries.push({
      kind: 'token',
      protocol: 'puffer',
      token: d.vault,
      balance: holding.balance,
      underlying: { asset: d.weth, amount: pufferUnderlying(holding.balance, holding.rate) },
    })
  for (const r of requests) {
    if (r.status === 'claimed') continue
    entries.push({
      kind: 'withdrawal',
      protocol: 'puffer',
      location: d.withdrawalManager,
      asset: d.weth,
      amount: r.out,
      id: r.id,
      ready: r.ready,
      // pending: null, Puffer finalizes batches operationally (no time knowable on chain)
      readyAt: r.readyAt,
    })
  }
  return { entries, detail: { token: d.vault, ...holding, requests } }
}

/** The portfolio part of the puffer module alone. */
export const pufferPortfolio: PortfolioModule<'puffer', PufferDeployment, PufferPortfolioDetail> = {
  id: 'puffer',
  deployments: pufferDeployments as Readonly<Record<number, PufferDeployment>>,
  portfolio: readPufferSection,
}
