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
import { assertUint32, type DeploymentParameter, specDeployment } from '../../internal.js'
import { avsAllocationManagerAbi } from '../abis.js'
import {
  OperatorSetNotFoundError,
  StrategyAlreadyInOperatorSetError,
  StrategyNotInOperatorSetError,
} from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'

export type OperatorSetStrategiesParameters = {
  /** The AVS (default the sender). */
  avs?: Address | undefined
  operatorSetId: number
  strategies: readonly Address[]
} & DeploymentParameter

const ADD_STRATEGIES_TO_OPERATOR_SET = 'eigenlayer.addStrategiesToOperatorSet'
const REMOVE_STRATEGIES_FROM_OPERATOR_SET = 'eigenlayer.removeStrategiesFromOperatorSet'

function strategiesWriteCall(kind: 'add' | 'remove') {
  const functionName = kind === 'add' ? 'addStrategiesToOperatorSet' : 'removeStrategiesFromOperatorSet'
  return defineCall({
    name: kind === 'add' ? ADD_STRATEGIES_TO_OPERATOR_SET : REMOVE_STRATEGIES_FROM_OPERATOR_SET,
    contract: 'AllocationManager',
    deployment: specDeployment,
    resolve: (p: OperatorSetStrategiesParameters, { deployment, sender }) => {
      const strategies = assertNonEmpty('strategies', p.strategies).map((s, i) =>
        assertAddress(`strategies[${i}]`, s),
      )
      if (new Set(strategies.map((s) => s.toLowerCase())).size !== strategies.length)
        throw new InvalidParameterError({ parameter: 'strategies', reason: 'a strategy is listed twice' })
      return {
        avs: assertAddress('avs', p.avs ?? sender),
        id: assertUint32('operatorSetId', p.operatorSetId),
        strategies,
        deployment: deployment as EigenLayerDeployment,
      }
    },
    call: (a) =>
      contractCall({
        address: a.deployment.allocationManager,
        abi: avsAllocationManagerAbi,
        functionName,
        args: [a.avs, a.id, a.strategies],
      }),
  })
}

/** The receipt of adding or removing strategies: the strategies from its events. */
function strategiesReceipt(kind: 'add' | 'remove') {
  return defineReceipt({
    abi: avsAllocationManagerAbi,
    decode: (_client, r) => ({
      strategies: r.events.flatMap((e) =>
        e.eventName === (kind === 'add' ? 'StrategyAddedToOperatorSet' : 'StrategyRemovedFromOperatorSet')
          ? [(e.args as { strategy: Address }).strategy]
          : [],
      ),
    }),
  })
}

function strategiesWrite(
  kind: 'add' | 'remove',
  call: ReturnType<typeof strategiesWriteCall>,
  receipt: ReturnType<typeof strategiesReceipt>,
) {
  return defineWrite(call, {
    read: (a) => {
      const set = { avs: a.avs, id: a.id }
      const am = a.deployment.allocationManager
      return stage(
        [
          { address: am, abi: avsAllocationManagerAbi, functionName: 'isOperatorSet', args: [set] },
          {
            address: am,
            abi: avsAllocationManagerAbi,
            functionName: 'getStrategiesInOperatorSet',
            args: [set],
          },
        ],
        ([exists, list]) => ({
          exists: unwrap<boolean>(exists),
          strategies: unwrap<readonly Address[]>(list),
        }),
      )
    },
    check: (a, s) => {
      const operatorSet = { avs: a.avs, id: a.id }
      if (!s.exists) throw new OperatorSetNotFoundError({ operatorSet })
      for (const strategy of a.strategies) {
        const inSet = s.strategies.some((x) => x.toLowerCase() === strategy.toLowerCase())
        if (kind === 'add' && inSet) throw new StrategyAlreadyInOperatorSetError({ strategy, operatorSet })
        if (kind === 'remove' && !inSet) throw new StrategyNotInOperatorSetError({ strategy, operatorSet })
      }
    },
    revert: (a, _s, { sender }) =>
      avsRevertMapper({
        caller: sender,
        subject: a.avs,
        avs: a.avs,
        operatorSet: { avs: a.avs, id: a.id },
        strategy: a.strategies[0],
        contract: 'AllocationManager',
      }),
    receipt,
  })
}

const addCall = /* @__PURE__ */ strategiesWriteCall('add')
const addReceipt = /* @__PURE__ */ strategiesReceipt('add')
const add_ = /* @__PURE__ */ strategiesWrite('add', addCall, addReceipt)
const removeCall = /* @__PURE__ */ strategiesWriteCall('remove')
const removeReceipt = /* @__PURE__ */ strategiesReceipt('remove')
const remove_ = /* @__PURE__ */ strategiesWrite('remove', removeCall, removeReceipt)

/** Layer 1 (pure): `AllocationManager.addStrategiesToOperatorSet(avs, operatorSetId, strategies)`. */
export const prepareAddStrategiesToOperatorSet = /* @__PURE__ */ prepareOf(addCall)
/** Layer 2: refuses a missing set or a strategy already in it, then simulates. */
export const simulateAddStrategiesToOperatorSet = /* @__PURE__ */ simulateOf(add_)
/** Layer 3: the same checks, then sends. */
export const addStrategiesToOperatorSet = /* @__PURE__ */ sendOf(add_)
/** Layer 4: the receipt and the strategies added (`StrategyAddedToOperatorSet`). */
export const waitForAddStrategiesToOperatorSet = /* @__PURE__ */ waitForOf(
  { name: ADD_STRATEGIES_TO_OPERATOR_SET },
  addReceipt,
)
/** A missing set, a strategy already in it (checked and decoded), a sender that may not act for the AVS. */
export type AddStrategiesToOperatorSetErrorType =
  | OperatorSetNotFoundError
  | StrategyAlreadyInOperatorSetError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `AllocationManager.removeStrategiesFromOperatorSet(avs, operatorSetId, strategies)`. */
export const prepareRemoveStrategiesFromOperatorSet = /* @__PURE__ */ prepareOf(removeCall)
/** Layer 2: refuses a missing set or a strategy not in it, then simulates. */
export const simulateRemoveStrategiesFromOperatorSet = /* @__PURE__ */ simulateOf(remove_)
/** Layer 3: the same checks, then sends. */
export const removeStrategiesFromOperatorSet = /* @__PURE__ */ sendOf(remove_)
/** Layer 4: the receipt and the strategies removed (`StrategyRemovedFromOperatorSet`). */
export const waitForRemoveStrategiesFromOperatorSet = /* @__PURE__ */ waitForOf(
  { name: REMOVE_STRATEGIES_FROM_OPERATOR_SET },
  removeReceipt,
)
/** A missing set, a strategy not in it (checked and decoded), a sender that may not act for the AVS. */
export type RemoveStrategiesFromOperatorSetErrorType =
  | OperatorSetNotFoundError
  | StrategyNotInOperatorSetError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
