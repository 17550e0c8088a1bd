import type { Chain, Client, Transport } from 'viem'
import { getChainId } from 'viem/actions'
import { getAction } from 'viem/utils'
import { ChainMismatchError, RestakeKitError, RpcUnavailableError } from '../errors.js'

/**
 * The node's chain id, asked (`eth_chainId`) once per client and cached: the cache is keyed by the
 * client's `request` function, so copies of a client (such as `withReadBatching`'s) share it. A
 * failed request is not cached: it is an `RpcUnavailableError`, and the next call asks again.
 */
export function nodeChainId(client: Client<Transport, Chain | undefined>): Promise<number> {
  const key = client.request as object
  const seen = seenChainIds.get(key)
  if (seen !== undefined) return Promise.resolve(seen)
  let known = chainIds.get(key)
  if (!known) {
    // through getAction, so a client that overrides its actions is honoured
    known = getAction(
      client,
      getChainId,
      'getChainId',
    )({}).then(
      (n) => {
        seenChainIds.set(key, n)
        return n
      },
      (error: unknown) => {
        chainIds.delete(key)
        throw asRpcError('eth_chainId', error)
      },
    )
    chainIds.set(key, known)
  }
  return known
}

const chainIds = new WeakMap<object, Promise<number>>()
const seenChainIds = new WeakMap<object, number>()

/** The node's chain id if this client already learned it (no request). */
export function knownChainId(client: Client<Transport, Chain | undefined>): number | undefined {
  return seenChainIds.get(client.request as object)
}

/**
 * Records the node's chain id as the node itself reported it (`block.chainid`, read by Multicall3's
 * `getChainId()` inside a read's own `aggregate3`), so the guard costs no request of its own.
 */
export function learnChainId(client: Client<Transport, Chain | undefined>, chainId: number): void {
  seenChainIds.set(client.request as object, chainId)
}

/**
 * The chain guard: the node's chain id (asked once per client) must equal the client's chain and,
 * when given, the deployment's chain; else a `ChainMismatchError` naming all three. Runs before
 * every send; reads run it alongside their first request and use no result until it passed.
 */
export async function assertChain(
  client: Client<Transport, Chain | undefined>,
  deploymentChainId?: number,
): Promise<number> {
  const node = await nodeChainId(client)
  const own = client.chain?.id
  if ((own !== undefined && own !== node) || (deploymentChainId !== undefined && deploymentChainId !== node))
    throw new ChainMismatchError({ node, client: own, deployment: deploymentChainId })
  return node
}

/**
 * Runs `work` (reads only) alongside the chain guard, so the guard costs no extra round trip; the
 * guard's error wins, so no result of a read on the wrong chain is used.
 */
export async function guarded<T>(
  client: Client<Transport, Chain | undefined>,
  deploymentChainId: number | undefined,
  work: Promise<T>,
): Promise<T> {
  const [guard, done] = await Promise.allSettled([assertChain(client, deploymentChainId), work])
  if (guard.status === 'rejected') throw guard.reason
  if (done.status === 'rejected') throw done.reason
  return done.value
}

/** The chain id of a deployment object, if it names one. */
export function chainIdOf(deployment: unknown): number | undefined {
  const id = (deployment as { chainId?: unknown } | undefined)?.chainId
  return typeof id === 'number' ? id : undefined
}

const TRANSPORT_ERRORS = new Set([
  'HttpRequestError',
  'TimeoutError',
  'WebSocketRequestError',
  'SocketClosedError',
  'LimitExceededRpcError',
  'ResourceUnavailableRpcError',
])

/**
 * True when `error` says the request did not get a JSON-RPC answer from the node (network error,
 * timeout, HTTP 429/5xx, rate limit): not a statement about the chain's state.
 */
export function isTransportFailure(error: unknown): boolean {
  let e = error as { name?: string; cause?: unknown; status?: number } | undefined
  for (let depth = 0; e && depth < 10; depth++) {
    if (e instanceof RestakeKitError && !(e instanceof RpcUnavailableError)) return false
    if (e.name && TRANSPORT_ERRORS.has(e.name)) return true
    if (e instanceof RpcUnavailableError) return true
    e = e.cause as typeof e
  }
  return false
}

/** `error` as an `RpcUnavailableError` when it is a transport failure, else unchanged. */
export function asRpcError(method: string, error: unknown): unknown {
  if (error instanceof RpcUnavailableError || !isTransportFailure(error)) return error
  return new RpcUnavailableError({ method, cause: error })
}
