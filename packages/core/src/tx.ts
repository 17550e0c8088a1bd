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
  type WalletClient,
} from 'viem'
import {
  estimateContractGas,
  multicall,
  readContract,
  simulateContract,
  waitForTransactionReceipt,
  writeContract,
} from 'viem/actions'
import {
  ArrayLengthMismatchError,
  ChainMismatchError,
  ContractRevertError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  type RestakeKitError,
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

/** Simulates a contract write, decoding a revert into a typed error. */
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
    const { request, result } = await simulateContract(client, {
      account: params.account,
      address: params.address,
      abi: params.abi,
      functionName: params.functionName,
      args: params.args,
      ...(params.value ? { value: params.value } : {}),
    } as never)
    const req = request as unknown as SimulatedWrite['request']
    return { request: { ...req, chain: client.chain }, result: result as result }
  } catch (error) {
    throw decodeRevert(error, params.contract, params.functionName, params.mapper)
  }
}

/**
 * Gas headroom added to the node's estimate, in percent. State can move between the estimate and
 * the block the transaction lands in (a Symbiotic vault entering a new epoch writes more
 * checkpoints), so sending the bare estimate can run out of gas.
 */
export const GAS_MARGIN_PERCENT = 25n

/**
 * Sends a simulated request from a wallet client, with its gas limit set to the node's estimate
 * plus `GAS_MARGIN_PERCENT` (unless the request already carries one).
 */
export async function sendWrite(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  request: SimulatedWrite['request'] & { gas?: bigint },
): Promise<Hex> {
  let gas = request.gas
  if (gas === undefined) {
    const estimate = await estimateContractGas(walletClient, request as never)
    gas = estimate + (estimate * GAS_MARGIN_PERCENT) / 100n
  }
  return writeContract(walletClient, { ...request, gas } as never)
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
  const receipt = await waitForTransactionReceipt(client, { hash, ...options })
  if (receipt.status !== 'success')
    throw new TransactionRevertedError(hash, receipt.blockNumber, receipt.gasUsed)
  const events = parseEventLogs({ abi, logs: receipt.logs as Log[], strict: true })
  return { receipt, events }
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
  options: { blockNumber?: bigint } = {},
): Promise<BatchResult[]> {
  if (reads.length === 0) return []
  const batcher = (client as { [BATCHER]?: ReadBatcher })[BATCHER]
  if (batcher) return batcher.enqueue(reads, options.blockNumber)
  return aggregate(client, reads, options.blockNumber)
}

async function aggregate(
  client: Client<Transport, Chain | undefined>,
  reads: readonly BatchRead[],
  blockNumber: bigint | undefined,
): Promise<BatchResult[]> {
  const hasMulticall = Boolean(client.chain?.contracts?.multicall3)
  const results = await multicall(client, {
    contracts: reads as never,
    allowFailure: true,
    batchSize: 0,
    ...(hasMulticall ? {} : { deployless: true }),
    ...(blockNumber === undefined ? {} : { blockNumber }),
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

  enqueue(reads: readonly BatchRead[], blockNumber: bigint | undefined): Promise<BatchResult[]> {
    return new Promise((resolve, reject) => {
      const key = blockNumber === undefined ? 'latest' : blockNumber.toString()
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
      aggregate(this.client, all, key === 'latest' ? undefined : BigInt(key)).then(
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
