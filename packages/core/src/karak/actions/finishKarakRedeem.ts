import { type Account, type Address, type Hex, isHex } from 'viem'
import { InvalidParameterError, type RestakeKitError } from '../../errors.js'
import {
  assertAddress,
  type Call,
  calls,
  encodeCall,
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
import type { KarakDeployment } from '../deployments.js'
import {
  KarakUnknownWithdrawalError,
  KarakWithdrawalNotFoundError,
  KarakWithdrawalNotReadyError,
  karakVaultRevertMapper,
} from '../errors.js'
import {
  isKarakWithdrawalReady,
  karakFindWithdrawalNonce,
  karakSharesToAssets,
  karakWithdrawalKey,
  karakWithdrawalReadyAt,
} from '../math.js'
import type { KarakQueuedWithdrawal } from './getKarakPositions.js'
import {
  accountAddress,
  type ReadClient,
  readTimestamp,
  timestampRead,
  type WriteClient,
  withdrawalDelay,
} from './internal.js'

function assertKey(value: unknown): Hex {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66) {
    throw new InvalidParameterError('withdrawalKey', `${String(value)} is not a 32-byte hex key`)
  }
  return value.toLowerCase() as Hex
}

function assertNonce(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidParameterError('nonce', `${String(value)} must be a bigint ≥ 0`)
  return value
}

export type GetKarakWithdrawalParameters = {
  vault: Address
  /** Who called `startRedeem`. */
  staker: Address
  deployment?: KarakDeployment
} & ({ withdrawalKey: Hex; nonce?: undefined } | { nonce: bigint; withdrawalKey?: undefined })
export type GetKarakWithdrawalReturnType = KarakQueuedWithdrawal & { timestamp: bigint }

/**
 * One queued withdrawal with its ready time, by key or by nonce. A key is matched against the
 * staker's nonces (one extra `eth_call`); unknown keys and finished withdrawals are typed errors.
 */
export async function getKarakWithdrawal(
  client: ReadClient,
  params: GetKarakWithdrawalParameters,
): Promise<GetKarakWithdrawalReturnType> {
  const vault = assertAddress('vault', params.vault)
  const staker = assertAddress('staker', params.staker)
  let nonce: bigint
  let key: Hex
  if (params.nonce !== undefined) {
    nonce = assertNonce(params.nonce)
    key = karakWithdrawalKey(staker, nonce)
  } else {
    key = assertKey(params.withdrawalKey)
    const [next] = await readBatch(client, [
      { address: vault, abi: karakVaultAbi, functionName: 'getNextWithdrawNonce', args: [staker] },
    ])
    const found = karakFindWithdrawalNonce(staker, key, unwrap<bigint>(next))
    if (found === undefined) throw new KarakUnknownWithdrawalError(vault, key, staker)
    nonce = found
  }
  const [queued, totalAssets, totalSupply, time] = await readBatch(client, [
    { address: vault, abi: karakVaultAbi, functionName: 'getQueuedWithdrawal', args: [staker, nonce] },
    { address: vault, abi: karakVaultAbi, functionName: 'totalAssets' },
    { address: vault, abi: karakVaultAbi, functionName: 'totalSupply' },
    timestampRead(client),
  ])
  const w = unwrap<{ staker: Address; start: bigint; shares: bigint; beneficiary: Address }>(queued)
  if (w.start === 0n) throw new KarakWithdrawalNotFoundError(vault, key)
  const timestamp = await readTimestamp(client, time)
  const delay = withdrawalDelay(client, params.deployment)
  const state = { totalAssets: unwrap<bigint>(totalAssets), totalSupply: unwrap<bigint>(totalSupply) }
  return {
    vault,
    staker,
    nonce,
    withdrawalKey: key,
    beneficiary: w.beneficiary,
    shares: w.shares,
    assets: karakSharesToAssets(state, w.shares),
    start: w.start,
    readyAt: karakWithdrawalReadyAt(w.start, delay),
    ready: isKarakWithdrawalReady(w.start, delay, timestamp),
    timestamp,
  }
}

export type PrepareFinishKarakRedeemParameters =
  | { vault: Address; withdrawalKey: Hex }
  /** Several withdrawals (any vaults) in one list, e.g. every ready one from `getKarakQueuedWithdrawals`. */
  | { withdrawals: readonly { vault: Address; withdrawalKey: Hex }[] }
export type PrepareFinishKarakRedeemReturnType = readonly Call[]

/**
 * The calls that finish queued redemptions (`finishRedeem(withdrawalKey)`, one per withdrawal).
 * Pure: it cannot check readiness; pick ready withdrawals (`ready: true`) or use `finishKarakRedeem`.
 */
