import {
  assertAmount,
  assertRecipient,
  contractCall,
  defineWrite,
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  layer,
  type PermitOption,
  permitKit,
  type StepFailedError,
  stage,
  type UnsupportedChainError,
  unwrap,
} from '@restakekit/core'
import { type Address, erc20Abi } from 'viem'
import type { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { pufferVaultAbi, pufferWithdrawalManagerAbi, pufferWithdrawalManagerErrorsAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferWithdrawalManagerPermitAbi, toPufferPermit } from '../permit.js'
import { assertPuffer, assertVerified, symbolRead, WAD, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = {
  /** pufETH to withdraw, in base units: at least `MIN_WITHDRAWAL_AMOUNT` (0.01 pufETH), at most the manager's maximum. */
  amount: bigint
  /** Who the request pays (its owner: only it can be claimed for); default the account. */
  receiver?: Address
  /**
   * A pufETH permit to the withdrawal manager instead of the approval: `send` with `true` (or
   * `{ deadline }`) signs it and sends ONE transaction, `requestWithdrawalWithPermit`;
   * `prepare`/`simulate` take one signed with `signPermit` for exactly `amount`.
   */
  permit?: PermitOption
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: PufferDeployment
}

type Resolved = { amount: bigint; receiver: Address | undefined; d: PufferDeployment }

type RequestState = {
  minAmount: bigint
  maxAmount: bigint
  balance: bigint
  allowance: bigint
  /** WETH per 1e18 pufETH now: the request's rate (the payout is at most this). */
  rate: bigint
}

const receiverOf = (a: Resolved, sender: Address | undefined): Address => {
  const r = a.receiver ?? sender
  if (!r)
    throw new InvalidParameterError('receiver', 'prepareRequestWithdrawal needs `receiver` or `account`')
  return r
}

const requestAbi = [...pufferWithdrawalManagerAbi, ...pufferWithdrawalManagerErrorsAbi] as const

const requestWithdrawal_ = /* @__PURE__ */ defineWrite({
  name: 'puffer.requestWithdrawal',
  contract: 'PufferWithdrawalManager',
  deployment: writeDeployment,
  resolve: (p: RequestWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as PufferDeployment
    const amount = assertAmount('amount', p.amount)
    const receiver = p.receiver === undefined ? undefined : assertRecipient('receiver', p.receiver)
    assertVerified(d, p.allowUnverified)
    return { amount, receiver, d }
  },
  read: ({ d }, { sender }) =>
    stage(
      [
        symbolRead(d),
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'MIN_WITHDRAWAL_AMOUNT',
        },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getMaxWithdrawalAmount',
        },
        { address: d.vault, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: d.vault, abi: erc20Abi, functionName: 'allowance', args: [sender, d.withdrawalManager] },
        { address: d.vault, abi: pufferVaultAbi, functionName: 'convertToAssets', args: [WAD] },
      ],
      ([symbol, min, max, balance, allowance, rate]): RequestState => {
        assertPuffer(d, symbol, [['PufferWithdrawalManager', d.withdrawalManager, min]])
        return {
          minAmount: unwrap<bigint>(min),
          maxAmount: unwrap<bigint>(max),
          balance: unwrap<bigint>(balance),
          allowance: unwrap<bigint>(allowance),
          rate: unwrap<bigint>(rate),
        }
      },
    ),
  check: (a, s: RequestState, { sender }) => {
    if (a.amount < s.minAmount)
      throw new InvalidAmountError(
        'amount',
        a.amount,
        `is below Puffer's minimum withdrawal (${s.minAmount} pufETH)`,
      )
    if (a.amount > s.maxAmount)
      throw new InvalidAmountError(
        'amount',
        a.amount,
        `is above Puffer's maximum withdrawal (${s.maxAmount} pufETH)`,
      )
    if (s.balance < a.amount)
      throw new InsufficientBalanceError(a.d.vault, a.amount, s.balance, sender as Address)
  },
  approval: (a, s) =>
    s && s.allowance >= a.amount
      ? undefined
      : {
          token: a.d.vault,
          spender: a.d.withdrawalManager,
          amount: a.amount,
          ...(s ? { allowance: s.allowance } : {}),
        },
  call: (a, { sender }) =>
    contractCall({
      address: a.d.withdrawalManager,
      abi: requestAbi,
      functionName: 'requestWithdrawal',
      args: [a.amount, receiverOf(a, sender)],
    }),
  permit: {
    kit: permitKit,
    call: (a, { sender }, permit) =>
      contractCall({
        address: a.d.withdrawalManager,
        abi: [...pufferWithdrawalManagerPermitAbi, ...pufferWithdrawalManagerErrorsAbi],
        functionName: 'requestWithdrawalWithPermit',
        args: [toPufferPermit(permit, a.amount), receiverOf(a, sender)],
      }),
  },
  revert: (a) => (reason) => {
    if (reason === 'MultipleWithdrawalsAreForbidden')
      return new InvalidParameterError(
        'calls',
        'Puffer accepts one withdrawal request per transaction: send each request in its own transaction',
      )
    if (reason === 'WithdrawalAmountTooLow')
      return new InvalidAmountError('amount', a.amount, "is below Puffer's minimum withdrawal")
    if (reason === 'WithdrawalAmountTooHigh')
      return new InvalidAmountError('amount', a.amount, "is above Puffer's maximum withdrawal")
    return undefined
  },
  simulated: (a, s) => ({ requestRate: s.rate, expectedOut: (a.amount * s.rate) / WAD }),
  receipt: {
    abi: [...pufferWithdrawalManagerAbi, ...pufferVaultAbi],
    decode: (_client, r) => {
      const e = r.events.find((x) => x.eventName === 'WithdrawalRequested')
      return e && e.eventName === 'WithdrawalRequested'
        ? { id: e.args.withdrawalIdx, batch: e.args.batchIdx }
        : { id: undefined, batch: undefined }
    },
  },
})

export type RequestWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError

/**
 * Layer 1 (pure): `[approve(withdrawalManager, amount) on pufETH?, requestWithdrawal(amount, receiver)]`.
 * Puffer takes ONE request per transaction: do not batch two of these call lists into one.
 */
export const prepareRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'prepare')
/**
 * Layer 2: the identity guard, the checks (minimum 0.01 pufETH, maximum, balance), then simulates;
 * `requestRate` is the rate the request locks (its payout is `amount × min(requestRate, batchRate)`).
 */
export const simulateRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'simulate')
/** Layer 3: every check, the exact pufETH approval when short, then simulates and sends. */
export const requestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'send')
/** Layer 4: the receipt, its events, and the request's `id` and `batch` (from `WithdrawalRequested`). */
export const waitForRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'waitFor')
