import { defineError } from '@restakekit/core'
import type { Address, Hex } from 'viem'

/** Symbiotic delegator types by their `TYPE()`: 0 NetworkRestake, 1 FullRestake, 2 OperatorSpecific, 3 OperatorNetworkSpecific. */
export const SYMBIOTIC_DELEGATOR_TYPES = [
  'NetworkRestake',
  'FullRestake',
  'OperatorSpecific',
  'OperatorNetworkSpecific',
] as const
export type SymbioticDelegatorTypeName = (typeof SYMBIOTIC_DELEGATOR_TYPES)[number]

/** Symbiotic slasher types by their `TYPE()`: 0 Slasher (instant), 1 VetoSlasher. */
export const SYMBIOTIC_SLASHER_TYPES = ['Slasher', 'VetoSlasher'] as const
export type SymbioticSlasherTypeName = (typeof SYMBIOTIC_SLASHER_TYPES)[number]

/** What a Symbiotic registry holds: networks and operators register themselves; vaults are made by the factory. */
export type SymbioticEntity = 'network' | 'operator' | 'vault'

/** The account is already a registered network (or operator). */
export class SymbioticAlreadyRegisteredError extends /* @__PURE__ */ defineError(
  'SymbioticAlreadyRegisteredError',
  {
    docsPath: '/errors#symbiotic-already-registered',
    message: (p: { entity: 'network' | 'operator'; account: Address }) =>
      `${p.account} is already a registered Symbiotic ${p.entity}.`,
  },
) {}

/** The address is not a registered network or operator, or not a vault of the VaultFactory. */
export class SymbioticNotRegisteredError extends /* @__PURE__ */ defineError('SymbioticNotRegisteredError', {
  docsPath: '/errors#symbiotic-not-registered',
  message: (p: { entity: SymbioticEntity; account: Address }) =>
    p.entity === 'vault'
      ? `${p.account} is not a vault of the Symbiotic VaultFactory.`
      : `${p.account} is not a registered Symbiotic ${p.entity}.`,
  details: (p) =>
    p.entity === 'vault'
      ? []
      : [`Register it first with \`register${p.entity === 'network' ? 'Network' : 'Operator'}\`.`],
}) {}

/** The operator is already opted in (opting in) or not opted in (opting out) to the vault or network. */
export class OptInStateError extends /* @__PURE__ */ defineError('OptInStateError', {
  docsPath: '/errors#opt-in-state',
  message: (p: { operator: Address; target: 'vault' | 'network'; where: Address; optedIn: boolean }) =>
    p.optedIn
      ? `${p.operator} is already opted in to ${p.target} ${p.where}.`
      : `${p.operator} is not opted in to ${p.target} ${p.where}.`,
}) {}

/** An opt-out in the same second as the operator's last opt-in change to that vault or network. */
export class OptOutCooldownError extends /* @__PURE__ */ defineError('OptOutCooldownError', {
  docsPath: '/errors#opt-out-cooldown',
  message: (p: { operator: Address; where: Address }) =>
    `${p.operator} changed its opt-in to ${p.where} in this very second: opt out from the next block on.`,
}) {}

/** An opt-in/opt-out signature is past its deadline, or not the operator's signature over the current nonce. */
export class OptInSignatureError extends /* @__PURE__ */ defineError('OptInSignatureError', {
  docsPath: '/errors#opt-in-signature',
  message: (p: { operator: Address; reason: 'expired' | 'invalid'; deadline: bigint }) =>
    p.reason === 'expired'
      ? `The opt-in signature of ${p.operator} expired at ${p.deadline}.`
      : `The signature is not ${p.operator}'s EIP-712 signature over its current opt-in nonce.`,
}) {}

/** The setting already has this value (Symbiotic refuses a no-op set). */
export class SymbioticAlreadySetError extends /* @__PURE__ */ defineError('SymbioticAlreadySetError', {
  docsPath: '/errors#symbiotic-already-set',
  message: (p: { setting: string; value: string }) => `${p.setting} is already ${p.value}: nothing to set.`,
}) {}

/** The call does not exist on this delegator or slasher type (e.g. `setOperatorNetworkShares` on a FullRestake delegator). */
export class UnsupportedByTypeError extends /* @__PURE__ */ defineError('UnsupportedByTypeError', {
  docsPath: '/errors#unsupported-by-type',
  message: (p: {
    contract: 'delegator' | 'slasher'
    address: Address
    type: SymbioticDelegatorTypeName | SymbioticSlasherTypeName | `unknown type ${string}`
    functionName: string
    supportedBy: readonly string[]
  }) =>
    `${p.functionName} does not exist on ${p.contract} ${p.address} (a ${p.type} ${p.contract}); only ${p.supportedBy.join(', ')} ${p.supportedBy.length > 1 ? 'have' : 'has'} it.`,
}) {}

/** A network limit above the network's max network limit for the subnetwork. */
export class ExceedsMaxNetworkLimitError extends /* @__PURE__ */ defineError('ExceedsMaxNetworkLimitError', {
  docsPath: '/errors#exceeds-max-network-limit',
  message: (p: { subnetwork: Hex; amount: bigint; maxNetworkLimit: bigint }) =>
    `A network limit of ${p.amount} exceeds the max network limit ${p.maxNetworkLimit} the network set for ${p.subnetwork}.`,
  details: () => ['The network raises its own cap with `setMaxNetworkLimit`.'],
}) {}

/** An OperatorNetworkSpecific delegator serves one network only: another network cannot set a limit on it. */
export class NotDelegatorNetworkError extends /* @__PURE__ */ defineError('NotDelegatorNetworkError', {
  docsPath: '/errors#not-delegator-network',
  message: (p: { delegator: Address; network: Address; delegatorNetwork: Address }) =>
    `Delegator ${p.delegator} serves network ${p.delegatorNetwork} only, not ${p.network}.`,
}) {}

