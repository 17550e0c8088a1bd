import type { Address } from 'viem'
import { RestakeKitError, WithdrawalNotReadyError } from '../errors.js'
import { erc20RevertMapper, type RevertMapper } from '../kit/revert.js'

/**
 * Symbiotic-specific failures a user can act on. Each is checked before sending where it can be,
 * and decoded from a revert otherwise. Constructors take one object; `name` is a literal type, so a
 * `switch (error.name)` over `SymbioticError` narrows. A bucket claimed too early is the shared
 * `WithdrawalNotReadyError` (with `readyAt: { timestamp }`), not a Symbiotic class.
 */

/** The address is not a Symbiotic vault (not an entity of the VaultFactory, or not answering the vault interface). */
export class SymbioticVaultNotFoundError extends RestakeKitError {
  override name = 'SymbioticVaultNotFoundError' as const
  readonly vault: Address
  constructor(params: { vault: Address }) {
    super(`${params.vault} is not a Symbiotic vault.`, {
      details: ['It is not an entity of the VaultFactory, or it does not answer the vault interface.'],
      docsPath: '/errors#symbiotic-vault-not-found',
    })
    this.vault = params.vault
  }
}

/** A deposit would pass the vault's deposit limit. */
export class DepositLimitReachedError extends RestakeKitError {
  override name = 'DepositLimitReachedError' as const
  readonly vault: Address
  readonly amount: bigint
  readonly activeStake: bigint
  readonly depositLimit: bigint
  /** How much the vault still accepts: `depositLimit - activeStake` (0 if none). */
  readonly room: bigint
  constructor(params: { vault: Address; amount: bigint; activeStake: bigint; depositLimit: bigint }) {
    const { vault, amount, activeStake, depositLimit } = params
    const room = depositLimit > activeStake ? depositLimit - activeStake : 0n
    super(`Vault ${vault} accepts at most ${room} more collateral; ${amount} would pass its deposit limit.`, {
      details: [`deposit limit: ${depositLimit}`, `active stake: ${activeStake}`],
      docsPath: '/errors#deposit-limit-reached',
    })
    this.vault = vault
    this.amount = amount
    this.activeStake = activeStake
    this.depositLimit = depositLimit
    this.room = room
  }
}

/** The vault takes deposits from a whitelist only, and the sender is not on it. */
export class NotWhitelistedDepositorError extends RestakeKitError {
  override name = 'NotWhitelistedDepositorError' as const
  readonly vault: Address
  readonly account: Address
  constructor(params: { vault: Address; account: Address }) {
    super(`${params.account} is not on the deposit whitelist of vault ${params.vault}.`, {
      details: ["Ask the vault's depositor-whitelist role holder to add the account."],
      docsPath: '/errors#not-whitelisted-depositor',
    })
    this.vault = params.vault
    this.account = params.account
  }
}

/** `withdraw` / `redeem` asks for more than the sender's active balance (assets) or active shares. */
export class InsufficientActiveBalanceError extends RestakeKitError {
  override name = 'InsufficientActiveBalanceError' as const
  readonly vault: Address
  readonly account: Address
  /** What the call asked for, in `unit`. */
  readonly requested: bigint
  /** What the account holds as active stake, in `unit`. */
  readonly available: bigint
  readonly unit: 'assets' | 'shares'
  constructor(params: {
    vault: Address
    account: Address
    requested: bigint
    available: bigint
    unit: 'assets' | 'shares'
  }) {
    const { vault, account, requested, available, unit } = params
    super(`${account} has ${available} active ${unit} in vault ${vault}; ${requested} requested.`, {
      docsPath: '/errors#insufficient-active-balance',
    })
    this.vault = vault
    this.account = account
    this.requested = requested
    this.available = available
    this.unit = unit
  }
}

/** The account already claimed this epoch's withdrawal bucket. */
export class AlreadyClaimedError extends RestakeKitError {
  override name = 'AlreadyClaimedError' as const
  readonly vault: Address
  readonly account: Address
  readonly epoch: bigint
  constructor(params: { vault: Address; account: Address; epoch: bigint }) {
    super(`${params.account} already claimed epoch ${params.epoch} of vault ${params.vault}.`, {
      docsPath: '/errors#already-claimed',
    })
    this.vault = params.vault
    this.account = params.account
    this.epoch = params.epoch
  }
}

/** The given epochs hold no withdrawal of the account, or (no epochs given) none is claimable. */
export class NothingToClaimError extends RestakeKitError {
  override name = 'NothingToClaimError' as const
  readonly vault: Address
  readonly account: Address
  /** The empty epochs asked for; `undefined` when none was given. */
  readonly epochs: readonly bigint[] | undefined
  constructor(params: { vault: Address; account: Address; epochs?: readonly bigint[] | undefined }) {
    const { vault, account, epochs } = params
    super(
      epochs?.length
        ? `${account} has no withdrawal to claim in epoch${epochs.length > 1 ? 's' : ''} ${epochs.join(', ')} of vault ${vault}.`
        : `${account} has no claimable withdrawal in vault ${vault}.`,
      { docsPath: '/errors#nothing-to-claim' },
    )
    this.vault = vault
    this.account = account
    this.epochs = epochs
  }
}

