import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { kelpOracleAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'

export type GetRateParameters = {
  /** Read the rate as of this block (default latest); `getApr` reads two. Needs the node to hold that state. */
  blockNumber?: bigint
  deployment?: KelpDeployment
}

/** rsETH's rate: ETH per 1e18 rsETH, exact (`LRTOracle.rsETHPrice()`, stored by Kelp's `updateRSETHPrice`). */
export async function getRate(client: ReadClient, params: GetRateParameters = {}): Promise<bigint> {
  const d = kelpDeployment(client, params.deployment)
  return runPlan(
    client,
    stage([{ address: d.lrtOracle, abi: kelpOracleAbi, functionName: 'rsETHPrice' }], ([r]) =>
      unwrap<bigint>(r),
    ),
    params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
  )
}
