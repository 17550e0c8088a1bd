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

/**
 * The strategy refuses the deposit: above its per-deposit or total cap (StrategyBaseTVLLimits,
 * DurationVaultStrategy), or the total share supply would exceed its maximum.
 */
export class DepositCapExceededError extends RestakeKitError {
  override name = 'DepositCapExceededError'
  constructor(
    readonly strategy: Address | undefined,
    readonly cap: 'perDeposit' | 'totalDeposits' | 'totalShares',
  ) {
    const what = {
      perDeposit: 'its per-deposit limit',
      totalDeposits: 'its total deposit limit',
      totalShares: 'its maximum total shares',
    }[cap]
    super(`The deposit exceeds ${what} (strategy ${strategy ?? '(unknown)'}).`, {
      details: ['Deposit less, or read the limits from the strategy (`maxPerDeposit`, `maxTotalDeposits`).'],
      docsPath: '/errors#deposit-cap-exceeded',
    })
  }
}

/** The deposit is so small that it mints no shares (`NewSharesZero`). */
export class DepositTooSmallError extends RestakeKitError {
  override name = 'DepositTooSmallError'
  constructor(readonly strategy: Address | undefined) {
    super(`The deposit would mint zero shares of strategy ${strategy ?? '(unknown)'}.`, {
      docsPath: '/errors#deposit-too-small',
    })
  }
}

/**
 * A DurationVaultStrategy (v1.12; not chain-tested) is locked: deposits are closed
 * (`DepositsLocked`) or withdrawals wait while its stake is allocated
 * (`WithdrawalsLockedDuringAllocations`).
 */
export class VaultLockedError extends RestakeKitError {
  override name = 'VaultLockedError'
  constructor(
    readonly strategy: Address | undefined,
    readonly locked: 'deposits' | 'withdrawals',
  ) {
    super(`Strategy ${strategy ?? '(unknown)'} is a locked duration vault: ${locked} are closed.`, {
      details: ['A duration vault opens again when its duration has elapsed.'],
      docsPath: '/errors#vault-locked',
    })
  }
}

/** A DurationVaultStrategy (v1.12; not chain-tested) takes stake only from stakers delegated to its operator. */
export class NotDelegatedToVaultOperatorError extends RestakeKitError {
  override name = 'NotDelegatedToVaultOperatorError'
  constructor(
    readonly strategy: Address | undefined,
    readonly staker: Address | undefined,
  ) {
    super(
      `${staker ?? 'The staker'} must be delegated to the vault's operator to hold shares of ${strategy ?? 'this duration vault'}.`,
      { docsPath: '/errors#not-delegated-to-vault-operator' },
    )
  }
}

/** The account already has an EigenPod (`EigenPodAlreadyExists`). */
export class PodAlreadyExistsError extends RestakeKitError {
  override name = 'PodAlreadyExistsError'
  constructor(
    readonly owner: Address | undefined,
    readonly pod?: Address | undefined,
  ) {
    super(`${owner ?? 'The account'} already has an EigenPod${pod ? ` (${pod})` : ''}.`, {
      docsPath: '/errors#pod-already-exists',
    })
  }
}

/** The function is paused on the contract (`CurrentlyPaused`). */
export class PausedError extends RestakeKitError {
  override name = 'PausedError'
  constructor(readonly contract: string | undefined) {
    super(`${contract ?? 'The contract'} has paused this function.`, {
      details: ['Wait until the protocol unpauses it.'],
      docsPath: '/errors#eigenlayer-paused',
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
  contract?: string | undefined
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
      case 'MaxPerDepositExceedsMax':
      case 'DepositExceedsMaxPerDeposit':
        return new DepositCapExceededError(ctx.strategy, 'perDeposit')
      case 'BalanceExceedsMaxTotalDeposits':
        return new DepositCapExceededError(ctx.strategy, 'totalDeposits')
      case 'TotalSharesExceedsMax':
        return new DepositCapExceededError(ctx.strategy, 'totalShares')
      case 'NewSharesZero':
        return new DepositTooSmallError(ctx.strategy)
      case 'DepositsLocked':
        return new VaultLockedError(ctx.strategy, 'deposits')
      case 'WithdrawalsLockedDuringAllocations':
        return new VaultLockedError(ctx.strategy, 'withdrawals')
      case 'MustBeDelegatedToVaultOperator':
        return new NotDelegatedToVaultOperatorError(ctx.strategy, ctx.staker)
      case 'EigenPodAlreadyExists':
        return new PodAlreadyExistsError(ctx.staker)
      case 'CurrentlyPaused':
        return new PausedError(ctx.contract)
      default:
        return undefined
    }
  }
}
