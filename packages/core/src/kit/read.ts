import { type Abi, type Address, type Chain, type Client, encodeFunctionData, type Transport } from 'viem'
import { multicall } from 'viem/actions'
import { getAction } from 'viem/utils'
import { asRpcError, assertChain, guarded, isTransportFailure, knownChainId, learnChainId } from './chain.js'

/** One read in a batch. */
export type BatchRead = {
  address: Address
  abi: Abi
  functionName: string
  args?: readonly unknown[]
  /**
   * What this call may cost in gas, when known to exceed {@link DEFAULT_CALL_GAS} (a view that
   * loops): only used to split a large batch into `aggregate3`s under the gas cap.
   */
  gas?: bigint | undefined
}

/** A read's outcome: the decoded result, or the error (kept, so one failed read spoils nothing else). */
export type BatchResult<T = unknown> = { status: 'success'; result: T } | { status: 'failure'; error: Error }

/**
 * Runs any number of reads as `aggregate3` `eth_call`s to Multicall3 (one JSON-RPC round trip):
 * the chain's `multicall3` contract when it names one, else a deployless multicall. A batch whose
 * estimated gas exceeds the client's cap (`withReadBatching(client, { maxGas })`, default
 * {@link DEFAULT_MAX_GAS}) is split into several `aggregate3`s sent together: one HTTP request on a
 * transport with `batch: true`, so round trips do not grow. On a client made by `withReadBatching`,
 * concurrent `readBatch` calls share one `aggregate3`; on a client made by `pinBlock`, reads at
 * `latest` read the pinned block.
 */
export async function readBatch(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  options: ReadAt = {},
): Promise<BatchResult[]> {
  if (reads.length === 0) return []
  const batcher = (client as { [BATCHER]?: ReadBatcher })[BATCHER]
  const pin = isLatest(options) ? pinOf(client) : undefined
  if (!pin) return send(client, batcher, reads, blockKey(options))
  if (pin.blockNumber !== undefined) return send(client, batcher, reads, pin.blockNumber.toString())
  if (pin.learning) {
    const block = await pin.learning.catch(() => 'failed' as const)
    // the first read failed: this one learns the block instead
    if (block === 'failed') return readBatch(client, reads, options)
    return send(client, batcher, reads, block ? block.blockNumber.toString() : 'latest')
  }
  // the first read at `latest` on this pin: it asks its own block inside its aggregate3 and pins it
  if (batcher) return batcher.enqueue(reads, 'latest', pin)
  const first = aggregate(client, reads, 'latest', true)
  learnPin(
    pin,
    first.then((r) => r.block),
  )
  return (await first).results
}

