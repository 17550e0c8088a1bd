import type { Account, Address, Hex } from 'viem'
import { InvalidAmountError, InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  assertNonEmpty,
  assertSameLength,
  type BatchRead,
  type Call,
  calls,
  encodeCall,
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { delegationManagerAbi, eigenlayerEventsAbi, eigenlayerStrategyAbi } from '../abis.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import { eigenlayerRevertMapper, InsufficientSharesError } from '../errors.js'
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
  type Withdrawal,
} from '../internal.js'

export type QueueWithdrawalsParameters = {
  /** One withdrawal is queued for all of them (several strategies at once). */
  strategies: readonly Address[]
  /** Withdrawable shares per strategy (as `getDeposits` reports them). Give this or `amounts`. */
  shares?: readonly bigint[]
  /** Underlying token amounts per strategy, converted with `underlyingToSharesView`. */
  amounts?: readonly bigint[]
  account?: Account | Address
} & DeploymentParameter

export type PrepareQueueWithdrawalsParameters = {
  staker: Address
  strategies: readonly Address[]
  /** Deposit shares (not withdrawable shares): what `queueWithdrawals` takes. */
  depositShares: readonly bigint[]
} & PrepareDeploymentParameter

export type PrepareQueueWithdrawalsReturnType = readonly Call[]
export type SimulateQueueWithdrawalsReturnType = SimulatedWrite<readonly Hex[]> & {
  /** The deposit shares sent, converted from the withdrawable shares on chain-equal math. */
  depositShares: readonly bigint[]
  /** The withdrawable shares asked for. */
  withdrawableShares: readonly bigint[]
}
export type QueueWithdrawalsReturnType = Hex
export type QueuedWithdrawalEvent = { root: Hex; withdrawal: Withdrawal; shares: readonly bigint[] }
export type WaitForQueueWithdrawalsReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  withdrawals: QueuedWithdrawalEvent[]
}
export type QueueWithdrawalsErrorType =
  | InsufficientSharesError
  | InvalidAmountError
  | InvalidParameterError
  | Error

/** Layer 1 (pure): `queueWithdrawals` for deposit shares. */
export function prepareQueueWithdrawals(
  params: PrepareQueueWithdrawalsParameters,
): PrepareQueueWithdrawalsReturnType {
  const staker = assertAddress('staker', params.staker)
  const strategies = assertNonEmpty('strategies', params.strategies).map((s, i) =>
    assertAddress(`strategies[${i}]`, s),
  )
  assertSameLength(['strategies', 'depositShares'], [params.strategies, params.depositShares])
  const depositShares = params.depositShares.map((s, i) => assertAmount(`depositShares[${i}]`, s))
  const d = prepareDeployment(params)
  return calls(
    encodeCall({
      address: d.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'queueWithdrawals',
      args: [[{ strategies, depositShares, __deprecated_withdrawer: staker }]],
    }),
  )
}

function validate(params: QueueWithdrawalsParameters) {
  const strategies = assertNonEmpty('strategies', params.strategies).map((s, i) =>
    assertAddress(`strategies[${i}]`, s),
  )
  if ((params.shares === undefined) === (params.amounts === undefined)) {
    throw new InvalidParameterError(
      'shares/amounts',
      'give exactly one of `shares` (withdrawable) or `amounts` (underlying)',
    )
  }
  const given = (params.shares ?? params.amounts)!
  assertSameLength(['strategies', params.shares ? 'shares' : 'amounts'], [strategies, given])
  const values = given.map((v, i) => assertAmount(`${params.shares ? 'shares' : 'amounts'}[${i}]`, v))
  return { strategies, values, byAmount: params.amounts !== undefined }
}

/**
 * Layer 2: converts the withdrawable shares (or underlying amounts) to deposit shares on chain
 * (`convertToDepositShares`, the contracts' math; a full withdrawal sends exactly the deposit
 * shares held), checks they are withdrawable, and simulates `queueWithdrawals`.
 */
