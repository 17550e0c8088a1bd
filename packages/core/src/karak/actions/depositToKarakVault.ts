import { type Account, type Address, erc20Abi, type Hex } from 'viem'
import {
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  type RestakeKitError,
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
  resolveAccount,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { karakVaultAbi, karakVaultRevertAbi } from '../abis.js'
import { karakVaultRevertMapper } from '../errors.js'
import { karakMinSharesOut } from '../math.js'
import { accountAddress, type ReadClient, type WriteClient } from './internal.js'

/** Default slippage tolerance on `previewDeposit` when no `minSharesOut` is given: 0.5 %. */
export const KARAK_DEFAULT_SLIPPAGE_BPS = 50n

export type PrepareDepositToKarakVaultParameters = {
  vault: Address
  /** Amount of the vault's asset, in its base units. */
  assets: bigint
  /** Who receives the shares. */
  receiver: Address
  /** Least shares to accept (the vault reverts `NotEnoughShares` below it); 0n accepts any. */
  minSharesOut: bigint
  /** The vault's asset: when given, the list starts with `approve(vault, assets)` on it. */
  asset?: Address
}
export type PrepareDepositToKarakVaultReturnType = readonly Call[]

function assertMinShares(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidAmountError('minSharesOut', value, 'must be a bigint ≥ 0')
  return value
}

/** The calls of a deposit (`deposit(assets, receiver, minSharesOut)`, after an approval if `asset` is given). Pure. */
export function prepareDepositToKarakVault(
  params: PrepareDepositToKarakVaultParameters,
): PrepareDepositToKarakVaultReturnType {
  const vault = assertAddress('vault', params.vault)
  const assets = assertAmount('assets', params.assets)
  const receiver = assertAddress('receiver', params.receiver)
  const minSharesOut = assertMinShares(params.minSharesOut)
  const deposit = encodeCall({
    address: vault,
    abi: karakVaultAbi,
    functionName: 'deposit',
    args: [assets, receiver, minSharesOut],
  })
  if (params.asset === undefined) return calls(deposit)
  return calls(
    prepareApprove({ token: assertAddress('asset', params.asset), spender: vault, amount: assets }),
    deposit,
  )
}

export type SimulateDepositToKarakVaultParameters = {
  account: Account | Address
  vault: Address
  assets: bigint
  /** Who receives the shares; default the account. */
  receiver?: Address
  /** Least shares to accept; default `previewDeposit(assets)` less `slippageBps`. */
  minSharesOut?: bigint
  /** Tolerance on `previewDeposit` when `minSharesOut` is not given, in basis points (default 50 = 0.5 %). */
  slippageBps?: bigint
}
export type SimulateDepositToKarakVaultReturnType = SimulatedWrite<bigint> & {
  /** The `minSharesOut` the request carries. */
  minSharesOut: bigint
  /** `previewDeposit(assets)` when it was read. */
  expectedShares: bigint | undefined
}

type Resolved = {
  vault: Address
  assets: bigint
  receiver: Address
  account: Address
  minSharesOut: bigint | undefined
  slippageBps: bigint
}

function resolve(params: SimulateDepositToKarakVaultParameters): Resolved {
  const account = accountAddress(params.account)
  const slippageBps = params.slippageBps ?? KARAK_DEFAULT_SLIPPAGE_BPS
  if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n) {
    throw new InvalidAmountError('slippageBps', slippageBps, 'must be a bigint in [0, 10000]')
  }
  return {
    vault: assertAddress('vault', params.vault),
    assets: assertAmount('assets', params.assets),
    receiver: assertAddress('receiver', params.receiver ?? account),
    account: assertAddress('account', account),
    minSharesOut: params.minSharesOut === undefined ? undefined : assertMinShares(params.minSharesOut),
    slippageBps,
  }
}

