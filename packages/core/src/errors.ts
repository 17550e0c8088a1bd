import type { Address, ContractFunctionExecutionErrorType, Hex } from 'viem'

export type RestakeKitErrorOptions = {
  /** Lines of context shown under the short message. */
  details?: readonly string[]
  /** Path under the docs site, e.g. `/errors#withdrawal-not-ready`. */
  docsPath?: string
  cause?: unknown
}

/**
 * Base class of every error restakekit throws. `shortMessage` is one sentence a user can act on;
 * `details` carry the numbers; `cause` keeps the underlying viem/contract error (raw revert data included).
 */
export class RestakeKitError extends Error {
  override name = 'RestakeKitError'
  readonly shortMessage: string
  readonly details: readonly string[]
  readonly docsPath: string | undefined

  constructor(shortMessage: string, options: RestakeKitErrorOptions = {}) {
    const details = options.details ?? []
    const lines = [shortMessage, ...(details.length ? ['', ...details] : [])]
    if (options.docsPath) lines.push('', `Docs: https://restakekit.dev/docs${options.docsPath}`)
    super(lines.join('\n'), options.cause === undefined ? undefined : { cause: options.cause })
    this.shortMessage = shortMessage
    this.details = details
    this.docsPath = options.docsPath
  }

  /** Walks the cause chain; returns the first error matching `fn` (or the deepest one). */
  walk(fn?: (err: unknown) => boolean): unknown {
    let err: unknown = this
    while (err) {
      if (fn?.(err)) return err
      const next = (err as { cause?: unknown }).cause
      if (!next) return fn ? undefined : err
      err = next
    }
    return undefined
  }
}

/** How a typed error is written: its docs anchor, and its message and details from its parameters. */
export type ErrorSpec<params> = {
  /** Path under the docs site, e.g. `/errors#operator-set-exists` (a heading in docs/errors.md). */
  docsPath: string
  message: (params: params) => string
  details?: ((params: params) => readonly string[]) | undefined
}

/** The class `defineError` makes: constructed from one object, whose fields it keeps as its own. */
export type DefinedErrorClass<name extends string, params extends object> = new (
  params: params & { cause?: unknown },
) => RestakeKitError & Readonly<params> & { readonly name: name }

/**
 * A typed error class from its name and spec, without the boilerplate: an object-parameter
 * constructor, every parameter kept as a readonly field, `name` as a literal type (so unions narrow
 * on it) and `docsPath`. Extend it to name the class:
 * `export class OperatorSetExistsError extends defineError('OperatorSetExistsError', { ... }) {}`,
 * with a `@__PURE__` annotation before the call: without it a bundler keeps every such class of a
 * file that is imported at all, used or not.
 */
export function defineError<const name extends string, params extends object>(
  name: name,
  spec: ErrorSpec<params>,
): DefinedErrorClass<name, params> {
  class DefinedError extends RestakeKitError {
    constructor(params: params & { cause?: unknown }) {
      const { cause, ...fields } = params
      super(spec.message(params), {
        details: spec.details?.(params) ?? [],
        docsPath: spec.docsPath,
        ...(cause === undefined ? {} : { cause }),
      })
      Object.assign(this, fields)
      this.name = name
    }
  }
  return DefinedError as unknown as DefinedErrorClass<name, params>
}

export class UnsupportedChainError extends RestakeKitError {
  override name = 'UnsupportedChainError' as const
  readonly chainId: number
  readonly protocol: string
  constructor({ chainId, protocol }: { chainId: number; protocol: string }) {
    super(`${protocol} has no known deployment on chain ${chainId}.`, {
      details: ['Pass your own deployment (a fork or a new testnet) through the `deployment` parameter.'],
      docsPath: '/errors#unsupported-chain',
    })
    this.chainId = chainId
    this.protocol = protocol
  }
}

/**
 * The node, the client's chain and the deployment do not agree on the chain: the node's
 * `eth_chainId` (asked once per client), `client.chain.id` and the deployment's `chainId`. Nothing
 * was sent, and no read of the wrong chain was used.
 */
