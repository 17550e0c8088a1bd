import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  type Chain,
  type Client,
  type ContractFunctionArgs,
  type ContractFunctionName,
  ContractFunctionRevertedError,
  decodeErrorResult,
  encodeFunctionData,
  erc20Abi,
  getAddress,
  type Hex,
  isAddress,
  type Log,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type TransactionReceipt,
  type Transport,
  toHex,
  type WalletClient,
} from 'viem'
import {
  getBlock,
  getTransaction,
  multicall,
  readContract,
  sendTransaction,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from 'viem/actions'
import { getAction, parseAccount } from 'viem/utils'
import {
  ArrayLengthMismatchError,
  ChainMismatchError,
  ContractRevertError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  type RestakeKitError,
  StepFailedError,
  TransactionRevertedError,
  UnsupportedChainError,
} from './errors.js'

/** One transaction to send: what `prepareX` returns a frozen list of (Safe and smart accounts batch it). */
export type Call = { readonly to: Address; readonly data: Hex; readonly value: bigint }

/** Encodes a contract call into a frozen `Call`. */
export function encodeCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, 'nonpayable' | 'payable'>,
>(params: {
  address: Address
  abi: abi
  functionName: functionName
  args: ContractFunctionArgs<abi, 'nonpayable' | 'payable', functionName>
  value?: bigint
}): Call {
  const data = encodeFunctionData({
    abi: params.abi,
    functionName: params.functionName,
    args: params.args,
  } as never)
  return Object.freeze({ to: params.address, data, value: params.value ?? 0n })
}

/** Freezes a list of calls. */
export function calls(...list: Call[]): readonly Call[] {
  return Object.freeze(list)
}

// ---------------------------------------------------------------- validation (before any request)

export function assertAddress(parameter: string, value: unknown): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false }))
    throw new InvalidAddressError(parameter, value)
  return getAddress(value)
}

export function assertAmount(parameter: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value <= 0n) throw new InvalidAmountError(parameter, value)
  return value
}

export function assertNonEmpty<T>(parameter: string, value: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidParameterError(parameter, 'must be a non-empty array')
  return value
}

export function assertSameLength(names: readonly string[], arrays: readonly (readonly unknown[])[]): void {
  const lengths = arrays.map((a) => a.length)
  if (new Set(lengths).size > 1) throw new ArrayLengthMismatchError(names, lengths)
}

// ---------------------------------------------------------------- deployments

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
      throw new ChainMismatchError(override.chainId, chainId)
    }
    return override
  }
  if (chainId === undefined) {
    throw new InvalidParameterError('client', `has no chain; set one or pass a ${protocol} deployment`)
  }
  const found = known[chainId]
  if (!found) throw new UnsupportedChainError(chainId, protocol)
  return found
}

// ---------------------------------------------------------------- simulate, send, wait

/** Maps a decoded custom error to a typed error a user can act on; return undefined to keep the generic one. */
export type RevertMapper = (reason: string, args: readonly unknown[]) => RestakeKitError | undefined

/**
 * Turns a viem contract error into a `RestakeKitError`: the custom error decoded against the ABI
 * and mapped through `mapper` when it knows it, else a `ContractRevertError`. Raw revert data is kept.
 */
export function decodeRevert(
  error: unknown,
  contract: string,
  functionName: string,
  mapper?: RevertMapper,
): Error {
  if (!(error instanceof BaseError)) return error as Error
  const reverted = error.walk(
    (e) => e instanceof ContractFunctionRevertedError,
  ) as ContractFunctionRevertedError | null
  if (!reverted) return error
  const reason = reverted.data?.errorName ?? (reverted.reason ? `Error("${reverted.reason}")` : undefined)
  const args = (reverted.data?.args ?? []) as readonly unknown[]
  const mapped = reason && reverted.data ? mapper?.(reason, args) : undefined
  if (mapped) {
    ;(mapped as { cause?: unknown }).cause = error
    return mapped
  }
  return new ContractRevertError(contract, functionName, reason, reverted.data?.args, reverted.raw, error)
}

