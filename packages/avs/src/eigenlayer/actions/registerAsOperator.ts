import {
  assertAddress,
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
import { type Address, zeroAddress } from 'viem'
import { assertUint32, type DeploymentParameter, sameAddress, specDeployment } from '../../internal.js'
import { avsAllocationManagerAbi, operatorDelegationAbi } from '../abis.js'
import { type InvalidOperatorMetadataError, OperatorAlreadyRegisteredError } from '../errors.js'
import { type OperatorMetadata, parseOperatorMetadata } from '../metadata.js'
import { avsRevertMapper } from '../revert.js'

export type RegisterAsOperatorParameters = {
  /** Where the operator metadata JSON is published (https or ipfs). */
  metadataURI: string
  /**
   * The JSON published at `metadataURI` (object or text), validated before sending; pass it so a
   * broken document is refused before it is announced on chain.
   */
  metadata?: OperatorMetadata | string | undefined
  /** Who must approve delegations to the operator (default none: anyone may delegate). */
  delegationApprover?: Address | undefined
  /** Blocks between an allocation and the moment it is slashable (the release's `allocationDelay`). */
  allocationDelay: number
} & DeploymentParameter

/** `metadataURI` must be a non-empty URI without whitespace. */
export function assertMetadataURI(value: unknown): string {
  if (
    typeof value !== 'string' ||
    value.length === 0 ||
    /\s/.test(value) ||
    !/^[a-z][a-z0-9+.-]*:/i.test(value)
  )
    throw new InvalidParameterError({ parameter: 'metadataURI', reason: `${String(value)} is not a URI` })
  return value
}

const REGISTER_AS_OPERATOR = 'eigenlayer.registerAsOperator'
const registerAsOperatorCall = /* @__PURE__ */ defineCall({
  name: REGISTER_AS_OPERATOR,
  contract: 'DelegationManager',
  deployment: specDeployment,
  resolve: (p: RegisterAsOperatorParameters, { deployment }) => {
    const metadataURI = assertMetadataURI(p.metadataURI)
    if (p.metadata !== undefined) parseOperatorMetadata(p.metadata)
    return {
      metadataURI,
      delegationApprover:
        p.delegationApprover === undefined
          ? zeroAddress
          : assertAddress('delegationApprover', p.delegationApprover),
      allocationDelay: assertUint32('allocationDelay', p.allocationDelay),
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) =>
    contractCall({
      address: a.deployment.delegationManager,
      abi: operatorDelegationAbi,
      functionName: 'registerAsOperator',
      args: [a.delegationApprover, a.allocationDelay, a.metadataURI],
    }),
})
const registerAsOperatorReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(operatorDelegationAbi, avsAllocationManagerAbi),
  decode: (_client, r) => {
    const reg = r.events.find((e) => e.eventName === 'OperatorRegistered')
    const uri = r.events.find((e) => e.eventName === 'OperatorMetadataURIUpdated')
    const delay = r.events.find((e) => e.eventName === 'AllocationDelaySet')
    return {
      operator: reg?.eventName === 'OperatorRegistered' ? reg.args.operator : undefined,
      delegationApprover: reg?.eventName === 'OperatorRegistered' ? reg.args.delegationApprover : undefined,
      metadataURI: uri?.eventName === 'OperatorMetadataURIUpdated' ? uri.args.metadataURI : undefined,
      /** The allocation delay set at registration and the block it is in effect from. */
      allocationDelay:
        delay?.eventName === 'AllocationDelaySet'
          ? { delay: delay.args.delay, readyAt: { block: BigInt(delay.args.effectBlock) } }
          : undefined,
    }
  },
})
const registerAsOperator_ = /* @__PURE__ */ defineWrite(registerAsOperatorCall, {
  read: (a, { sender }) =>
    stage(
      [
        {
          address: a.deployment.delegationManager,
          abi: operatorDelegationAbi,
          functionName: 'isOperator',
          args: [sender],
        },
        {
          address: a.deployment.delegationManager,
          abi: operatorDelegationAbi,
          functionName: 'delegatedTo',
          args: [sender],
        },
      ],
      ([isOperator, delegatedTo]) => ({
        sender,
        isOperator: unwrap<boolean>(isOperator),
        delegatedTo: unwrap<Address>(delegatedTo),
      }),
    ),
  check: (_a, s) => {
    if (s.isOperator) throw new OperatorAlreadyRegisteredError({ operator: s.sender })
    if (!sameAddress(s.delegatedTo, zeroAddress))
      throw new OperatorAlreadyRegisteredError({ operator: s.sender, delegatedTo: s.delegatedTo })
  },
  revert: (_a, _s, { sender }) =>
    avsRevertMapper({ caller: sender, subject: sender, operator: sender, contract: 'DelegationManager' }),
  receipt: registerAsOperatorReceipt,
})

/** Layer 1 (pure): `DelegationManager.registerAsOperator(approver, allocationDelay, metadataURI)`. */
export const prepareRegisterAsOperator = /* @__PURE__ */ prepareOf(registerAsOperatorCall)
/** Layer 2: validates the metadata, refuses an operator or a delegated staker, simulates. */
export const simulateRegisterAsOperator = /* @__PURE__ */ simulateOf(registerAsOperator_)
/** Layer 3: the same checks, then sends `registerAsOperator` for the sender. */
export const registerAsOperator = /* @__PURE__ */ sendOf(registerAsOperator_)
/** Layer 4: the receipt, `OperatorRegistered`, the metadata URI and the allocation delay with its effect block. */
export const waitForRegisterAsOperator = /* @__PURE__ */ waitForOf(
  { name: REGISTER_AS_OPERATOR },
  registerAsOperatorReceipt,
)

export type WaitForRegisterAsOperatorReturnType = Awaited<ReturnType<typeof waitForRegisterAsOperator>>
/**
 * What `registerAsOperator` (and its layers) can throw: the sender already an operator or delegated
 * (checked, and `ActivelyDelegated` decoded), metadata that fails validation, a bad URI, approver or
 * allocation delay, and the send pipeline's errors.
 */
export type RegisterAsOperatorErrorType =
  | OperatorAlreadyRegisteredError
  | InvalidOperatorMetadataError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
