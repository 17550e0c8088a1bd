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
import { avsAllocationManagerAbi, redistributionAbi } from '../abis.js'
import { NotInReleaseError, OperatorSetExistsError } from '../errors.js'
import { avsRevertMapper } from '../revert.js'

/** EigenLayer's burn address: slashed funds of a normal set go there; not a valid redistribution recipient. */
export const DEFAULT_BURN_ADDRESS = '0x00000000000000000000000000000000000E16E4' as const

export type CreateRedistributingOperatorSetsParameters = {
  /** The AVS (default the sender). */
  avs?: Address | undefined
  /** Each set with the address its slashed funds go to (instead of being burned). */
  operatorSets: readonly {
    operatorSetId: number
    strategies: readonly Address[]
    redistributionRecipient: Address
  }[]
} & DeploymentParameter

const CREATE_REDISTRIBUTING_OPERATOR_SETS = 'eigenlayer.createRedistributingOperatorSets'
const createRedistributingOperatorSetsCall = /* @__PURE__ */ defineCall({
  name: CREATE_REDISTRIBUTING_OPERATOR_SETS,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: CreateRedistributingOperatorSetsParameters, { deployment, sender }) => {
    const ids = new Set<number>()
    const sets = assertNonEmpty('operatorSets', p.operatorSets).map((s, i) => {
      const operatorSetId = assertUint32(`operatorSets[${i}].operatorSetId`, s.operatorSetId)
      if (ids.has(operatorSetId))
        throw new InvalidParameterError({
          parameter: 'operatorSets',
          reason: `operator set ${operatorSetId} is listed twice`,
        })
      ids.add(operatorSetId)
      const recipient = assertAddress(`operatorSets[${i}].redistributionRecipient`, s.redistributionRecipient)
      if (sameAddress(recipient, zeroAddress) || sameAddress(recipient, DEFAULT_BURN_ADDRESS))
        throw new InvalidParameterError({
          parameter: `operatorSets[${i}].redistributionRecipient`,
          reason: 'may be neither zero nor the burn address',
        })
      return {
        operatorSetId,
        strategies: (s.strategies ?? []).map((x, j) =>
          assertAddress(`operatorSets[${i}].strategies[${j}]`, x),
        ),
        recipient,
      }
    })
    return {
      avs: assertAddress('avs', p.avs ?? sender),
      sets,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: redistributionAbi,
      functionName: 'createRedistributingOperatorSets',
      args: [
        a.avs,
        a.sets.map((s) => ({ operatorSetId: s.operatorSetId, strategies: s.strategies })),
        a.sets.map((s) => s.recipient),
      ],
    }),
})
const createRedistributingOperatorSetsReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(avsAllocationManagerAbi, redistributionAbi),
  decode: (_client, r) => ({
    operatorSets: r.events.flatMap((e) => (e.eventName === 'OperatorSetCreated' ? [e.args.operatorSet] : [])),
    recipients: r.events.flatMap((e) =>
      e.eventName === 'RedistributionAddressSet'
        ? [{ operatorSet: e.args.operatorSet, redistributionRecipient: e.args.redistributionRecipient }]
        : [],
    ),
  }),
})
const createRedistributingOperatorSets_ = /* @__PURE__ */ defineWrite(createRedistributingOperatorSetsCall, {
  read: (a) => {
    const am = a.deployment.allocationManager
    return stage(
      [
        // the feature probe: releases before v1.5 have no such view
        {
          address: am,
          abi: redistributionAbi,
          functionName: 'isRedistributingOperatorSet',
          args: [{ avs: a.avs, id: 0 }],
        },
        ...a.sets.map((s) => ({
          address: am,
          abi: avsAllocationManagerAbi,
          functionName: 'isOperatorSet',
          args: [{ avs: a.avs, id: s.operatorSetId }],
        })),
      ],
      ([probe, ...exists]) => ({
        hasRedistribution: probe?.status === 'success',
        exists: exists.map((r) => unwrap<boolean>(r)),
      }),
    )
  },
  check: (a, s) => {
    if (!s.hasRedistribution)
      throw new NotInReleaseError({ feature: 'createRedistributingOperatorSets', since: 'v1.5.0' })
    s.exists.forEach((e, i) => {
      if (e) throw new OperatorSetExistsError({ operatorSet: { avs: a.avs, id: a.sets[i]!.operatorSetId } })
    })
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({ caller: sender, subject: a.avs, avs: a.avs, contract: 'AllocationManager' }),
  receipt: createRedistributingOperatorSetsReceipt,
})

/** Layer 1 (pure): `AllocationManager.createRedistributingOperatorSets(avs, params, recipients)` (v1.5+). */
export const prepareCreateRedistributingOperatorSets = /* @__PURE__ */ prepareOf(
  createRedistributingOperatorSetsCall,
)
/**
 * Layer 2: refuses a release without redistribution (probed), a zero or burn-address recipient, a
 * set that exists; simulates. Not run on a chain here: the devnet states are v1.2 and v1.3.0.
 */
export const simulateCreateRedistributingOperatorSets = /* @__PURE__ */ simulateOf(
  createRedistributingOperatorSets_,
)
/** Layer 3: the same checks, then sends. */
export const createRedistributingOperatorSets = /* @__PURE__ */ sendOf(createRedistributingOperatorSets_)
/** Layer 4: the receipt, the sets created and each one's redistribution recipient. */
export const waitForCreateRedistributingOperatorSets = /* @__PURE__ */ waitForOf(
  { name: CREATE_REDISTRIBUTING_OPERATOR_SETS },
  createRedistributingOperatorSetsReceipt,
)
/**
 * A release without redistribution, a set that exists (checked), bad parameters, and the send
 * pipeline's errors (`redistributionAbi` has no error fragments: a revert is a `ContractRevertError`).
 */
export type CreateRedistributingOperatorSetsErrorType =
  | NotInReleaseError
  | OperatorSetExistsError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
