import {
  assertAddress,
  assertNonEmpty,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { assertUint32, type DeploymentParameter, specDeployment, WAD } from '../../internal.js'
import { avsAllocationManagerAbi, multicallClockAbi } from '../abis.js'
import {
  AllocationDelayNotSetError,
  AllocationPendingError,
  InsufficientMagnitudeError,
  OperatorSetNotFoundError,
  SameMagnitudeError,
  StrategyNotInOperatorSetError,
} from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

/** One allocation change: the share of the operator's magnitude in `strategy` that `operatorSet` gets. */
export type AllocationChange = {
  avs: Address
  operatorSetId: number
  strategy: Address
  /**
   * The new allocation as a WAD fraction of the operator's max magnitude in the strategy (1e18 =
   * all of it, 0 = deallocate everything). The magnitude sent is `maxMagnitude × fraction / 1e18`.
   */
  fraction: bigint
}

export type ModifyAllocationsParameters = {
  /** The operator (default the sender). */
  operator?: Address | undefined
  allocations: readonly AllocationChange[]
} & DeploymentParameter

type Allocation = { currentMagnitude: bigint; pendingDiff: bigint; effectBlock: number }

type Resolved = {
  operator: Address
  changes: { avs: Address; id: number; strategy: Address; fraction: bigint }[]
  deployment: EigenLayerDeployment
}

type State = {
  block: bigint
  delaySet: boolean
  delay: number
  entries: {
    exists: boolean
    inSet: boolean
    max: bigint
    allocatable: bigint
    allocation: Allocation
    newMagnitude: bigint
  }[]
}

/** The set's AllocateParams, one per operator set, in the order the sets first appear. */
function grouped(a: Resolved, state: State | undefined) {
  const groups = new Map<
    string,
    { operatorSet: { avs: Address; id: number }; strategies: Address[]; newMagnitudes: bigint[] }
  >()
  a.changes.forEach((c, i) => {
    const key = `${c.avs.toLowerCase()}:${c.id}`
    let g = groups.get(key)
    if (!g) {
      g = { operatorSet: { avs: c.avs, id: c.id }, strategies: [], newMagnitudes: [] }
      groups.set(key, g)
    }
    g.strategies.push(c.strategy)
    // prepare (no state): the fraction is taken of a max magnitude of 1e18, a fresh operator's
    g.newMagnitudes.push(state ? state.entries[i]!.newMagnitude : (WAD * c.fraction) / WAD)
  })
  return [...groups.values()]
}

/** The magnitude in effect at `block` (a pending change applies from its effect block on). */
function effectiveMagnitude(al: Allocation, block: bigint): { magnitude: bigint; pending: boolean } {
  if (al.pendingDiff !== 0n && block >= BigInt(al.effectBlock))
    return { magnitude: al.currentMagnitude + al.pendingDiff, pending: false }
  return { magnitude: al.currentMagnitude, pending: al.pendingDiff !== 0n }
}

const MODIFY_ALLOCATIONS = 'eigenlayer.modifyAllocations'
const modifyAllocationsCall = /* @__PURE__ */ defineCall({
  name: MODIFY_ALLOCATIONS,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: ModifyAllocationsParameters, { deployment, sender }): Resolved => {
    const seen = new Set<string>()
    const changes = assertNonEmpty('allocations', p.allocations).map((c, i) => {
      const avs = assertAddress(`allocations[${i}].avs`, c.avs)
      const id = assertUint32(`allocations[${i}].operatorSetId`, c.operatorSetId)
      const strategy = assertAddress(`allocations[${i}].strategy`, c.strategy)
      if (typeof c.fraction !== 'bigint' || c.fraction < 0n || c.fraction > WAD)
        throw new InvalidParameterError({
          parameter: `allocations[${i}].fraction`,
          reason: `${String(c.fraction)} is not a WAD fraction in [0, 1e18]`,
        })
      const key = `${avs.toLowerCase()}:${id}:${strategy.toLowerCase()}`
      if (seen.has(key))
        throw new InvalidParameterError({
          parameter: 'allocations',
          reason: `${strategy} in set ${avs}/${id} is listed twice`,
        })
      seen.add(key)
      return { avs, id, strategy, fraction: c.fraction }
    })
    return {
      operator: assertAddress('operator', p.operator ?? sender),
      changes,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a, _ctx, s: State | undefined) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'modifyAllocations',
      args: [a.operator, grouped(a, s)],
    }),
})
const modifyAllocationsReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => ({
    /** Each change with the block it takes effect in (increases after the allocation delay, decreases after DEALLOCATION_DELAY). */
    allocations: r.events.flatMap((e) =>
      e.eventName === 'AllocationUpdated'
        ? [
            {
              operatorSet: e.args.operatorSet,
              strategy: e.args.strategy,
              magnitude: e.args.magnitude,
              readyAt: { block: BigInt(e.args.effectBlock) },
            },
          ]
        : [],
    ),
  }),
})
const modifyAllocations_ = /* @__PURE__ */ defineWrite(modifyAllocationsCall, {
  read: (a) => {
    const am = a.deployment.allocationManager
    const per = a.changes.flatMap((c) => [
      {
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'isOperatorSet',
        args: [{ avs: c.avs, id: c.id }],
      },
      {
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'getStrategiesInOperatorSet',
        args: [{ avs: c.avs, id: c.id }],
      },
      {
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'getMaxMagnitude',
        args: [a.operator, c.strategy],
      },
      {
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'getAllocatableMagnitude',
        args: [a.operator, c.strategy],
      },
      {
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'getAllocation',
        args: [a.operator, { avs: c.avs, id: c.id }, c.strategy],
      },
    ])
    return stage(
      [
        { address: MULTICALL3, abi: multicallClockAbi, functionName: 'getBlockNumber' },
        { address: am, abi: avsAllocationManagerAbi, functionName: 'getAllocationDelay', args: [a.operator] },
        ...per,
      ],
      ([block, delay, ...rs]): State => {
        const [delaySet, delayBlocks] = unwrap<readonly [boolean, number]>(delay)
        return {
          block: unwrap<bigint>(block),
          delaySet,
          delay: delayBlocks,
          entries: a.changes.map((c, i) => {
            const [exists, strategies, max, allocatable, allocation] = rs.slice(i * 5, i * 5 + 5)
            const maxMagnitude = unwrap<bigint>(max)
            return {
              exists: unwrap<boolean>(exists),
              inSet: unwrap<readonly Address[]>(strategies).some(
                (s) => s.toLowerCase() === c.strategy.toLowerCase(),
              ),
              max: maxMagnitude,
              allocatable: unwrap<bigint>(allocatable),
              allocation: unwrap<Allocation>(allocation),
              newMagnitude: (maxMagnitude * c.fraction) / WAD,
            }
          }),
        }
      },
    )
  },
  check: (a, s) => {
    if (!s.delaySet) throw new AllocationDelayNotSetError({ operator: a.operator })
    const increase = new Map<string, bigint>()
    a.changes.forEach((c, i) => {
      const e = s.entries[i]!
      const operatorSet = { avs: c.avs, id: c.id }
      if (!e.exists) throw new OperatorSetNotFoundError({ operatorSet })
      if (!e.inSet) throw new StrategyNotInOperatorSetError({ strategy: c.strategy, operatorSet })
      const now = effectiveMagnitude(e.allocation, s.block)
      if (now.pending)
        throw new AllocationPendingError({
          operator: a.operator,
          operatorSet,
          strategy: c.strategy,
          effectBlock: BigInt(e.allocation.effectBlock),
        })
      if (e.newMagnitude === now.magnitude)
        throw new SameMagnitudeError({ strategy: c.strategy, magnitude: now.magnitude })
      if (e.newMagnitude > now.magnitude) {
        const key = c.strategy.toLowerCase()
        const total = (increase.get(key) ?? 0n) + e.newMagnitude - now.magnitude
        increase.set(key, total)
        if (total > e.allocatable)
          throw new InsufficientMagnitudeError({
            strategy: c.strategy,
            requested: total,
            allocatable: e.allocatable,
          })
      }
    })
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.operator,
      operator: a.operator,
      operatorSet: { avs: a.changes[0]!.avs, id: a.changes[0]!.id },
      strategy: a.changes[0]!.strategy,
      contract: 'AllocationManager',
    }),
  simulated: (a, s) => ({
    /** The magnitudes the call sets, from the fractions and the max magnitudes read at the landing block. */
    magnitudes: a.changes.map((c, i) => ({
      avs: c.avs,
      operatorSetId: c.id,
      strategy: c.strategy,
      maxMagnitude: s.entries[i]!.max,
      magnitude: s.entries[i]!.newMagnitude,
    })),
  }),
  receipt: modifyAllocationsReceipt,
})

