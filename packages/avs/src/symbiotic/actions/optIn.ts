import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  InvalidParameterError,
  prepareOf,
  type ReadClient,
  type ReadErrorType,
  readBatch,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteClient,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { SymbioticDeployment } from '@restakekit/core/symbiotic'
import type { Account, Address, Hex, SignTypedDataErrorType } from 'viem'
import { signTypedData } from 'viem/actions'
import { getAction } from 'viem/utils'
import { multicallTimestampAbi, symbioticEntityRegistryAbi, symbioticOptInAbi } from '../abis.js'
import {
  OptInSignatureError,
  OptInStateError,
  type OptOutCooldownError,
  SymbioticNotRegisteredError,
} from '../errors.js'
import {
  assertUint48,
  MULTICALL3,
  type SymbioticDeploymentParameter,
  symbioticReadDeployment,
  symbioticSpecDeployment,
} from '../internal.js'
import { symbioticAvsRevertMapper } from '../revert.js'

/** Where an operator opts in: one vault (operator→vault service) or one network (operator→network service). */
export type OptInTarget = { vault: Address; network?: undefined } | { network: Address; vault?: undefined }

/**
 * An operator's EIP-712 signature (see `signOptIn` / `signOptOut`): anyone may then send the opt-in
 * or opt-out for it, until `deadline` (unix seconds).
 */
export type OptInSignature = { operator: Address; deadline: bigint; signature: Hex }

export type OptInParameters = OptInTarget &
  SymbioticDeploymentParameter & {
    /** The operator's signature: send for it (default: the sender opts itself in or out). */
    signed?: OptInSignature | undefined
  }

type Direction = 'optIn' | 'optOut'

function resolveTarget(p: OptInTarget, d: SymbioticDeployment) {
  if ((p.vault === undefined) === (p.network === undefined))
    throw new InvalidParameterError({
      parameter: 'vault',
      reason: 'give exactly one of `vault` and `network`',
    })
  return p.vault !== undefined
    ? {
        target: 'vault' as const,
        where: assertAddress('vault', p.vault),
        service: d.operatorVaultOptInService,
        whereRegistry: d.vaultFactory,
      }
    : {
        target: 'network' as const,
        where: assertAddress('network', p.network),
        service: d.operatorNetworkOptInService,
        whereRegistry: d.networkRegistry,
      }
}

const OPT_IN = 'symbiotic.optIn'
const OPT_OUT = 'symbiotic.optOut'

/** `optIn` / `optOut` of the operator→vault and operator→network services: one spec, by direction. */
function optInWriteCall(direction: Direction) {
  return defineCall({
    name: direction === 'optIn' ? OPT_IN : OPT_OUT,
    contract: 'OptInService',
    deployment: symbioticSpecDeployment,
    resolve: (p: OptInParameters, { deployment, sender }) => {
      const d = deployment as SymbioticDeployment
      const signed = p.signed
        ? {
            operator: assertAddress('signed.operator', p.signed.operator),
            deadline: assertUint48('signed.deadline', p.signed.deadline),
            signature: p.signed.signature,
          }
        : undefined
      if (signed && !/^0x[0-9a-fA-F]*$/.test(signed.signature))
        throw new InvalidParameterError({ parameter: 'signed.signature', reason: 'is not hex' })
      const operator =
        signed?.operator ?? (sender === undefined ? undefined : assertAddress('account', sender))
      return { ...resolveTarget(p, d), operator, signed, deployment: d }
    },
    call: (a) =>
      a.signed
        ? contractCall({
            address: a.service,
            abi: symbioticOptInAbi,
            functionName: direction,
            args: [a.signed.operator, a.where, Number(a.signed.deadline), a.signed.signature],
          })
        : contractCall({
            address: a.service,
            abi: symbioticOptInAbi,
            functionName: direction,
            args: [a.where],
          }),
  })
}

/** The receipt of `optIn` / `optOut`: the operator and where, from its event. */
function optInWriteReceipt(direction: Direction) {
  return defineReceipt({
    abi: symbioticOptInAbi,
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === (direction === 'optIn' ? 'OptIn' : 'OptOut'))
      return ev?.eventName === 'OptIn' || ev?.eventName === 'OptOut'
        ? { operator: ev.args.who, where: ev.args.where }
        : { operator: undefined, where: undefined }
    },
  })
}

