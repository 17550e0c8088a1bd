import type { Abi, Address, Chain, Client, Transport } from 'viem'
import { getBlockNumber, multicall } from 'viem/actions'
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
 * Runs any number of reads as one `aggregate3` `eth_call` to Multicall3 (one JSON-RPC round trip):
 * the chain's `multicall3` contract when it names one, else a deployless multicall. A batch of more
 * than the client's call cap (`maxCalls`, default {@link DEFAULT_MAX_CALLS}) is split into several
 * `aggregate3`s sent together, so a transport with `batch: true` carries them in one HTTP request.
 * On a client made by `withReadBatching`, concurrent `readBatch` calls share one `aggregate3`; on a
 * client pinned by `pinBlock`, reads at `latest` read the pinned block.
 */
export async function readBatch(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  options: ReadAt = {},
): Promise<BatchResult[]> {
  if (reads.length === 0) return []
  const batcher = (client as { [BATCHER]?: ReadBatcher })[BATCHER]
  const pin = options.blockNumber === undefined && options.blockTag === undefined ? pinOf(client) : undefined
  if (pin?.blockNumber !== undefined) return readAt(client, batcher, reads, pin.blockNumber.toString())
  if (pin?.inFlight) return readAt(client, batcher, reads, (await pin.inFlight).toString())
  if (pin && batcher) return batcher.enqueue(reads, 'latest', pin) // pinned when the batch is sent
  if (pin) {
    // this read is the first stage: it learns the block (inside its own aggregate3) and pins it
    const first = aggregate(client, reads, 'latest', true).then((r) => {
      setPin(pin, r.blockNumber)
      return r.results
    })
    track(pin, first)
    return first
  }
  return readAt(client, batcher, reads, blockKey(options))
}

