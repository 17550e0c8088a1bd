import {
  type Account,
  type Address,
  type Chain,
  type Client,
  encodeFunctionData,
  getAddress,
  type Hex,
  keccak256,
  type Transport,
  type WalletClient,
} from 'viem'
import {
  getBlockNumber,
  getTransaction,
  getTransactionCount,
  prepareTransactionRequest,
  sendRawTransaction,
  sendTransaction,
} from 'viem/actions'
import { getAction } from 'viem/utils'
import {
  type LostSend,
  NonceTakenError,
  TransactionPendingError,
  TransactionUnknownError,
} from '../errors.js'
import { addressOf } from './account.js'
import { asRpcError, assertChain, isTransportFailure } from './chain.js'
import { gasLimitFor } from './gas.js'
import { reserveNonce } from './nonce.js'
import { waitForReceipt } from './receipt.js'
import { rememberSent, sameContents, walkOwnTransactions } from './sent.js'
import type { SimulatedWrite } from './simulate.js'
import type { OnStage, SendRecord } from './stages.js'

type AnyWalletClient = WalletClient<Transport, Chain | undefined, Account | undefined>
type AnyClient = Client<Transport, Chain | undefined>

/**
 * Sends a simulated request from a wallet client, with its gas limit set to the landing-block
 * estimate plus `GAS_MARGIN_PERCENT` (unless the request already carries one). The chain guard runs
 * first (`assertChain`); the transaction goes out through `broadcast` (its own nonce, recorded
 * before it is sent, found again if the answer is lost).
 */
export async function sendWrite(
  walletClient: AnyWalletClient,
  request: SimulatedWrite['request'] & { gas?: bigint },
  options: { action?: string; onStage?: OnStage | undefined; deploymentChainId?: number | undefined } = {},
): Promise<Hex> {
  await assertChain(walletClient, options.deploymentChainId)
  const data = encodeFunctionData(request as never)
  const value = request.value ?? 0n
  const gas =
    request.gas ??
    (await gasLimitFor(walletClient, {
      account: request.account,
      to: request.address,
      data,
      ...(value ? { value } : {}),
    }).catch((error: unknown) => {
      throw asRpcError('eth_estimateGas', error)
    }))
  return broadcast(walletClient, {
    account: request.account,
    to: request.address,
    data,
    value,
    gas,
    action: options.action ?? request.functionName,
    onStage: options.onStage,
  })
}

/** One transaction to broadcast, with its gas limit already set. */
export type BroadcastParameters = {
  account: Account | Address
  to: Address
  data: Hex
  value: bigint
  gas: bigint
  /** Names the write in stages and errors. */
  action: string
  onStage?: OnStage | undefined
}

/**
 * Sends one transaction so that it is never sent twice and never lost:
 * - its nonce is reserved first (`reserveNonce`: parallel writes from one account each get their own),
 *   unless the account brings its own `nonceManager`;
 * - with a local account the SDK signs: account, nonce, signed transaction and hash are recorded
 *   (the `signing` stage) before the broadcast (`eth_sendRawTransaction`);
 * - with a JSON-RPC account the wallet signs (`eth_sendTransaction` with that nonce: a retry of the
 *   request cannot become a second transaction);
 * - when the answer is lost or late, the transaction is looked up (by hash, else by the nonce and the
 *   blocks since) before raising `TransactionPendingError` (found) or `TransactionUnknownError`
 *   (not found), both with `resume()`. A refusal by the node is raised as the node's error.
 */
export async function broadcast(walletClient: AnyWalletClient, tx: BroadcastParameters): Promise<Hex> {
  const from = getAddress(addressOf(tx.account))
  const local = typeof tx.account === 'object' && tx.account.type === 'local' ? tx.account : undefined
  const ownManager = Boolean(local?.nonceManager)
  // what the send needs from the node is read before the nonce is reserved: only the broadcasts
  // of one account wait for each other
  const unsigned = local ? await unsignedFor(walletClient, local, tx, ownManager) : undefined
  const since = local ? 0n : await blockNow(walletClient)
  const ticket = ownManager ? undefined : await reserveNonce(walletClient, from)
  const base: SendRecord = {
    account: from,
    to: tx.to,
    data: tx.data,
    value: tx.value,
    gas: tx.gas,
    chainId: walletClient.chain?.id,
  }
  try {
    if (local) return await sendSigned(walletClient, local, tx, base, unsigned!, ticket?.nonce)
    return await sendByWallet(walletClient, tx, base, ticket!.nonce, since)
  } catch (error) {
    // a refusal by the node, or a failure before anything went out: the nonce was not used
    const lost = error instanceof TransactionPendingError || error instanceof TransactionUnknownError
    ticket?.release(lost)
    throw error
  } finally {
    ticket?.release(true)
  }
}

