import type { Address, Hex } from 'viem'
import {
  ArrayLengthMismatchError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  RestakeKitError,
  type TransactionRevertedError,
  WithdrawalNotReadyError,
} from '../errors.js'
import type { RevertMapper } from '../tx.js'

/** The strategy does not accept deposits (`StrategyManager.strategyIsWhitelistedForDeposit` is false). */
export class StrategyNotWhitelistedError extends RestakeKitError {
  override name = 'StrategyNotWhitelistedError' as const
  readonly strategy: Address | undefined
  constructor(params: { strategy?: Address | undefined } = {}) {
    super(`Strategy ${params.strategy ?? '(unknown)'} is not whitelisted for deposits.`, {
      docsPath: '/errors#strategy-not-whitelisted',
    })
    this.strategy = params.strategy
  }
}

/** The staker is not delegated to any operator. */
export class NotDelegatedError extends RestakeKitError {
  override name = 'NotDelegatedError' as const
  readonly staker: Address | undefined
  constructor(params: { staker?: Address | undefined } = {}) {
    super(`${params.staker ?? 'The staker'} is not delegated to an operator.`, {
      docsPath: '/errors#not-delegated',
    })
    this.staker = params.staker
  }
}

/** The staker is already delegated (undelegate or redelegate first). */
export class AlreadyDelegatedError extends RestakeKitError {
  override name = 'AlreadyDelegatedError' as const
  readonly staker: Address | undefined
  readonly operator: Address | undefined
  constructor(params: { staker?: Address | undefined; operator?: Address | undefined } = {}) {
    const { staker, operator } = params
    super(`${staker ?? 'The staker'} is already delegated${operator ? ` to ${operator}` : ''}.`, {
      details: ['Use `redelegate` to move to another operator, or `undelegate` first.'],
      docsPath: '/errors#already-delegated',
    })
    this.staker = staker
    this.operator = operator
  }
}

/** The address is not a registered EigenLayer operator. */
export class OperatorNotRegisteredError extends RestakeKitError {
  override name = 'OperatorNotRegisteredError' as const
  readonly operator: Address | undefined
  constructor(params: { operator?: Address | undefined } = {}) {
    super(`${params.operator ?? 'The operator'} is not a registered EigenLayer operator.`, {
      docsPath: '/errors#operator-not-registered',
    })
    this.operator = params.operator
  }
}

/** A signature's expiry has passed (the contracts require `expiry ≥ block.timestamp`). */
export class SignatureExpiredError extends RestakeKitError {
  override name = 'SignatureExpiredError' as const
  readonly expiry: bigint | undefined
  readonly now: bigint | undefined
  constructor(params: { expiry?: bigint | undefined; now?: bigint | undefined } = {}) {
    const { expiry, now } = params
    super(
      `The signature expired${expiry === undefined ? '' : ` at ${expiry}`}${now === undefined ? '' : ` (chain time ${now})`}.`,
      {
        details: ['Ask the signer for a new signature with a later expiry.'],
        docsPath: '/errors#signature-expired',
      },
    )
    this.expiry = expiry
    this.now = now
  }
}

/** The approver's salt was already used. */
export class SaltSpentError extends RestakeKitError {
  override name = 'SaltSpentError' as const
  readonly approver: Address | undefined
  readonly salt: Hex | undefined
  constructor(params: { approver?: Address | undefined; salt?: Hex | undefined } = {}) {
    const { approver, salt } = params
    super(`Salt ${salt ?? '(unknown)'} of approver ${approver ?? '(unknown)'} is already spent.`, {
      details: ['Sign a new approval with a fresh salt (`signDelegationApproval` picks a random one).'],
      docsPath: '/errors#salt-spent',
    })
    this.approver = approver
    this.salt = salt
  }
}

/** The signature does not verify against the on-chain digest. */
export class InvalidSignatureError extends RestakeKitError {
  override name = 'InvalidSignatureError' as const
  readonly reason: string | undefined
  constructor(params: { reason?: string | undefined } = {}) {
    super(`The signature is invalid${params.reason ? `: ${params.reason}` : ''}.`, {
      docsPath: '/errors#invalid-signature',
    })
    this.reason = params.reason
  }
}

/** Nothing left to complete: no queued withdrawals, all given ones are completed, or none is ready. */
export class NothingToCompleteError extends RestakeKitError {
  override name = 'NothingToCompleteError' as const
  readonly staker: Address | undefined
  readonly reason: string
  constructor(params: { staker?: Address | undefined; reason: string }) {
    super(`Nothing to complete for ${params.staker ?? 'the staker'}: ${params.reason}.`, {
      docsPath: '/errors#nothing-to-complete',
    })
    this.staker = params.staker
    this.reason = params.reason
  }
}

