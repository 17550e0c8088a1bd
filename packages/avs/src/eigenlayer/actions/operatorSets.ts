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
  OperatorNotRegisteredError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, type Hex, isHex } from 'viem'
import { assertUint32, type DeploymentParameter, specDeployment } from '../../internal.js'
import { avsAllocationManagerAbi, operatorDelegationAbi } from '../abis.js'
import {
  type AvsMetadataMissingError,
  OperatorSetExistsError,
  OperatorSetMembershipError,
  OperatorSetNotFoundError,
} from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'

/** One operator set to create: its id and its strategies. */
export type OperatorSetParameters = { operatorSetId: number; strategies: readonly Address[] }

export type CreateOperatorSetsParameters = {
  /** The AVS (default the sender). */
  avs?: Address | undefined
  operatorSets: readonly OperatorSetParameters[]
} & DeploymentParameter

function uniqueIds(parameter: string, ids: readonly number[]) {
  const seen = new Set<number>()
  for (const id of ids) {
    if (seen.has(id))
      throw new InvalidParameterError({ parameter, reason: `operator set ${id} is listed twice` })
    seen.add(id)
  }
}

const isSetRead = (d: EigenLayerDeployment, avs: Address, id: number) => ({
  address: d.allocationManager,
  abi: avsAllocationManagerAbi,
  functionName: 'isOperatorSet',
  args: [{ avs, id }],
})

