import { defineError, RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/** An operator set as the AllocationManager names it. */
export type OperatorSetRef = { avs: Address; id: number }

const setName = (s: OperatorSetRef) => `${s.avs}/${s.id}`

/** The operator metadata JSON failed validation (zod issues, one line each, in `details`). */
export class InvalidOperatorMetadataError extends /* @__PURE__ */ defineError(
  'InvalidOperatorMetadataError',
  {
    docsPath: '/errors#invalid-operator-metadata',
    message: (_: { issues: readonly string[] }) =>
      'The operator metadata is not valid EigenLayer operator metadata.',
    details: (p) => p.issues,
  },
) {}

/** The account is already an operator (or delegated: it cannot register). */
export class OperatorAlreadyRegisteredError extends /* @__PURE__ */ defineError(
  'OperatorAlreadyRegisteredError',
  {
    docsPath: '/errors#operator-already-registered',
    message: (p: { operator: Address; delegatedTo?: Address | undefined }) =>
      p.delegatedTo
        ? `${p.operator} is delegated to ${p.delegatedTo} and cannot register as an operator.`
        : `${p.operator} is already a registered operator.`,
  },
) {}

/** The operator has no allocation delay in effect yet: it cannot allocate. */
export class AllocationDelayNotSetError extends /* @__PURE__ */ defineError('AllocationDelayNotSetError', {
  docsPath: '/errors#allocation-delay-not-set',
  message: (p: { operator: Address }) =>
    `${p.operator} has no allocation delay in effect: it cannot allocate yet.`,
  details: () => ['Set one with `setAllocationDelay`; it takes effect at the block its receipt reports.'],
}) {}

/** A strategy of the operator set already has a pending allocation change. */
export class AllocationPendingError extends RestakeKitError {
  override name = 'AllocationPendingError' as const
  readonly operator: Address
  readonly operatorSet: OperatorSetRef
  readonly strategy: Address
  /** The block the pending change takes effect in (a new one can be made from then on). */
  readonly readyAt: { block: bigint }
  constructor(params: {
    operator: Address
    operatorSet: OperatorSetRef
    strategy: Address
    effectBlock: bigint
  }) {
    super(
      `${params.operator} already has a pending allocation change of ${params.strategy} in operator set ${params.operatorSet.avs}/${params.operatorSet.id}.`,
      {
        details: [`It takes effect in block ${params.effectBlock}; modify it again from then on.`],
        docsPath: '/errors#allocation-pending',
      },
    )
    this.operator = params.operator
    this.operatorSet = params.operatorSet
    this.strategy = params.strategy
    this.readyAt = { block: params.effectBlock }
  }
}

/** An allocation asks for more magnitude than the operator has free in the strategy. */
export class InsufficientMagnitudeError extends /* @__PURE__ */ defineError('InsufficientMagnitudeError', {
  docsPath: '/errors#insufficient-magnitude',
  message: (p: { strategy: Address; requested: bigint; allocatable: bigint }) =>
    `Allocating ${p.requested} more magnitude of ${p.strategy} exceeds the ${p.allocatable} still allocatable.`,
}) {}

/** The new magnitude equals the current one: nothing would change. */
export class SameMagnitudeError extends /* @__PURE__ */ defineError('SameMagnitudeError', {
  docsPath: '/errors#same-magnitude',
  message: (p: { strategy: Address; magnitude: bigint }) =>
    `The allocation of ${p.strategy} is already ${p.magnitude}: nothing to modify.`,
}) {}

/** The operator set does not exist (never created by the AVS). */
export class OperatorSetNotFoundError extends /* @__PURE__ */ defineError('OperatorSetNotFoundError', {
  docsPath: '/errors#operator-set-not-found',
  message: (p: { operatorSet: OperatorSetRef }) => `Operator set ${setName(p.operatorSet)} does not exist.`,
}) {}

/** The operator set already exists. */
export class OperatorSetExistsError extends /* @__PURE__ */ defineError('OperatorSetExistsError', {
  docsPath: '/errors#operator-set-exists',
  message: (p: { operatorSet: OperatorSetRef }) => `Operator set ${setName(p.operatorSet)} already exists.`,
}) {}

/** The operator is (or is not) a member of the operator set, against what the call needs. */
export class OperatorSetMembershipError extends /* @__PURE__ */ defineError('OperatorSetMembershipError', {
  docsPath: '/errors#operator-set-membership',
  message: (p: { operator: Address; operatorSet: OperatorSetRef; member: boolean }) =>
    p.member
      ? `${p.operator} is already a member of operator set ${setName(p.operatorSet)}.`
      : `${p.operator} is not a member of operator set ${setName(p.operatorSet)}.`,
}) {}

/** The operator is not slashable by the operator set (not registered, nor within the deallocation window). */
export class OperatorNotSlashableError extends /* @__PURE__ */ defineError('OperatorNotSlashableError', {
  docsPath: '/errors#operator-not-slashable',
  message: (p: { operator: Address; operatorSet: OperatorSetRef }) =>
    `${p.operator} is not slashable by operator set ${setName(p.operatorSet)}.`,
}) {}

/** A list of addresses (strategies, operators) is not in strictly ascending order. */
export class NotAscendingError extends /* @__PURE__ */ defineError('NotAscendingError', {
  docsPath: '/errors#not-ascending',
  message: (p: { parameter: string; index: number; address: Address; previous: Address }) =>
    `${p.parameter} must be in strictly ascending address order: entry ${p.index} (${p.address}) is not above ${p.previous}.`,
}) {}

/** A slash fraction is outside (0, 1e18]. */
export class InvalidWadToSlashError extends /* @__PURE__ */ defineError('InvalidWadToSlashError', {
  docsPath: '/errors#invalid-wad-to-slash',
  message: (p: { strategy: Address; wad: bigint }) =>
    `The slash of ${p.strategy} is ${p.wad}: it must be above 0 and at most 1e18 (100 %).`,
}) {}

/** A strategy is not part of the operator set. */
export class StrategyNotInOperatorSetError extends /* @__PURE__ */ defineError(
  'StrategyNotInOperatorSetError',
  {
    docsPath: '/errors#strategy-not-in-operator-set',
    message: (p: { strategy: Address; operatorSet: OperatorSetRef }) =>
      `${p.strategy} is not a strategy of operator set ${setName(p.operatorSet)}.`,
  },
) {}

/** A strategy to add is already part of the operator set. */
export class StrategyAlreadyInOperatorSetError extends /* @__PURE__ */ defineError(
  'StrategyAlreadyInOperatorSetError',
  {
    docsPath: '/errors#strategy-already-in-operator-set',
    message: (p: { strategy: Address; operatorSet: OperatorSetRef }) =>
      `${p.strategy} is already a strategy of operator set ${setName(p.operatorSet)}.`,
  },
) {}

/** The AVS has not published its metadata URI yet (needed before it creates operator sets). */
export class AvsMetadataMissingError extends /* @__PURE__ */ defineError('AvsMetadataMissingError', {
  docsPath: '/errors#avs-metadata-missing',
  message: (p: { avs: Address }) =>
    `${p.avs} has no AVS metadata URI: call updateAVSMetadataURI before creating operator sets.`,
}) {}

/** The registrar does not accept the AVS (`supportsAVS(avs)` is false or absent). */
export class InvalidAvsRegistrarError extends /* @__PURE__ */ defineError('InvalidAvsRegistrarError', {
  docsPath: '/errors#invalid-avs-registrar',
  message: (p: { avs: Address; registrar: Address }) =>
    `${p.registrar} does not support AVS ${p.avs} (supportsAVS is not true).`,
}) {}

/** Which rewards-submission rule a submission breaks. */
export type RewardsSubmissionRule =
  | 'durationRemainder'
  | 'durationExceedsMax'
  | 'durationZero'
  | 'startRemainder'
  | 'startTooFarInPast'
  | 'startTooFarInFuture'
  | 'notRetroactive'
  | 'amountExceedsMax'
  | 'strategiesEmpty'
  | 'operatorRewardsEmpty'

/** A rewards submission breaks one of the RewardsCoordinator's timing or amount rules (limits read from chain). */
export class RewardsSubmissionRuleError extends /* @__PURE__ */ defineError('RewardsSubmissionRuleError', {
  docsPath: '/errors#rewards-submission-rule',
  /** `index`: the submission's index in the list. */
  message: (p: { rule: RewardsSubmissionRule; index: number; reason: string }) =>
    `Rewards submission ${p.index} breaks the ${p.rule} rule: ${p.reason}.`,
}) {}

/** The function does not exist in the release the deployment runs. */
export class NotInReleaseError extends /* @__PURE__ */ defineError('NotInReleaseError', {
  docsPath: '/errors#not-in-release',
  message: (p: { feature: string; since: string }) =>
    `${p.feature} needs EigenLayer ${p.since} or later; this deployment runs an earlier release.`,
}) {}

/** The sender is not an admin of the account (with no admins, only the account itself is). */
export class NotAccountAdminError extends /* @__PURE__ */ defineError('NotAccountAdminError', {
  docsPath: '/errors#not-account-admin',
  message: (p: { account: Address; caller: Address }) =>
    `${p.caller} is not an admin of ${p.account} in the PermissionController.`,
}) {}

/** The appointee already has (or does not have) the permission the call sets (or removes). */
export class AppointeePermissionError extends /* @__PURE__ */ defineError('AppointeePermissionError', {
  docsPath: '/errors#appointee-permission',
  message: (p: { appointee: Address; target: Address; selector: `0x${string}`; appointed: boolean }) =>
    p.appointed
      ? `${p.appointee} may already call ${p.selector} on ${p.target}.`
      : `${p.appointee} has no permission to call ${p.selector} on ${p.target}.`,
}) {}

/** The operator's previous split change has not taken effect yet: a new one is refused until then. */
export class SplitPendingError extends /* @__PURE__ */ defineError('SplitPendingError', {
  docsPath: '/errors#split-pending',
  message: (p: { operator: Address }) =>
    `${p.operator} has a split change that has not taken effect yet; set a new one after it activates.`,
}) {}
