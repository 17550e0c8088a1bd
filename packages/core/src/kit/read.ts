import type { Abi, Address, Chain, Client, Transport } from 'viem'
import { multicall } from 'viem/actions'
import { getAction } from 'viem/utils'
import { asRpcError, assertChain, guarded, isTransportFailure, knownChainId, learnChainId } from './chain.js'

/** One read in a batch. */
export type BatchRead = {
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
}

/** A read's outcome: the decoded result, or the error (kept, so one failed read spoils nothing else). */
export type BatchResult<T = unknown> = { status: 'success'; result: T } | { status: 'failure'; error: Error }

/**
 * Runs any number of reads as ONE `eth_call` to Multicall3 `aggregate3` (one JSON-RPC round trip):
 * the chain's `multicall3` contract when it names one, else a deployless multicall. No size
 * chunking, so a logical read costs one round trip whatever its number of calls. On a client made
 * by `withReadBatching`, concurrent `readBatch` calls share one `aggregate3`.
 */
export async function readBatch(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  options: ReadAt = {},
): Promise<BatchResult[]> {
  if (reads.length === 0) return []
  const batcher = (client as { [BATCHER]?: ReadBatcher })[BATCHER]
  if (batcher) return batcher.enqueue(reads, blockKey(options))
  return aggregate(client, reads, blockKey(options))
}

/**
 * Which block a read sees: a number, or a tag. Checks made before a write read `pending`
 * (`LANDING_BLOCK_TAG`): the state and clock the transaction will meet.
 */
export type ReadAt = { blockNumber?: bigint; blockTag?: 'latest' | 'pending' }

/** A block number as decimal, or a tag: one key per block the batcher groups reads by. */
type BlockKey = string

function blockKey(at: ReadAt): BlockKey {
  return at.blockNumber !== undefined ? at.blockNumber.toString() : (at.blockTag ?? 'latest')
}

const chainIdProbeAbi = [
  {
    type: 'function',
    name: 'getChainId',
    stateMutability: 'view',
    inputs: [],
    outputs: [{ type: 'uint256' }],
  },
] as const

/**
 * One `aggregate3` with the chain guard: when the client does not know its node's chain id yet, the
 * chain's Multicall3 is asked `getChainId()` in the same `aggregate3` (no extra request), else
 * `eth_chainId` goes out alongside (the same HTTP request on a batching transport). No result is
 * returned before the guard passed. A request that got no answer is an `RpcUnavailableError`.
 */
async function aggregate(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
): Promise<BatchResult[]> {
  const multicall3 = client.chain?.contracts?.multicall3?.address
  const known = knownChainId(client) !== undefined
  const probe =
    !known && multicall3
      ? [{ address: multicall3, abi: chainIdProbeAbi, functionName: 'getChainId' } satisfies BatchRead]
      : []
  const read = getAction(
    client,
    multicall,
    'multicall',
  )({
    contracts: [...reads, ...probe] as never,
    allowFailure: true,
    batchSize: 0,
    ...(multicall3 ? {} : { deployless: true }),
    ...(key === 'latest' ? {} : key === 'pending' ? { blockTag: 'pending' } : { blockNumber: BigInt(key) }),
  }).catch((error: unknown) => {
    throw asRpcError('eth_call (aggregate3)', error)
  }) as Promise<BatchResult[]>
  let results: BatchResult[]
  if (known) {
    await assertChain(client)
    results = await read
  } else if (probe.length) {
    const [settled] = await Promise.allSettled([read])
    if (settled.status === 'rejected') {
      await assertChain(client) // a wrong chain explains a failed read better than the read's error
      throw settled.reason
    }
    results = settled.value
    // (a client whose `multicall` is overridden may answer only the reads it knows)
    const answer = results.length === reads.length + 1 ? results.pop() : undefined
    if (answer?.status === 'success') learnChainId(client, Number(answer.result as bigint))
    await assertChain(client) // asks eth_chainId only when the probe failed (no Multicall3 there)
  } else {
    results = await guarded(client, undefined, read)
  }
  // with allowFailure, a request that got no answer comes back as a failure of every call: that is
  // an outage, not a contract's answer (never let it read as "not found" or "not whitelisted")
  const outage = results.find((r) => r.status === 'failure' && isTransportFailure(r.error))
  if (outage && outage.status === 'failure') throw asRpcError('eth_call (aggregate3)', outage.error)
  return results
}

const BATCHER = Symbol.for('restakekit.readBatcher')

type PendingRead = {
  reads: readonly BatchRead[]
  resolve: (results: BatchResult[]) => void
  reject: (error: unknown) => void
}

/**
 * Collects the `readBatch` calls made while the current macrotask runs (every reader that is
 * waiting on the same previous stage) and sends them as one `aggregate3` per block tag.
 */
class ReadBatcher {
  private queue = new Map<string, PendingRead[]>()
  private scheduled = false
  /** How many `aggregate3` calls this batcher sent. */
  calls = 0

  constructor(private readonly client: Client<Transport, Chain | undefined>) {}

  enqueue(reads: readonly BatchRead[], key: BlockKey): Promise<BatchResult[]> {
    return new Promise((resolve, reject) => {
      const list = this.queue.get(key) ?? []
      list.push({ reads, resolve, reject })
      this.queue.set(key, list)
      if (!this.scheduled) {
        this.scheduled = true
        setTimeout(() => this.flush(), 0)
      }
    })
  }

  private flush(): void {
    this.scheduled = false
    const groups = this.queue
    this.queue = new Map()
    for (const [key, pending] of groups) {
      this.calls++
      const all = pending.flatMap((p) => p.reads)
      aggregate(this.client, all, key).then(
        (results) => {
          let at = 0
          for (const p of pending) {
            p.resolve(results.slice(at, at + p.reads.length))
            at += p.reads.length
          }
        },
        (error: unknown) => {
          for (const p of pending) p.reject(error)
        },
      )
    }
  }
}

/**
 * A copy of `client` on which concurrent `readBatch` calls are merged: readers started together
 * (`Promise.all`) share one `aggregate3` per stage, so reading several protocols costs as many
 * round trips as the deepest one alone. `batchedCalls()` says how many `aggregate3`s were sent.
 */
export function withReadBatching<client extends Client<Transport, Chain | undefined>>(
  client: client,
): client & { batchedCalls: () => number } {
  const batcher = new ReadBatcher(client)
  return Object.assign({ ...client }, { [BATCHER]: batcher, batchedCalls: () => batcher.calls })
}

/** The result of a batch read, or throws its error. */
export function unwrap<T>(r: BatchResult | undefined): T {
  if (!r) throw new Error('missing batch result')
  if (r.status === 'failure') throw r.error
  return r.result as T
}
