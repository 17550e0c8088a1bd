import type { ReadClient } from '@restakekit/core'
import type { Address } from 'viem'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import type { SwellDeployment } from '../deployments.js'
import { swellDeployment } from './internal.js'

export type GetSupportedAssetsParameters = { deployment?: SwellDeployment }

/** One asset rswETH accepts: native ETH only (`deposit()` payable), with no limit or minimum in its ABI. */
export type SwellSupportedAsset = {
  asset: Address
  native: boolean
  remaining: bigint | null
  minAmount: bigint
}

/** rswETH accepts native ETH only (no read needed: `deposit()` is its only deposit path for stakers). */
export async function getSupportedAssets(
  client: ReadClient,
  params: GetSupportedAssetsParameters = {},
): Promise<SwellSupportedAsset[]> {
  swellDeployment(client, params.deployment)
  return [{ asset: ETH_ADDRESS, native: true, remaining: null, minAmount: 0n }]
}
