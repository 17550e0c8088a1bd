// Local helpers of the Symbiotic network side (written here).
import {
  ChainMismatchError,
  InvalidParameterError,
  type ReadClient,
  resolveDeployment,
  UnsupportedChainError,
} from '@restakekit/core'
import { type SymbioticDeployment, symbioticDeployments } from '@restakekit/core/symbiotic'
import { type Address, concatHex, getAddress, type Hex, pad, toHex } from 'viem'

/** Every action takes an optional deployment (the devnet's, a fork, a new testnet); default: the client's chain. */
export type SymbioticDeploymentParameter = { deployment?: SymbioticDeployment | undefined }

/** The deployment a write spec uses: the given one (on the client's chain), else the known one. */
export function symbioticSpecDeployment(chainId: number | undefined, given: unknown): SymbioticDeployment {
  const d = given as SymbioticDeployment | undefined
  if (d) {
    if (d.chainId !== undefined && chainId !== undefined && d.chainId !== chainId)
      throw new ChainMismatchError({ deployment: d.chainId, client: chainId })
    return d
  }
  if (chainId === undefined)
    throw new InvalidParameterError({
      parameter: 'chainId',
      reason: 'no chain: pass a Symbiotic deployment or a chainId',
    })
  const known = (symbioticDeployments as Record<number, SymbioticDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId, protocol: 'Symbiotic' })
  return known
}

/** The deployment of a read: the given one, else the known one for the client's chain. */
export function symbioticReadDeployment(client: ReadClient, deployment?: SymbioticDeployment) {
  return resolveDeployment<SymbioticDeployment>(
    client,
    symbioticDeployments as Record<number, SymbioticDeployment>,
    'Symbiotic',
    deployment,
  )
}

/** A uint96 subnetwork identifier (default 0). */
export function assertIdentifier(value: unknown): bigint {
  const id = value === undefined ? 0n : typeof value === 'number' ? BigInt(value) : value
  if (typeof id !== 'bigint' || id < 0n || id >= 1n << 96n)
    throw new InvalidParameterError({
      parameter: 'identifier',
      reason: `${String(value)} is not an integer in [0, 2^96)`,
    })
  return id
}

/** A uint256 value that may be 0 (limits, shares). */
export function assertUint256(parameter: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n || value >= 1n << 256n)
    throw new InvalidParameterError({ parameter, reason: `${String(value)} is not a uint256 bigint` })
  return value
}

/** A uint48 timestamp. */
export function assertUint48(parameter: string, value: unknown): bigint {
  const v = typeof value === 'number' && Number.isInteger(value) ? BigInt(value) : value
  if (typeof v !== 'bigint' || v < 0n || v >= 1n << 48n)
    throw new InvalidParameterError({ parameter, reason: `${String(value)} is not an integer in [0, 2^48)` })
  return v
}

/** `network ‖ uint96 identifier`: the subnetwork key the delegators and slashers use. */
export function subnetworkOf(network: Address, identifier: bigint = 0n): Hex {
  return concatHex([getAddress(network), pad(toHex(identifier), { size: 12 })]).toLowerCase() as Hex
}

/** The network and identifier a subnetwork key is made of. */
export function parseSubnetwork(subnetwork: Hex): { network: Address; identifier: bigint } {
  if (!/^0x[0-9a-fA-F]{64}$/.test(subnetwork))
    throw new InvalidParameterError({ parameter: 'subnetwork', reason: `${subnetwork} is not a bytes32` })
  return {
    network: getAddress(`0x${subnetwork.slice(2, 42)}`),
    identifier: BigInt(`0x${subnetwork.slice(42)}`),
  }
}

export function sameAddress(a: Address | undefined | null, b: Address | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase()
}

/** Canonical Multicall3 (its `getCurrentBlockTimestamp` gives the landing block's clock in the batch). */
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
