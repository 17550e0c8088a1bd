import {
  assertAddress,
  type BatchRead,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  type InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { SymbioticDeployment } from '@restakekit/core/symbiotic'
import type { Address, Hex } from 'viem'
import { symbioticDelegatorAdminAbi, symbioticEntityRegistryAbi } from '../abis.js'
import {
  ExceedsMaxNetworkLimitError,
  MissingRoleError,
  NotDelegatorNetworkError,
  SYMBIOTIC_DELEGATOR_TYPES,
  SymbioticAlreadySetError,
  type SymbioticDelegatorTypeName,
  SymbioticNotRegisteredError,
  UnsupportedByTypeError,
} from '../errors.js'
import {
  assertIdentifier,
  assertUint256,
  type SymbioticDeploymentParameter,
  sameAddress,
  subnetworkOf,
  symbioticSpecDeployment,
} from '../internal.js'
import { symbioticAvsRevertMapper } from '../revert.js'

/** The name of a delegator `TYPE()` (or `unknown type N`). */
export function delegatorTypeName(
  type: bigint | number,
): SymbioticDelegatorTypeName | `unknown type ${string}` {
  return SYMBIOTIC_DELEGATOR_TYPES[Number(type)] ?? `unknown type ${type}`
}

type Setter =
  | 'setMaxNetworkLimit'
  | 'setNetworkLimit'
  | 'setOperatorNetworkShares'
  | 'setOperatorNetworkLimit'

/** Per setter: the delegator types that have it, the role it needs, and the value it replaces. */
const SETTERS: Record<
  Setter,
  {
    types: readonly number[]
    role?: 'NETWORK_LIMIT_SET_ROLE' | 'OPERATOR_NETWORK_SHARES_SET_ROLE' | 'OPERATOR_NETWORK_LIMIT_SET_ROLE'
    current: 'maxNetworkLimit' | 'networkLimit' | 'operatorNetworkShares' | 'operatorNetworkLimit'
  }
> = {
  setMaxNetworkLimit: { types: [0, 1, 2, 3], current: 'maxNetworkLimit' },
  setNetworkLimit: { types: [0, 1, 2], role: 'NETWORK_LIMIT_SET_ROLE', current: 'networkLimit' },
  setOperatorNetworkShares: {
    types: [0],
    role: 'OPERATOR_NETWORK_SHARES_SET_ROLE',
    current: 'operatorNetworkShares',
  },
  setOperatorNetworkLimit: {
    types: [1],
    role: 'OPERATOR_NETWORK_LIMIT_SET_ROLE',
    current: 'operatorNetworkLimit',
  },
}

const SET_MAX_NETWORK_LIMIT = 'symbiotic.setMaxNetworkLimit'
const SET_NETWORK_LIMIT = 'symbiotic.setNetworkLimit'
const SET_OPERATOR_NETWORK_SHARES = 'symbiotic.setOperatorNetworkShares'
const SET_OPERATOR_NETWORK_LIMIT = 'symbiotic.setOperatorNetworkLimit'

type Resolved = {
  delegator: Address
  /** The network of the subnetwork (the sender for `setMaxNetworkLimit`). */
  network: Address | undefined
  identifier: bigint
  operator: Address | undefined
  value: bigint
  deployment: SymbioticDeployment
}

type DelegatorState = {
  type: bigint
  sender: Address
  subnetwork: Hex
  isNetwork: boolean
  current: bigint | undefined
  maxNetworkLimit: bigint | undefined
  delegatorNetwork: Address | undefined
  role: Hex | undefined
  hasRole: boolean
}

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

/** The four delegator setters: one spec, by setter (the type, role and no-op checks are the same shape). */
function delegatorSetterCall<params>(
  setter: Setter,
  name: string,
  resolveParams: (p: params, sender: Address | undefined) => Omit<Resolved, 'deployment'>,
) {
  return defineCall({
    name,
    contract: 'Delegator',
    deployment: symbioticSpecDeployment,
    resolve: (p: params, { deployment, sender }): Resolved => ({
      ...resolveParams(p, sender),
      deployment: deployment as SymbioticDeployment,
    }),
    call: (a) => {
      const address = a.delegator
      const abi = symbioticDelegatorAdminAbi
      // every setter but setMaxNetworkLimit names its network (the max one is the sender's own)
      if (setter === 'setMaxNetworkLimit' || !a.network)
        return contractCall({
          address,
          abi,
          functionName: 'setMaxNetworkLimit',
          args: [a.identifier, a.value],
        })
      const subnetwork = subnetworkOf(a.network, a.identifier)
      if (setter === 'setNetworkLimit')
        return contractCall({ address, abi, functionName: setter, args: [subnetwork, a.value] })
      return contractCall({
        address,
        abi,
        functionName: setter,
        args: [subnetwork, a.operator as Address, a.value],
      })
    },
  })
}

/** A setter's receipt: the subnetwork set and its new value, from the setter's event. */
function delegatorSetterReceipt(
  event: 'SetMaxNetworkLimit' | 'SetNetworkLimit' | 'SetOperatorNetworkShares' | 'SetOperatorNetworkLimit',
) {
  return defineReceipt({
    abi: symbioticDelegatorAdminAbi,
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === event)
      if (!ev) return { subnetwork: undefined, value: undefined }
      const args = ev.args as { subnetwork: Hex; amount?: bigint; shares?: bigint }
      /** The subnetwork set and its new value (amount or shares). */
      return { subnetwork: args.subnetwork, value: args.amount ?? args.shares }
    },
  })
}

