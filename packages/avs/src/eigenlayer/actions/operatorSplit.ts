import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InvalidAddressError,
  InvalidParameterError,
  type OperatorNotRegisteredError,
  prepareOf,
  type ReadErrorType,
  readBatch,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  type AvsReadClient,
  assertUint32,
  type DeploymentParameter,
  readDeployment,
  specDeployment,
} from '../../internal.js'
import { avsAllocationManagerAbi, operatorSplitAbi } from '../abis.js'
import { NotInReleaseError, OperatorSetNotFoundError, type SplitPendingError } from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'
import { assertOperator, type OperatorState, operatorPlan } from './operatorPlan.js'

/** Which split: per AVS (`avs`), per operator set (`avs` + `operatorSetId`, v1.3+), or Programmatic Incentives (neither). */
export type OperatorSplitTarget = { avs?: Address | undefined; operatorSetId?: number | undefined }

export type SetOperatorSplitParameters = {
  /** The operator (default the sender). */
  operator?: Address | undefined
  /** The operator's share of the rewards, in bips (0 to 10000). */
  splitBips: number
} & OperatorSplitTarget &
  DeploymentParameter

type Kind = { kind: 'avs'; avs: Address } | { kind: 'operatorSet'; avs: Address; id: number } | { kind: 'pi' }

function targetOf(p: OperatorSplitTarget): Kind {
  if (p.operatorSetId !== undefined) {
    if (p.avs === undefined)
      throw new InvalidParameterError({
        parameter: 'avs',
        reason: 'an operator set split needs the AVS of the set',
      })
    return {
      kind: 'operatorSet',
      avs: assertAddress('avs', p.avs),
      id: assertUint32('operatorSetId', p.operatorSetId),
    }
  }
  return p.avs === undefined ? { kind: 'pi' } : { kind: 'avs', avs: assertAddress('avs', p.avs) }
}

const signatures = {
  avs: 'setOperatorAVSSplit(address,address,uint16)',
  pi: 'setOperatorPISplit(address,uint16)',
  operatorSet: 'setOperatorSetSplit(address,(address,uint32),uint16)',
} as const

const SET_OPERATOR_SPLIT = 'eigenlayer.setOperatorSplit'
const setOperatorSplitCall = /* @__PURE__ */ defineCall({
  name: SET_OPERATOR_SPLIT,
  contract: 'RewardsCoordinator',
  deployment: specDeployment,
  resolve: (p: SetOperatorSplitParameters, { deployment, sender }) => {
    const split = p.splitBips
    if (!Number.isInteger(split) || split < 0 || split > 10000)
      throw new InvalidParameterError({
        parameter: 'splitBips',
        reason: `${String(split)} is not an integer from 0 to 10000`,
      })
    return {
      operator: assertAddress('operator', p.operator ?? sender),
      split,
      target: targetOf(p),
      deployment: deployment as EigenLayerDeployment,
    }
  },
  call: (a) => {
    const rc = a.deployment.rewardsCoordinator
    const t = a.target
    if (t.kind === 'avs')
      return contractCall({
        address: rc,
        abi: operatorSplitAbi,
        functionName: 'setOperatorAVSSplit',
        args: [a.operator, t.avs, a.split],
      })
    if (t.kind === 'operatorSet')
      return contractCall({
        address: rc,
        abi: operatorSplitAbi,
        functionName: 'setOperatorSetSplit',
        args: [a.operator, { avs: t.avs, id: t.id }, a.split],
      })
    return contractCall({
      address: rc,
      abi: operatorSplitAbi,
      functionName: 'setOperatorPISplit',
      args: [a.operator, a.split],
    })
  },
})
const setOperatorSplitReceipt = /* @__PURE__ */ defineReceipt({
  abi: operatorSplitAbi,
  decode: (_client, r) => {
    for (const e of r.events) {
      if (e.eventName === 'OperatorAVSSplitBipsSet')
        return {
          split: {
            oldSplitBips: e.args.oldOperatorAVSSplitBips,
            newSplitBips: e.args.newOperatorAVSSplitBips,
            readyAt: { timestamp: BigInt(e.args.activatedAt) },
          },
        }
      if (e.eventName === 'OperatorPISplitBipsSet')
        return {
          split: {
            oldSplitBips: e.args.oldOperatorPISplitBips,
            newSplitBips: e.args.newOperatorPISplitBips,
            readyAt: { timestamp: BigInt(e.args.activatedAt) },
          },
        }
      if (e.eventName === 'OperatorSetSplitBipsSet')
        return {
          split: {
            oldSplitBips: e.args.oldOperatorSetSplitBips,
            newSplitBips: e.args.newOperatorSetSplitBips,
            readyAt: { timestamp: BigInt(e.args.activatedAt) },
          },
        }
    }
    return { split: undefined }
  },
})
const setOperatorSplit_ = /* @__PURE__ */ defineWrite(setOperatorSplitCall, {
  read: (a, { sender }) => {
    const rc = a.deployment.rewardsCoordinator
    const t = a.target
    const base = operatorPlan(a.deployment, a.operator, sender, { target: rc, signature: signatures[t.kind] })
    return stage(
      [
        ...base.reads,
        { address: rc, abi: operatorSplitAbi, functionName: 'version' },
        { address: rc, abi: operatorSplitAbi, functionName: 'activationDelay' },
        ...(t.kind === 'operatorSet'
          ? [
              {
                address: a.deployment.allocationManager,
                abi: avsAllocationManagerAbi,
                functionName: 'isOperatorSet',
                args: [{ avs: t.avs, id: t.id }],
              },
            ]
          : []),
      ],
      (rs) => {
        const operator = base.next(rs.slice(0, base.reads.length)) as OperatorState
        const [version, delay, set] = rs.slice(base.reads.length)
        return {
          operator,
          hasVersion: version?.status === 'success',
          activationDelay: unwrap<number>(delay),
          setExists: set ? unwrap<boolean>(set) : true,
        }
      },
    )
  },
  check: (a, s) => {
    assertOperator(a.operator, s.operator)
    if (a.target.kind === 'operatorSet') {
      if (!s.hasVersion) throw new NotInReleaseError({ feature: 'setOperatorSetSplit', since: 'v1.3.0' })
      if (!s.setExists)
        throw new OperatorSetNotFoundError({ operatorSet: { avs: a.target.avs, id: a.target.id } })
    }
  },
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.operator,
      operator: a.operator,
      ...(a.target.kind === 'operatorSet' ? { operatorSet: { avs: a.target.avs, id: a.target.id } } : {}),
      contract: 'RewardsCoordinator',
    }),
  receipt: setOperatorSplitReceipt,
})