export type SimulatedWrite<result = unknown> = {
  /** The request to pass to `writeContract` (or to the `x` action). */
  request: {
    address: Address
    abi: Abi
    functionName: string
    args: readonly unknown[]
    value?: bigint
    account: Account | Address
    chain: Chain | undefined
  }
  /** The function's return value as simulated. */
  result: result
}

/**
 * The block tag writes are simulated and estimated against: `pending`, the block the transaction
 * will land in (anvil and most nodes build it on the latest state with the next block's clock, so a
 * moved clock or a new epoch is seen; `latest` sees neither).
 */
export const LANDING_BLOCK_TAG = 'pending' as const

/** Simulates a contract write against the block it will land in, decoding a revert into a typed error. */
export async function simulateWrite<result>(
  client: Client<Transport, Chain | undefined>,
  params: {
    account: Account | Address
    address: Address
    abi: Abi
    functionName: string
    args: readonly unknown[]
    value?: bigint
    contract: string
    mapper?: RevertMapper
  },
): Promise<SimulatedWrite<result>> {
  try {
    const { request, result } = await getAction(
      client,
      simulateContract,
      'simulateContract',
    )({
      blockTag: LANDING_BLOCK_TAG,
      account: params.account,
      address: params.address,
      abi: params.abi,
      functionName: params.functionName,
      args: params.args,
      ...(params.value ? { value: params.value } : {}),
    } as never)
    const { blockTag: _, ...req } = request as unknown as SimulatedWrite['request'] & { blockTag?: string }
    return { request: { ...req, chain: client.chain }, result: result as result }
  } catch (error) {
    throw decodeRevert(error, params.contract, params.functionName, params.mapper)
  }
}

/**
 * Gas headroom added to the landing-block estimate, in percent, for state that moves between the
 * estimate and the block the transaction lands in in ways no estimate foresees (another user's
 * transaction in the same block, an epoch boundary crossed while the transaction waits).
 */
export const GAS_MARGIN_PERCENT = 25n

/** A transaction to estimate: who sends it and the call (a prepared `Call` plus its sender). */
export type EstimableCall = { account: Account | Address; to: Address; data: Hex; value?: bigint }

/**
 * The gas a call needs in the block it will land in. The node's estimate at `pending` may run in
 * the same second as the latest block, while the transaction lands in a later second: contracts
 * that keep timestamp-keyed checkpoints (Symbiotic vaults) then overwrite an entry in the estimate
 * but append new ones on chain, costing more than twice as much (about 105k estimated against 245k
 * used for a second vault deposit). So the call is estimated at `pending` and at `pending` with the
 * clock one second later (a block override, `eth_estimateGas`'s fourth parameter), and the larger
 * is taken; a node that refuses the override leaves the plain estimate.
 */
export async function estimateLandingGas(
  client: Client<Transport, Chain | undefined>,
  call: EstimableCall,
): Promise<bigint> {
  const from = parseAccount(call.account).address
  const tx = { from, to: call.to, data: call.data, ...(call.value ? { value: toHex(call.value) } : {}) }
  const estimate = (overrides?: { time: Hex }) =>
    client
      .request({
        method: 'eth_estimateGas',
        params: (overrides ? [tx, LANDING_BLOCK_TAG, {}, overrides] : [tx, LANDING_BLOCK_TAG]) as never,
      })
      .then((gas) => BigInt(gas as Hex))
  const later = getAction(
    client,
    getBlock,
    'getBlock',
  )({ blockTag: LANDING_BLOCK_TAG }).then((block) => estimate({ time: toHex(block.timestamp + 1n) }))
  const [plain, next] = await Promise.allSettled([estimate(), later])
  if (plain.status === 'rejected') throw plain.reason
  return next.status === 'fulfilled' && next.value > plain.value ? next.value : plain.value
}

/** The landing-block estimate plus `GAS_MARGIN_PERCENT`. */
export async function gasLimitFor(
  client: Client<Transport, Chain | undefined>,
  call: EstimableCall,
): Promise<bigint> {
  const estimate = await estimateLandingGas(client, call)
  return estimate + (estimate * GAS_MARGIN_PERCENT) / 100n
}

/**
 * Sends a simulated request from a wallet client, with its gas limit set to the landing-block
 * estimate plus `GAS_MARGIN_PERCENT` (unless the request already carries one).
 */