async function simulateResolved(
  client: ReadClient,
  account: Account | Address,
  p: Resolved & { asset?: Address },
  expectedShares: bigint | undefined,
): Promise<SimulateDepositToKarakVaultReturnType> {
  let minSharesOut = p.minSharesOut
  let expected = expectedShares
  if (minSharesOut === undefined) {
    if (expected === undefined) {
      const [preview] = await readBatch(client, [
        { address: p.vault, abi: karakVaultAbi, functionName: 'previewDeposit', args: [p.assets] },
      ])
      expected = unwrap<bigint>(preview)
    }
    minSharesOut = karakMinSharesOut(expected, p.slippageBps)
  }
  const simulated = await simulateWrite<bigint>(client, {
    account,
    address: p.vault,
    abi: karakVaultRevertAbi,
    functionName: 'deposit',
    args: [p.assets, p.receiver, minSharesOut],
    contract: 'KarakVault',
    mapper: karakVaultRevertMapper({
      vault: p.vault,
      account: p.account,
      assets: p.assets,
      minSharesOut,
      ...(p.asset ? { asset: p.asset } : {}),
      ...(expected === undefined ? {} : { expectedShares: expected }),
    }),
  })
  return { ...simulated, minSharesOut, expectedShares: expected }
}

/**
 * Simulates `deposit(assets, receiver, minSharesOut)` from `account`: the shares it would mint, and
 * the request to send. The account must already have approved the vault for `assets`.
 */
export async function simulateDepositToKarakVault(
  client: ReadClient,
  params: SimulateDepositToKarakVaultParameters,
): Promise<SimulateDepositToKarakVaultReturnType> {
  return simulateResolved(client, params.account, resolve(params), undefined)
}

export type DepositToKarakVaultParameters = Omit<SimulateDepositToKarakVaultParameters, 'account'> & {
  account?: Account | Address
}
export type DepositToKarakVaultReturnType = Hex
export type DepositToKarakVaultErrorType = RestakeKitError

/**
 * Deposits into a Karak vault: validates, checks the asset balance, approves the vault exactly
 * when the allowance is short (`ensureAllowance`), simulates `deposit(assets, receiver,
 * minSharesOut)` and sends it. Returns the deposit's hash. If the deposit fails after the approval
 * landed, a `StepFailedError` says so: the tokens are still in the wallet.
 */
export async function depositToKarakVault(
  walletClient: WriteClient,
  params: DepositToKarakVaultParameters,
): Promise<DepositToKarakVaultReturnType> {
  const account = resolveAccount(walletClient, params.account)
  const p = resolve({ ...params, account })
  const [assetResult, previewResult] = await readBatch(walletClient, [
    { address: p.vault, abi: karakVaultAbi, functionName: 'asset' },
    { address: p.vault, abi: karakVaultAbi, functionName: 'previewDeposit', args: [p.assets] },
  ])
  if (assetResult?.status !== 'success') {
    throw new InvalidParameterError('vault', `${p.vault} is not a Karak vault (asset() failed)`)
  }
  const asset = assetResult.result as Address
  const expectedShares = unwrap<bigint>(previewResult)
  const [balanceResult] = await readBatch(walletClient, [
    { address: asset, abi: erc20Abi, functionName: 'balanceOf', args: [p.account] },
  ])
  const balance = unwrap<bigint>(balanceResult)
  if (balance < p.assets) throw new InsufficientBalanceError(asset, p.assets, balance, p.account)

  const approval = await ensureAllowance(walletClient, {
    token: asset,
    spender: p.vault,
    amount: p.assets,
    account,
  })
  const completed = approval ? [{ step: 'approve', hash: approval }] : []
  const fail = (step: string, error: unknown): never => {
    if (completed.length === 0) throw error
    throw new StepFailedError(
      step,
      completed,
      `the approval landed but nothing was deposited: your ${p.assets} of ${asset} are still in your wallet (the vault may spend them until you revoke the approval).`,
      error,
    )
  }
  let simulated: SimulateDepositToKarakVaultReturnType
  try {
    simulated = await simulateResolved(walletClient, account, { ...p, asset }, expectedShares)
  } catch (error) {
    return fail('simulate deposit', error)
  }
  try {
    return await sendWrite(walletClient, simulated.request)
  } catch (error) {
    return fail('send deposit', error)
  }
}

export type WaitForDepositToKarakVaultReturnType = WaitForEventsReturnType<typeof karakVaultAbi>

/** Waits for a deposit and decodes its events (`Deposit`, `Transfer`, …) as typed objects. */
export async function waitForDepositToKarakVault(
  client: ReadClient,
  hash: Hex,
): Promise<WaitForDepositToKarakVaultReturnType> {
  return waitForEvents(client, hash, karakVaultAbi)
}
