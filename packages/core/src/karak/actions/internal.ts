import { type Address, type Hex, isHex, parseAbi } from 'viem'
import { InvalidParameterError, RestakeKitError, UnsupportedChainError } from '../../errors.js'
import { type BatchRead, type BatchResult, type ReadClient, resolveDeployment } from '../../kit/index.js'
import { KARAK_MIN_WITHDRAWAL_DELAY, type KarakDeployment, karakDeployments } from '../deployments.js'
import {
  isKarakWithdrawalReady,
  karakSharesToAssets,
  karakWithdrawalKey,
  karakWithdrawalReadyAt,
} from '../math.js'
import type { KarakQueuedWithdrawal } from './getPositions.js'

export type { ReadClient, WriteClient } from '../../kit/index.js'

/** Canonical Multicall3 (same address on nearly every chain). */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
const multicall3Abi = /* @__PURE__ */ parseAbi([
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])

/** A batch read of the chain's time (Multicall3 `getCurrentBlockTimestamp`), so readiness costs no extra trip. */
export function timestampRead(client?: ReadClient): BatchRead {
  const address = (client?.chain?.contracts?.multicall3?.address as Address | undefined) ?? MULTICALL3
  return { address, abi: multicall3Abi, functionName: 'getCurrentBlockTimestamp' }
}

/** The chain time from a `timestampRead` result; a clear error when the chain has no Multicall3 to ask. */
export function timestampOf(result: BatchResult | undefined): bigint {
  if (result?.status === 'success') return result.result as bigint
  throw new RestakeKitError('Could not read the chain time (Multicall3 getCurrentBlockTimestamp failed).', {
    details: ['Set `chain.contracts.multicall3` on the client to a Multicall3 the chain has.'],
    cause: result?.status === 'failure' ? result.error : undefined,
  })
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

/** The deployment a write is given, else the known one for the chain, else none (vault writes need none). */
export function writeDeployment(chainId: number | undefined, given: unknown): KarakDeployment | undefined {
  if (given) return given as KarakDeployment
  return chainId === undefined ? undefined : (karakDeployments as Record<number, KarakDeployment>)[chainId]
}

/** The vault withdrawal delay of a deployment (Karak's 9 days unless it says otherwise). */
export function delayOf(deployment: KarakDeployment | undefined): bigint {
  return deployment?.minWithdrawalDelay ?? KARAK_MIN_WITHDRAWAL_DELAY
}

/** The vault withdrawal delay for a read (the given or known deployment's, else Karak's 9 days). */
export function withdrawalDelay(client: ReadClient, deployment?: KarakDeployment): bigint {
  return delayOf(optionalKarakDeployment(client, deployment))
}

/** A 32-byte withdrawal key, lower-cased, or a typed error. */
export function assertKey(value: unknown): Hex {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66) {
    throw new InvalidParameterError({
      parameter: 'withdrawalKey',
      reason: `${String(value)} is not a 32-byte hex key`,
    })
  }
  return value.toLowerCase() as Hex
}

/** A withdrawal nonce (≥ 0), or a typed error. */
export function assertNonce(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidParameterError({ parameter: 'nonce', reason: `${String(value)} must be a bigint ≥ 0` })
  return value
}

/** A vault's `getQueuedWithdrawal` record. */
export type QueuedRecord = { staker: Address; start: bigint; shares: bigint; beneficiary: Address }

/** A queued withdrawal from its `getQueuedWithdrawal` record, valued at the vault's rate now. */
export function queuedWithdrawal(
  state: { address: Address; totalAssets: bigint; totalSupply: bigint },
  staker: Address,
  nonce: bigint,
  w: QueuedRecord,
  delay: bigint,
  timestamp: bigint,
): KarakQueuedWithdrawal {
  return {
    vault: state.address,
    staker,
    nonce,
    withdrawalKey: karakWithdrawalKey(staker, nonce),
    receiver: w.beneficiary,
    shares: w.shares,
    amount: karakSharesToAssets(state, w.shares),
    start: w.start,
    ready: isKarakWithdrawalReady(w.start, delay, timestamp),
    readyAt: { timestamp: karakWithdrawalReadyAt(w.start, delay) },
  }
}

/** Validates a withdrawal reference: the nonce, or the key (lower-cased). */
export function resolveRef(ref: {
  withdrawalKey?: Hex | undefined
  nonce?: bigint | undefined
}): { nonce: bigint } | { withdrawalKey: Hex } {
  return ref.nonce !== undefined
    ? { nonce: assertNonce(ref.nonce) }
    : { withdrawalKey: assertKey(ref.withdrawalKey) }
}