/** The sender does not hold the AccessControl role the call needs. */
export class MissingRoleError extends /* @__PURE__ */ defineError('MissingRoleError', {
  docsPath: '/errors#missing-role',
  message: (p: { contract: Address; account: Address; role: string }) =>
    `${p.account} does not hold ${p.role} on ${p.contract}.`,
}) {}

/** Only the network's middleware (`NetworkMiddlewareService.middleware(network)`) may slash for it. */
export class NotNetworkMiddlewareError extends /* @__PURE__ */ defineError('NotNetworkMiddlewareError', {
  docsPath: '/errors#not-network-middleware',
  message: (p: { network: Address; caller: Address; middleware: Address | undefined }) =>
    p.middleware
      ? `${p.caller} is not the middleware of network ${p.network} (${p.middleware} is).`
      : `Network ${p.network} has no middleware: set one with \`setMiddleware\` before slashing.`,
}) {}

/** The capture timestamp is outside the window the slasher accepts now: `[earliest, latest]`. */
export class InvalidCaptureTimestampError extends /* @__PURE__ */ defineError(
  'InvalidCaptureTimestampError',
  {
    docsPath: '/errors#invalid-capture-timestamp',
    message: (p: { captureTimestamp: bigint; earliest: bigint; latest: bigint }) =>
      `Capture timestamp ${p.captureTimestamp} is outside the slashing window [${p.earliest}, ${p.latest}].`,
    details: () => [
      'Slasher: now - epochDuration <= capture < now. VetoSlasher requestSlash: now + vetoDuration - epochDuration <= capture < now.',
    ],
  },
) {}

/** The operator has no slashable stake left for the subnetwork at the capture timestamp. */
export class NothingToSlashError extends /* @__PURE__ */ defineError('NothingToSlashError', {
  docsPath: '/errors#nothing-to-slash',
  message: (p: { subnetwork: Hex; operator: Address; captureTimestamp: bigint }) =>
    `${p.operator} has no slashable stake in ${p.subnetwork} captured at ${p.captureTimestamp}.`,
}) {}

/** No slash request with this index. */
export class SlashRequestNotFoundError extends /* @__PURE__ */ defineError('SlashRequestNotFoundError', {
  docsPath: '/errors#slash-request-not-found',
  message: (p: { slasher: Address; slashIndex: bigint }) =>
    `VetoSlasher ${p.slasher} has no slash request ${p.slashIndex}.`,
}) {}

/** The slash request was executed or vetoed already. */
export class SlashRequestCompletedError extends /* @__PURE__ */ defineError('SlashRequestCompletedError', {
  docsPath: '/errors#slash-request-completed',
  message: (p: { slasher: Address; slashIndex: bigint }) =>
    `Slash request ${p.slashIndex} of ${p.slasher} is already completed (executed or vetoed).`,
}) {}

/** A resolver can still veto the request: it executes from `readyAt` on. */
export class VetoPeriodNotEndedError extends /* @__PURE__ */ defineError('VetoPeriodNotEndedError', {
  docsPath: '/errors#veto-period-not-ended',
  message: (p: { slasher: Address; slashIndex: bigint; readyAt: { timestamp: bigint } }) =>
    `Slash request ${p.slashIndex} of ${p.slasher} is in its veto period until ${p.readyAt.timestamp}.`,
}) {}

/** More than an epoch passed since the capture timestamp: the request can no longer execute. */
export class SlashPeriodEndedError extends /* @__PURE__ */ defineError('SlashPeriodEndedError', {
  docsPath: '/errors#slash-period-ended',
  message: (p: { slasher: Address; slashIndex: bigint; expiredAt: bigint }) =>
    `Slash request ${p.slashIndex} of ${p.slasher} expired at ${p.expiredAt} (one epoch after its capture).`,
}) {}

/** The veto deadline has passed: the request can no longer be vetoed. */
export class VetoPeriodEndedError extends /* @__PURE__ */ defineError('VetoPeriodEndedError', {
  docsPath: '/errors#veto-period-ended',
  message: (p: { slasher: Address; slashIndex: bigint; vetoDeadline: bigint }) =>
    `The veto period of slash request ${p.slashIndex} of ${p.slasher} ended at ${p.vetoDeadline}.`,
}) {}

/** Only the subnetwork's resolver at the capture timestamp may veto (`resolver` undefined: there is none). */
export class NotResolverError extends /* @__PURE__ */ defineError('NotResolverError', {
  docsPath: '/errors#not-resolver',
  message: (p: { slasher: Address; slashIndex: bigint; caller: Address; resolver: Address | undefined }) =>
    p.resolver
      ? `${p.caller} is not the resolver of slash request ${p.slashIndex} (${p.resolver} is).`
      : `Slash request ${p.slashIndex} of ${p.slasher} has no resolver: nobody can veto it.`,
}) {}

/** Every error of the Symbiotic network and operator side; `switch (error.name)` narrows it. */
export type SymbioticAvsError =
  | SymbioticAlreadyRegisteredError
  | SymbioticNotRegisteredError
  | OptInStateError
  | OptOutCooldownError
  | OptInSignatureError
  | SymbioticAlreadySetError
  | UnsupportedByTypeError
  | ExceedsMaxNetworkLimitError
  | NotDelegatorNetworkError
  | MissingRoleError
  | NotNetworkMiddlewareError
  | InvalidCaptureTimestampError
  | NothingToSlashError
  | SlashRequestNotFoundError
  | SlashRequestCompletedError
  | VetoPeriodNotEndedError
  | SlashPeriodEndedError
  | VetoPeriodEndedError
  | NotResolverError