type Unsigned = Record<string, unknown> & { nonce?: number }

/** The transaction's fields but its nonce (fees, type, chain id), from the node. */
async function unsignedFor(
  client: AnyWalletClient,
  account: Account & { type: 'local' },
  tx: BroadcastParameters,
  ownManager: boolean,
): Promise<Unsigned> {
  const prepared = (await getAction(
    client,
    prepareTransactionRequest,
    'prepareTransactionRequest',
  )({
    account,
    chain: client.chain,
    to: tx.to,
    data: tx.data,
    value: tx.value,
    gas: tx.gas,
    // the account's own nonce manager hands out the nonce here; else the lane does, later
    ...(ownManager ? {} : { parameters: ['chainId', 'fees', 'type'] }),
  } as never).catch((error: unknown) => {
    throw asRpcError('prepareTransactionRequest', error)
  })) as Unsigned
  const { account: _a, chain: _c, from: _f, parameters: _p, ...unsigned } = prepared
  return unsigned
}

async function blockNow(client: AnyClient): Promise<bigint> {
  return getAction(
    client,
    getBlockNumber,
    'getBlockNumber',
  )({ cacheTime: 0 }).catch((e: unknown) => {
    throw asRpcError('eth_blockNumber', e)
  })
}

async function sendSigned(
  client: AnyWalletClient,
  account: Account & { type: 'local' },
  tx: BroadcastParameters,
  base: SendRecord,
  prepared: Unsigned,
  reserved: number | undefined,
): Promise<Hex> {
  const unsigned = reserved === undefined ? prepared : { ...prepared, nonce: reserved }
  const nonce = unsigned.nonce as number
  const raw = await account.signTransaction!(
    { ...unsigned, chainId: (unsigned.chainId as number | undefined) ?? client.chain?.id } as never,
    { serializer: client.chain?.serializers?.transaction } as never,
  )
  const hash = keccak256(raw)
  const send: SendRecord = { ...base, nonce, hash, raw }
  tx.onStage?.({ stage: 'signing', action: tx.action, send })
  const lost: LostSend & { raw: Hex; hash: Hex } = {
    action: tx.action,
    account: base.account,
    nonce,
    hash,
    raw,
    to: tx.to,
    data: tx.data,
    value: tx.value,
  }
  await rebroadcast(client, lost)
  rememberSent(hash, lost)
  tx.onStage?.({ stage: 'sent', action: tx.action, hash, send })
  return hash
}

/** Broadcasts a signed transaction; when that fails, finds out whether the node has it. */
async function rebroadcast(
  client: AnyClient,
  lost: LostSend & { raw: Hex; hash: Hex },
  resuming = false,
): Promise<Hex> {
  try {
    await getAction(client, sendRawTransaction, 'sendRawTransaction')({ serializedTransaction: lost.raw })
    return lost.hash
  } catch (error) {
    const found = await findByHash(client, lost.hash)
    if (found) throw pendingError(client, lost, found, error)
    if (found === null && !isTransportFailure(error)) {
      // resumed, refused, unknown by its hash and its nonce spent: another transaction took it
      if (resuming && (await nonceSpent(client, lost))) throw new NonceTakenError({ ...lost, cause: error })
      throw error
    }
    throw new TransactionUnknownError({
      ...lost,
      cause: error,
      resume: () => rebroadcast(client, lost, true),
    })
  }
}

async function nonceSpent(client: AnyClient, lost: LostSend): Promise<boolean> {
  return getAction(
    client,
    getTransactionCount,
    'getTransactionCount',
  )({ address: lost.account })
    .then((count) => count > lost.nonce)
    .catch(() => false)
}

async function sendByWallet(
  client: AnyWalletClient,
  tx: BroadcastParameters,
  base: SendRecord,
  nonce: number,
  since: bigint,
): Promise<Hex> {
  const send: SendRecord = { ...base, nonce }
  tx.onStage?.({ stage: 'signing', action: tx.action, send })
  const lost: LostSend = {
    action: tx.action,
    account: base.account,
    nonce,
    hash: undefined,
    raw: undefined,
    to: tx.to,
    data: tx.data,
    value: tx.value,
  }
  let hash: Hex
  try {
    hash = await getAction(
      client,
      sendTransaction,
      'sendTransaction',
    )({
      account: tx.account,
      chain: client.chain,
      to: tx.to,
      data: tx.data,
      value: tx.value,
      gas: tx.gas,
      nonce,
    } as never)
  } catch (error) {
    const found = await findByNonce(client, lost, since)
    // the nonce went to another transaction (another client of this account): the node's refusal stands
    if (found === 'taken') throw error
    if (found) throw pendingError(client, { ...lost, hash: found.hash }, found, error)
    if (found === null && !isTransportFailure(error)) throw error
    throw new TransactionUnknownError({
      ...lost,
      cause: error,
      resume: () => waitOnNonce(client, lost, since),
    })
  }
  rememberSent(hash, lost)
  tx.onStage?.({ stage: 'sent', action: tx.action, hash, send })
  return hash
}

