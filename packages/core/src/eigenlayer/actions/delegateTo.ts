import { type Address, type Hex, zeroAddress, zeroHash } from 'viem'
import { InvalidParameterError, type WriteErrorType } from '../../errors.js'
import {
  assertAddress,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { delegationWritesAbi, eigenlayerEventsAbi } from '../abis.js'
import {
  AlreadyDelegatedError,
  type CallerCannotUndelegateError,
  delegationManagerReverts,
  eigenlayerReverts,
  type FullySlashedError,
  NotDelegatedError,
  type NotDelegatedToVaultOperatorError,
  OperatorNotRegisteredError,
  type PausedError,
  SaltSpentError,
  SignatureExpiredError,
} from '../errors.js'
import { clockReads, type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'
import { type QueuedWithdrawalEvent, queuedFromEvents } from './queueWithdrawals.js'

/** The operator's approver signature (what `signDelegationApproval` returns). */
export type ApproverSignature = { signature: Hex; expiry: bigint; salt: Hex }

export type DelegateToParameters = {
  operator: Address
  /** Required when the operator has a delegation approver; from `signDelegationApproval`. */
  approverSignature?: ApproverSignature | undefined
} & DeploymentParameter

/** `redelegate` takes the same parameters: `operator` is the new operator. */
export type RedelegateParameters = DelegateToParameters

/** @internal `(SignatureWithExpiry, salt)` arguments; empty when no approver signature. */
export function signatureArgs(sig: ApproverSignature | undefined) {
  if (!sig) return [{ signature: '0x' as Hex, expiry: 0n }, zeroHash] as const
  if (!/^0x[0-9a-fA-F]{64}$/.test(sig.salt))
    throw new InvalidParameterError({ parameter: 'approverSignature.salt', reason: 'must be 32 bytes' })
  if (typeof sig.expiry !== 'bigint' || sig.expiry < 0n)
    throw new InvalidParameterError({ parameter: 'approverSignature.expiry', reason: 'must be a bigint ≥ 0' })
  return [{ signature: sig.signature, expiry: sig.expiry }, sig.salt] as const
}

type Resolved = {
  operator: Address
  given: ApproverSignature | undefined
  sig: { signature: Hex; expiry: bigint }
  salt: Hex
  delegationManager: Address
}

/** What the checks read, at the landing block: the operator, the staker's delegation, the approver. */
type DelegationState = {
  isOperator: boolean
  delegatedTo: Address
  approver: Address
  /** The landing block's timestamp (`undefined` when the chain has no Multicall3 to tell it). */
  timestamp: bigint | undefined
  /** Whether the approver's salt is spent (read only when there is an approver and a signature). */
  saltSpent: boolean
}

/**
 * `delegateTo` and `redelegate`: one spec, by mode. The checks (one plan): the operator is
 * registered, the staker's delegation fits the mode, and where the operator has a delegation
 * approver, its signature is given, not expired at the landing block, and its salt unspent.
 */
function delegationCall(mode: 'delegateTo' | 'redelegate', name: string) {
  return defineCall({
    name,
    contract: 'DelegationManager',
    deployment: lazyDeployment,
    resolve: (p: DelegateToParameters, ctx): Resolved => {
      const operator = assertAddress('operator', p.operator)
      const [sig, salt] = signatureArgs(p.approverSignature)
      return {
        operator,
        given: p.approverSignature,
        sig,
        salt,
        delegationManager: deploymentOf(ctx).delegationManager,
      }
    },
    call: (a) =>
      contractCall({
        address: a.delegationManager,
        abi: delegationWritesAbi,
        functionName: mode,
        args: [a.operator, a.sig, a.salt],
      }),
  })
}

/** @internal The receipt of both modes (`redelegate.ts` uses it too): the new operator and, for `redelegate`, the withdrawals it queued. */
export const delegationReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** The new operator (`StakerDelegated`) and, for `redelegate`, the withdrawals it queued. */
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'StakerDelegated')
    return {
      operator: ev ? (ev.args as { operator: Address }).operator : undefined,
      withdrawals: queuedFromEvents(r.events) as QueuedWithdrawalEvent[],
    }
  },
})

