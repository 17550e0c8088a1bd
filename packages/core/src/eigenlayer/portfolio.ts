import { type PortfolioEntry, type PortfolioModule, runPlan } from '../kit/index.js'
import { type GetPortfolioReturnType, getPortfolio } from './actions/getPortfolio.js'
import { rewardsClaimKey, rewardsStatePlan } from './actions/getRewards.js'
import { type EigenLayerDeployment, eigenlayerContracts } from './deployments.js'
import { isRewardsTree, type RewardsTree } from './rewards/distribution.js'
import { InvalidDistributionError } from './rewards/errors.js'

export type EigenLayerPortfolioOptions = {
  /**
   * A rewards distribution as the tree `buildRewardsTree` returns (build it from the rewards service's
   * JSON or SDK entries with `buildRewardsTree` from `@restakekit/core/eigenlayer`: the portfolio
   * parses nothing, so its bundle carries no distribution parser). When given, the staker's claimable rewards under it become `reward` entries (cumulative earnings
   * minus `cumulativeClaimed`, per token), only when its root is posted and not disabled. Read in
   * the same two stages as the positions; without it nothing more is read.
   */
  rewards?: RewardsTree | undefined
}

/** EigenLayer's share of the cross-protocol portfolio: deposits, queued withdrawals and, with a distribution, claimable rewards. */
export const readEigenLayerSection: NonNullable<
  PortfolioModule<
    'eigenlayer',
    EigenLayerDeployment,
    GetPortfolioReturnType,
    EigenLayerPortfolioOptions
  >['portfolio']
> = async (client, { staker, deployment, options }) => {
  // the option is checked before anything is read
  const tree = options?.rewards
  if (tree !== undefined && !isRewardsTree(tree))
    throw new InvalidDistributionError({
      reason: 'the portfolio takes the tree buildRewardsTree returns (build it from the distribution first)',
    })
  const earner = tree?.earners.find((e) => e.earner.toLowerCase() === staker.toLowerCase())
  const [detail, rewards] = await Promise.all([
    getPortfolio(client, { staker, deployment }),
    tree && earner
      ? runPlan(
          client,
          rewardsStatePlan({
            rewardsCoordinator: deployment.rewardsCoordinator,
            root: tree.root,
            earners: [{ earner: earner.earner, tokens: earner.tokens.map((t) => t.token) }],
          }),
        )
      : undefined,
  ])
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
  const posted =
    rewards?.root && rewards.root.root.toLowerCase() === tree?.root.toLowerCase() && !rewards.root.disabled
  if (earner && rewards && posted) {
    for (const t of earner.tokens) {
      const claimed = rewards.claimed.get(rewardsClaimKey(earner.earner, t.token)) ?? 0n
      if (t.cumulativeEarnings <= claimed) continue
      entries.push({
        kind: 'reward',
        protocol: 'eigenlayer',
        token: t.token,
        amount: t.cumulativeEarnings - claimed,
        source: deployment.rewardsCoordinator,
      })
    }
  }
  return { entries, detail }
}

/** The portfolio part of the eigenlayer module. */
export const eigenlayerPortfolio: PortfolioModule<
  'eigenlayer',
  EigenLayerDeployment,
  GetPortfolioReturnType,
  EigenLayerPortfolioOptions
> = {
  id: 'eigenlayer',
  deployments: eigenlayerContracts as Readonly<Record<number, EigenLayerDeployment>>,
  portfolio: readEigenLayerSection,
}