export async function sendWrite(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  request: SimulatedWrite['request'] & { gas?: bigint },
): Promise<Hex> {
  const gas =
    request.gas ??
    (await gasLimitFor(walletClient, {
      account: request.account,
      to: request.address,
      data: encodeFunctionData(request as never),
      ...(request.value ? { value: request.value } : {}),
    }))
  return getAction(walletClient, writeContract, 'writeContract')({ ...request, gas } as never)
}

/**
 * Sends prepared calls (what `prepareX` returns) one after another from a wallet client, each
 * with the landing-block gas limit and each waited for before the next is estimated (a deposit's
 * estimate needs its approval mined). Returns the hashes, in order. A wallet that sends the calls
 * itself should set the same gas: its own estimate at `latest` can fall short (see
 * `estimateLandingGas`). A call mined and reverted is a `TransactionRevertedError`; a failure after
 * the first call landed is a `StepFailedError` naming the calls that landed.
 */
export async function sendPreparedCalls(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  params: { calls: readonly Call[]; account?: Account | Address },
): Promise<Hex[]> {
  const account = walletAccount(walletClient, params.account)
  const hashes: Hex[] = []
  for (const [i, call] of params.calls.entries()) {
    try {
      const gas = await gasLimitFor(walletClient, { account, ...call })
      const hash = await getAction(
        walletClient,
        sendTransaction,
        'sendTransaction',
      )({ account, chain: walletClient.chain, to: call.to, data: call.data, value: call.value, gas } as never)
      await waitForEvents(walletClient, hash, [])
      hashes.push(hash)
    } catch (error) {
      if (hashes.length === 0) throw error
      throw new StepFailedError(
        `call ${i + 1} of ${params.calls.length} (to ${call.to})`,
        hashes.map((hash, n) => ({ step: `call ${n + 1}`, hash })),
        `the first ${hashes.length} call(s) landed and stand; the rest were not sent.`,
        error,
      )
    }
  }
  return hashes
}

/** The account a wallet client writes from, or a clear error. */
export function walletAccount(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  account?: Account | Address,
): Account | Address {
  const acc = account ?? walletClient.account
  if (!acc) throw new InvalidParameterError('account', 'the wallet client has no account; pass one')
  return acc
}

export type WaitForEventsReturnType<abi extends Abi> = {
  receipt: TransactionReceipt
  events: ParseEventLogsReturnType<abi, undefined, true>
}

/**
 * Waits for a transaction and decodes its logs against `abi` into typed events. A reverted
 * transaction is an error.
 */
export async function waitForEvents<const abi extends Abi>(
  client: Client<Transport, Chain | undefined>,
  hash: Hex,
  abi: abi,
  options: { pollingInterval?: number; timeout?: number } = {},
): Promise<WaitForEventsReturnType<abi>> {
  const receipt = await getAction(
    client,
    waitForTransactionReceipt,
    'waitForTransactionReceipt',
  )({ hash, ...options })
  if (receipt.status !== 'success') throw await explainRevert(client, receipt, abi)
  const events = parseEventLogs({ abi, logs: receipt.logs as Log[], strict: true })
  return { receipt, events }
}

/**
 * A `TransactionRevertedError` for a mined, reverted receipt that explains itself: the gas used
 * against the limit, and the revert reason from a replay (`debug_traceTransaction` with the call
 * tracer where the node has it, else an `eth_call` of the same transaction at its block), decoded
 * against `abi` where it can be. The replay is best effort: the error is raised either way.
 */
