import type { ReadClient } from '@restakekit/core'
import type { LrtBacking } from '../../backing.js'
import { readStakerBacking } from '../../puffer/actions/getBacking.js'
import type { SwellDeployment } from '../deployments.js'
import { swellDeployment } from './internal.js'

export type GetBackingParameters = { offset?: number; limit?: number; deployment?: SwellDeployment }

/** The EigenLayer stakers behind rswETH, their operators and shares per strategy (the shared `LrtBacking`). */
export type SwellBacking = LrtBacking

/**
 * Where rswETH's collateral is restaked, read on chain: the deployment's EigenLayer stakers, each with
 * its operator and withdrawable shares per strategy. Swell's reference ABIs do not enumerate them
 * (its EigenPod manager is not among them), so they come from the deployment. Paged; two round trips.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<SwellBacking> {
  return readStakerBacking(client, 'Swell', swellDeployment(client, params.deployment), params)
}