export class ChainMismatchError extends RestakeKitError {
  override name = 'ChainMismatchError' as const
  /** The chain id the node answered `eth_chainId` with (`undefined` when not asked). */
  readonly node: number | undefined
  /** The client's `chain.id` (`undefined` when the client has no chain). */
  readonly client: number | undefined
  /** The deployment's `chainId` (`undefined` when the write uses none). */
  readonly deployment: number | undefined
  /** The chain expected (the deployment's, else the client's). */
  readonly expected: number
  /** The chain found (the node's, else the client's). */
  readonly actual: number
  constructor(p: {
    node?: number | undefined
    client?: number | undefined
    deployment?: number | undefined
  }) {
    const name = (id: number | undefined) => (id === undefined ? 'none' : String(id))
    super(
      `Chain mismatch: the node is on chain ${name(p.node)}, the client's chain is ${name(p.client)}, the deployment is for chain ${name(p.deployment)}.`,
      {
        details: [
          "Nothing was sent. Use an RPC URL of the chain the client and the deployment are for, or a client whose `chain` is the node's.",
        ],
        docsPath: '/errors#chain-mismatch',
      },
    )
    this.node = p.node
    this.client = p.client
    this.deployment = p.deployment
    this.expected = p.deployment ?? p.client ?? p.node ?? 0
    this.actual = p.node ?? p.client ?? 0
  }
}

/**
 * A JSON-RPC request failed at the transport or the node (unreachable, timed out, rate limited,
 * 5xx) after the transport's retries. Not a statement about the chain's state: a check that could
 * not read is this error, never a domain error such as "vault not found". Nothing was sent.
 */
export class RpcUnavailableError extends RestakeKitError {
  override name = 'RpcUnavailableError' as const
  /** The JSON-RPC method, or what was being read. */
  readonly method: string
  constructor({ method, cause }: { method: string; cause: unknown }) {
    super(`The RPC request (${method}) failed: the node did not answer.`, {
      details: [
        `${(cause as { shortMessage?: string; message?: string })?.shortMessage ?? String((cause as Error)?.message ?? cause)}`,
        'Nothing was sent by this step. Retry when the node answers; a transport with retries or `fallback` over several RPCs helps.',
      ],
      docsPath: '/errors#rpc-unavailable',
      cause,
    })
    this.method = method
  }
}

/** What identifies a transaction whose send answer was lost: enough to find it again or resend it. */
export type LostSend = {
  /** The write, e.g. `symbiotic.withdraw`. */
  action: string
  account: Address
  nonce: number
  /** The transaction hash (known when the SDK signed it; else once found on chain). */
  hash: Hex | undefined
  /** The signed transaction (when the SDK signed it): re-broadcasting it cannot send a second one. */
  raw: Hex | undefined
  to: Address
  data: Hex
  value: bigint
}

/**
 * The transaction was sent and the node knows it (in the mempool or mined), but the answer to the
 * send was lost or late. It is the one transaction of this write: do not call the write again (a
 * fresh call is a new transaction, e.g. a second deposit). `resume()` waits for it and returns its hash.
 */
export class TransactionPendingError extends RestakeKitError {
  override name = 'TransactionPendingError' as const
  readonly action: string
  readonly account: Address
  readonly nonce: number
  readonly hash: Hex | undefined
  readonly raw: Hex | undefined
  /** `mined`: in a block already; `pending`: known to the node, not mined yet. */
  readonly status: 'pending' | 'mined'
  readonly send: LostSend
  readonly #resume: () => Promise<Hex>
  constructor(
    params: LostSend & { status: 'pending' | 'mined'; resume: () => Promise<Hex>; cause?: unknown },
  ) {
    const { action, account, nonce, hash, status } = params
    super(
      `The answer to sending ${action} was lost, but the transaction ${hash ?? `with nonce ${nonce}`} from ${account} is ${status === 'mined' ? 'mined' : 'known to the node (pending)'}.`,
      {
        details: [
          `account ${account}, nonce ${nonce}${hash ? `, hash ${hash}` : ''}`,
          'This is the transaction of this write: call `error.resume()` (or `resumeSend(client, error)`) to wait for it. Calling the write again sends a NEW transaction.',
        ],
        docsPath: '/errors#transaction-pending',
        cause: params.cause,
      },
    )
    this.action = action
    this.account = account
    this.nonce = nonce
    this.hash = hash
    this.raw = params.raw
    this.status = status
    this.send = strip(params)
    this.#resume = params.resume
  }
  /** Waits for this same transaction (nothing is sent) and returns its hash. */
  resume(): Promise<Hex> {
    return this.#resume()
  }
}

