import { assertAddress, InvalidParameterError, type ReadClient, runPlan } from '@restakekit/core'
import { type Address, decodeEventLog, type Hex, isAddressEqual, numberToHex, toEventSelector } from 'viem'
import { renzoWithdrawQueueAbi, renzoWithdrawQueueV17Abi } from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { type RenzoWithdrawalRequest, renzoDeployment, requestsPlan } from './internal.js'

export type GetWithdrawalRequestsParameters = {
  /** Whose requests (Renzo keeps one array per user). */
  owner: Address
  /**
   * Request ids to report even when no longer open: each one the owner made (its
   * `WithdrawRequestCreated` log, found by its indexed id) and no longer holds is `claimed`.
   * Costs one `eth_getLogs` and one `eth_getBlockByNumber` per id.
   */
  requestIds?: readonly bigint[]
  /** Where the log search starts (default 0). */
  fromBlock?: bigint
  deployment?: RenzoDeployment
}

const createdHead = /* @__PURE__ */ renzoWithdrawQueueAbi.find(
  (f) => f.type === 'event' && f.name === 'WithdrawRequestCreated',
)!
const createdV17 = /* @__PURE__ */ renzoWithdrawQueueV17Abi.find(
  (f) => f.type === 'event' && f.name === 'WithdrawRequestCreated',
)!
const createdTopics = [
  /* @__PURE__ */ toEventSelector(createdHead),
  /* @__PURE__ */ toEventSelector(createdV17),
]

/**
 * The owner's withdrawal requests: every open one in its array (by current index) with status
 * `pending` or `claimable`, the amount it pays now and `readyAt` (the request time plus the cooldown
 * read on chain, the larger of `coolDownPeriod` and the risk-oracle middleware's); a queued request
 * waiting for the buffer stays `pending` with its `queueShortfall`. Two read stages for up to four
 * open requests. `requestIds` adds the owner's claimed ones (from logs).
 */
export async function getWithdrawalRequests(
  client: ReadClient,
  params: GetWithdrawalRequestsParameters,
): Promise<RenzoWithdrawalRequest[]> {
  const d = renzoDeployment(client, params.deployment)
  const owner = assertAddress('owner', params.owner)
  const ids = params.requestIds ?? []
  for (const id of ids)
    if (typeof id !== 'bigint' || id <= 0n)
      throw new InvalidParameterError({
        parameter: 'requestIds',
        reason: `${String(id)} is not a request id`,
      })
  const { requests, coolDownPeriod } = await runPlan(client, requestsPlan(d, owner))
  const open = new Set(requests.map((r) => r.requestId))
  const claimed: RenzoWithdrawalRequest[] = []
  for (const id of ids) {
    if (open.has(id)) continue
    const logs = (await client.request({
      method: 'eth_getLogs',
      params: [
        {
          address: d.withdrawQueue,
          topics: [createdTopics, numberToHex(id, { size: 32 })],
          fromBlock: numberToHex(params.fromBlock ?? 0n),
          toBlock: 'latest',
        },
      ],
    })) as { data: Hex; topics: [Hex, ...Hex[]]; blockNumber: Hex }[]
    for (const log of logs) {
      const head = log.topics[0] === createdTopics[0]
      const { args } = decodeEventLog({
        abi: [head ? createdHead : createdV17],
        data: log.data,
        topics: log.topics,
      }) as unknown as {
        args: {
          user: Address
          claimToken: Address
          amountToRedeem: bigint
          ezETHAmountLocked: bigint
          queued?: boolean
        }
      }
      if (!isAddressEqual(args.user, owner)) continue
      const block = (await client.request({
        method: 'eth_getBlockByNumber',
        params: [log.blockNumber, false],
      })) as { timestamp: Hex } | null
      const createdAt = block ? BigInt(block.timestamp) : null
      claimed.push({
        requestId: id,
        owner,
        index: null,
        asset: args.claimToken,
        ezETHLocked: args.ezETHAmountLocked,
        amount: args.amountToRedeem,
        amountAtRequest: args.amountToRedeem,
        createdAt,
        status: 'claimed',
        ready: false,
        readyAt: { timestamp: (createdAt ?? 0n) + coolDownPeriod },
        queued: args.queued ?? false,
        queueShortfall: 0n,
      })
    }
  }
  return [...requests, ...claimed]
}
