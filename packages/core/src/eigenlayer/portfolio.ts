import type { PortfolioEntry, PortfolioModule } from '../kit/index.js'
import { type GetPortfolioReturnType, getPortfolio } from './actions/getPortfolio.js'
import { type EigenLayerDeployment, eigenlayerDeployments } from './deployments.js'

/** EigenLayer's share of the cross-protocol portfolio: deposits and queued withdrawals. */
/** eigenlayer's share of the portfolio (the `portfolio` of its module). */
export const readEigenLayerSection: NonNullable<
  PortfolioModule<'eigenlayer', EigenLayerDeployment, GetPortfolioReturnType>['portfolio']
> = async (client, { staker, deployment }) => {
  const detail = await getPortfolio(client, { staker, deployment })
  const entries: PortfolioEntry[] = []
  const operator = detail.delegation.operator
  for (const d of detail.deposits) {
    if (d.withdrawableShares === 0n && d.depositShares === 0n) continue
    entries.push({
      kind: 'stake',
      protocol: 'eigenlayer',
      location: d.strategy,
      asset: d.token,
      amount: d.underlyingAmount,
      operator,
    })
  }
  for (const w of detail.queuedWithdrawals) {
    w.strategies.forEach((strategy, i) => {
      entries.push({
        kind: 'withdrawal',
        protocol: 'eigenlayer',
        location: strategy,
        asset: w.tokens[i] ?? null,
        amount: w.underlyingAmounts[i] ?? 0n,
        id: w.root,
        ready: w.ready,
        readyAt: w.readyAt,
      })
    })
  }
  return { entries, detail }
}

/** The portfolio part of the eigenlayer module. */
export const eigenlayerPortfolio: PortfolioModule<
  'eigenlayer',
  EigenLayerDeployment,
  GetPortfolioReturnType
> = {
  id: 'eigenlayer',
  deployments: eigenlayerDeployments as Readonly<Record<number, EigenLayerDeployment>>,
  portfolio: readEigenLayerSection,
}
