import type { Address, Hex } from 'viem'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  RestakeKitError,
  WithdrawalNotReadyError,
} from '../errors.js'
import type { RevertMapper } from '../kit/index.js'

/**
 * Karak-specific failures a user can act on. Each is checked before anything is sent where it can
 * be, and decoded from the vault's revert otherwise. "Not ready" is core's `WithdrawalNotReadyError`.
 */

/** The address is not a Karak vault (its `vaultConfig`/`asset`/`totalAssets` reads failed). */
export class KarakVaultNotFoundError extends RestakeKitError {
  override name = 'KarakVaultNotFoundError' as const
  readonly vault: Address
  constructor(params: { vault: Address }) {
    super(`${params.vault} is not a Karak vault.`, {
      details: ['It does not answer the Karak vault interface (vaultConfig, asset, totalAssets).'],
      docsPath: '/errors#karak-vault-not-found',
    })
    this.vault = params.vault
  }
}

/** The deposit would mint fewer shares than `minSharesOut` (the vault reverts `NotEnoughShares`). */
export class KarakSlippageError extends RestakeKitError {
  override name = 'KarakSlippageError' as const
  readonly vault: Address
  readonly minSharesOut: bigint | undefined
  /** `previewDeposit(amount)` when it was read. */
  readonly expectedShares: bigint | undefined
  constructor(params: { vault: Address; minSharesOut?: bigint; expectedShares?: bigint }) {
    const { vault, minSharesOut, expectedShares } = params
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
    this.vault = vault
    this.minSharesOut = minSharesOut
    this.expectedShares = expectedShares
  }
}

/** The key is not one of `staker`'s withdrawals in the vault (someone else's, or made up). */
export class KarakUnknownWithdrawalError extends RestakeKitError {
  override name = 'KarakUnknownWithdrawalError' as const
  readonly vault: Address
  readonly withdrawalKey: Hex
  readonly staker: Address
  constructor(params: { vault: Address; withdrawalKey: Hex; staker: Address }) {
    const { vault, withdrawalKey, staker } = params
    super(`Withdrawal ${withdrawalKey} was not queued by ${staker} in Karak vault ${vault}.`, {
      details: [
        'A key is keccak256(abi.encode(staker, nonce)); pass the `staker` who called startRedeem if it was not this account.',
      ],
      docsPath: '/errors#unknown-withdrawal',
    })
    this.vault = vault
    this.withdrawalKey = withdrawalKey
    this.staker = staker
  }
}

/** No pending withdrawal under this key: it was already finished (or never existed). */
export class KarakWithdrawalNotFoundError extends RestakeKitError {
  override name = 'KarakWithdrawalNotFoundError' as const
  readonly vault: Address
  readonly withdrawalKey: Hex | undefined
  constructor(params: { vault: Address; withdrawalKey?: Hex }) {
    const { vault, withdrawalKey } = params
    super(
      `No pending Karak withdrawal${withdrawalKey ? ` ${withdrawalKey}` : ''} in vault ${vault}: already finished or never queued.`,
      { docsPath: '/errors#withdrawal-not-found' },
    )
    this.vault = vault
    this.withdrawalKey = withdrawalKey
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
  override name = 'KarakVaultPausedError' as const
  readonly vault: Address
  /** Karak's pause index (`Constants.PAUSE_VAULT_*`), when the revert named one. */
  readonly functionIndex: number | undefined
  constructor(params: { vault: Address; functionIndex?: number }) {
    const { vault, functionIndex } = params
    const fn =
      functionIndex === undefined
        ? undefined
        : (PAUSABLE_VAULT_FUNCTIONS[functionIndex] ?? `#${functionIndex}`)
    super(`Karak vault ${vault} is paused${fn ? ` for ${fn}` : ''}.`, {
      details: ['Pausing is set by Karak (Core manager); nothing was sent.'],
      docsPath: '/errors#paused',
    })
    this.vault = vault
    this.functionIndex = functionIndex
  }
}

/** Every Karak-specific error; `switch (error.name)` narrows it. */
export type KarakError =
  | KarakVaultNotFoundError
  | KarakSlippageError
  | KarakUnknownWithdrawalError
  | KarakWithdrawalNotFoundError
  | KarakVaultPausedError

/** Context a vault revert is mapped with. */
export type KarakRevertContext = {
  vault: Address
  account?: Address
  asset?: Address
  amount?: bigint
  shares?: bigint
  minSharesOut?: bigint
  expectedShares?: bigint
  withdrawalKey?: Hex
  /** The account's share balance and share allowance to the vault, when read. */
  shareBalance?: bigint
  shareAllowance?: bigint
}

/** Maps Karak vault (and its tokens') custom errors to typed errors. */
export function karakVaultRevertMapper(ctx: KarakRevertContext): RevertMapper {
  return (reason, args) => {
    switch (reason) {
      case 'NotEnoughShares':
        return new KarakSlippageError({
          vault: ctx.vault,
          ...(ctx.minSharesOut === undefined ? {} : { minSharesOut: ctx.minSharesOut }),
          ...(ctx.expectedShares === undefined ? {} : { expectedShares: ctx.expectedShares }),
        })
      case 'MinWithdrawDelayNotPassed':
        return new WithdrawalNotReadyError({
          protocol: 'karak',
          location: ctx.vault,
          ...(ctx.withdrawalKey ? { id: ctx.withdrawalKey } : {}),
        })
      case 'WithdrawalNotFound':
        return new KarakWithdrawalNotFoundError({
          vault: ctx.vault,
          ...(ctx.withdrawalKey ? { withdrawalKey: ctx.withdrawalKey } : {}),
        })
      case 'ZeroAmount':
        return new InvalidAmountError({ parameter: 'amount', value: 0n })
      case 'ZeroShares':
        return new InvalidAmountError({ parameter: 'shares', value: 0n })
      case 'ZeroAddress':
        return new InvalidParameterError({ parameter: 'receiver', reason: 'must not be the zero address' })
      case 'NotImplemented':
        return new InvalidParameterError({
          parameter: 'function',
          reason: 'Karak vaults do not implement ERC-4626 withdraw/redeem; use startRedeem then finishRedeem',
        })
      // the vault's own share token (Solady errors): startRedeem pulls the shares with an allowance to the vault
      case 'InsufficientAllowance':
        return new InsufficientAllowanceError({
          token: ctx.vault,
          spender: ctx.vault,
          required: ctx.shares ?? 0n,
          allowance: ctx.shareAllowance ?? 0n,
        })
      case 'InsufficientBalance':
        return new InsufficientBalanceError({
          token: ctx.vault,
          required: ctx.shares ?? 0n,
          balance: ctx.shareBalance ?? 0n,
          account: ctx.account ?? ctx.vault,
        })
      // the underlying token's errors (OpenZeppelin 5), bubbled through deposit
      case 'ERC20InsufficientBalance': {
        const [sender, balance, needed] = args as [Address, bigint, bigint]
        return new InsufficientBalanceError({
          token: ctx.asset ?? ctx.vault,
          required: needed,
          balance,
          account: sender,
        })
      }
      case 'ERC20InsufficientAllowance': {
        const [spender, allowance, needed] = args as [Address, bigint, bigint]
        return new InsufficientAllowanceError({
          token: ctx.asset ?? ctx.vault,
          spender,
          required: needed,
          allowance,
        })
      }
      case 'EnforcedPause':
        return new KarakVaultPausedError({ vault: ctx.vault })
      case 'EnforcedPauseFunction':
        return new KarakVaultPausedError({ vault: ctx.vault, functionIndex: Number(args[0]) })
      default:
        return undefined
    }
  }
}
