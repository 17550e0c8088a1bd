import type { Address } from 'viem'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import { strategyManagerAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetBurnableSharesParameters = {
  /** Strategies to read; default: every strategy with burnable shares (`getStrategiesWithBurnableShares`). */
  strategies?: readonly Address[]
} & DeploymentParameter

export type GetBurnableSharesReturnType = {
  /**
   * Slashed shares held by the StrategyManager until someone calls `burnShares(strategy)`
   * (v1.3 / v1.4 form; v1.5+ keeps it for slashes from before redistribution). `null` on releases
   * without the view (v1.2 burns slashed shares at once).
   */
  burnable: { strategy: Address; shares: bigint }[] | null
}

export type GetBurnableSharesErrorType = Error

/** Slashed-but-not-burned shares per strategy: one round trip. */
export async function getBurnableShares(
  client: EigenLayerReadClient,
  params: GetBurnableSharesParameters = {},
): Promise<GetBurnableSharesReturnType> {
  const given = params.strategies?.map((s, i) => assertAddress(`strategies[${i}]`, s))
  const d = getDeployment(client, params.deployment)
  const sm = d.strategyManager
  if (given === undefined) {
    const [all] = await readBatch(client, [
      { address: sm, abi: strategyManagerAbi, functionName: 'getStrategiesWithBurnableShares' },
    ])
    if (all?.status !== 'success') return { burnable: null }
    const [strategies, shares] = all.result as readonly [readonly Address[], readonly bigint[]]
    return { burnable: strategies.map((strategy, i) => ({ strategy, shares: shares[i] ?? 0n })) }
  }
  if (given.length === 0) return { burnable: [] }
  const results = await readBatch(
    client,
    given.map((s) => ({
      address: sm,
      abi: strategyManagerAbi,
      functionName: 'getBurnableShares',
      args: [s],
    })),
  )
  if (results.some((r) => r?.status !== 'success')) return { burnable: null }
  return { burnable: given.map((strategy, i) => ({ strategy, shares: unwrap<bigint>(results[i]) })) }
}
