import {
  assertAddress,
  assertAmount,
  type BatchRead,
  type BatchResult,
  type ReadClient,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import { DeploymentMismatchError, UnsupportedAssetError } from '../../errors.js'
import { renzoWithdrawQueueAbi } from '../abis.js'
import { RENZO_ETH_ADDRESS, type RenzoDeployment } from '../deployments.js'
import { renzoDeployment } from './internal.js'

export type PreviewWithdrawalParameters = {
  /** ezETH to withdraw, in base units. */
  amount: bigint
  /** The asset to be paid in (default ETH, `RENZO_ETH_ADDRESS`). */
  asset?: Address
  deployment?: RenzoDeployment
}

export type RenzoWithdrawalPreview = {
  asset: Address
  /** What the request would be fixed at now (`calculateAmountToRedeem`); the claim pays at most this. */
  amount: bigint
  /** The withdraw buffer's free balance of `asset` now (`getAvailableToWithdraw`). */
  available: bigint
  /** The request would be queued: the buffer cannot pay it until deposits fill the queue. */
  queued: boolean
  /** The WithdrawQueue's cooldown (`coolDownPeriod`, seconds), read on chain. */
  coolDownPeriod: bigint
}

/** The preview as one read stage (the WithdrawQueue's quote, buffer, cooldown and support). */
export function withdrawalPreviewPlan(
  d: RenzoDeployment,
  asset: Address,
  amount: bigint,
  extra: readonly BatchRead[] = [],
): ReadPlan<RenzoWithdrawalPreview & { supported: boolean; extra: readonly BatchResult[] }> {
  const q = { address: d.withdrawQueue, abi: renzoWithdrawQueueAbi } as const
  return stage(
    [
      { ...q, functionName: 'withdrawalBufferTarget', args: [asset] },
      { ...q, functionName: 'calculateAmountToRedeem', args: [amount, asset] },
      { ...q, functionName: 'getAvailableToWithdraw', args: [asset] },
      { ...q, functionName: 'coolDownPeriod' },
      ...extra,
    ],
    ([target, quote, available, cool, ...rest]) => {
      if (target?.status !== 'success' || cool?.status !== 'success')
        throw new DeploymentMismatchError({
          protocol: 'Renzo',
          contract: 'WithdrawQueue',
          address: d.withdrawQueue,
          expected: "WithdrawQueue's interface",
          found: 'a failed read (no code, or another contract)',
        })
      const supported = unwrap<bigint>(target) > 0n
      const out = supported ? unwrap<readonly [unknown, bigint]>(quote)[1] : 0n
      const free = supported ? unwrap<bigint>(available) : 0n
      return {
        asset,
        amount: out,
        available: free,
        queued: out > free,
        coolDownPeriod: unwrap<bigint>(cool),
        supported,
        extra: rest,
      }
    },
  )
}

/** What withdrawing `amount` ezETH into `asset` would be fixed at now, and whether it would be queued. */
export async function previewWithdrawal(
  client: ReadClient,
  params: PreviewWithdrawalParameters,
): Promise<RenzoWithdrawalPreview> {
  const d = renzoDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset ?? RENZO_ETH_ADDRESS)
  const amount = assertAmount('amount', params.amount)
  const { supported, extra: _, ...preview } = await runPlan(client, withdrawalPreviewPlan(d, asset, amount))
  if (!supported) throw new UnsupportedAssetError({ protocol: 'Renzo', asset })
  return preview
}
