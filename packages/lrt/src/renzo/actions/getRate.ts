import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { renzoEzETHAbi, renzoRestakeManagerAbi } from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { renzoDeployment } from './internal.js'

export type GetRateParameters = {
  /** Read at this block (for a rate's growth between two blocks); default the latest. */
  blockNumber?: bigint
  deployment?: RenzoDeployment
}

const WAD = 10n ** 18n

/** ezETH's rate from a total TVL and supply: `totalTVL × 1e18 / totalSupply` (1e18 before any ezETH exists). */
export function renzoRate(totalTVL: bigint, supply: bigint): bigint {
  return supply === 0n ? WAD : (totalTVL * WAD) / supply
}

/**
 * ezETH's rate: ETH per 1e18 ezETH, exact — `RestakeManager.calculateTVLs()`'s total over
 * `ezETH.totalSupply()`, which is what Renzo's BalancerRateProvider returns. One read stage.
 */
export async function getRate(client: ReadClient, params: GetRateParameters = {}): Promise<bigint> {
  const d = renzoDeployment(client, params.deployment)
  return runPlan(
    client,
    stage(
      [
        { address: d.restakeManager, abi: renzoRestakeManagerAbi, functionName: 'calculateTVLs' },
        { address: d.ezETH, abi: renzoEzETHAbi, functionName: 'totalSupply' },
      ],
      ([tvls, supply]) =>
        renzoRate(unwrap<readonly [unknown, unknown, bigint]>(tvls)[2], unwrap<bigint>(supply)),
    ),
    params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
  )
}
