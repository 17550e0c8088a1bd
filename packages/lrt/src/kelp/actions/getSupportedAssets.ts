import { type BatchResult, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { kelpConfigAbi, kelpDepositPoolAbi, kelpOracleAbi } from '../abis.js'
import { ETH_ADDRESS, type KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'

export type GetSupportedAssetsParameters = { deployment?: KelpDeployment }

/** One asset Kelp accepts for deposits, with its limits. */
export type KelpSupportedAsset = {
  /** The asset's address; native ETH is `ETH_ADDRESS` (0xEeee…EEeE). */
  asset: Address
  /** True for native ETH (deposited with `depositETH`). */
  native: boolean
  /** The asset's price in ETH, 1e18-scaled (`LRTOracle.getAssetPrice`). */
  price: bigint
  /** The total deposit limit (`LRTConfig.depositLimitByAsset`). */
  depositLimit: bigint
  /** What the pool still accepts now (`getAssetCurrentLimit`). */
  remaining: bigint
  /** The least one deposit may be (`minAmountToDeposit`, the same for every asset). */
  minAmount: bigint
  /** The EigenLayer strategy Kelp restakes it in, or null. */
  strategy: Address | null
}

/** Every asset Kelp accepts, with price, limit, remaining room, minimum and strategy (two read stages). */
export async function getSupportedAssets(
  client: ReadClient,
  params: GetSupportedAssetsParameters = {},
): Promise<KelpSupportedAsset[]> {
  const d = kelpDeployment(client, params.deployment)
  return runPlan(
    client,
    stage(
      [
        { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'getSupportedAssetList' },
        { address: d.lrtDepositPool, abi: kelpDepositPoolAbi, functionName: 'minAmountToDeposit' },
      ],
      ([list, min]) => {
        const assets = unwrap<readonly Address[]>(list)
        const minAmount = unwrap<bigint>(min)
        return stage(
          assets.flatMap((asset) => [
            { address: d.lrtOracle, abi: kelpOracleAbi, functionName: 'getAssetPrice', args: [asset] },
            { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'depositLimitByAsset', args: [asset] },
            {
              address: d.lrtDepositPool,
              abi: kelpDepositPoolAbi,
              functionName: 'getAssetCurrentLimit',
              args: [asset],
            },
            { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'assetStrategy', args: [asset] },
          ]),
          (r: readonly BatchResult[]) =>
            assets.map((asset, i) => {
              const strategy = unwrap<Address>(r[4 * i + 3])
              return {
                asset,
                native: asset.toLowerCase() === ETH_ADDRESS.toLowerCase(),
                price: unwrap<bigint>(r[4 * i]),
                depositLimit: unwrap<bigint>(r[4 * i + 1]),
                remaining: unwrap<bigint>(r[4 * i + 2]),
                minAmount,
                strategy: strategy === zeroAddress ? null : strategy,
              }
            }),
        )
      },
    ),
  )
}
