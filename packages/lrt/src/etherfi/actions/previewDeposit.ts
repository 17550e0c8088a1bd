import { assertAddress, assertAmount, type ReadClient, runPlan, stage, unwrap } from '@restakekit/core'
import { type Address, isAddressEqual } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { etherfiEETHAbi, etherfiLiquidityPoolAbi } from '../abis.js'
import { ETHERFI_ETH, type EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment, PROTOCOL } from './internal.js'

export type PreviewDepositParameters = {
  /** Native ETH, as `ETHERFI_ETH`. */
  asset: Address
  amount: bigint
  deployment?: EtherFiDeployment
}

export type EtherFiDepositPreview = {
  /** eETH shares the pool mints (what `deposit()` returns). */
  shares: bigint
  /** The eETH balance those shares are worth right after the deposit. */
  amount: bigint
}

/** The pool's mint for `amount` ETH from its totals: shares, and their eETH value after the deposit (exact). */
export function etherfiDepositOut(
  amount: bigint,
  pooled: bigint,
  totalShares: bigint,
): EtherFiDepositPreview {
  const shares = pooled === 0n || totalShares === 0n ? amount : (amount * totalShares) / pooled
  const value = totalShares + shares === 0n ? 0n : (shares * (pooled + amount)) / (totalShares + shares)
  return { shares, amount: value }
}

/** The read of the pool's totals (one stage). */
export const totalsReads = (d: EtherFiDeployment) =>
  [
    { address: d.liquidityPool, abi: etherfiLiquidityPoolAbi, functionName: 'getTotalPooledEther' },
    { address: d.eETH, abi: etherfiEETHAbi, functionName: 'totalShares' },
  ] as const

export function assertEth(asset: unknown): Address {
  const a = assertAddress('asset', asset)
  if (!isAddressEqual(a, ETHERFI_ETH))
    throw new UnsupportedAssetError({ protocol: PROTOCOL, asset: a, supported: [ETHERFI_ETH] })
  return a
}

/** What a deposit of `amount` ETH gives now: eETH shares, and the eETH balance they make (one read stage). */
export async function previewDeposit(
  client: ReadClient,
  params: PreviewDepositParameters,
): Promise<EtherFiDepositPreview> {
  const d = etherfiDeployment(client, params.deployment)
  assertEth(params.asset)
  const amount = assertAmount('amount', params.amount)
  return runPlan(
    client,
    stage(totalsReads(d), ([pooled, total]) =>
      etherfiDepositOut(amount, unwrap<bigint>(pooled), unwrap<bigint>(total)),
    ),
  )
}
