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
  sendOf,
  simulateOf,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { operatorDelegationAbi } from '../abis.js'
import type { InvalidOperatorMetadataError } from '../errors.js'
import { type OperatorMetadata, parseOperatorMetadata } from '../metadata.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'
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
/** One of the two fields: its action name, its call and how its value is checked. */
type OperatorRecord<P extends { operator?: Address | undefined }> = {
  name: string
  functionName: 'modifyOperatorDetails' | 'updateOperatorMetadataURI'
  signature: string
  /** Validates the new value (and what goes with it); the argument sent after the operator. */
  value: (p: P) => Address | string
}

/**
 * A field's receipt: the result from its event's arguments (undefined when the receipt lacks it).
 * Apart from the record, so the `waitFor` layer leaves the value's validators out.
 */
function operatorRecordReceipt<R>(
  event: 'DelegationApproverUpdated' | 'OperatorMetadataURIUpdated',
  result: (args: Record<string, unknown> | undefined) => R,
) {
  return defineReceipt({
    abi: operatorDelegationAbi,
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === event)
      return result(ev?.eventName === event ? (ev.args as Record<string, unknown>) : undefined)
    },
  })
}

function operatorRecordWriteCall<P extends { operator?: Address | undefined }>(field: OperatorRecord<P>) {
  return defineCall({
    name: field.name,
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
  field: OperatorRecord<P>,
  call: ReturnType<typeof operatorRecordWriteCall<P>>,
  receipt: ReturnType<typeof operatorRecordReceipt<R>>,
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
    receipt,
  })
}

const MODIFY_OPERATOR_DETAILS = 'eigenlayer.modifyOperatorDetails'
const modifyOperatorDetailsRecord: OperatorRecord<ModifyOperatorDetailsParameters> = {
  name: MODIFY_OPERATOR_DETAILS,
  functionName: 'modifyOperatorDetails',
  signature: 'modifyOperatorDetails(address,address)',
  value: (p) => assertAddress('delegationApprover', p.delegationApprover),
}
const modifyOperatorDetailsReceipt = /* @__PURE__ */ operatorRecordReceipt(
  'DelegationApproverUpdated',
  (args) => ({
    delegationApprover: args?.newDelegationApprover as Address | undefined,
  }),
)
const modifyOperatorDetailsCall = /* @__PURE__ */ operatorRecordWriteCall(modifyOperatorDetailsRecord)
const modifyOperatorDetails_ = /* @__PURE__ */ operatorRecordWrite(
  modifyOperatorDetailsRecord,
  modifyOperatorDetailsCall,
  modifyOperatorDetailsReceipt,
)

const UPDATE_OPERATOR_METADATA_URI = 'eigenlayer.updateOperatorMetadataURI'
const updateOperatorMetadataURIRecord: OperatorRecord<UpdateOperatorMetadataURIParameters> = {
  name: UPDATE_OPERATOR_METADATA_URI,
  functionName: 'updateOperatorMetadataURI',
  signature: 'updateOperatorMetadataURI(address,string)',
  value: (p) => {
    const metadataURI = assertMetadataURI(p.metadataURI)
    if (p.metadata !== undefined) parseOperatorMetadata(p.metadata)
    return metadataURI
  },
}
const updateOperatorMetadataURIReceipt = /* @__PURE__ */ operatorRecordReceipt(
  'OperatorMetadataURIUpdated',
  (args) => ({ metadataURI: args?.metadataURI as string | undefined }),
)
const updateOperatorMetadataURICall = /* @__PURE__ */ operatorRecordWriteCall(updateOperatorMetadataURIRecord)
const updateOperatorMetadataURI_ = /* @__PURE__ */ operatorRecordWrite(
  updateOperatorMetadataURIRecord,
  updateOperatorMetadataURICall,
  updateOperatorMetadataURIReceipt,
)

/** Layer 1 (pure): `DelegationManager.modifyOperatorDetails(operator, newDelegationApprover)`. */
export const prepareModifyOperatorDetails = /* @__PURE__ */ prepareOf(modifyOperatorDetailsCall)
/** Layer 2: refuses a non-operator, simulates. */
export const simulateModifyOperatorDetails = /* @__PURE__ */ simulateOf(modifyOperatorDetails_)
/** Layer 3: the same checks, then sends. */
export const modifyOperatorDetails = /* @__PURE__ */ sendOf(modifyOperatorDetails_)
/** Layer 4: the receipt and the new approver from `DelegationApproverUpdated`. */
export const waitForModifyOperatorDetails = /* @__PURE__ */ waitForOf(
  { name: MODIFY_OPERATOR_DETAILS },
  modifyOperatorDetailsReceipt,
)
/** A non-operator or a sender it has not appointed (checked, and decoded from a revert), a bad address. */
export type ModifyOperatorDetailsErrorType =
  | OperatorNotRegisteredError
  | UnauthorizedCallerError
  | InvalidAddressError
  | WriteErrorType

/** Layer 1 (pure): `DelegationManager.updateOperatorMetadataURI(operator, metadataURI)`. */
export const prepareUpdateOperatorMetadataURI = /* @__PURE__ */ prepareOf(updateOperatorMetadataURICall)
/** Layer 2: validates the URI (and metadata), refuses a non-operator, simulates. */
export const simulateUpdateOperatorMetadataURI = /* @__PURE__ */ simulateOf(updateOperatorMetadataURI_)
/** Layer 3: the same checks, then sends. */
export const updateOperatorMetadataURI = /* @__PURE__ */ sendOf(updateOperatorMetadataURI_)
/** Layer 4: the receipt and the URI from `OperatorMetadataURIUpdated`. */
export const waitForUpdateOperatorMetadataURI = /* @__PURE__ */ waitForOf(
  { name: UPDATE_OPERATOR_METADATA_URI },
  updateOperatorMetadataURIReceipt,
)
/** As `modifyOperatorDetails`, and a bad URI or metadata that fails validation. */
export type UpdateOperatorMetadataURIErrorType =
  | OperatorNotRegisteredError
  | UnauthorizedCallerError
  | InvalidOperatorMetadataError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
