import {
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { eigenlayerBackingAbi, kelpConfigAbi, kelpDepositPoolAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First node delegator of the page (index in the pool's queue); default 0. */
  offset?: number
  /** Node delegators per page; default 100. */
  limit?: number
  deployment?: KelpDeployment
}

/** One strategy position of a node delegator on EigenLayer. */
export type KelpBackingPosition = {
  strategy: Address
  /** The Kelp asset restaked in it. */
  asset: Address
  /** EigenLayer withdrawable shares (after slashing), as the DelegationManager reports them. */
  shares: bigint
  /** EigenLayer deposit shares (before slashing). */
  depositShares: bigint
  /** What the withdrawable shares are worth in `asset` now (`sharesToUnderlyingView`). */
  amount: bigint
}

/** One EigenLayer staker behind rsETH: a Kelp node delegator, its operator and its shares. */
export type KelpBackingStaker = {
  staker: Address
  /** Its EigenLayer operator, or null when undelegated. */
  operator: Address | null
  positions: KelpBackingPosition[]
}

export type KelpBacking = {
  /** Node delegators of this page, in queue order. */
  stakers: KelpBackingStaker[]
  /** How many node delegators the pool has. */
  total: number
  /** The `offset` of the next page, or null when this was the last. */
  nextOffset: number | null
}

function assertIndex(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new InvalidParameterError(name, `${String(value)} must be an integer ≥ ${min}`)
  return value
}

/**
 * Where rsETH's collateral is restaked, read on chain: the pool's node delegators, each with its
 * EigenLayer operator and withdrawable shares per strategy of Kelp's supported assets. Paged over
 * the node delegators; three read stages per page, outside the portfolio's budget.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<KelpBacking> {
  const d = kelpDeployment(client, params.deployment)
  const delegationManager = d.delegationManager
  if (!delegationManager)
    throw new InvalidParameterError(
      'deployment',
      'getBacking needs deployment.delegationManager (EigenLayer)',
    )
  const offset = assertIndex('offset', params.offset ?? 0, 0)
  const limit = assertIndex('limit', params.limit ?? 100, 1)
  return runPlan(
    client,
    stage(
      [
        { address: d.lrtDepositPool, abi: kelpDepositPoolAbi, functionName: 'getNodeDelegatorQueue' },
        { address: d.lrtConfig, abi: kelpConfigAbi, functionName: 'getSupportedAssetList' },
      ],
      ([queue, list]) => {
        const nodes = unwrap<readonly Address[]>(queue)
        const assets = unwrap<readonly Address[]>(list)
        const page = nodes.slice(offset, offset + limit)
        return stage(
          assets.map((asset) => ({
            address: d.lrtConfig,
            abi: kelpConfigAbi,
            functionName: 'assetStrategy',
            args: [asset],
          })),
          (strategyResults: readonly BatchResult[]) => {
            const restaked = assets
              .map((asset, i) => ({ asset, strategy: unwrap<Address>(strategyResults[i]) }))
              .filter((s) => s.strategy !== zeroAddress)
            const strategies = restaked.map((s) => s.strategy)
            return stage(
              page.flatMap((node) => [
                {
                  address: delegationManager,
                  abi: eigenlayerBackingAbi,
                  functionName: 'delegatedTo',
                  args: [node],
                },
                {
                  address: delegationManager,
                  abi: eigenlayerBackingAbi,
                  functionName: 'getWithdrawableShares',
                  args: [node, strategies],
                },
              ]),
              (r: readonly BatchResult[]) => {
                const perNode = page.map((node, i) => {
                  const operator = unwrap<Address>(r[2 * i])
                  const [withdrawable, deposit] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(
                    r[2 * i + 1],
                  )
                  return { node, operator, withdrawable, deposit }
                })
                // value the withdrawable shares in one more stage
                return stage(
                  perNode.flatMap((n) =>
                    restaked.map((s, j) => ({
                      address: s.strategy,
                      abi: eigenlayerBackingAbi,
                      functionName: 'sharesToUnderlyingView',
                      args: [n.withdrawable[j] ?? 0n],
                    })),
                  ),
                  (values: readonly BatchResult[]) => {
                    const stakers = perNode.map((n, i) => ({
                      staker: n.node,
                      operator: n.operator === zeroAddress ? null : n.operator,
                      positions: restaked.map((s, j) => ({
                        strategy: s.strategy,
                        asset: s.asset,
                        shares: n.withdrawable[j] ?? 0n,
                        depositShares: n.deposit[j] ?? 0n,
                        amount: unwrap<bigint>(values[i * restaked.length + j]),
                      })),
                    }))
                    const end = offset + page.length
                    return { stakers, total: nodes.length, nextOffset: end < nodes.length ? end : null }
                  },
                )
              },
            )
          },
        )
      },
    ),
  )
}
