import type { Account, Address, Hex } from 'viem'
import type { InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  type Call,
  calls,
  encodeCall,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { symbioticVaultAbi } from '../abis.js'
import {
  InsufficientActiveBalanceError,
  type SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from '../errors.js'
import {
  accountOf,
  addressOf,
  assertRecipient,
  landedWithdrawalEpoch,
  readVaultWriteState,
  type SymbioticReadClient,
  type SymbioticWalletClient,
} from '../internal.js'
import { claimableAt, previewWithdraw, withdrawalEpoch } from '../math.js'

export type PrepareWithdrawFromVaultParameters = { vault: Address; amount: bigint; claimer: Address }

/** `withdraw(claimer, amount)` as a frozen call list (pure). */
export function prepareWithdrawFromVault(params: PrepareWithdrawFromVaultParameters): readonly Call[] {
  return calls(
    encodeCall({
      address: assertAddress('vault', params.vault),
      abi: symbioticVaultAbi,
      functionName: 'withdraw',
      args: [assertRecipient('claimer', params.claimer), assertAmount('amount', params.amount)],
    }),
  )
}

export type WithdrawFromVaultParameters = {
  vault: Address
  /** Collateral to withdraw from the active balance. */
  amount: bigint
  /** Who may claim it (default: the sending account). */
  claimer?: Address
  account?: Account | Address
}

export type SimulateWithdrawFromVaultReturnType = SimulatedWrite<
  readonly [burnedShares: bigint, mintedShares: bigint]
> & {
  /** The withdrawal bucket (`currentEpoch + 1`) and the time it becomes claimable. */
  epoch: bigint
  claimableAt: bigint
}

export type WithdrawFromVaultErrorType =
  | InvalidParameterError
  | InsufficientActiveBalanceError
  | SymbioticVaultNotFoundError
  | Error

/** Checks the active balance covers `amount` (shares burned, rounded up, ≤ the account's) and simulates `withdraw`. */
export async function simulateWithdrawFromVault(
  client: SymbioticReadClient,
  params: WithdrawFromVaultParameters,
): Promise<SimulateWithdrawFromVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  const amount = assertAmount('amount', params.amount)
  const account = accountOf(client, params.account)
  const sender = addressOf(account)
  const claimer = params.claimer ? assertRecipient('claimer', params.claimer) : sender
  const s = await readVaultWriteState(client, vault, sender)
  if (previewWithdraw(amount, s.activeShares, s.activeStake) > s.activeSharesOf)
    throw new InsufficientActiveBalanceError(vault, sender, amount, s.activeBalanceOf, 'assets')
  const simulated = await simulateWrite<readonly [bigint, bigint]>(client, {
    account,
    address: vault,
    abi: symbioticVaultAbi,
    functionName: 'withdraw',
    args: [claimer, amount],
    contract: 'Vault',
    mapper: symbioticRevertMapper({
      vault,
      account: sender,
      amount,
      available: s.activeBalanceOf,
      unit: 'assets',
    }),
  })
  const epoch = withdrawalEpoch(s.currentEpoch)
  return { ...simulated, epoch, claimableAt: claimableAt(s, epoch) }
}

/** Withdraws collateral from the active balance into the next epoch's bucket: validate → simulate → send. */
export async function withdrawFromVault(
  walletClient: SymbioticWalletClient,
  params: WithdrawFromVaultParameters,
): Promise<Hex> {
  const { request } = await simulateWithdrawFromVault(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Waits for a withdrawal and decodes the vault's events (`Withdraw` with burned and minted shares). */
export async function waitForWithdrawFromVault(
  client: SymbioticReadClient,
  hash: Hex,
): Promise<WaitForWithdrawFromVaultReturnType> {
  const r = await waitForEvents(client, hash, symbioticVaultAbi)
  return { ...r, ...(await landedWithdrawalEpoch(client, r.receipt)) }
}

export type WaitForWithdrawFromVaultReturnType = WaitForEventsReturnType<typeof symbioticVaultAbi> & {
  /** The bucket the withdrawal went to, from the block it was mined in (the simulation only forecasts it). */
  epoch: bigint
  /** When that bucket becomes claimable. */
  claimableAt: bigint
}
