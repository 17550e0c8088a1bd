import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { SymbioticDeployment } from '@restakekit/core/symbiotic'
import type { Address } from 'viem'
import { symbioticEntityRegistryAbi, symbioticMiddlewareServiceAbi } from '../abis.js'
import {
  SymbioticAlreadyRegisteredError,
  SymbioticAlreadySetError,
  SymbioticNotRegisteredError,
} from '../errors.js'
import { type SymbioticDeploymentParameter, sameAddress, symbioticSpecDeployment } from '../internal.js'
import { symbioticAvsRevertMapper } from '../revert.js'

/** The registry an entity registers in. */
const registryOf = (entity: 'network' | 'operator', d: SymbioticDeployment) =>
  entity === 'network' ? d.networkRegistry : d.operatorRegistry

const REGISTER_NETWORK = 'symbiotic.registerNetwork'
const REGISTER_OPERATOR = 'symbiotic.registerOperator'

/**
 * `NetworkRegistry.registerNetwork()` and `OperatorRegistry.registerOperator()`: one spec, by
 * entity. The sender registers itself.
 */
function entityRegistrationCall(entity: 'network' | 'operator') {
  const functionName = entity === 'network' ? 'registerNetwork' : 'registerOperator'
  return defineCall({
    name: entity === 'network' ? REGISTER_NETWORK : REGISTER_OPERATOR,
    contract: entity === 'network' ? 'NetworkRegistry' : 'OperatorRegistry',
    deployment: symbioticSpecDeployment,
    resolve: (_p: SymbioticDeploymentParameter, { deployment }) => ({
      deployment: deployment as SymbioticDeployment,
    }),
    call: (a) =>
      contractCall({
        address: registryOf(entity, a.deployment),
        abi: symbioticEntityRegistryAbi,
        functionName,
        args: [],
      }),
  })
}

/** The receipt of either registration (one for both). */
const entityRegistrationReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticEntityRegistryAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AddEntity')
    /** The account registered (the `AddEntity` event's entity). */
    return { entity: ev?.eventName === 'AddEntity' ? ev.args.entity : undefined }
  },
})

function entityRegistration(entity: 'network' | 'operator', call: ReturnType<typeof entityRegistrationCall>) {
  return defineWrite(call, {
    read: (a, { sender }) =>
      stage(
        [
          {
            address: registryOf(entity, a.deployment),
            abi: symbioticEntityRegistryAbi,
            functionName: 'isEntity',
            args: [sender],
          },
        ],
        ([registered]) => ({ registered: unwrap<boolean>(registered), sender }),
      ),
    check: (_a, s) => {
      if (s.registered) throw new SymbioticAlreadyRegisteredError({ entity, account: s.sender })
    },
    revert: (_a, _s, { sender }) => symbioticAvsRevertMapper({ sender }),
    receipt: entityRegistrationReceipt,
  })
}

const registerNetworkCall = /* @__PURE__ */ entityRegistrationCall('network')
const registerNetwork_ = /* @__PURE__ */ entityRegistration('network', registerNetworkCall)
const registerOperatorCall = /* @__PURE__ */ entityRegistrationCall('operator')
const registerOperator_ = /* @__PURE__ */ entityRegistration('operator', registerOperatorCall)

/** Layer 1 (pure): `NetworkRegistry.registerNetwork()` (the sender becomes a network). */
export const prepareRegisterNetwork = /* @__PURE__ */ prepareOf(registerNetworkCall)
/** Layer 2: refuses a sender already registered as a network, simulates. */
export const simulateRegisterNetwork = /* @__PURE__ */ simulateOf(registerNetwork_)
/** Layer 3: the same check, then sends. */
export const registerNetwork = /* @__PURE__ */ sendOf(registerNetwork_)
/** Layer 4: the receipt and `entity`, the network registered. */
export const waitForRegisterNetwork = /* @__PURE__ */ waitForOf(
  { name: REGISTER_NETWORK },
  entityRegistrationReceipt,
)
/** The sender already a network (checked, and `NetworkAlreadyRegistered` decoded). */
export type RegisterNetworkErrorType = SymbioticAlreadyRegisteredError | WriteErrorType

