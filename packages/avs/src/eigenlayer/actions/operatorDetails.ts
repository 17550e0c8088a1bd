import {
  assertAddress,
  contractCall,
  defineCall,
  defineWrite,
  type EigenLayerDeployment,
  prepareOf,
  sendOf,
  simulateOf,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { operatorDelegationAbi } from '../abis.js'
import { type OperatorMetadata, parseOperatorMetadata } from '../metadata.js'
import { avsRevertMapper } from '../revert.js'
import { assertOperator, operatorPlan } from './operatorPlan.js'
import { assertMetadataURI } from './registerAsOperator.js'

export type ModifyOperatorDetailsParameters = {
  /** The operator (default the sender; another operator needs the sender as its appointee). */
  operator?: Address | undefined
  /** The new delegation approver (`zeroAddress`: anyone may delegate). */
  delegationApprover: Address
} & DeploymentParameter

export type UpdateOperatorMetadataURIParameters = {
  /** The operator (default the sender; another operator needs the sender as its appointee). */
  operator?: Address | undefined
  metadataURI: string
  /** The JSON published at `metadataURI`, validated before sending. */
  metadata?: OperatorMetadata | string | undefined
} & DeploymentParameter

/**
 * The two DelegationManager calls that change a registered operator's record, `(operator, value)`:
 * one spec, by field. Both refuse a non-operator (or a sender it has not appointed) before simulating.
 */
/** One of the two fields: its call, how its value is checked, and its event. */
type OperatorRecord<P extends { operator?: Address | undefined }, R> = {
  functionName: 'modifyOperatorDetails' | 'updateOperatorMetadataURI'
  signature: string
  /** Validates the new value (and what goes with it); the argument sent after the operator. */
  value: (p: P) => Address | string
  event: 'DelegationApproverUpdated' | 'OperatorMetadataURIUpdated'
  /** The result from the event's arguments (undefined when the receipt lacks it). */
  result: (args: Record<string, unknown> | undefined) => R
}

function operatorRecordWriteCall<P extends { operator?: Address | undefined }, R>(
  field: OperatorRecord<P, R>,
) {
  return defineCall({
    name: `eigenlayer.${field.functionName}`,
    contract: 'DelegationManager',
    deployment: specDeployment,
    resolve: (p: P, { deployment, sender }) => ({
      value: field.value(p),
      operator: assertAddress('operator', p.operator ?? sender),
      deployment: deployment as EigenLayerDeployment,
    }),
    call: (a) =>
      field.functionName === 'modifyOperatorDetails'
        ? contractCall({
            address: a.deployment.delegationManager,
            abi: operatorDelegationAbi,
            functionName: 'modifyOperatorDetails',
            args: [a.operator, a.value as Address],
          })
        : contractCall({
            address: a.deployment.delegationManager,
            abi: operatorDelegationAbi,
            functionName: 'updateOperatorMetadataURI',
            args: [a.operator, a.value as string],
          }),
  })
}

function operatorRecordWrite<P extends { operator?: Address | undefined }, R>(
  field: OperatorRecord<P, R>,
  call: ReturnType<typeof operatorRecordWriteCall<P, R>>,
) {
  return defineWrite(call, {
    read: (a, { sender }) =>
      operatorPlan(a.deployment, a.operator, sender, {
        target: a.deployment.delegationManager,
        signature: field.signature,
      }),
    check: (a, s) => assertOperator(a.operator, s),
    revert: (a, _s, { sender }) =>
      avsRevertMapper({
        caller: sender,
        subject: a.operator,
        operator: a.operator,
        contract: 'DelegationManager',
      }),
    receipt: {
      abi: operatorDelegationAbi,
      decode: (_client, r) => {
        const ev = r.events.find((e) => e.eventName === field.event)
        return field.result(ev?.eventName === field.event ? (ev.args as Record<string, unknown>) : undefined)
      },
    },
  })
}

const modifyOperatorDetailsRecord: OperatorRecord<
  ModifyOperatorDetailsParameters,
  { delegationApprover: Address | undefined }
> = {
  functionName: 'modifyOperatorDetails',
  signature: 'modifyOperatorDetails(address,address)',
  value: (p) => assertAddress('delegationApprover', p.delegationApprover),
  event: 'DelegationApproverUpdated',
  result: (args) => ({ delegationApprover: args?.newDelegationApprover as Address | undefined }),
}
const modifyOperatorDetailsCall = /* @__PURE__ */ operatorRecordWriteCall(modifyOperatorDetailsRecord)
const modifyOperatorDetails_ = /* @__PURE__ */ operatorRecordWrite(
  modifyOperatorDetailsRecord,
  modifyOperatorDetailsCall,
)

const updateOperatorMetadataURIRecord: OperatorRecord<
  UpdateOperatorMetadataURIParameters,
  { metadataURI: string | undefined }
> = {
  functionName: 'updateOperatorMetadataURI',
  signature: 'updateOperatorMetadataURI(address,string)',
  value: (p) => {
    const metadataURI = assertMetadataURI(p.metadataURI)
    if (p.metadata !== undefined) parseOperatorMetadata(p.metadata)
    return metadataURI
  },
  event: 'OperatorMetadataURIUpdated',
  result: (args) => ({ metadataURI: args?.metadataURI as string | undefined }),
}
const updateOperatorMetadataURICall = /* @__PURE__ */ operatorRecordWriteCall(updateOperatorMetadataURIRecord)
const updateOperatorMetadataURI_ = /* @__PURE__ */ operatorRecordWrite(
  updateOperatorMetadataURIRecord,
  updateOperatorMetadataURICall,
)

/** Layer 1 (pure): `DelegationManager.modifyOperatorDetails(operator, newDelegationApprover)`. */
export const prepareModifyOperatorDetails = /* @__PURE__ */ prepareOf(modifyOperatorDetailsCall)
/** Layer 2: refuses a non-operator, simulates. */
export const simulateModifyOperatorDetails = /* @__PURE__ */ simulateOf(modifyOperatorDetails_)
/** Layer 3: the same checks, then sends. */
export const modifyOperatorDetails = /* @__PURE__ */ sendOf(modifyOperatorDetails_)
/** Layer 4: the receipt and the new approver from `DelegationApproverUpdated`. */
export const waitForModifyOperatorDetails = /* @__PURE__ */ waitForOf(modifyOperatorDetails_)

/** Layer 1 (pure): `DelegationManager.updateOperatorMetadataURI(operator, metadataURI)`. */
export const prepareUpdateOperatorMetadataURI = /* @__PURE__ */ prepareOf(updateOperatorMetadataURICall)
/** Layer 2: validates the URI (and metadata), refuses a non-operator, simulates. */
export const simulateUpdateOperatorMetadataURI = /* @__PURE__ */ simulateOf(updateOperatorMetadataURI_)
/** Layer 3: the same checks, then sends. */
export const updateOperatorMetadataURI = /* @__PURE__ */ sendOf(updateOperatorMetadataURI_)
/** Layer 4: the receipt and the URI from `OperatorMetadataURIUpdated`. */
export const waitForUpdateOperatorMetadataURI = /* @__PURE__ */ waitForOf(updateOperatorMetadataURI_)
