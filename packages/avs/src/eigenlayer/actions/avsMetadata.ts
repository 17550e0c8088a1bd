import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  type InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { avsAllocationManagerAbi } from '../abis.js'
import { InvalidAvsRegistrarError } from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'
import { assertMetadataURI } from './registerAsOperator.js'

export type UpdateAVSMetadataURIParameters = {
  /** The AVS (default the sender; another AVS needs the sender as its appointee). */
  avs?: Address | undefined
  /** Where the AVS metadata JSON is published. */
  metadataURI: string
} & DeploymentParameter

const UPDATE_AVS_METADATA_URI = 'eigenlayer.updateAVSMetadataURI'
const updateAVSMetadataURICall = /* @__PURE__ */ defineCall({
  name: UPDATE_AVS_METADATA_URI,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: UpdateAVSMetadataURIParameters, { deployment, sender }) => ({
    avs: assertAddress('avs', p.avs ?? sender),
    metadataURI: assertMetadataURI(p.metadataURI),
    deployment: deployment as EigenLayerDeployment,
  }),
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'updateAVSMetadataURI',
      args: [a.avs, a.metadataURI],
    }),
})
const updateAVSMetadataURIReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AVSMetadataURIUpdated')
    return { metadataURI: ev?.eventName === 'AVSMetadataURIUpdated' ? ev.args.metadataURI : undefined }
  },
})
const updateAVSMetadataURI_ = /* @__PURE__ */ defineWrite(updateAVSMetadataURICall, {
  revert: (a, _s, { sender }) =>
    avsRevertMapper({ caller: sender, subject: a.avs, avs: a.avs, contract: 'AllocationManager' }),
  receipt: updateAVSMetadataURIReceipt,
})

/** Layer 1 (pure): `AllocationManager.updateAVSMetadataURI(avs, metadataURI)`. */
export const prepareUpdateAVSMetadataURI = /* @__PURE__ */ prepareOf(updateAVSMetadataURICall)
/** Layer 2: validates the URI and simulates. */
export const simulateUpdateAVSMetadataURI = /* @__PURE__ */ simulateOf(updateAVSMetadataURI_)
/** Layer 3: publishes the AVS's metadata URI (needed before it creates operator sets). */
export const updateAVSMetadataURI = /* @__PURE__ */ sendOf(updateAVSMetadataURI_)
/** Layer 4: the receipt and the URI from `AVSMetadataURIUpdated`. */
export const waitForUpdateAVSMetadataURI = /* @__PURE__ */ waitForOf(
  { name: UPDATE_AVS_METADATA_URI },
  updateAVSMetadataURIReceipt,
)
/** A sender that may not act for the AVS (decoded from the revert), a bad URI or address. */
export type UpdateAVSMetadataURIErrorType =
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type SetAVSRegistrarParameters = {
  /** The AVS (default the sender). */
  avs?: Address | undefined
  /** The contract the AllocationManager calls on operator (de)registration; it must support the AVS. */
  registrar: Address
} & DeploymentParameter

const supportsAvsAbi = [
  {
    type: 'function',
    name: 'supportsAVS',
    stateMutability: 'view',
    inputs: [{ name: 'avs', type: 'address' }],
    outputs: [{ name: '', type: 'bool' }],
  },
] as const

const SET_AVS_REGISTRAR = 'eigenlayer.setAVSRegistrar'
const setAVSRegistrarCall = /* @__PURE__ */ defineCall({
  name: SET_AVS_REGISTRAR,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: SetAVSRegistrarParameters, { deployment, sender }) => ({
    avs: assertAddress('avs', p.avs ?? sender),
    registrar: assertAddress('registrar', p.registrar),
    deployment: deployment as EigenLayerDeployment,
  }),
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'setAVSRegistrar',
      args: [a.avs, a.registrar],
    }),
})
const setAVSRegistrarReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AVSRegistrarSet')
    return { registrar: ev?.eventName === 'AVSRegistrarSet' ? ev.args.registrar : undefined }
  },
})
const setAVSRegistrar_ = /* @__PURE__ */ defineWrite(setAVSRegistrarCall, {
  read: (a) =>
    stage(
      [{ address: a.registrar, abi: supportsAvsAbi, functionName: 'supportsAVS', args: [a.avs] }],
      ([r]) => ({
        supports: r?.status === 'success' && r.result === true,
      }),
    ),
  check: (a, s) => {
    if (!s.supports) throw new InvalidAvsRegistrarError({ avs: a.avs, registrar: a.registrar })
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.avs,
      avs: a.avs,
      registrar: a.registrar,
      contract: 'AllocationManager',
    }),
  receipt: setAVSRegistrarReceipt,
})

/** Layer 1 (pure): `AllocationManager.setAVSRegistrar(avs, registrar)`. */
export const prepareSetAVSRegistrar = /* @__PURE__ */ prepareOf(setAVSRegistrarCall)
/** Layer 2: refuses a registrar whose `supportsAVS(avs)` is not true, then simulates. */
export const simulateSetAVSRegistrar = /* @__PURE__ */ simulateOf(setAVSRegistrar_)
/** Layer 3: the same check, then sends. */
export const setAVSRegistrar = /* @__PURE__ */ sendOf(setAVSRegistrar_)
/** Layer 4: the receipt and the registrar from `AVSRegistrarSet`. */
export const waitForSetAVSRegistrar = /* @__PURE__ */ waitForOf(
  { name: SET_AVS_REGISTRAR },
  setAVSRegistrarReceipt,
)
/** A registrar that does not support the AVS, a sender that may not act for it, a bad address. */
export type SetAVSRegistrarErrorType =
  | InvalidAvsRegistrarError
  | UnauthorizedCallerError
  | InvalidAddressError
  | WriteErrorType