/** Layer 1 (pure): `setOperatorAVSSplit`, `setOperatorSetSplit` or `setOperatorPISplit` on the RewardsCoordinator. */
export const prepareSetOperatorSplit = /* @__PURE__ */ prepareOf(setOperatorSplitCall)
/**
 * Layer 2: refuses a split over 10000 bips, a non-operator or a sender it has not appointed, a
 * missing operator set or a release without operator-set splits; simulates (a change still
 * pending is the `SplitPendingError` decoded from the simulation, before sending).
 */
export const simulateSetOperatorSplit = /* @__PURE__ */ simulateOf(setOperatorSplit_)
/** Layer 3: the same checks, then sends. */
export const setOperatorSplit = /* @__PURE__ */ sendOf(setOperatorSplit_)
/** Layer 4: the receipt and `split`: old and new bips and `readyAt.timestamp`, when the new one applies. */
export const waitForSetOperatorSplit = /* @__PURE__ */ waitForOf(
  { name: SET_OPERATOR_SPLIT },
  setOperatorSplitReceipt,
)
/**
 * A non-operator or a sender it has not appointed, a missing operator set, a release without
 * operator-set splits (checked), a change still pending (decoded from the simulation), bad
 * parameters, and the send pipeline's errors.
 */
export type SetOperatorSplitErrorType =
  | OperatorNotRegisteredError
  | UnauthorizedCallerError
  | OperatorSetNotFoundError
  | NotInReleaseError
  | SplitPendingError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type GetOperatorSplitParameters = { operator: Address } & OperatorSplitTarget & DeploymentParameter
export type GetOperatorSplitErrorType = InvalidAddressError | InvalidParameterError | ReadErrorType

/** The operator's split in effect now, in bips (the default split until one of its own activates). */
export async function getOperatorSplit(
  client: AvsReadClient,
  params: GetOperatorSplitParameters,
): Promise<number> {
  const operator = assertAddress('operator', params.operator)
  const t = targetOf(params)
  const rc = readDeployment(client, params.deployment).rewardsCoordinator
  const read =
    t.kind === 'avs'
      ? { address: rc, abi: operatorSplitAbi, functionName: 'getOperatorAVSSplit', args: [operator, t.avs] }
      : t.kind === 'operatorSet'
        ? {
            address: rc,
            abi: operatorSplitAbi,
            functionName: 'getOperatorSetSplit',
            args: [operator, { avs: t.avs, id: t.id }],
          }
        : { address: rc, abi: operatorSplitAbi, functionName: 'getOperatorPISplit', args: [operator] }
  const [r] = await readBatch(client, [read])
  return unwrap<number>(r)
}
