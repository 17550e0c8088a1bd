import { type Account, type Address, type Chain, type Client, type Hex, type Transport, toHex } from 'viem'
import { getBlock } from 'viem/actions'
import { getAction, parseAccount } from 'viem/utils'
import { LANDING_BLOCK_TAG } from './simulate.js'

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