function delegatorSetter<params>(
  setter: Setter,
  call: ReturnType<typeof delegatorSetterCall<params>>,
  receipt: ReturnType<typeof delegatorSetterReceipt>,
) {
  const rule = SETTERS[setter]
  return defineWrite(call, {
    read: (a, { sender }) => {
      const network = a.network ?? sender
      const subnetwork = subnetworkOf(network, a.identifier)
      const d = a.delegator
      const abi = symbioticDelegatorAdminAbi
      const currentArgs = a.operator ? [subnetwork, a.operator] : [subnetwork]
      const reads: BatchRead[] = [
        { address: d, abi, functionName: 'TYPE' },
        { address: d, abi, functionName: rule.current, args: currentArgs },
        { address: d, abi, functionName: 'maxNetworkLimit', args: [subnetwork] },
        { address: d, abi, functionName: 'network' },
        {
          address: a.deployment.networkRegistry,
          abi: symbioticEntityRegistryAbi,
          functionName: 'isEntity',
          args: [network],
        },
        ...(rule.role ? [{ address: d, abi, functionName: rule.role }] : []),
      ]
      return stage(reads, ([type, current, max, delegatorNetwork, isNetwork, role]) => {
        if (type?.status !== 'success')
          throw new UnsupportedByTypeError({
            contract: 'delegator',
            address: d,
            type: 'unknown type (no TYPE())',
            functionName: setter,
            supportedBy: rule.types.map((t) => SYMBIOTIC_DELEGATOR_TYPES[t]!),
          })
        const base: DelegatorState = {
          type: type.result as bigint,
          sender,
          subnetwork,
          isNetwork: unwrap<boolean>(isNetwork),
          current: ok<bigint>(current),
          maxNetworkLimit: ok<bigint>(max),
          delegatorNetwork: ok<Address>(delegatorNetwork),
          role: ok<Hex>(role),
          hasRole: false,
        }
        if (!base.role) return base
        return stage([{ address: d, abi, functionName: 'hasRole', args: [base.role, sender] }], ([has]) => ({
          ...base,
          hasRole: ok<boolean>(has) === true,
        }))
      })
    },
    check: (a, s) => {
      if (!rule.types.includes(Number(s.type)))
        throw new UnsupportedByTypeError({
          contract: 'delegator',
          address: a.delegator,
          type: delegatorTypeName(s.type),
          functionName: setter,
          supportedBy: rule.types.map((t) => SYMBIOTIC_DELEGATOR_TYPES[t]!),
        })
      const network = a.network ?? s.sender
      if (setter === 'setMaxNetworkLimit') {
        if (!s.isNetwork) throw new SymbioticNotRegisteredError({ entity: 'network', account: network })
        if (Number(s.type) === 3 && s.delegatorNetwork && !sameAddress(s.delegatorNetwork, network))
          throw new NotDelegatorNetworkError({
            delegator: a.delegator,
            network,
            delegatorNetwork: s.delegatorNetwork,
          })
      } else if (!s.hasRole) {
        throw new MissingRoleError({ contract: a.delegator, account: s.sender, role: rule.role! })
      }
      if (setter === 'setNetworkLimit' && s.maxNetworkLimit !== undefined && a.value > s.maxNetworkLimit)
        throw new ExceedsMaxNetworkLimitError({
          subnetwork: s.subnetwork,
          amount: a.value,
          maxNetworkLimit: s.maxNetworkLimit,
        })
      if (s.current === a.value)
        throw new SymbioticAlreadySetError({
          setting: `${rule.current} of ${s.subnetwork}${a.operator ? ` for ${a.operator}` : ''}`,
          value: String(a.value),
        })
    },
    revert: (a, s, { sender }) =>
      symbioticAvsRevertMapper({
        sender,
        network: a.network ?? sender,
        operator: a.operator,
        contract: a.delegator,
        subnetwork: s?.subnetwork,
        amount: a.value,
        setting: rule.current,
      }),
    receipt,
  })
}

