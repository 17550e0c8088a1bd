import {
  assertAmount,
  assertRecipient,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  joinAbis,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  type DeploymentMismatchError,
  InstantExitUnavailableError,
  MinOutNotMetError,
  type UnverifiedDeploymentError,
} from '../../errors.js'
import { pufferVaultAbi, pufferVaultErrorsAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { PUFFER_DEFAULT_SLIPPAGE_BPS } from './deposit.js'
import { assertPuffer, assertVerified, symbolRead, writeDeployment } from './internal.js'

export type InstantExitParameters = {
  /** pufETH to redeem now, in base units. */
  amount: bigint
  /** Who receives the WETH (default: the account). */
  receiver?: Address
  /**
   * The least WETH to accept (after the exit fee), refused before sending by `simulate` and send.
   * Default: the preview less `slippageBps`. `redeem` has no min-out argument: `prepare` ignores it.
   */
  minOut?: bigint
  /** Tolerance on the preview when `minOut` is not given, in basis points (default 50). */
  slippageBps?: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: PufferDeployment
}

type Resolved = {
  amount: bigint
  receiver: Address | undefined
  minOut: bigint | undefined
  slippageBps: bigint
  d: PufferDeployment
}

type InstantState = { expectedOut: bigint; balance: bigint; maxRedeem: bigint }

const receiverOf = (a: Resolved, sender: Address | undefined): Address => {
  const r = a.receiver ?? sender
  if (!r)
    throw new InvalidParameterError({
      parameter: 'receiver',
      reason: 'prepareInstantExit needs `receiver` or `account`',
    })
  return r
}

const ownerOf = (sender: Address | undefined): Address => {
  if (!sender)
    throw new InvalidParameterError({
      parameter: 'account',
      reason: 'prepareInstantExit needs `account` (the pufETH owner)',
    })
  return sender
}

const minOutFor = (a: Resolved, s: InstantState | undefined): bigint => {
  if (a.minOut !== undefined) return a.minOut
  if (!s)
    throw new InvalidParameterError({
      parameter: 'minOut',
      reason: 'prepareInstantExit cannot read the preview: pass it (0n accepts any)',
    })
  return s.expectedOut - (s.expectedOut * a.slippageBps) / 10_000n
}

const redeemAbi = /* @__PURE__ */ joinAbis(pufferVaultAbi, pufferVaultErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const INSTANT_EXIT = 'puffer.instantExit'
const instantExitCall = /* @__PURE__ */ defineCall({
  name: INSTANT_EXIT,
  contract: 'PufferVault',
  deployment: writeDeployment,
  resolve: (p: InstantExitParameters, { deployment }): Resolved => {
    const d = deployment as PufferDeployment
    const slippageBps = p.slippageBps ?? PUFFER_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    if (p.minOut !== undefined && (typeof p.minOut !== 'bigint' || p.minOut < 0n))
      throw new InvalidAmountError({ parameter: 'minOut', value: p.minOut, reason: 'must be a bigint ≥ 0' })
    const amount = assertAmount('amount', p.amount)
    const receiver = p.receiver === undefined ? undefined : assertRecipient('receiver', p.receiver)
    assertVerified(d, p.allowUnverified)
    return { amount, receiver, minOut: p.minOut, slippageBps, d }
  },
  call: (a, { sender }) =>
    contractCall({
      address: a.d.vault,
      abi: redeemAbi,
      functionName: 'redeem',
      args: [a.amount, receiverOf(a, sender), ownerOf(sender)],
    }),
})
const instantExitReceipt = /* @__PURE__ */ defineReceipt({ abi: pufferVaultAbi })
const instantExit_ = /* @__PURE__ */ defineWrite(instantExitCall, {
  read: ({ amount, d }, { sender }) =>
    stage(
      [
        symbolRead(d),
        { address: d.vault, abi: pufferVaultAbi, functionName: 'previewRedeem', args: [amount] },
        { address: d.vault, abi: pufferVaultAbi, functionName: 'balanceOf', args: [sender] },
        { address: d.vault, abi: pufferVaultAbi, functionName: 'maxRedeem', args: [sender] },
      ],
      ([symbol, preview, balance, max]): InstantState => {
        assertPuffer(d, symbol, [['PufferVault', d.vault, preview]])
        return {
          expectedOut: unwrap<bigint>(preview),
          balance: unwrap<bigint>(balance),
          maxRedeem: unwrap<bigint>(max),
        }
      },
    ),
  check: (a, s: InstantState, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.vault,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (a.amount > s.maxRedeem)
      throw new InstantExitUnavailableError({ protocol: 'Puffer', amount: a.amount, available: s.maxRedeem })
    const minOut = minOutFor(a, s)
    if (s.expectedOut < minOut)
      throw new MinOutNotMetError({ protocol: 'Puffer', minOut, expectedOut: s.expectedOut })
  },
  revert: (a, s) => (reason) => {
    if (reason === 'ERC4626ExceededMaxRedeem')
      return new InstantExitUnavailableError({
        protocol: 'Puffer',
        amount: a.amount,
        available: s?.maxRedeem ?? 0n,
      })
    if (reason === 'DepositAndWithdrawalForbidden')
      return new InvalidParameterError({
        parameter: 'calls',
        reason: 'Puffer forbids a deposit and a withdrawal in one transaction',
      })
    return undefined
  },
  simulated: (a, s, result: bigint) => {
    const minOut = minOutFor(a, s)
    if (result < minOut) throw new MinOutNotMetError({ protocol: 'Puffer', minOut, expectedOut: result })
    return { minOut, expectedOut: result }
  },
  receipt: instantExitReceipt,
})

export type InstantExitErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | MinOutNotMetError
  | InstantExitUnavailableError
  | WriteErrorType

/**
 * Layer 1 (pure): `redeem(amount, receiver, account)` on the vault (Puffer's 1-step exit). Needs
 * `account`; `minOut` cannot be carried by the call (simulate first).
 */
export const prepareInstantExit = /* @__PURE__ */ prepareOf(instantExitCall)
/**
 * Layer 2: the identity guard, the checks (balance, the vault's liquidity `maxRedeem`, `minOut` against
 * `previewRedeem`, which includes the exit fee), then simulates: `expectedOut` is the WETH paid.
 */
export const simulateInstantExit = /* @__PURE__ */ simulateOf(instantExit_)
/** Layer 3: every check, then simulates (refusing below `minOut`) and sends. */
export const instantExit = /* @__PURE__ */ sendOf(instantExit_)
/** Layer 4: the receipt and its decoded events (`Withdraw`, `Transfer`). */
export const waitForInstantExit = /* @__PURE__ */ waitForOf({ name: INSTANT_EXIT }, instantExitReceipt)
