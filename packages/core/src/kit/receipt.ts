import {
  type Abi,
  type Address,
  type Chain,
  type Client,
  decodeErrorResult,
  type Hex,
  type Log,
  type ParseEventLogsReturnType,
  parseEventLogs,
  type ReplacementReturnType,
  type TransactionReceipt,
  type Transport,
  toHex,
} from 'viem'
import { getTransaction, getTransactionCount, waitForTransactionReceipt } from 'viem/actions'
import { getAction } from 'viem/utils'
import { TransactionReplacedError, TransactionRevertedError } from '../errors.js'
import { type SentRecord, sameContents, sentRecord, walkOwnTransactions } from './sent.js'

export type WaitForEventsReturnType<abi extends Abi> = {
  receipt: TransactionReceipt
  events: ParseEventLogsReturnType<abi, undefined, true>
}

/** Receipts are polled at least this often, whatever the client's `pollingInterval` (viem: 4 s by default). */
export const RECEIPT_POLLING_MS = 1_000

/** How `waitForReceipt` and `waitForEvents` wait. */
export type WaitOptions = {
  pollingInterval?: number
  timeout?: number
  /**
   * Called when the transaction is replaced (same nonce). A speed-up (the same call) is waited
   * for instead; a cancellation or another call is a `TransactionReplacedError`.
   */
  onReplaced?: (replacement: ReplacementReturnType) => void
  /** Names the write in a `TransactionReplacedError`. */
  action?: string
}

/**
 * Waits for a transaction's receipt (reverted or not). Only a speed-up (the same call at a higher
 * fee) stands in for it: a replacement by a cancellation or another call is a
 * `TransactionReplacedError`, also when it happened before the wait could see the transaction (for
 * a transaction this process sent, watched by its account and nonce). Polls every
 * `min(client.pollingInterval, RECEIPT_POLLING_MS)` unless `pollingInterval` is given.
 */
export async function waitForReceipt(
  client: Client<Transport, Chain | undefined>,
  hash: Hex,
  options: WaitOptions = {},
): Promise<TransactionReceipt> {
  const { onReplaced, action = 'the write', ...wait } = options
  const pollingInterval = wait.pollingInterval ?? Math.min(client.pollingInterval, RECEIPT_POLLING_MS)
  let replacement: ReplacementReturnType | undefined
  const replaced = (r: ReplacementReturnType) => {
    if (replacement) return
    replacement = r
    onReplaced?.(r)
  }
  const waiting = getAction(
    client,
    waitForTransactionReceipt,
    'waitForTransactionReceipt',
  )({ hash, pollingInterval, ...wait, onReplaced: replaced })
  // a transaction this process sent: its replacement is also watched for by its account and nonce,
  // since viem's wait sees one only if it saw the transaction before (else it runs to its timeout)
  const record = sentRecord(hash)
  const watch = { done: false }
  const receipt = await (record
    ? Promise.race([waiting, overtaken(client, hash, record, pollingInterval * 4, watch, replaced)])
    : waiting
  ).finally(() => {
    watch.done = true
  })
  // only a speed-up (the same call) stands in for the awaited transaction
  if (replacement && replacement.reason !== 'repriced')
    throw new TransactionReplacedError({
      action,
      hash,
      replacedBy: replacement.transaction.hash,
      reason: replacement.reason,
    })
  return receipt
}

/**
 * Waits for a transaction (`waitForReceipt`) and decodes its logs against `abi` into typed events.
 * A reverted transaction is an error. Polls every `min(client.pollingInterval, RECEIPT_POLLING_MS)`
 * unless `pollingInterval` is given, so a plain viem client sees a mined write within a second.
 */
export async function waitForEvents<const abi extends Abi>(
  client: Client<Transport, Chain | undefined>,
  hash: Hex,
  abi: abi,
  options: WaitOptions = {},
): Promise<WaitForEventsReturnType<abi>> {
  const receipt = await waitForReceipt(client, hash, options)
  if (receipt.status !== 'success') throw await explainRevert(client, receipt, abi)
  const events = parseEventLogs({ abi, logs: receipt.logs as Log[], strict: true })
  return { receipt, events }
}

/**
 * Settles only when the sent transaction was overtaken: twice in a row the node does not know its
 * hash while its account's mined nonce is past it, and the transaction that took the nonce is found
 * in the recent blocks. It reports that one as the replacement (`repriced` when it has the same
 * contents, `cancelled` for a zero-value send to oneself, else `replaced`) and gives its receipt.
 * Nothing found: it goes on watching (a lagging node is never taken for a replacement).
 */
async function overtaken(
  client: Client<Transport, Chain | undefined>,
  hash: Hex,
  record: SentRecord,
  every: number,
  watch: { done: boolean },
  replaced: (r: ReplacementReturnType) => void,
): Promise<TransactionReceipt> {
  const never = () => new Promise<never>(() => {})
  let strikes = 0
  for (;;) {
    await new Promise((r) => setTimeout(r, every))
    if (watch.done) return never()
    const [known, mined] = await Promise.all([
      getAction(
        client,
        getTransaction,
        'getTransaction',
      )({ hash }).then(
        () => true,
        (e: { name?: string }) => e?.name !== 'TransactionNotFoundError',
      ),
      getAction(
        client,
        getTransactionCount,
        'getTransactionCount',
      )({ address: record.account }).catch(() => -1),
    ])
    strikes = !known && mined > record.nonce ? strikes + 1 : 0
    if (strikes < 2) continue
    strikes = 0
    const other = await minedWithNonce(client, record)
    if (!other || watch.done) continue
    const transactionReceipt = await getAction(
      client,
      waitForTransactionReceipt,
      'waitForTransactionReceipt',
    )({ hash: other.hash })
    if (watch.done) return never()
    const same = sameContents(other, record)
    const cancelled =
      other.to?.toLowerCase() === record.account.toLowerCase() && other.value === 0n && other.input === '0x'
    replaced({
      reason: same ? 'repriced' : cancelled ? 'cancelled' : 'replaced',
      transaction: other,
      transactionReceipt,
    } as ReplacementReturnType)
    return transactionReceipt
  }
}

/** How many recent blocks are searched for what took a nonce. */
const REPLACEMENT_SCAN_BLOCKS = 32n

function minedWithNonce(client: Client<Transport, Chain | undefined>, record: SentRecord) {
  return walkOwnTransactions(
    client,
    record.account,
    (latest) => latest - REPLACEMENT_SCAN_BLOCKS + 1n,
    (own) => own.find((t) => t.nonce === record.nonce),
  ).catch(() => undefined)
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
