import {
  assertAmount,
  assertRecipient,
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
import { type Address, erc20Abi } from 'viem'
import {
  type DeploymentMismatchError,
  DepositLimitExceededError,
  MinOutNotMetError,
  type UnsupportedAssetError,
  type UnverifiedDeploymentError,
} from '../../errors.js'
import { multicallEthBalanceAbi } from '../../kelp/abis.js'
import { pufferVaultAbi, pufferVaultErrorsAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { assertPuffer, assertVerified, symbolRead, writeDeployment } from './internal.js'
import { assertPufferAsset } from './previewDeposit.js'

/** Default tolerance on `previewDeposit` when no `minOut` is given: 0.5 %. */
export const PUFFER_DEFAULT_SLIPPAGE_BPS = 50n

/** Canonical Multicall3: its `getEthBalance` puts the sender's ETH balance in the same read stage. */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type DepositParameters = {
  /** Native ETH (`ETH_ADDRESS`, `depositETH`) or WETH (ERC-4626 `deposit`, approved first). */
  asset: Address
  /** In wei. */
  amount: bigint
  /** Who receives the pufETH (default: the account). */
  receiver?: Address
  /**
   * The least pufETH to accept. Puffer has no min-out argument: `simulateDeposit` and `deposit`
   * refuse before sending when the preview or the simulation gives less. Default: the preview less
   * `slippageBps`. `prepareDeposit` reads nothing and its call cannot carry it: it ignores it.
   */
  minOut?: bigint
  /** Tolerance on the preview when `minOut` is not given, in basis points (default 50 = 0.5 %). */
  slippageBps?: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: PufferDeployment
}

type Resolved = {
  asset: Address
  native: boolean
  amount: bigint
  receiver: Address | undefined
  minOut: bigint | undefined
  slippageBps: bigint
  d: PufferDeployment
}

type DepositState = {
  /** pufETH the deposit mints now (`previewDeposit`). */
  expectedOut: bigint
  remaining: bigint
  balance: bigint
  allowance: bigint | undefined
}

function assertMinOut(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError({ parameter: 'minOut', value, reason: 'must be a bigint ≥ 0' })
  return value
}

const receiverOf = (a: Resolved, sender: Address | undefined): Address => {
  const r = a.receiver ?? sender
  if (!r)
    throw new InvalidParameterError({
      parameter: 'receiver',
      reason: 'prepareDeposit needs `receiver` or `account`',
    })
  return r
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

const depositAbi = /* @__PURE__ */ joinAbis(pufferVaultAbi, pufferVaultErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'puffer.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'PufferVault',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { deployment }): Resolved => {
    const d = deployment as PufferDeployment
    const slippageBps = p.slippageBps ?? PUFFER_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    const { asset, native } = assertPufferAsset(d, p.asset)
    const amount = assertAmount('amount', p.amount)
    const receiver = p.receiver === undefined ? undefined : assertRecipient('receiver', p.receiver)
    assertVerified(d, p.allowUnverified)
    return {
      asset,
      native,
      amount,
      receiver,
      minOut: p.minOut === undefined ? undefined : assertMinOut(p.minOut),
      slippageBps,
      d,
    }
  },
  approval: (a, s: DepositState | undefined) => {
    if (a.native || (s?.allowance !== undefined && s.allowance >= a.amount)) return undefined
    return {
      token: a.asset,
      spender: a.d.vault,
      amount: a.amount,
      ...(s?.allowance !== undefined ? { allowance: s.allowance } : {}),
    }
  },
  call: (a, { sender }) =>
    a.native
      ? contractCall({
          address: a.d.vault,
          abi: depositAbi,
          functionName: 'depositETH',
          args: [receiverOf(a, sender)],
          value: a.amount,
        })
      : contractCall({
          address: a.d.vault,
          abi: depositAbi,
          functionName: 'deposit',
          args: [a.amount, receiverOf(a, sender)],
        }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({ abi: pufferVaultAbi })
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) => {
    const d = a.d
    const holdings: BatchRead[] = a.native
      ? [{ address: MULTICALL3, abi: multicallEthBalanceAbi, functionName: 'getEthBalance', args: [sender] }]
      : [
          { address: a.asset, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
          { address: a.asset, abi: erc20Abi, functionName: 'allowance', args: [sender, d.vault] },
        ]
    return stage(
      [
        symbolRead(d),
        { address: d.vault, abi: pufferVaultAbi, functionName: 'previewDeposit', args: [a.amount] },
        {
          address: d.vault,
          abi: pufferVaultAbi,
          functionName: 'maxDeposit',
          args: [receiverOf(a, sender)],
        },
        ...holdings,
      ],
      ([symbol, preview, max, balance, allowance]): DepositState => {
        assertPuffer(d, symbol, [['PufferVault', d.vault, preview]])
        return {
          expectedOut: unwrap<bigint>(preview),
          remaining: unwrap<bigint>(max),
          balance: unwrap<bigint>(balance),
          allowance: a.native ? undefined : unwrap<bigint>(allowance),
        }
      },
    )
  },
  check: (a, s: DepositState, { sender }) => {
    if (a.amount > s.remaining)
      throw new DepositLimitExceededError({
        protocol: 'Puffer',
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
        reason: 'mints 0 pufETH at the rate now',
      })
  },
  // the kit holds minOut against the preview, then against the shares the simulation mints
  minOut: {
    of: minOutFor,
    read: (_a, s, minted: bigint | undefined) => minted ?? s.expectedOut,
    refuse: (minOut, expectedOut) => new MinOutNotMetError({ protocol: 'Puffer', minOut, expectedOut }),
  },
  revert: (a, s) => (reason) => {
    if (reason === 'ERC4626ExceededMaxDeposit')
      return new DepositLimitExceededError({
        protocol: 'Puffer',
        asset: a.asset,
        amount: a.amount,
        remaining: s?.remaining ?? 0n,
      })
    return undefined
  },
  simulated: (a, s, result: bigint) => ({ minOut: minOutFor(a, s), expectedOut: result }),
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
 * Layer 1 (pure): `depositETH(receiver)` with `value: amount`, or `[approve(vault, amount)?,
 * deposit(amount, receiver)]` for WETH. Puffer has no min-out argument, so a prepared call does not
 * enforce `minOut` on chain: simulate it (`simulateDeposit`) before sending the calls yourself.
 */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: the identity guard (the vault's `symbol()`), the checks (asset, `maxDeposit`, balance,
 * `minOut` against the preview), then simulates: `expectedOut` is the pufETH the simulation mints,
 * refused below `minOut`.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/** Layer 3: every check, the exact WETH approval when short, then simulates (refusing below `minOut`) and sends. */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt and its decoded events (`Deposit`, `Transfer`). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)

export type SimulateDepositReturnType = Awaited<ReturnType<typeof simulateDeposit>>
export type WaitForDepositReturnType = Awaited<ReturnType<typeof waitForDeposit>>
