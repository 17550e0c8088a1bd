import type { Address } from 'viem'
import { RestakeKitError } from '../errors.js'
import type { RevertMapper } from '../tx.js'

/** Symbiotic-specific failures a user can act on. Each is checked before sending where it can be, and decoded from a revert otherwise. */

export class SymbioticVaultNotFoundError extends RestakeKitError {
  override name = 'SymbioticVaultNotFoundError'
  constructor(readonly vault: Address) {
    super(`${vault} is not a Symbiotic vault.`, {
      details: ['It is not an entity of the VaultFactory, or it does not answer the vault interface.'],
      docsPath: '/errors#symbiotic-vault-not-found',
    })
  }
}

export class DepositLimitReachedError extends RestakeKitError {
  override name = 'DepositLimitReachedError'
  /** How much the vault still accepts: `depositLimit - activeStake` (0 if none). */
  readonly room: bigint
  constructor(
    readonly vault: Address,
    readonly amount: bigint,
    readonly activeStake: bigint,
    readonly depositLimit: bigint,
  ) {
    const room = depositLimit > activeStake ? depositLimit - activeStake : 0n
    super(`Vault ${vault} accepts at most ${room} more collateral; ${amount} would pass its deposit limit.`, {
      details: [`deposit limit: ${depositLimit}`, `active stake: ${activeStake}`],
      docsPath: '/errors#deposit-limit-reached',
    })
    this.room = room
  }
}

export class NotWhitelistedDepositorError extends RestakeKitError {
  override name = 'NotWhitelistedDepositorError'
  constructor(
    readonly vault: Address,
    readonly account: Address,
  ) {
    super(`${account} is not on the deposit whitelist of vault ${vault}.`, {
      details: ["Ask the vault's depositor-whitelist role holder to add the account."],
      docsPath: '/errors#not-whitelisted-depositor',
    })
  }
}

export class InsufficientActiveBalanceError extends RestakeKitError {
  override name = 'InsufficientActiveBalanceError'
  constructor(
    readonly vault: Address,
    readonly account: Address,
    /** What the call asked for, in `unit`. */
    readonly requested: bigint,
    /** What the account holds as active stake, in `unit`. */
    readonly available: bigint,
    readonly unit: 'assets' | 'shares',
  ) {
    super(`${account} has ${available} active ${unit} in vault ${vault}; ${requested} requested.`, {
      docsPath: '/errors#insufficient-active-balance',
    })
  }
}

export class EpochNotClaimableError extends RestakeKitError {
  override name = 'EpochNotClaimableError'
  constructor(
    readonly vault: Address,
    readonly epoch: bigint,
    readonly currentEpoch: bigint,
    /** Unix time (seconds) at which the epoch becomes claimable: the start of epoch `epoch + 1`. */
    readonly claimableAt: bigint,
  ) {
    super(
      `Epoch ${epoch} of vault ${vault} is not claimable yet; it becomes claimable at ${new Date(Number(claimableAt) * 1000).toISOString()} (unix ${claimableAt}).`,
      {
        details: [
          `current epoch: ${currentEpoch}`,
          'A withdrawal bucket is claimable once the current epoch is past it.',
        ],
        docsPath: '/errors#epoch-not-claimable',
      },
    )
  }
}

export class AlreadyClaimedError extends RestakeKitError {
  override name = 'AlreadyClaimedError'
  constructor(
    readonly vault: Address,
    readonly account: Address,
    readonly epoch: bigint,
  ) {
    super(`${account} already claimed epoch ${epoch} of vault ${vault}.`, {
      docsPath: '/errors#already-claimed',
    })
  }
}

export class NothingToClaimError extends RestakeKitError {
  override name = 'NothingToClaimError'
  constructor(
    readonly vault: Address,
    readonly account: Address,
    readonly epochs: readonly bigint[] | undefined,
  ) {
    super(
      epochs?.length
        ? `${account} has no withdrawal to claim in epoch${epochs.length > 1 ? 's' : ''} ${epochs.join(', ')} of vault ${vault}.`
        : `${account} has no claimable withdrawal in vault ${vault}.`,
      { docsPath: '/errors#nothing-to-claim' },
    )
  }
}

/** A lens call answered with something other than its result (see `lens.ts`). */
export class SymbioticLensError extends RestakeKitError {
  override name = 'SymbioticLensError'
  constructor(cause: unknown) {
    super('The Symbiotic lens returned no result.', {
      details: ['The node must support eth_call without `to` (contract creation) and return revert data.'],
      docsPath: '/errors#symbiotic-lens',
      cause,
    })
  }
}

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
  claimableAt?: (epoch: bigint) => bigint
}

/** Decodes the vault's custom errors into the typed errors above. */
export function symbioticRevertMapper(ctx: SymbioticRevertContext): RevertMapper {
  return (reason) => {
    switch (reason) {
      case 'DepositLimitReached':
        return new DepositLimitReachedError(
          ctx.vault,
          ctx.amount ?? 0n,
          ctx.activeStake ?? 0n,
          ctx.depositLimit ?? 0n,
        )
      case 'NotWhitelistedDepositor':
        return new NotWhitelistedDepositorError(ctx.vault, ctx.account)
      case 'TooMuchWithdraw':
      case 'TooMuchRedeem':
        return new InsufficientActiveBalanceError(
          ctx.vault,
          ctx.account,
          ctx.amount ?? 0n,
          ctx.available ?? 0n,
          reason === 'TooMuchRedeem' ? 'shares' : (ctx.unit ?? 'assets'),
        )
      case 'InvalidEpoch': {
        const epoch = ctx.epochs?.find((e) => ctx.currentEpoch === undefined || e >= ctx.currentEpoch) ?? 0n
        return new EpochNotClaimableError(
          ctx.vault,
          epoch,
          ctx.currentEpoch ?? 0n,
          ctx.claimableAt?.(epoch) ?? 0n,
        )
      }
      case 'AlreadyClaimed':
        return new AlreadyClaimedError(ctx.vault, ctx.account, ctx.epochs?.[0] ?? 0n)
      case 'InsufficientClaim':
        return new NothingToClaimError(ctx.vault, ctx.account, ctx.epochs)
      default:
        return undefined
    }
  }
}
