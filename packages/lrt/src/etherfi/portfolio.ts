import type { PortfolioEntry, PortfolioModule, ReadClient } from '@restakekit/core'
import { runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { etherfiEETHAbi, etherfiMulticallAbi, etherfiWeETHAbi } from './abis.js'
import { type EtherFiWithdrawalRequest, requestIdsOf, requestsPlan } from './actions/getWithdrawalRequests.js'
import { type EtherFiDeployment, etherfiDeployments } from './deployments.js'

/** ether.fi's detailed portfolio view: eETH and weETH balances, the rate, and the open withdrawal requests. */
export type EtherFiPortfolioDetail = {
  eETH: { token: Address; balance: bigint }
  weETH: { token: Address; balance: bigint }
  /** ETH per 1e18 weETH. */
  rate: bigint
  requests: EtherFiWithdrawalRequest[]
}

/** weETH → ETH at a rate (ETH per 1e18 weETH), rounded down. */
export function etherfiUnderlying(balance: bigint, rate: bigint): bigint {
  return (balance * rate) / 10n ** 18n
}

/**
 * ether.fi's share of the portfolio in two round trips: the balances and rate in one read stage,
 * beside the NFT's `Transfer` log scan; then one stage for the requests held. `token` entries for
 * eETH (1:1 ETH) and weETH (at the rate), `withdrawal` entries for pending and claimable requests.
 */
export const readEtherFiSection: NonNullable<
  PortfolioModule<'etherfi', EtherFiDeployment, EtherFiPortfolioDetail>['portfolio']
> = async (client: ReadClient, { staker, deployment }) => {
  const d = deployment
  const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
  // round trip 1: balances, rate and the block (one stage) beside the NFT's log scan
  const [held, ids] = await Promise.all([
    runPlan(
      client,
      stage(
        [
          { address: d.eETH, abi: etherfiEETHAbi, functionName: 'balanceOf', args: [staker] },
          { address: d.weETH, abi: etherfiWeETHAbi, functionName: 'balanceOf', args: [staker] },
          { address: d.weETH, abi: etherfiWeETHAbi, functionName: 'getRate' },
          { address: MULTICALL3, abi: etherfiMulticallAbi, functionName: 'getBlockNumber' },
        ],
        ([e, w, r, b]) => ({
          eETH: unwrap<bigint>(e),
          weETH: unwrap<bigint>(w),
          rate: unwrap<bigint>(r),
          block: unwrap<bigint>(b),
        }),
      ),
    ),
    requestIdsOf(client, d, staker, { fromBlock: d.fromBlock ?? 0n }),
  ])
  // round trip 2: the requests held
  const requests = ids.length > 0 ? await runPlan(client, requestsPlan(d, staker, ids, held.block)) : []
  const entries: PortfolioEntry[] = []
  if (held.eETH > 0n)
    entries.push({
      kind: 'token',
      protocol: 'etherfi',
      token: d.eETH,
      balance: held.eETH,
      underlying: { asset: null, amount: held.eETH },
    })
  if (held.weETH > 0n)
    entries.push({
      kind: 'token',
      protocol: 'etherfi',
      token: d.weETH,
      balance: held.weETH,
      underlying: { asset: null, amount: etherfiUnderlying(held.weETH, held.rate) },
    })
  for (const r of requests)
    entries.push({
      kind: 'withdrawal',
      protocol: 'etherfi',
      location: d.withdrawRequestNFT,
      asset: null,
      amount: r.claimable ?? r.amount,
      id: r.id,
      ready: r.ready,
      readyAt: r.readyAt,
    })
  return {
    entries,
    detail: {
      eETH: { token: d.eETH, balance: held.eETH },
      weETH: { token: d.weETH, balance: held.weETH },
      rate: held.rate,
      requests,
    },
  }
}

/** The portfolio part of the etherfi module alone. */
export const etherfiPortfolio: PortfolioModule<'etherfi', EtherFiDeployment, EtherFiPortfolioDetail> = {
  id: 'etherfi',
  deployments: etherfiDeployments as Readonly<Record<number, EtherFiDeployment>>,
  portfolio: readEtherFiSection,
}
