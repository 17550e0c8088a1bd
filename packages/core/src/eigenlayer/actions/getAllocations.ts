import type { Address } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, type BatchRead, oneBlock, readBatch, unwrap } from '../../tx.js'
import { allocationManagerAbi, delegationManagerViewsAbi } from '../abis.js'
import {
  clockFrom,
  clockReads,
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
} from '../internal.js'
import { slashableStake } from '../math.js'
import { getRelease } from '../release.js'

export type OperatorSet = { avs: Address; id: number }

export type GetAllocationsParameters = {
  operator: Address
  /** Block for `minimumSlashableStake` (pending deallocations effective by then are applied); default: now. */
  futureBlock?: bigint
} & DeploymentParameter

export type StrategyAllocation = {
  strategy: Address
  currentMagnitude: bigint
  /** Signed pending change (negative: a pending deallocation). */
  pendingDiff: bigint
  /** Block at which the pending change applies. */
  effectBlock: number
  maxMagnitude: bigint
  /** Magnitude allocated or pending over all sets (`getEncumberedMagnitude`; `encumberedMagnitude` on v1.2). */
  encumberedMagnitude: bigint
  /** The operator's delegated shares in the strategy. */
  operatorShares: bigint
  /** Stake slashable now (`getAllocatedStake`; on v1.2, which lacks it, `getMinimumSlashableStake` at the current block). */
  allocatedStake: bigint
  /** Stake slashable until `futureBlock` (`getMinimumSlashableStake`). */
  minimumSlashableStake: bigint
}

export type GetAllocationsReturnType = {
  operator: Address
  blockNumber: bigint
  allocationDelay: { isSet: boolean; blocks: number }
  operatorSets: { operatorSet: OperatorSet; registered: boolean; strategies: StrategyAllocation[] }[]
}

export type GetAllocationsErrorType = ReadErrorType

/**
 * An operator's allocations: per operator set it allocated to, per strategy, the current and
 * pending magnitude, effect block, max magnitude, allocated and minimum slashable stake. Three
 * round trips (sets, then their strategies, then the figures). The views are the release's
 * (`getRelease`, probed once per client and deployment, alongside the first round trip):
 * `getAllocatedStake` and `getEncumberedMagnitude` on v1.3+, `getMinimumSlashableStake` at the
 * current block and `encumberedMagnitude` on v1.2. On v1.9+ (not chain-tested) the views live in
 * AllocationManagerView and are served through the AllocationManager proxy, which runs them
 * against its own storage: they are read at the proxy (the view contract alone holds no state).
 */
