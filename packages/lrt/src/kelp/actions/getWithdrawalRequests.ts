import {
  assertAddress,
  type BatchRead,
  type BatchResult,
  type ReadClient,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, parseAbiItem } from 'viem'
import { getLogs } from 'viem/actions'
import { getAction } from 'viem/utils'
import { kelpConfigAbi, kelpWithdrawalManagerAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { blockNumberRead, kelpDeployment, withdrawalManagerOf } from './internal.js'

/** One Kelp withdrawal request (per asset, nonces are one sequence; each user's complete FIFO). */
export type KelpWithdrawalRequest = {
  /** The request's nonce in the asset's queue (Kelp's `userNonce`). */
  id: bigint
  asset: Address
  owner: Address
  /**
   * `pending`: queued, not unlocked by Kelp's operator yet; `claimable`: unlocked (nonce <
   * `nextLockedNonce`, the block delay passed), `completeWithdrawal` pays it once the owner's older
   * ones are claimed; `claimed`: paid (only with `includeClaimed`).
   */
  status: 'pending' | 'claimable' | 'claimed'
  /** rsETH the request gave up. */
  rsETHAmount: bigint
  /** What it pays in `asset`: expected at request time while pending, the payout once unlocked or claimed. */
  amount: bigint
  /** The block the request was made in. */
  startBlock: bigint
  /** A `completeWithdrawal` sent now pays it: claimable and the owner's oldest open request. */
  ready: boolean
  /**
   * The first block it can be claimed in: `startBlock + withdrawalDelayBlocks`. For a pending request
   * it is the earliest, since Kelp's operator must also unlock it (`unlockQueue`).
   */
  readyAt: { block: bigint }
}

export type GetWithdrawalRequestsParameters = {
  owner: Address
  /** One asset only (default: every supported asset). */
  asset?: Address
  /**
   * Also list the owner's claimed requests, from the manager's `AssetWithdrawalQueued` and
   * `AssetWithdrawalFinalized` logs (one `eth_getLogs` each; FIFO matches the n-th payout to the n-th request).
   */
  includeClaimed?: boolean
  /** The first block the logs are searched from, with `includeClaimed` (default 0). */
  fromBlock?: bigint
  deployment?: KelpDeployment
}

/** Open requests read per asset in the plan's second stage; more cost one more stage. */
export const KELP_REQUESTS_PER_STAGE = 8

type AssetQueue = { asset: Address; begin: bigint; end: bigint; nextLocked: bigint }

const requestRead = (manager: Address, asset: Address, owner: Address, i: bigint): BatchRead => ({
  address: manager,
  abi: kelpWithdrawalManagerAbi,
  functionName: 'getUserWithdrawalRequest',
  args: [asset, owner, i],
})

/**
 * The owner's open requests, as a read plan: the asset list, the delay and the block number; then
 * per asset the owner's queue bounds, `nextLockedNonce` and the first `KELP_REQUESTS_PER_STAGE`
 * requests (reads past the end fail harmlessly); a third stage only for an asset with more.
 */
export function withdrawalRequestsPlan(
  client: ReadClient | undefined,
  d: KelpDeployment,
  owner: Address,
  options: {
    asset?: Address | undefined
    /** Reads to add to the first stage, and a check of their results (a write's identity guard). */
    guard?: { reads: readonly BatchRead[]; check: (results: readonly BatchResult[]) => void }
    /** True when the plan runs at the pending block (a write's checks): the block read is the landing block. */
    atLanding?: boolean
  } = {},
): ReadPlan<{ requests: KelpWithdrawalRequest[]; delay: bigint; block: bigint }> {
  const { asset, guard } = options
  const manager = withdrawalManagerOf(d)
  const extra = guard?.reads ?? []
  const first: BatchRead[] = [
    ...extra,
    { address: manager, abi: kelpWithdrawalManagerAbi, functionName: 'withdrawalDelayBlocks' },
    blockNumberRead(client),
    ...(asset ? [] : [{ address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'getSupportedAssetList' }]),
  ]
  return stage(first, (results) => {
    guard?.check(results.slice(0, extra.length))
    const [delayR, blockR, listR] = results.slice(extra.length)
    const delay = unwrap<bigint>(delayR)
    // `block` is the latest block: a transaction sent now lands in `block + 1`
    const block = unwrap<bigint>(blockR) - (options.atLanding ? 1n : 0n)
    const assets = asset ? [asset] : [...unwrap<readonly Address[]>(listR)]
    const K = BigInt(KELP_REQUESTS_PER_STAGE)
    const width = 2 + KELP_REQUESTS_PER_STAGE
    const reads = assets.flatMap((a) => [
      {
        address: manager,
        abi: kelpWithdrawalManagerAbi,
        functionName: 'userAssociatedNonces',
        args: [a, owner],
      },
      { address: manager, abi: kelpWithdrawalManagerAbi, functionName: 'nextLockedNonce', args: [a] },
      ...Array.from({ length: KELP_REQUESTS_PER_STAGE }, (_, i) => requestRead(manager, a, owner, BigInt(i))),
    ])
    return stage(reads, (r) => {
      const queues: AssetQueue[] = assets.map((a, j) => {
        const [begin, end] = unwrap<readonly [bigint, bigint]>(r[j * width])
        return { asset: a, begin, end, nextLocked: unwrap<bigint>(r[j * width + 1]) }
      })
      const raw = new Map<Address, BatchResult[]>(
        assets.map((a, j) => [a, r.slice(j * width + 2, j * width + width) as BatchResult[]]),
      )
      const rest = queues.flatMap((q) =>
        Array.from({ length: Math.max(0, Number(q.end - q.begin - K)) }, (_, i) =>
          requestRead(manager, q.asset, owner, K + BigInt(i)),
        ),
      )
      const finish = (more: readonly BatchResult[]) => {
        let k = 0
        for (const q of queues) {
          const list = raw.get(q.asset)!
          for (let i = K; i < q.end - q.begin; i++) list.push(more[k++]!)
        }
        return {
          requests: queues.flatMap((q) => toRequests(q, raw.get(q.asset)!, owner, delay, block)),
          delay,
          block,
        }
      }
      return rest.length > 0 ? stage(rest, finish) : finish([])
    })
  })
}

function toRequests(
  q: AssetQueue,
  results: readonly BatchResult[],
  owner: Address,
  delay: bigint,
  block: bigint,
): KelpWithdrawalRequest[] {
  const open = Number(q.end - q.begin)
  return results.slice(0, open).map((res, i) => {
    const [rsETHAmount, amount, startBlock, id] = unwrap<readonly [bigint, bigint, bigint, bigint]>(res)
    const readyAt = startBlock + delay
    const claimable = id < q.nextLocked
    return {
      id,
      asset: q.asset,
      owner,
      status: claimable ? 'claimable' : 'pending',
      rsETHAmount,
      amount,
      startBlock,
      // the next transaction lands in block + 1; only the oldest open request is paid (FIFO)
      ready: claimable && i === 0 && block + 1n >= readyAt,
      readyAt: { block: readyAt },
    }
  })
}

const queuedEvent = /* @__PURE__ */ parseAbiItem(
  'event AssetWithdrawalQueued(address indexed withdrawer, address indexed asset, uint256 rsETHUnstaked, uint256 indexed userNonce)',
)
const finalizedEvent = /* @__PURE__ */ parseAbiItem(
  'event AssetWithdrawalFinalized(address indexed withdrawer, address indexed asset, uint256 amountBurned, uint256 amountReceived)',
)

/**
 * The owner's withdrawal requests with their status: open ones from state (two read stages; a
 * third for an asset with more than `KELP_REQUESTS_PER_STAGE`), claimed ones from the logs with
 * `includeClaimed`. Per asset in nonce order (the FIFO order they are claimed in); the assets in
 * Kelp's list order, or by address with `includeClaimed`.
 */
export async function getWithdrawalRequests(
  client: ReadClient,
  params: GetWithdrawalRequestsParameters,
): Promise<KelpWithdrawalRequest[]> {
  const d = kelpDeployment(client, params.deployment)
  const owner = assertAddress('owner', params.owner)
  const asset = params.asset === undefined ? undefined : assertAddress('asset', params.asset)
  const manager = withdrawalManagerOf(d)
  const { requests, delay } = await runPlan(client, withdrawalRequestsPlan(client, d, owner, { asset }))
  if (!params.includeClaimed) return requests
  const logs = getAction(client, getLogs, 'getLogs')
  const fromBlock = params.fromBlock ?? 0n
  const args = { withdrawer: owner, ...(asset ? { asset } : {}) }
  const [queued, finalized] = await Promise.all([
    logs({ address: manager, event: queuedEvent, args, fromBlock, toBlock: 'latest' }),
    logs({ address: manager, event: finalizedEvent, args, fromBlock, toBlock: 'latest' }),
  ])
  const claimed: KelpWithdrawalRequest[] = []
  const byAsset = (a: Address) => (l: { args: { asset?: Address | undefined } }) =>
    l.args.asset?.toLowerCase() === a.toLowerCase()
  const assets = [...new Set(queued.map((l) => l.args.asset as Address))]
  for (const a of assets) {
    // FIFO per owner per asset: the n-th payout is the n-th request
    const q = queued.filter(byAsset(a)).sort((x, y) => (x.args.userNonce! < y.args.userNonce! ? -1 : 1))
    const f = finalized.filter(byAsset(a))
    f.forEach((fin, n) => {
      const req = q[n]
      if (!req) return
      claimed.push({
        id: req.args.userNonce!,
        asset: a,
        owner,
        status: 'claimed',
        rsETHAmount: fin.args.amountBurned!,
        amount: fin.args.amountReceived!,
        startBlock: req.blockNumber as bigint,
        ready: false,
        readyAt: { block: (req.blockNumber as bigint) + delay },
      })
    })
  }
  const all = [...claimed, ...requests]
  return all.sort((x, y) =>
    x.asset.toLowerCase() === y.asset.toLowerCase()
      ? x.id < y.id
        ? -1
        : 1
      : x.asset.toLowerCase() < y.asset.toLowerCase()
        ? -1
        : 1,
  )
}