export type SetMaxNetworkLimitParameters = {
  delegator: Address
  /** The subnetwork identifier of the sending network (default 0). */
  identifier?: bigint | number | undefined
  /** The most stake the network accepts from the vault for the subnetwork. */
  amount: bigint
} & SymbioticDeploymentParameter

/** A subnetwork: the network and its uint96 identifier (default 0). */
export type SubnetworkParameters = { network: Address; identifier?: bigint | number | undefined }

export type SetNetworkLimitParameters = SubnetworkParameters & {
  delegator: Address
  amount: bigint
} & SymbioticDeploymentParameter

export type SetOperatorNetworkSharesParameters = SubnetworkParameters & {
  delegator: Address
  operator: Address
  shares: bigint
} & SymbioticDeploymentParameter

export type SetOperatorNetworkLimitParameters = SubnetworkParameters & {
  delegator: Address
  operator: Address
  amount: bigint
} & SymbioticDeploymentParameter

const setMaxNetworkLimitCall = /* @__PURE__ */ delegatorSetterCall<SetMaxNetworkLimitParameters>(
  'setMaxNetworkLimit',
  SET_MAX_NETWORK_LIMIT,
  (p, sender) => ({
    delegator: assertAddress('delegator', p.delegator),
    network: sender === undefined ? undefined : assertAddress('account', sender),
    identifier: assertIdentifier(p.identifier),
    operator: undefined,
    value: assertUint256('amount', p.amount),
  }),
)
const setMaxNetworkLimitReceipt = /* @__PURE__ */ delegatorSetterReceipt('SetMaxNetworkLimit')
const setMaxNetworkLimit_ = /* @__PURE__ */ delegatorSetter<SetMaxNetworkLimitParameters>(
  'setMaxNetworkLimit',
  setMaxNetworkLimitCall,
  setMaxNetworkLimitReceipt,
)
const setNetworkLimitCall = /* @__PURE__ */ delegatorSetterCall<SetNetworkLimitParameters>(
  'setNetworkLimit',
  SET_NETWORK_LIMIT,
  (p) => ({
    delegator: assertAddress('delegator', p.delegator),
    network: assertAddress('network', p.network),
    identifier: assertIdentifier(p.identifier),
    operator: undefined,
    value: assertUint256('amount', p.amount),
  }),
)
const setNetworkLimitReceipt = /* @__PURE__ */ delegatorSetterReceipt('SetNetworkLimit')
const setNetworkLimit_ = /* @__PURE__ */ delegatorSetter<SetNetworkLimitParameters>(
  'setNetworkLimit',
  setNetworkLimitCall,
  setNetworkLimitReceipt,
)
const setOperatorNetworkSharesCall = /* @__PURE__ */ delegatorSetterCall<SetOperatorNetworkSharesParameters>(
  'setOperatorNetworkShares',
  SET_OPERATOR_NETWORK_SHARES,
  (p) => ({
    delegator: assertAddress('delegator', p.delegator),
    network: assertAddress('network', p.network),
    identifier: assertIdentifier(p.identifier),
    operator: assertAddress('operator', p.operator),
    value: assertUint256('shares', p.shares),
  }),
)
const setOperatorNetworkSharesReceipt = /* @__PURE__ */ delegatorSetterReceipt('SetOperatorNetworkShares')
const setOperatorNetworkShares_ = /* @__PURE__ */ delegatorSetter<SetOperatorNetworkSharesParameters>(
  'setOperatorNetworkShares',
  setOperatorNetworkSharesCall,
  setOperatorNetworkSharesReceipt,
)
const setOperatorNetworkLimitCall = /* @__PURE__ */ delegatorSetterCall<SetOperatorNetworkLimitParameters>(
  'setOperatorNetworkLimit',
  SET_OPERATOR_NETWORK_LIMIT,
  (p) => ({
    delegator: assertAddress('delegator', p.delegator),
    network: assertAddress('network', p.network),
    identifier: assertIdentifier(p.identifier),
    operator: assertAddress('operator', p.operator),
    value: assertUint256('amount', p.amount),
  }),
)
const setOperatorNetworkLimitReceipt = /* @__PURE__ */ delegatorSetterReceipt('SetOperatorNetworkLimit')
const setOperatorNetworkLimit_ = /* @__PURE__ */ delegatorSetter<SetOperatorNetworkLimitParameters>(
  'setOperatorNetworkLimit',
  setOperatorNetworkLimitCall,
  setOperatorNetworkLimitReceipt,
)

/** Layer 1 (pure): `delegator.setMaxNetworkLimit(identifier, amount)`, sent by the network (every type). */
export const prepareSetMaxNetworkLimit = /* @__PURE__ */ prepareOf(setMaxNetworkLimitCall)
/**
 * Layer 2: refuses a sender that is not a registered network, another network on an
 * OperatorNetworkSpecific delegator, the value already set; simulates.
 */
