import type { Abi, Account, Address, Chain, Client, Transport } from 'viem'
import { simulateContract } from 'viem/actions'
import { getAction } from 'viem/utils'
import { decodeRevert, type RevertMapper } from './revert.js'

export type SimulatedWrite<result = unknown> = {
  /** The request to pass to `writeContract` (or to the `x` action). */
  request: {
    address: Address
    abi: Abi
    functionName: string
    args: readonly unknown[]
    value?: bigint
    account: Account | Address
    chain: Chain | undefined
  }
  /** The function's return value as simulated. */
  result: result
}

/**
 * The block tag writes are simulated and estimated against: `pending`, the block the transaction
 * will land in (anvil and most nodes build it on the latest state with the next block's clock, so a
 * moved clock or a new epoch is seen; `latest` sees neither).
 */
export const LANDING_BLOCK_TAG = 'pending' as const

/** Simulates a contract write against the block it will land in, decoding a revert into a typed error. */
export async function simulateWrite<result>(
  client: Client<Transport, Chain | undefined>,
  params: {
    account: Account | Address
    address: Address
    abi: Abi
    functionName: string
    args: readonly unknown[]
    value?: bigint
    contract: string
    mapper?: RevertMapper
  },
): Promise<SimulatedWrite<result>> {
  try {
    const { request, result } = await getAction(
      client,
      simulateContract,
      'simulateContract',
    )({
      blockTag: LANDING_BLOCK_TAG,
      account: params.account,
      address: params.address,
      abi: params.abi,
      functionName: params.functionName,
      args: params.args,
      ...(params.value ? { value: params.value } : {}),
    } as never)
    const { blockTag: _, ...req } = request as unknown as SimulatedWrite['request'] & { blockTag?: string }
    return { request: { ...req, chain: client.chain }, result: result as result }
  } catch (error) {
    throw decodeRevert(error, params.contract, params.functionName, params.mapper)
  }
}
