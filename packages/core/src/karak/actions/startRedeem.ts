import { type Address, getAddress, type Hex } from 'viem'
import {
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  type InvalidAmountError,
  InvalidParameterError,
  type StepFailedError,
  type WriteErrorType,
} from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  assertRecipient,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { karakVaultViewsAbi, karakVaultWritesAbi } from '../abis.js'
import type { KarakDeployment } from '../deployments.js'
import { type KarakError, KarakVaultNotFoundError, karakVaultRevertMapper } from '../errors.js'
import { writeDeployment } from './internal.js'

// A Karak vault pulls the shares of `startRedeem` with `transferFrom` as itself, so the staker first
// approves the vault for its own shares (`vault.approve(vault, shares)`); the write includes that step.

export type StartRedeemParameters = {
  vault: Address
  /** Vault shares to redeem. */
  shares: bigint
  /** Who receives the assets at `finishRedeem` (Karak's `beneficiary`); default the sender. */
  receiver?: Address
  deployment?: KarakDeployment
}

type Resolved = { vault: Address; shares: bigint; receiver: Address }
/** The sender's shares and their allowance to the vault, read once at the landing block. */
type SharesState = { balance: bigint; allowance: bigint }

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const START_REDEEM = 'karak.startRedeem'
const startRedeemCall = /* @__PURE__ */ defineCall({
  name: START_REDEEM,
  contract: 'KarakVault',
  deployment: writeDeployment,
  resolve: (p: StartRedeemParameters, { sender }): Resolved => {
    const receiver = p.receiver ?? sender
    if (receiver === undefined)
      throw new InvalidParameterError({ parameter: 'receiver', reason: 'pass a receiver or the account' })
    return {
      vault: assertAddress('vault', p.vault),
      shares: assertAmount('shares', p.shares),
      receiver: assertRecipient('receiver', receiver),
    }
  },
  approval: (a, s: SharesState | undefined) =>
    s && s.allowance >= a.shares
      ? undefined
      : { token: a.vault, spender: a.vault, amount: a.shares, ...(s ? { allowance: s.allowance } : {}) },
  call: (a) =>
    contractCall({
      address: a.vault,
      abi: karakVaultWritesAbi,
      functionName: 'startRedeem',
      args: [a.shares, a.receiver],
    }),
})
const startRedeemReceipt = /* @__PURE__ */ defineReceipt({
  abi: karakVaultWritesAbi,
  decode: (_client, r) => ({
    /** The withdrawals the transaction queued (from `StartedRedeem`), with their keys. */
    withdrawals: r.events.flatMap((e) =>
      e.eventName === 'StartedRedeem'
        ? [
            {
              vault: getAddress(e.address),
              staker: e.args.staker,
              withdrawalKey: e.args.withdrawKey,
              shares: e.args.shares,
              amount: e.args.assets,
            },
          ]
        : [],
    ),
  }),
})
const startRedeem_ = /* @__PURE__ */ defineWrite(startRedeemCall, {
  read: (a, { sender }) =>
    stage(
      [
        { address: a.vault, abi: karakVaultViewsAbi, functionName: 'asset' },
        { address: a.vault, abi: karakVaultViewsAbi, functionName: 'balanceOf', args: [sender] },
        { address: a.vault, abi: karakVaultViewsAbi, functionName: 'allowance', args: [sender, a.vault] },
      ],
      ([asset, balance, allowance]): SharesState => {
        if (asset?.status !== 'success') throw new KarakVaultNotFoundError({ vault: a.vault })
        return { balance: unwrap<bigint>(balance), allowance: unwrap<bigint>(allowance) }
      },
    ),
  check: (a, s: SharesState, { sender }) => {
    if (s.balance < a.shares)
      throw new InsufficientBalanceError({
        token: a.vault,
        required: a.shares,
        balance: s.balance,
        account: sender as Address,
      })
  },
  revert: (a, s, { sender }) =>
    karakVaultRevertMapper({
      vault: a.vault,
      shares: a.shares,
      ...(sender ? { account: sender } : {}),
      ...(s ? { shareBalance: s.balance, shareAllowance: s.allowance } : {}),
    }),
  simulated: (_a, _s, withdrawalKey: Hex) => ({ withdrawalKey }),
  receipt: startRedeemReceipt,
})

export type StartRedeemErrorType =
  | KarakError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/** Layer 1 (pure): `[vault.approve(vault, shares) (unless approve: false), startRedeem(shares, receiver)]`. */
export const prepareStartRedeem = /* @__PURE__ */ prepareOf(startRedeemCall)
/**
 * Layer 2: checks the sender holds the shares, then simulates `startRedeem` (`result` and
 * `withdrawalKey`: the key it returns). Without the share approval, an `InsufficientAllowanceError`.
 */
export const simulateStartRedeem = /* @__PURE__ */ simulateOf(startRedeem_)
/**
 * Layer 3: checks the share balance (one read plan), approves the vault for the shares when short,
 * simulates and sends `startRedeem`. A failure after the approval landed is a `StepFailedError`.
 */
export const startRedeem = /* @__PURE__ */ sendOf(startRedeem_)
/** Layer 4: the receipt, its events, and `withdrawals`: the queued keys (`StartedRedeem`). */
export const waitForStartRedeem = /* @__PURE__ */ waitForOf({ name: START_REDEEM }, startRedeemReceipt)

export type SimulateStartRedeemReturnType = Awaited<ReturnType<typeof simulateStartRedeem>>
export type WaitForStartRedeemReturnType = Awaited<ReturnType<typeof waitForStartRedeem>>
