import {
  assertAddress,
  assertAmount,
  type BatchRead,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  joinAbis,
  prepareOf,
  type StepFailedError,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, erc20Abi, isAddressEqual } from 'viem'
import {
  type DeploymentMismatchError,
  DepositLimitExceededError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
} from '../../errors.js'
import {
  kelpConfigAbi,
  kelpDepositPoolAbi,
  kelpDepositPoolErrorsAbi,
  kelpRsETHAbi,
  multicallEthBalanceAbi,
} from '../abis.js'
import { ETH_ADDRESS, type KelpDeployment } from '../deployments.js'
import { assertKelp, symbolRead, writeDeployment } from './internal.js'

/** Default tolerance on `previewDeposit` when no `minOut` is given: 0.5 %. */
export const KELP_DEFAULT_SLIPPAGE_BPS = 50n

/** Canonical Multicall3: its `getEthBalance` puts the sender's ETH balance in the same read stage. */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type DepositParameters = {
  /** The asset to deposit: an LST Kelp supports, or native ETH as `ETH_ADDRESS`. */
  asset: Address
  /** In the asset's base units. */
  amount: bigint
  /**
   * The least rsETH to accept, passed to Kelp as `minRSETHAmountExpected` (Kelp reverts below it)
   * and checked against the preview before sending. Default: the preview less `slippageBps`;
   * `prepareDeposit` cannot read the preview and needs it given (0n accepts any).
   */
  minOut?: bigint
  /** Tolerance on the preview when `minOut` is not given, in basis points (default 50 = 0.5 %). */
  slippageBps?: bigint
  /** Kelp's referral string (default empty). */
  referralId?: string
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: KelpDeployment
}

type Resolved = {
  asset: Address
  native: boolean
  amount: bigint
  minOut: bigint | undefined
  slippageBps: bigint
  referralId: string
  d: KelpDeployment
}

/** What the checks read, in one stage at the landing block. */
type DepositState = {
  /** rsETH the deposit mints now (`getRsETHAmountToMint`). */
  expectedOut: bigint
  remaining: bigint
  minAmount: bigint
  balance: bigint
  /** The pool's allowance on the asset (ERC-20 only). */
  allowance: bigint | undefined
}

function assertMinOut(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError({ parameter: 'minOut', value, reason: 'must be a bigint ≥ 0' })
  return value
}

/** One stage: the identity read, the asset's support, minimum, room and preview, and the sender's holdings. */
function depositPlan(a: Resolved, sender: Address) {
  const d = a.d
  const holdings: BatchRead[] = a.native
    ? [{ address: MULTICALL3, abi: multicallEthBalanceAbi, functionName: 'getEthBalance', args: [sender] }]
    : [
        { address: a.asset, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: a.asset, abi: erc20Abi, functionName: 'allowance', args: [sender, d.lrtDepositPool] },
      ]
  return stage(
    [
      symbolRead(d),
      { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'isSupportedAsset', args: [a.asset] },
      { address: d.lrtDepositPool, abi: kelpDepositPoolAbi, functionName: 'minAmountToDeposit' },
      {
        address: d.lrtDepositPool,
        abi: kelpDepositPoolAbi,
        functionName: 'getAssetCurrentLimit',
        args: [a.asset],
      },
      {
        address: d.lrtDepositPool,
        abi: kelpDepositPoolAbi,
        functionName: 'getRsETHAmountToMint',
        args: [a.asset, a.amount],
      },
      ...holdings,
    ],
    ([symbol, supported, minAmount, remaining, preview, balance, allowance]): DepositState => {
      assertKelp(d, symbol, [
        ['LRTConfig', d.lrtConfig, supported],
        ['LRTDepositPool', d.lrtDepositPool, minAmount],
      ])
      if (!unwrap<boolean>(supported)) throw new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
      return {
        expectedOut: unwrap<bigint>(preview),
        remaining: unwrap<bigint>(remaining),
        minAmount: unwrap<bigint>(minAmount),
        balance: unwrap<bigint>(balance),
        allowance: a.native ? undefined : unwrap<bigint>(allowance),
      }
    },
  )
}

const minOutFor = (a: Resolved, s: DepositState | undefined): bigint => {
  if (a.minOut !== undefined) return a.minOut
  if (!s)
    throw new InvalidParameterError({
      parameter: 'minOut',
      reason: 'prepareDeposit cannot read the preview: pass it (0n accepts any)',
    })
  return s.expectedOut - (s.expectedOut * a.slippageBps) / 10_000n
}