export function prepareFinishKarakRedeem(
  params: PrepareFinishKarakRedeemParameters,
): PrepareFinishKarakRedeemReturnType {
  const list = 'withdrawals' in params ? params.withdrawals : [params]
  if (!Array.isArray(list) || list.length === 0) {
    throw new InvalidParameterError('withdrawals', 'must be a non-empty array')
  }
  return calls(
    ...list.map((w, i) =>
      encodeCall({
        address: assertAddress(list.length === 1 ? 'vault' : `withdrawals[${i}].vault`, w.vault),
        abi: karakVaultAbi,
        functionName: 'finishRedeem',
        args: [assertKey(w.withdrawalKey)],
      }),
    ),
  )
}

export type SimulateFinishKarakRedeemParameters = {
  account: Account | Address
  vault: Address
  /** The staker who queued it; default the account. Anyone may finish anyone's withdrawal. */
  staker?: Address
  deployment?: KarakDeployment
} & ({ withdrawalKey: Hex; nonce?: undefined } | { nonce: bigint; withdrawalKey?: undefined })
export type SimulateFinishKarakRedeemReturnType = SimulatedWrite<undefined> & {
  withdrawal: GetKarakWithdrawalReturnType
}

function lookupParams(
  params: SimulateFinishKarakRedeemParameters,
  staker: Address,
): GetKarakWithdrawalParameters {
  const base = {
    vault: params.vault,
    staker,
    ...(params.deployment ? { deployment: params.deployment } : {}),
  }
  return params.nonce !== undefined
    ? { ...base, nonce: params.nonce }
    : { ...base, withdrawalKey: params.withdrawalKey as Hex }
}

/**
 * Checks the withdrawal is queued and ready (a `KarakWithdrawalNotReadyError` naming the ready
 * time otherwise), then simulates `finishRedeem`.
 */
export async function simulateFinishKarakRedeem(
  client: ReadClient,
  params: SimulateFinishKarakRedeemParameters,
): Promise<SimulateFinishKarakRedeemReturnType> {
  const account = assertAddress('account', accountAddress(params.account))
  const staker = assertAddress('staker', params.staker ?? account)
  const withdrawal = await getKarakWithdrawal(client, lookupParams(params, staker))
  if (!withdrawal.ready) {
    throw new KarakWithdrawalNotReadyError(
      withdrawal.vault,
      withdrawal.withdrawalKey,
      withdrawal.readyAt,
      withdrawal.timestamp,
    )
  }
  const simulated = await simulateWrite<undefined>(client, {
    account: params.account,
    address: withdrawal.vault,
    abi: karakVaultRevertAbi,
    functionName: 'finishRedeem',
    args: [withdrawal.withdrawalKey],
    contract: 'KarakVault',
    mapper: karakVaultRevertMapper({
      vault: withdrawal.vault,
      account,
      withdrawalKey: withdrawal.withdrawalKey,
    }),
  })
  return { ...simulated, withdrawal }
}

export type FinishKarakRedeemParameters = Omit<SimulateFinishKarakRedeemParameters, 'account'> & {
  account?: Account | Address
}
export type FinishKarakRedeemReturnType = Hex
export type FinishKarakRedeemErrorType =
  | KarakWithdrawalNotReadyError
  | KarakUnknownWithdrawalError
  | KarakWithdrawalNotFoundError
  | RestakeKitError

/**
 * Finishes a queued redemption once `MIN_WITHDRAWAL_DELAY` has passed: the assets go to the
 * beneficiary at the vault's rate then. Before that, a `KarakWithdrawalNotReadyError` naming the
 * ready time, and nothing is sent.
 */
export async function finishKarakRedeem(
  walletClient: WriteClient,
  params: FinishKarakRedeemParameters,
): Promise<FinishKarakRedeemReturnType> {
  const account = resolveAccount(walletClient, params.account)
  const { request } = await simulateFinishKarakRedeem(walletClient, {
    ...params,
    account,
  } as SimulateFinishKarakRedeemParameters)
  return sendWrite(walletClient, request)
}

export type WaitForFinishKarakRedeemReturnType = WaitForEventsReturnType<typeof karakVaultAbi>

/** Waits for `finishRedeem` and decodes its events (`FinishedRedeem`, `Withdraw`, `Transfer`). */
export async function waitForFinishKarakRedeem(
  client: ReadClient,
  hash: Hex,
): Promise<WaitForFinishKarakRedeemReturnType> {
  return waitForEvents(client, hash, karakVaultAbi)
}
