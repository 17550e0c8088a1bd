import {
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { etherfiEigenLayerAbi } from '../abis.js'
import type { EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment } from './internal.js'

export type GetBackingParameters = {
  /** The EigenLayer stakers to read (default `deployment.backing.stakers`). */
  stakers?: readonly Address[]
  /** Their strategies (default `deployment.backing.strategies`). */
  strategies?: readonly Address[]
  /** First staker of the page; default 0. */
  offset?: number
  /** Stakers per page; default 100. */
  limit?: number
  deployment?: EtherFiDeployment
}

export type EtherFiBackingPosition = {
  strategy: Address
  /** EigenLayer withdrawable shares (after slashing), as the DelegationManager reports them. */
  shares: bigint
  /** EigenLayer deposit shares (before slashing). */
  depositShares: bigint
  /** What the withdrawable shares are worth in the strategy's token now (`sharesToUnderlyingView`). */
  amount: bigint
}

export type EtherFiBackingStaker = {
  staker: Address
  /** Its EigenLayer operator, or null when undelegated. */
  operator: Address | null
  positions: EtherFiBackingPosition[]
}

export type EtherFiBacking = { stakers: EtherFiBackingStaker[]; total: number; nextOffset: number | null }

function assertIndex(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new InvalidParameterError(name, `${String(value)} must be an integer ≥ ${min}`)
  return value
}

/**
 * Where eETH's collateral is restaked, read on chain: each EigenLayer staker of the page (ether.fi's
 * nodes), its operator and its withdrawable shares per strategy, valued by the strategy. Two read
 * stages per page, outside the portfolio's budget. ether.fi's reference ABIs do not enumerate its
 * nodes (EtherFiNodesManager is not among them): the stakers come from the deployment or the caller.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<EtherFiBacking> {
  const d = etherfiDeployment(client, params.deployment)
  const dm = d.delegationManager
  if (!dm)
    throw new InvalidParameterError(
      'deployment',
      'getBacking needs deployment.delegationManager (EigenLayer)',
    )
  const all = params.stakers ?? d.backing?.stakers
  const strategies = params.strategies ?? d.backing?.strategies
  if (!all || !strategies)
    throw new InvalidParameterError(
      'stakers',
      'ether.fi nodes are not enumerable from its reference ABIs: pass stakers and strategies (or deployment.backing)',
    )
  const offset = assertIndex('offset', params.offset ?? 0, 0)
  const limit = assertIndex('limit', params.limit ?? 100, 1)
  const page = all.slice(offset, offset + limit)
  return runPlan(
    client,
    stage(
      page.flatMap((staker) => [
        { address: dm, abi: etherfiEigenLayerAbi, functionName: 'delegatedTo', args: [staker] },
        {
          address: dm,
          abi: etherfiEigenLayerAbi,
          functionName: 'getWithdrawableShares',
          args: [staker, strategies],
        },
      ]),
      (r: readonly BatchResult[]) => {
        const perStaker = page.map((staker, i) => {
          const [withdrawable, deposit] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(
            r[2 * i + 1],
          )
          return { staker, operator: unwrap<Address>(r[2 * i]), withdrawable, deposit }
        })
        return stage(
          perStaker.flatMap((s) =>
            strategies.map((strategy, j) => ({
              address: strategy,
              abi: etherfiEigenLayerAbi,
              functionName: 'sharesToUnderlyingView',
              args: [s.withdrawable[j] ?? 0n],
            })),
          ),
          (values: readonly BatchResult[]): EtherFiBacking => {
            const stakers = perStaker.map((s, i) => ({
              staker: s.staker,
              operator: s.operator === zeroAddress ? null : s.operator,
              positions: strategies.map((strategy, j) => ({
                strategy,
                shares: s.withdrawable[j] ?? 0n,
                depositShares: s.deposit[j] ?? 0n,
                amount: unwrap<bigint>(values[i * strategies.length + j]),
              })),
            }))
            const end = offset + page.length
            return { stakers, total: all.length, nextOffset: end < all.length ? end : null }
          },
        )
      },
    ),
  )
}
