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
} from '../../tx.js'
import { eigenlayerStrategyAbi, strategyManagerAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import {
  eigenlayerRevertMapper,
  InvalidSignatureError,
  SignatureExpiredError,
  StrategyNotWhitelistedError,
} from '../errors.js'
import {
  accountAddress,
  clockFrom,
  clockReads,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
  sameAddress,
} from '../internal.js'
import type { SignDepositReturnType } from '../signatures.js'
import { type WaitForDepositReturnType, waitForDeposit } from './deposit.js'

/** A staker's signed deposit (what `signDeposit` returns); `nonce` optional (checked when given). */
export type SignedDeposit = Omit<SignDepositReturnType, 'nonce'> & { nonce?: bigint | undefined }

export type DepositWithSignatureParameters = {
  signed: SignedDeposit
  /** The submitter (pays the tokens); default the wallet client's account. */
  account?: Account | Address
} & DeploymentParameter

export type PrepareDepositWithSignatureParameters = {
  signed: SignedDeposit
  /** Include the submitter's exact approval first (default true). */
  approve?: boolean
} & PrepareDeploymentParameter

export type PrepareDepositWithSignatureReturnType = readonly Call[]
export type SimulateDepositWithSignatureReturnType = SimulatedWrite<bigint>
export type DepositWithSignatureReturnType = Hex
export type WaitForDepositWithSignatureReturnType = WaitForDepositReturnType
export type DepositWithSignatureErrorType =
  | SignatureExpiredError
  | InvalidSignatureError
  | StrategyNotWhitelistedError
  | InsufficientBalanceError
  | StepFailedError
  | Error

/**
 * @internal The checks before a deposit, in one round trip: the strategy takes deposits, the token
 * is its underlying, and the payer holds the amount (and, with `checkAllowance`, has approved it).
 */
async function checkDeposit(
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
    throw new StrategyNotWhitelistedError({ strategy: p.strategy })
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

function validate(s: SignedDeposit) {
  if (!s || typeof s !== 'object') throw new InvalidParameterError('signed', 'must be the signed deposit')
  if (typeof s.expiry !== 'bigint') throw new InvalidParameterError('signed.expiry', 'must be a bigint')
  if (typeof s.signature !== 'string' || !s.signature.startsWith('0x'))
    throw new InvalidParameterError('signed.signature', 'must be hex')
  return {
    staker: assertAddress('signed.staker', s.staker),
    strategy: assertAddress('signed.strategy', s.strategy),
    token: assertAddress('signed.token', s.token),
    amount: assertAmount('signed.amount', s.amount),
    expiry: s.expiry,
    signature: s.signature,
  }
}

/** Layer 1 (pure): the submitter's approval (unless `approve: false`) and `depositIntoStrategyWithSignature`. */
export function prepareDepositWithSignature(
  params: PrepareDepositWithSignatureParameters,
): PrepareDepositWithSignatureReturnType {
  const v = validate(params.signed)
  const d = prepareDeployment(params)
  const call = encodeCall({
    address: d.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'depositIntoStrategyWithSignature',
    args: [v.strategy, v.token, v.amount, v.staker, v.expiry, v.signature],
  })
  return params.approve === false
    ? calls(call)
    : calls(prepareApprove({ token: v.token, spender: d.strategyManager, amount: v.amount }), call)
}

async function checkSignature(
  client: EigenLayerReadClient,
  d: EigenLayerDeployment,
  v: ReturnType<typeof validate>,
  nonce: bigint | undefined,
) {
  const results = await readBatch(client, [
    { address: d.strategyManager, abi: strategyManagerAbi, functionName: 'nonces', args: [v.staker] },
    ...clockReads(client),
  ])
  const { timestamp } = await clockFrom(client, results.slice(1))
  if (v.expiry < timestamp) throw new SignatureExpiredError({ expiry: v.expiry, now: timestamp })
  const current = unwrap<bigint>(results[0])
  if (nonce !== undefined && nonce !== current) {
    throw new InvalidSignatureError({
      reason: `signed for nonce ${nonce}, the staker's nonce is now ${current} (used or stale)`,
    })
  }
}

/**
 * Layer 2: checks the signature's expiry and nonce, the strategy, the submitter's balance and
 * allowance, and simulates `depositIntoStrategyWithSignature` (the tokens come from the submitter,
 * the shares go to the staker).
 */
export async function simulateDepositWithSignature(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: DepositWithSignatureParameters,
): Promise<SimulateDepositWithSignatureReturnType> {
  const v = validate(params.signed)
  const account = requireAccount(client, params.account)
  const d = getDeployment(client, params.deployment)
  await checkSignature(client, d, v, params.signed.nonce)
  await checkDeposit(client, d, { ...v, payer: accountAddress(account), checkAllowance: true })
  return simulateWrite<bigint>(client, {
    account,
    address: d.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'depositIntoStrategyWithSignature',
    args: [v.strategy, v.token, v.amount, v.staker, v.expiry, v.signature],
    contract: 'StrategyManager',
    mapper: eigenlayerRevertMapper({ staker: v.staker, strategy: v.strategy, expiry: v.expiry }),
  })
}

/** Layer 3: approves when short, then simulates and sends (a failure after the approval is a `StepFailedError`). */
export async function depositWithSignature(
  walletClient: EigenLayerWalletClient,
  params: DepositWithSignatureParameters,
): Promise<DepositWithSignatureReturnType> {
  const v = validate(params.signed)
  const account = requireAccount(walletClient, params.account)
  const d = getDeployment(walletClient, params.deployment)
  await checkSignature(walletClient, d, v, params.signed.nonce)
  await checkDeposit(walletClient, d, { ...v, payer: accountAddress(account), checkAllowance: false })
  const approval = await ensureAllowance(walletClient, {
    token: v.token,
    spender: d.strategyManager,
    amount: v.amount,
    account,
  })
  try {
    const { request } = await simulateDepositWithSignature(walletClient, { ...params, account })
    return await sendWrite(walletClient, request)
  } catch (error) {
    if (!approval) throw error
    throw new StepFailedError(
      'depositIntoStrategyWithSignature',
      [{ step: 'approve', hash: approval }],
      `the approval landed; the ${v.amount} tokens are still in the submitter's wallet (${accountAddress(account)}).`,
      error,
    )
  }
}

/** Layer 4: waits and decodes the `Deposit` event (either form). */
export async function waitForDepositWithSignature(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForDepositWithSignatureReturnType> {
  return waitForDeposit(client, hash)
}
