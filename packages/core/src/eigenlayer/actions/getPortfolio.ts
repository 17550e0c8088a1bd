import type { Address } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, type BatchRead, oneBlock, readBatch, unwrap } from '../../tx.js'
import { allocationManagerStakerAbi, delegationManagerViewsAbi, eigenPodManagerViewsAbi } from '../abis.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
} from '../internal.js'
import { allocatedStakeOf, type OperatorSet } from './getAllocations.js'
import {
  decodeDeposits,
  decodeStrategyInfo,
  depositsRound2,
  type EigenLayerDeposit,
  operatorOrNull,
  type StrategyInfo,
  strategyReads,
  toUnderlying,
} from './getDeposits.js'
import {
  decodeQueuedWithdrawals,
  type QueuedWithdrawal,
  queuedWithdrawalsReads,
} from './getQueuedWithdrawals.js'

export type GetPortfolioParameters = { staker: Address } & DeploymentParameter

export type PortfolioWithdrawal = QueuedWithdrawal & {
  /** Per strategy: the underlying token (`null` for beacon-chain ETH) and the payout in token units. */
  tokens: readonly (Address | null)[]
  underlyingAmounts: readonly bigint[]
}

export type PortfolioAllocation = {
  operatorSet: OperatorSet
  strategy: Address
  /** The operator is registered for the set (else slashable only until its deallocation delay ends). */
  registered: boolean
  currentMagnitude: bigint
  pendingDiff: bigint
  effectBlock: number
  maxMagnitude: bigint
  /** Operator stake slashable now by this set in this strategy. */
  allocatedStake: bigint
  /** The staker's share of it: `withdrawableShares · currentMagnitude / maxMagnitude`. */
  stakerSlashableShares: bigint
}

export type GetPortfolioReturnType = {
  staker: Address
  blockNumber: bigint
  delegation: { operator: Address | null }
  deposits: EigenLayerDeposit[]
  queuedWithdrawals: PortfolioWithdrawal[]
  withdrawalDelayBlocks: number
  /** The delegated operator's allocations in the staker's strategies (empty when not delegated). */
  allocations: PortfolioAllocation[]
  pod: { pod: Address; hasPod: boolean; podOwnerDepositShares: bigint; beaconChainSlashingFactor: bigint }
}

export type GetPortfolioErrorType = ReadErrorType

/**
 * Everything about a staker: deposits (deposit, withdrawable and underlying amounts), delegation,
 * the operator's allocations in the staker's strategies, queued withdrawals with readiness and
 * payouts, and the EigenPod. Two JSON-RPC round trips whatever the number of strategies and
 * withdrawals (for StrategyBase strategies; any other kind costs one more for its conversions),
 * every round at the first round's block (`blockNumber`): a write mined in between is not half seen.
 */
