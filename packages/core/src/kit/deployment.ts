import type { Client } from 'viem'
import { ChainMismatchError, InvalidParameterError, UnsupportedChainError } from '../errors.js'

/**
 * The deployment a call uses: the caller's own (a fork, a new testnet) if given, else the known
 * one for the client's chain. A given deployment for another chain than the client's is an error.
 */
export function resolveDeployment<T extends { chainId?: number }>(
  client: Client,
  known: Readonly<Record<number, T>>,
  protocol: string,
  override?: T,
): T {
  const chainId = client.chain?.id
  if (override) {
    if (override.chainId !== undefined && chainId !== undefined && override.chainId !== chainId) {
      throw new ChainMismatchError({ deployment: override.chainId, client: chainId })
    }
    return override
  }
  if (chainId === undefined) {
    throw new InvalidParameterError({
      parameter: 'client',
      reason: `has no chain; set one or pass a ${protocol} deployment`,
    })
  }
  const found = known[chainId]
  if (!found) throw new UnsupportedChainError({ chainId, protocol })
  return found
}
