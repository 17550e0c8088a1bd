import type { Address } from 'viem'
import { erc20Abi } from 'viem'
import { InsufficientBalanceError, InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  joinAbis,
  prepareOf,
  type ReadPlan,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { collateralErrorsAbi, symbioticVaultWritesAbi } from '../abis.js'
import { DepositLimitReachedError, depositRevertMapper, NotWhitelistedDepositorError } from '../errors.js'
import { assertRecipient, type VaultWriteState, vaultWriteStatePlan } from '../internal.js'

const depositAbi = /* @__PURE__ */ joinAbis(symbioticVaultWritesAbi, collateralErrorsAbi)

export type DepositParameters = {
  vault: Address
  /** Collateral to deposit, in base units. */
  amount: bigint
  /** Who gets the shares (the vault's `onBehalfOf`; default: the sender). */
  receiver?: Address
  /**
   * The vault's collateral token. Only `prepareDeposit` needs it, for the approval it puts first
   * (the other layers read it from the vault); with `approve: false` it is not needed.
   */
  collateral?: Address
}

type Resolved = { vault: Address; amount: bigint; receiver: Address; collateral: Address | undefined }

/** What the deposit checks: the vault's state, and the sender's collateral balance and allowance. */
type DepositState = VaultWriteState & { balance: bigint; allowance: bigint }

/** Two stages: the vault (its collateral among it), then the sender's balance and allowance of it. */
function depositPlan(vault: Address, sender: Address): ReadPlan<DepositState> {
  const first = vaultWriteStatePlan(vault, sender)
  return stage(first.reads, (results) => {
    const s = first.next(results) as VaultWriteState
    return stage(
      [
        { address: s.collateral, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: s.collateral, abi: erc20Abi, functionName: 'allowance', args: [sender, vault] },
      ],
      ([balance, allowance]) => ({
        ...s,
        balance: unwrap<bigint>(balance),
        allowance: unwrap<bigint>(allowance),
      }),
    )
  })
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'symbiotic.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'Vault',
  resolve: (p: DepositParameters, { sender }): Resolved => ({
    vault: assertAddress('vault', p.vault),
    amount: assertAmount('amount', p.amount),
    receiver: assertRecipient('receiver', p.receiver ?? sender),
    collateral: p.collateral === undefined ? undefined : assertAddress('collateral', p.collateral),
  }),
  approval: (a, s: DepositState | undefined) => {
    const token = s?.collateral ?? a.collateral
    if (!token)
      throw new InvalidParameterError({
        parameter: 'collateral',
        reason: 'is needed for the approval; pass it, or `approve: false`',
      })
    return { token, spender: a.vault, amount: a.amount, ...(s ? { allowance: s.allowance } : {}) }
  },
  call: (a) =>
    contractCall({
      address: a.vault,
      abi: depositAbi,
      functionName: 'deposit',
      args: [a.receiver, a.amount],
    }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticVaultWritesAbi,
  /** The `Deposit` event: depositor, onBehalfOf (the receiver), amount and shares. */
  decode: (_client, r) => ({ deposited: r.events.find((e) => e.eventName === 'Deposit')?.args }),
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => depositPlan(a.vault, sender),
  /** Every check runs before the approval: whitelist, deposit limit, balance. */
  check: (a, s: DepositState, { sender }) => {
    const account = sender as Address
    if (s.depositWhitelist && !s.isDepositorWhitelisted)
      throw new NotWhitelistedDepositorError({ vault: a.vault, account })
    if (s.isDepositLimit && s.activeStake + a.amount > s.depositLimit)
      throw new DepositLimitReachedError({
        vault: a.vault,
        amount: a.amount,
        activeStake: s.activeStake,
        depositLimit: s.depositLimit,
      })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: s.collateral,
        required: a.amount,
        balance: s.balance,
        account,
      })
  },
  revert: (a, s, { sender }) =>
    depositRevertMapper({
      vault: a.vault,
      account: sender as Address,
      amount: a.amount,
      ...(s ? { activeStake: s.activeStake, depositLimit: s.depositLimit, collateral: s.collateral } : {}),
    }),
  simulated: (_a, s, _result: readonly [depositedAmount: bigint, mintedShares: bigint]) => ({
    collateral: s.collateral,
  }),
  receipt: depositReceipt,
})

/**
 * Layer 1 (pure): `[approve(vault, amount), deposit(receiver, amount)]` as frozen calls (Safe and
 * smart accounts batch them); the approval needs `collateral`, or leave it out with `approve: false`.
 */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: checks whitelist, deposit limit and balance, then simulates `deposit`. The allowance must
 * already cover `amount`, else `InsufficientAllowanceError` (decoded from the token's revert).
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/**
 * Layer 3: the same checks, an exact approval only when the allowance is short, then simulates and
 * sends `deposit`. A failure after the approval landed is a `StepFailedError` saying what the
 * sender holds.
 */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt, the vault's events, and `deposited` (the `Deposit` event's fields). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
