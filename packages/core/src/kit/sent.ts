import type { Address, Hex } from 'viem'

/** What the kit sent under a hash: so a wait can tell a transaction replaced unseen from a slow one. */
export type SentRecord = { account: Address; nonce: number; to: Address; data: Hex; value: bigint }

/** How many recent sends are remembered (the oldest is forgotten first). */
const REMEMBERED = 512
const sent = new Map<string, SentRecord>()

/** Records a broadcast the node accepted. */
export function rememberSent(hash: Hex, record: SentRecord): void {
  const { account, nonce, to, data, value } = record
  sent.set(hash.toLowerCase(), { account, nonce, to, data, value })
  if (sent.size > REMEMBERED) sent.delete(sent.keys().next().value as string)
}

/** The record of a hash this process's kit sent, if it is still remembered. */
export function sentRecord(hash: Hex): SentRecord | undefined {
  return sent.get(hash.toLowerCase())
}