/**
 * The answer to the send was lost or late and the transaction could not be found: it may still
 * arrive, or it may never have reached the node. Its nonce is reserved for it. `resume()`
 * re-broadcasts the same signed transaction (same hash: it cannot land twice) or, when a wallet
 * signed it, waits on the same nonce. A fresh call of the write is a new transaction.
 */
export class TransactionUnknownError extends RestakeKitError {
  override name = 'TransactionUnknownError' as const
  readonly action: string
  readonly account: Address
  readonly nonce: number
  readonly hash: Hex | undefined
  readonly raw: Hex | undefined
  readonly send: LostSend
  readonly #resume: () => Promise<Hex>
  constructor(params: LostSend & { resume: () => Promise<Hex>; cause?: unknown }) {
    const { action, account, nonce, hash, raw } = params
    super(
      `The answer to sending ${action} was lost and the transaction (account ${account}, nonce ${nonce}${hash ? `, hash ${hash}` : ''}) was not found yet: it may or may not have reached the node.`,
      {
        details: [
          raw
            ? 'Call `error.resume()` (or `resumeSend(client, error)`) to re-broadcast the same signed transaction: it has the same hash and nonce, so it cannot land twice.'
            : 'Call `error.resume()` (or `resumeSend(client, error)`) to wait for a transaction with this nonce. Calling the write again sends a NEW transaction.',
        ],
        docsPath: '/errors#transaction-unknown',
        cause: params.cause,
      },
    )
    this.action = action
    this.account = account
    this.nonce = nonce
    this.hash = hash
    this.raw = raw
    this.send = strip(params)
    this.#resume = params.resume
  }
  /** Re-broadcasts the same signed transaction, or waits on its nonce; returns its hash. */
  resume(): Promise<Hex> {
    return this.#resume()
  }
}

/**
 * A write whose answer was lost never landed: its account's nonce went to another transaction
 * (another client of the same account sent first). A wallet send: the transaction mined with that
 * nonce has other contents. An SDK-signed send: on `resume()` the node does not know its hash and
 * the nonce is spent. Nothing of this write happened; sending it again is safe.
 */
export class NonceTakenError extends /* @__PURE__ */ defineError('NonceTakenError', {
  docsPath: '/errors#nonce-taken',
  message: (p: LostSend) =>
    `${p.action} did not land: nonce ${p.nonce} of ${p.account} was used by another transaction.`,
  details: () => [
    'Nothing of this write happened. Another client of this account sent with the same nonce; send the write again.',
  ],
}) {}

/**
 * The awaited transaction was replaced, before it was mined, by another with its nonce and other
 * contents: a cancellation (a zero-value send to oneself) or another call. The replacement was
 * mined instead, so nothing of this write happened. A speed-up (the same call at a higher fee) is
 * not this error: the wait goes on with the speed-up's receipt.
 */
export class TransactionReplacedError extends /* @__PURE__ */ defineError('TransactionReplacedError', {
  docsPath: '/errors#transaction-replaced',
  message: (p: { action: string; hash: Hex; replacedBy: Hex; reason: 'replaced' | 'cancelled' }) =>
    `${p.action} did not happen: its transaction ${p.hash} was ${p.reason === 'cancelled' ? 'cancelled' : 'replaced by another call'} (${p.replacedBy}, same nonce).`,
  details: () => [
    'The replacement was mined instead. Read the state again, and send the write again if it is still wanted.',
  ],
}) {}

function strip(p: LostSend): LostSend {
  const { action, account, nonce, hash, raw, to, data, value } = p
  return { action, account, nonce, hash, raw, to, data, value }
}

/**
 * The name of an `InvalidParameterError`: its own, or a subclass's (an `InvalidParameterError` may
 * be any of them, so a union narrows on the subclass's name to that subclass or its base).
 */
export type InvalidParameterErrorName =
  | 'InvalidParameterError'
  | 'InvalidAddressError'
  | 'InvalidAmountError'
  | 'ArrayLengthMismatchError'
  | 'InvalidGraphError'

/** A parameter failed validation before anything was sent. */
export class InvalidParameterError extends RestakeKitError {
  override name: InvalidParameterErrorName = 'InvalidParameterError'
  /** The parameter, as the caller named it (`amount`, `vaults[2]`, `deployment`). */
  readonly parameter: string
  constructor({ parameter, reason }: { parameter: string; reason: string }) {
    super(`Invalid ${parameter}: ${reason}.`, { docsPath: '/errors#invalid-parameter' })
    this.parameter = parameter
  }
}

