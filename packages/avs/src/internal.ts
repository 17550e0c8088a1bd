// Small local helpers the kit does not export from @restakekit/core's index (written here, not copied).
import {
  ChainMismatchError,
  type EigenLayerDeployment,
  eigenlayerContracts,
  InvalidParameterError,
  resolveDeployment,
  UnsupportedChainError,
} from '@restakekit/core'
import type { Address, Chain, Client, Transport } from 'viem'

/** A client that reads (public, wallet or test client). */
export type AvsReadClient = Client<Transport, Chain | undefined>

/** Every action takes an optional deployment (a fork, a new testnet); default: the client's chain. */
export type DeploymentParameter = { deployment?: EigenLayerDeployment | undefined }

/** The deployment a write spec uses: the given one (on the client's chain), else the known one. */
export function specDeployment(chainId: number | undefined, given: unknown): EigenLayerDeployment {
  const d = given as EigenLayerDeployment | undefined
  if (d) {
    if (d.chainId !== undefined && chainId !== undefined && d.chainId !== chainId)
      throw new ChainMismatchError({ deployment: d.chainId, client: chainId })
    return d
  }
  if (chainId === undefined)
    throw new InvalidParameterError({
      parameter: 'chainId',
      reason: 'no chain: pass an EigenLayer deployment or a chainId',
    })
  const known = (eigenlayerContracts as Record<number, EigenLayerDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId, protocol: 'EigenLayer' })
  return known
}

/** The deployment of a read: the given one, else the known one for the client's chain. */
export function readDeployment(
  client: AvsReadClient,
  deployment?: EigenLayerDeployment,
): EigenLayerDeployment {
  return resolveDeployment<EigenLayerDeployment>(
    client,
    eigenlayerContracts as Record<number, EigenLayerDeployment>,
    'EigenLayer',
    deployment,
  )
}

export function sameAddress(a: Address | undefined | null, b: Address | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase()
}

/** Index of the first address not strictly above its predecessor (as uint160), or -1. */
export function firstNotAscending(list: readonly Address[]): number {
  for (let i = 1; i < list.length; i++) if (BigInt(list[i]!) <= BigInt(list[i - 1]!)) return i
  return -1
}

/** A uint32 parameter (operator set id, delay, timestamp): an integer in [0, 2^32). */
export function assertUint32(parameter: string, value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : value
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0 || n > 0xffffffff)
    throw new InvalidParameterError({ parameter, reason: `${String(value)} is not an integer in [0, 2^32)` })
  return n
}

/** The WAD unit: 1e18 is 100 %. */
export const WAD = 10n ** 18n
