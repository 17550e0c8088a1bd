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
import { type Address, getAbiItem, isAddressEqual, parseAbi } from 'viem'
import { getLogs } from 'viem/actions'
import { swellRswETHAbi, swellRswEXITAbi, swellRswEXITTransferAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { minRate, swellDeployment, WAD, withExit } from './internal.js'

export type GetWithdrawalRequestsParameters = {
  /** Whose requests: the holder of the rswEXIT NFTs. */
  owner: Address
  deployment?: SwellDeployment
}

/** `pending`: not processed; `claimable`: processed, the NFT's owner finalizes it now; `claimed`: finalized. */
export type SwellWithdrawalStatus = 'pending' | 'finalized' | 'claimable' | 'claimed'

export type SwellWithdrawalRequest = {
  /** The NFT's token id: what `claimWithdrawal({ id })` takes. */
  id: bigint
  owner: Address
  /** rswETH locked by the request (0 once claimed: the request is deleted). */
  amount: bigint
  rateWhenCreated: bigint
  /** The rate it was processed at, once processed. */
  processedRate: bigint | null
  status: SwellWithdrawalStatus
  /** ETH it pays: exact once processed (`amount × min(rateWhenCreated, processedRate)`); while pending, at the rate now; claimed: what was paid. */
  out: bigint
  ready: boolean
  /** Claimable: ready by the block of the read (`{ block }`). Pending or claimed: null (Swell processes withdrawals operationally: no ETA on chain). */
  readyAt: Readiness | null
}

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
const multicallBlockAbi = /* @__PURE__ */ parseAbi([
  'function getBlockNumber() view returns (uint256 blockNumber)',
])

const transferEvent = /* @__PURE__ */ getAbiItem({ abi: swellRswEXITTransferAbi, name: 'Transfer' })
const claimedEvent = /* @__PURE__ */ getAbiItem({ abi: swellRswEXITAbi, name: 'WithdrawalClaimed' })

/** What the logs give: every NFT ever sent to the owner, and what the owner claimed. */
export type SwellRequestLogs = { candidates: bigint[]; claimed: Map<bigint, bigint> }

/** Round trip 1: the NFTs transferred (or minted) to the owner and the owner's `WithdrawalClaimed` logs. */
export async function readSwellRequestLogs(
  client: ReadClient,
  rswEXIT: Address,
  owner: Address,
  fromBlock: bigint,
): Promise<SwellRequestLogs> {
  const [received, claimed] = await Promise.all([
    getLogs(client, {
      address: rswEXIT,
      event: transferEvent,
      args: { to: owner },
      fromBlock,
      toBlock: 'latest',
      strict: true,
    }),
    getLogs(client, {
      address: rswEXIT,
      event: claimedEvent,
      args: { owner },
      fromBlock,
      toBlock: 'latest',
      strict: true,
    }),
  ])
  return {
    candidates: [...new Set(received.map((l) => l.args.tokenId))],
    claimed: new Map(claimed.map((l) => [l.args.tokenId, l.args.exitClaimedETH])),
  }
}

/** Round trip 2: each candidate's holder, request and processed rate, and the rate now. */
export function swellRequestsPlan(
  d: SwellDeployment,
  rswEXIT: Address,
  owner: Address,
  logs: SwellRequestLogs,
): ReadPlan<SwellWithdrawalRequest[]> {
  const ids = logs.candidates
  return stage(
    [
      { address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' },
      { address: MULTICALL3, abi: multicallBlockAbi, functionName: 'getBlockNumber' },
      ...ids.flatMap((id) => [
        { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'ownerOf', args: [id] },
        { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawalRequests', args: [id] },
        { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'getProcessedRateForTokenId', args: [id] },
      ]),
    ],
    (r: readonly BatchResult[]) => {
      const rateNow = unwrap<bigint>(r[0])
      const block = unwrap<bigint>(r[1])
      const out: SwellWithdrawalRequest[] = []
      ids.forEach((id, i) => {
        const holder = r[2 + 3 * i]
        const paid = logs.claimed.get(id)
        const [amount, , rateWhenCreated] = unwrap<readonly [bigint, bigint, bigint]>(r[3 + 3 * i])
        const [isProcessed, processedRate] = unwrap<readonly [boolean, bigint]>(r[4 + 3 * i])
        if (holder?.status !== 'success') {
          // burnt: finalized — the owner's when its claim log says so
          if (paid !== undefined)
            out.push({
              id,
              owner,
              amount,
              rateWhenCreated,
              processedRate: isProcessed ? processedRate : null,
              status: 'claimed',
              out: paid,
              ready: false,
              readyAt: null,
            })
          return
        }
        if (!isAddressEqual(unwrap<Address>(holder), owner)) return // sent on to someone else
        const rate = minRate(rateWhenCreated, isProcessed ? processedRate : rateNow)
        out.push({
          id,
          owner,
          amount,
          rateWhenCreated,
          processedRate: isProcessed ? processedRate : null,
          status: isProcessed ? 'claimable' : 'pending',
          out: (amount * rate) / WAD,
          ready: isProcessed,
          readyAt: isProcessed ? { block } : null,
        })
      })
      return out.sort((a, b) => (a.id < b.id ? -1 : 1))
    },
  )
}

/**
 * The owner's Swell withdrawal requests (rswEXIT NFTs it holds, and those it finalized) with status,
 * payout and readiness. Two round trips (one more to find rswEXIT when the deployment does not name it).
 */
export async function getWithdrawalRequests(
  client: ReadClient,
  params: GetWithdrawalRequestsParameters,
): Promise<SwellWithdrawalRequest[]> {
  const d = swellDeployment(client, params.deployment)
  const owner = assertAddress('owner', params.owner)
  const rswEXIT =
    d.rswEXIT ??
    (await runPlan(
      client,
      withExit(d, (exit) => stage([], () => exit)),
    ))
  const logs = await readSwellRequestLogs(client, rswEXIT, owner, d.fromBlock ?? 0n)
  if (logs.candidates.length === 0) return []
  return runPlan(client, swellRequestsPlan(d, rswEXIT, owner, logs))
}
