import {
  type BatchRead,
  type BatchResult,
  type ReadClient,
  resolveDeployment,
  UnsupportedChainError,
} from '@restakekit/core'
import { type Address, getAddress, type Hex, toFunctionSelector } from 'viem'
import { getCode, getStorageAt } from 'viem/actions'
import { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { pufferVaultAbi } from '../abis.js'
import { type PufferDeployment, pufferDeployments } from '../deployments.js'

export type { ReadClient }

/** The Puffer deployment given, else the known one for the client's chain (a typed error when none). */
export function pufferDeployment(client: ReadClient, deployment?: PufferDeployment): PufferDeployment {
  return resolveDeployment(
    client,
    pufferDeployments as Record<number, PufferDeployment>,
    'Puffer',
    deployment,
  )
}

/** For writes: the deployment given, else the chain's known one, else a typed error. */
export function writeDeployment(chainId: number | undefined, given: unknown): PufferDeployment {
  if (given) return given as PufferDeployment
  const known =
    chainId === undefined ? undefined : (pufferDeployments as Record<number, PufferDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId: chainId ?? 0, protocol: 'Puffer' })
  return known
}

/** Writes to a deployment marked unconfirmed need `allowUnverified: true`. */
export function assertVerified(d: PufferDeployment, allowUnverified: unknown): void {
  if (d.unconfirmed && allowUnverified !== true) throw new UnverifiedDeploymentError({ protocol: 'Puffer' })
}

/** The identity read: the vault's `symbol()` (the vault is the pufETH token). */
export function symbolRead(d: PufferDeployment): BatchRead {
  return { address: d.vault, abi: pufferVaultAbi, functionName: 'symbol' }
}

/**
 * The identity guard: the vault answers `symbol()` with "pufETH" (a failed read means no code or not
 * the token); `others` are reads of the vault or the withdrawal manager that must have succeeded too.
 */
export function assertPuffer(
  d: PufferDeployment,
  symbol: BatchResult | undefined,
  others: readonly [string, Address, BatchResult | undefined][] = [],
): void {
  const found = symbol?.status === 'success' ? String(symbol.result) : 'no answer to symbol() (no code?)'
  if (found !== 'pufETH')
    throw new DeploymentMismatchError({
      protocol: 'Puffer',
      contract: 'PufferVault',
      address: d.vault,
      expected: 'symbol() "pufETH"',
      found,
    })
  for (const [contract, address, r] of others) {
    if (r?.status !== 'success')
      throw new DeploymentMismatchError({
        protocol: 'Puffer',
        contract,
        address,
        expected: `${contract}'s interface`,
        found: 'a failed read (no code, or another contract)',
      })
  }
}

/** The EIP-1967 implementation slot, `bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)`. */
export const EIP1967_IMPLEMENTATION_SLOT =
  '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc' as const

/**
 * The vault's exit-fee form: `treasury` (v1.6.0+: `getTotalExitFeeBasisPoints`, a treasury part) or
 * `single` (v1.5.0: `getExitFeeBasisPoints` only).
 */
export type PufferExitFeeForm = 'treasury' | 'single'

const forms = new Map<string, Promise<PufferExitFeeForm>>()
/** `PUSH4 <selector>`, as a function dispatcher compares it. */
const treasuryPush = `63${toFunctionSelector('getTotalExitFeeBasisPoints()').slice(2)}`

/**
 * Probes the vault's exit-fee form: reads the implementation behind the proxy (EIP-1967 slot; the
 * address itself when empty) and looks for `getTotalExitFeeBasisPoints()`'s selector in its code.
 * Cached per chain and address (two requests the first time, none after).
 */
export function probeExitFeeForm(client: ReadClient, vault: Address): Promise<PufferExitFeeForm> {
  const key = `${client.chain?.id ?? '?'}:${vault.toLowerCase()}`
  const cached = forms.get(key)
  if (cached) return cached
  const probe = (async () => {
    const slot = await getStorageAt(client, { address: vault, slot: EIP1967_IMPLEMENTATION_SLOT })
    const implementation = slot && BigInt(slot) !== 0n ? getAddress(`0x${slot.slice(-40)}`) : vault
    const code: Hex | undefined = await getCode(client, { address: implementation })
    return code?.toLowerCase().includes(treasuryPush) ? 'treasury' : 'single'
  })()
  forms.set(key, probe)
  probe.catch(() => forms.delete(key))
  return probe
}

/** a / b rounded down; 0 when b is 0. */
export const WAD = 10n ** 18n

/** The smaller of two bigints (`Math.min` does not take bigints). */
export const minRate = (a: bigint, b: bigint): bigint => (a < b ? a : b)
