import type { Address, Chain, Client, Transport } from 'viem'
import { getTransactionCount } from 'viem/actions'
import { getAction } from 'viem/utils'
import { asRpcError } from './chain.js'

type Lane = { next: number | undefined; inFlight: number; tail: Promise<unknown> }

/** A reserved nonce: `release(used)` when its send settled (`used: false` if the node refused it). */
export type NonceTicket = { nonce: number; release: (used: boolean) => void }

const lanes = new WeakMap<object, Map<string, Lane>>()

/**
 * Reserves the next nonce of `address` on the client's node, so writes started in parallel from one
 * account each get their own nonce (the kit's default nonce manager). The first reservation reads
 * `eth_getTransactionCount(pending)`; later ones, while sends are in flight, count on from it. Once
 * every send of the lane settled, the next write reads the node again (so a reverted devnet, or a
 * transaction sent outside the SDK, is seen). A nonce the node refused is given back by reading again.
 */
export async function reserveNonce(
  client: Client<Transport, Chain | undefined>,
  address: Address,
): Promise<NonceTicket> {
  const key = client.request as object
  let byAccount = lanes.get(key)
  if (!byAccount) {
    byAccount = new Map()
    lanes.set(key, byAccount)
  }
  const id = address.toLowerCase()
  let lane = byAccount.get(id)
  if (!lane) {
    lane = { next: undefined, inFlight: 0, tail: Promise.resolve() }
    byAccount.set(id, lane)
  }
  const l = lane
  l.inFlight++
  const take = l.tail.then(async () => {
    if (l.next === undefined) {
      l.next = await getAction(
        client,
        getTransactionCount,
        'getTransactionCount',
      )({ address, blockTag: 'pending' }).catch((error: unknown) => {
        throw asRpcError('eth_getTransactionCount', error)
      })
    }
    return l.next++
  })
  l.tail = take.catch(() => undefined)
  let nonce: number
  try {
    nonce = await take
  } catch (error) {
    l.inFlight--
    l.next = undefined
    throw error
  }
  let released = false
  return {
    nonce,
    release(used) {
      if (released) return
      released = true
      l.inFlight--
      if (!used || l.inFlight === 0) l.next = undefined
    },
  }
}
