import type { ReadClient } from '@restakekit/core'
import type { Address } from 'viem'
import type { EtherFiDeployment } from '../deployments.js'
import { ETHERFI_ETH } from '../deployments.js'
import { etherfiDeployment } from './internal.js'

export type GetSupportedAssetsParameters = { deployment?: EtherFiDeployment }

/** One asset the adapter deposits into ether.fi, with its limits. */
export type EtherFiSupportedAsset = {
  /** Native ETH, as `ETHERFI_ETH` (0xEeee…EEeE). */
  asset: Address
  native: boolean
  /** What one deposit gives: eETH (from `LiquidityPool.deposit`). */
  token: Address
  /** The least one deposit may be (the pool refuses 0: 1 wei). */
  minAmount: bigint
  /** The pool has no deposit cap: null. */
  remaining: bigint | null
}

/**
 * The assets the adapter deposits: native ETH into the LiquidityPool for eETH. (ether.fi's
 * DepositAdapter also takes WETH, stETH and wstETH for weETH; the adapter does not route through it yet.)
 */
export async function getSupportedAssets(
  client: ReadClient,
  params: GetSupportedAssetsParameters = {},
): Promise<EtherFiSupportedAsset[]> {
  const d = etherfiDeployment(client, params.deployment)
  return [{ asset: ETHERFI_ETH, native: true, token: d.eETH, minAmount: 1n, remaining: null }]
}
