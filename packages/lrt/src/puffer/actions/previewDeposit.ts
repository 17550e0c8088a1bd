import { assertAddress, assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { type Address, isAddressEqual } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import { pufferVaultAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment } from './internal.js'

export type PreviewDepositParameters = {
  /** Native ETH (`ETH_ADDRESS`) or WETH. */
  asset: Address
  /** In wei. */
  amount: bigint
  deployment?: PufferDeployment
}

/** The asset is ETH or the deployment's WETH, else an `UnsupportedAssetError`. */
export function assertPufferAsset(d: PufferDeployment, value: unknown): { asset: Address; native: boolean } {
  const asset = assertAddress('asset', value)
  if (isAddressEqual(asset, ETH_ADDRESS)) return { asset, native: true }
  if (isAddressEqual(asset, d.weth)) return { asset, native: false }
  throw new UnsupportedAssetError({ protocol: 'Puffer', asset, supported: [ETH_ADDRESS, d.weth] })
}

/** pufETH a deposit of `amount` ETH or WETH mints now (the vault's `previewDeposit`), exact. */
export async function previewDeposit(client: ReadClient, params: PreviewDepositParameters): Promise<bigint> {
  const d = pufferDeployment(client, params.deployment)
  assertPufferAsset(d, params.asset)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage(
      [{ address: d.vault, abi: pufferVaultAbi, functionName: 'previewDeposit', args: [amount] }],
      ([r]) => unwrap<bigint>(r),
    ),
  )
}