/** A lens call answered with something other than its result (see `lens.ts`). */
export class SymbioticLensError extends RestakeKitError {
  override name = 'SymbioticLensError' as const
  constructor(params: { cause?: unknown } = {}) {
    super('The Symbiotic lens returned no result.', {
      details: ['The node must support eth_call without `to` (contract creation) and return revert data.'],
      docsPath: '/errors#symbiotic-lens',
      cause: params.cause,
    })
  }
}

/** Every Symbiotic-specific error; `switch (error.name)` narrows it. */
export type SymbioticError =
  | SymbioticVaultNotFoundError
  | DepositLimitReachedError
  | NotWhitelistedDepositorError
  | InsufficientActiveBalanceError
  | AlreadyClaimedError
  | NothingToClaimError
  | SymbioticLensError

/** What a revert mapper knows about the call, to fill the typed errors' fields. */
export type SymbioticRevertContext = {
  vault: Address
  account: Address
  amount?: bigint
  unit?: 'assets' | 'shares'
  available?: bigint
  activeStake?: bigint
  depositLimit?: bigint
  epochs?: readonly bigint[]
  currentEpoch?: bigint
  /** When an epoch's bucket becomes claimable (unix seconds). */
  readyAt?: (epoch: bigint) => bigint
  /** The vault's collateral: its ERC-20 errors bubbled through the vault decode into the shared errors. */
  collateral?: Address
}

/**
 * The deposit's reverts: `DepositLimitReached`, `NotWhitelistedDepositor`, and the collateral's
 * ERC-20 errors when `collateral` is known. (One mapper per write, so a bundle that imports one
 * write carries only its own error classes.)
 */
export function depositRevertMapper(ctx: SymbioticRevertContext): RevertMapper {
  const token = ctx.collateral ? erc20RevertMapper(ctx.collateral) : undefined
  return (reason, args) => {
    if (reason === 'DepositLimitReached')
      return new DepositLimitReachedError({
        vault: ctx.vault,
        amount: ctx.amount ?? 0n,
        activeStake: ctx.activeStake ?? 0n,
        depositLimit: ctx.depositLimit ?? 0n,
      })
    if (reason === 'NotWhitelistedDepositor')
      return new NotWhitelistedDepositorError({ vault: ctx.vault, account: ctx.account })
    return token?.(reason, args)
  }
}

/** The withdrawal's and the redemption's reverts: `TooMuchWithdraw`, `TooMuchRedeem`. */
export function withdrawalRevertMapper(ctx: SymbioticRevertContext): RevertMapper {
  return (reason) =>
    reason === 'TooMuchWithdraw' || reason === 'TooMuchRedeem'
      ? new InsufficientActiveBalanceError({
          vault: ctx.vault,
          account: ctx.account,
          requested: ctx.amount ?? 0n,
          available: ctx.available ?? 0n,
          unit: reason === 'TooMuchRedeem' ? 'shares' : (ctx.unit ?? 'assets'),
        })
      : undefined
}

/**
 * The claim's reverts: `InvalidEpoch` (the shared `WithdrawalNotReadyError`, for the first epoch
 * not past the current one), `AlreadyClaimed`, `InsufficientClaim`.
 */
export function claimRevertMapper(ctx: SymbioticRevertContext): RevertMapper {
  return (reason) => {
    switch (reason) {
      case 'InvalidEpoch': {
        const epoch = ctx.epochs?.find((e) => ctx.currentEpoch === undefined || e >= ctx.currentEpoch)
        const at = epoch === undefined ? undefined : ctx.readyAt?.(epoch)
        return new WithdrawalNotReadyError({
          protocol: 'symbiotic',
          ...(epoch === undefined ? {} : { id: epoch }),
          ...(at === undefined ? {} : { readyAt: { timestamp: at } }),
          location: ctx.vault,
        })
      }
      case 'AlreadyClaimed':
        return new AlreadyClaimedError({
          vault: ctx.vault,
          account: ctx.account,
          epoch: ctx.epochs?.[0] ?? 0n,
        })
      case 'InsufficientClaim':
        return new NothingToClaimError({ vault: ctx.vault, account: ctx.account, epochs: ctx.epochs })
      default:
        return undefined
    }
  }
}

/** Decodes every vault custom error the SDK knows (and the collateral's ERC-20 errors) into typed errors. */
export function symbioticRevertMapper(ctx: SymbioticRevertContext): RevertMapper {
  const mappers = [depositRevertMapper(ctx), withdrawalRevertMapper(ctx), claimRevertMapper(ctx)]
  return (reason, args) => {
    for (const map of mappers) {
      const error = map(reason, args)
      if (error) return error
    }
    return undefined
  }
}