type Found = { status: 'pending' | 'mined'; hash: Hex | undefined }

function pendingError(client: AnyClient, lost: LostSend, found: Found, cause: unknown) {
  return new TransactionPendingError({
    ...lost,
    hash: found.hash ?? lost.hash,
    status: found.status,
    cause,
    resume: async () => {
      const hash = found.hash ?? lost.hash
      if (hash) {
        // a speed-up stands in for it (its hash is returned); a cancel or another call does not
        const receipt = await waitForReceipt(client, hash, {
          action: lost.action,
          pollingInterval: client.pollingInterval,
        })
        return receipt.transactionHash
      }
      return waitOnNonce(client, lost, 0n)
    },
  })
}

/**
 * The node's view of a transaction by hash: mined, pending, `null` when the node does not know it,
 * `undefined` when the node could not be asked.
 */
async function findByHash(client: AnyClient, hash: Hex): Promise<Found | null | undefined> {
  try {
    const t = await getAction(client, getTransaction, 'getTransaction')({ hash })
    return { status: t.blockNumber === null ? 'pending' : 'mined', hash }
  } catch (error) {
    if ((error as { name?: string }).name === 'TransactionNotFoundError') return null
    return undefined
  }
}

/** How many blocks a lookup by nonce scans at most. */
const NONCE_SCAN_BLOCKS = 64n

/**
 * The lost send's transaction, by its account and nonce: mined (its hash, from the blocks since
 * `since`), pending (the node counts it), `'taken'` when a transaction with other contents (`to`,
 * calldata, value) was mined with that nonce and none with this write's contents after it (a
 * wallet that numbers the transaction itself), `null` when the nonce is still free, `undefined`
 * when the node could not be asked.
 */
async function findByNonce(
  client: AnyClient,
  lost: LostSend,
  since: bigint,
): Promise<Found | 'taken' | null | undefined> {
  const { account, nonce } = lost
  try {
    const count = (blockTag: 'latest' | 'pending') =>
      getAction(client, getTransactionCount, 'getTransactionCount')({ address: account, blockTag })
    if ((await count('latest')) > nonce) {
      // a transaction of the account with this write's contents, mined after the nonce's block:
      // the wallet numbered it itself
      let renumbered: Hex | undefined
      const found = await walkOwnTransactions<Found | 'taken'>(
        client,
        account,
        (latest) => (latest - since > NONCE_SCAN_BLOCKS ? latest - NONCE_SCAN_BLOCKS : since),
        (own) => {
          const t = own.find((t) => t.nonce === nonce)
          if (t) {
            if (sameContents(t, lost)) return { status: 'mined', hash: t.hash }
            // when in doubt, say found: a write told "not sent" is sent again
            return renumbered ? { status: 'mined', hash: renumbered } : 'taken'
          }
          renumbered ??= own.find((t) => sameContents(t, lost))?.hash
          return undefined
        },
      )
      return found ?? { status: 'mined', hash: undefined }
    }
    if ((await count('pending')) > nonce) return { status: 'pending', hash: undefined }
    return null
  } catch {
    return undefined
  }
}

/** Waits (up to `timeout` ms) until a transaction with the lost send's nonce is mined; returns its hash. */
async function waitOnNonce(client: AnyClient, lost: LostSend, since: bigint, timeout = 60_000): Promise<Hex> {
  const until = Date.now() + timeout
  for (;;) {
    const found = await findByNonce(client, lost, since)
    if (found === 'taken') throw new NonceTakenError(lost)
    if (found?.status === 'mined' && found.hash) return found.hash
    if (Date.now() > until)
      throw new TransactionUnknownError({ ...lost, resume: () => waitOnNonce(client, lost, since, timeout) })
    await new Promise((r) => setTimeout(r, client.pollingInterval ?? 1000))
  }
}

/**
 * Resumes a send whose answer was lost (the error a write raised): waits for the same transaction,
 * or re-broadcasts the same signed one; never sends a new one. Returns its hash.
 */
export function resumeSend(
  _client: AnyClient,
  error: TransactionPendingError | TransactionUnknownError,
): Promise<Hex> {
  return error.resume()
}
