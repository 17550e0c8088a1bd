import {
  type ArrayLengthMismatchError,
  assertAddress,
  assertNonEmpty,
  assertSameLength,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  InvalidParameterError,
  joinAbis,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, parseAbi } from 'viem'
import {
  assertUint32,
  type DeploymentParameter,
  firstNotAscending,
  specDeployment,
  WAD,
} from '../../internal.js'
import { avsAllocationManagerAbi, operatorDelegationAbi } from '../abis.js'
import {
  InvalidWadToSlashError,
  NotAscendingError,
  OperatorNotSlashableError,
  OperatorSetNotFoundError,
  StrategyNotInOperatorSetError,
} from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'

// v1.3+: slashable also while deallocating after deregistration; absent on v1.2 (membership is read then).
const slashableAbi = /* @__PURE__ */ parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'function isOperatorSlashable(address operator, OperatorSet operatorSet) view returns (bool)',
])

export type SlashOperatorParameters = {
  /** The AVS slashing (default the sender; another AVS needs the sender as its appointee). */
  avs?: Address | undefined
  operator: Address
  operatorSetId: number
  /** The strategies to slash, in strictly ascending address order. */
  strategies: readonly Address[]
  /** For each strategy, the WAD fraction of the operator's allocation to the set to slash (0 < wad ≤ 1e18). */
  wadsToSlash: readonly bigint[]
  /** Why (kept in the `OperatorSlashed` event). */
  description: string
} & DeploymentParameter

const SLASH_OPERATOR = 'eigenlayer.slashOperator'
const slashOperatorCall = /* @__PURE__ */ defineCall({
  name: SLASH_OPERATOR,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: SlashOperatorParameters, { deployment, sender }) => {
    const strategies = assertNonEmpty('strategies', p.strategies).map((s, i) =>
      assertAddress(`strategies[${i}]`, s),
    )
    const wads = [...(p.wadsToSlash ?? [])]
    assertSameLength(['strategies', 'wadsToSlash'], [strategies, wads])
    const bad = firstNotAscending(strategies)
    if (bad >= 0)
      throw new NotAscendingError({
        parameter: 'strategies',
        index: bad,
        address: strategies[bad]!,
        previous: strategies[bad - 1]!,
      })
    wads.forEach((w, i) => {
      if (typeof w !== 'bigint' || w <= 0n || w > WAD)
        throw new InvalidWadToSlashError({ strategy: strategies[i]!, wad: w })
    })
    if (typeof p.description !== 'string')
      throw new InvalidParameterError({ parameter: 'description', reason: 'must be a string' })
    return {
      avs: assertAddress('avs', p.avs ?? sender),
      operator: assertAddress('operator', p.operator),
      id: assertUint32('operatorSetId', p.operatorSetId),
      strategies,
      wads,
      description: p.description,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'slashOperator',
      args: [
        a.avs,
        {
          operator: a.operator,
          operatorSetId: a.id,
          strategies: a.strategies,
          wadsToSlash: a.wads,
          description: a.description,
        },
      ],
    }),
})
const slashOperatorReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(avsAllocationManagerAbi, operatorDelegationAbi),
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'OperatorSlashed')
    const shares = new Map<string, bigint>()
    for (const e of r.events) {
      if (e.eventName === 'OperatorSharesSlashed')
        shares.set(
          e.args.strategy.toLowerCase(),
          (shares.get(e.args.strategy.toLowerCase()) ?? 0n) + e.args.totalSlashedShares,
        )
      if (e.eventName === 'OperatorSharesBurned')
        shares.set(
          e.args.strategy.toLowerCase(),
          (shares.get(e.args.strategy.toLowerCase()) ?? 0n) + e.args.shares,
        )
    }
    if (ev?.eventName !== 'OperatorSlashed') return { slashed: [], description: undefined }
    return {
      description: ev.args.description,
      /**
       * Per strategy: `wadSlashed`, the fraction of the operator's total magnitude taken (WAD), and
       * `shares`, the operator's delegated shares slashed (DelegationManager's event).
       */
      slashed: ev.args.strategies.map((strategy, i) => ({
        strategy,
        wadSlashed: ev.args.wadSlashed[i]!,
        shares: shares.get(strategy.toLowerCase()) ?? 0n,
      })),
    }
  },
})
const slashOperator_ = /* @__PURE__ */ defineWrite(slashOperatorCall, {
  read: (a) => {
    const am = a.deployment.allocationManager
    const set = { avs: a.avs, id: a.id }
    return stage(
      [
        { address: am, abi: avsAllocationManagerAbi, functionName: 'isOperatorSet', args: [set] },
        {
          address: am,
          abi: avsAllocationManagerAbi,
          functionName: 'getStrategiesInOperatorSet',
          args: [set],
        },
        { address: am, abi: slashableAbi, functionName: 'isOperatorSlashable', args: [a.operator, set] },
        {
          address: am,
          abi: avsAllocationManagerAbi,
          functionName: 'isMemberOfOperatorSet',
          args: [a.operator, set],
        },
      ],
      ([exists, strategies, slashable, member]) => ({
        exists: unwrap<boolean>(exists),
        strategies: unwrap<readonly Address[]>(strategies),
        // v1.2 has no isOperatorSlashable: a member is slashable there
        slashable: slashable?.status === 'success' ? (slashable.result as boolean) : unwrap<boolean>(member),
      }),
    )
  },
  check: (a, s) => {
    const operatorSet = { avs: a.avs, id: a.id }
    if (!s.exists) throw new OperatorSetNotFoundError({ operatorSet })
    for (const strategy of a.strategies)
      if (!s.strategies.some((x) => x.toLowerCase() === strategy.toLowerCase()))
        throw new StrategyNotInOperatorSetError({ strategy, operatorSet })
    if (!s.slashable) throw new OperatorNotSlashableError({ operator: a.operator, operatorSet })
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.avs,
      avs: a.avs,
      operator: a.operator,
      operatorSet: { avs: a.avs, id: a.id },
      strategy: a.strategies[0],
      contract: 'AllocationManager',
    }),
  receipt: slashOperatorReceipt,
})

/** Layer 1 (pure): `AllocationManager.slashOperator(avs, params)`. */
export const prepareSlashOperator = /* @__PURE__ */ prepareOf(slashOperatorCall)
/**
 * Layer 2: refuses strategies not strictly ascending, a wad outside (0, 1e18], a missing set, a
 * strategy outside it, an operator not slashable by it; simulates.
 */
export const simulateSlashOperator = /* @__PURE__ */ simulateOf(slashOperator_)
/** Layer 3: the same checks, then sends. */
export const slashOperator = /* @__PURE__ */ sendOf(slashOperator_)
/** Layer 4: the receipt and `slashed`: per strategy the WAD taken and the shares slashed. */
export const waitForSlashOperator = /* @__PURE__ */ waitForOf({ name: SLASH_OPERATOR }, slashOperatorReceipt)
/**
 * Strategies not ascending, a wad outside (0, 1e18], a missing set, a strategy outside it, an
 * operator not slashable by it (each checked and decoded), a sender that may not slash for the AVS
 * (decoded), bad parameters, and the send pipeline's errors.
 */
export type SlashOperatorErrorType =
  | NotAscendingError
  | InvalidWadToSlashError
  | OperatorSetNotFoundError
  | StrategyNotInOperatorSetError
  | OperatorNotSlashableError
  | UnauthorizedCallerError
  | ArrayLengthMismatchError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
