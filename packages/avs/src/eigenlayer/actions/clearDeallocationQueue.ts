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
  prepareOf,
  sendOf,
  simulateOf,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { avsAllocationManagerAbi } from '../abis.js'
import { avsRevertMapper } from '../revert.js'

export type ClearDeallocationQueueParameters = {
  /** The operator whose completed deallocations are applied (anyone may send this). */
  operator: Address
  strategies: readonly Address[]
  /** For each strategy, how many queued deallocations to clear at most (uint16; default all: 65535). */
  numToClear?: readonly number[] | undefined
} & DeploymentParameter

const CLEAR_DEALLOCATION_QUEUE = 'eigenlayer.clearDeallocationQueue'
const clearDeallocationQueueCall = /* @__PURE__ */ defineCall({
  name: CLEAR_DEALLOCATION_QUEUE,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: ClearDeallocationQueueParameters, { deployment }) => {
    const strategies = assertNonEmpty('strategies', p.strategies).map((s, i) =>
      assertAddress(`strategies[${i}]`, s),
    )
    const numToClear = p.numToClear ? [...p.numToClear] : strategies.map(() => 0xffff)
    assertSameLength(['strategies', 'numToClear'], [strategies, numToClear])
    numToClear.forEach((n, i) => {
      if (!Number.isInteger(n) || n < 0 || n > 0xffff)
        throw new InvalidParameterError({
          parameter: `numToClear[${i}]`,
          reason: `${String(n)} is not a uint16`,
        })
    })
    return {
      operator: assertAddress('operator', p.operator),
      strategies,
      numToClear,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'clearDeallocationQueue',
      args: [a.operator, a.strategies, a.numToClear],
    }),
})
const clearDeallocationQueueReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => ({
    /** The operator's encumbered magnitude per strategy after the completed deallocations were applied. */
    encumbered: r.events.flatMap((e) =>
      e.eventName === 'EncumberedMagnitudeUpdated'
        ? [{ strategy: e.args.strategy, encumberedMagnitude: e.args.encumberedMagnitude }]
        : [],
    ),
  }),
})
const clearDeallocationQueue_ = /* @__PURE__ */ defineWrite(clearDeallocationQueueCall, {
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      operator: a.operator,
      strategy: a.strategies[0],
      contract: 'AllocationManager',
    }),
  receipt: clearDeallocationQueueReceipt,
})

/** Layer 1 (pure): `AllocationManager.clearDeallocationQueue(operator, strategies, numToClear)`. */
export const prepareClearDeallocationQueue = /* @__PURE__ */ prepareOf(clearDeallocationQueueCall)
/** Layer 2: validates and simulates. */
export const simulateClearDeallocationQueue = /* @__PURE__ */ simulateOf(clearDeallocationQueue_)
/** Layer 3: applies the operator's completed deallocations (frees their magnitude). */
export const clearDeallocationQueue = /* @__PURE__ */ sendOf(clearDeallocationQueue_)
/** Layer 4: the receipt and the encumbered magnitude per strategy (`EncumberedMagnitudeUpdated`). */
export const waitForClearDeallocationQueue = /* @__PURE__ */ waitForOf(
  { name: CLEAR_DEALLOCATION_QUEUE },
  clearDeallocationQueueReceipt,
)
/** Refused parameters and the send pipeline's errors (no revert of the call maps to a typed error). */
export type ClearDeallocationQueueErrorType =
  | ArrayLengthMismatchError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
