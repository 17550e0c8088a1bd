import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { swellRswETHAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { swellDeployment } from './internal.js'

export type GetRateParameters = {
  /** Read at this block (a generic APR helper reads two); default latest. */
  blockNumber?: bigint
  deployment?: SwellDeployment
}

/** rswETH's rate: ETH per 1e18 rswETH, exact (`rswETHToETHRate()`, stored by Swell's `reprice`). */
export async function getRate(client: ReadClient, params: GetRateParameters = {}): Promise<bigint> {
  const d = swellDeployment(client, params.deployment)
  return runPlan(
    client,
    stage([{ address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' }], ([r]) =>
      unwrap<bigint>(r),
    ),
    params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
  )
}
