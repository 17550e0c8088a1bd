import {
  type Account,
  type Address,
  type Chain,
  erc20Abi,
  type Hex,
  type Transport,
  type WalletClient,
} from 'viem'
import { readContract } from 'viem/actions'
import { InvalidAmountError } from '../errors.js'
import { resolveAccount } from './account.js'
import { type Call, encodeCall } from './call.js'
import { waitForEvents } from './receipt.js'
import { sendWrite } from './send.js'
import { simulateWrite } from './simulate.js'
import type { OnStage } from './stages.js'
import { assertAddress } from './validate.js'

export function prepareApprove(params: { token: Address; spender: Address; amount: bigint }): Call {
  const token = assertAddress('token', params.token)
  const spender = assertAddress('spender', params.spender)
  if (typeof params.amount !== 'bigint' || params.amount < 0n)
    throw new InvalidAmountError({
      parameter: 'amount',
      value: params.amount,
      reason: 'must be a bigint ≥ 0',
    })
  return encodeCall({
    address: token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [spender, params.amount],
  })
}

/**
 * Makes sure `spender` may spend `amount` of `token` for the wallet's account: reads the
 * allowance (unless given) and, only if it is short, simulates and sends an exact approval and waits for it.
 * Returns the approval's hash, or `null` when none was needed.
 */
export async function ensureAllowance(
  walletClient: WalletClient<Transport, Chain | undefined, Account | undefined>,
  params: {
    token: Address
    spender: Address
    amount: bigint
    account?: Account | Address
    /** The allowance as already read (e.g. by a write's check batch): not read again. */
    allowance?: bigint
    /** Reports a `replaced` stage when the approval is replaced while it is awaited. */
    onStage?: OnStage | undefined
    /** Names the write in that stage (default `approve`). */
    action?: string
  },
): Promise<Hex | null> {
  const account = resolveAccount(walletClient, params.account)
  const owner = typeof account === 'string' ? account : account.address
  const allowance =
    params.allowance ??
    (await readContract(walletClient, {
      address: params.token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, params.spender],
    }))
  if (allowance >= params.amount) return null
  const { request } = await simulateWrite(walletClient, {
    account,
    address: params.token,
    abi: erc20Abi,
    functionName: 'approve',
    args: [params.spender, params.amount],
    contract: 'ERC20',
  })
  const hash = await sendWrite(walletClient, request)
  const { onStage } = params
  await waitForEvents(walletClient, hash, erc20Abi, {
    action: params.action ?? 'approve',
    ...(onStage
      ? {
          onReplaced: (r) =>
            onStage({
              stage: 'replaced',
              action: params.action ?? 'approve',
              hash,
              replacedBy: r.transaction.hash,
              reason: r.reason,
            }),
        }
      : {}),
  })
  return hash
}
