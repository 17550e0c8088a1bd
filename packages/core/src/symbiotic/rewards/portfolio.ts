import type { Address } from 'viem'
import {
  assertAddress,
  assertNonEmpty,
  type ClaimableReward,
  type ReadClient,
  runPlan,
} from '../../kit/index.js'
import { SymbioticRewardsNotFoundError } from './errors.js'
import { stakerRewardsPlan } from './staker.js'

/** Where a staker's Symbiotic rewards are read: a vault's staker rewards, the network paying, its tokens. */
export type SymbioticRewardsSource = {
  stakerRewards: Address
  network: Address
  tokens: readonly Address[]
}

/**
 * The staker's claimable staker rewards as portfolio `reward` entries (claimable > 0 only). The
 * sources are checked at once (bad input throws before any request); the reads are one plan stage
 * per source, started together, so on the portfolio's batching client they join the positions'
 * first `aggregate3` (no extra round trip).
 */
export function readSymbioticRewardEntries(
  client: ReadClient,
  staker: Address,
  sources: readonly SymbioticRewardsSource[],
): Promise<ClaimableReward[]> {
  const checked = sources.map((s, i) => ({
    stakerRewards: assertAddress(`symbiotic.rewards[${i}].stakerRewards`, s.stakerRewards),
    network: assertAddress(`symbiotic.rewards[${i}].network`, s.network),
    tokens: assertNonEmpty(`symbiotic.rewards[${i}].tokens`, s.tokens).map((t, j) =>
      assertAddress(`symbiotic.rewards[${i}].tokens[${j}]`, t),
    ),
  }))
  return Promise.all(
    checked.map(async (s) => {
      const { vault, rewards } = await runPlan(client, stakerRewardsPlan({ ...s, staker }))
      if (!vault) throw new SymbioticRewardsNotFoundError({ rewards: s.stakerRewards, kind: 'staker' })
      return rewards
        .filter((r) => r.claimable > 0n)
        .map(
          (r): ClaimableReward => ({
            kind: 'reward',
            protocol: 'symbiotic',
            token: r.token,
            amount: r.claimable,
            source: s.stakerRewards,
          }),
        )
    }),
  ).then((lists) => lists.flat())
}
