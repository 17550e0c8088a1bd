import {
  assertAddress,
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  type Readiness,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, getAbiItem, isAddressEqual } from 'viem'
import { getBlockNumber, getLogs } from 'viem/actions'
import {
  etherfiWithdrawRequestEventsAbi,
  etherfiWithdrawRequestEventsV2026Abi,
  etherfiWithdrawRequestNFTAbi,
} from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment } from './internal.js'

export type GetWithdrawalRequestsParameters = {
  /** Whose requests: the NFTs minted or transferred to this address. */
  owner: Address
  /** Where the NFT log scan starts (default `deployment.fromBlock`, else 0). */
  fromBlock?: bigint
  deployment?: EtherFiDeployment
}

/**
 * - `pending`: not finalized yet (EtherFiAdmin finalizes; no ETA is knowable on chain);
 * - `finalized`: finalized, but claims are paused on the NFT now;
 * - `claimable`: finalized and valid: a claim sent now pays `claimable`;
 * - `claimed`: paid out (the NFT is burnt; `isFinalized` stays true, `getRequest().isValid` is false).
 */
export type EtherFiWithdrawalStatus = 'pending' | 'finalized' | 'claimable' | 'claimed'

/** One ether.fi withdrawal request (a WithdrawRequestNFT). */
export type EtherFiWithdrawalRequest = {
  /** The NFT's token id (the request id). */
  id: bigint
  owner: Address
  status: EtherFiWithdrawalStatus
  /**
   * `getRequest().isValid`: false once claimed, or when EtherFiAdmin invalidated it (it then stays
   * `pending` here even where `isFinalized` is true: it cannot be claimed).
   */
  valid: boolean
  /** eETH locked by the request (for `claimed`: the ETH paid, from the claim's event). */
  amount: bigint
  /** eETH shares locked (for `claimed`: the shares burnt). */
  shares: bigint
  /** ETH a claim pays (the payout frozen at finalization, less the fee), once finalized; else null. */
  claimable: bigint | null
  /** A claim sent now succeeds. */
  ready: boolean
  /**
   * When it is ready: for a finalized request, the latest block it was read at (ready by then); for a
   * pending one `null`: finalization is EtherFiAdmin's call, so no time is knowable on chain.
   */
  readyAt: Readiness | null
}

type RequestStruct = { amountOfEEth: bigint; shareOfEEth: bigint; isValid: boolean; feeGwei: number }

const transferEvent = /* @__PURE__ */ getAbiItem({ abi: etherfiWithdrawRequestNFTAbi, name: 'Transfer' })
/** Both forms of `WithdrawRequestClaimed` (HEAD: 4 fields; 2026-03: a fifth, `fee`: another topic). */
const claimedEvents = [
  /* @__PURE__ */ getAbiItem({ abi: etherfiWithdrawRequestEventsAbi, name: 'WithdrawRequestClaimed' }),
  /* @__PURE__ */ getAbiItem({ abi: etherfiWithdrawRequestEventsV2026Abi, name: 'WithdrawRequestClaimed' }),
] as const

/** The ids of the NFTs ever sent to `owner` (mints and transfers), from the NFT's `Transfer` logs. */
export async function requestIdsOf(
  client: ReadClient,
  d: EtherFiDeployment,
  owner: Address,
  range: { fromBlock: bigint; toBlock?: bigint },
): Promise<bigint[]> {
  const logs = await getLogs(client, {
    address: d.withdrawRequestNFT,
    event: transferEvent,
    args: { to: owner },
    ...range,
  })
  const ids = new Set<bigint>()
  for (const l of logs) if (l.args.tokenId !== undefined) ids.add(l.args.tokenId)
  return [...ids].sort((a, b) => (a < b ? -1 : 1))
}

/** A claim's decoded event, in either form. */
export type EtherFiClaimedLog = { id: bigint; owner: Address; amount: bigint; shares: bigint }

/** The NFT's claims by `owner`, decoded from both event forms (HEAD and 2026-03). */
export async function claimsOf(
  client: ReadClient,
  d: EtherFiDeployment,
  owner: Address,
  range: { fromBlock: bigint; toBlock: bigint },
): Promise<EtherFiClaimedLog[]> {
  const logs = await getLogs(client, { address: d.withdrawRequestNFT, events: claimedEvents, ...range })
  return decodeClaims(logs as unknown as readonly { args: Record<string, unknown> }[]).filter((c) =>
    isAddressEqual(c.owner, owner),
  )
}

