import {
  type BatchRead,
  type BatchResult,
  type ReadClient,
  type ReadPlan,
  resolveDeployment,
  stage,
  UnsupportedChainError,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { swellAccessControlManagerAbi, swellRswETHAbi } from '../abis.js'
import { type SwellDeployment, swellDeployments } from '../deployments.js'

export type { ReadClient }

export const WAD = 10n ** 18n

/** The Swell deployment given, else the known one for the client's chain (a typed error when none). */
export function swellDeployment(client: ReadClient, deployment?: SwellDeployment): SwellDeployment {
  return resolveDeployment(client, swellDeployments as Record<number, SwellDeployment>, 'Swell', deployment)
}

/** For writes: the deployment given, else the chain's known one, else a typed error. */
export function writeDeployment(chainId: number | undefined, given: unknown): SwellDeployment {
  if (given) return given as SwellDeployment
  const known =
    chainId === undefined ? undefined : (swellDeployments as Record<number, SwellDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId: chainId ?? 0, protocol: 'Swell' })
  return known
}

export function assertVerified(d: SwellDeployment, allowUnverified: unknown): void {
  if (d.unconfirmed && allowUnverified !== true) throw new UnverifiedDeploymentError({ protocol: 'Swell' })
}

/** The identity read: rswETH's `symbol()`. */
export function symbolRead(d: SwellDeployment): BatchRead {
  return { address: d.rswETH, abi: swellRswETHAbi, functionName: 'symbol' }
}

/** The identity guard: rswETH answers `symbol()` with "rswETH"; `others` must have succeeded too. */
export function assertSwell(
  d: SwellDeployment,
  symbol: BatchResult | undefined,
  others: readonly [string, Address, BatchResult | undefined][] = [],
): void {
  const found = symbol?.status === 'success' ? String(symbol.result) : 'no answer to symbol() (no code?)'
  if (found !== 'rswETH')
    throw new DeploymentMismatchError({
      protocol: 'Swell',
      contract: 'RswETH',
      address: d.rswETH,
      expected: 'symbol() "rswETH"',
      found,
    })
  for (const [contract, address, r] of others) {
    if (r?.status !== 'success')
      throw new DeploymentMismatchError({
        protocol: 'Swell',
        contract,
        address,
        expected: `${contract}'s interface`,
        found: 'a failed read (no code, or another contract)',
      })
  }
}

/**
 * The rswEXIT address: the deployment's, else read on chain (`rswETH.AccessControlManager()` then
 * `.rswEXIT()`, two stages), then `next` with it.
 */
export function withExit<T>(d: SwellDeployment, next: (rswEXIT: Address) => ReadPlan<T>): ReadPlan<T> {
  if (d.rswEXIT) return next(d.rswEXIT)
  return stage([{ address: d.rswETH, abi: swellRswETHAbi, functionName: 'AccessControlManager' }], ([acm]) =>
    stage(
      [{ address: unwrap<Address>(acm), abi: swellAccessControlManagerAbi, functionName: 'rswEXIT' }],
      ([exit]) => next(unwrap<Address>(exit)),
    ),
  )
}

/** The smaller of two bigints. */
export const minRate = (a: bigint, b: bigint): bigint => (a < b ? a : b)
