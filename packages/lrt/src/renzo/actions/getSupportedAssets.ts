import { type BatchResult, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import type { Address } from 'viem'
import { renzoRestakeManagerAbi, renzoWithdrawQueueAbi } from '../abis.js'
import { RENZO_ETH_ADDRESS, type RenzoDeployment } from '../deployments.js'
import { renzoDeployment } from './internal.js'

export type GetSupportedAssetsParameters = { deployment?: RenzoDeployment }

/** One asset Renzo accepts for deposits, with its limit and whether withdrawals pay out in it. */
export type RenzoSupportedAsset = {
  /** The asset; native ETH is `RENZO_ETH_ADDRESS` (0xEeee…EEeE). */
  asset: Address
  /** True for native ETH (deposited with `depositETH`). */
  native: boolean
  /** The collateral's TVL limit in ETH value (`collateralTokenTvlLimits`), or null: none (ETH, or 0 set). */
  depositLimit: bigint | null
  /** What the limit still allows now, in ETH value (the limit less the operator delegators' TVL of it), or null. */
  remaining: bigint | null
  /** Renzo has no minimum deposit on chain (any amount above 0). */
  minAmount: bigint
  /** Withdrawals can pay in this asset (`withdrawalBufferTarget` > 0), and the buffer target. */
  withdrawable: boolean
  withdrawBufferTarget: bigint
}

/** ETH and every collateral token of the RestakeManager, with limits and payout support (two read stages). */
export async function getSupportedAssets(
  client: ReadClient,
  params: GetSupportedAssetsParameters = {},
): Promise<RenzoSupportedAsset[]> {
  const d = renzoDeployment(client, params.deployment)
  const rm = { address: d.restakeManager, abi: renzoRestakeManagerAbi } as const
  return runPlan(
    client,
    stage(
      [
        { ...rm, functionName: 'getCollateralTokensLength' },
        { ...rm, functionName: 'calculateTVLs' },
      ],
      ([length, tvls]) => {
        const n = Number(unwrap<bigint>(length))
        const [tokenTVLs] = unwrap<readonly [readonly (readonly bigint[])[], unknown, bigint]>(tvls)
        return stage(
          Array.from({ length: n }, (_, i) => ({
            ...rm,
            functionName: 'collateralTokens',
            args: [BigInt(i)],
          })),
          (tokens: readonly BatchResult[]) => {
            const list = tokens.map((t) => unwrap<Address>(t))
            const assets: Address[] = [RENZO_ETH_ADDRESS, ...list]
            return stage(
              [
                ...list.map((t) => ({ ...rm, functionName: 'collateralTokenTvlLimits', args: [t] })),
                ...assets.map((a) => ({
                  address: d.withdrawQueue,
                  abi: renzoWithdrawQueueAbi,
                  functionName: 'withdrawalBufferTarget',
                  args: [a],
                })),
              ],
              (r: readonly BatchResult[]) =>
                assets.map((asset, i): RenzoSupportedAsset => {
                  const target = unwrap<bigint>(r[list.length + i])
                  const base = {
                    asset,
                    minAmount: 0n,
                    withdrawable: target > 0n,
                    withdrawBufferTarget: target,
                  }
                  if (i === 0) return { ...base, native: true, depositLimit: null, remaining: null }
                  const limit = unwrap<bigint>(r[i - 1])
                  if (limit === 0n) return { ...base, native: false, depositLimit: null, remaining: null }
                  const current = tokenTVLs.reduce((s, od) => s + (od[i - 1] ?? 0n), 0n)
                  return {
                    ...base,
                    native: false,
                    depositLimit: limit,
                    remaining: current >= limit ? 0n : limit - current,
                  }
                }),
            )
          },
        )
      },
    ),
  )
}