function readAt(
  client: Client<Transport, Chain | undefined>,
  batcher: ReadBatcher | undefined,
  reads: readonly BatchRead[],
  key: BlockKey,
): Promise<BatchResult[]> {
  if (batcher) return batcher.enqueue(reads, key)
  return aggregate(client, reads, key, false).then((r) => r.results)
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

/**
 * How many calls one `aggregate3` carries at most unless the client says otherwise
 * (`withReadBatching(client, { maxCalls })`). Providers cap the gas of an `eth_call` (often 50M):
 * at a few tens of thousands of gas per view, 500 calls stay well under such a cap.
 */
export const DEFAULT_MAX_CALLS = 500

const LIMITS = Symbol.for('restakekit.readLimits')
const PIN = Symbol.for('restakekit.readPin')

/** A client's pinned block: known, being learned by the first stage, or not yet asked. */
type PinState = { blockNumber?: bigint | undefined; inFlight?: Promise<bigint> | undefined }

function pinOf(client: Client<Transport, Chain | undefined>): PinState | undefined {
  return (client as { [PIN]?: PinState })[PIN]
}

function setPin(pin: PinState, blockNumber: bigint | undefined): void {
  if (blockNumber === undefined) throw new Error('the pinned read returned no block number')
  pin.blockNumber = blockNumber
}

/** Later reads wait on the first stage's block; when the first stage fails, the next read asks again. */
function track(pin: PinState, first: Promise<unknown>): void {
  const inFlight = first.then(() => pin.blockNumber as bigint)
  pin.inFlight = inFlight
  inFlight.catch(() => {
    if (pin.inFlight === inFlight) pin.inFlight = undefined
  })
}

/**
 * A copy of `client` whose reads at `latest` (every `readBatch` and `runPlan` without a block) all
 * read one block: `blockNumber` when given, else the block of the first such read, asked inside
 * its own `aggregate3` (Multicall3 `getBlockNumber`, no extra round trip). `pinnedBlock()` says
 * which block (undefined before the first read). Reads that name a block or tag are unchanged.
 */
export function pinBlock<client extends Client<Transport, Chain | undefined>>(
  client: client,
  blockNumber?: bigint,
): client & { pinnedBlock: () => bigint | undefined } {
  const pin: PinState = { blockNumber }
  return Object.assign({ ...client }, { [PIN]: pin, pinnedBlock: () => pin.blockNumber })
}

/** True when reads on `client` at `latest` are pinned to one block (see `pinBlock`). */
export function isPinned(client: Client<Transport, Chain | undefined>): boolean {
  return pinOf(client) !== undefined
}

/** Multicall3's own views, asked inside an `aggregate3`: the node's chain id and block number. */
const probeAbi = ['getChainId', 'getBlockNumber'].map((name) => ({
  type: 'function',
  name,
  stateMutability: 'view',
  inputs: [],
  outputs: [{ type: 'uint256' }],
})) as Abi

/**
 * The reads, split into chunks of at most the client's call cap, each sent as one `aggregate3`,
 * all at once (one HTTP request on a transport with `batch: true`). With `withBlock`, or when
 * chunks at `latest` must agree, each chunk also asks Multicall3 `getBlockNumber`; a chunk that
 * saw another block than the first is read again at the first chunk's block, so the results are
 * one block's state. Returns the results in order and, when asked, the block they were read at.
 */
async function aggregate(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
  withBlock: boolean,
): Promise<{ results: BatchResult[]; blockNumber?: bigint | undefined }> {
  const max = Math.max(
    1,
    (client as { [LIMITS]?: { maxCalls: number } })[LIMITS]?.maxCalls ?? DEFAULT_MAX_CALLS,
  )
  const chunks: (readonly BatchRead[])[] = []
  for (let i = 0; i < reads.length; i += max) chunks.push(reads.slice(i, i + max))
  if (chunks.length <= 1) return aggregateOne(client, reads, key, withBlock)
  const agree = withBlock || key === 'latest'
  const parts = await Promise.all(chunks.map((c) => aggregateOne(client, c, key, agree)))
  const first = parts[0]!.blockNumber
  if (agree && first !== undefined) {
    const at = first.toString()
    await Promise.all(
      parts.map(async (part, i) => {
        if (part.blockNumber === first) return
        parts[i] = await aggregateOne(client, chunks[i]!, at, false)
      }),
    )
  }
  return { results: parts.flatMap((p) => p.results), blockNumber: first }
}

/**
 * One `aggregate3` with the chain guard: when the client does not know its node's chain id yet, the
 * chain's Multicall3 is asked `getChainId()` in the same `aggregate3` (no extra request), else
 * `eth_chainId` goes out alongside (the same HTTP request on a batching transport). No result is
 * returned before the guard passed. A request that got no answer is an `RpcUnavailableError`.
 * With `withBlock`, the block read is asked too: Multicall3 `getBlockNumber` in the same
 * `aggregate3`, or (no Multicall3 on the chain) `eth_blockNumber` alongside.
 */
async function aggregateOne(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
  withBlock: boolean,
): Promise<{ results: BatchResult[]; blockNumber?: bigint | undefined }> {
  const multicall3 = client.chain?.contracts?.multicall3?.address
  const known = knownChainId(client) !== undefined
  const blockProbe =
    withBlock && multicall3
      ? [
          {
            address: multicall3,
            abi: probeAbi,
            functionName: 'getBlockNumber',
          } satisfies BatchRead,
        ]
      : []
  const probe =
    !known && multicall3
      ? [{ address: multicall3, abi: probeAbi, functionName: 'getChainId' } satisfies BatchRead]
      : []
  const blockAt: ReadAt =
    key === 'latest' ? {} : key === 'pending' ? { blockTag: 'pending' } : { blockNumber: BigInt(key) }
  const read = getAction(
    client,
    multicall,
    'multicall',
  )({
    contracts: [...reads, ...blockProbe, ...probe] as never,
    allowFailure: true,
    batchSize: 0,
    ...(multicall3 ? {} : { deployless: true }),
    ...blockAt,
  }).catch((error: unknown) => {
    throw asRpcError('eth_call (aggregate3)', error)
  }) as Promise<BatchResult[]>
  // no Multicall3 to ask: the node's block number alongside (not atomic with the read)
  const blockAside = withBlock && !multicall3 ? askBlockNumber(client) : undefined
  blockAside?.catch(() => {})
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
    const answer = results.length === reads.length + blockProbe.length + 1 ? results.pop() : undefined
    if (answer?.status === 'success') learnChainId(client, Number(answer.result as bigint))
    await assertChain(client) // asks eth_chainId only when the probe failed (no Multicall3 there)
  } else {
    results = await guarded(client, undefined, read)
  }
  // with allowFailure, a request that got no answer comes back as a failure of every call: that is
  // an outage, not a contract's answer (never let it read as "not found" or "not whitelisted")
  const outage = results.find((r) => r.status === 'failure' && isTransportFailure(r.error))
  if (outage && outage.status === 'failure') throw asRpcError('eth_call (aggregate3)', outage.error)
  let blockNumber: bigint | undefined
  if (blockProbe.length) {
    const answer = results.length === reads.length + 1 ? results.pop() : undefined
    if (answer?.status === 'success') blockNumber = answer.result as bigint
  }
  if (blockNumber === undefined && withBlock) {
    blockNumber =
      key !== 'latest' && key !== 'pending' ? BigInt(key) : await (blockAside ?? askBlockNumber(client))
  }
  return { results, blockNumber }
}

