import {
  assertAddress,
  assertAmount,
  type BatchRead,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, erc20Abi } from 'viem'
import type { ExitOptions } from '../../exit.js'
import { multicallEthBalanceAbi } from '../../kelp/abis.js'
import { pufferVaultAbi, pufferVaultTreasuryAbi, pufferWithdrawalManagerAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { probeExitFeeForm, pufferDeployment, WAD } from './internal.js'

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type GetExitOptionsParameters = {
  /** pufETH to exit, in base units. */
  amount: bigint
  /** Whose pufETH (for the instant path's `maxRedeem`); default: judged by the vault's liquidity alone. */
  owner?: Address
  deployment?: PufferDeployment
}

/**
 * Queue vs instant for `amount` pufETH, in WETH: the queue (2-step, no fee; Puffer finalizes batches
 * operationally, so its `readyAt` is null) and the 1-step exit (`redeem`, less the vault's total exit
 * fee, treasury part included where the vault has one). Probes the vault's exit-fee form once
 * (EIP-1967 implementation code, cached; `probeExitFeeForm`), then one read stage.
 */
export async function getExitOptions(
  client: ReadClient,
  params: GetExitOptionsParameters,
): Promise<ExitOptions> {
  const d = pufferDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  const owner = params.owner === undefined ? undefined : assertAddress('owner', params.owner)
  const feeForm = await probeExitFeeForm(client, d.vault)
  const feeRead: BatchRead =
    feeForm === 'treasury'
      ? { address: d.vault, abi: pufferVaultTreasuryAbi, functionName: 'getTotalExitFeeBasisPoints' }
      : { address: d.vault, abi: pufferVaultAbi, functionName: 'getExitFeeBasisPoints' }
  const liquidity: BatchRead[] = owner
    ? [{ address: d.vault, abi: pufferVaultAbi, functionName: 'maxRedeem', args: [owner] }]
    : [
        { address: d.weth, abi: erc20Abi, functionName: 'balanceOf', args: [d.vault] },
        { address: MULTICALL3, abi: multicallEthBalanceAbi, functionName: 'getEthBalance', args: [d.vault] },
      ]
  return runPlan(
    client,
    stage(
      [
        { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [amount] },
        { address: d.vault, abi: pufferVaultAbi, functionName: 'previewRedeem', args: [amount] },
        feeRead,
        { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'MIN_WITHDRAWAL_AMOUNT',
        },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getMaxWithdrawalAmount',
        },
        ...liquidity,
      ],
      ([value, redeem, bps, rate, min, max, l0, l1]): ExitOptions => {
        const worth = unwrap<bigint>(value)
        const instantOut = unwrap<bigint>(redeem)
        const minAmount = unwrap<bigint>(min)
        const maxAmount = unwrap<bigint>(max)
        const queueReason =
          amount < minAmount
            ? `below the queue's minimum (${minAmount} pufETH)`
            : amount > maxAmount
              ? `above the queue's maximum (${maxAmount} pufETH)`
              : null
        const instantReason = owner
          ? amount > unwrap<bigint>(l0)
            ? `above what the vault pays this owner now (maxRedeem ${unwrap<bigint>(l0)})`
            : null
          : instantOut > unwrap<bigint>(l0) + unwrap<bigint>(l1)
            ? "above the vault's liquidity now"
            : null
        return {
          amount,
          value: worth,
          options: [
            {
              kind: 'queue',
              asset: d.weth,
              expectedOut: (amount * unwrap<bigint>(rate)) / WAD,
              fee: 0n,
              feeBps: 0n,
              available: queueReason === null,
              reason: queueReason,
              readyAt: null,
            },
            {
              kind: 'instant',
              asset: d.weth,
              expectedOut: instantOut,
              fee: worth - instantOut,
              feeBps: unwrap<bigint>(bps),
              available: instantReason === null,
              reason: instantReason,
            },
          ],
        }
      },
    ),
  )
}
