import { type Account, type Address, type Hex, zeroAddress } from 'viem'
import {
  assertAddress,
  type Call,
  calls,
  encodeCall,
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { delegationManagerAbi, eigenlayerEventsAbi } from '../abis.js'
import { eigenlayerRevertMapper, NotDelegatedError, OperatorsCannotUndelegateError } from '../errors.js'
import {
  accountAddress,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
} from '../internal.js'
import { type QueuedWithdrawalEvent, queuedFromEvents } from './queueWithdrawals.js'

export type UndelegateParameters = {
  /** Default: the account (a staker undelegating itself). The operator or its approver may undelegate a staker. */
  staker?: Address
  account?: Account | Address
} & DeploymentParameter

export type PrepareUndelegateParameters = { staker: Address } & PrepareDeploymentParameter
export type PrepareUndelegateReturnType = readonly Call[]
/** `result`: the roots of the withdrawals queued for all of the staker's shares (one per strategy). */
export type SimulateUndelegateReturnType = SimulatedWrite<readonly Hex[]>
export type UndelegateReturnType = Hex
export type WaitForUndelegateReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  /** The withdrawals the undelegation queued (from `SlashingWithdrawalQueued`). */
  withdrawals: QueuedWithdrawalEvent[]
}
export type UndelegateErrorType = NotDelegatedError | OperatorsCannotUndelegateError | Error

/** Layer 1 (pure): the `undelegate(staker)` call. */
export function prepareUndelegate(params: PrepareUndelegateParameters): PrepareUndelegateReturnType {
  const staker = assertAddress('staker', params.staker)
  const d = prepareDeployment(params)
  return calls(
    encodeCall({
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'undelegate',
      args: [staker],
    }),
  )
}

/** Layer 2: checks (delegated, not an operator) and simulates `undelegate`. */
export async function simulateUndelegate(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: UndelegateParameters = {},
): Promise<SimulateUndelegateReturnType> {
  const account = requireAccount(client, params.account)
  const caller = accountAddress(account)
  const staker = params.staker === undefined ? caller : assertAddress('staker', params.staker)
  const d = getDeployment(client, params.deployment)
  const [to, isOp] = await readBatch(client, [
    { address: d.delegationManager, abi: delegationManagerAbi, functionName: 'delegatedTo', args: [staker] },
    { address: d.delegationManager, abi: delegationManagerAbi, functionName: 'isOperator', args: [staker] },
  ])
  if (unwrap<boolean>(isOp)) throw new OperatorsCannotUndelegateError({ operator: staker })
  if (unwrap<Address>(to) === zeroAddress) throw new NotDelegatedError({ staker })
  return simulateWrite<readonly Hex[]>(client, {
    account,
    address: d.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'undelegate',
    args: [staker],
    contract: 'DelegationManager',
    mapper: eigenlayerRevertMapper({ staker, caller }),
  })
}

/** Layer 3: checks, simulates and sends `undelegate`. */
export async function undelegate(
  walletClient: EigenLayerWalletClient,
  params: UndelegateParameters = {},
): Promise<UndelegateReturnType> {
  const { request } = await simulateUndelegate(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes `StakerUndelegated` and the queued withdrawals. */
export async function waitForUndelegate(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForUndelegateReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  return { ...r, withdrawals: queuedFromEvents(r.events) }
}