/** The withdrawal root is not queued (never queued, or already completed). */
export class WithdrawalNotQueuedError extends RestakeKitError {
  override name = 'WithdrawalNotQueuedError' as const
  readonly root: Hex | undefined
  constructor(params: { root?: Hex | undefined } = {}) {
    super(`Withdrawal ${params.root ?? '(unknown)'} is not queued (never queued or already completed).`, {
      docsPath: '/errors#withdrawal-not-queued',
    })
    this.root = params.root
  }
}

/** A withdrawal asks for more shares than the staker can withdraw. */
export class InsufficientSharesError extends RestakeKitError {
  override name = 'InsufficientSharesError' as const
  readonly strategy: Address
  readonly requested: bigint
  readonly available: bigint
  constructor(params: { strategy: Address; requested: bigint; available: bigint }) {
    const { strategy, requested, available } = params
    super(`Cannot withdraw ${requested} shares of ${strategy}: only ${available} are withdrawable.`, {
      docsPath: '/errors#insufficient-shares',
    })
    this.strategy = strategy
    this.requested = requested
    this.available = available
  }
}

/** Operators cannot undelegate themselves. */
export class OperatorsCannotUndelegateError extends RestakeKitError {
  override name = 'OperatorsCannotUndelegateError' as const
  readonly operator: Address | undefined
  constructor(params: { operator?: Address | undefined } = {}) {
    super(`${params.operator ?? 'The address'} is an operator; operators cannot undelegate.`, {
      docsPath: '/errors#operators-cannot-undelegate',
    })
    this.operator = params.operator
  }
}

/** The caller is neither the staker, its operator, nor the operator's approver. */
export class CallerCannotUndelegateError extends RestakeKitError {
  override name = 'CallerCannotUndelegateError' as const
  readonly caller: Address | undefined
  readonly staker: Address | undefined
  constructor(params: { caller?: Address | undefined; staker?: Address | undefined } = {}) {
    const { caller, staker } = params
    super(`${caller ?? 'The caller'} may not undelegate ${staker ?? 'this staker'}.`, {
      docsPath: '/errors#caller-cannot-undelegate',
    })
    this.caller = caller
    this.staker = staker
  }
}

/** The staker already has deposits in the maximum number of strategies (32). */
export class MaxStrategiesExceededError extends RestakeKitError {
  override name = 'MaxStrategiesExceededError' as const
  readonly staker: Address | undefined
  constructor(params: { staker?: Address | undefined } = {}) {
    super(`${params.staker ?? 'The staker'} already holds the maximum number of strategies.`, {
      docsPath: '/errors#max-strategies-exceeded',
    })
    this.staker = params.staker
  }
}

/** The staker's operator is fully slashed for the strategy (slashing factor 0). */
export class FullySlashedError extends RestakeKitError {
  override name = 'FullySlashedError' as const
  readonly strategy: Address | undefined
  constructor(params: { strategy?: Address | undefined } = {}) {
    super(
      `The operator is fully slashed for ${params.strategy ? `strategy ${params.strategy}` : 'this strategy'}; no shares can be added.`,
      { docsPath: '/errors#fully-slashed' },
    )
    this.strategy = params.strategy
  }
}

/**
 * The strategy refuses the deposit: above its per-deposit or total cap (StrategyBaseTVLLimits,
 * DurationVaultStrategy), or the total share supply would exceed its maximum.
 */
export class DepositCapExceededError extends RestakeKitError {
  override name = 'DepositCapExceededError' as const
  readonly strategy: Address | undefined
  readonly cap: 'perDeposit' | 'totalDeposits' | 'totalShares'
  constructor(params: {
    strategy?: Address | undefined
    cap: 'perDeposit' | 'totalDeposits' | 'totalShares'
  }) {
    const { strategy, cap } = params
    const what = {
      perDeposit: 'its per-deposit limit',
      totalDeposits: 'its total deposit limit',
      totalShares: 'its maximum total shares',
    }[cap]
    super(`The deposit exceeds ${what} (strategy ${strategy ?? '(unknown)'}).`, {
      details: ['Deposit less, or read the limits from the strategy (`maxPerDeposit`, `maxTotalDeposits`).'],
      docsPath: '/errors#deposit-cap-exceeded',
    })
    this.strategy = strategy
    this.cap = cap
  }
}

