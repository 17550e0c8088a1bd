import type { Address } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import { strategyManagerAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'
import { getRelease } from '../release.js'

export type GetBurnableSharesParameters = {
  /** Strategies to read; default: every strategy with burnable shares (`getStrategiesWithBurnableShares`). */
  strategies?: readonly Address[]
} & DeploymentParameter

export type GetBurnableSharesReturnType = {
  /**
   * Slashed shares held by the StrategyManager until someone calls `burnShares(strategy)`
   * (v1.3 / v1.4 form; v1.5+ keeps it for slashes from before redistribution, while newer slashes
   * wait per slash for `clearBurnOrRedistributableShares`). `null` on v1.2 (probed: `getRelease`),
   * which burns slashed shares at once.
   */
  burnable: { strategy: Address; shares: bigint }[] | null
}

export type GetBurnableSharesErrorType = ReadErrorType

/**
 * Slashed-but-not-burned shares per strategy: one round trip (the release probe, cached per client
 * and deployment, runs alongside the first call's read). The release decides: v1.2 has none to
 * report (`null`); on v1.3+ a view that fails is an error, never read as "none".
 */
export async function getBurnableShares(
  client: EigenLayerReadClient,
  params: GetBurnableSharesParameters = {},
): Promise<GetBurnableSharesReturnType> {
  const given = params.strategies?.map((s, i) => assertAddress(`strategies[${i}]`, s))
  const d = getDeployment(client, params.deployment)
  const sm = d.strategyManager
  const reads =
    given === undefined
      ? [{ address: sm, abi: strategyManagerAbi, functionName: 'getStrategiesWithBurnableShares' }]
      : given.map((s) => ({
          address: sm,
          abi: strategyManagerAbi,
          functionName: 'getBurnableShares',
          args: [s],
        }))
  const [release, results] = await Promise.all([
    getRelease(client, { deployment: d }),
    reads.length > 0 ? readBatch(client, reads) : Promise.resolve([]),
  ])
  if (!release.features.burnableShares) return { burnable: null }
  if (given === undefined) {
    const [strategies, shares] = unwrap<readonly [readonly Address[], readonly bigint[]]>(results[0])
    return { burnable: strategies.map((strategy, i) => ({ strategy, shares: shares[i] ?? 0n })) }
  }
  return { burnable: given.map((strategy, i) => ({ strategy, shares: unwrap<bigint>(results[i]) })) }
}
