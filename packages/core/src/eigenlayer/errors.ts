import type { Address, Hex } from 'viem'
import { ArrayLengthMismatchError, RestakeKitError, WithdrawalNotReadyError } from '../errors.js'
import type { RevertMapper } from '../tx.js'

/** The strategy does not accept deposits (`StrategyManager.strategyIsWhitelistedForDeposit` is false). */
export class StrategyNotWhitelistedError extends RestakeKitError {
  override name = 'StrategyNotWhitelistedError'
  constructor(readonly strategy: Address | undefined) {
    super(`Strategy ${strategy ?? '(unknown)'} is not whitelisted for deposits.`, {
      docsPath: '/errors#strategy-not-whitelisted',
    })
  }
}

/** The staker is not delegated to any operator. */
export class NotDelegatedError extends RestakeKitError {
  override name = 'NotDelegatedError'
  constructor(readonly staker: Address | undefined) {
    super(`${staker ?? 'The staker'} is not delegated to an operator.`, {
      docsPath: '/errors#not-delegated',
    })
  }
}

/** The staker is already delegated (undelegate or redelegate first). */
export class AlreadyDelegatedError extends RestakeKitError {
  override name = 'AlreadyDelegatedError'
  constructor(
    readonly staker: Address | undefined,
    readonly operator: Address | undefined,
  ) {
    super(`${staker ?? 'The staker'} is already delegated${operator ? ` to ${operator}` : ''}.`, {
      details: ['Use `redelegate` to move to another operator, or `undelegate` first.'],
      docsPath: '/errors#already-delegated',
    })
  }
}

/** The address is not a registered EigenLayer operator. */
export class OperatorNotRegisteredError extends RestakeKitError {
  override name = 'OperatorNotRegisteredError'
  constructor(readonly operator: Address | undefined) {
    super(`${operator ?? 'The operator'} is not a registered EigenLayer operator.`, {
      docsPath: '/errors#operator-not-registered',
    })
  }
}

/** A signature's expiry has passed (the contracts require `expiry ≥ block.timestamp`). */
export class SignatureExpiredError extends RestakeKitError {
  override name = 'SignatureExpiredError'
  constructor(
    readonly expiry: bigint | undefined,
    readonly now: bigint | undefined,
  ) {
    super(
      `The signature expired${expiry === undefined ? '' : ` at ${expiry}`}${now === undefined ? '' : ` (chain time ${now})`}.`,
      {
        details: ['Ask the signer for a new signature with a later expiry.'],
        docsPath: '/errors#signature-expired',
      },
    )
  }
}

/** The approver's salt was already used. */
export class SaltSpentError extends RestakeKitError {
  override name = 'SaltSpentError'
  constructor(
    readonly approver: Address | undefined,
    readonly salt: Hex | undefined,
  ) {
    super(`Salt ${salt ?? '(unknown)'} of approver ${approver ?? '(unknown)'} is already spent.`, {
      details: ['Sign a new approval with a fresh salt (`signDelegationApproval` picks a random one).'],
      docsPath: '/errors#salt-spent',
    })
  }
}

/** The signature does not verify against the on-chain digest. */
export class InvalidSignatureError extends RestakeKitError {
  override name = 'InvalidSignatureError'
  constructor(reason?: string) {
    super(`The signature is invalid${reason ? `: ${reason}` : ''}.`, {
      docsPath: '/errors#invalid-signature',
    })
  }
}

/** Nothing left to complete: no queued withdrawals, all given ones are completed, or none is ready. */
export class NothingToCompleteError extends RestakeKitError {
  override name = 'NothingToCompleteError'
  constructor(
    readonly staker: Address | undefined,
    reason: string,
  ) {
    super(`Nothing to complete for ${staker ?? 'the staker'}: ${reason}.`, {
      docsPath: '/errors#nothing-to-complete',
    })
  }
}

/** The withdrawal root is not queued (never queued, or already completed). */
export class WithdrawalNotQueuedError extends RestakeKitError {
  override name = 'WithdrawalNotQueuedError'
  constructor(readonly root: Hex | undefined) {
    super(`Withdrawal ${root ?? '(unknown)'} is not queued (never queued or already completed).`, {
      docsPath: '/errors#withdrawal-not-queued',
    })
  }
}