/** The deposit is so small that it mints no shares (`NewSharesZero`). */
export class DepositTooSmallError extends RestakeKitError {
  override name = 'DepositTooSmallError' as const
  readonly strategy: Address | undefined
  constructor(params: { strategy?: Address | undefined } = {}) {
    super(`The deposit would mint zero shares of strategy ${params.strategy ?? '(unknown)'}.`, {
      docsPath: '/errors#deposit-too-small',
    })
    this.strategy = params.strategy
  }
}

/**
 * A DurationVaultStrategy (v1.12; not chain-tested) is locked: deposits are closed
 * (`DepositsLocked`) or withdrawals wait while its stake is allocated
 * (`WithdrawalsLockedDuringAllocations`).
 */
export class VaultLockedError extends RestakeKitError {
  override name = 'VaultLockedError' as const
  readonly strategy: Address | undefined
  readonly locked: 'deposits' | 'withdrawals'
  constructor(params: { strategy?: Address | undefined; locked: 'deposits' | 'withdrawals' }) {
    const { strategy, locked } = params
    super(`Strategy ${strategy ?? '(unknown)'} is a locked duration vault: ${locked} are closed.`, {
      details: ['A duration vault opens again when its duration has elapsed.'],
      docsPath: '/errors#vault-locked',
    })
    this.strategy = strategy
    this.locked = locked
  }
}

/** A DurationVaultStrategy (v1.12; not chain-tested) takes stake only from stakers delegated to its operator. */
export class NotDelegatedToVaultOperatorError extends RestakeKitError {
  override name = 'NotDelegatedToVaultOperatorError' as const
  readonly strategy: Address | undefined
  readonly staker: Address | undefined
  constructor(params: { strategy?: Address | undefined; staker?: Address | undefined } = {}) {
    const { strategy, staker } = params
    super(
      `${staker ?? 'The staker'} must be delegated to the vault's operator to hold shares of ${strategy ?? 'this duration vault'}.`,
      { docsPath: '/errors#not-delegated-to-vault-operator' },
    )
    this.strategy = strategy
    this.staker = staker
  }
}

/** The account already has an EigenPod (`EigenPodAlreadyExists`). */
export class PodAlreadyExistsError extends RestakeKitError {
  override name = 'PodAlreadyExistsError' as const
  readonly owner: Address | undefined
  readonly pod: Address | undefined
  constructor(params: { owner?: Address | undefined; pod?: Address | undefined } = {}) {
    const { owner, pod } = params
    super(`${owner ?? 'The account'} already has an EigenPod${pod ? ` (${pod})` : ''}.`, {
      docsPath: '/errors#pod-already-exists',
    })
    this.owner = owner
    this.pod = pod
  }
}

/** The function is paused on the contract (`CurrentlyPaused`). */
export class PausedError extends RestakeKitError {
  override name = 'PausedError' as const
  readonly contract: string | undefined
  constructor(params: { contract?: string | undefined } = {}) {
    super(`${params.contract ?? 'The contract'} has paused this function.`, {
      details: ['Wait until the protocol unpauses it.'],
      docsPath: '/errors#eigenlayer-paused',
    })
    this.contract = params.contract
  }
}

/**
 * The deployment's EigenLayer release does not have what the action needs (probed from chain:
 * `getRelease`). Thrown before anything is sent. `needs` names the releases that do, `instead`
 * what to use on this one, if anything.
 */
export class UnsupportedReleaseError extends RestakeKitError {
  override name = 'UnsupportedReleaseError' as const
  readonly action: string
  /** The release family the deployment runs (`getRelease().family`). */
  readonly release: string
  /** The release families that have what the action needs, e.g. `v1.3+`. */
  readonly needs: string
  readonly instead: string | undefined
  constructor(params: { action: string; release: string; needs: string; instead?: string | undefined }) {
    const { action, release, needs, instead } = params
    super(`${action} needs EigenLayer ${needs}; this deployment runs ${release}.`, {
      details: instead ? [instead] : [],
      docsPath: '/errors#unsupported-release',
    })
    this.action = action
    this.release = release
    this.needs = needs
    this.instead = instead
  }
}

/**
 * The typed errors of the EigenLayer actions, for a `switch (error.name)` that narrows: EigenLayer's
 * own and the shared `WithdrawalNotReadyError` and `TransactionRevertedError`. The shared
 * validation, balance and step errors (`InvalidParameterError`, `InsufficientBalanceError`,
 * `StepFailedError`, …) are left out while their `name` is typed `string`, since one such member
 * would stop the union from narrowing; each action's `XErrorType` lists them.
 */