export const simulateSetMaxNetworkLimit = /* @__PURE__ */ simulateOf(setMaxNetworkLimit_)
/** Layer 3: the same checks, then sends. */
export const setMaxNetworkLimit = /* @__PURE__ */ sendOf(setMaxNetworkLimit_)
/** Layer 4: the receipt, `subnetwork` and its new `value`. */
export const waitForSetMaxNetworkLimit = /* @__PURE__ */ waitForOf(
  { name: SET_MAX_NETWORK_LIMIT },
  setMaxNetworkLimitReceipt,
)
/**
 * A delegator of no known type, a sender that is not a network, another network on an
 * OperatorNetworkSpecific delegator, the value already set (checked, and decoded from the revert),
 * bad parameters, and the send pipeline's errors.
 */
export type SetMaxNetworkLimitErrorType =
  | UnsupportedByTypeError
  | SymbioticNotRegisteredError
  | NotDelegatorNetworkError
  | SymbioticAlreadySetError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `delegator.setNetworkLimit(subnetwork, amount)` (NetworkRestake, FullRestake, OperatorSpecific). */
export const prepareSetNetworkLimit = /* @__PURE__ */ prepareOf(setNetworkLimitCall)
/**
 * Layer 2: refuses another delegator type (`UnsupportedByTypeError` naming it), a sender without
 * `NETWORK_LIMIT_SET_ROLE`, an amount above the max network limit, the value already set; simulates.
 */
export const simulateSetNetworkLimit = /* @__PURE__ */ simulateOf(setNetworkLimit_)
/** Layer 3: the same checks, then sends. */
export const setNetworkLimit = /* @__PURE__ */ sendOf(setNetworkLimit_)
/** Layer 4: the receipt, `subnetwork` and its new `value`. */
export const waitForSetNetworkLimit = /* @__PURE__ */ waitForOf(
  { name: SET_NETWORK_LIMIT },
  setNetworkLimitReceipt,
)
/**
 * Another delegator type, a sender without `NETWORK_LIMIT_SET_ROLE`, an amount above the max network
 * limit, the value already set (checked, and decoded from the revert), bad parameters.
 */
export type SetNetworkLimitErrorType =
  | UnsupportedByTypeError
  | MissingRoleError
  | ExceedsMaxNetworkLimitError
  | SymbioticAlreadySetError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `delegator.setOperatorNetworkShares(subnetwork, operator, shares)` (NetworkRestake only). */
export const prepareSetOperatorNetworkShares = /* @__PURE__ */ prepareOf(setOperatorNetworkSharesCall)
/** Layer 2: refuses another delegator type, a sender without `OPERATOR_NETWORK_SHARES_SET_ROLE`, the shares already set; simulates. */
export const simulateSetOperatorNetworkShares = /* @__PURE__ */ simulateOf(setOperatorNetworkShares_)
/** Layer 3: the same checks, then sends. */
export const setOperatorNetworkShares = /* @__PURE__ */ sendOf(setOperatorNetworkShares_)
/** Layer 4: the receipt, `subnetwork` and the operator's new `value` (shares). */
export const waitForSetOperatorNetworkShares = /* @__PURE__ */ waitForOf(
  { name: SET_OPERATOR_NETWORK_SHARES },
  setOperatorNetworkSharesReceipt,
)
/** Another delegator type, a sender without the role, the shares already set, bad parameters. */
export type SetOperatorNetworkSharesErrorType =
  | UnsupportedByTypeError
  | MissingRoleError
  | SymbioticAlreadySetError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `delegator.setOperatorNetworkLimit(subnetwork, operator, amount)` (FullRestake only). */
export const prepareSetOperatorNetworkLimit = /* @__PURE__ */ prepareOf(setOperatorNetworkLimitCall)
/** Layer 2: refuses another delegator type, a sender without `OPERATOR_NETWORK_LIMIT_SET_ROLE`, the limit already set; simulates. */
export const simulateSetOperatorNetworkLimit = /* @__PURE__ */ simulateOf(setOperatorNetworkLimit_)
/** Layer 3: the same checks, then sends. */
export const setOperatorNetworkLimit = /* @__PURE__ */ sendOf(setOperatorNetworkLimit_)
/** Layer 4: the receipt, `subnetwork` and the operator's new `value` (limit). */
export const waitForSetOperatorNetworkLimit = /* @__PURE__ */ waitForOf(
  { name: SET_OPERATOR_NETWORK_LIMIT },
  setOperatorNetworkLimitReceipt,
)
/** Another delegator type, a sender without the role, the limit already set, bad parameters. */
export type SetOperatorNetworkLimitErrorType = SetOperatorNetworkSharesErrorType
