import {
  type BatchRead,
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  resolveDeployment,
  UnsupportedChainError,
} from '@restakekit/core'
import type { Address } from 'viem'
import { DeploymentMismatchError } from '../../errors.js'
import { kelpRsETHAbi, multicallBlockNumberAbi } from '../abis.js'
import { type KelpDeployment, kelpDeployments } from '../deployments.js'

export type { ReadClient }

/** The Kelp deployment given, else the known one for the client's chain (a typed error when none). */
export function kelpDeployment(client: ReadClient, deployment?: KelpDeployment): KelpDeployment {
  return resolveDeployment(client, kelpDeployments as Record<number, KelpDeployment>, 'Kelp', deployment)
}

/** For writes: the deployment given, else the chain's known one, else a typed error. */
export function writeDeployment(chainId: number | undefined, given: unknown): KelpDeployment {
  if (given) return given as KelpDeployment
  const known =
    chainId === undefined ? undefined : (kelpDeployments as Record<number, KelpDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId: chainId ?? 0, protocol: 'Kelp' })
  return known
}

/** The identity read: rsETH's `symbol()`. */
export function symbolRead(d: KelpDeployment): BatchRead {
  return { address: d.rsETH, abi: kelpRsETHAbi, functionName: 'symbol' }
}

/**
 * The identity guard: rsETH answers `symbol()` with "rsETH" (a failed read means no code or not the
 * token). `others` are reads of the deposit pool, oracle or config that must have succeeded too.
 */
export function assertKelp(
  d: KelpDeployment,
  symbol: BatchResult | undefined,
  others: readonly [string, Address, BatchResult | undefined][] = [],
): void {
  const found = symbol?.status === 'success' ? String(symbol.result) : 'no answer to symbol() (no code?)'
  if (found !== 'rsETH')
    throw new DeploymentMismatchError({
      protocol: 'Kelp',
      contract: 'RSETH',
      address: d.rsETH,
      expected: 'symbol() "rsETH"',
      found,
    })
  for (const [contract, address, r] of others) {
    if (r?.status !== 'success')
      throw new DeploymentMismatchError({
        protocol: 'Kelp',
        contract,
        address,
        expected: `${contract}'s interface`,
        found: 'a failed read (no code, or another contract)',
      })
  }
}

/** Canonical Multicall3 (its `getBlockNumber` puts the chain's clock in the same read stage). */
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

/** The block number, read in the same `aggregate3` as the state it judges (the client's Multicall3, else the canonical one). */
export function blockNumberRead(client?: ReadClient): BatchRead {
  return {
    address: client?.chain?.contracts?.multicall3?.address ?? MULTICALL3,
    abi: multicallBlockNumberAbi,
    functionName: 'getBlockNumber',
  }
}

/** The deployment's LRTWithdrawalManager, or a typed error when the deployment has none. */
export function withdrawalManagerOf(d: KelpDeployment): Address {
  if (!d.lrtWithdrawalManager)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'has no lrtWithdrawalManager (Kelp withdrawals need it)',
    })
  return d.lrtWithdrawalManager
}
