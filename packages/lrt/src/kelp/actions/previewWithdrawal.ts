import {
  assertAddress,
  assertAmount,
  type ReadClient,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { kelpConfigAbi, kelpWithdrawalManagerAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { blockNumberRead, kelpDeployment, withdrawalManagerOf } from './internal.js'

export type PreviewWithdrawalParameters = {
  /** The asset to receive (ETH is `ETH_ADDRESS`); it must be one Kelp supports. */
  asset: Address
  /** rsETH to give up, in base units. */
  amount: bigint
  deployment?: KelpDeployment
}

/** What a Kelp withdrawal request of `amount` rsETH for `asset` gives, and when. */
export type KelpWithdrawalPreview = {
  asset: Address
  /** rsETH given up. */
  amount: bigint
  /**
   * `asset` expected at today's rates (`getExpectedAssetAmount`). The payout is the lesser of this and
   * the value at the operator's unlock: a slash before then lowers it, rewards do not raise it.
   */
  expectedOut: bigint
  /** What Kelp can still promise to new requests of `asset` (`getAvailableAssetAmount`). */
  available: bigint
  /** The least rsETH one request may be (`minRsEthAmountToWithdraw`). */
  minAmount: bigint
  /** Blocks between the request and the earliest claim (`withdrawalDelayBlocks`). */
  delayBlocks: bigint
  /** The earliest claim block of a request sent now (it lands in the next block), once Kelp's operator unlocks it. */
  readyAt: { block: bigint }
}

/** One stage: the asset's support, expected payout, liquidity, minimum, the delay and the clock. */
export function previewWithdrawalPlan(
  client: ReadClient | undefined,
  d: KelpDeployment,
  asset: Address,
  amount: bigint,
): ReadPlan<KelpWithdrawalPreview> {
  const manager = withdrawalManagerOf(d)
  const m = { address: manager, abi: kelpWithdrawalManagerAbi } as const
  return stage(
    [
      { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'isSupportedAsset', args: [asset] },
      { ...m, functionName: 'getExpectedAssetAmount', args: [asset, amount] },
      { ...m, functionName: 'getAvailableAssetAmount', args: [asset] },
      { ...m, functionName: 'minRsEthAmountToWithdraw', args: [asset] },
      { ...m, functionName: 'withdrawalDelayBlocks' },
      blockNumberRead(client),
    ],
    ([supported, expected, available, min, delay, block]) => {
      if (!unwrap<boolean>(supported)) throw new UnsupportedAssetError({ protocol: 'Kelp', asset })
      const delayBlocks = unwrap<bigint>(delay)
      return {
        asset,
        amount,
        expectedOut: unwrap<bigint>(expected),
        available: unwrap<bigint>(available),
        minAmount: unwrap<bigint>(min),
        delayBlocks,
        readyAt: { block: unwrap<bigint>(block) + 1n + delayBlocks },
      }
    },
  )
}

/** What a withdrawal request of `amount` rsETH for `asset` would give now, its limits and its earliest claim block. */
export async function previewWithdrawal(
  client: ReadClient,
  params: PreviewWithdrawalParameters,
): Promise<KelpWithdrawalPreview> {
  const d = kelpDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset)
  const amount = assertAmount('amount', params.amount)
  return runPlan(client, previewWithdrawalPlan(client, d, asset, amount))
}