export async function simulateQueueWithdrawals(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: QueueWithdrawalsParameters,
): Promise<SimulateQueueWithdrawalsReturnType> {
  const { strategies, values, byAmount } = validate(params)
  const account = requireAccount(client, params.account)
  const staker = accountAddress(account)
  const d = getDeployment(client, params.deployment)
  const dm = d.delegationManager
  // Round 1: what is withdrawable, and either the deposit-share conversion or the share amounts.
  const conversion: BatchRead[] = byAmount
    ? strategies.flatMap((s, i) =>
        sameAddress(s, BEACON_CHAIN_ETH_STRATEGY)
          ? [] // beacon-chain ETH: 1 share = 1 wei
          : [
              {
                address: s,
                abi: eigenlayerStrategyAbi,
                functionName: 'underlyingToSharesView',
                args: [values[i]!],
              },
            ],
      )
    : [
        {
          address: dm,
          abi: delegationManagerAbi,
          functionName: 'convertToDepositShares',
          args: [staker, strategies, values],
        },
      ]
  const r1 = await readBatch(client, [
    {
      address: dm,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [staker, strategies],
    },
    ...conversion,
  ])
  const [available, held] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(r1[0])
  let withdrawable: bigint[]
  let converted: readonly bigint[]
  if (byAmount) {
    let at = 1
    withdrawable = strategies.map((s, i) =>
      sameAddress(s, BEACON_CHAIN_ETH_STRATEGY) ? values[i]! : unwrap<bigint>(r1[at++]),
    )
    checkAvailable(strategies, withdrawable, available)
    const [r2] = await readBatch(client, [
      {
        address: dm,
        abi: delegationManagerAbi,
        functionName: 'convertToDepositShares',
        args: [staker, strategies, withdrawable],
      },
    ])
    converted = unwrap<readonly bigint[]>(r2)
  } else {
    withdrawable = [...values]
    checkAvailable(strategies, withdrawable, available)
    converted = unwrap<readonly bigint[]>(r1[1])
  }
  const depositShares = strategies.map((s, i) => {
    const full = held[i] ?? 0n
    const c =
      withdrawable[i] === available[i] ? full : (converted[i] ?? 0n) > full ? full : (converted[i] ?? 0n)
    if (c === 0n)
      throw new InvalidAmountError(`shares[${i}]`, withdrawable[i], `converts to 0 deposit shares of ${s}`)
    return c
  })
  const sim = await simulateWrite<readonly Hex[]>(client, {
    account,
    address: dm,
    abi: delegationManagerAbi,
    functionName: 'queueWithdrawals',
    args: [[{ strategies, depositShares, __deprecated_withdrawer: staker }]],
    contract: 'DelegationManager',
    mapper: eigenlayerRevertMapper({ staker }),
  })
  return { ...sim, depositShares, withdrawableShares: withdrawable }
}

function checkAvailable(
  strategies: readonly Address[],
  requested: readonly bigint[],
  available: readonly bigint[],
) {
  strategies.forEach((s, i) => {
    const a = available[i] ?? 0n
    if (requested[i]! > a)
      throw new InsufficientSharesError({ strategy: s, requested: requested[i]!, available: a })
  })
}

/** Layer 3: converts, checks, simulates and sends `queueWithdrawals`. */
export async function queueWithdrawals(
  walletClient: EigenLayerWalletClient,
  params: QueueWithdrawalsParameters,
): Promise<QueueWithdrawalsReturnType> {
  const { request } = await simulateQueueWithdrawals(walletClient, params)
  return sendWrite(walletClient, request)
}

/** @internal The withdrawals in decoded `SlashingWithdrawalQueued` events. */
export function queuedFromEvents(
  events: readonly { eventName: string; args: unknown }[],
): QueuedWithdrawalEvent[] {
  return events
    .filter((e) => e.eventName === 'SlashingWithdrawalQueued')
    .map((e) => {
      const a = e.args as { withdrawalRoot: Hex; withdrawal: Withdrawal; sharesToWithdraw: readonly bigint[] }
      return { root: a.withdrawalRoot, withdrawal: a.withdrawal, shares: a.sharesToWithdraw }
    })
}

/** Layer 4: waits and decodes the queued withdrawals (root, withdrawal, shares). */
export async function waitForQueueWithdrawals(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForQueueWithdrawalsReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  return { ...r, withdrawals: queuedFromEvents(r.events) }
}
