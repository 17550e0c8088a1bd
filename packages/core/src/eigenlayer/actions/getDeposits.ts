import { type Address, zeroAddress } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, type BatchRead, type BatchResult, oneBlock, readBatch, unwrap } from '../../tx.js'
import { delegationManagerViewsAbi, eigenlayerStrategyAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
} from '../internal.js'
import { RATE_PROBE_SHARES, type StrategyState, sharesToUnderlying, strategyStateFromProbe } from '../math.js'

export type GetDepositsParameters = { staker: Address } & DeploymentParameter

export type EigenLayerDeposit = {
  strategy: Address
  /** Underlying ERC-20; `null` for beacon-chain ETH. */
  token: Address | null
  /** Shares as stored (`getDepositedShares`), before slashing. */
  depositShares: bigint
  /** Shares the staker can withdraw now (`getWithdrawableShares`: slashing applied). */
  withdrawableShares: bigint
  /** `withdrawableShares` in underlying token units (`sharesToUnderlyingView`). */
  underlyingAmount: bigint
}

export type GetDepositsReturnType = EigenLayerDeposit[]

export type GetDepositsErrorType = ReadErrorType

/** @internal What a batch needs per strategy to name its token and convert shares exactly. */
export function strategyReads(strategy: Address): BatchRead[] {
  if (sameAddress(strategy, BEACON_CHAIN_ETH_STRATEGY)) return []
  return [
    { address: strategy, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' },
    { address: strategy, abi: eigenlayerStrategyAbi, functionName: 'totalShares' },
    {
      address: strategy,
      abi: eigenlayerStrategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [RATE_PROBE_SHARES],
    },
  ]
}

/** @internal A strategy's token and exact StrategyBase state from `strategyReads` results. */
export type StrategyInfo = {
  strategy: Address
  token: Address | null
  state: StrategyState | undefined
  beacon: boolean
}

/** @internal Consumes `strategyReads(strategy).length` results from `results` at `offset`. */
export function decodeStrategyInfo(
  strategy: Address,
  results: readonly (BatchResult | undefined)[],
  offset: number,
): StrategyInfo {
  if (sameAddress(strategy, BEACON_CHAIN_ETH_STRATEGY))
    return { strategy, token: null, state: undefined, beacon: true }
  const token = unwrap<Address>(results[offset])
  const total = results[offset + 1]
  const probe = results[offset + 2]
  const state =
    total?.status === 'success' && probe?.status === 'success'
      ? strategyStateFromProbe(total.result as bigint, probe.result as bigint)
      : undefined
  return { strategy, token, state, beacon: false }
}

/**
 * @internal Converts shares to underlying for each item: beacon-chain ETH is 1:1, StrategyBase by
 * its recovered state (no request), anything else by `sharesToUnderlyingView` (one more batch).
 */
export async function toUnderlying(
  client: EigenLayerReadClient,
  items: readonly { info: StrategyInfo; shares: bigint }[],
): Promise<bigint[]> {
  const out: (bigint | undefined)[] = items.map(({ info, shares }) =>
    info.beacon ? shares : info.state ? sharesToUnderlying(shares, info.state) : undefined,
  )
  const missing = out.flatMap((v, i) => (v === undefined ? [i] : []))
  if (missing.length > 0) {
    const results = await readBatch(
      client,
      missing.map((i) => ({
        address: items[i]!.info.strategy,
        abi: eigenlayerStrategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [items[i]!.shares],
      })),
    )
    missing.forEach((i, k) => {
      out[i] = unwrap<bigint>(results[k])
    })
  }
  return out as bigint[]
}

/** @internal Round 2 of a deposits read: withdrawable shares and strategy infos for known strategies. */
export function depositsRound2(
  d: EigenLayerDeployment,
  staker: Address,
  strategies: readonly Address[],
): BatchRead[] {
  return [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getWithdrawableShares',
      args: [staker, strategies],
    },
    ...strategies.flatMap(strategyReads),
  ]
}

/** @internal Decodes `depositsRound2` results (from `offset`) into deposits and strategy infos. */
export async function decodeDeposits(
  client: EigenLayerReadClient,
  strategies: readonly Address[],
  results: readonly (BatchResult | undefined)[],
  offset = 0,
): Promise<{ deposits: EigenLayerDeposit[]; infos: StrategyInfo[]; next: number }> {
  const [withdrawable, depositShares] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(
    results[offset],
  )
  let at = offset + 1
  const infos = strategies.map((s) => {
    const info = decodeStrategyInfo(s, results, at)
    at += strategyReads(s).length
    return info
  })
  const underlying = await toUnderlying(
    client,
    infos.map((info, i) => ({ info, shares: withdrawable[i] ?? 0n })),
  )
  const deposits = strategies.map((strategy, i) => ({
    strategy,
    token: infos[i]!.token,
    depositShares: depositShares[i] ?? 0n,
    withdrawableShares: withdrawable[i] ?? 0n,
    underlyingAmount: underlying[i] ?? 0n,
  }))
  return { deposits, infos, next: at }
}

/**
 * The staker's deposits per strategy with deposit shares, withdrawable shares (after slashing) and
 * their underlying amount. Two round trips (the strategies are known only after the first).
 */
export async function getDeposits(
  client: EigenLayerReadClient,
  params: GetDepositsParameters,
): Promise<GetDepositsReturnType> {
  const staker = assertAddress('staker', params.staker)
  const d = getDeployment(client, params.deployment)
  const reader = oneBlock(client)
  const [deposited] = await readBatch(reader, [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getDepositedShares',
      args: [staker],
    },
  ])
  const [strategies] = unwrap<readonly [readonly Address[], readonly bigint[]]>(deposited)
  if (strategies.length === 0) return []
  const results = await readBatch(reader, depositsRound2(d, staker, strategies))
  const { deposits } = await decodeDeposits(reader, strategies, results)
  return deposits
}

/** @internal The zero address means "not delegated". */
export function operatorOrNull(operator: Address): Address | null {
  return operator === zeroAddress ? null : operator
}