/** A withdrawal asks for more shares than the staker can withdraw. */
export class InsufficientSharesError extends RestakeKitError {
  override name = 'InsufficientSharesError'
  constructor(
    readonly strategy: Address,
    readonly requested: bigint,
    readonly available: bigint,
  ) {
    super(`Cannot withdraw ${requested} shares of ${strategy}: only ${available} are withdrawable.`, {
      docsPath: '/errors#insufficient-shares',
    })
  }
}

/** Operators cannot undelegate themselves. */
export class OperatorsCannotUndelegateError extends RestakeKitError {
  override name = 'OperatorsCannotUndelegateError'
  constructor(readonly operator: Address | undefined) {
    super(`${operator ?? 'The address'} is an operator; operators cannot undelegate.`, {
      docsPath: '/errors#operators-cannot-undelegate',
    })
  }
}

/** The caller is neither the staker, its operator, nor the operator's approver. */
export class CallerCannotUndelegateError extends RestakeKitError {
  override name = 'CallerCannotUndelegateError'
  constructor(
    readonly caller: Address | undefined,
    readonly staker: Address | undefined,
  ) {
    super(`${caller ?? 'The caller'} may not undelegate ${staker ?? 'this staker'}.`, {
      docsPath: '/errors#caller-cannot-undelegate',
    })
  }
}

/** The staker already has deposits in the maximum number of strategies (32). */
export class MaxStrategiesExceededError extends RestakeKitError {
  override name = 'MaxStrategiesExceededError'
  constructor() {
    super('The staker already holds the maximum number of strategies.', {
      docsPath: '/errors#max-strategies-exceeded',
    })
  }
}

/** The staker's operator is fully slashed for the strategy (slashing factor 0). */
export class FullySlashedError extends RestakeKitError {
  override name = 'FullySlashedError'
  constructor() {
    super('The operator is fully slashed for this strategy; no shares can be added.', {
      docsPath: '/errors#fully-slashed',
    })
  }
}

/** What a revert mapper knows about the call, to fill in the typed error's fields. */
export type EigenLayerRevertContext = {
  staker?: Address | undefined
  operator?: Address | undefined
  strategy?: Address | undefined
  approver?: Address | undefined
  salt?: Hex | undefined
  expiry?: bigint | undefined
  root?: Hex | undefined
  readyAtBlock?: bigint | undefined
  caller?: Address | undefined
}

/** Decodes EigenLayer custom errors into the typed errors above (raw data kept in `cause`). */
export function eigenlayerRevertMapper(ctx: EigenLayerRevertContext = {}): RevertMapper {
  return (reason) => {
    switch (reason) {
      case 'StrategyNotWhitelisted':
        return new StrategyNotWhitelistedError(ctx.strategy)
      case 'NotActivelyDelegated':
        return new NotDelegatedError(ctx.staker)
      case 'ActivelyDelegated':
        return new AlreadyDelegatedError(ctx.staker, undefined)
      case 'OperatorNotRegistered':
        return new OperatorNotRegisteredError(ctx.operator)
      case 'SignatureExpired':
        return new SignatureExpiredError(ctx.expiry, undefined)
      case 'SaltSpent':
        return new SaltSpentError(ctx.approver, ctx.salt)
      case 'InvalidSignature':
        return new InvalidSignatureError()
      case 'WithdrawalDelayNotElapsed':
        return new WithdrawalNotReadyError({
          protocol: 'eigenlayer',
          ...(ctx.root ? { id: ctx.root } : {}),
          ...(ctx.readyAtBlock === undefined ? {} : { readyAt: { block: ctx.readyAtBlock } }),
        })
      case 'WithdrawalNotQueued':
        return new WithdrawalNotQueuedError(ctx.root)
      case 'OperatorsCannotUndelegate':
        return new OperatorsCannotUndelegateError(ctx.staker)
      case 'CallerCannotUndelegate':
        return new CallerCannotUndelegateError(ctx.caller, ctx.staker)
      case 'MaxStrategiesExceeded':
        return new MaxStrategiesExceededError()
      case 'FullySlashed':
        return new FullySlashedError()
      case 'InputArrayLengthMismatch':
        return new ArrayLengthMismatchError(['input arrays'], [])
      default:
        return undefined
    }
  }
}