function optInWrite(
  direction: Direction,
  call: ReturnType<typeof optInWriteCall>,
  receipt: ReturnType<typeof optInWriteReceipt>,
) {
  return defineWrite(call, {
    read: (a, { sender }) => {
      const operator = a.operator ?? sender
      return stage(
        [
          {
            address: a.deployment.operatorRegistry,
            abi: symbioticEntityRegistryAbi,
            functionName: 'isEntity',
            args: [operator],
          },
          {
            address: a.whereRegistry,
            abi: symbioticEntityRegistryAbi,
            functionName: 'isEntity',
            args: [a.where],
          },
          {
            address: a.service,
            abi: symbioticOptInAbi,
            functionName: 'isOptedIn',
            args: [operator, a.where],
          },
          { address: MULTICALL3, abi: multicallTimestampAbi, functionName: 'getCurrentBlockTimestamp' },
        ],
        ([isOperator, isWhere, optedIn, now]) => ({
          operator,
          isOperator: unwrap<boolean>(isOperator),
          isWhere: unwrap<boolean>(isWhere),
          optedIn: unwrap<boolean>(optedIn),
          now: unwrap<bigint>(now),
        }),
      )
    },
    check: (a, s) => {
      if (!s.isOperator) throw new SymbioticNotRegisteredError({ entity: 'operator', account: s.operator })
      if (!s.isWhere) throw new SymbioticNotRegisteredError({ entity: a.target, account: a.where })
      if (s.optedIn === (direction === 'optIn'))
        throw new OptInStateError({
          operator: s.operator,
          target: a.target,
          where: a.where,
          optedIn: s.optedIn,
        })
      if (a.signed && a.signed.deadline < s.now)
        throw new OptInSignatureError({
          operator: s.operator,
          reason: 'expired',
          deadline: a.signed.deadline,
        })
    },
    revert: (a, s, { sender }) =>
      symbioticAvsRevertMapper({
        sender,
        operator: s?.operator ?? a.operator,
        where: a.where,
        target: a.target,
        deadline: a.signed?.deadline,
      }),
    receipt,
  })
}

const optInCall = /* @__PURE__ */ optInWriteCall('optIn')
const optInReceipt = /* @__PURE__ */ optInWriteReceipt('optIn')
const optIn_ = /* @__PURE__ */ optInWrite('optIn', optInCall, optInReceipt)
const optOutCall = /* @__PURE__ */ optInWriteCall('optOut')
const optOutReceipt = /* @__PURE__ */ optInWriteReceipt('optOut')
const optOut_ = /* @__PURE__ */ optInWrite('optOut', optOutCall, optOutReceipt)

/** Layer 1 (pure): `optIn(where)` on the vault or network service (or the signed `optIn(who, where, deadline, signature)`). */
export const prepareOptIn = /* @__PURE__ */ prepareOf(optInCall)
/**
 * Layer 2: refuses an operator not registered, a vault/network that is not one, an operator already
 * opted in, an expired signature; simulates (a bad signature is refused there).
 */
export const simulateOptIn = /* @__PURE__ */ simulateOf(optIn_)
/** Layer 3: the same checks, then sends. */
export const optIn = /* @__PURE__ */ sendOf(optIn_)
/** Layer 4: the receipt, `operator` and `where`. */
export const waitForOptIn = /* @__PURE__ */ waitForOf({ name: OPT_IN }, optInReceipt)
/**
 * An operator or a vault/network not registered, an operator already opted in, an expired or bad
 * signature (each checked or decoded from the revert), bad parameters, the send pipeline's errors.
 */
export type OptInErrorType =
  | SymbioticNotRegisteredError
  | OptInStateError
  | OptInSignatureError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `optOut(where)` (or the signed `optOut(who, where, deadline, signature)`). */
export const prepareOptOut = /* @__PURE__ */ prepareOf(optOutCall)
/** Layer 2: refuses an operator not opted in, an expired signature (and the registration checks); simulates. */
export const simulateOptOut = /* @__PURE__ */ simulateOf(optOut_)
/** Layer 3: the same checks, then sends. */
export const optOut = /* @__PURE__ */ sendOf(optOut_)
/** Layer 4: the receipt, `operator` and `where`. */
export const waitForOptOut = /* @__PURE__ */ waitForOf({ name: OPT_OUT }, optOutReceipt)
/** As `optIn` (an operator not opted in, here), and an opt-out in the second of the last change (decoded). */
export type OptOutErrorType =
  | SymbioticNotRegisteredError
  | OptInStateError
  | OptInSignatureError
  | OptOutCooldownError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type SignOptInParameters = OptInTarget &
  SymbioticDeploymentParameter & {
    /** The signing operator (default: the wallet client's account). */
    account?: Account | Address | undefined
    /** Unix seconds after which the signature is refused (default: 7 days from the chain's time). */
    deadline?: bigint | undefined
  }

