import {
  type BatchRead,
  type BatchResult,
  InvalidAmountError,
  type ReadClient,
  resolveDeployment,
  UnsupportedChainError,
} from '@restakekit/core'
import type { Address } from 'viem'
import { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { etherfiEETHAbi, etherfiWeETHAbi } from '../abis.js'
import { type EtherFiDeployment, etherfiDeployments } from '../deployments.js'

export type { ReadClient }

export const PROTOCOL = 'ether.fi'

/** The ether.fi deployment given, else the known one for the client's chain (a typed error when none). */
export function etherfiDeployment(client: ReadClient, deployment?: EtherFiDeployment): EtherFiDeployment {
  return resolveDeployment(
    client,
    etherfiDeployments as Record<number, EtherFiDeployment>,
    PROTOCOL,
    deployment,
  )
}

/** For writes: the deployment given, else the chain's known one, else a typed error. */
export function writeDeployment(chainId: number | undefined, given: unknown): EtherFiDeployment {
  if (given) return given as EtherFiDeployment
  const known =
    chainId === undefined ? undefined : (etherfiDeployments as Record<number, EtherFiDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId: chainId ?? 0, protocol: PROTOCOL })
  return known
}

/** A write to a deployment marked unconfirmed needs `allowUnverified: true`. */
export function assertVerified(d: EtherFiDeployment, allowUnverified: boolean | undefined): void {
  if (d.unconfirmed && allowUnverified !== true) throw new UnverifiedDeploymentError({ protocol: PROTOCOL })
}

/** `minOut`: a bigint ≥ 0. */
export function assertMinOut(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError({ parameter: 'minOut', value, reason: 'must be a bigint ≥ 0' })
  return value
}

/** The identity reads: eETH's `symbol()` (and weETH's, where the write touches it). */
export function identityReads(d: EtherFiDeployment, withWeETH = false): BatchRead[] {
  return [
    { address: d.eETH, abi: etherfiEETHAbi, functionName: 'symbol' },
    ...(withWeETH ? [{ address: d.weETH, abi: etherfiWeETHAbi, functionName: 'symbol' } as BatchRead] : []),
  ]
}

function assertSymbol(contract: string, address: Address, expected: string, r: BatchResult | undefined) {
  const found = r?.status === 'success' ? String(r.result) : 'no answer to symbol() (no code?)'
  if (found !== expected)
    throw new DeploymentMismatchError({
      protocol: PROTOCOL,
      contract,
      address,
      expected: `symbol() "${expected}"`,
      found,
    })
}

/**
 * The identity guard: eETH answers `symbol()` with "eETH" (and weETH with "weETH" when read); a
 * failed read means no code or another contract. `others` are reads of the pool, NFT or redemption
 * manager that must have succeeded too.
 */
export function assertEtherFi(
  d: EtherFiDeployment,
  symbols: readonly (BatchResult | undefined)[],
  others: readonly [string, Address, BatchResult | undefined][] = [],
): void {
  assertSymbol('EETH', d.eETH, 'eETH', symbols[0])
  if (symbols.length > 1) assertSymbol('WeETH', d.weETH, 'weETH', symbols[1])
  for (const [contract, address, r] of others) {
    if (r?.status !== 'success')
      throw new DeploymentMismatchError({
        protocol: PROTOCOL,
        contract,
        address,
        expected: `${contract}'s interface`,
        found: 'a failed read (no code, or another contract)',
      })
  }
}
