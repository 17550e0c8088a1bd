import type { Address, Chain, Client, Transport } from 'viem'
import { getTransactionCount } from 'viem/actions'
import { getAction } from 'viem/utils'
import { asRpcError } from './chain.js'

/**
 * One account's sends on one node. `tail` settles when the last ticket handed out is released;
 * `waiting` counts the reservations queued behind it; `next` is the nonce after the last one the
 * node accepted (`undefined`: read the node).
 */
type Lane = { next: number | undefined; waiting: number; tail: Promise<void> }

/**
 * A reserved nonce. Call `release(used)` once the node answered the send (`used: false` if it
 * refused it, or nothing was sent); the account's next send waits for that.
 */
export type NonceTicket = { nonce: number; release: (used: boolean) => void }

const lanes = new WeakMap<object, Map<string, Lane>>()

function laneOf(client: Client<Transport, Chain | undefined>, address: Address): Lane {
  const key = client.request as object
  let byAccount = lanes.get(key)
  if (!byAccount) {
    byAccount = new Map()
    lanes.set(key, byAccount)
  }
  const id = address.toLowerCase()
  let lane = byAccount.get(id)
  if (!lane) {
    lane = { next: undefined, waiting: 0, tail: Promise.resolve() }
    byAccount.set(id, lane)
  }
  return lane
}

/**
 * Reserves the next nonce of `address` on the client's node (the kit's default nonce manager).
 * Tickets of one account are handed out one at a time: a reservation waits until the previous
 * ticket is released, i.e. until the node answered that send. So sends reach the node in nonce
 * order, and a nonce the node refused is never skipped nor handed out twice: the next reservation
 * reads `eth_getTransactionCount(pending)` again, with nothing of ours in between. After an
 * accepted send with more reservations queued, the lane counts on without asking the node; once the
 * lane is idle, the next write reads the node again (so a reverted devnet, or a transaction sent
 * outside the SDK, is seen). Everything before the broadcast (simulation, gas, fees) runs in
 * parallel; only the broadcasts of one account are in sequence.
 */
export async function reserveNonce(
  client: Client<Transport, Chain | undefined>,
  address: Address,
): Promise<NonceTicket> {
  const lane = laneOf(client, address)
  const previous = lane.tail
  let settle!: () => void
  lane.tail = new Promise<void>((resolve) => {
    settle = resolve
  })
  lane.waiting++
  await previous
  lane.waiting--
  let nonce: number
  try {
    nonce =
      lane.next ??
      (await getAction(
        client,
        getTransactionCount,
        'getTransactionCount',
      )({ address, blockTag: 'pending' }).catch((error: unknown) => {
        throw asRpcError('eth_getTransactionCount', error)
      }))
  } catch (error) {
    lane.next = undefined
    settle()
    throw error
  }
  let released = false
  return {
    nonce,
    release(used) {
      if (released) return
      released = true
      lane.next = used && lane.waiting > 0 ? nonce + 1 : undefined
      settle()
    },
  }
}
