import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  type InvalidParameterError,
  type OperatorNotRegisteredError,
  prepareOf,
  type ReadErrorType,
  readBatch,
  sendOf,
  simulateOf,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, parseAbiItem } from 'viem'
import { getBlockNumber, getLogs } from 'viem/actions'
import { getAction } from 'viem/utils'
import {
  type AvsReadClient,
  assertUint32,
  type DeploymentParameter,
  readDeployment,
  sameAddress,
  specDeployment,
} from '../../internal.js'
import { avsAllocationManagerAbi } from '../abis.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'
import { assertOperator, operatorPlan } from './operatorPlan.js'

export type SetAllocationDelayParameters = {
  /** The operator (default the sender). */
  operator?: Address | undefined
  /** The new allocation delay, in blocks. */
  delay: number
} & DeploymentParameter

const SET_ALLOCATION_DELAY = 'eigenlayer.setAllocationDelay'
const setAllocationDelayCall = /* @__PURE__ */ defineCall({
  name: SET_ALLOCATION_DELAY,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: SetAllocationDelayParameters, { deployment, sender }) => ({
    operator: assertAddress('operator', p.operator ?? sender),
    delay: assertUint32('delay', p.delay),
    deployment: deployment as EigenLayerDeployment,
  }),
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'setAllocationDelay',
      args: [a.operator, a.delay],
    }),
})
const setAllocationDelayReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AllocationDelaySet')
    if (ev?.eventName !== 'AllocationDelaySet') return { allocationDelay: undefined }
    return {
      /** The new delay and the first block it is in effect in. */
      allocationDelay: { delay: ev.args.delay, readyAt: { block: BigInt(ev.args.effectBlock) } },
    }
  },
})
const setAllocationDelay_ = /* @__PURE__ */ defineWrite(setAllocationDelayCall, {
  read: (a, { sender }) =>
    operatorPlan(a.deployment, a.operator, sender, {
      target: a.deployment.allocationManager,
      signature: 'setAllocationDelay(address,uint32)',
    }),
  check: (a, s) => assertOperator(a.operator, s),
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.operator,
      operator: a.operator,
      contract: 'AllocationManager',
    }),
  receipt: setAllocationDelayReceipt,
})

/** Layer 1 (pure): `AllocationManager.setAllocationDelay(operator, delay)`. */
export const prepareSetAllocationDelay = /* @__PURE__ */ prepareOf(setAllocationDelayCall)
/** Layer 2: refuses a non-operator, simulates. */
export const simulateSetAllocationDelay = /* @__PURE__ */ simulateOf(setAllocationDelay_)
/** Layer 3: the same checks, then sends. The new delay takes effect later: see `waitForSetAllocationDelay`. */
export const setAllocationDelay = /* @__PURE__ */ sendOf(setAllocationDelay_)
/** Layer 4: the receipt and `allocationDelay`: the delay and `readyAt.block`, the block it takes effect in. */
export const waitForSetAllocationDelay = /* @__PURE__ */ waitForOf(
  { name: SET_ALLOCATION_DELAY },
  setAllocationDelayReceipt,
)
/** A non-operator or a sender it has not appointed (checked, and decoded from a revert), a bad delay. */
export type SetAllocationDelayErrorType =
  | OperatorNotRegisteredError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type GetAllocationDelayParameters = {
  operator: Address
  /** First block to search for the pending change's `AllocationDelaySet` event (default 0). */
  fromBlock?: bigint | undefined
} & DeploymentParameter

export type GetAllocationDelayReturnType = {
  /** The delay in effect now, in blocks (`null`: none yet, the operator cannot allocate). */
  delay: number | null
  /** A change not in effect yet: the new delay, the block it takes effect in and whether the next block is it. */
  pending: { delay: number; readyAt: { block: bigint }; ready: boolean } | null
  /** `ALLOCATION_CONFIGURATION_DELAY`: blocks between setting a delay and its effect. */
  configurationDelay: number
}
export type GetAllocationDelayErrorType = InvalidAddressError | ReadErrorType

const allocationDelaySetEvent = /* @__PURE__ */ parseAbiItem(
  'event AllocationDelaySet(address operator, uint32 delay, uint32 effectBlock)',
)

/**
 * The operator's allocation delay: the one in effect (`getAllocationDelay`), and a pending change
 * with the block it takes effect in (from the latest `AllocationDelaySet` event since `fromBlock`).
 */
export async function getAllocationDelay(
  client: AvsReadClient,
  params: GetAllocationDelayParameters,
): Promise<GetAllocationDelayReturnType> {
  const operator = assertAddress('operator', params.operator)
  const d = readDeployment(client, params.deployment)
  const am = d.allocationManager
  const [current, configuration] = await readBatch(client, [
    { address: am, abi: avsAllocationManagerAbi, functionName: 'getAllocationDelay', args: [operator] },
    { address: am, abi: avsAllocationManagerAbi, functionName: 'ALLOCATION_CONFIGURATION_DELAY' },
  ])
  const [isSet, delay] = unwrap<readonly [boolean, number]>(current)
  const latest = await getAction(client, getBlockNumber, 'getBlockNumber')({ cacheTime: 0 })
  const logs = await getAction(
    client,
    getLogs,
    'getLogs',
  )({ address: am, event: allocationDelaySetEvent, fromBlock: params.fromBlock ?? 0n, toBlock: latest })
  const last = logs.filter((l) => sameAddress(l.args.operator, operator)).at(-1)
  const effectBlock = last ? BigInt(last.args.effectBlock!) : 0n
  const pending =
    last && effectBlock > latest
      ? { delay: last.args.delay!, readyAt: { block: effectBlock }, ready: latest + 1n >= effectBlock }
      : null
  return { delay: isSet ? delay : null, pending, configurationDelay: unwrap<number>(configuration) }
}