/** Normalizes decoded `WithdrawRequestClaimed` logs of either form. */
export function decodeClaims(logs: readonly { args: Record<string, unknown> }[]): EtherFiClaimedLog[] {
  return logs.map(({ args }) => ({
    id: BigInt(args.requestId as number),
    owner: args.owner as Address,
    amount: args.amountOfEEth as bigint,
    shares: (args.shareOfEEth ?? args.burntShareOfEEth) as bigint,
  }))
}

/**
 * One read stage over `ids`: each NFT's owner, request, finalization and claimable amount, and the
 * NFT's pause; keeps the requests `owner` holds now. Claimable needs `isFinalized` AND
 * `getRequest().isValid` (isFinalized alone stays true after a claim).
 */
export function requestsPlan(
  d: EtherFiDeployment,
  owner: Address,
  ids: readonly bigint[],
  latestBlock: bigint,
) {
  const nft = { address: d.withdrawRequestNFT, abi: etherfiWithdrawRequestNFTAbi } as const
  return stage(
    [
      { ...nft, functionName: 'paused' },
      ...ids.flatMap((id) => [
        { ...nft, functionName: 'ownerOf', args: [id] },
        { ...nft, functionName: 'getRequest', args: [id] },
        { ...nft, functionName: 'isFinalized', args: [id] },
        { ...nft, functionName: 'getClaimableAmount', args: [id] },
      ]),
    ],
    ([paused, ...r]: readonly BatchResult[]): EtherFiWithdrawalRequest[] => {
      const isPaused = paused?.status === 'success' && paused.result === true
      const out: EtherFiWithdrawalRequest[] = []
      ids.forEach((id, i) => {
        const holder = r[4 * i]
        if (holder?.status !== 'success' || !isAddressEqual(holder.result as Address, owner)) return
        const request = unwrap<RequestStruct>(r[4 * i + 1])
        const finalized = unwrap<boolean>(r[4 * i + 2])
        const claimableRead = r[4 * i + 3]
        const valid = request.isValid
        const claimable =
          finalized && valid && claimableRead?.status === 'success' ? (claimableRead.result as bigint) : null
        const ready = claimable !== null && !isPaused
        out.push({
          id,
          owner,
          status: !finalized || !valid ? 'pending' : isPaused ? 'finalized' : 'claimable',
          valid,
          amount: request.amountOfEEth,
          shares: request.shareOfEEth,
          claimable,
          ready,
          readyAt: ready ? { block: latestBlock } : null,
        })
      })
      return out
    },
  )
}

/**
 * `owner`'s ether.fi withdrawal requests: ids from the NFT's `Transfer` logs to `owner` (the pool's
 * `requestWithdraw` returns the id, but only the NFT records it), then one read stage for the ones
 * held now, plus the claimed ones from the claim events (either version's form). Oldest first.
 */
export async function getWithdrawalRequests(
  client: ReadClient,
  params: GetWithdrawalRequestsParameters,
): Promise<EtherFiWithdrawalRequest[]> {
  const d = etherfiDeployment(client, params.deployment)
  const owner = assertAddress('owner', params.owner)
  const fromBlock = params.fromBlock ?? d.fromBlock ?? 0n
  if (typeof fromBlock !== 'bigint' || fromBlock < 0n)
    throw new InvalidParameterError({ parameter: 'fromBlock', reason: 'must be a bigint ≥ 0' })
  const toBlock = await getBlockNumber(client, { cacheTime: 0 })
  const range = { fromBlock, toBlock }
  const [ids, claims] = await Promise.all([
    requestIdsOf(client, d, owner, range),
    claimsOf(client, d, owner, range),
  ])
  const held = await runPlan(client, requestsPlan(d, owner, ids, toBlock), { blockNumber: toBlock })
  const claimed: EtherFiWithdrawalRequest[] = claims.map((c) => ({
    id: c.id,
    owner,
    status: 'claimed',
    valid: false,
    amount: c.amount,
    shares: c.shares,
    claimable: null,
    ready: false,
    readyAt: { block: toBlock },
  }))
  return [...held, ...claimed].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}
