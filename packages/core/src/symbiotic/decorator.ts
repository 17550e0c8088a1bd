import type { Chain, Client, Transport } from 'viem'

/** The Symbiotic actions bound to a client (filled in as actions land). */
export type SymbioticActions = Record<string, never>

export function symbioticActions(
  _client: Client<Transport, Chain | undefined>,
  _deployment?: unknown,
): SymbioticActions {
  return {}
}