export type EigenLayerError =
  | StrategyNotWhitelistedError
  | NotDelegatedError
  | AlreadyDelegatedError
  | OperatorNotRegisteredError
  | SignatureExpiredError
  | SaltSpentError
  | InvalidSignatureError
  | NothingToCompleteError
  | WithdrawalNotQueuedError
  | InsufficientSharesError
  | OperatorsCannotUndelegateError
  | CallerCannotUndelegateError
  | MaxStrategiesExceededError
  | FullySlashedError
  | DepositCapExceededError
  | DepositTooSmallError
  | VaultLockedError
  | NotDelegatedToVaultOperatorError
  | PodAlreadyExistsError
  | PausedError
  | UnsupportedReleaseError
  | WithdrawalNotReadyError
  | TransactionRevertedError

/** What a revert mapper knows about the call, to fill in the typed error's fields. */
export type EigenLayerRevertContext = {
  staker?: Address | undefined
  operator?: Address | undefined
  strategy?: Address | undefined
  approver?: Address | undefined
  salt?: Hex | undefined
  expiry?: bigint | undefined
  root?: Hex | undefined
  /** When the withdrawal becomes ready (a `WithdrawalDelayNotElapsed` revert names it). */
  readyAt?: { block: bigint } | undefined
  caller?: Address | undefined
  contract?: string | undefined
}

/**
 * A revert table: a custom error's name → its typed error, filled in from the call's context. One
 * table per contract's error group (`smErrors`, `dmErrors`, `podManagerErrors` in `abis.ts`): a
 * write maps through the tables of the contract it calls, so its bundle carries only the error
 * classes that call can raise (a table nobody imports is dropped with its classes).
 */
export type EigenLayerRevertTable = Readonly<
  Record<string, (ctx: EigenLayerRevertContext, reason: string) => RestakeKitError>
>

const paused = (c: EigenLayerRevertContext) => new PausedError({ contract: c.contract })
const signatureExpired = (c: EigenLayerRevertContext) => new SignatureExpiredError({ expiry: c.expiry })
const invalidSignature = () => new InvalidSignatureError()
const vaultOperator = (c: EigenLayerRevertContext) =>
  new NotDelegatedToVaultOperatorError({ strategy: c.strategy, staker: c.staker })
// input the contracts refuse that the SDK's own checks normally catch first
const sharesZero = () =>
  new InvalidAmountError({ parameter: 'shares', value: 0n, reason: 'is zero (SharesAmountZero)' })
const sharesTooHigh = (c: EigenLayerRevertContext, reason: string) =>
  new InvalidParameterError({
    parameter: 'shares',
    reason: `more than the staker's deposit shares${c.strategy ? ` in ${c.strategy}` : ''} (${reason})`,
  })
const addressZero = (_c: EigenLayerRevertContext, reason: string) =>
  new InvalidAddressError({
    parameter: 'address',
    value: '0x0000000000000000000000000000000000000000',
    reason: `is the zero address (${reason})`,
  })

/** The StrategyManager's errors and those of the strategy a deposit reaches (`smErrors`). */
export const strategyManagerReverts: EigenLayerRevertTable = {
  StrategyNotWhitelisted: (c) => new StrategyNotWhitelistedError({ strategy: c.strategy }),
  MaxStrategiesExceeded: (c) => new MaxStrategiesExceededError({ staker: c.staker }),
  SharesAmountZero: sharesZero,
  SharesAmountTooHigh: sharesTooHigh,
  StakerAddressZero: addressZero,
  SignatureExpired: signatureExpired,
  InvalidSignature: invalidSignature,
  CurrentlyPaused: paused,
  BalanceExceedsMaxTotalDeposits: (c) =>
    new DepositCapExceededError({ strategy: c.strategy, cap: 'totalDeposits' }),
  MaxPerDepositExceedsMax: (c) => new DepositCapExceededError({ strategy: c.strategy, cap: 'perDeposit' }),
  DepositExceedsMaxPerDeposit: (c) =>
    new DepositCapExceededError({ strategy: c.strategy, cap: 'perDeposit' }),
  TotalSharesExceedsMax: (c) => new DepositCapExceededError({ strategy: c.strategy, cap: 'totalShares' }),
  NewSharesZero: (c) => new DepositTooSmallError({ strategy: c.strategy }),
  OnlyUnderlyingToken: (c) =>
    new InvalidParameterError({
      parameter: 'token',
      reason: `is not the underlying token of the strategy${c.strategy ? ` ${c.strategy}` : ''} (OnlyUnderlyingToken)`,
    }),
  InputAddressZero: addressZero,
  DepositsLocked: (c) => new VaultLockedError({ strategy: c.strategy, locked: 'deposits' }),
  MustBeDelegatedToVaultOperator: vaultOperator,
}

