import type { Address } from 'viem'
import { assertAddress, type PortfolioEntry, type PortfolioModule } from '../kit/index.js'
import { getPositions } from './actions/getPositions.js'
import { type SymbioticDeployment, symbioticDeployments } from './deployments.js'
import { readPositions, type SymbioticVaultPosition } from './positions.js'
import { readSymbioticRewardEntries, type SymbioticRewardsSource } from './rewards/portfolio.js'

export type SymbioticPortfolioOptions = {
  /**
   * Vaults to read, in the shared `aggregate3` stages; without, every vault of the VaultFactory is
   * read by the positions lens (one more `eth_call`, sent alongside the first stage).
   */
  vaults?: readonly Address[]
  /**
   * How many epochs before the current one to scan for unclaimed withdrawals (default: every epoch
   * since the vault's first, `SYMBIOTIC_EPOCH_PAGE` epochs per vault and round trip, newest first;
   * Symbiotic keeps no per-account list). Without `vaults`, a vault the lens does not find (no
   * active shares and no bucket in its last 8 epochs) is not read: name it in `vaults`.
   */
  lookback?: number
  /**
   * Staker rewards to read (a vault's `DefaultStakerRewards`, the network paying, its tokens): what the
   * staker can claim becomes `reward` entries, read in the same first `aggregate3` (no extra round trip).
   */
  rewards?: readonly SymbioticRewardsSource[]
}

/** Symbiotic's share of the cross-protocol portfolio (its module's `portfolio`): vault balances and withdrawal buckets. */
export const readSymbioticSection: NonNullable<
  PortfolioModule<
    'symbiotic',
    SymbioticDeployment,
    SymbioticVaultPosition[],
    SymbioticPortfolioOptions
  >['portfolio']
> = async (client, { staker, deployment, options }) => {
  const { vaults, lookback } = options
  const scan = lookback === undefined ? {} : { lookback }
  // started before the positions' first stage, so both share its aggregate3
  const rewardEntries = readSymbioticRewardEntries(client, staker, options.rewards ?? [])
  rewardEntries.catch(() => undefined) // awaited below; a failed positions read must not leave it unhandled
  const detail = vaults
    ? await readPositions(
        client,
        vaults.map((v, i) => assertAddress(`symbiotic.vaults[${i}]`, v)),
        staker,
        scan,
      )
    : await getPositions(client, { staker, deployment, ...scan })
  const entries: PortfolioEntry[] = []
  for (const p of detail) {
    if (p.activeBalance > 0n) {
      entries.push({
        kind: 'stake',
        protocol: 'symbiotic',
        location: p.vault,
        asset: p.collateral,
        amount: p.activeBalance,
        operator: null,
      })
    }
    for (const w of p.withdrawals) {
      entries.push({
        kind: 'withdrawal',
        protocol: 'symbiotic',
        location: p.vault,
        asset: p.collateral,
        amount: w.amount,
        id: w.epoch,
        ready: w.ready,
        readyAt: w.readyAt,
      })
    }
  }
  entries.push(...(await rewardEntries))
  return { entries, detail }
}

/** The portfolio part of the symbiotic module. */
export const symbioticPortfolio: PortfolioModule<
  'symbiotic',
  SymbioticDeployment,
  SymbioticVaultPosition[],
  SymbioticPortfolioOptions
> = {
  id: 'symbiotic',
  deployments: symbioticDeployments as Readonly<Record<number, SymbioticDeployment>>,
  portfolio: readSymbioticSection,
}