function send(
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

function isLatest(at: ReadAt): boolean {
  return at.blockNumber === undefined && (at.blockTag === undefined || at.blockTag === 'latest')
}

function blockKey(at: ReadAt): BlockKey {
  return at.blockNumber !== undefined ? at.blockNumber.toString() : (at.blockTag ?? 'latest')
}

/** The gas one call of a batch is assumed to cost unless it says (`BatchRead.gas`). */
export const DEFAULT_CALL_GAS = 40_000n

/**
 * The gas one `aggregate3` may be estimated at before a batch is split (unless the client says
 * otherwise, `withReadBatching(client, { maxGas })`): under the 50M `eth_call` cap of geth and
 * most providers, with room for calls that cost more than estimated. Each call is estimated at
 * its `gas` (default {@link DEFAULT_CALL_GAS}) plus 16 gas per calldata byte: about 700 plain views
 * per `aggregate3`.
 */
export const DEFAULT_MAX_GAS = 30_000_000n

/** What a call of a batch is estimated to cost (only to split a batch, never sent). */
function estimateGas(read: BatchRead): bigint {
  let bytes = 4n + 32n * BigInt(read.args?.length ?? 0)
  try {
    bytes = BigInt((encodeFunctionData(read as never).length - 2) / 2)
  } catch {
    // the read's own error comes back in its result; its size does not matter
  }
  // an aggregate3 Call3 entry: address, allowFailure, calldata offset and length, padded calldata
  return (read.gas ?? DEFAULT_CALL_GAS) + 16n * (128n + bytes)
}

/** The reads cut into consecutive chunks of at most `maxGas` estimated gas each (at least one call each). */
function chunksOf(reads: readonly BatchRead[], maxGas: bigint): (readonly BatchRead[])[] {
  const chunks: BatchRead[][] = []
  let chunk: BatchRead[] = []
  let gas = 0n
  for (const read of reads) {
    const cost = estimateGas(read)
    if (chunk.length > 0 && gas + cost > maxGas) {
      chunks.push(chunk)
      chunk = []
      gas = 0n
    }
    chunk.push(read)
    gas += cost
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}

const LIMITS = Symbol.for('restakekit.readLimits')
const PIN = Symbol.for('restakekit.readPin')

/** The block a pinned read saw: its number and timestamp (Multicall3's views of the same `eth_call`). */
export type PinnedBlock = { blockNumber: bigint; timestamp: bigint }

/** A client's pin: the block once known, or the first read that is learning it. */
type Pin = {
  blockNumber?: bigint | undefined
  timestamp?: bigint | undefined
  /** Resolves to null when the block cannot be asked (no Multicall3 on the chain): reads stay at `latest`. */
  learning?: Promise<PinnedBlock | null> | undefined
}

function pinOf(client: Client<Transport, Chain | undefined>): Pin | undefined {
  return (client as { [PIN]?: Pin })[PIN]
}

/** Later reads wait on the first read's block; when the first read fails, the next read learns it again. */
function learnPin(pin: Pin, block: Promise<PinnedBlock | undefined>): void {
  const learning = block.then((b) => {
    if (!b) return null
    pin.blockNumber = b.blockNumber
    pin.timestamp = b.timestamp
    return b
  })
  pin.learning = learning
  learning.catch(() => {
    if (pin.learning === learning) pin.learning = undefined
  })
}

/**
 * A copy of `client` whose reads at `latest` (`readBatch` and `runPlan` without a block or tag) all
 * read one block: `blockNumber` when given, else the block of the first such read, asked inside its
 * own `aggregate3` (Multicall3 `getBlockNumber` and `getCurrentBlockTimestamp`: no extra request).
 * Reads that name a block or the `pending` tag are unchanged. Keeps `withReadBatching`'s merging.
 */
export function pinBlock<client extends Client<Transport, Chain | undefined>>(
  client: client,
  blockNumber?: bigint,
): client {
  const pin: Pin = { blockNumber }
  return Object.assign({ ...client }, { [PIN]: pin })
}

/**
 * The block a pinned client reads (see `pinBlock`): known, or awaited from the first read at
 * `latest` when it is under way. Undefined on a client that is not pinned or whose reads have not
 * started (or could not ask its block); `{ blockNumber }` alone (timestamp undefined) when the pin was given.
 */
export async function pinnedBlock(
  client: Client<Transport, Chain | undefined>,
): Promise<{ blockNumber: bigint; timestamp?: bigint | undefined } | undefined> {
  const pin = pinOf(client)
  if (!pin) return undefined
  if (pin.blockNumber !== undefined) return { blockNumber: pin.blockNumber, timestamp: pin.timestamp }
  return (await pin.learning?.catch(() => null)) ?? undefined
}

/** The block a pinned client reads when it is known already (no waiting), else undefined. */
export function knownPinnedBlock(client: Client<Transport, Chain | undefined>): bigint | undefined {
  return pinOf(client)?.blockNumber
}

/**
 * The client a read of several rounds reads through, so that every round sees one block: at
 * `latest` (no `at`), a pinned copy of `client` (its first round asks its block inside its own
 * `aggregate3`, the later rounds read that block), unless `client` is pinned already; `client`
 * itself for reads at a given block or tag. Without it, a write mined between two rounds is seen
 * by one and not the other (shares counted twice, or not at all).
 */
export function oneBlock<client extends Client<Transport, Chain | undefined>>(
  client: client,
  at: ReadAt = {},
): client {
  return isLatest(at) && !isPinned(client) ? pinBlock(client) : client
}

/** True when `client`'s reads at `latest` are pinned to one block (see `pinBlock`). */
export function isPinned(client: Client<Transport, Chain | undefined>): boolean {
  return pinOf(client) !== undefined
}

/** Multicall3's own views, asked inside an `aggregate3`: the chain id, the block read and its time. */
const probeAbi = (['getChainId', 'getBlockNumber', 'getCurrentBlockTimestamp'] as const).map((name) => ({
  type: 'function' as const,
  name,
  stateMutability: 'view' as const,
  inputs: [],
  outputs: [{ type: 'uint256' as const }],
}))

/**
 * The reads as one `aggregate3`, or, above the client's gas cap, as several sent at once (one HTTP
 * request on a batching transport). With `withBlock` (a first read on a pin), the block read is
 * returned too. Chunks read at `latest` each ask their block: a chunk that saw another block than
 * the first is read again at the first chunk's block, so the results are one block's state.
 */
async function aggregate(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
  withBlock: boolean,
): Promise<{ results: BatchResult[]; block?: PinnedBlock | undefined }> {
  const maxGas = (client as { [LIMITS]?: ReadBatchingOptions })[LIMITS]?.maxGas ?? DEFAULT_MAX_GAS
  const chunks = chunksOf(reads, maxGas)
  if (chunks.length <= 1) return aggregateOne(client, reads, key, withBlock)
  const agree = key === 'latest'
  const parts = await Promise.all(chunks.map((chunk) => aggregateOne(client, chunk, key, withBlock || agree)))
  const first = parts[0]?.block
  if (agree && first) {
    const at = first.blockNumber.toString()
    await Promise.all(
      parts.map(async (part, i) => {
        if (part.block?.blockNumber === first.blockNumber) return
        parts[i] = await aggregateOne(client, chunks[i] ?? [], at, false)
      }),
    )
  }
  return { results: parts.flatMap((p) => p.results), block: first }
}

/**
 * One `aggregate3` with the chain guard: when the client does not know its node's chain id yet, the
 * chain's Multicall3 is asked `getChainId()` in the same `aggregate3` (no extra request), else
 * `eth_chainId` goes out alongside (the same HTTP request on a batching transport). No result is
 * returned before the guard passed. A request that got no answer is an `RpcUnavailableError`.
 * With `withBlock`, Multicall3's `getBlockNumber()` and `getCurrentBlockTimestamp()` ride along too
 * (no Multicall3 on the chain: the block is not known, and the read is not pinned).
 */
async function aggregateOne(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
  withBlock: boolean,
): Promise<{ results: BatchResult[]; block?: PinnedBlock | undefined }> {
  const multicall3 = client.chain?.contracts?.multicall3?.address
  const known = knownChainId(client) !== undefined
  const blockProbe: BatchRead[] =
    withBlock && multicall3
      ? [
          { address: multicall3, abi: probeAbi, functionName: 'getBlockNumber' },
          { address: multicall3, abi: probeAbi, functionName: 'getCurrentBlockTimestamp' },
        ]
      : []
  const probe: BatchRead[] =
    !known && multicall3 ? [{ address: multicall3, abi: probeAbi, functionName: 'getChainId' }] : []
  const read = getAction(
    client,
    multicall,
    'multicall',
  )({
    contracts: [...reads, ...blockProbe, ...probe] as never,
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
  let block: PinnedBlock | undefined
  if (blockProbe.length && results.length === reads.length + 2) {
    const [n, t] = results.splice(reads.length, 2)
    if (n?.status === 'success' && t?.status === 'success')
      block = { blockNumber: n.result as bigint, timestamp: t.result as bigint }
  }
  return { results, block }
}

const BATCHER = Symbol.for('restakekit.readBatcher')

type PendingRead = {
  reads: readonly BatchRead[]
  resolve: (results: BatchResult[]) => void
  reject: (error: unknown) => void
}

/**
 * Collects the `readBatch` calls made while the current macrotask runs (every reader that is
 * waiting on the same previous stage) and sends them as one `aggregate3` per block tag (split
 * under the gas cap, the chunks sent together). A group at `latest` that first reads a pin learns
 * the pin's block.
 */
class ReadBatcher {
  private queue = new Map<string, { pending: PendingRead[]; pins: Set<Pin> }>()
  private scheduled = false
  /** How many batches this batcher sent (one per stage and block; a split batch counts once). */
  calls = 0

  constructor(private readonly client: Client<Transport, Chain | undefined>) {}

  enqueue(reads: readonly BatchRead[], key: BlockKey, pin?: Pin): Promise<BatchResult[]> {
    return new Promise((resolve, reject) => {
      const group = this.queue.get(key) ?? { pending: [], pins: new Set<Pin>() }
      group.pending.push({ reads, resolve, reject })
      if (pin) group.pins.add(pin)
      this.queue.set(key, group)
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
    for (const [key, { pending, pins }] of groups) {
      this.calls++
      const all = pending.flatMap((p) => p.reads)
      const sent = aggregate(this.client, all, key, pins.size > 0)
      for (const pin of pins)
        learnPin(
          pin,
          sent.then((r) => r.block),
        )
      sent.then(
        ({ results }) => {
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
  /**
   * The estimated gas one `aggregate3` may carry (default {@link DEFAULT_MAX_GAS}); a larger batch
   * is split into several sent together. Lower it for a provider with a lower `eth_call` gas cap.
   */
  maxGas?: bigint | undefined
}

/**
 * A copy of `client` on which concurrent `readBatch` calls are merged: readers started together
 * (`Promise.all`) share one `aggregate3` per stage, so reading several protocols costs as many
 * round trips as the deepest one alone. `batchedCalls()` says how many batches were sent.
 * `maxGas` caps the estimated gas of one `aggregate3` (on this copy and plain reads through it).
 */
export function withReadBatching<client extends Client<Transport, Chain | undefined>>(
  client: client,
  options: ReadBatchingOptions = {},
): client & { batchedCalls: () => number } {
  const limited =
    options.maxGas === undefined
      ? client
      : Object.assign({ ...client }, { [LIMITS]: { maxGas: options.maxGas } })
  const batcher = new ReadBatcher(limited)
  return Object.assign({ ...limited }, { [BATCHER]: batcher, batchedCalls: () => batcher.calls })
}

/** The result of a batch read, or throws its error. */
export function unwrap<T>(r: BatchResult | undefined): T {
  if (!r) throw new Error('missing batch result')
  if (r.status === 'failure') throw r.error
  return r.result as T
}