/** The DelegationManager's errors and those of the StrategyManager and strategy a withdrawal reaches (`dmErrors`). */
export const delegationManagerReverts: EigenLayerRevertTable = {
  ActivelyDelegated: (c) => new AlreadyDelegatedError({ staker: c.staker }),
  NotActivelyDelegated: (c) => new NotDelegatedError({ staker: c.staker }),
  OperatorNotRegistered: (c) => new OperatorNotRegisteredError({ operator: c.operator }),
  OperatorsCannotUndelegate: (c) => new OperatorsCannotUndelegateError({ operator: c.staker }),
  CallerCannotUndelegate: (c) => new CallerCannotUndelegateError({ caller: c.caller, staker: c.staker }),
  WithdrawalNotQueued: (c) => new WithdrawalNotQueuedError({ root: c.root }),
  WithdrawalDelayNotElapsed: (c) =>
    new WithdrawalNotReadyError({
      protocol: 'eigenlayer',
      ...(c.root ? { id: c.root } : {}),
      ...(c.readyAt === undefined ? {} : { readyAt: c.readyAt }),
    }),
  WithdrawerNotCaller: () =>
    new InvalidParameterError({
      parameter: 'account',
      reason: "only the withdrawal's withdrawer (the staker) can complete it (WithdrawerNotCaller)",
    }),
  SaltSpent: (c) => new SaltSpentError({ approver: c.approver, salt: c.salt }),
  SignatureExpired: signatureExpired,
  InvalidSignature: invalidSignature,
  FullySlashed: (c) => new FullySlashedError({ strategy: c.strategy }),
  InputArrayLengthMismatch: () => new ArrayLengthMismatchError({ names: ['input arrays'], lengths: [] }),
  InputArrayLengthZero: () =>
    new InvalidParameterError({
      parameter: 'strategies',
      reason: 'must not be empty (InputArrayLengthZero)',
    }),
  InputAddressZero: addressZero,
  CurrentlyPaused: paused,
  SharesAmountZero: sharesZero,
  SharesAmountTooHigh: sharesTooHigh,
  StrategyNotFound: sharesTooHigh,
  WithdrawalAmountExceedsTotalDeposits: (c, reason) =>
    new InvalidParameterError({
      parameter: 'shares',
      reason: `more than the strategy${c.strategy ? ` ${c.strategy}` : ''} holds (${reason})`,
    }),
  WithdrawalsLockedDuringAllocations: (c) =>
    new VaultLockedError({ strategy: c.strategy, locked: 'withdrawals' }),
  MustBeDelegatedToVaultOperator: vaultOperator,
}

/** The EigenPodManager's errors (`podManagerErrors`). */
export const eigenPodManagerReverts: EigenLayerRevertTable = {
  EigenPodAlreadyExists: (c) => new PodAlreadyExistsError({ owner: c.staker }),
  CurrentlyPaused: paused,
}

/** The RewardsCoordinator errors the EigenLayer-wide mapping types (the claim path adds its own). */
export const rewardsCoordinatorReverts: EigenLayerRevertTable = {
  InputArrayLengthMismatch: () => new ArrayLengthMismatchError({ names: ['input arrays'], lengths: [] }),
  CurrentlyPaused: paused,
}

/**
 * Decodes custom errors through the given tables (the first that names the error wins) into typed
 * errors; an error no table names stays the generic `ContractRevertError` (raw data kept in `cause`).
 */
export function eigenlayerReverts(
  tables: readonly EigenLayerRevertTable[],
  ctx: EigenLayerRevertContext = {},
): RevertMapper {
  return (reason) => {
    for (const table of tables) if (Object.hasOwn(table, reason)) return table[reason]!(ctx, reason)
    return undefined
  }
}

/**
 * Decodes every EigenLayer custom error the staker ABIs carry into the typed errors above (all the
 * tables: a bundle that imports this carries every class; the writes use `eigenlayerReverts`).
 */
export function eigenlayerRevertMapper(ctx: EigenLayerRevertContext = {}): RevertMapper {
  return eigenlayerReverts(
    [strategyManagerReverts, delegationManagerReverts, eigenPodManagerReverts, rewardsCoordinatorReverts],
    ctx,
  )
}