export async function explainRevert(
  client: Client<Transport, Chain | undefined>,
  receipt: TransactionReceipt,
  abi: Abi = [],
): Promise<TransactionRevertedError> {
  const { transactionHash: hash, blockNumber, gasUsed } = receipt
  const tx = await getAction(client, getTransaction, 'getTransaction')({ hash }).catch(() => undefined)
  const gasLimit = tx?.gas
  let reason: string | undefined
  try {
    const trace = (await client.request({
      method: 'debug_traceTransaction',
      params: [hash, { tracer: 'callTracer' }],
    } as never)) as CallFrame
    reason = describeRevert(trace.error, trace.revertReason, trace.output, abi)
    const starved = innerOutOfGas(trace)
    if (starved && !/out of gas/i.test(reason))
      reason = `${reason} (an inner call to ${starved} ran out of gas)`
  } catch {
    if (tx?.to) {
      try {
        await client.request({
          method: 'eth_call',
          params: [
            { from: tx.from, to: tx.to, data: tx.input, value: toHex(tx.value), gas: toHex(tx.gas) },
            toHex(blockNumber - 1n),
          ],
        } as never)
        reason = 'the replay at the parent block succeeds: the state of its own block made it revert'
      } catch (error) {
        const data = (error as { cause?: { data?: Hex } }).cause?.data
        reason = describeRevert('execution reverted', undefined, data, abi)
      }
    }
  }
  if (reason === undefined && gasLimit !== undefined && gasUsed === gasLimit) reason = 'out of gas'
  return new TransactionRevertedError({
    hash,
    blockNumber,
    gasUsed,
    ...(gasLimit === undefined ? {} : { gasLimit }),
    ...(reason === undefined ? {} : { reason }),
  })
}

type CallFrame = { to?: Address; error?: string; revertReason?: string; output?: Hex; calls?: CallFrame[] }

/** The address of the first nested call of a trace that ran out of gas, if one did. */
function innerOutOfGas(frame: CallFrame): Address | undefined {
  for (const call of frame.calls ?? []) {
    if (call.error && /out of gas/i.test(call.error)) return call.to ?? '0x'
    const deeper = innerOutOfGas(call)
    if (deeper) return deeper
  }
  return undefined
}

function describeRevert(
  error: string | undefined,
  revertReason: string | undefined,
  output: Hex | undefined,
  abi: Abi,
): string {
  const head = error ?? 'reverted'
  if (revertReason) return `${head}: ${revertReason}`
  if (!output || output.length < 10) return head
  for (const candidate of [abi, undefined]) {
    try {
      const d = decodeErrorResult({ data: output, ...(candidate ? { abi: candidate } : {}) })
      return `${head}: ${d.errorName}(${(d.args ?? []).map(String).join(', ')})`
    } catch {}
  }
  return `${head}: revert data ${output}`
}

// ---------------------------------------------------------------- ERC-20 approvals (explicit steps)

export function prepareApprove(params: { token: Address; spender: Address; amount: bigint }): Call {
  const token = assertAddress('token', params.token)
  const spender = assertAddress('spender', params.spender)
  if (typeof params.amount !== 'bigint' || params.amount < 0n)
    throw new InvalidAmountError('amount', params.amount, 'must be a bigint ≥ 0')
  return encodeCall({
    address: token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, params.amount],
  })
}

/**
 * Makes sure `spender` may spend `amount` of `token` for the wallet's account: reads the
 * allowance and, only if it is short, simulates and sends an exact approval and waits for it.
 * Returns the approval's hash, or `null` when none was needed.
 */
export async function ensureAllowance(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  params: { token: Address; spender: Address; amount: bigint; account?: Account | Address },
): Promise<Hex | null> {
  const account = walletAccount(walletClient, params.account)
  const owner = typeof account === 'string' ? account : account.address
  const allowance = await readContract(walletClient, {
    address: params.token,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, params.spender],
  })
  if (allowance >= params.amount) return null
  const { request } = await simulateWrite(walletClient, {
    account,
    address: params.token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [params.spender, params.amount],
    contract: 'ERC20',
  })
  const hash = await sendWrite(walletClient, request)
  await waitForEvents(walletClient, hash, erc20Abi)
  return hash
}

// ---------------------------------------------------------------- batched reads

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

async function aggregate(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  key: BlockKey,
): Promise<BatchResult[]> {
  const hasMulticall = Boolean(client.chain?.contracts?.multicall3)
  const results = await getAction(
    client,
    multicall,
    'multicall',
  )({
    contracts: reads as never,
    allowFailure: true,
    batchSize: 0,
    ...(hasMulticall ? {} : { deployless: true }),
    ...(key === 'latest' ? {} : key === 'pending' ? { blockTag: 'pending' } : { blockNumber: BigInt(key) }),
  })
  return results as BatchResult[]
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
