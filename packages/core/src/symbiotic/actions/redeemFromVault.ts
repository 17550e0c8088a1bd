import type { Account, Address, Hex } from 'viem'
import { InvalidAmountError, type InvalidParameterError } from '../../errors.js'
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
import { claimableAt, previewRedeem, withdrawalEpoch } from '../math.js'

export type PrepareRedeemFromVaultParameters = { vault: Address; shares: bigint; claimer: Address }

/** `redeem(claimer, shares)` as a frozen call list (pure). */
export function prepareRedeemFromVault(params: PrepareRedeemFromVaultParameters): readonly Call[] {
  return calls(
    encodeCall({
      address: assertAddress('vault', params.vault),
      abi: symbioticVaultAbi,
      functionName: 'redeem',
      args: [assertRecipient('claimer', params.claimer), assertAmount('shares', params.shares)],
    }),
  )
}

export type RedeemFromVaultParameters = {
  vault: Address
  /** Active shares to redeem. */
  shares: bigint
  claimer?: Address
  account?: Account | Address
}

export type SimulateRedeemFromVaultReturnType = SimulatedWrite<
  readonly [withdrawnAssets: bigint, mintedShares: bigint]
> & { epoch: bigint; claimableAt: bigint }

export type RedeemFromVaultErrorType =
  | InvalidParameterError
  | InsufficientActiveBalanceError
  | SymbioticVaultNotFoundError
  | Error

/** Checks the account holds `shares` active shares worth more than 0 and simulates `redeem`. */
export async function simulateRedeemFromVault(
  client: SymbioticReadClient,
  params: RedeemFromVaultParameters,
): Promise<SimulateRedeemFromVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  const shares = assertAmount('shares', params.shares)
  const account = accountOf(client, params.account)
  const sender = addressOf(account)
  const claimer = params.claimer ? assertRecipient('claimer', params.claimer) : sender
  const s = await readVaultWriteState(client, vault, sender)
  if (shares > s.activeSharesOf)
    throw new InsufficientActiveBalanceError(vault, sender, shares, s.activeSharesOf, 'shares')
  if (previewRedeem(shares, s.activeStake, s.activeShares) === 0n)
    throw new InvalidAmountError('shares', shares, 'are worth 0 collateral')
  const simulated = await simulateWrite<readonly [bigint, bigint]>(client, {
    account,
    address: vault,
    abi: symbioticVaultAbi,
    functionName: 'redeem',
    args: [claimer, shares],
    contract: 'Vault',
    mapper: symbioticRevertMapper({
      vault,
      account: sender,
      amount: shares,
      available: s.activeSharesOf,
      unit: 'shares',
    }),
  })
  const epoch = withdrawalEpoch(s.currentEpoch)
  return { ...simulated, epoch, claimableAt: claimableAt(s, epoch) }
}

/** Redeems active shares into the next epoch's withdrawal bucket: validate → simulate → send. */
export async function redeemFromVault(
  walletClient: SymbioticWalletClient,
  params: RedeemFromVaultParameters,
): Promise<Hex> {
  const { request } = await simulateRedeemFromVault(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Waits for a redemption and decodes the vault's events (`Withdraw`). */
export async function waitForRedeemFromVault(
  client: SymbioticReadClient,
  hash: Hex,
): Promise<WaitForRedeemFromVaultReturnType> {
  const r = await waitForEvents(client, hash, symbioticVaultAbi)
  return { ...r, ...(await landedWithdrawalEpoch(client, r.receipt)) }
}

export type WaitForRedeemFromVaultReturnType = WaitForEventsReturnType<typeof symbioticVaultAbi> & {
  /** The bucket the withdrawal went to, from the block it was mined in (the simulation only forecasts it). */
  epoch: bigint
  /** When that bucket becomes claimable. */
  claimableAt: bigint
}
