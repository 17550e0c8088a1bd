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
  type UnsupportedChainError,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, erc20Abi } from 'viem'
import {
  type DeploymentMismatchError,
  DepositLimitExceededError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
} from '../../errors.js'
import {
  multicallReadsAbi,
  renzoEzETHAbi,
  renzoRestakeManagerAbi,
  renzoRestakeManagerErrorsAbi,
} from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { RenzoPausedError } from '../errors.js'
import { isNative, MULTICALL3, mapPlan, writeDeployment } from './internal.js'
import { depositQuotePlan, type RenzoDepositQuote } from './previewDeposit.js'

/** Default tolerance on the preview when no `minOut` is given: 0.5 %. */
export const RENZO_DEFAULT_SLIPPAGE_BPS = 50n

export type DepositParameters = {
  /** The asset to deposit: a Renzo collateral token, or native ETH as `RENZO_ETH_ADDRESS`. */
  asset: Address
  /** In the asset's base units. */
  amount: bigint
  /**
   * The least ezETH to accept. Renzo's deposit has no min-out argument, so the SDK simulates at the
   * landing block and refuses below it before sending (the contract itself cannot enforce it).
   * Default: the preview less `slippageBps`. `prepareDeposit` cannot enforce it (no reads).
   */
  minOut?: bigint
  /** Tolerance on the preview when `minOut` is not given, in basis points (default 50 = 0.5 %). */
  slippageBps?: bigint
  /** Renzo's referral id: sends the `…(uint256 _referralId)` form when given. */
  referralId?: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: RenzoDeployment
}

type Resolved = {
  asset: Address
  native: boolean
  amount: bigint
  minOut: bigint | undefined
  slippageBps: bigint
  referralId: bigint | undefined
  d: RenzoDeployment
}

type DepositState = RenzoDepositQuote & { balance: bigint; allowance: bigint | undefined }

function assertNonNegative(name: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError({ parameter: name, value, reason: 'must be a bigint ≥ 0' })
  return value
}

function depositPlan(a: Resolved, sender: Address) {
  const holdings: BatchRead[] = a.native
    ? [{ address: MULTICALL3, abi: multicallReadsAbi, functionName: 'getEthBalance', args: [sender] }]
    : [
        { address: a.asset, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: a.asset, abi: erc20Abi, functionName: 'allowance', args: [sender, a.d.restakeManager] },
      ]
  return mapPlan(
    depositQuotePlan(a.d, a.asset, a.amount, holdings),
    (q): DepositState => ({
      ...q,
      balance: unwrap<bigint>(q.extra[0]),
      allowance: a.native ? undefined : unwrap<bigint>(q.extra[1]),
    }),
  )
}

const minOutFor = (a: Resolved, s: DepositState | undefined): bigint => {
  if (a.minOut !== undefined) return a.minOut
  if (!s) return 0n
  return s.expectedOut - (s.expectedOut * a.slippageBps) / 10_000n
}

const depositRevertAbi = /* @__PURE__ */ joinAbis(renzoRestakeManagerAbi, renzoRestakeManagerErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'renzo.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'RestakeManager',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { deployment }): Resolved => {
    const slippageBps = p.slippageBps ?? RENZO_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    if (p.referralId !== undefined && (typeof p.referralId !== 'bigint' || p.referralId < 0n))
      throw new InvalidParameterError({ parameter: 'referralId', reason: 'must be a bigint ≥ 0' })
    const asset = assertAddress('asset', p.asset)
    const d = deployment as RenzoDeployment
    if (d.unconfirmed && p.allowUnverified !== true)
      throw new UnverifiedDeploymentError({ protocol: 'Renzo' })
    return {
      asset,
      native: isNative(asset),
      amount: assertAmount('amount', p.amount),
      minOut: p.minOut === undefined ? undefined : assertNonNegative('minOut', p.minOut),
      slippageBps,
      referralId: p.referralId,
      d,
    }
  },
  approval: (a, s: DepositState | undefined) => {
    if (a.native || (s?.allowance !== undefined && s.allowance >= a.amount)) return undefined
    return {
      token: a.asset,
      spender: a.d.restakeManager,
      amount: a.amount,
      ...(s?.allowance !== undefined ? { allowance: s.allowance } : {}),
    }
  },
  call: (a) => {
    const rm = { address: a.d.restakeManager, abi: depositRevertAbi } as const
    if (a.native)
      return a.referralId === undefined
        ? contractCall({ ...rm, functionName: 'depositETH', args: [], value: a.amount })
        : contractCall({ ...rm, functionName: 'depositETH', args: [a.referralId], value: a.amount })
    return a.referralId === undefined
      ? contractCall({ ...rm, functionName: 'deposit', args: [a.asset, a.amount] })
      : contractCall({ ...rm, functionName: 'deposit', args: [a.asset, a.amount, a.referralId] })
  },
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(renzoRestakeManagerAbi, renzoEzETHAbi),
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => depositPlan(a, sender),
  check: (a, s: DepositState, { sender }) => {
    if (s.paused) throw new RenzoPausedError({ contract: 'RestakeManager', address: a.d.restakeManager })
    if (s.limit > 0n && s.tokenTVL + s.value > s.limit)
      throw new DepositLimitExceededError({
        protocol: 'Renzo',
        asset: a.asset,
        amount: a.amount,
        remaining: s.tokenTVL >= s.limit ? 0n : s.limit - s.tokenTVL,
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
        reason: 'mints 0 ezETH at the rate now',
      })
  },
  // Renzo's deposit returns nothing: the mint at the landing block (the contract's own formula over
  // the TVLs read there) is what the kit holds against minOut, before any approval and before sending
  minOut: {
    of: minOutFor,
    read: (_a, s) => s.expectedOut,
    refuse: (minOut, expectedOut) => new MinOutNotMetError({ protocol: 'Renzo', minOut, expectedOut }),
  },
  revert: (a, s) => (reason) => {
    if (reason === 'ContractPaused')
      return new RenzoPausedError({ contract: 'RestakeManager', address: a.d.restakeManager })
    if (reason === 'NotFound') return new UnsupportedAssetError({ protocol: 'Renzo', asset: a.asset })
    if (reason === 'MaxTokenTVLReached')
      return new DepositLimitExceededError({
        protocol: 'Renzo',
        asset: a.asset,
        amount: a.amount,
        remaining: s && s.limit > s.tokenTVL ? s.limit - s.tokenTVL : 0n,
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
  | RenzoPausedError
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
 * Layer 1 (pure): `[approve(RestakeManager, amount) on the token?, deposit(token, amount[, referralId])]`,
 * or `depositETH([referralId])` with `value: amount`. Renzo has no min-out argument: a call list
 * sent without the SDK's checks takes whatever the rate gives (use `simulateDeposit` first).
 */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: the identity guard (ezETH's `symbol()`), the checks (supported collateral, TVL limit,
 * balance, `minOut` against the mint at the landing block), then simulates; `expectedOut` is the ezETH.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/** Layer 3: every check first (below `minOut` nothing is sent), the exact approval when short, then sends. */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt and its decoded events (`Deposit`, `Transfer`). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