/** An address parameter that is not a 20-byte hex address, or whose mixed case fails its EIP-55 checksum. */
export class InvalidAddressError extends InvalidParameterError {
  override name = 'InvalidAddressError' as const
  readonly value: unknown
  constructor({
    parameter,
    value,
    reason = 'is not an address',
  }: { parameter: string; value: unknown; reason?: string }) {
    super({ parameter, reason: `${String(value)} ${reason}` })
    this.value = value
  }
}

export class InvalidAmountError extends InvalidParameterError {
  override name = 'InvalidAmountError' as const
  readonly value: unknown
  constructor({
    parameter,
    value,
    reason = 'must be a bigint greater than zero',
  }: { parameter: string; value: unknown; reason?: string }) {
    super({ parameter, reason: `${String(value)} ${reason}` })
    this.value = value
  }
}

export class ArrayLengthMismatchError extends InvalidParameterError {
  override name = 'ArrayLengthMismatchError' as const
  readonly lengths: readonly number[]
  constructor({ names, lengths }: { names: readonly string[]; lengths: readonly number[] }) {
    super({ parameter: names.join(', '), reason: `lengths ${lengths.join(', ')} must be equal` })
    this.lengths = lengths
  }
}

export class InsufficientBalanceError extends RestakeKitError {
  override name = 'InsufficientBalanceError' as const
  readonly token: Address
  readonly required: bigint
  readonly balance: bigint
  readonly account: Address
  constructor(p: { token: Address; required: bigint; balance: bigint; account: Address }) {
    super(`Insufficient balance: ${p.account} holds ${p.balance} of ${p.token}, needs ${p.required}.`, {
      docsPath: '/errors#insufficient-balance',
    })
    this.token = p.token
    this.required = p.required
    this.balance = p.balance
    this.account = p.account
  }
}

export class InsufficientAllowanceError extends RestakeKitError {
  override name = 'InsufficientAllowanceError' as const
  readonly token: Address
  readonly spender: Address
  readonly required: bigint
  readonly allowance: bigint
  constructor(p: { token: Address; spender: Address; required: bigint; allowance: bigint }) {
    super(`Allowance too low: ${p.spender} may spend ${p.allowance} of ${p.token}, needs ${p.required}.`, {
      details: ['Send the approval first (`prepareApprove` / `ensureAllowance`).'],
      docsPath: '/errors#insufficient-allowance',
    })
    this.token = p.token
    this.spender = p.spender
    this.required = p.required
    this.allowance = p.allowance
  }
}

/**
 * A contract reverted. `reason` is the decoded custom error name (or `undefined`), `args` its
 * arguments, `data` the raw revert data.
 */
export class ContractRevertError extends RestakeKitError {
  override name = 'ContractRevertError' as const
  readonly contract: string
  readonly functionName: string
  readonly reason: string | undefined
  readonly args: readonly unknown[] | undefined
  readonly data: Hex | undefined
  constructor(p: {
    contract: string
    functionName: string
    reason: string | undefined
    args: readonly unknown[] | undefined
    data: Hex | undefined
    cause?: unknown
  }) {
    super(`${p.contract}.${p.functionName} reverted${p.reason ? ` with ${p.reason}` : ''}.`, {
      details: p.data ? [`Revert data: ${p.data}`] : [],
      docsPath: '/errors#contract-revert',
      cause: p.cause,
    })
    this.contract = p.contract
    this.functionName = p.functionName
    this.reason = p.reason
    this.args = p.args
    this.data = p.data
  }
}

/**
 * A sent transaction was mined but reverted (state changed between simulation and inclusion, or
 * it ran out of gas). Nothing it would have done happened; the gas it used is spent.
 */
export class TransactionRevertedError extends RestakeKitError {
  override name = 'TransactionRevertedError' as const
  readonly hash: Hex
  readonly blockNumber: bigint
  readonly gasUsed: bigint
  /** The transaction's gas limit (when the node returned the transaction). */
  readonly gasLimit: bigint | undefined
  /** Why it reverted, from a replay of the transaction: the tracer's error and the decoded revert data. */
  readonly reason: string | undefined
  constructor(params: {
    hash: Hex
    blockNumber: bigint
    gasUsed: bigint
    gasLimit?: bigint
    reason?: string
  }) {
    const { hash, blockNumber, gasUsed, gasLimit, reason } = params
    super(`Transaction ${hash} reverted in block ${blockNumber}${reason ? `: ${reason}` : ''}.`, {
      details: [
        `Gas used: ${gasUsed}${gasLimit === undefined ? '' : ` of a ${gasLimit} limit${gasUsed === gasLimit ? ' (all of it: out of gas)' : ''}`}.`,
        'Nothing the transaction would have done happened; only its gas is spent. Re-read the state, then simulate and send again.',
      ],
      docsPath: '/errors#transaction-reverted',
    })
    this.hash = hash
    this.blockNumber = blockNumber
    this.gasUsed = gasUsed
    this.gasLimit = gasLimit
    this.reason = reason
  }
}