/**
 * Layer 1 (pure): `AllocationManager.modifyAllocations(operator, params)`. Without a chain the
 * fraction is taken of a max magnitude of 1e18 (a never-slashed operator's); `simulate` and the
 * send layer read the real one.
 */
export const prepareModifyAllocations = /* @__PURE__ */ prepareOf(modifyAllocationsCall)
/**
 * Layer 2: reads the max, allocatable and current magnitudes at the landing block; refuses an
 * operator without an allocation delay, a missing set, a strategy outside the set, a strategy with
 * a pending change, no change, or more than is allocatable; simulates. `magnitudes`: what is sent.
 */
export const simulateModifyAllocations = /* @__PURE__ */ simulateOf(modifyAllocations_)
/** Layer 3: the same checks, then sends. */
export const modifyAllocations = /* @__PURE__ */ sendOf(modifyAllocations_)
/** Layer 4: the receipt and every `AllocationUpdated`: the new magnitude and `readyAt.block`, when it takes effect. */
export const waitForModifyAllocations = /* @__PURE__ */ waitForOf(
  { name: MODIFY_ALLOCATIONS },
  modifyAllocationsReceipt,
)
/**
 * The checks' refusals (no allocation delay, a missing set, a strategy outside it, a pending change,
 * no change, too little allocatable magnitude; each also decoded from a revert), a sender the
 * operator has not appointed (decoded), bad parameters, and the send pipeline's errors.
 */
export type ModifyAllocationsErrorType =
  | AllocationDelayNotSetError
  | OperatorSetNotFoundError
  | StrategyNotInOperatorSetError
  | AllocationPendingError
  | SameMagnitudeError
  | InsufficientMagnitudeError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
