// Finds every mined transaction that reverted on a chain and explains it: the call, the revert
// reason from a replay (`debug_traceTransaction` with the call tracer), the gas used against the
// limit, and the timestamps of the blocks around it. Used by the stress run; reads only the chain.
import { explainRevert } from '@restakekit/core'
import type { Address, Hex, PublicClient } from 'viem'

export type RevertRecord = {
  hash: Hex
  block: bigint
  from: Address
  to: Address | null
  /** The 4-byte selector of the call. */
  selector: Hex
  gasUsed: bigint
  gasLimit: bigint
  /** True when the replay says the transaction, or a call inside it, ran out of gas. */
  outOfGas: boolean
  /** What the replay says: the tracer's error, and the revert data decoded when it is `Error(string)`. */
  reason: string
  /** Timestamps of the blocks before, at and after the reverted one (null past the chain head). */
  timestamps: { before: bigint | null; at: bigint; after: bigint | null }
}

export async function findReverts(client: PublicClient, fromBlock = 0n): Promise<RevertRecord[]> {
  const head = await client.getBlockNumber()
  const records: RevertRecord[] = []
  const timestamp = async (n: bigint) =>
    n < 0n || n > head ? null : (await client.getBlock({ blockNumber: n })).timestamp
  for (let n = fromBlock; n <= head; n++) {
    const block = await client.getBlock({ blockNumber: n, includeTransactions: true })
    for (const tx of block.transactions) {
      const receipt = await client.getTransactionReceipt({ hash: tx.hash })
      if (receipt.status === 'success') continue
      // the SDK's own explanation of a mined revert: a replay with the call tracer
      const explained = await explainRevert(client, receipt)
      records.push({
        hash: tx.hash,
        block: n,
        from: tx.from,
        to: tx.to,
        selector: tx.input.slice(0, 10) as Hex,
        gasUsed: receipt.gasUsed,
        gasLimit: tx.gas,
        outOfGas: /out of gas/i.test(explained.reason ?? ''),
        reason: explained.reason ?? 'no reason from the replay',
        timestamps: { before: await timestamp(n - 1n), at: block.timestamp, after: await timestamp(n + 1n) },
      })
    }
  }
  return records
}
