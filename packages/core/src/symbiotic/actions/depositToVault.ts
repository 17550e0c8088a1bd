import type { Account, Address, Hex } from 'viem'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidParameterError,
  StepFailedError,
} from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  type Call,
  calls,
  encodeCall,
  ensureAllowance,
  prepareApprove,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { collateralErrorsAbi, symbioticVaultAbi } from '../abis.js'
import {
  DepositLimitReachedError,
  NotWhitelistedDepositorError,
  type SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from '../errors.js'
import {
  accountOf,
  addressOf,
  assertRecipient,
  readTokenState,
  readVaultWriteState,
  type SymbioticReadClient,
  type SymbioticWalletClient,
  type VaultWriteState,
} from '../internal.js'

const depositAbi = [...symbioticVaultAbi, ...collateralErrorsAbi] as const

export type PrepareDepositToVaultParameters = {
  vault: Address
  amount: bigint
  /** Who gets the shares. */
  onBehalfOf: Address
  /** The vault's collateral: if given, an exact approval comes first. */
  collateral?: Address
}

/** `[approve(vault, amount)?, deposit(onBehalfOf, amount)]` as frozen calls (pure; Safe and smart accounts batch them). */
export function prepareDepositToVault(params: PrepareDepositToVaultParameters): readonly Call[] {
  const vault = assertAddress('vault', params.vault)
  const amount = assertAmount('amount', params.amount)
  const onBehalfOf = assertRecipient('onBehalfOf', params.onBehalfOf)
  const deposit = encodeCall({
    address: vault,
    abi: symbioticVaultAbi,
    functionName: 'deposit',
    args: [onBehalfOf, amount],
  })
  return params.collateral
    ? calls(
        prepareApprove({ token: assertAddress('collateral', params.collateral), spender: vault, amount }),
        deposit,
      )
    : calls(deposit)
}

export type DepositToVaultParameters = {
  vault: Address
  amount: bigint
  /** Who gets the shares (default: the sending account). */
  onBehalfOf?: Address
  /** The sending account (default: the client's). */
  account?: Account | Address
}

export type SimulateDepositToVaultReturnType = SimulatedWrite<
  readonly [depositedAmount: bigint, mintedShares: bigint]
> & {
  collateral: Address
}

export type DepositToVaultErrorType =
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | NotWhitelistedDepositorError
  | DepositLimitReachedError
  | SymbioticVaultNotFoundError
  | StepFailedError
  | Error

function checkDeposit(
  vault: Address,
  sender: Address,
  amount: bigint,
  state: VaultWriteState,
  token: { balance: bigint },
): void {
  if (state.depositWhitelist && !state.isDepositorWhitelisted)
    throw new NotWhitelistedDepositorError(vault, sender)
  if (state.isDepositLimit && state.activeStake + amount > state.depositLimit)
    throw new DepositLimitReachedError(vault, amount, state.activeStake, state.depositLimit)
  if (token.balance < amount)
    throw new InsufficientBalanceError(state.collateral, amount, token.balance, sender)
}

async function validate(client: SymbioticReadClient, params: DepositToVaultParameters) {
  const vault = assertAddress('vault', params.vault)
  const amount = assertAmount('amount', params.amount)
  const account = accountOf(client, params.account)
  const sender = addressOf(account)
  const onBehalfOf = params.onBehalfOf ? assertRecipient('onBehalfOf', params.onBehalfOf) : sender
  const state = await readVaultWriteState(client, vault, sender)
  const token = await readTokenState(client, state.collateral, sender, vault)
  checkDeposit(vault, sender, amount, state, token)
  return { vault, amount, account, sender, onBehalfOf, state, token }
}

async function simulateChecked(
  client: SymbioticReadClient,
  v: Awaited<ReturnType<typeof validate>>,
): Promise<SimulateDepositToVaultReturnType> {
  const simulated = await simulateWrite<readonly [bigint, bigint]>(client, {
    account: v.account,
    address: v.vault,
    abi: depositAbi,
    functionName: 'deposit',
    args: [v.onBehalfOf, v.amount],
    contract: 'Vault',
    mapper: symbioticRevertMapper({
      vault: v.vault,
      account: v.sender,
      amount: v.amount,
      activeStake: v.state.activeStake,
      depositLimit: v.state.depositLimit,
    }),
  })
  return { ...simulated, collateral: v.state.collateral }
}

/**
 * Checks the deposit (whitelist, deposit limit, balance, allowance) and simulates it. The
 * allowance must already cover `amount` (see `prepareApprove` / `ensureAllowance`); else
 * `InsufficientAllowanceError`.
 */
export async function simulateDepositToVault(
  client: SymbioticReadClient,
  params: DepositToVaultParameters,
): Promise<SimulateDepositToVaultReturnType> {
  const v = await validate(client, params)
  if (v.token.allowance < v.amount)
    throw new InsufficientAllowanceError(v.state.collateral, v.vault, v.amount, v.token.allowance)
  return simulateChecked(client, v)
}

/**
 * Deposits collateral into a vault: validates, checks, approves exactly `amount` if the allowance
 * is short (simulated, sent, waited for), then simulates and sends `deposit(onBehalfOf, amount)`.
 * Returns the deposit's hash. A failed deposit after the approval is a `StepFailedError`: the
 * collateral is still in the wallet.
 */
export async function depositToVault(
  walletClient: SymbioticWalletClient,
  params: DepositToVaultParameters,
): Promise<Hex> {
  const v = await validate(walletClient, params)
  const approval = await ensureAllowance(walletClient, {
    token: v.state.collateral,
    spender: v.vault,
    amount: v.amount,
    account: v.account,
  })
  try {
    const { request } = await simulateChecked(walletClient, v)
    return await sendWrite(walletClient, request)
  } catch (error) {
    if (!approval) throw error
    throw new StepFailedError(
      'deposit',
      [{ step: 'approve', hash: approval }],
      `the collateral (${v.amount} of ${v.state.collateral}) is still in your wallet; the vault may spend it (approval ${approval}).`,
      error,
    )
  }
}

export type WaitForDepositToVaultReturnType = WaitForEventsReturnType<typeof symbioticVaultAbi>

/** Waits for a deposit and decodes the vault's events (`Deposit` with the amount and shares). */
export function waitForDepositToVault(
  client: SymbioticReadClient,
  hash: Hex,
): Promise<WaitForDepositToVaultReturnType> {
  return waitForEvents(client, hash, symbioticVaultAbi)
}
