// Sending a finishing call so that it can be found again: the CLI signs the transaction itself,
// records the signed bytes and their hash (in the watch state file) before broadcasting, and on a
// restart looks the hash up, re-broadcasts the same bytes if the node lost them, and never signs a
// second transaction for a withdrawal whose first one may still land.
import { gasLimitFor } from '@restakekit/core'
import { type Hex, keccak256, type TransactionReceipt } from 'viem'
import type { Connection } from './context.js'
import type { FinishCall } from './finish.js'

export type SignedSend = { hash: Hex; raw: Hex; nonce: number; from: Hex }

/** Signs `call` from the connection's account (gas for the landing block) without sending it. */
export async function signFinish(c: Connection, call: FinishCall): Promise<SignedSend> {
  const { wallet, account } = c
  if (!wallet || !account) throw new Error('no account to sign with')
  const gas = await gasLimitFor(c.client, { account, to: call.to, data: call.data, value: call.value })
  const request = await wallet.prepareTransactionRequest({
    account,
    chain: c.chain,
    to: call.to,
    data: call.data,
    value: call.value,
    gas,
  })
  const raw = await wallet.signTransaction(request as never)
  return { hash: keccak256(raw), raw, nonce: request.nonce, from: account.address }
}

export async function broadcast(c: Connection, s: SignedSend): Promise<void> {
  try {
    await c.client.sendRawTransaction({ serializedTransaction: s.raw })
  } catch (e) {
    // the node already has it (a re-broadcast after a restart): that is the outcome we want
    if (/already known|known transaction|nonce too low/i.test(String((e as Error).message))) return
    throw e
  }
}

/** What the chain says about a recorded send: mined (with its status), still pending, or unknown. */
export async function lookUp(
  c: Connection,
  s: SignedSend,
): Promise<
  | { state: 'mined'; receipt: TransactionReceipt }
  | { state: 'pending' }
  | { state: 'unknown'; nonceUsed: boolean }
> {
  const receipt = await c.client.getTransactionReceipt({ hash: s.hash }).catch(() => undefined)
  if (receipt) return { state: 'mined', receipt }
  const tx = await c.client.getTransaction({ hash: s.hash }).catch(() => undefined)
  if (tx) return { state: 'pending' }
  const latest = await c.client.getTransactionCount({ address: s.from, blockTag: 'latest' })
  return { state: 'unknown', nonceUsed: latest > s.nonce }
}