/** Layer 1 (pure): `OperatorRegistry.registerOperator()` (the sender becomes an operator). */
export const prepareRegisterOperator = /* @__PURE__ */ prepareOf(registerOperatorCall)
/** Layer 2: refuses a sender already registered as an operator, simulates. */
export const simulateRegisterOperator = /* @__PURE__ */ simulateOf(registerOperator_)
/** Layer 3: the same check, then sends. */
export const registerOperator = /* @__PURE__ */ sendOf(registerOperator_)
/** Layer 4: the receipt and `entity`, the operator registered. */
export const waitForRegisterOperator = /* @__PURE__ */ waitForOf(
  { name: REGISTER_OPERATOR },
  entityRegistrationReceipt,
)
/** The sender already an operator (checked, and `OperatorAlreadyRegistered` decoded). */
export type RegisterOperatorErrorType = SymbioticAlreadyRegisteredError | WriteErrorType

export type SetMiddlewareParameters = {
  /** The account that may slash (and distribute rewards) for the sending network. */
  middleware: Address
} & SymbioticDeploymentParameter

const SET_MIDDLEWARE = 'symbiotic.setMiddleware'
const setMiddlewareCall = /* @__PURE__ */ defineCall({
  name: SET_MIDDLEWARE,
  contract: 'NetworkMiddlewareService',
  deployment: symbioticSpecDeployment,
  resolve: (p: SetMiddlewareParameters, { deployment }) => ({
    middleware: assertAddress('middleware', p.middleware),
    deployment: deployment as SymbioticDeployment,
  }),
  call: (a) =>
    contractCall({
      address: a.deployment.networkMiddlewareService,
      abi: symbioticMiddlewareServiceAbi,
      functionName: 'setMiddleware',
      args: [a.middleware],
    }),
})
const setMiddlewareReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticMiddlewareServiceAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'SetMiddleware')
    return ev?.eventName === 'SetMiddleware'
      ? { network: ev.args.network, middleware: ev.args.middleware }
      : { network: undefined, middleware: undefined }
  },
})
const setMiddleware_ = /* @__PURE__ */ defineWrite(setMiddlewareCall, {
  read: (a, { sender }) =>
    stage(
      [
        {
          address: a.deployment.networkRegistry,
          abi: symbioticEntityRegistryAbi,
          functionName: 'isEntity',
          args: [sender],
        },
        {
          address: a.deployment.networkMiddlewareService,
          abi: symbioticMiddlewareServiceAbi,
          functionName: 'middleware',
          args: [sender],
        },
      ],
      ([network, middleware]) => ({
        network: unwrap<boolean>(network),
        middleware: unwrap<Address>(middleware),
        sender,
      }),
    ),
  check: (a, s) => {
    if (!s.network) throw new SymbioticNotRegisteredError({ entity: 'network', account: s.sender })
    if (sameAddress(s.middleware, a.middleware))
      throw new SymbioticAlreadySetError({
        setting: `The middleware of network ${s.sender}`,
        value: a.middleware,
      })
  },
  revert: (_a, _s, { sender }) =>
    symbioticAvsRevertMapper({ sender, network: sender, setting: 'The middleware' }),
  receipt: setMiddlewareReceipt,
})

/** Layer 1 (pure): `NetworkMiddlewareService.setMiddleware(middleware)`, sent by the network. */
export const prepareSetMiddleware = /* @__PURE__ */ prepareOf(setMiddlewareCall)
/** Layer 2: refuses a sender that is not a registered network, or the middleware it already has; simulates. */
export const simulateSetMiddleware = /* @__PURE__ */ simulateOf(setMiddleware_)
/** Layer 3: the same checks, then sends. */
export const setMiddleware = /* @__PURE__ */ sendOf(setMiddleware_)
/** Layer 4: the receipt, `network` and its new `middleware`. */
export const waitForSetMiddleware = /* @__PURE__ */ waitForOf({ name: SET_MIDDLEWARE }, setMiddlewareReceipt)
/** A sender that is not a network, the middleware it already has (checked and decoded), a bad address. */
export type SetMiddlewareErrorType =
  | SymbioticNotRegisteredError
  | SymbioticAlreadySetError
  | InvalidAddressError
  | WriteErrorType
