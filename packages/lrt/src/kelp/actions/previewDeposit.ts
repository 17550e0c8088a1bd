import { assertAddress, assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { kelpConfigAbi, kelpDepositPoolAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'

export type PreviewDepositParameters = {
  /** The asset to deposit; native ETH is `ETH_ADDRESS`. */
  asset: Address
  /** In the asset's base units. */
  amount: bigint
  deployment?: KelpDeployment
}

/** rsETH a deposit of `amount` of `asset` mints now (`getRsETHAmountToMint`), exact. */
export async function previewDeposit(client: ReadClient, params: PreviewDepositParameters): Promise<bigint> {
  const d = kelpDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage(
      [
        { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'isSupportedAsset', args: [asset] },
        {
          address: d.lrtDepositPool,
          abi: kelpDepositPoolAbi,
          functionName: 'getRsETHAmountToMint',
          args: [asset, amount],
        },
      ],
      ([supported, minted]) => {
        if (!unwrap<boolean>(supported)) throw new UnsupportedAssetError({ protocol: 'Kelp', asset })
        return unwrap<bigint>(minted)
      },
    ),
  )
}
