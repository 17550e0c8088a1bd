import { type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import { pufferVaultAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment } from './internal.js'

export type GetSupportedAssetsParameters = { deployment?: PufferDeployment }

/** One asset Puffer's vault accepts for deposits, with its limits. */
export type PufferSupportedAsset = {
  /** Native ETH is `ETH_ADDRESS` (deposited with `depositETH`); WETH is the vault's ERC-4626 asset. */
  asset: Address
  native: boolean
  /** What the vault still accepts now (`maxDeposit`). */
  remaining: bigint
  /** The least one deposit may be (the vault has no minimum: 0). */
  minAmount: bigint
}

/** ETH and WETH (the vault's `asset()`, read on chain), with the vault's `maxDeposit`. One read stage. */
export async function getSupportedAssets(
  client: ReadClient,
  params: GetSupportedAssetsParameters = {},
): Promise<PufferSupportedAsset[]> {
  const d = pufferDeployment(client, params.deployment)
  return runPlan(
    client,
    stage(
      [
        { address: d.vault, abi: pufferVaultAbi, functionName: 'asset' },
        { address: d.vault, abi: pufferVaultAbi, functionName: 'maxDeposit', args: [zeroAddress] },
      ],
      ([asset, max]) => {
        const remaining = unwrap<bigint>(max)
        return [
          { asset: ETH_ADDRESS, native: true, remaining, minAmount: 0n },
          { asset: unwrap<Address>(asset), native: false, remaining, minAmount: 0n },
        ]
      },
    ),
  )
}
