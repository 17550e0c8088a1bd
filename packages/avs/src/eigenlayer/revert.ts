import {
  delegationManagerReverts,
  eigenlayerReverts,
  OperatorNotRegisteredError,
  RestakeKitError,
  type RevertMapper,
  rewardsCoordinatorReverts,
  StrategyNotWhitelistedError,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  AllocationDelayNotSetError,
  AllocationPendingError,
  AvsMetadataMissingError,
  InsufficientMagnitudeError,
  InvalidAvsRegistrarError,
  InvalidWadToSlashError,
  NotAscendingError,
  OperatorAlreadyRegisteredError,
  OperatorNotSlashableError,
  OperatorSetMembershipError,
  OperatorSetNotFoundError,
  type OperatorSetRef,
  RewardsSubmissionRuleError,
  SameMagnitudeError,
  SplitPendingError,
  StrategyAlreadyInOperatorSetError,
  StrategyNotInOperatorSetError,
} from './errors.js'

/** The caller may not act for the subject (not itself, nor an appointee in the PermissionController). */
export class UnauthorizedCallerError extends RestakeKitError {
  override name = 'UnauthorizedCallerError' as const
  readonly caller: Address | undefined
  readonly subject: Address | undefined
  constructor(params: { caller?: Address | undefined; subject?: Address | undefined }) {
    super(
      `${params.caller ?? 'The sender'} may not act for ${params.subject ?? 'this operator or AVS'}: it is neither the account nor one of its PermissionController appointees for this function.`,
      { docsPath: '/errors#unauthorized-caller' },
    )
    this.caller = params.caller
    this.subject = params.subject
  }
}

/** What the mapper knows to fill in the typed errors (a revert the checks did not foresee). */
export type AvsRevertContext = {
  caller?: Address | undefined
  subject?: Address | undefined
  operator?: Address | undefined
  avs?: Address | undefined
  operatorSet?: OperatorSetRef | undefined
  strategy?: Address | undefined
  registrar?: Address | undefined
  contract?: string | undefined
}

const unknownAddress = '0x0000000000000000000000000000000000000000' as Address

/** Maps AllocationManager, DelegationManager and RewardsCoordinator reverts to typed errors. */
export function avsRevertMapper(ctx: AvsRevertContext = {}): RevertMapper {
  // the staker-side tables of the contracts the operator and AVS calls reach (not the
  // StrategyManager's or the EigenPodManager's: a bundle of one AVS write carries only these)
  const core = eigenlayerReverts([delegationManagerReverts, rewardsCoordinatorReverts], {
    operator: ctx.operator,
    strategy: ctx.strategy,
    contract: ctx.contract,
  })
  const set = ctx.operatorSet ?? { avs: ctx.avs ?? unknownAddress, id: 0 }
  const operator = ctx.operator ?? unknownAddress
  const strategy = ctx.strategy ?? unknownAddress
  return (reason, args) => {
    switch (reason) {
      case 'InvalidPermissions':
      case 'InvalidCaller':
        return new UnauthorizedCallerError({ caller: ctx.caller, subject: ctx.subject })
      case 'ActivelyDelegated':
        return new OperatorAlreadyRegisteredError({ operator })
      case 'OperatorNotRegistered':
      case 'InvalidOperator':
        return new OperatorNotRegisteredError({ operator: ctx.operator })
      case 'UninitializedAllocationDelay':
        return new AllocationDelayNotSetError({ operator })
      case 'ModificationAlreadyPending':
        return new AllocationPendingError({ operator, operatorSet: set, strategy, effectBlock: 0n })
      case 'InsufficientMagnitude':
        return new InsufficientMagnitudeError({ strategy, requested: 0n, allocatable: 0n })
      case 'SameMagnitude':
        return new SameMagnitudeError({ strategy, magnitude: 0n })
      case 'InvalidOperatorSet':
        return new OperatorSetNotFoundError({ operatorSet: set })
      case 'AlreadyMemberOfSet':
        return new OperatorSetMembershipError({ operator, operatorSet: set, member: true })
      case 'NotMemberOfSet':
        return new OperatorSetMembershipError({ operator, operatorSet: set, member: false })
      case 'OperatorNotSlashable':
        return new OperatorNotSlashableError({ operator, operatorSet: set })
      case 'InvalidWadToSlash':
        return new InvalidWadToSlashError({ strategy, wad: 0n })
      case 'StrategiesMustBeInAscendingOrder':
      case 'StrategiesNotInAscendingOrder':
        return new NotAscendingError({
          parameter: 'strategies',
          index: -1,
          address: strategy,
          previous: strategy,
        })
      case 'OperatorsNotInAscendingOrder':
        return new NotAscendingError({
          parameter: 'operatorRewards',
          index: -1,
          address: operator,
          previous: operator,
        })
      case 'PreviousSplitPending':
        return new SplitPendingError({ operator })
      case 'StrategyAlreadyInOperatorSet':
        return new StrategyAlreadyInOperatorSetError({ strategy, operatorSet: set })
      case 'StrategyNotInOperatorSet':
        return new StrategyNotInOperatorSetError({ strategy, operatorSet: set })
      case 'NonexistentAVSMetadata':
      case 'InvalidAVSWithNoMetadataRegistered':
        return new AvsMetadataMissingError({ avs: ctx.avs ?? unknownAddress })
      case 'InvalidAVSRegistrar':
        return new InvalidAvsRegistrarError({
          avs: ctx.avs ?? unknownAddress,
          registrar: ctx.registrar ?? unknownAddress,
        })
      case 'StrategyNotWhitelisted':
        return new StrategyNotWhitelistedError({ strategy: ctx.strategy })
      case 'DurationExceedsMax':
        return new RewardsSubmissionRuleError({
          rule: 'durationExceedsMax',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'InvalidDurationRemainder':
        return new RewardsSubmissionRuleError({
          rule: 'durationRemainder',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'DurationIsZero':
        return new RewardsSubmissionRuleError({
          rule: 'durationZero',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'InvalidStartTimestampRemainder':
        return new RewardsSubmissionRuleError({
          rule: 'startRemainder',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'StartTimestampTooFarInPast':
        return new RewardsSubmissionRuleError({
          rule: 'startTooFarInPast',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'StartTimestampTooFarInFuture':
        return new RewardsSubmissionRuleError({
          rule: 'startTooFarInFuture',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'SubmissionNotRetroactive':
        return new RewardsSubmissionRuleError({
          rule: 'notRetroactive',
          index: -1,
          reason: 'reverted on chain',
        })
      case 'AmountExceedsMax':
        return new RewardsSubmissionRuleError({
          rule: 'amountExceedsMax',
          index: -1,
          reason: 'reverted on chain',
        })
      default:
        return core(reason, args)
    }
  }
}
