import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { pufferVaultAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment, WAD } from './internal.js'

export type GetRateParameters = {
  /** Read at this block (a generic APR helper reads two); default latest. */
  blockNumber?: bigint
  deployment?: PufferDeployment
}

/** pufETH's rate: WETH (ETH) per 1e18 pufETH, exact (the vault's `convertToAssets(1e18)`). */
export async function getRate(client: ReadClient, params: GetRateParameters = {}): Promise<bigint> {
  const d = pufferDeployment(client, params.deployment)
  return runPlan(
    client,
    stage([{ address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] }], ([r]) =>
      unwrap<bigint>(r),
    ),
    params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
  )
}
