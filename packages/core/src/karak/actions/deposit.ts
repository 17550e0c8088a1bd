import { type Address, erc20Abi, isAddressEqual } from 'viem'
import {
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  type StepFailedError,
  type WriteErrorType,
} from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  assertRecipient,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  type ReadPlan,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { karakVaultViewsAbi, karakVaultWritesAbi } from '../abis.js'
import type { KarakDeployment } from '../deployments.js'
import {
  type KarakError,
  KarakSlippageError,
  KarakVaultNotFoundError,
  karakVaultRevertMapper,
} from '../errors.js'
import { karakMinSharesOut } from '../math.js'
import { writeDeployment } from './internal.js'

/** Default slippage tolerance on `previewDeposit` when no `minSharesOut` is given: 0.5 %. */
export const KARAK_DEFAULT_SLIPPAGE_BPS = 50n

export type DepositParameters = {
  vault: Address
  /** Amount of the vault's asset, in its base units. */
  amount: bigint
  /** Who receives the shares; default the sender. */
  receiver?: Address
  /**
   * Least shares to accept (the vault reverts `NotEnoughShares` below it; 0n accepts any). Default
   * `previewDeposit(amount)` less `slippageBps`; `prepareDeposit` cannot read it and needs it given.
   */
  minSharesOut?: bigint
  /** Tolerance on `previewDeposit` when `minSharesOut` is not given, in basis points (default 50 = 0.5 %). */
  slippageBps?: bigint
  /**
   * The vault's asset. `prepareDeposit` starts with `approve(vault, amount)` on it when given; the
   * other layers read it from the vault and refuse a different one.
   */
  asset?: Address
  deployment?: KarakDeployment
}

type Resolved = {
  vault: Address
  amount: bigint
  receiver: Address
  minSharesOut: bigint | undefined
  slippageBps: bigint
  asset: Address | undefined
}

/** What the checks read, in one plan at the landing block. */
type DepositState = {
  asset: Address
  /** `previewDeposit(amount)`: the shares the deposit mints now. */
  expectedShares: bigint
  balance: bigint
  allowance: bigint
}

function assertMinShares(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError({ parameter: 'minSharesOut', value, reason: 'must be a bigint ≥ 0' })
  return value
}

/** Stage 1: the vault's asset and preview (and the holdings, when the asset is known); stage 2 the holdings. */
function depositPlan(a: Resolved, sender: Address): ReadPlan<DepositState> {
  const holdings = (asset: Address) => [
    { address: asset, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
    { address: asset, abi: erc20Abi, functionName: 'allowance', args: [sender, a.vault] },
  ]
  const state = (asset: Address, preview: BatchResult | undefined, held: readonly BatchResult[]) => ({
    asset,
    expectedShares: unwrap<bigint>(preview),
    balance: unwrap<bigint>(held[0]),
    allowance: unwrap<bigint>(held[1]),
  })
  return stage(
    [
      { address: a.vault, abi: karakVaultViewsAbi, functionName: 'asset' },
      { address: a.vault, abi: karakVaultViewsAbi, functionName: 'previewDeposit', args: [a.amount] },
      ...(a.asset ? holdings(a.asset) : []),
    ],
    ([assetResult, preview, ...held]) => {
      if (assetResult?.status !== 'success' || preview?.status !== 'success')
        throw new KarakVaultNotFoundError({ vault: a.vault })
      const asset = assetResult.result as Address
      if (a.asset && !isAddressEqual(a.asset, asset))
        throw new InvalidParameterError({
          parameter: 'asset',
          reason: `${a.asset} is not the vault's asset (${asset})`,
        })
      if (a.asset) return state(asset, preview, held)
      return stage(holdings(asset), (r) => state(asset, preview, r))
    },
  )
}

const minSharesFor = (a: Resolved, s: DepositState | undefined): bigint => {
  if (a.minSharesOut !== undefined) return a.minSharesOut
  if (!s)
    throw new InvalidParameterError({
      parameter: 'minSharesOut',
      reason: 'prepareDeposit cannot read previewDeposit: pass it (0n accepts any)',
    })
  return karakMinSharesOut(s.expectedShares, a.slippageBps)
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'karak.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'KarakVault',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { sender }): Resolved => {
    const slippageBps = p.slippageBps ?? KARAK_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    const receiver = p.receiver ?? sender
    if (receiver === undefined)
      throw new InvalidParameterError({ parameter: 'receiver', reason: 'pass a receiver or the account' })
    return {
      vault: assertAddress('vault', p.vault),
      amount: assertAmount('amount', p.amount),
      receiver: assertRecipient('receiver', receiver),
      minSharesOut: p.minSharesOut === undefined ? undefined : assertMinShares(p.minSharesOut),
      slippageBps,
      asset: p.asset === undefined ? undefined : assertAddress('asset', p.asset),
    }
  },
  approval: (a, s: DepositState | undefined) => {
    const token = s?.asset ?? a.asset
    if (!token || (s && s.allowance >= a.amount)) return undefined
    return { token, spender: a.vault, amount: a.amount, ...(s ? { allowance: s.allowance } : {}) }
  },
  call: (a, _ctx, s: DepositState | undefined) =>
    contractCall({
      address: a.vault,
      abi: karakVaultWritesAbi,
      functionName: 'deposit',
      args: [a.amount, a.receiver, minSharesFor(a, s)],
    }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({ abi: karakVaultWritesAbi })
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => depositPlan(a, sender),
  check: (a, s: DepositState, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: s.asset,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedShares === 0n)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: "mints 0 shares at the vault's rate now",
      })
    const minSharesOut = minSharesFor(a, s)
    if (s.expectedShares < minSharesOut)
      throw new KarakSlippageError({ vault: a.vault, minSharesOut, expectedShares: s.expectedShares })
  },
  revert: (a, s, { sender }) =>
    karakVaultRevertMapper({
      vault: a.vault,
      amount: a.amount,
      minSharesOut: minSharesFor(a, s),
      ...(sender ? { account: sender } : {}),
      ...((s?.asset ?? a.asset) ? { asset: (s?.asset ?? a.asset) as Address } : {}),
      ...(s ? { expectedShares: s.expectedShares } : {}),
    }),
  simulated: (a, s, _shares: bigint) => ({
    minSharesOut: minSharesFor(a, s),
    expectedShares: s.expectedShares,
  }),
  receipt: depositReceipt,
})

export type DepositErrorType =
  | KarakError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/** Layer 1 (pure): `[approve(vault, amount) on asset?, deposit(amount, receiver, minSharesOut)]` as frozen calls. */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: checks (vault, balance, `minSharesOut` against `previewDeposit`), then simulates the
 * deposit: `result` is the shares it mints. The vault must already be approved for `amount`.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/**
 * Layer 3: every check first (one read plan), then the exact approval when the allowance is short,
 * then simulates and sends `deposit`. A failure after the approval landed is a `StepFailedError`
 * saying what the user holds.
 */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt and its decoded events (`Deposit`, `Transfer`, …). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
