import type { Chain, Client, Transport } from 'viem'

/** The Karak actions bound to a client (filled in as actions land). */
export type KarakActions = Record<string, never>

export function karakActions(
  _client: Client<Transport, Chain | undefined>,
  _deployment?: unknown,
): KarakActions {
  return {}
}