/**
 * A multi-step write failed part way. `step` names the step that failed, `completed` lists the
 * transactions that landed, and `holdings` says where the user's funds are now. When the failure is a
 * lost send answer (`lost`: a `TransactionPendingError` / `TransactionUnknownError` in the cause
 * chain), the step's transaction may have landed: `holdings` says so instead of any statement the
 * caller made, and `lost.resume()` resumes that same transaction.
 */
export class StepFailedError extends RestakeKitError {
  override name = 'StepFailedError' as const
  /** The step that failed (`approve`, `symbiotic.deposit`). */
  readonly step: string
  /** Each transaction that landed before it. */
  readonly completed: readonly { step: string; hash: Hex }[]
  readonly holdings: string
  /** The lost send of the failed step, when that is why it failed. */
  readonly lost: TransactionPendingError | TransactionUnknownError | undefined
  constructor({
    step,
    completed,
    holdings,
    cause,
  }: {
    step: string
    completed: readonly { step: string; hash: Hex }[]
    holdings: string
    cause: unknown
  }) {
    const lost = lostSendIn(cause)
    const said = lost
      ? `its transaction (account ${lost.account}, nonce ${lost.nonce}${lost.hash ? `, hash ${lost.hash}` : ''}) was sent and the answer lost; it is ${lost instanceof TransactionPendingError ? lost.status : 'not found yet'}, so the funds may already have moved. Do not call the write again (that is a new transaction): resume it with \`error.lost.resume()\`.`
      : holdings
    super(`Step "${step}" failed; ${said}`, {
      details: completed.map((c) => `done: ${c.step} (${c.hash})`),
      docsPath: '/errors#step-failed',
      cause,
    })
    this.step = step
    this.completed = completed
    this.holdings = said
    this.lost = lost
  }
}