export async function getAllocations(
  client: EigenLayerReadClient,
  params: GetAllocationsParameters,
): Promise<GetAllocationsReturnType> {
  const operator = assertAddress('operator', params.operator)
  const d = getDeployment(client, params.deployment)
  const am = d.allocationManager
  // every round reads the first round's block (the release is the code's, read beside it)
  const reader = oneBlock(client)
  const [release, r1] = await Promise.all([
    getRelease(client, { deployment: d }),
    readBatch(reader, [
      { address: am, abi: allocationManagerAbi, functionName: 'getAllocatedSets', args: [operator] },
      { address: am, abi: allocationManagerAbi, functionName: 'getRegisteredSets', args: [operator] },
      { address: am, abi: allocationManagerAbi, functionName: 'getAllocationDelay', args: [operator] },
      ...clockReads(client),
    ]),
  ])
  const { allocatedStake: hasAllocatedStake, encumberedMagnitude: encumberedGetter } = release.features
  const sets = unwrap<readonly OperatorSet[]>(r1[0])
  const registeredSets = unwrap<readonly OperatorSet[]>(r1[1])
  const [isSet, blocks] = unwrap<readonly [boolean, number]>(r1[2])
  const { blockNumber } = await clockFrom(client, r1.slice(3))
  const futureBlock = params.futureBlock ?? blockNumber
  const result: GetAllocationsReturnType = {
    operator,
    blockNumber,
    allocationDelay: { isSet, blocks },
    operatorSets: [],
  }
  if (sets.length === 0) return result

  const r2 = await readBatch(
    reader,
    sets.map((set) => ({
      address: am,
      abi: allocationManagerAbi,
      functionName: 'getAllocatedStrategies',
      args: [operator, set],
    })),
  )
  const setStrategies = sets.map((_, i) => unwrap<readonly Address[]>(r2[i]))
  const all = [...new Map(setStrategies.flat().map((s) => [s.toLowerCase(), s])).values()]

  const reads: BatchRead[] = [
    { address: am, abi: allocationManagerAbi, functionName: 'getMaxMagnitudes', args: [operator, all] },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getOperatorShares',
      args: [operator, all],
    },
    ...all.map((s) => ({
      address: am,
      abi: allocationManagerAbi,
      functionName: encumberedGetter,
      args: [operator, s],
    })),
  ]
  const perSetStart: number[] = []
  sets.forEach((set, i) => {
    perSetStart.push(reads.length)
    const strategies = setStrategies[i]!
    reads.push(
      ...strategies.map((s) => ({
        address: am,
        abi: allocationManagerAbi,
        functionName: 'getAllocation',
        args: [operator, set, s],
      })),
      {
        address: am,
        abi: allocationManagerAbi,
        functionName: 'getMinimumSlashableStake',
        args: [set, [operator], strategies, Number(futureBlock)],
      },
      hasAllocatedStake
        ? {
            address: am,
            abi: allocationManagerAbi,
            functionName: 'getAllocatedStake',
            args: [set, [operator], strategies],
          }
        : {
            address: am,
            abi: allocationManagerAbi,
            functionName: 'getMinimumSlashableStake',
            args: [set, [operator], strategies, Number(blockNumber)],
          },
    )
  })
  const r3 = await readBatch(reader, reads)
  const maxMags = unwrap<readonly bigint[]>(r3[0])
  const opShares = unwrap<readonly bigint[]>(r3[1])
  const index = (s: Address) => all.findIndex((x) => sameAddress(x, s))
  const encumbered = (s: Address): bigint => unwrap<bigint>(r3[2 + index(s)])
  result.operatorSets = sets.map((set, i) => {
    const strategies = setStrategies[i]!
    const start = perSetStart[i]!
    const minimum = unwrap<readonly (readonly bigint[])[]>(r3[start + strategies.length])[0] ?? []
    // getAllocatedStake (v1.3+) or, on v1.2, getMinimumSlashableStake at the current block
    const allocatedStake = unwrap<readonly (readonly bigint[])[]>(r3[start + strategies.length + 1])[0] ?? []
    return {
      operatorSet: { avs: set.avs, id: set.id },
      registered: registeredSets.some((r) => sameAddress(r.avs, set.avs) && r.id === set.id),
      strategies: strategies.map((strategy, j) => {
        const alloc = unwrap<{ currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }>(
          r3[start + j],
        )
        const k = index(strategy)
        return {
          strategy,
          currentMagnitude: alloc.currentMagnitude,
          pendingDiff: alloc.pendingDiff,
          effectBlock: alloc.effectBlock,
          maxMagnitude: maxMags[k] ?? 0n,
          encumberedMagnitude: encumbered(strategy),
          operatorShares: opShares[k] ?? 0n,
          allocatedStake: allocatedStake[j] ?? 0n,
          minimumSlashableStake: minimum[j] ?? 0n,
        }
      }),
    }
  })
  return result
}

/** @internal Allocated stake computed from magnitudes (what `getAllocatedStake` returns), for batched reads. */
export function allocatedStakeOf(a: {
  operatorShares: bigint
  currentMagnitude: bigint
  pendingDiff: bigint
  effectBlock: number
  maxMagnitude: bigint
  blockNumber: bigint
}): bigint {
  return slashableStake({
    operatorShares: a.operatorShares,
    allocation: {
      currentMagnitude: a.currentMagnitude,
      pendingDiff: a.pendingDiff,
      effectBlock: a.effectBlock,
    },
    maxMagnitude: a.maxMagnitude,
    futureBlock: a.blockNumber,
  })
}