function delegation(mode: 'delegateTo' | 'redelegate', call: ReturnType<typeof delegationCall>) {
  return defineWrite(call, {
    read: (a, { sender }) => {
      const dm = a.delegationManager
      return stage(
        [
          { address: dm, abi: delegationWritesAbi, functionName: 'isOperator', args: [a.operator] },
          { address: dm, abi: delegationWritesAbi, functionName: 'delegatedTo', args: [sender] },
          { address: dm, abi: delegationWritesAbi, functionName: 'delegationApprover', args: [a.operator] },
          ...clockReads(),
        ],
        (r) => {
          const state: DelegationState = {
            isOperator: unwrap<boolean>(r[0]),
            delegatedTo: unwrap<Address>(r[1]),
            approver: unwrap<Address>(r[2]),
            timestamp: r[4]?.status === 'success' ? (r[4].result as bigint) : undefined,
            saltSpent: false,
          }
          if (state.approver === zeroAddress || !a.given) return state
          return stage(
            [
              {
                address: dm,
                abi: delegationWritesAbi,
                functionName: 'delegationApproverSaltIsSpent',
                args: [state.approver, a.salt],
              },
            ],
            ([spent]: readonly BatchResult[]) => ({ ...state, saltSpent: unwrap<boolean>(spent) }),
          )
        },
      )
    },
    check: (a, s, { sender }) => {
      const staker = sender as Address
      if (mode === 'delegateTo' && s.delegatedTo !== zeroAddress)
        throw new AlreadyDelegatedError({ staker, operator: s.delegatedTo })
      if (mode === 'redelegate' && s.delegatedTo === zeroAddress) throw new NotDelegatedError({ staker })
      if (!s.isOperator) throw new OperatorNotRegisteredError({ operator: a.operator })
      if (s.approver === zeroAddress) return
      if (!a.given)
        throw new InvalidParameterError({
          parameter: 'approverSignature',
          reason: `operator ${a.operator} has delegation approver ${s.approver}; get its signature (signDelegationApproval)`,
        })
      if (s.timestamp !== undefined && a.given.expiry < s.timestamp)
        throw new SignatureExpiredError({ expiry: a.given.expiry, now: s.timestamp })
      if (s.saltSpent) throw new SaltSpentError({ approver: s.approver, salt: a.salt })
    },
    revert: (a, s, { sender }) =>
      eigenlayerReverts([delegationManagerReverts], {
        staker: sender,
        operator: a.operator,
        salt: a.salt,
        expiry: a.sig.expiry,
        approver: s?.approver,
        contract: 'DelegationManager',
      }),
    /** `result`: `redelegate` returns the roots of the withdrawals it queued; `delegateTo` nothing. */
    simulated: (_a, _s, _roots: readonly Hex[] | undefined) => ({}),
    receipt: delegationReceipt,
  })
}

/** @internal The `delegateTo` spec's layers. */
/** The actions' names, for their errors and stages (the calls' and the `waitFor` layers'). */
const DELEGATE_TO = 'eigenlayer.delegateTo'
/** @internal */
export const REDELEGATE = 'eigenlayer.redelegate'
const delegateToCall = /* @__PURE__ */ delegationCall('delegateTo', DELEGATE_TO)
const delegateTo_ = /* @__PURE__ */ delegation('delegateTo', delegateToCall)
/** @internal The `redelegate` spec's call half and layers (see `redelegate.ts`). */
export const redelegateCall = /* @__PURE__ */ delegationCall('redelegate', REDELEGATE)
export const redelegate_ = /* @__PURE__ */ delegation('redelegate', redelegateCall)

/** Layer 1 (pure): the `delegateTo(operator, approverSignature, salt)` call. */
export const prepareDelegateTo = /* @__PURE__ */ prepareOf(delegateToCall)
/** Layer 2: checks (operator registered, not yet delegated, approver signature and salt) and simulates `delegateTo`. */
export const simulateDelegateTo = /* @__PURE__ */ simulateOf(delegateTo_)
/** Layer 3: checks, simulates and sends `delegateTo`. */
export const delegateTo = /* @__PURE__ */ sendOf(delegateTo_)
/** Layer 4: the receipt, `StakerDelegated` (`operator`) and the share events. */
export const waitForDelegateTo = /* @__PURE__ */ waitForOf({ name: DELEGATE_TO }, delegationReceipt)

export type PrepareDelegateToParameters = Parameters<typeof prepareDelegateTo>[0]
export type PrepareDelegateToReturnType = ReturnType<typeof prepareDelegateTo>
export type SimulateDelegateToReturnType = Awaited<ReturnType<typeof simulateDelegateTo>>
export type DelegateToReturnType = Awaited<ReturnType<typeof delegateTo>>
export type WaitForDelegateToReturnType = Awaited<ReturnType<typeof waitForDelegateTo>>
export type DelegateToErrorType =
  | AlreadyDelegatedError
  | OperatorNotRegisteredError
  | SignatureExpiredError
  | SaltSpentError
  | InvalidParameterError
  | FullySlashedError
  | NotDelegatedToVaultOperatorError
  | PausedError
  | WriteErrorType
/** `redelegate` fails the same ways, and with `NotDelegatedError` when not delegated. */
export type RedelegateErrorType =
  | Exclude<DelegateToErrorType, AlreadyDelegatedError>
  | NotDelegatedError
  | CallerCannotUndelegateError
  | WriteErrorType
