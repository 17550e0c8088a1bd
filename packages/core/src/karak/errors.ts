import type { Address, Hex } from 'viem'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  RestakeKitError,
} from '../errors.js'
import type { RevertMapper } from '../tx.js'

/** A Karak withdrawal cannot be finished yet: it becomes ready at `readyAt` (unix seconds). */
export class KarakWithdrawalNotReadyError extends RestakeKitError {
  override name = 'KarakWithdrawalNotReadyError'
  constructor(
    readonly vault: Address,
    readonly withdrawalKey: Hex,
    /** Unix seconds from which `finishRedeem` succeeds; undefined when only the revert was seen. */
    readonly readyAt: bigint | undefined,
    /** The chain's time when checked. */
    readonly now: bigint | undefined,
  ) {
    super(
      readyAt === undefined
        ? `Karak withdrawal ${withdrawalKey} is not ready yet (MIN_WITHDRAWAL_DELAY has not passed).`
        : `Karak withdrawal ${withdrawalKey} is ready at ${readyAt} (${new Date(Number(readyAt) * 1000).toISOString()}).`,
      {
        details: [
          `vault: ${vault}`,
          ...(readyAt !== undefined && now !== undefined ? [`seconds left: ${readyAt - now}`] : []),
        ],
        docsPath: '/errors#withdrawal-not-ready',
      },
    )
  }
}

/** The deposit would mint fewer shares than `minSharesOut` (the vault reverts `NotEnoughShares`). */
export class KarakSlippageError extends RestakeKitError {
  override name = 'KarakSlippageError'
  constructor(
    readonly vault: Address,
    readonly minSharesOut: bigint | undefined,
    readonly expectedShares: bigint | undefined,
  ) {
    super(
      `The Karak vault would mint fewer shares than minSharesOut${minSharesOut === undefined ? '' : ` (${minSharesOut})`}.`,
      {
        details: [
          `vault: ${vault}`,
          ...(expectedShares === undefined ? [] : [`previewDeposit now: ${expectedShares}`]),
          'The share price moved (or minSharesOut is too high); read the vault again and retry.',
        ],
        docsPath: '/errors#slippage',
      },
    )
  }
}

/** The key is not one of `staker`'s withdrawals in the vault (someone else's, or made up). */
export class KarakUnknownWithdrawalError extends RestakeKitError {
  override name = 'KarakUnknownWithdrawalError'
  constructor(
    readonly vault: Address,
    readonly withdrawalKey: Hex,
    readonly staker: Address,
  ) {
    super(`Withdrawal ${withdrawalKey} was not queued by ${staker} in Karak vault ${vault}.`, {
      details: [
        'A key is keccak256(abi.encode(staker, nonce)); pass the `staker` who called startRedeem if it was not this account.',
      ],
      docsPath: '/errors#unknown-withdrawal',
    })
  }
}

/** No pending withdrawal under this key: it was already finished (or never existed). */
export class KarakWithdrawalNotFoundError extends RestakeKitError {
  override name = 'KarakWithdrawalNotFoundError'
  constructor(
    readonly vault: Address,
    readonly withdrawalKey: Hex | undefined,
  ) {
    super(
      `No pending Karak withdrawal${withdrawalKey ? ` ${withdrawalKey}` : ''} in vault ${vault}: already finished or never queued.`,
      {
        docsPath: '/errors#withdrawal-not-found',
      },
    )
  }
}

/** Karak's names of the vault functions its pause map indexes (`Constants.PAUSE_VAULT_*`). */
const PAUSABLE_VAULT_FUNCTIONS = [
  'deposit',
  'deposit with minSharesOut',
  'mint',
  'startRedeem',
  'finishRedeem',
  'withdraw',
  'redeem',
]

/** The vault (or one of its functions) is paused by Karak's Core; retry when it is unpaused. */
export class KarakVaultPausedError extends RestakeKitError {
  override name = 'KarakVaultPausedError'
  constructor(
    readonly vault: Address,
    /** Karak's pause index (`Constants.PAUSE_VAULT_*`), when the revert named one. */
    readonly functionIndex: number | undefined,
  ) {
    const fn =
      functionIndex === undefined
        ? undefined
        : (PAUSABLE_VAULT_FUNCTIONS[functionIndex] ?? `#${functionIndex}`)
    super(`Karak vault ${vault} is paused${fn ? ` for ${fn}` : ''}.`, {
      details: ['Pausing is set by Karak (Core manager); nothing was sent.'],
      docsPath: '/errors#paused',
    })
  }
}

/** Context a vault revert is mapped with. */
export type KarakRevertContext = {
  vault: Address
  account?: Address
  asset?: Address
  assets?: bigint
  shares?: bigint
  minSharesOut?: bigint
  expectedShares?: bigint
  withdrawalKey?: Hex
  /** The account's share balance and share allowance to the vault, when read. */
  shareBalance?: bigint
  shareAllowance?: bigint
}

/** Maps Karak vault (and its token's) custom errors to typed errors. */
export function karakVaultRevertMapper(ctx: KarakRevertContext): RevertMapper {
  return (reason, args) => {
    switch (reason) {
      case 'NotEnoughShares':
        return new KarakSlippageError(ctx.vault, ctx.minSharesOut, ctx.expectedShares)
      case 'MinWithdrawDelayNotPassed':
        return new KarakWithdrawalNotReadyError(ctx.vault, ctx.withdrawalKey ?? '0x', undefined, undefined)
      case 'WithdrawalNotFound':
        return new KarakWithdrawalNotFoundError(ctx.vault, ctx.withdrawalKey)
      case 'ZeroAmount':
        return new InvalidAmountError('assets', 0n)
      case 'ZeroShares':
        return new InvalidAmountError('shares', 0n)
      case 'ZeroAddress':
        return new InvalidParameterError('beneficiary', 'must not be the zero address')
      case 'NotImplemented':
        return new InvalidParameterError(
          'function',
          'Karak vaults do not implement ERC-4626 withdraw/redeem; use startRedeem then finishRedeem',
        )
      // the vault's own share token (Solady errors): startRedeem pulls the shares with an allowance to the vault
      case 'InsufficientAllowance':
        return new InsufficientAllowanceError(
          ctx.vault,
          ctx.vault,
          ctx.shares ?? 0n,
          ctx.shareAllowance ?? 0n,
        )
      case 'InsufficientBalance':
        return new InsufficientBalanceError(
          ctx.vault,
          ctx.shares ?? 0n,
          ctx.shareBalance ?? 0n,
          ctx.account ?? ctx.vault,
        )
      // the underlying token's errors (OpenZeppelin 5), bubbled through deposit
      case 'ERC20InsufficientBalance': {
        const [sender, balance, needed] = args as [Address, bigint, bigint]
        return new InsufficientBalanceError(ctx.asset ?? ctx.vault, needed, balance, sender)
      }
      case 'ERC20InsufficientAllowance': {
        const [spender, allowance, needed] = args as [Address, bigint, bigint]
        return new InsufficientAllowanceError(ctx.asset ?? ctx.vault, spender, needed, allowance)
      }
      case 'EnforcedPause':
        return new KarakVaultPausedError(ctx.vault, undefined)
      case 'EnforcedPauseFunction':
        return new KarakVaultPausedError(ctx.vault, Number(args[0]))
      default:
        return undefined
    }
  }
}
