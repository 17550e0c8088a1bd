import { type Address, type Hex, zeroAddress } from 'viem'
import type { WriteErrorType } from '../../errors.js'
import {
  assertAddress,
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
  type CallerCannotUndelegateError,
  delegationManagerReverts,
  eigenlayerReverts,
  NotDelegatedError,
  OperatorsCannotUndelegateError,
  type PausedError,
} from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'
import { queuedFromEvents } from './queueWithdrawals.js'

export type UndelegateParameters = {
  /** Default: the account (a staker undelegating itself). The operator or its approver may undelegate a staker. */
  staker?: Address
} & DeploymentParameter

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const UNDELEGATE = 'eigenlayer.undelegate'
const undelegateCall = /* @__PURE__ */ defineCall({
  name: UNDELEGATE,
  contract: 'DelegationManager',
  deployment: lazyDeployment,
  resolve: (p: UndelegateParameters, ctx) => ({
    staker: assertAddress('staker', p.staker ?? ctx.sender),
    delegationManager: deploymentOf(ctx).delegationManager,
  }),
  call: (a) =>
    contractCall({
      address: a.delegationManager,
      abi: delegationWritesAbi,
      functionName: 'undelegate',
      args: [a.staker],
    }),
})
const undelegateReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** The withdrawals the undelegation queued (from `SlashingWithdrawalQueued`). */
  decode: (_client, r) => ({ withdrawals: queuedFromEvents(r.events) }),
})
const undelegate_ = /* @__PURE__ */ defineWrite(undelegateCall, {
  /** The staker's operator and whether the staker is itself an operator, in one batch. */
  read: (a) =>
    stage(
      [
        {
          address: a.delegationManager,
          abi: delegationWritesAbi,
          functionName: 'delegatedTo',
          args: [a.staker],
        },
        {
          address: a.delegationManager,
          abi: delegationWritesAbi,
          functionName: 'isOperator',
          args: [a.staker],
        },
      ],
      ([to, isOp]) => ({ delegatedTo: unwrap<Address>(to), isOperator: unwrap<boolean>(isOp) }),
    ),
  check: (a, s) => {
    if (s.isOperator) throw new OperatorsCannotUndelegateError({ operator: a.staker })
    if (s.delegatedTo === zeroAddress) throw new NotDelegatedError({ staker: a.staker })
  },
  revert: (a, _s, { sender }) =>
    eigenlayerReverts([delegationManagerReverts], {
      staker: a.staker,
      caller: sender,
      contract: 'DelegationManager',
    }),
  /** `result`: the roots of the withdrawals queued for all of the staker's shares (one per strategy). */
  simulated: (_a, _s, _roots: readonly Hex[]) => ({}),
  receipt: undelegateReceipt,
})

/** Layer 1 (pure): the `undelegate(staker)` call (`staker`, else `account`, is needed). */
export const prepareUndelegate = /* @__PURE__ */ prepareOf(undelegateCall)
/** Layer 2: checks (delegated, not an operator) and simulates `undelegate`; `result` is the queued roots. */
export const simulateUndelegate = /* @__PURE__ */ simulateOf(undelegate_)
/** Layer 3: checks, simulates and sends `undelegate`. */
export const undelegate = /* @__PURE__ */ sendOf(undelegate_)
/** Layer 4: the receipt, `StakerUndelegated` and the queued `withdrawals`. */
export const waitForUndelegate = /* @__PURE__ */ waitForOf({ name: UNDELEGATE }, undelegateReceipt)

export type PrepareUndelegateParameters = Parameters<typeof prepareUndelegate>[0]
export type PrepareUndelegateReturnType = ReturnType<typeof prepareUndelegate>
export type SimulateUndelegateReturnType = Awaited<ReturnType<typeof simulateUndelegate>>
export type UndelegateReturnType = Awaited<ReturnType<typeof undelegate>>
export type WaitForUndelegateReturnType = Awaited<ReturnType<typeof waitForUndelegate>>
export type UndelegateErrorType =
  | NotDelegatedError
  | OperatorsCannotUndelegateError
  | CallerCannotUndelegateError
  | PausedError
  | WriteErrorType
