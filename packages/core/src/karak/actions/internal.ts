import {
  type Account,
  type Address,
  type Chain,
  type Client,
  type Hex,
  parseAbi,
  type Transport,
  type WalletClient,
} from 'viem'
import { getBlock } from 'viem/actions'
import { InvalidParameterError, UnsupportedChainError } from '../../errors.js'
import { type BatchRead, type BatchResult, resolveDeployment } from '../../tx.js'
import { KARAK_MIN_WITHDRAWAL_DELAY, type KarakDeployment, karakDeployments } from '../deployments.js'

export type ReadClient = Client<Transport, Chain | undefined>
export type WriteClient = WalletClient<Transport, Chain | undefined, Account | undefined>

/** Canonical Multicall3 (same address on nearly every chain). */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
const multicall3Abi = parseAbi(['function getCurrentBlockTimestamp() view returns (uint256 timestamp)'])

/** A batch read of the chain's time (Multicall3 `getCurrentBlockTimestamp`), so readiness costs no extra trip. */
export function timestampRead(client: ReadClient): BatchRead {
  const address = (client.chain?.contracts?.multicall3?.address as Address | undefined) ?? MULTICALL3
  return { address, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }
}

/** The time from a `timestampRead` result, or (no Multicall3 on the chain) the latest block's. */
export async function readTimestamp(client: ReadClient, result: BatchResult | undefined): Promise<bigint> {
  if (result?.status === 'success') return result.result as bigint
  return (await getBlock(client, { blockTag: 'latest' })).timestamp
}

/** The Karak deployment for the client's chain (or the caller's); throws when Core is needed and none is known. */
export function karakDeployment(client: ReadClient, deployment?: KarakDeployment): KarakDeployment {
  return resolveDeployment(client, karakDeployments as Record<number, KarakDeployment>, 'Karak', deployment)
}

/** The deployment if one is given or known for the chain, else undefined (vault-only actions need none). */
export function optionalKarakDeployment(
  client: ReadClient,
  deployment?: KarakDeployment,
): KarakDeployment | undefined {
  try {
    return karakDeployment(client, deployment)
  } catch (error) {
    if (error instanceof UnsupportedChainError) return undefined
    if (!client.chain && !deployment) return undefined
    throw error
  }
}

/** The vault withdrawal delay of a deployment (Karak's 9 days unless it says otherwise). */
export function withdrawalDelay(client: ReadClient, deployment?: KarakDeployment): bigint {
  return optionalKarakDeployment(client, deployment)?.minWithdrawalDelay ?? KARAK_MIN_WITHDRAWAL_DELAY
}

/** The address of an account parameter (a viem Account or an address), or a typed error. */
export function accountAddress(account: Account | Address): Address {
  if (typeof account === 'string') return account
  if (account && typeof account === 'object' && typeof account.address === 'string') return account.address
  throw new InvalidParameterError('account', 'pass an address or a viem Account')
}

export type { Hex }
