import { type Account, type Address, type Hex, zeroAddress, zeroHash } from 'viem'
import { InvalidParameterError } from '../../errors.js'
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
import type { EigenLayerDeployment } from '../deployments.js'
import {
  AlreadyDelegatedError,
  eigenlayerRevertMapper,
  NotDelegatedError,
  OperatorNotRegisteredError,
  SaltSpentError,
  SignatureExpiredError,
} from '../errors.js'
import {
  accountAddress,
  clockFrom,
  clockReads,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
} from '../internal.js'

/** The operator's approver signature (what `signDelegationApproval` returns). */
export type ApproverSignature = { signature: Hex; expiry: bigint; salt: Hex }

export type DelegateToParameters = {
  operator: Address
  /** Required when the operator has a delegation approver; from `signDelegationApproval`. */
  approverSignature?: ApproverSignature | undefined
  account?: Account | Address
} & DeploymentParameter

export type PrepareDelegateToParameters = {
  operator: Address
  approverSignature?: ApproverSignature | undefined
} & PrepareDeploymentParameter

export type PrepareDelegateToReturnType = readonly Call[]
export type SimulateDelegateToReturnType = SimulatedWrite<undefined>
export type DelegateToReturnType = Hex
export type WaitForDelegateToReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  operator: Address | undefined
}
export type DelegateToErrorType =
  | AlreadyDelegatedError
  | OperatorNotRegisteredError
  | SignatureExpiredError
  | SaltSpentError
  | InvalidParameterError
  | Error

/** @internal `(SignatureWithExpiry, salt)` arguments; empty when no approver signature. */
export function signatureArgs(sig: ApproverSignature | undefined) {
  if (!sig) return [{ signature: '0x' as Hex, expiry: 0n }, zeroHash] as const
  if (!/^0x[0-9a-fA-F]{64}$/.test(sig.salt))
    throw new InvalidParameterError('approverSignature.salt', 'must be 32 bytes')
  if (typeof sig.expiry !== 'bigint' || sig.expiry < 0n)
    throw new InvalidParameterError('approverSignature.expiry', 'must be a bigint ≥ 0')
  return [{ signature: sig.signature, expiry: sig.expiry }, sig.salt] as const
}

/** Layer 1 (pure): the `delegateTo` call. */
export function prepareDelegateTo(params: PrepareDelegateToParameters): PrepareDelegateToReturnType {
  const operator = assertAddress('operator', params.operator)
  const d = prepareDeployment(params)
  const [sig, salt] = signatureArgs(params.approverSignature)
  return calls(
    encodeCall({
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'delegateTo',
      args: [operator, sig, salt],
    }),
  )
}

/**
 * @internal Checks before delegating (`mode: 'delegate'`) or redelegating: the operator is
 * registered, the staker's delegation state fits, and an approver's signature is present, not
 * expired and its salt unspent.
 */
export async function checkDelegation(
  client: EigenLayerReadClient,
  d: EigenLayerDeployment,
  p: {
    staker: Address
    operator: Address
    sig: ApproverSignature | undefined
    mode: 'delegate' | 'redelegate'
  },
): Promise<void> {
  const dm = d.delegationManager
  const results = await readBatch(client, [
    { address: dm, abi: delegationManagerAbi, functionName: 'isOperator', args: [p.operator] },
    { address: dm, abi: delegationManagerAbi, functionName: 'delegatedTo', args: [p.staker] },
    { address: dm, abi: delegationManagerAbi, functionName: 'delegationApprover', args: [p.operator] },
    ...clockReads(client),
  ])
  const current = unwrap<Address>(results[1])
  if (p.mode === 'delegate' && current !== zeroAddress)
    throw new AlreadyDelegatedError({ staker: p.staker, operator: current })
  if (p.mode === 'redelegate' && current === zeroAddress) throw new NotDelegatedError({ staker: p.staker })
  if (!unwrap<boolean>(results[0])) throw new OperatorNotRegisteredError({ operator: p.operator })
  const approver = unwrap<Address>(results[2])
  if (approver === zeroAddress) return
  if (!p.sig) {
    throw new InvalidParameterError(
      'approverSignature',
      `operator ${p.operator} has delegation approver ${approver}; get its signature (signDelegationApproval)`,
    )
  }
  const { timestamp } = await clockFrom(client, results.slice(3))
  if (p.sig.expiry < timestamp) throw new SignatureExpiredError({ expiry: p.sig.expiry, now: timestamp })
  const [spent] = await readBatch(client, [
    {
      address: dm,
      abi: delegationManagerAbi,
      functionName: 'delegationApproverSaltIsSpent',
      args: [approver, p.sig.salt],
    },
  ])
  if (unwrap<boolean>(spent)) throw new SaltSpentError({ approver, salt: p.sig.salt })
}

/** Layer 2: validates, checks (operator, delegation, signature, salt), simulates `delegateTo`. */
export async function simulateDelegateTo(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: DelegateToParameters,
): Promise<SimulateDelegateToReturnType> {
  const operator = assertAddress('operator', params.operator)
  const [sig, salt] = signatureArgs(params.approverSignature)
  const account = requireAccount(client, params.account)
  const staker = accountAddress(account)
  const d = getDeployment(client, params.deployment)
  await checkDelegation(client, d, { staker, operator, sig: params.approverSignature, mode: 'delegate' })
  return simulateWrite<undefined>(client, {
    account,
    address: d.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'delegateTo',
    args: [operator, sig, salt],
    contract: 'DelegationManager',
    mapper: eigenlayerRevertMapper({ staker, operator, salt, expiry: sig.expiry }),
  })
}

/** Layer 3: checks, simulates and sends `delegateTo`. */
export async function delegateTo(
  walletClient: EigenLayerWalletClient,
  params: DelegateToParameters,
): Promise<DelegateToReturnType> {
  const { request } = await simulateDelegateTo(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes `StakerDelegated` (and the share events). */
export async function waitForDelegateTo(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForDelegateToReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  const ev = r.events.find((e) => e.eventName === 'StakerDelegated')
  return { ...r, operator: ev ? (ev.args as { operator: Address }).operator : undefined }
}