/** `eth_blockNumber`, uncached (a failed request is an `RpcUnavailableError`). */
function askBlockNumber(client: Client<Transport, Chain | undefined>): Promise<bigint> {
  return getAction(
    client,
    getBlockNumber,
    'getBlockNumber',
  )({ cacheTime: 0 }).catch((error: unknown) => {
    throw asRpcError('eth_blockNumber', error)
  })
}

const BATCHER = Symbol.for('restakekit.readBatcher')

type PendingRead = {
  reads: readonly BatchRead[]
  /** Set on a first stage of a pinned client: the block this group is read at pins it. */
  pin?: PinState | undefined
  resolve: (results: BatchResult[]) => void
  reject: (error: unknown) => void
}

/**
 * Collects the `readBatch` calls made while the current macrotask runs (every reader that is
 * waiting on the same previous stage) and sends them as one `aggregate3` per block tag (split by
 * the call cap, the chunks sent together).
 */
class ReadBatcher {
  private queue = new Map<string, PendingRead[]>()
  private scheduled = false
  /** How many `aggregate3` calls this batcher sent (a split batch counts as one). */
  calls = 0

  constructor(private readonly client: Client<Transport, Chain | undefined>) {}

  enqueue(reads: readonly BatchRead[], key: BlockKey, pin?: PinState): Promise<BatchResult[]> {
    return new Promise((resolve, reject) => {
      const list = this.queue.get(key) ?? []
      list.push({ reads, pin, resolve, reject })
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
      const pins = [...new Set(pending.flatMap((p) => (p.pin ? [p.pin] : [])))]
      const sent = aggregate(this.client, all, key, pins.length > 0)
      for (const pin of pins)
        track(
          pin,
          sent.then((r) => setPin(pin, r.blockNumber)),
        )
      sent.then(
        ({ results, blockNumber }) => {
          for (const pin of pins) setPin(pin, blockNumber)
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

/** Options of `withReadBatching`. */
export type ReadBatchingOptions = {
  /** At most this many calls per `aggregate3` (default {@link DEFAULT_MAX_CALLS}); more are split. */
  maxCalls?: number | undefined
}

/**
 * A copy of `client` on which concurrent `readBatch` calls are merged: readers started together
 * (`Promise.all`) share one `aggregate3` per stage, so reading several protocols costs as many
 * round trips as the deepest one alone. `batchedCalls()` says how many `aggregate3`s were sent.
 * `maxCalls` caps the calls of one `aggregate3` (on this copy and on plain reads through it).
 */
export function withReadBatching<client extends Client<Transport, Chain | undefined>>(
  client: client,
  options: ReadBatchingOptions = {},
): client & { batchedCalls: () => number } {
  const limited =
    options.maxCalls === undefined
      ? client
      : Object.assign({ ...client }, { [LIMITS]: { maxCalls: options.maxCalls } })
  const batcher = new ReadBatcher(limited)
  return Object.assign({ ...limited }, { [BATCHER]: batcher, batchedCalls: () => batcher.calls })
}

/** The result of a batch read, or throws its error. */
export function unwrap<T>(r: BatchResult | undefined): T {
  if (!r) throw new Error('missing batch result')
  if (r.status === 'failure') throw r.error
  return r.result as T
}