const depositRevertAbi = /* @__PURE__ */ joinAbis(kelpDepositPoolAbi, kelpDepositPoolErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'kelp.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'LRTDepositPool',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { deployment }): Resolved => {
    const slippageBps = p.slippageBps ?? KELP_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    const referralId = p.referralId ?? ''
    if (typeof referralId !== 'string')
      throw new InvalidParameterError({ parameter: 'referralId', reason: 'must be a string' })
    const asset = assertAddress('asset', p.asset)
    const d = deployment as KelpDeployment
    if (d.unconfirmed && p.allowUnverified !== true) throw new UnverifiedDeploymentError({ protocol: 'Kelp' })
    return {
      asset,
      native: isAddressEqual(asset, ETH_ADDRESS),
      amount: assertAmount('amount', p.amount),
      minOut: p.minOut === undefined ? undefined : assertMinOut(p.minOut),
      slippageBps,
      referralId,
      d,
    }
  },
  approval: (a, s: DepositState | undefined) => {
    if (a.native || (s?.allowance !== undefined && s.allowance >= a.amount)) return undefined
    return {
      token: a.asset,
      spender: a.d.lrtDepositPool,
      amount: a.amount,
      ...(s?.allowance !== undefined ? { allowance: s.allowance } : {}),
    }
  },
  call: (a, _ctx, s: DepositState | undefined) =>
    a.native
      ? contractCall({
          address: a.d.lrtDepositPool,
          abi: depositRevertAbi,
          functionName: 'depositETH',
          args: [minOutFor(a, s), a.referralId],
          value: a.amount,
        })
      : contractCall({
          address: a.d.lrtDepositPool,
          abi: depositRevertAbi,
          functionName: 'depositAsset',
          args: [a.asset, a.amount, minOutFor(a, s), a.referralId],
        }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(kelpDepositPoolAbi, kelpRsETHAbi),
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => depositPlan(a, sender),
  check: (a, s: DepositState, { sender }) => {
    if (a.amount < s.minAmount)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: `is below Kelp's minimum deposit (${s.minAmount})`,
      })
    if (a.amount > s.remaining)
      throw new DepositLimitExceededError({
        protocol: 'Kelp',
        asset: a.asset,
        amount: a.amount,
        remaining: s.remaining,
      })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.asset,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedOut === 0n)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: 'mints 0 rsETH at the rate now',
      })
    const minOut = minOutFor(a, s)
    if (s.expectedOut < minOut)
      throw new MinOutNotMetError({ protocol: 'Kelp', minOut, expectedOut: s.expectedOut })
  },
  revert: (a, s) => (reason) => {
    if (reason === 'MinimumAmountToReceiveNotMet')
      return new MinOutNotMetError({
        protocol: 'Kelp',
        minOut: minOutFor(a, s),
        ...(s ? { expectedOut: s.expectedOut } : {}),
      })
    if (reason === 'AssetNotSupported') return new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
    if (reason === 'MaximumDepositLimitReached')
      return new DepositLimitExceededError({
        protocol: 'Kelp',
        asset: a.asset,
        amount: a.amount,
        remaining: s?.remaining ?? 0n,
      })
    if (reason === 'InvalidAmountToDeposit')
      return new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: "is below Kelp's minimum deposit",
      })
    return undefined
  },
  simulated: (a, s) => ({ minOut: minOutFor(a, s), expectedOut: s.expectedOut }),
  receipt: depositReceipt,
})

export type DepositErrorType =
  | DeploymentMismatchError
  | UnsupportedAssetError
  | DepositLimitExceededError
  | MinOutNotMetError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/**
 * Layer 1 (pure): `[approve(pool, amount) on the LST?, depositAsset(asset, amount, minOut, referralId)]`,
 * or `depositETH(minOut, referralId)` with `value: amount` for ETH. Needs `minOut`.
 */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: the identity guard (rsETH's `symbol()`), the checks (supported asset, minimum, limit,
 * balance, `minOut` against the preview), then simulates: `result` is empty, `expectedOut` the rsETH.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/** Layer 3: every check first, then the exact approval when short (LSTs), then simulates and sends. */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt and its decoded events (`AssetDeposit` / `ETHDeposit`, `Transfer`). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
