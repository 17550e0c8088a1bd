import type { Chain, Client, Transport } from 'viem'

/** The EigenLayer actions bound to a client (filled in as actions land). */
export type EigenLayerActions = Record<string, never>

export function eigenlayerActions(
  _client: Client<Transport, Chain | undefined>,
  _deployment?: unknown,
): EigenLayerActions {
  return {}
}
