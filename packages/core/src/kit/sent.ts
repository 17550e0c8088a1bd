import type { Address, Chain, Client, Hex, Transaction, Transport } from 'viem'
import { getBlock, getBlockNumber } from 'viem/actions'
import { getAction } from 'viem/utils'

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

/** Whether a transaction has the sent one's contents: `to`, calldata and value. */
export function sameContents(
  t: { to: Address | null; input: Hex; value: bigint },
  sent: { to: Address; data: Hex; value: bigint },
): boolean {
  return (
    t.to?.toLowerCase() === sent.to.toLowerCase() &&
    t.input.toLowerCase() === sent.data.toLowerCase() &&
    t.value === sent.value
  )
}

/**
 * Walks the blocks back from the latest down to `lowest(latest)`, giving `visit` each block's
 * transactions from `account`; returns the first answer `visit` gives (`undefined`: none did).
 */
export async function walkOwnTransactions<T>(
  client: Client<Transport, Chain | undefined>,
  account: Address,
  lowest: (latest: bigint) => bigint,
  visit: (own: Transaction[]) => T | undefined,
): Promise<T | undefined> {
  const latest = await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 })
  for (let n = latest, end = lowest(latest); n >= end && n >= 0n; n--) {
    const block = await getAction(client, getBlock, 'getBlock')({ blockNumber: n, includeTransactions: true })
    const own = block.transactions.filter((t) => t.from.toLowerCase() === account.toLowerCase())
    const answer = visit(own)
    if (answer !== undefined) return answer
  }
  return undefined
}
