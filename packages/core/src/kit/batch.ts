import {
  type Abi,
  type Account,
  type Address,
  BaseError,
  type Chain,
  type Client,
  ContractFunctionRevertedError,
  decodeFunctionData,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  parseAbi,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem'
import {
  getCapabilities,
  getTransactionReceipt,
  sendCalls,
  simulateCalls,
  waitForCallsStatus,
} from 'viem/actions'
import { getAction } from 'viem/utils'
import {
  InvalidParameterError,
  PreparedCallRevertedError,
  StepFailedError,
  TransactionPendingError,
  TransactionUnknownError,
  UserRejectedError,
} from '../errors.js'
import { addressOf, resolveAccount } from './account.js'
import type { Call } from './call.js'
import { asRpcError, assertChain } from './chain.js'
import { gasLimitFor } from './gas.js'
import { explainRevert, RECEIPT_POLLING_MS, waitForEvents } from './receipt.js'
import { decodeRevert } from './revert.js'
import { broadcast } from './send.js'
import { LANDING_BLOCK_TAG } from './simulate.js'
import type { OnStage } from './stages.js'
import { assertAddress } from './validate.js'

type AnyClient = Client<Transport, Chain | undefined>
type AnyWalletClient = WalletClient<Transport, Chain | undefined, Account | undefined>

/** OpenZeppelin 5 ERC-20 errors: the reverts a prepared deposit most often bubbles up from its token. */
const tokenErrorsAbi = /* @__PURE__ */ parseAbi([
  'error ERC20InsufficientBalance(address sender, uint256 balance, uint256 needed)',
  'error ERC20InsufficientAllowance(address spender, uint256 allowance, uint256 needed)',
])

/** What a call of a simulated list did: its gas and its return data. */
export type SimulatedCall = { index: number; to: Address; gasUsed: bigint; data: Hex }

/**
 * Simulates a prepared call list (what `prepareX` return, concatenated) as a whole, each call on
 * the state the previous ones leave, in the block the calls will land in (`eth_simulateV1`, viem's
 * `simulateCalls`). A failing call is a `PreparedCallRevertedError` naming its index and the decoded
 * revert (custom errors decoded against `abi`, plus the ERC-20 errors); nothing is sent.
 */
export async function simulatePreparedCalls(
  client: AnyClient,
  params: { account: Account | Address; calls: readonly Call[]; abi?: Abi },
): Promise<SimulatedCall[]> {
  const calls = checkCalls(params.calls)
  return simulateFrom(client, params.account, calls, 0, calls.length, params.abi)
}

function checkCalls(calls: readonly Call[]): readonly Call[] {
  if (!Array.isArray(calls) || calls.length === 0)
    throw new InvalidParameterError({
      parameter: 'calls',
      reason: 'must be a non-empty list of prepared calls',
    })
  for (const [i, c] of calls.entries()) {
    if (!c || typeof c.to !== 'string' || typeof c.data !== 'string' || typeof c.value !== 'bigint')
      throw new InvalidParameterError({
        parameter: `calls[${i}]`,
        reason: 'must be a prepared call { to, data, value }',
      })
    assertAddress(`calls[${i}].to`, c.to)
  }
  return calls
}

/** Simulates `calls` (the list's calls from `offset` on) together; errors name the index in the whole list. */
async function simulateFrom(
  client: AnyClient,
  account: Account | Address,
  calls: readonly Call[],
  offset: number,
  count: number,
  abi: Abi | undefined,
): Promise<SimulatedCall[]> {
  const { results } = await getAction(
    client,
    simulateCalls,
    'simulateCalls',
  )({
    account,
    blockTag: LANDING_BLOCK_TAG,
    calls: calls.map((c) => ({ to: c.to, data: c.data, ...(c.value ? { value: c.value } : {}) })),
  } as never).catch((error: unknown) => {
    throw asRpcError('eth_simulateV1', error)
  })
  return calls.map((c, i) => {
    const r = results[i]!
    if (r.status === 'failure') {
      throw new PreparedCallRevertedError({
        index: offset + i,
        count,
        to: c.to,
        revert: decodeCallRevert(r.error, c, abi),
      })
    }
    return { index: offset + i, to: c.to, gasUsed: r.gasUsed, data: r.data }
  })
}

/** The kit's revert decoding for a raw call: the revert data decoded against `abi` and the ERC-20 errors. */
function decodeCallRevert(error: unknown, call: Call, abi: Abi | undefined): Error {
  const functionName = functionNameOf(call)
  if (error instanceof BaseError) {
    const reverted = error.walk((e) => e instanceof ContractFunctionRevertedError) as
      | ContractFunctionRevertedError
      | undefined
    if (reverted?.raw && !reverted.data) {
      const again = new ContractFunctionRevertedError({
        abi: [...(abi ?? []), ...tokenErrorsAbi],
        data: reverted.raw,
        functionName,
      })
      return decodeRevert(again, call.to, functionName)
    }
  }
  return decodeRevert(error, call.to, functionName)
}

function functionNameOf(call: Call): string {
  try {
    return decodeFunctionData({ abi: erc20Abi, data: call.data }).functionName
  } catch {
    return call.data.slice(0, 10)
  }
}

/** Prepared calls sent: how, what identifies them, and how to wait for them. */
export type SentPreparedCalls = {
  /** `sendCalls`: the wallet took the list (EIP-5792); `sequential`: the SDK sent one call after another. */
  mode: 'sendCalls' | 'sequential'
  /** The EIP-5792 call-batch id (`sendCalls` only). */
  id: string | undefined
  /** The transaction hashes in order (`sequential`: each already mined; `sendCalls`: empty until `waitFor`). */
  hashes: Hex[]
  /** The receipts, in order; a reverted call is a `TransactionRevertedError`. */
  waitFor: (options?: { timeout?: number }) => Promise<{ hashes: Hex[]; receipts: TransactionReceipt[] }>
}

/**
 * Sends prepared calls (what `prepareX` return): the list is simulated as a whole first
 * (`simulatePreparedCalls`; nothing is sent on a failure), then
 * - `sendCalls`: when the account is the wallet's (not local) and the wallet answers
 *   `wallet_getCapabilities` for the chain, the list goes to the wallet in one EIP-5792
 *   `wallet_sendCalls` (the wallet estimates the gas; see `estimateLandingGas`);
 * - `sequential` otherwise (or with `mode: 'sequential'`): each call simulated at the landing block,
 *   sent with the landing-block gas through the kit's `broadcast` and mined before the next.
 * A refusal by the wallet (EIP-1193 code 4001) is a `UserRejectedError` saying what the user holds;
 * another failure after a call landed is a `StepFailedError` naming the calls that landed.
 */
export async function sendPreparedCalls(
  walletClient: AnyWalletClient,
  params: {
    calls: readonly Call[]
    account?: Account | Address
    /** `auto` (default): `sendCalls` where the wallet supports it, else sequential. */
    mode?: 'auto' | 'sequential'
    /** Decodes custom errors of the calls' contracts in simulation failures. */
    abi?: Abi
    onStage?: OnStage
  },
): Promise<SentPreparedCalls> {
  const account = resolveAccount(walletClient, params.account)
  const calls = checkCalls(params.calls)
  await assertChain(walletClient)
  await simulatePreparedCalls(walletClient, { account, calls, ...(params.abi ? { abi: params.abi } : {}) })
  if (params.mode !== 'sequential' && (await walletBatches(walletClient, account))) {
    const sent = await sendAsBatch(walletClient, account, calls, params.onStage)
    if (sent) return sent
  }
  return sendSequentially(walletClient, account, calls, params)
}

/** Whether the wallet takes `wallet_sendCalls`: a JSON-RPC account whose wallet answers `wallet_getCapabilities`. */
async function walletBatches(client: AnyWalletClient, account: Account | Address): Promise<boolean> {
  if (typeof account === 'object' && account.type === 'local') return false
  try {
    const capabilities = await getAction(
      client,
      getCapabilities,
      'getCapabilities',
    )({ account: addressOf(account), ...(client.chain ? { chainId: client.chain.id } : {}) } as never)
    return capabilities !== null && typeof capabilities === 'object'
  } catch {
    return false
  }
}

const ACTION = 'prepared calls'

async function sendAsBatch(
  client: AnyWalletClient,
  account: Account | Address,
  calls: readonly Call[],
  onStage: OnStage | undefined,
): Promise<SentPreparedCalls | undefined> {
  let id: string
  try {
    ;({ id } = await getAction(
      client,
      sendCalls,
      'sendCalls',
    )({
      account,
      chain: client.chain,
      calls: calls.map((c) => ({ to: c.to, data: c.data, value: c.value })),
    } as never))
  } catch (error) {
    if (isUserRejection(error))
      throw new UserRejectedError({
        action: ACTION,
        step: `wallet_sendCalls (${calls.length} calls)`,
        holdings: await holdingsAfter(client, addressOf(account), calls, []),
        cause: error,
      })
    // a wallet that lists capabilities but refuses the method (EIP-1193 4200, JSON-RPC -32601) sent nothing
    if (isUnsupportedMethod(error)) return undefined
    throw asRpcError('wallet_sendCalls', error)
  }
  const hashes: Hex[] = []
  return {
    mode: 'sendCalls',
    id,
    hashes,
    async waitFor(options = {}) {
      const status = await getAction(
        client,
        waitForCallsStatus,
        'waitForCallsStatus',
      )({
        id,
        pollingInterval: Math.min(client.pollingInterval, RECEIPT_POLLING_MS),
        ...(options.timeout ? { timeout: options.timeout } : {}),
      })
      const receipts = (status.receipts ?? []).map((r) => r as unknown as TransactionReceipt)
      for (const r of receipts) {
        hashes.push(r.transactionHash)
        onStage?.({ stage: 'mined', action: ACTION, hash: r.transactionHash, blockNumber: r.blockNumber })
      }
      const failed = receipts.find((r) => r.status !== 'success')
      if (failed) throw await explainRevert(client, await fullReceipt(client, failed.transactionHash))
      return { hashes, receipts }
    },
  }
}

function fullReceipt(client: AnyClient, hash: Hex) {
  return getAction(client, getTransactionReceipt, 'getTransactionReceipt')({ hash })
}

async function sendSequentially(
  client: AnyWalletClient,
  account: Account | Address,
  calls: readonly Call[],
  params: { abi?: Abi; onStage?: OnStage },
): Promise<SentPreparedCalls> {
  const hashes: Hex[] = []
  const receipts: TransactionReceipt[] = []
  const step = (i: number) => `call ${i + 1} of ${calls.length}`
  for (const [i, call] of calls.entries()) {
    try {
      // the rest of the list, simulated again on the state the landed calls left
      if (i > 0) await simulateFrom(client, account, calls.slice(i), i, calls.length, params.abi)
      const gas = await gasLimitFor(client, { account, ...call }).catch((error: unknown) => {
        throw asRpcError('eth_estimateGas', error)
      })
      const hash = await broadcast(client, {
        account,
        to: call.to,
        data: call.data,
        value: call.value,
        gas,
        action: step(i),
        onStage: params.onStage,
      })
      const { receipt } = await waitForEvents(client, hash, [], {
        action: step(i),
        onReplaced: (r) =>
          params.onStage?.({
            stage: 'replaced',
            action: step(i),
            hash,
            replacedBy: r.transaction.hash,
            reason: r.reason,
          }),
      })
      params.onStage?.({ stage: 'mined', action: step(i), hash, blockNumber: receipt.blockNumber })
      hashes.push(receipt.transactionHash)
      receipts.push(receipt)
    } catch (error) {
      params.onStage?.({ stage: 'error', action: ACTION, step: step(i), error: error as Error })
      const completed = hashes.map((hash, n) => ({ step: step(n), hash }))
      if (isUserRejection(error))
        throw new UserRejectedError({
          action: ACTION,
          step: step(i),
          completed,
          holdings: await holdingsAfter(client, addressOf(account), calls, hashes),
          cause: error,
        })
      if (
        hashes.length === 0 ||
        error instanceof TransactionPendingError ||
        error instanceof TransactionUnknownError
      )
        throw error
      throw new StepFailedError({
        step: `${step(i)} (to ${call.to})`,
        completed,
        holdings: await holdingsAfter(client, addressOf(account), calls, hashes),
        cause: error,
      })
    }
  }
  return {
    mode: 'sequential',
    id: undefined,
    hashes,
    waitFor: async () => ({ hashes, receipts }),
  }
}

function isUnsupportedMethod(error: unknown): boolean {
  let e = error as { code?: number; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 10; depth++) {
    if (e.code === 4200 || e.code === -32601) return true
    e = e.cause as typeof e
  }
  return false
}

/** Whether `error` (or one of its causes) is a wallet's refusal: EIP-1193 code 4001, viem's `UserRejectedRequestError`. */
export function isUserRejection(error: unknown): boolean {
  let e = error as { name?: string; code?: number; cause?: unknown } | undefined
  for (let depth = 0; e && depth < 10; depth++) {
    if (e.name === 'UserRejectedRequestError' || e.code === 4001) return true
    e = e.cause as typeof e
  }
  return false
}

/**
 * What the user holds after a batch stopped with `landed` of `calls` mined, from a fresh read: for
 * each ERC-20 approval in the list, the allowance and the token balance.
 */
async function holdingsAfter(
  client: AnyClient,
  owner: Address,
  calls: readonly Call[],
  landed: readonly Hex[],
): Promise<string> {
  const head = landed.length
    ? `the first ${landed.length} call(s) landed and stand; the rest were not sent`
    : 'no call of the list was sent'
  const approvals = calls.flatMap((c) => {
    try {
      const d = decodeFunctionData({ abi: erc20Abi, data: c.data })
      return d.functionName === 'approve' ? [{ token: c.to, spender: d.args[0] as Address }] : []
    } catch {
      return []
    }
  })
  if (approvals.length === 0) return `${head}.`
  try {
    const read = (token: Address, functionName: 'allowance' | 'balanceOf', args: readonly Address[]) =>
      client.request({
        method: 'eth_call',
        params: [
          { to: token, data: encodeFunctionData({ abi: erc20Abi, functionName, args } as never) },
          'latest',
        ],
      } as never) as Promise<Hex>
    const parts = await Promise.all(
      approvals.map(async ({ token, spender }) => {
        const [allowance, balance] = await Promise.all([
          read(token, 'allowance', [owner, spender]),
          read(token, 'balanceOf', [owner]),
        ])
        return `${owner} holds ${BigInt(balance)} of ${token}, and ${spender} may spend ${BigInt(allowance)} of it`
      }),
    )
    return `${head}; ${parts.join('; ')} (read after the stop).`
  } catch {
    return `${head}; the balances could not be read after the stop: check ${approvals.map((a) => a.token).join(', ')} for ${owner}.`
  }
}
