import {
  type Account,
  type Address,
  type Chain,
  encodeFunctionData,
  type Hex,
  type Transport,
  type WalletClient,
} from 'viem'
import { sendTransaction, writeContract } from 'viem/actions'
import { getAction } from 'viem/utils'
import { StepFailedError } from '../errors.js'
import { addressOf, resolveAccount } from './account.js'
import type { Call } from './call.js'
import { gasLimitFor } from './gas.js'
import { waitForEvents } from './receipt.js'
import type { SimulatedWrite } from './simulate.js'
import type { OnStage, SendRecord } from './stages.js'

/**
 * Sends a simulated request from a wallet client, with its gas limit set to the landing-block
 * estimate plus `GAS_MARGIN_PERCENT` (unless the request already carries one).
 */
export async function sendWrite(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  request: SimulatedWrite['request'] & { gas?: bigint },
  options: { action?: string; onStage?: OnStage | undefined } = {},
): Promise<Hex> {
  const data = encodeFunctionData(request as never)
  const value = request.value ?? 0n
  const gas =
    request.gas ??
    (await gasLimitFor(walletClient, {
      account: request.account,
      to: request.address,
      data,
      ...(value ? { value } : {}),
    }))
  const send: SendRecord = {
    account: addressOf(request.account),
    to: request.address,
    data,
    value,
    gas,
    chainId: walletClient.chain?.id,
  }
  const action = options.action ?? request.functionName
  options.onStage?.({ stage: 'signing', action, send })
  const hash = await getAction(walletClient, writeContract, 'writeContract')({ ...request, gas } as never)
  options.onStage?.({ stage: 'sent', action, hash, send })
  return hash
}

/**
 * Sends prepared calls (what `prepareX` returns) one after another from a wallet client, each
 * with the landing-block gas limit and each waited for before the next is estimated (a deposit's
 * estimate needs its approval mined). Returns the hashes, in order. A wallet that sends the calls
 * itself should set the same gas: its own estimate at `latest` can fall short (see
 * `estimateLandingGas`). A call mined and reverted is a `TransactionRevertedError`; a failure after
 * the first call landed is a `StepFailedError` naming the calls that landed.
 */
export async function sendPreparedCalls(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  params: { calls: readonly Call[]; account?: Account | Address },
): Promise<Hex[]> {
  const account = resolveAccount(walletClient, params.account)
  const hashes: Hex[] = []
  for (const [i, call] of params.calls.entries()) {
    try {
      const gas = await gasLimitFor(walletClient, { account, ...call })
      const hash = await getAction(
        walletClient,
        sendTransaction,
        'sendTransaction',
      )({ account, chain: walletClient.chain, to: call.to, data: call.data, value: call.value, gas } as never)
      await waitForEvents(walletClient, hash, [])
      hashes.push(hash)
    } catch (error) {
      if (hashes.length === 0) throw error
      throw new StepFailedError(
        `call ${i + 1} of ${params.calls.length} (to ${call.to})`,
        hashes.map((hash, n) => ({ step: `call ${n + 1}`, hash })),
        `the first ${hashes.length} call(s) landed and stand; the rest were not sent.`,
        error,
      )
    }
  }
  return hashes
}