function lostSendIn(error: unknown): TransactionPendingError | TransactionUnknownError | undefined {
  let e = error
  for (let depth = 0; e && depth < 10; depth++) {
    if (e instanceof TransactionPendingError || e instanceof TransactionUnknownError) return e
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * A withdrawal that cannot be completed or claimed yet — on every protocol (an EigenLayer queued
 * withdrawal before its delay, a Symbiotic bucket before its epoch has ended, a Karak redemption
 * before `MIN_WITHDRAWAL_DELAY`, an LRT request not yet finalized). `readyAt` says when it will be:
 * a block or a unix time; `undefined` when only the contract's revert was seen.
 */
export class WithdrawalNotReadyError extends RestakeKitError {
  override name = 'WithdrawalNotReadyError' as const
  readonly protocol: string
  /** The withdrawal: an EigenLayer root, a Symbiotic epoch, a Karak key, an LRT request id. */
  readonly id: Hex | bigint | undefined
  readonly readyAt: { block: bigint } | { timestamp: bigint } | undefined
  /** The chain's block or time it was judged at. */
  readonly now: { block: bigint } | { timestamp: bigint } | undefined
  /** Where it sits (a vault), when the protocol has one. */
  readonly location: Address | undefined
  constructor(params: {
    protocol: string
    id?: Hex | bigint
    readyAt?: { block: bigint } | { timestamp: bigint }
    now?: { block: bigint } | { timestamp: bigint }
    location?: Address
  }) {
    const { protocol, id, readyAt, now, location } = params
    const when =
      readyAt === undefined
        ? ''
        : 'block' in readyAt
          ? `; it is ready from block ${readyAt.block}`
          : `; it is ready at ${new Date(Number(readyAt.timestamp) * 1000).toISOString()} (unix ${readyAt.timestamp})`
    const left =
      readyAt && now && 'block' in readyAt && 'block' in now
        ? [
            `Latest block ${now.block}; a transaction sent now lands in block ${now.block + 1n}: ${readyAt.block - now.block - 1n} more block(s) to go.`,
          ]
        : readyAt && now && 'timestamp' in readyAt && 'timestamp' in now
          ? [`${readyAt.timestamp - now.timestamp} seconds to go.`]
          : []
    super(`The ${protocol} withdrawal${id === undefined ? '' : ` ${id}`} is not ready yet${when}.`, {
      details: [...(location ? [`location: ${location}`] : []), ...left],
      docsPath: '/errors#withdrawal-not-ready',
    })
    this.protocol = protocol
    this.id = id
    this.readyAt = readyAt
    this.now = now
    this.location = location
  }
}

/**
 * The wallet refused a transaction (EIP-1193 code 4001: the user clicked "Reject"), possibly after
 * earlier transactions of the same write or batch landed. Nothing of the refused call or of the
 * calls after it was sent; `holdings` says what the user holds, from a read made after the refusal.
 */
export class UserRejectedError extends RestakeKitError {
  override name = 'UserRejectedError' as const
  /** The write or batch the refusal interrupted (`symbiotic.deposit`, `prepared calls`). */
  readonly action: string
  /** The transaction the user refused (`approve`, `symbiotic.deposit`, `call 2 of 2`). */
  readonly step: string
  /** Each transaction that landed before the refusal. */
  readonly completed: readonly { step: string; hash: Hex }[]
  /** What the user holds now, from a fresh read (or a statement that it could not be read). */
  readonly holdings: string
  constructor(params: {
    action: string
    step: string
    completed?: readonly { step: string; hash: Hex }[]
    holdings: string
    cause?: unknown
  }) {
    const completed = params.completed ?? []
    const landed = completed.length
      ? `${completed.length} earlier transaction(s) landed and stand`
      : 'nothing was sent'
    super(`The wallet refused "${params.step}" of ${params.action}; ${landed}. ${params.holdings}`, {
      details: [
        ...completed.map((c) => `done: ${c.step} (${c.hash})`),
        'The refused call and the calls after it were not sent. Calling the write again sends only what is still missing (an approval that stands is not sent again).',
      ],
      docsPath: '/errors#user-rejected',
      cause: params.cause,
    })
    this.action = params.action
    this.step = params.step
    this.completed = completed
    this.holdings = params.holdings
  }
}

/**
 * A call of a prepared call list failed when the list was simulated as a whole (`eth_simulateV1`),
 * before anything was sent. `index` is its place in the list (0-based); `revert` the decoded revert.
 */
export class PreparedCallRevertedError extends RestakeKitError {
  override name = 'PreparedCallRevertedError' as const
  /** The failing call's place in the list, 0-based. */
  readonly index: number
  readonly to: Address
  /** The decoded revert (a typed error where the kit knows it, else a `ContractRevertError`). */
  readonly revert: Error
  constructor(params: { index: number; count: number; to: Address; revert: Error }) {
    const reason = (params.revert as { shortMessage?: string }).shortMessage ?? params.revert.message
    super(
      `Call ${params.index + 1} of ${params.count} (index ${params.index}, to ${params.to}) fails when the calls are simulated together: ${reason}`,
      {
        details: ['Nothing was sent: the whole list is simulated before the first call goes out.'],
        docsPath: '/errors#prepared-call-reverted',
        cause: params.revert,
      },
    )
    this.index = params.index
    this.to = params.to
    this.revert = params.revert
  }
}

/**
 * What any read can throw besides its own domain errors: a bad parameter (refused before any
 * request), no known deployment on the chain, the chain guard, a node that did not answer, and a
 * view that reverted (viem's error, with the revert data). Each read's `XErrorType` adds its own.
 */
export type ReadErrorType =
  | InvalidParameterError
  | UnsupportedChainError
  | ChainMismatchError
  | RpcUnavailableError
  | ContractFunctionExecutionErrorType

/**
 * What any write's send pipeline can throw besides the errors of its own checks, which its
 * `XErrorType` lists: the read errors (its checks read), a revert the write does not map, the
 * wallet's refusal, a failed step of approve-then-call, a send whose answer was lost
 * (`TransactionPendingError` / `TransactionUnknownError`: do not call the write again, `resume()`
 * it), a nonce another transaction took, a replacement, and a mined revert.
 */
export type WriteErrorType =
  | ReadErrorType
  | ContractRevertError
  | UserRejectedError
  | StepFailedError
  | TransactionPendingError
  | TransactionUnknownError
  | NonceTakenError
  | TransactionReplacedError
  | TransactionRevertedError
