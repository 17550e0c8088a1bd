import { assertAddress, assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { type Address, isAddressEqual } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import { swellRswETHAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { swellDeployment, WAD } from './internal.js'

export type PreviewDepositParameters = {
  /** Native ETH (`ETH_ADDRESS`): the only asset rswETH accepts. */
  asset: Address
  amount: bigint
  deployment?: SwellDeployment
}

export function assertSwellAsset(value: unknown): Address {
  const asset = assertAddress('asset', value)
  if (!isAddressEqual(asset, ETH_ADDRESS))
    throw new UnsupportedAssetError({ protocol: 'Swell', asset, supported: [ETH_ADDRESS] })
  return asset
}

/** rswETH minted for `amount` ETH: `amount × ethToRswETHRate / 1e18` (the stored rate), exact. */
export const swellMinted = (amount: bigint, ethToRswETHRate: bigint): bigint =>
  (amount * ethToRswETHRate) / WAD

/** rswETH a deposit of `amount` ETH mints now, exact. */
export async function previewDeposit(client: ReadClient, params: PreviewDepositParameters): Promise<bigint> {
  const d = swellDeployment(client, params.deployment)
  assertSwellAsset(params.asset)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage([{ address: d.rswETH, abi: swellRswETHAbi, functionName: 'ethToRswETHRate' }], ([r]) =>
      swellMinted(amount, unwrap<bigint>(r)),
    ),
  )
}
