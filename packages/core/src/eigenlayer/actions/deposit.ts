import { type Account, type Address, erc20Abi, type Hex } from 'viem'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidParameterError,
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
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { eigenlayerEventsAbi, eigenlayerStrategyAbi, strategyManagerAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import { eigenlayerRevertMapper, StrategyNotWhitelistedError } from '../errors.js'
import {
  accountAddress,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
  sameAddress,
} from '../internal.js'

export type DepositParameters = {
  strategy: Address
  /** The strategy's underlying token (checked against `strategy.underlyingToken()`). */
  token: Address
  /** Amount in the token's base units. */
  amount: bigint
  account?: Account | Address
} & DeploymentParameter

export type PrepareDepositParameters = {
  strategy: Address
  token: Address
  amount: bigint
  /** Include the exact ERC-20 approval before the deposit (default true). */
  approve?: boolean
} & PrepareDeploymentParameter

export type PrepareDepositReturnType = readonly Call[]
export type SimulateDepositReturnType = SimulatedWrite<bigint>
export type DepositReturnType = Hex
export type WaitForDepositReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  /** The deposit shares minted (from either `Deposit` event form). */
  shares: bigint | undefined
}
export type DepositErrorType =
  | StrategyNotWhitelistedError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | InvalidParameterError
  | StepFailedError
  | Error

function validate(params: { strategy: Address; token: Address; amount: bigint }) {
  return {
    strategy: assertAddress('strategy', params.strategy),
    token: assertAddress('token', params.token),
    amount: assertAmount('amount', params.amount),
  }
}

/** Layer 1 (pure): the approval (unless `approve: false`) and `depositIntoStrategy` calls. */
export function prepareDeposit(params: PrepareDepositParameters): PrepareDepositReturnType {
  const { strategy, token, amount } = validate(params)
  const d = prepareDeployment(params)
  const deposit = encodeCall({
    address: d.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'depositIntoStrategy',
    args: [strategy, token, amount],
  })
  return params.approve === false
    ? calls(deposit)
    : calls(prepareApprove({ token, spender: d.strategyManager, amount }), deposit)
}

/**
 * @internal The checks before a deposit, in one round trip: the strategy takes deposits, the token
 * is its underlying, and the payer holds the amount (and, with `checkAllowance`, has approved it).
 */
export async function checkDeposit(
  client: EigenLayerReadClient,
  d: EigenLayerDeployment,
  p: { strategy: Address; token: Address; amount: bigint; payer: Address; checkAllowance: boolean },
): Promise<void> {
  const [whitelisted, underlying, balance, allowance] = await readBatch(client, [
    {
      address: d.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'strategyIsWhitelistedForDeposit',
      args: [p.strategy],
    },
    { address: p.strategy, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' },
    { address: p.token, abi: erc20Abi, functionName: 'balanceOf', args: [p.payer] },
    { address: p.token, abi: erc20Abi, functionName: 'allowance', args: [p.payer, d.strategyManager] },
  ])
  if (whitelisted?.status !== 'success' || whitelisted.result !== true)
    throw new StrategyNotWhitelistedError(p.strategy)
  const u = unwrap<Address>(underlying)
  if (!sameAddress(u, p.token)) {
    throw new InvalidParameterError('token', `${p.token} is not the underlying token of ${p.strategy} (${u})`)
  }
  const held = unwrap<bigint>(balance)
  if (held < p.amount) throw new InsufficientBalanceError(p.token, p.amount, held, p.payer)
  const allowed = unwrap<bigint>(allowance)
  if (p.checkAllowance && allowed < p.amount) {
    throw new InsufficientAllowanceError(p.token, d.strategyManager, p.amount, allowed)
  }
}

/** Layer 2: validates, checks (whitelist, token, balance, allowance), simulates `depositIntoStrategy`. */
export async function simulateDeposit(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: DepositParameters,
): Promise<SimulateDepositReturnType> {
  const { strategy, token, amount } = validate(params)
  const account = requireAccount(client, params.account)
  const d = getDeployment(client, params.deployment)
  await checkDeposit(client, d, {
    strategy,
    token,
    amount,
    payer: accountAddress(account),
    checkAllowance: true,
  })
  return simulateWrite<bigint>(client, {
    account,
    address: d.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'depositIntoStrategy',
    args: [strategy, token, amount],
    contract: 'StrategyManager',
    mapper: eigenlayerRevertMapper({ staker: accountAddress(account), strategy }),
  })
}

/**
 * Layer 3: approves exactly the amount when the allowance is short (`ensureAllowance`), then
 * simulates and sends the deposit. If the deposit fails after an approval landed, a
 * `StepFailedError` says so: the approval stands and the tokens are still in the wallet.
 */
export async function deposit(
  walletClient: EigenLayerWalletClient,
  params: DepositParameters,
): Promise<DepositReturnType> {
  const { strategy, token, amount } = validate(params)
  const account = requireAccount(walletClient, params.account)
  const d = getDeployment(walletClient, params.deployment)
  await checkDeposit(walletClient, d, {
    strategy,
    token,
    amount,
    payer: accountAddress(account),
    checkAllowance: false,
  })
  const approval = await ensureAllowance(walletClient, { token, spender: d.strategyManager, amount, account })
  try {
    const { request } = await simulateDeposit(walletClient, { ...params, account })
    return await sendWrite(walletClient, request)
  } catch (error) {
    if (!approval) throw error
    throw new StepFailedError(
      'depositIntoStrategy',
      [{ step: 'approve', hash: approval }],
      `the approval landed; the ${amount} tokens are still in the wallet (${accountAddress(account)}).`,
      error,
    )
  }
}

/** Layer 4: waits for the deposit and decodes its events (either `Deposit` form). */
export async function waitForDeposit(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForDepositReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  return { ...r, shares: depositSharesFromEvents(r.events) }
}

/** The shares of the first `Deposit` event, in either form (≤ v1.2 with `token`, v1.3+ without). */
export function depositSharesFromEvents(
  events: readonly { eventName: string; args: unknown }[],
): bigint | undefined {
  const ev = events.find((e) => e.eventName === 'Deposit')
  return ev ? (ev.args as { shares: bigint }).shares : undefined
}
