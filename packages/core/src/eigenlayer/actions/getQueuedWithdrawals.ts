import type { Address, Hex } from 'viem'
import type {
  ChainMismatchError,
  InvalidAddressError,
  ReadErrorType,
  UnsupportedChainError,
} from '../../errors.js'
import { assertAddress, type BatchRead, type BatchResult, readBatch, unwrap } from '../../tx.js'
import { delegationManagerViewsAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import {
  clockFrom,
  clockReads,
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  nextBlock,
  type Withdrawal,
  withdrawalRoot,
} from '../internal.js'

export type GetQueuedWithdrawalsParameters = { staker: Address } & DeploymentParameter

export type QueuedWithdrawal = {
  /** `calculateWithdrawalRoot(withdrawal)`. */
  root: Hex
  withdrawal: Withdrawal
  /** Shares it pays out per strategy, slashing applied (`getQueuedWithdrawals`). */
  shares: readonly bigint[]
  strategies: readonly Address[]
  startBlock: bigint
  /**
   * A completion *sent now* succeeds: it lands in the next block (`blockNumber + 1`), and the
   * contracts accept it there when that block is past `startBlock + delay`. (An `eth_call` at
   * `latest` still reverts `WithdrawalDelayNotElapsed` one block earlier than that; the SDK
   * simulates at `pending`.)
   */
  ready: boolean
  /** The first block a completion can land in: `startBlock + minWithdrawalDelayBlocks + 1`. */
  readyAt: { block: bigint }
  /** Blocks still to be mined before a completion sent then succeeds (0 when `ready`). */
  blocksRemaining: bigint
}

export type GetQueuedWithdrawalsReturnType = {
  withdrawals: QueuedWithdrawal[]
  /** The block the state was read at (`latest`); readiness is judged for the next one. */
  blockNumber: bigint
  withdrawalDelayBlocks: number
}

export type GetQueuedWithdrawalsErrorType =
  | InvalidAddressError
  | UnsupportedChainError
  | ChainMismatchError
  | ReadErrorType

/** @internal The reads of a queued-withdrawals snapshot (withdrawals, delay, clock). */
export function queuedWithdrawalsReads(
  client: EigenLayerReadClient,
  d: EigenLayerDeployment,
  staker: Address,
): BatchRead[] {
  return [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getQueuedWithdrawals',
      args: [staker],
    },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'minWithdrawalDelayBlocks',
    },
    ...clockReads(client),
  ]
}

/** @internal Decodes `queuedWithdrawalsReads` results starting at `offset` (4 results). */
export async function decodeQueuedWithdrawals(
  client: EigenLayerReadClient,
  results: readonly (BatchResult | undefined)[],
  offset = 0,
): Promise<GetQueuedWithdrawalsReturnType> {
  const [list, shares] = unwrap<readonly [readonly Withdrawal[], readonly (readonly bigint[])[]]>(
    results[offset],
  )
  const delay = unwrap<number>(results[offset + 1])
  const { blockNumber } = await clockFrom(client, results.slice(offset + 2, offset + 4))
  // judged against the block a transaction sent now lands in, not the block read
  const next = nextBlock(blockNumber)
  const withdrawals = queuedAt(list, shares, delay, next)
  return { withdrawals, blockNumber, withdrawalDelayBlocks: delay }
}

/**
 * @internal The queued withdrawals with their readiness for a transaction landing in block
 * `landing` (pure): ready when `landing ≥ startBlock + delay + 1`.
 */
export function queuedAt(
  list: readonly Withdrawal[],
  shares: readonly (readonly bigint[])[],
  delay: number,
  landing: bigint,
): QueuedWithdrawal[] {
  return list.map((withdrawal, i) => {
    const startBlock = BigInt(withdrawal.startBlock)
    const block = startBlock + BigInt(delay) + 1n
    return {
      root: withdrawalRoot(withdrawal),
      withdrawal,
      shares: shares[i] ?? [],
      strategies: withdrawal.strategies,
      startBlock,
      ready: landing >= block,
      readyAt: { block },
      blocksRemaining: landing >= block ? 0n : block - landing,
    }
  })
}

/**
 * The staker's queued withdrawals with their shares after slashing, ready block and readiness
 * (whether a completion sent now, landing in the next block, succeeds), with the delay read from
 * chain: one round trip.
 */
export async function getQueuedWithdrawals(
  client: EigenLayerReadClient,
  params: GetQueuedWithdrawalsParameters,
): Promise<GetQueuedWithdrawalsReturnType> {
  const staker = assertAddress('staker', params.staker)
  const d = getDeployment(client, params.deployment)
  const results = await readBatch(client, queuedWithdrawalsReads(client, d, staker))
  return decodeQueuedWithdrawals(client, results)
}
