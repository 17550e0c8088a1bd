import type { Account, Address, Hex } from 'viem'
import {
  assertAddress,
  type Call,
  calls,
  encodeCall,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
} from '../../tx.js'
import { delegationManagerAbi } from '../abis.js'
import type {
  NotDelegatedError,
  OperatorNotRegisteredError,
  SaltSpentError,
  SignatureExpiredError,
} from '../errors.js'
import { eigenlayerRevertMapper } from '../errors.js'
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
import { type ApproverSignature, checkDelegation, signatureArgs } from './delegateTo.js'
import { type WaitForUndelegateReturnType, waitForUndelegate } from './undelegate.js'

export type RedelegateParameters = {
  /** The new operator. */
  operator: Address
  approverSignature?: ApproverSignature | undefined
  account?: Account | Address
} & DeploymentParameter

export type PrepareRedelegateParameters = {
  operator: Address
  approverSignature?: ApproverSignature | undefined
} & PrepareDeploymentParameter

export type PrepareRedelegateReturnType = readonly Call[]
/** `result`: the roots of the withdrawals queued for all of the staker's shares. */
export type SimulateRedelegateReturnType = SimulatedWrite<readonly Hex[]>
export type RedelegateReturnType = Hex
export type WaitForRedelegateReturnType = WaitForUndelegateReturnType
export type RedelegateErrorType =
  | NotDelegatedError
  | OperatorNotRegisteredError
  | SignatureExpiredError
  | SaltSpentError
  | Error

/** Layer 1 (pure): the `redelegate` call. */
export function prepareRedelegate(params: PrepareRedelegateParameters): PrepareRedelegateReturnType {
  const operator = assertAddress('operator', params.operator)
  const d = prepareDeployment(params)
  const [sig, salt] = signatureArgs(params.approverSignature)
  return calls(
    encodeCall({
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'redelegate',
      args: [operator, sig, salt],
    }),
  )
}

/**
 * Layer 2: checks (delegated, new operator registered, signature) and simulates `redelegate`,
 * which undelegates (queueing withdrawals of everything) and delegates to the new operator.
 */
export async function simulateRedelegate(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: RedelegateParameters,
): Promise<SimulateRedelegateReturnType> {
  const operator = assertAddress('operator', params.operator)
  const [sig, salt] = signatureArgs(params.approverSignature)
  const account = requireAccount(client, params.account)
  const staker = accountAddress(account)
  const d = getDeployment(client, params.deployment)
  await checkDelegation(client, d, { staker, operator, sig: params.approverSignature, mode: 'redelegate' })
  return simulateWrite<readonly Hex[]>(client, {
    account,
    address: d.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'redelegate',
    args: [operator, sig, salt],
    contract: 'DelegationManager',
    mapper: eigenlayerRevertMapper({ staker, operator, salt, expiry: sig.expiry }),
  })
}

/** Layer 3: checks, simulates and sends `redelegate`. */
export async function redelegate(
  walletClient: EigenLayerWalletClient,
  params: RedelegateParameters,
): Promise<RedelegateReturnType> {
  const { request } = await simulateRedelegate(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes the undelegation, the queued withdrawals and the new delegation. */
export async function waitForRedelegate(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForRedelegateReturnType> {
  return waitForUndelegate(client, hash)
}
