import { RestakeKitError } from '@restakekit/core'
import type { Address } from 'viem'

/** An operator set as the AllocationManager names it. */
export type OperatorSetRef = { avs: Address; id: number }

/** The operator metadata JSON failed validation (zod issues, one line each, in `details`). */
export class InvalidOperatorMetadataError extends RestakeKitError {
  override name = 'InvalidOperatorMetadataError' as const
  readonly issues: readonly string[]
  constructor(params: { issues: readonly string[] }) {
    super('The operator metadata is not valid EigenLayer operator metadata.', {
      details: params.issues,
      docsPath: '/errors#invalid-operator-metadata',
    })
    this.issues = params.issues
  }
}

/** The account is already an operator (or delegated: it cannot register). */
export class OperatorAlreadyRegisteredError extends RestakeKitError {
  override name = 'OperatorAlreadyRegisteredError' as const
  readonly operator: Address
  constructor(params: { operator: Address; delegatedTo?: Address | undefined }) {
    super(
      params.delegatedTo
        ? `${params.operator} is delegated to ${params.delegatedTo} and cannot register as an operator.`
        : `${params.operator} is already a registered operator.`,
      { docsPath: '/errors#operator-already-registered' },
    )
    this.operator = params.operator
  }
}

/** The operator has no allocation delay in effect yet: it cannot allocate. */
export class AllocationDelayNotSetError extends RestakeKitError {
  override name = 'AllocationDelayNotSetError' as const
  readonly operator: Address
  constructor(params: { operator: Address }) {
    super(`${params.operator} has no allocation delay in effect: it cannot allocate yet.`, {
      details: ['Set one with `setAllocationDelay`; it takes effect at the block its receipt reports.'],
      docsPath: '/errors#allocation-delay-not-set',
    })
    this.operator = params.operator
  }
}

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
export class InsufficientMagnitudeError extends RestakeKitError {
  override name = 'InsufficientMagnitudeError' as const
  readonly strategy: Address
  readonly requested: bigint
  readonly allocatable: bigint
  constructor(params: { strategy: Address; requested: bigint; allocatable: bigint }) {
    super(
      `Allocating ${params.requested} more magnitude of ${params.strategy} exceeds the ${params.allocatable} still allocatable.`,
      { docsPath: '/errors#insufficient-magnitude' },
    )
    this.strategy = params.strategy
    this.requested = params.requested
    this.allocatable = params.allocatable
  }
}

/** The new magnitude equals the current one: nothing would change. */
export class SameMagnitudeError extends RestakeKitError {
  override name = 'SameMagnitudeError' as const
  readonly strategy: Address
  readonly magnitude: bigint
  constructor(params: { strategy: Address; magnitude: bigint }) {
    super(`The allocation of ${params.strategy} is already ${params.magnitude}: nothing to modify.`, {
      docsPath: '/errors#same-magnitude',
    })
    this.strategy = params.strategy
    this.magnitude = params.magnitude
  }
}

/** The operator set does not exist (never created by the AVS). */
export class OperatorSetNotFoundError extends RestakeKitError {
  override name = 'OperatorSetNotFoundError' as const
  readonly operatorSet: OperatorSetRef
  constructor(params: { operatorSet: OperatorSetRef }) {
    super(`Operator set ${params.operatorSet.avs}/${params.operatorSet.id} does not exist.`, {
      docsPath: '/errors#operator-set-not-found',
    })
    this.operatorSet = params.operatorSet
  }
}

/** The operator set already exists. */
export class OperatorSetExistsError extends RestakeKitError {
  override name = 'OperatorSetExistsError' as const
  readonly operatorSet: OperatorSetRef
  constructor(params: { operatorSet: OperatorSetRef }) {
    super(`Operator set ${params.operatorSet.avs}/${params.operatorSet.id} already exists.`, {
      docsPath: '/errors#operator-set-exists',
    })
    this.operatorSet = params.operatorSet
  }
}

/** The operator is (or is not) a member of the operator set, against what the call needs. */
export class OperatorSetMembershipError extends RestakeKitError {
  override name = 'OperatorSetMembershipError' as const
  readonly operator: Address
  readonly operatorSet: OperatorSetRef
  readonly member: boolean
  constructor(params: { operator: Address; operatorSet: OperatorSetRef; member: boolean }) {
    const set = `${params.operatorSet.avs}/${params.operatorSet.id}`
    super(
      params.member
        ? `${params.operator} is already a member of operator set ${set}.`
        : `${params.operator} is not a member of operator set ${set}.`,
      { docsPath: '/errors#operator-set-membership' },
    )
    this.operator = params.operator
    this.operatorSet = params.operatorSet
    this.member = params.member
  }
}

/** The operator is not slashable by the operator set (not registered, nor within the deallocation window). */
export class OperatorNotSlashableError extends RestakeKitError {
  override name = 'OperatorNotSlashableError' as const
  readonly operator: Address
  readonly operatorSet: OperatorSetRef
  constructor(params: { operator: Address; operatorSet: OperatorSetRef }) {
    super(
      `${params.operator} is not slashable by operator set ${params.operatorSet.avs}/${params.operatorSet.id}.`,
      { docsPath: '/errors#operator-not-slashable' },
    )
    this.operator = params.operator
    this.operatorSet = params.operatorSet
  }
}

/** A list of addresses (strategies, operators) is not in strictly ascending order. */
export class NotAscendingError extends RestakeKitError {
  override name = 'NotAscendingError' as const
  readonly parameter: string
  readonly index: number
  constructor(params: { parameter: string; index: number; address: Address; previous: Address }) {
    super(
      `${params.parameter} must be in strictly ascending address order: entry ${params.index} (${params.address}) is not above ${params.previous}.`,
      { docsPath: '/errors#not-ascending' },
    )
    this.parameter = params.parameter
    this.index = params.index
  }
}

