import { type Account, type Address, getAddress, type Hex } from 'viem'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
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
import { accountAddress, type ReadClient, type WriteClient } from './internal.js'

// A Karak vault pulls the shares of `startRedeem` with `transferFrom` as itself, so the staker first
// approves the vault for its own shares (`vault.approve(vault, shares)`); these actions include that step.

export type PrepareStartKarakRedeemParameters = {
  vault: Address
  /** Vault shares to redeem. */
  shares: bigint
  /** Who receives the assets at `finishRedeem`. */
  beneficiary: Address
  /** Start with `approve(vault, shares)` on the vault's share token (default true; the vault needs it). */
  approve?: boolean
}
export type PrepareStartKarakRedeemReturnType = readonly Call[]

/** The calls that queue a redemption: the share approval to the vault, then `startRedeem`. Pure. */
export function prepareStartKarakRedeem(
  params: PrepareStartKarakRedeemParameters,
): PrepareStartKarakRedeemReturnType {
  const vault = assertAddress('vault', params.vault)
  const shares = assertAmount('shares', params.shares)
  const beneficiary = assertAddress('beneficiary', params.beneficiary)
  const start = encodeCall({
    address: vault,
    abi: karakVaultAbi,
    functionName: 'startRedeem',
    args: [shares, beneficiary],
  })
  if (params.approve === false) return calls(start)
  return calls(prepareApprove({ token: vault, spender: vault, amount: shares }), start)
}

export type SimulateStartKarakRedeemParameters = {
  account: Account | Address
  vault: Address
  shares: bigint
  /** Default: the account. */
  beneficiary?: Address
}
/** The simulated request; `result` is the withdrawal key. */
export type SimulateStartKarakRedeemReturnType = SimulatedWrite<Hex>

function resolve(params: SimulateStartKarakRedeemParameters) {
  const account = assertAddress('account', accountAddress(params.account))
  return {
    account,
    vault: assertAddress('vault', params.vault),
    shares: assertAmount('shares', params.shares),
    beneficiary: assertAddress('beneficiary', params.beneficiary ?? account),
  }
}

/** Reads the account's shares and share allowance to the vault (one `eth_call`). */
async function readShares(client: ReadClient, vault: Address, account: Address) {
  const [balance, allowance] = await readBatch(client, [
    { address: vault, abi: karakVaultAbi, functionName: 'balanceOf', args: [account] },
    { address: vault, abi: karakVaultAbi, functionName: 'allowance', args: [account, vault] },
  ])
  return { balance: unwrap<bigint>(balance), allowance: unwrap<bigint>(allowance) }
}

async function simulateResolved(
  client: ReadClient,
  account: Account | Address,
  p: ReturnType<typeof resolve>,
  held: { balance: bigint; allowance: bigint },
): Promise<SimulateStartKarakRedeemReturnType> {
  return simulateWrite<Hex>(client, {
    account,
    address: p.vault,
    abi: karakVaultRevertAbi,
    functionName: 'startRedeem',
    args: [p.shares, p.beneficiary],
    contract: 'KarakVault',
    mapper: karakVaultRevertMapper({
      vault: p.vault,
      account: p.account,
      shares: p.shares,
      shareBalance: held.balance,
      shareAllowance: held.allowance,
    }),
  })
}

/**
 * Simulates `startRedeem(shares, beneficiary)`: the withdrawal key it would return. Checks first
 * that the account holds the shares and has approved the vault for them (typed errors otherwise).
 */
export async function simulateStartKarakRedeem(
  client: ReadClient,
  params: SimulateStartKarakRedeemParameters,
): Promise<SimulateStartKarakRedeemReturnType> {
  const p = resolve(params)
  const held = await readShares(client, p.vault, p.account)
  if (held.balance < p.shares) throw new InsufficientBalanceError(p.vault, p.shares, held.balance, p.account)
  if (held.allowance < p.shares)
    throw new InsufficientAllowanceError(p.vault, p.vault, p.shares, held.allowance)
  return simulateResolved(client, params.account, p, held)
}

export type StartKarakRedeemParameters = Omit<SimulateStartKarakRedeemParameters, 'account'> & {
  account?: Account | Address
}
export type StartKarakRedeemReturnType = Hex
export type StartKarakRedeemErrorType = RestakeKitError

/**
 * Queues a redemption: checks the share balance, approves the vault for the shares when short,
 * simulates and sends `startRedeem`. Returns the hash; `waitForStartKarakRedeem` gives the key.
 * If it fails after the approval landed, a `StepFailedError` says the shares are still in the wallet.
 */
export async function startKarakRedeem(
  walletClient: WriteClient,
  params: StartKarakRedeemParameters,
): Promise<StartKarakRedeemReturnType> {
  const account = resolveAccount(walletClient, params.account)
  const p = resolve({ ...params, account })
  const held = await readShares(walletClient, p.vault, p.account)
  if (held.balance < p.shares) throw new InsufficientBalanceError(p.vault, p.shares, held.balance, p.account)
  const approval =
    held.allowance >= p.shares
      ? null
      : await ensureAllowance(walletClient, { token: p.vault, spender: p.vault, amount: p.shares, account })
  const completed = approval ? [{ step: 'approve shares', hash: approval }] : []
  const fail = (step: string, error: unknown): never => {
    if (completed.length === 0) throw error
    throw new StepFailedError(
      step,
      completed,
      `the share approval landed but no redemption was queued: your ${p.shares} shares of ${p.vault} are still in your wallet.`,
      error,
    )
  }
  let simulated: SimulateStartKarakRedeemReturnType
  try {
    simulated = await simulateResolved(walletClient, account, p, {
      balance: held.balance,
      allowance: approval ? p.shares : held.allowance,
    })
  } catch (error) {
    return fail('simulate startRedeem', error)
  }
  try {
    return await sendWrite(walletClient, simulated.request)
  } catch (error) {
    return fail('send startRedeem', error)
  }
}

export type WaitForStartKarakRedeemReturnType = WaitForEventsReturnType<typeof karakVaultAbi> & {
  /** The withdrawals the transaction queued (from `StartedRedeem`), with their keys. */
  withdrawals: { vault: Address; staker: Address; withdrawalKey: Hex; shares: bigint; assets: bigint }[]
}

/** Waits for `startRedeem` and decodes its events; `withdrawals` holds the queued keys. */
export async function waitForStartKarakRedeem(
  client: ReadClient,
  hash: Hex,
): Promise<WaitForStartKarakRedeemReturnType> {
  const result = await waitForEvents(client, hash, karakVaultAbi)
  const withdrawals = result.events.flatMap((e) =>
    e.eventName === 'StartedRedeem'
      ? [
          {
            vault: getAddress(e.address),
            staker: e.args.staker,
            withdrawalKey: e.args.withdrawKey,
            shares: e.args.shares,
            assets: e.args.assets,
          },
        ]
      : [],
  )
  return { ...result, withdrawals }
}