export async function getPortfolio(
  anyClient: EigenLayerReadClient,
  params: GetPortfolioParameters,
): Promise<GetPortfolioReturnType> {
  const staker = assertAddress('staker', params.staker)
  const d = getDeployment(anyClient, params.deployment)
  // every round reads the first round's block
  const client = oneBlock(anyClient)
  const pm = d.eigenPodManager

  // Round 1: everything keyed by the staker alone.
  const r1 = await readBatch(client, [
    ...queuedWithdrawalsReads(client, d, staker),
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getDepositedShares',
      args: [staker],
    },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'delegatedTo',
      args: [staker],
    },
    { address: pm, abi: eigenPodManagerViewsAbi, functionName: 'getPod', args: [staker] },
    { address: pm, abi: eigenPodManagerViewsAbi, functionName: 'hasPod', args: [staker] },
    { address: pm, abi: eigenPodManagerViewsAbi, functionName: 'podOwnerDepositShares', args: [staker] },
    { address: pm, abi: eigenPodManagerViewsAbi, functionName: 'beaconChainSlashingFactor', args: [staker] },
  ])
  const queued = await decodeQueuedWithdrawals(client, r1, 0)
  const [deposited] = unwrap<readonly [readonly Address[], readonly bigint[]]>(r1[4])
  const operator = operatorOrNull(unwrap<Address>(r1[5]))
  const pod = {
    pod: unwrap<Address>(r1[6]),
    hasPod: unwrap<boolean>(r1[7]),
    podOwnerDepositShares: unwrap<bigint>(r1[8]),
    beaconChainSlashingFactor: unwrap<bigint>(r1[9]),
  }

  // Round 2: per strategy (deposited or in a queued withdrawal), and the operator's allocations.
  const withdrawalOnly = [
    ...new Map(
      queued.withdrawals
        .flatMap((w) => w.strategies)
        .filter((s) => !deposited.some((x) => sameAddress(x, s)))
        .map((s) => [s.toLowerCase(), s]),
    ).values(),
  ]
  const allStrategies = [...deposited, ...withdrawalOnly]
  const reads: BatchRead[] = []
  if (deposited.length > 0) reads.push(...depositsRound2(d, staker, deposited))
  const extraStart = reads.length
  reads.push(...withdrawalOnly.flatMap(strategyReads))
  const opStart = reads.length
  const opStrategies = deposited
  if (operator && opStrategies.length > 0) {
    const am = d.allocationManager
    reads.push(
      {
        address: am,
        abi: allocationManagerStakerAbi,
        functionName: 'getMaxMagnitudes',
        args: [operator, opStrategies],
      },
      {
        address: d.delegationManager,
        abi: delegationManagerViewsAbi,
        functionName: 'getOperatorShares',
        args: [operator, opStrategies],
      },
      { address: am, abi: allocationManagerStakerAbi, functionName: 'getRegisteredSets', args: [operator] },
      ...opStrategies.map((s) => ({
        address: am,
        abi: allocationManagerStakerAbi,
        functionName: 'getStrategyAllocations',
        args: [operator, s],
      })),
    )
  }
  const r2 = reads.length > 0 ? await readBatch(client, reads) : []

  let deposits: EigenLayerDeposit[] = []
  let infos: StrategyInfo[] = []
  if (deposited.length > 0) ({ deposits, infos } = await decodeDeposits(client, deposited, r2, 0))
  let at = extraStart
  for (const s of withdrawalOnly) {
    infos.push(decodeStrategyInfo(s, r2, at))
    at += strategyReads(s).length
  }
  const infoOf = (s: Address) => infos[allStrategies.findIndex((x) => sameAddress(x, s))]!

  // Withdrawal payouts in token units (no request for StrategyBase strategies).
  const items = queued.withdrawals.flatMap((w) =>
    w.strategies.map((s, i) => ({ info: infoOf(s), shares: w.shares[i] ?? 0n })),
  )
  const amounts = await toUnderlying(client, items)
  let k = 0
  const queuedWithdrawals = queued.withdrawals.map((w) => {
    const tokens = w.strategies.map((s) => infoOf(s).token)
    const underlyingAmounts = w.strategies.map(() => amounts[k++] ?? 0n)
    return { ...w, tokens, underlyingAmounts }
  })

  const allocations: PortfolioAllocation[] = []
  if (operator && opStrategies.length > 0) {
    const maxMags = unwrap<readonly bigint[]>(r2[opStart])
    const opShares = unwrap<readonly bigint[]>(r2[opStart + 1])
    const registered = unwrap<readonly OperatorSet[]>(r2[opStart + 2])
    opStrategies.forEach((strategy, i) => {
      const [sets, allocs] = unwrap<
        readonly [
          readonly OperatorSet[],
          readonly { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }[],
        ]
      >(r2[opStart + 3 + i])
      const maxMagnitude = maxMags[i] ?? 0n
      const withdrawable = deposits.find((x) => sameAddress(x.strategy, strategy))?.withdrawableShares ?? 0n
      sets.forEach((set, j) => {
        const a = allocs[j]!
        const common = {
          currentMagnitude: a.currentMagnitude,
          pendingDiff: a.pendingDiff,
          effectBlock: a.effectBlock,
          maxMagnitude,
          blockNumber: queued.blockNumber,
        }
        allocations.push({
          operatorSet: { avs: set.avs, id: set.id },
          strategy,
          registered: registered.some((r) => sameAddress(r.avs, set.avs) && r.id === set.id),
          currentMagnitude: a.currentMagnitude,
          pendingDiff: a.pendingDiff,
          effectBlock: a.effectBlock,
          maxMagnitude,
          allocatedStake: allocatedStakeOf({ ...common, operatorShares: opShares[i] ?? 0n }),
          stakerSlashableShares: allocatedStakeOf({ ...common, operatorShares: withdrawable }),
        })
      })
    })
  }

  return {
    staker,
    blockNumber: queued.blockNumber,
    delegation: { operator },
    deposits,
    queuedWithdrawals,
    withdrawalDelayBlocks: queued.withdrawalDelayBlocks,
    allocations,
    pod,
  }
}