/** A slash fraction is outside (0, 1e18]. */
export class InvalidWadToSlashError extends RestakeKitError {
  override name = 'InvalidWadToSlashError' as const
  readonly strategy: Address
  readonly wad: bigint
  constructor(params: { strategy: Address; wad: bigint }) {
    super(`The slash of ${params.strategy} is ${params.wad}: it must be above 0 and at most 1e18 (100 %).`, {
      docsPath: '/errors#invalid-wad-to-slash',
    })
    this.strategy = params.strategy
    this.wad = params.wad
  }
}

/** A strategy is not part of the operator set. */
export class StrategyNotInOperatorSetError extends RestakeKitError {
  override name = 'StrategyNotInOperatorSetError' as const
  readonly strategy: Address
  readonly operatorSet: OperatorSetRef
  constructor(params: { strategy: Address; operatorSet: OperatorSetRef }) {
    super(
      `${params.strategy} is not a strategy of operator set ${params.operatorSet.avs}/${params.operatorSet.id}.`,
      { docsPath: '/errors#strategy-not-in-operator-set' },
    )
    this.strategy = params.strategy
    this.operatorSet = params.operatorSet
  }
}

/** The AVS has not published its metadata URI yet (needed before it creates operator sets). */
export class AvsMetadataMissingError extends RestakeKitError {
  override name = 'AvsMetadataMissingError' as const
  readonly avs: Address
  constructor(params: { avs: Address }) {
    super(`${params.avs} has no AVS metadata URI: call updateAVSMetadataURI before creating operator sets.`, {
      docsPath: '/errors#avs-metadata-missing',
    })
    this.avs = params.avs
  }
}

/** The registrar does not accept the AVS (`supportsAVS(avs)` is false or absent). */
export class InvalidAvsRegistrarError extends RestakeKitError {
  override name = 'InvalidAvsRegistrarError' as const
  readonly avs: Address
  readonly registrar: Address
  constructor(params: { avs: Address; registrar: Address }) {
    super(`${params.registrar} does not support AVS ${params.avs} (supportsAVS is not true).`, {
      docsPath: '/errors#invalid-avs-registrar',
    })
    this.avs = params.avs
    this.registrar = params.registrar
  }
}

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
export class RewardsSubmissionRuleError extends RestakeKitError {
  override name = 'RewardsSubmissionRuleError' as const
  readonly rule: RewardsSubmissionRule
  /** Index of the submission in the list. */
  readonly index: number
  constructor(params: { rule: RewardsSubmissionRule; index: number; reason: string }) {
    super(`Rewards submission ${params.index} breaks the ${params.rule} rule: ${params.reason}.`, {
      docsPath: '/errors#rewards-submission-rule',
    })
    this.rule = params.rule
    this.index = params.index
  }
}

/** The function does not exist in the release the deployment runs. */
export class NotInReleaseError extends RestakeKitError {
  override name = 'NotInReleaseError' as const
  readonly feature: string
  constructor(params: { feature: string; since: string }) {
    super(
      `${params.feature} needs EigenLayer ${params.since} or later; this deployment runs an earlier release.`,
      {
        docsPath: '/errors#not-in-release',
      },
    )
    this.feature = params.feature
  }
}

/** A strategy to add is already part of the operator set. */
export class StrategyAlreadyInOperatorSetError extends RestakeKitError {
  override name = 'StrategyAlreadyInOperatorSetError' as const
  readonly strategy: Address
  readonly operatorSet: OperatorSetRef
  constructor(params: { strategy: Address; operatorSet: OperatorSetRef }) {
    super(
      `${params.strategy} is already a strategy of operator set ${params.operatorSet.avs}/${params.operatorSet.id}.`,
      { docsPath: '/errors#strategy-already-in-operator-set' },
    )
    this.strategy = params.strategy
    this.operatorSet = params.operatorSet
  }
}

/** The sender is not an admin of the account (with no admins, only the account itself is). */
export class NotAccountAdminError extends RestakeKitError {
  override name = 'NotAccountAdminError' as const
  readonly account: Address
  readonly caller: Address
  constructor(params: { account: Address; caller: Address }) {
    super(`${params.caller} is not an admin of ${params.account} in the PermissionController.`, {
      docsPath: '/errors#not-account-admin',
    })
    this.account = params.account
    this.caller = params.caller
  }
}

/** The appointee already has (or does not have) the permission the call sets (or removes). */
export class AppointeePermissionError extends RestakeKitError {
  override name = 'AppointeePermissionError' as const
  readonly appointee: Address
  readonly target: Address
  readonly selector: `0x${string}`
  readonly appointed: boolean
  constructor(params: { appointee: Address; target: Address; selector: `0x${string}`; appointed: boolean }) {
    super(
      params.appointed
        ? `${params.appointee} may already call ${params.selector} on ${params.target}.`
        : `${params.appointee} has no permission to call ${params.selector} on ${params.target}.`,
      { docsPath: '/errors#appointee-permission' },
    )
    this.appointee = params.appointee
    this.target = params.target
    this.selector = params.selector
    this.appointed = params.appointed
  }
}

/** The operator's previous split change has not taken effect yet: a new one is refused until then. */
export class SplitPendingError extends RestakeKitError {
  override name = 'SplitPendingError' as const
  readonly operator: Address
  constructor(params: { operator: Address }) {
    super(
      `${params.operator} has a split change that has not taken effect yet; set a new one after it activates.`,
      {
        docsPath: '/errors#split-pending',
      },
    )
    this.operator = params.operator
  }
}
