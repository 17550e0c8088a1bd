import type { Address } from 'viem'
import { InvalidAmountError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  waitForOf,
} from '../../kit/index.js'
import { symbioticVaultWritesAbi } from '../abis.js'
import { InsufficientActiveBalanceError, withdrawalRevertMapper } from '../errors.js'
import {
  assertRecipient,
  landedWithdrawalEpoch,
  type VaultWriteState,
  vaultWriteStatePlan,
} from '../internal.js'
import { claimableAt, previewRedeem, previewWithdraw, withdrawalEpoch } from '../math.js'

/** The receipt of both: the bucket the withdrawal landed in and when it becomes claimable. */
const vaultWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticVaultWritesAbi,
  decode: (client, r) => landedWithdrawalEpoch(client, r.receipt),
})

/**
 * Symbiotic `withdraw` (collateral) and `redeem` (active shares): one spec, by unit. Either moves
 * the stake out of the active balance into the next epoch's withdrawal bucket, claimable once that
 * epoch has ended (see `claim`).
 */
type Unit = 'assets' | 'shares'

type Resolved = { vault: Address; quantity: bigint; receiver: Address }

function vaultWithdrawalCall<params extends { vault: Address; receiver?: Address }>(
  unit: Unit,
  name: string,
  quantityOf: (p: params) => bigint,
) {
  const functionName = unit === 'assets' ? 'withdraw' : 'redeem'
  const parameter = unit === 'assets' ? 'amount' : 'shares'
  return defineCall({
    name,
    contract: 'Vault',
    resolve: (p: params, { sender }): Resolved => {
      const vault = assertAddress('vault', p.vault)
      const quantity = assertAmount(parameter, quantityOf(p))
      return { vault, quantity, receiver: assertRecipient('receiver', p.receiver ?? sender) }
    },
    call: (a) =>
      contractCall({
        address: a.vault,
        abi: symbioticVaultWritesAbi,
        functionName,
        args: [a.receiver, a.quantity],
      }),
  })
}

function vaultWithdrawal<params extends { vault: Address; receiver?: Address }>(
  unit: Unit,
  call: ReturnType<typeof vaultWithdrawalCall<params>>,
) {
  return defineWrite(call, {
    read: (a, { sender }) => vaultWriteStatePlan(a.vault, sender),
    check: (a, s: VaultWriteState, { sender }) => {
      const who = sender as Address
      if (unit === 'assets') {
        if (previewWithdraw(a.quantity, s.activeShares, s.activeStake) > s.activeSharesOf)
          throw new InsufficientActiveBalanceError({
            vault: a.vault,
            account: who,
            requested: a.quantity,
            available: s.activeBalanceOf,
            unit: 'assets',
          })
      } else {
        if (a.quantity > s.activeSharesOf)
          throw new InsufficientActiveBalanceError({
            vault: a.vault,
            account: who,
            requested: a.quantity,
            available: s.activeSharesOf,
            unit: 'shares',
          })
        if (previewRedeem(a.quantity, s.activeStake, s.activeShares) === 0n)
          throw new InvalidAmountError({
            parameter: 'shares',
            value: a.quantity,
            reason: 'are worth 0 collateral',
          })
      }
    },
    revert: (a, s, { sender }) =>
      withdrawalRevertMapper({
        vault: a.vault,
        account: sender as Address,
        amount: a.quantity,
        available: unit === 'assets' ? (s?.activeBalanceOf ?? 0n) : (s?.activeSharesOf ?? 0n),
        unit,
      }),
    /** The bucket forecast from the landing block's epoch (the receipt tells where it went). */
    simulated: (_a, s, _result: readonly [bigint, bigint]) => {
      const epoch = withdrawalEpoch(s.currentEpoch)
      return { epoch, readyAt: { timestamp: claimableAt(s, epoch) } }
    },
    receipt: vaultWithdrawalReceipt,
  })
}

export type WithdrawParameters = {
  vault: Address
  /** Collateral to withdraw from the active balance, in base units. */
  amount: bigint
  /** Who may claim it once the epoch has ended (default: the sender). */
  receiver?: Address
}

export type RedeemParameters = {
  vault: Address
  /** Active shares to redeem. */
  shares: bigint
  /** Who may claim it once the epoch has ended (default: the sender). */
  receiver?: Address
}

/** The actions' names, for their errors and stages (the calls' and the `waitFor` layers'). */
const WITHDRAW = 'symbiotic.withdraw'
const REDEEM = 'symbiotic.redeem'
const withdrawCall = /* @__PURE__ */ vaultWithdrawalCall<WithdrawParameters>(
  'assets',
  WITHDRAW,
  (p) => p.amount,
)
const withdraw_ = /* @__PURE__ */ vaultWithdrawal<WithdrawParameters>('assets', withdrawCall)
const redeemCall = /* @__PURE__ */ vaultWithdrawalCall<RedeemParameters>('shares', REDEEM, (p) => p.shares)
const redeem_ = /* @__PURE__ */ vaultWithdrawal<RedeemParameters>('shares', redeemCall)

/** Layer 1 (pure): `withdraw(receiver, amount)` as a frozen call list (`receiver` or `account` needed). */
export const prepareWithdraw = /* @__PURE__ */ prepareOf(withdrawCall)
/** Layer 2: checks the active balance covers `amount` and simulates; `epoch`/`readyAt` forecast the bucket. */
export const simulateWithdraw = /* @__PURE__ */ simulateOf(withdraw_)
/** Layer 3: checks, simulates and sends `withdraw`. */
export const withdraw = /* @__PURE__ */ sendOf(withdraw_)
/** Layer 4: the receipt, the `Withdraw` event, and the bucket (`epoch`, `readyAt`) it went to. */
export const waitForWithdraw = /* @__PURE__ */ waitForOf({ name: WITHDRAW }, vaultWithdrawalReceipt)

/** Layer 1 (pure): `redeem(receiver, shares)` as a frozen call list. */
export const prepareRedeem = /* @__PURE__ */ prepareOf(redeemCall)
/** Layer 2: checks the account holds `shares` worth more than 0 and simulates. */
export const simulateRedeem = /* @__PURE__ */ simulateOf(redeem_)
/** Layer 3: checks, simulates and sends `redeem`. */
export const redeem = /* @__PURE__ */ sendOf(redeem_)
/** Layer 4: the receipt, the `Withdraw` event, and the bucket it went to. */
export const waitForRedeem = /* @__PURE__ */ waitForOf({ name: REDEEM }, vaultWithdrawalReceipt)

export type SimulateWithdrawReturnType = Awaited<ReturnType<typeof simulateWithdraw>>
export type WaitForWithdrawReturnType = Awaited<ReturnType<typeof waitForWithdraw>>
export type SimulateRedeemReturnType = Awaited<ReturnType<typeof simulateRedeem>>
export type WaitForRedeemReturnType = Awaited<ReturnType<typeof waitForRedeem>>