const CREATE_OPERATOR_SETS = 'eigenlayer.createOperatorSets'
const createOperatorSetsCall = /* @__PURE__ */ defineCall({
  name: CREATE_OPERATOR_SETS,
  contract: 'AllocationManager',
  deployment: specDeployment,
  resolve: (p: CreateOperatorSetsParameters, { deployment, sender }) => {
    const sets = assertNonEmpty('operatorSets', p.operatorSets).map((s, i) => {
      const strategies = (s.strategies ?? []).map((x, j) =>
        assertAddress(`operatorSets[${i}].strategies[${j}]`, x),
      )
      if (new Set(strategies.map((x) => x.toLowerCase())).size !== strategies.length)
        throw new InvalidParameterError({
          parameter: `operatorSets[${i}].strategies`,
          reason: 'a strategy is listed twice',
        })
      return { operatorSetId: assertUint32(`operatorSets[${i}].operatorSetId`, s.operatorSetId), strategies }
    })
    uniqueIds(
      'operatorSets',
      sets.map((s) => s.operatorSetId),
    )
    return {
      avs: assertAddress('avs', p.avs ?? sender),
      sets,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) =>
    contractCall({
      address: a.deployment.allocationManager,
      abi: avsAllocationManagerAbi,
      functionName: 'createOperatorSets',
      args: [a.avs, a.sets.map((s) => ({ operatorSetId: s.operatorSetId, strategies: s.strategies }))],
    }),
})
const createOperatorSetsReceipt = /* @__PURE__ */ defineReceipt({
  abi: avsAllocationManagerAbi,
  decode: (_client, r) => {
    const created = r.events.flatMap((e) =>
      e.eventName === 'OperatorSetCreated' ? [e.args.operatorSet] : [],
    )
    const strategies = r.events.flatMap((e) =>
      e.eventName === 'StrategyAddedToOperatorSet'
        ? [{ operatorSet: e.args.operatorSet, strategy: e.args.strategy }]
        : [],
    )
    return { operatorSets: created, strategiesAdded: strategies }
  },
})
const createOperatorSets_ = /* @__PURE__ */ defineWrite(createOperatorSetsCall, {
  read: (a) =>
    stage(
      a.sets.map((s) => isSetRead(a.deployment, a.avs, s.operatorSetId)),
      (rs) => ({ exists: rs.map((r) => unwrap<boolean>(r)) }),
    ),
  check: (a, s) => {
    s.exists.forEach((exists, i) => {
      if (exists)
        throw new OperatorSetExistsError({ operatorSet: { avs: a.avs, id: a.sets[i]!.operatorSetId } })
    })
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({ caller: sender, subject: a.avs, avs: a.avs, contract: 'AllocationManager' }),
  receipt: createOperatorSetsReceipt,
})

/** Layer 1 (pure): `AllocationManager.createOperatorSets(avs, params)`. */
export const prepareCreateOperatorSets = /* @__PURE__ */ prepareOf(createOperatorSetsCall)
/** Layer 2: refuses duplicate ids or strategies and sets that exist, then simulates. */
export const simulateCreateOperatorSets = /* @__PURE__ */ simulateOf(createOperatorSets_)
/** Layer 3: the same checks, then sends (the AVS must have published its metadata URI). */
export const createOperatorSets = /* @__PURE__ */ sendOf(createOperatorSets_)
/** Layer 4: the receipt, the sets created (`OperatorSetCreated`) and their strategies. */
export const waitForCreateOperatorSets = /* @__PURE__ */ waitForOf(
  { name: CREATE_OPERATOR_SETS },
  createOperatorSetsReceipt,
)
/**
 * A set that exists (checked; a set created in between is the contract's `InvalidOperatorSet`,
 * decoded as `OperatorSetNotFoundError`), no AVS metadata URI yet, a sender that may not act for the
 * AVS (both decoded from the revert), duplicate ids or strategies, and the send pipeline's errors.
 */
export type CreateOperatorSetsErrorType =
  | OperatorSetExistsError
  | OperatorSetNotFoundError
  | AvsMetadataMissingError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type RegisterForOperatorSetsParameters = {
  /** The operator (default the sender). */
  operator?: Address | undefined
  avs: Address
  operatorSetIds: readonly number[]
  /** What the AVS's registrar expects with the registration (its own encoding; default empty). */
  data?: Hex | undefined
} & DeploymentParameter

type Membership = { avs: Address; operator: Address; ids: number[]; deployment: EigenLayerDeployment }

function membershipArgs(
  p: { operator?: Address | undefined; avs: Address; operatorSetIds: readonly number[] },
  d: unknown,
  sender: Address | undefined,
): Membership {
  const ids = assertNonEmpty('operatorSetIds', p.operatorSetIds).map((id, i) =>
    assertUint32(`operatorSetIds[${i}]`, id),
  )
  uniqueIds('operatorSetIds', ids)
  return {
    avs: assertAddress('avs', p.avs),
    operator: assertAddress('operator', p.operator ?? sender),
    ids,
    deployment: d as EigenLayerDeployment,
  }
}

function membershipPlan(a: Membership) {
  const am = a.deployment.allocationManager
  return stage(
    [
      {
        address: a.deployment.delegationManager,
        abi: operatorDelegationAbi,
        functionName: 'isOperator',
        args: [a.operator],
      },
      ...a.ids.map((id) => isSetRead(a.deployment, a.avs, id)),
      ...a.ids.map((id) => ({
        address: am,
        abi: avsAllocationManagerAbi,
        functionName: 'isMemberOfOperatorSet',
        args: [a.operator, { avs: a.avs, id }],
      })),
    ],
    ([isOperator, ...rest]) => ({
      isOperator: unwrap<boolean>(isOperator),
      exists: rest.slice(0, a.ids.length).map((r) => unwrap<boolean>(r)),
      member: rest.slice(a.ids.length).map((r) => unwrap<boolean>(r)),
    }),
  )
}

function checkMembership(
  a: Membership,
  s: { isOperator: boolean; exists: boolean[]; member: boolean[] },
  wantMember: boolean,
) {
  if (!s.isOperator) throw new OperatorNotRegisteredError({ operator: a.operator })
  a.ids.forEach((id, i) => {
    const operatorSet = { avs: a.avs, id }
    if (!s.exists[i]) throw new OperatorSetNotFoundError({ operatorSet })
    if (s.member[i] !== wantMember)
      throw new OperatorSetMembershipError({ operator: a.operator, operatorSet, member: s.member[i]! })
  })
}

const REGISTER_FOR_OPERATOR_SETS = 'eigenlayer.registerForOperatorSets'
const DEREGISTER_FROM_OPERATOR_SETS = 'eigenlayer.deregisterFromOperatorSets'

/**
 * Joining and leaving operator sets: one spec, by direction. Both refuse a non-operator and a set
 * that does not exist; joining refuses a set the operator is in, leaving one it is not in.
 */
function membershipWriteCall<
  P extends { operator?: Address | undefined; avs: Address; operatorSetIds: readonly number[] },
>(join: boolean) {
  return defineCall({
    name: join ? REGISTER_FOR_OPERATOR_SETS : DEREGISTER_FROM_OPERATOR_SETS,
    contract: 'AllocationManager',
    deployment: specDeployment,
    resolve: (p: P, { deployment, sender }) => {
      // only registration carries the registrar's data
      const data = (join ? (p as { data?: Hex | undefined }).data : undefined) ?? '0x'
      if (!isHex(data))
        throw new InvalidParameterError({ parameter: 'data', reason: `${String(data)} is not hex` })
      return { ...membershipArgs(p, deployment, sender), data }
    },
    call: (a) =>
      join
        ? contractCall({
            address: a.deployment.allocationManager,
            abi: avsAllocationManagerAbi,
            functionName: 'registerForOperatorSets',
            args: [a.operator, { avs: a.avs, operatorSetIds: a.ids, data: a.data }],
          })
        : contractCall({
            address: a.deployment.allocationManager,
            abi: avsAllocationManagerAbi,
            functionName: 'deregisterFromOperatorSets',
            args: [{ operator: a.operator, avs: a.avs, operatorSetIds: a.ids }],
          }),
  })
}

/** The receipt of joining or leaving: the sets from its events. */
function membershipReceipt(join: boolean) {
  const event = join ? 'OperatorAddedToOperatorSet' : 'OperatorRemovedFromOperatorSet'
  return defineReceipt({
    abi: avsAllocationManagerAbi,
    decode: (_client, r) => ({
      operatorSets: r.events.flatMap((e) =>
        e.eventName === event ? [(e.args as { operatorSet: { avs: Address; id: number } }).operatorSet] : [],
      ),
    }),
  })
}

function membershipWrite<
  P extends { operator?: Address | undefined; avs: Address; operatorSetIds: readonly number[] },
>(
  join: boolean,
  call: ReturnType<typeof membershipWriteCall<P>>,
  receipt: ReturnType<typeof membershipReceipt>,
) {
  return defineWrite(call, {
    read: (a) => membershipPlan(a),
    check: (a, s) => checkMembership(a, s, !join),
    revert: (a, _s, { sender }) =>
      avsRevertMapper({
        caller: sender,
        subject: a.operator,
        operator: a.operator,
        avs: a.avs,
        operatorSet: { avs: a.avs, id: a.ids[0]! },
        contract: 'AllocationManager',
      }),
    receipt,
  })
}

const registerForOperatorSetsCall =
  /* @__PURE__ */ membershipWriteCall<RegisterForOperatorSetsParameters>(true)
const registerForOperatorSetsReceipt = /* @__PURE__ */ membershipReceipt(true)
const registerForOperatorSets_ = /* @__PURE__ */ membershipWrite<RegisterForOperatorSetsParameters>(
  true,
  registerForOperatorSetsCall,
  registerForOperatorSetsReceipt,
)

/** Layer 1 (pure): `AllocationManager.registerForOperatorSets(operator, { avs, operatorSetIds, data })`. */
export const prepareRegisterForOperatorSets = /* @__PURE__ */ prepareOf(registerForOperatorSetsCall)
/** Layer 2: refuses a non-operator, a set that does not exist or is joined already, then simulates (the registrar runs too). */
export const simulateRegisterForOperatorSets = /* @__PURE__ */ simulateOf(registerForOperatorSets_)
/** Layer 3: the same checks, then sends. */
export const registerForOperatorSets = /* @__PURE__ */ sendOf(registerForOperatorSets_)
/** Layer 4: the receipt and the sets joined (`OperatorAddedToOperatorSet`). */
export const waitForRegisterForOperatorSets = /* @__PURE__ */ waitForOf(
  { name: REGISTER_FOR_OPERATOR_SETS },
  registerForOperatorSetsReceipt,
)
/**
 * A non-operator, a missing set, a set already joined (checked and decoded), a sender the operator
 * has not appointed (decoded), bad parameters; a registrar's own revert is a `ContractRevertError`.
 */
export type RegisterForOperatorSetsErrorType =
  | OperatorNotRegisteredError
  | OperatorSetNotFoundError
  | OperatorSetMembershipError
  | UnauthorizedCallerError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type DeregisterFromOperatorSetsParameters = {
  /** The operator (default the sender; the AVS may deregister its operators too). */
  operator?: Address | undefined
  avs: Address
  operatorSetIds: readonly number[]
} & DeploymentParameter

const deregisterFromOperatorSetsCall =
  /* @__PURE__ */ membershipWriteCall<DeregisterFromOperatorSetsParameters>(false)
const deregisterFromOperatorSetsReceipt = /* @__PURE__ */ membershipReceipt(false)
const deregisterFromOperatorSets_ = /* @__PURE__ */ membershipWrite<DeregisterFromOperatorSetsParameters>(
  false,
  deregisterFromOperatorSetsCall,
  deregisterFromOperatorSetsReceipt,
)

/** Layer 1 (pure): `AllocationManager.deregisterFromOperatorSets({ operator, avs, operatorSetIds })`. */
export const prepareDeregisterFromOperatorSets = /* @__PURE__ */ prepareOf(deregisterFromOperatorSetsCall)
/** Layer 2: refuses a set that does not exist or the operator is not in, then simulates. */
export const simulateDeregisterFromOperatorSets = /* @__PURE__ */ simulateOf(deregisterFromOperatorSets_)
/** Layer 3: the same checks, then sends (the operator stays slashable until its allocations are deallocated). */
export const deregisterFromOperatorSets = /* @__PURE__ */ sendOf(deregisterFromOperatorSets_)
/** Layer 4: the receipt and the sets left (`OperatorRemovedFromOperatorSet`). */
export const waitForDeregisterFromOperatorSets = /* @__PURE__ */ waitForOf(
  { name: DEREGISTER_FROM_OPERATOR_SETS },
  deregisterFromOperatorSetsReceipt,
)
/**
 * A non-operator, a missing set, a set not joined (checked and decoded), a sender acting for neither
 * the operator nor the AVS (decoded), bad parameters, and the send pipeline's errors.
 */
export type DeregisterFromOperatorSetsErrorType = RegisterForOperatorSetsErrorType
