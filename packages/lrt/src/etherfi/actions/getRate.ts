import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { etherfiWeETHAbi } from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment } from './internal.js'

export type GetRateParameters = {
  /** Read the rate at this block (for an APR over two blocks); default latest. */
  blockNumber?: bigint
  deployment?: EtherFiDeployment
}

/**
 * weETH's rate: ETH per 1e18 weETH, exact (`WeETH.getRate()`, the pool's `amountForShare(1e18)`).
 * eETH itself rebases 1:1 to ETH; its balance is this rate applied to its shares.
 */
export async function getRate(client: ReadClient, params: GetRateParameters = {}): Promise<bigint> {
  const d = etherfiDeployment(client, params.deployment)
  return runPlan(
    client,
    stage([{ address: d.weETH, abi: etherfiWeETHAbi, functionName: 'getRate' }], ([r]) => unwrap<bigint>(r)),
    params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
  )
}
