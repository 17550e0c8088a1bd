import type { Address } from 'viem'
import type { PortfolioEntry, PortfolioModule } from '../kit/index.js'
import { getPositions, type KarakPositions } from './actions/getPositions.js'
import { type KarakDeployment, karakDeployments } from './deployments.js'

export type KarakPortfolioOptions = {
  /** Vaults to read; default the deployment's list (Core keeps none). */
  vaults?: readonly Address[]
}

/** Karak's share of the cross-protocol portfolio (its module's `portfolio`): vault shares and queued redemptions. */
export const readKarakSection: NonNullable<
  PortfolioModule<'karak', KarakDeployment, KarakPositions, KarakPortfolioOptions>['portfolio']
> = async (client, { staker, deployment, options }) => {
  const vaults = options.vaults ?? deployment.vaults
  if (!vaults || vaults.length === 0)
    return { skip: 'no vaults to read: pass `karak.vaults` (Core keeps no list)' }
  const detail = await getPositions(client, { staker, deployment, vaults })
  const entries: PortfolioEntry[] = []
  for (const p of detail.positions) {
    if (p.shares > 0n) {
      entries.push({
        kind: 'stake',
        protocol: 'karak',
        location: p.vault.address,
        asset: p.vault.asset,
        amount: p.amount,
        operator: p.vault.operator,
      })
    }
    for (const w of p.queuedWithdrawals) {
      entries.push({
        kind: 'withdrawal',
        protocol: 'karak',
        location: w.vault,
        asset: p.vault.asset,
        amount: w.amount,
        id: w.withdrawalKey,
        ready: w.ready,
        readyAt: w.readyAt,
      })
    }
  }
  return { entries, detail }
}

/** The portfolio part of the karak module. */
export const karakPortfolio: PortfolioModule<
  'karak',
  KarakDeployment,
  KarakPositions,
  KarakPortfolioOptions
> = {
  id: 'karak',
  deployments: karakDeployments as Readonly<Record<number, KarakDeployment>>,
  portfolio: readKarakSection,
}
