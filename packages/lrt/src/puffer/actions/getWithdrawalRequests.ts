import {
  assertAddress,
  type BatchResult,
  type ReadClient,
  type Readiness,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, getAbiItem, zeroAddress } from 'viem'
import { getLogs } from 'viem/actions'
import { pufferVaultAbi, pufferWithdrawalManagerAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { minRate, pufferDeployment, WAD } from './internal.js'

export type GetWithdrawalRequestsParameters = {
  /** Whose requests: the recipient they pay. */
  owner: Address
  deployment?: PufferDeployment
}

/**
 * `pending`: its batch is not finalized; `claimable`: finalized, `completeQueuedWithdrawal` pays it
 * now; `claimed`: paid. (Puffer has no `finalized`-but-not-claimable state: a finalized batch is
 * claimable at once.)
 */
export type PufferWithdrawalStatus = 'pending' | 'finalized' | 'claimable' | 'claimed'

export type PufferWithdrawalRequest = {
  /** `withdrawalIdx`: what `claimWithdrawal({ id })` takes. */
  id: bigint
  /** Its batch (`withdrawalIdx / BATCH_SIZE`). */
  batch: bigint
  owner: Address
  /** pufETH locked by the request. */
  amount: bigint
  /** WETH per 1e18 pufETH when requested. */
  requestRate: bigint
  /** The batch's rate, once finalized. */
  batchRate: bigint | null
  status: PufferWithdrawalStatus
  /** WETH it pays: exact once finalized (`amount × min(requestRate, batchRate)`); while pending, at the rate now. */
  out: bigint
  /** `claimWithdrawal` sent now succeeds. */
  ready: boolean
  /** Finalized: the block its batch was finalized in. Pending: null (Puffer finalizes batches operationally; no ETA on chain). */
  readyAt: Readiness | null
  /** The block of the request. */
  requestedAt: { block: bigint }
}

const requestedEvent = /* @__PURE__ */ getAbiItem({
  abi: pufferWithdrawalManagerAbi,
  name: 'WithdrawalRequested',
})
const finalizedEvent = /* @__PURE__ */ getAbiItem({ abi: pufferWithdrawalManagerAbi, name: 'BatchFinalized' })

type Withdrawal = { pufETHAmount: bigint; pufETHToETHExchangeRate: bigint; recipient: Address }
type Batch = { pufETHToETHExchangeRate: bigint }
/** What the logs give: each request's id, batch and block. */
export type PufferRequestLog = { id: bigint; batch: bigint; block: bigint }

/** Round trip 1: the owner's `WithdrawalRequested` logs (recipient is indexed). */
export async function readRequestLogs(
  client: ReadClient,
  d: PufferDeployment,
  owner: Address,
): Promise<PufferRequestLog[]> {
  const logs = await getLogs(client, {
    address: d.withdrawalManager,
    event: requestedEvent,
    args: { recipient: owner },
    fromBlock: d.fromBlock ?? 0n,
    toBlock: 'latest',
    strict: true,
  })
  return logs.map((l) => ({ id: l.args.withdrawalIdx, batch: l.args.batchIdx, block: l.blockNumber }))
}

/** Round trip 2 (beside the request reads): the blocks the requests' batches were finalized in. */
export async function readFinalizedBlocks(
  client: ReadClient,
  d: PufferDeployment,
  batches: readonly bigint[],
): Promise<Map<bigint, bigint>> {
  if (batches.length === 0) return new Map()
  const logs = await getLogs(client, {
    address: d.withdrawalManager,
    event: finalizedEvent,
    args: { batchIdx: [...batches] },
    fromBlock: d.fromBlock ?? 0n,
    toBlock: 'latest',
    strict: true,
  })
  return new Map(logs.map((l) => [l.args.batchIdx, l.blockNumber]))
}

/** Round trip 2: each request, its batch, the finalized batch and the rate now, in one stage. */
export function requestsPlan(
  d: PufferDeployment,
  owner: Address,
  logs: readonly PufferRequestLog[],
): ReadPlan<PufferWithdrawalRequest[]> {
  const batches = [...new Set(logs.map((l) => l.batch))]
  return stage(
    [
      {
        address: d.withdrawalManager,
        abi: pufferWithdrawalManagerAbi,
        functionName: 'getFinalizedWithdrawalBatch',
      },
      { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
      ...logs.map((l) => ({
        address: d.withdrawalManager,
        abi: pufferWithdrawalManagerAbi,
        functionName: 'getWithdrawal',
        args: [l.id],
      })),
      ...batches.map((b) => ({
        address: d.withdrawalManager,
        abi: pufferWithdrawalManagerAbi,
        functionName: 'getBatch',
        args: [b],
      })),
    ],
    (r: readonly BatchResult[]) => {
      const finalized = unwrap<bigint>(r[0])
      const rateNow = unwrap<bigint>(r[1])
      const batchRates = new Map(
        batches.map((b, i) => [b, unwrap<Batch>(r[2 + logs.length + i]).pufETHToETHExchangeRate]),
      )
      return logs.map((l, i) => {
        const w = unwrap<Withdrawal>(r[2 + i])
        const done = l.batch <= finalized
        const batchRate = done ? (batchRates.get(l.batch) ?? 0n) : null
        const bound = batchRate ?? rateNow
        const rate = minRate(w.pufETHToETHExchangeRate, bound)
        const status: PufferWithdrawalStatus =
          w.recipient === zeroAddress ? 'claimed' : done ? 'claimable' : 'pending'
        return {
          id: l.id,
          batch: l.batch,
          owner,
          amount: w.pufETHAmount,
          requestRate: w.pufETHToETHExchangeRate,
          batchRate,
          status,
          out: (w.pufETHAmount * rate) / WAD,
          ready: status === 'claimable',
          readyAt: null,
          requestedAt: { block: l.block },
        }
      })
    },
  )
}

/**
 * Round trip 2, together: the request reads and their batches' `BatchFinalized` logs (the plan is
 * started first, so a batching transport sends both in one request), merged: a finalized request's
 * `readyAt` is the block its batch was finalized in.
 */
export async function readRequests(
  client: ReadClient,
  d: PufferDeployment,
  owner: Address,
  logs: readonly PufferRequestLog[],
): Promise<PufferWithdrawalRequest[]> {
  if (logs.length === 0) return []
  const requests = runPlan(client, requestsPlan(d, owner, logs))
  const blocks = readFinalizedBlocks(client, d, [...new Set(logs.map((l) => l.batch))])
  const [list, at] = await Promise.all([requests, blocks])
  return list.map((r) => {
    const block = r.batchRate === null ? undefined : at.get(r.batch)
    return block === undefined ? r : { ...r, readyAt: { block } }
  })
}

/**
 * The owner's Puffer withdrawal requests with their status (pending → claimable → claimed), payout
 * and readiness: the `WithdrawalRequested` logs for the owner, then one read stage (beside the
 * `BatchFinalized` logs of their batches). Two round trips.
 */
export async function getWithdrawalRequests(
  client: ReadClient,
  params: GetWithdrawalRequestsParameters,
): Promise<PufferWithdrawalRequest[]> {
  const d = pufferDeployment(client, params.deployment)
  const owner = assertAddress('owner', params.owner)
  return readRequests(client, d, owner, await readRequestLogs(client, d, owner))
}
