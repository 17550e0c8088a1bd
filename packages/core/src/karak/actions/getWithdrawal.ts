import type { Address, Hex } from 'viem'
import type { InvalidParameterError, ReadErrorType } from '../../errors.js'
import { assertAddress, type ReadPlan, runPlan, stage, unwrap } from '../../kit/index.js'
import { karakVaultViewsAbi } from '../abis.js'
import type { KarakDeployment } from '../deployments.js'
import { KarakUnknownWithdrawalError, KarakWithdrawalNotFoundError } from '../errors.js'
import { karakFindWithdrawalNonce, karakWithdrawalKey } from '../math.js'
import type { KarakQueuedWithdrawal } from './getPositions.js'
import {
  type QueuedRecord,
  queuedWithdrawal,
  type ReadClient,
  resolveRef,
  timestampOf,
  timestampRead,
  withdrawalDelay,
} from './internal.js'

/** One withdrawal, named by its key or by the staker's nonce. */
export type WithdrawalRef =
  | { withdrawalKey: Hex; nonce?: undefined }
  | { nonce: bigint; withdrawalKey?: undefined }

export type GetWithdrawalParameters = {
  vault: Address
  /** Who called `startRedeem`. */
  staker: Address
  deployment?: KarakDeployment
} & WithdrawalRef
export type GetWithdrawalReturnType = KarakQueuedWithdrawal & {
  /** The chain time (unix seconds) readiness was judged at. */
  timestamp: bigint
}
export type GetWithdrawalErrorType =
  | KarakUnknownWithdrawalError
  | KarakWithdrawalNotFoundError
  | InvalidParameterError
  | ReadErrorType

/** What `withdrawalPlan` finds: the withdrawal, or why there is none (the caller throws). */
export type WithdrawalLookup =
  | { found: true; withdrawal: GetWithdrawalReturnType }
  | { found: false; error: KarakUnknownWithdrawalError | KarakWithdrawalNotFoundError }

/**
 * The read plan of one withdrawal: a key is first matched against the staker's nonces
 * (`getNextWithdrawNonce`, one stage); then the queued record, the vault totals and the chain time
 * (`clock`) in one stage. Pure: a write runs it at its landing block.
 */
export function withdrawalPlan(params: {
  vault: Address
  staker: Address
  ref: { nonce: bigint } | { withdrawalKey: Hex }
  delay: bigint
  clock: Parameters<typeof stage>[0][number]
}): ReadPlan<WithdrawalLookup> {
  const { vault, staker, ref, delay, clock } = params
  const read = (nonce: bigint): ReadPlan<WithdrawalLookup> =>
    stage(
      [
        {
          address: vault,
          abi: karakVaultViewsAbi,
          functionName: 'getQueuedWithdrawal',
          args: [staker, nonce],
        },
        { address: vault, abi: karakVaultViewsAbi, functionName: 'totalAssets' },
        { address: vault, abi: karakVaultViewsAbi, functionName: 'totalSupply' },
        clock,
      ],
      ([queued, totalAssets, totalSupply, time]) => {
        const withdrawalKey = karakWithdrawalKey(staker, nonce)
        const w = unwrap<QueuedRecord>(queued)
        if (w.start === 0n)
          return { found: false, error: new KarakWithdrawalNotFoundError({ vault, withdrawalKey }) }
        const timestamp = timestampOf(time)
        const state = {
          address: vault,
          totalAssets: unwrap<bigint>(totalAssets),
          totalSupply: unwrap<bigint>(totalSupply),
        }
        return {
          found: true,
          withdrawal: { ...queuedWithdrawal(state, staker, nonce, w, delay, timestamp), timestamp },
        }
      },
    )
  if ('nonce' in ref) return read(ref.nonce)
  return stage(
    [{ address: vault, abi: karakVaultViewsAbi, functionName: 'getNextWithdrawNonce', args: [staker] }],
    ([next]) => {
      const nonce = karakFindWithdrawalNonce(staker, ref.withdrawalKey, unwrap<bigint>(next))
      if (nonce === undefined)
        return {
          found: false,
          error: new KarakUnknownWithdrawalError({ vault, withdrawalKey: ref.withdrawalKey, staker }),
        }
      return read(nonce)
    },
  )
}

/**
 * One queued withdrawal with its readiness, by key or by nonce. A key is matched against the
 * staker's nonces (one extra `eth_call`); unknown keys and finished withdrawals are typed errors.
 */
export async function getWithdrawal(
  client: ReadClient,
  params: GetWithdrawalParameters,
): Promise<GetWithdrawalReturnType> {
  const vault = assertAddress('vault', params.vault)
  const staker = assertAddress('staker', params.staker)
  const lookup = await runPlan(
    client,
    withdrawalPlan({
      vault,
      staker,
      ref: resolveRef(params),
      delay: withdrawalDelay(client, params.deployment),
      clock: timestampRead(client),
    }),
  )
  if (!lookup.found) throw lookup.error
  return lookup.withdrawal
}