/**
 * A bad target, deadline or account (or none), the read errors, and the wallet's signing errors
 * (viem's, a refusal included).
 */
export type SignOptInErrorType =
  | InvalidAddressError
  | InvalidParameterError
  | ReadErrorType
  | SignTypedDataErrorType
export type SignOptOutErrorType = SignOptInErrorType

/** The EIP-712 `OptIn` / `OptOut` typed data the services check (`nonce` = `nonces(who, where)`). */
const optInTypes = (primaryType: 'OptIn' | 'OptOut') =>
  ({
    [primaryType]: [
      { name: 'who', type: 'address' },
      { name: 'where', type: 'address' },
      { name: 'nonce', type: 'uint256' },
      { name: 'deadline', type: 'uint48' },
    ],
  }) as const

async function signOptInOrOut(
  direction: Direction,
  client: WriteClient,
  params: SignOptInParameters,
): Promise<OptInSignature & { nonce: bigint }> {
  const d = symbioticReadDeployment(client as ReadClient, params.deployment)
  const t = resolveTarget(params, d)
  const account = params.account ?? client.account
  if (!account)
    throw new InvalidParameterError({ parameter: 'account', reason: 'the client has no account; pass one' })
  const operator = typeof account === 'string' ? assertAddress('account', account) : account.address
  const [domain, nonce, now] = await readBatch(client as ReadClient, [
    { address: t.service, abi: symbioticOptInAbi, functionName: 'eip712Domain' },
    { address: t.service, abi: symbioticOptInAbi, functionName: 'nonces', args: [operator, t.where] },
    { address: MULTICALL3, abi: multicallTimestampAbi, functionName: 'getCurrentBlockTimestamp' },
  ])
  const [, name, version, chainId, verifyingContract] =
    unwrap<readonly [Hex, string, string, bigint, Address]>(domain)
  const deadline =
    params.deadline === undefined
      ? unwrap<bigint>(now) + 7n * 86_400n
      : assertUint48('deadline', params.deadline)
  const primaryType = direction === 'optIn' ? 'OptIn' : 'OptOut'
  const n = unwrap<bigint>(nonce)
  const signature = await getAction(
    client,
    signTypedData,
    'signTypedData',
  )({
    account,
    domain: { name, version, chainId: Number(chainId), verifyingContract },
    types: optInTypes(primaryType),
    primaryType,
    message: { who: operator, where: t.where, nonce: n, deadline: Number(deadline) },
  } as never)
  return { operator, deadline, signature, nonce: n }
}

/**
 * The operator signs an opt-in to the vault or network (EIP-712, the service's domain and the
 * operator's current nonce there); pass the result as `signed` to `optIn`, sent by anyone.
 */
export function signOptIn(client: WriteClient, params: SignOptInParameters) {
  return signOptInOrOut('optIn', client, params)
}

/** The operator signs an opt-out (see `signOptIn`); pass the result as `signed` to `optOut`. */
export function signOptOut(client: WriteClient, params: SignOptInParameters) {
  return signOptInOrOut('optOut', client, params)
}

export type GetOptInParameters = OptInTarget & SymbioticDeploymentParameter & { operator: Address }
export type GetOptInErrorType = InvalidAddressError | InvalidParameterError | ReadErrorType

/** Whether the operator is opted in to the vault or network now, and its signature nonce there. */
export async function getOptIn(
  client: ReadClient,
  params: GetOptInParameters,
): Promise<{ optedIn: boolean; nonce: bigint }> {
  const d = symbioticReadDeployment(client, params.deployment)
  const t = resolveTarget(params, d)
  const operator = assertAddress('operator', params.operator)
  const [optedIn, nonce] = await readBatch(client, [
    { address: t.service, abi: symbioticOptInAbi, functionName: 'isOptedIn', args: [operator, t.where] },
    { address: t.service, abi: symbioticOptInAbi, functionName: 'nonces', args: [operator, t.where] },
  ])
  return { optedIn: unwrap<boolean>(optedIn), nonce: unwrap<bigint>(nonce) }
}
