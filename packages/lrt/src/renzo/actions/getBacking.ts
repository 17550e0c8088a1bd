import {
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { eigenlayerBackingAbi, renzoOperatorDelegatorAbi, renzoRestakeManagerAbi } from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { renzoDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First operator delegator of the page (index in the RestakeManager); default 0. */
  offset?: number
  /** Operator delegators per page; default 100. */
  limit?: number
  deployment?: RenzoDeployment
}

/** One strategy position of an operator delegator on EigenLayer. */
export type RenzoBackingPosition = {
  strategy: Address
  /** The Renzo collateral token restaked in it. */
  asset: Address
  /** EigenLayer withdrawable shares (after slashing), as the DelegationManager reports them. */
  shares: bigint
  /** EigenLayer deposit shares (before slashing). */
  depositShares: bigint
  /** What the withdrawable shares are worth in `asset` now (`sharesToUnderlyingView`). */
  amount: bigint
}

/** One EigenLayer staker behind ezETH: a Renzo operator delegator, its operator and its shares. */
export type RenzoBackingStaker = {
  staker: Address
  /** Its EigenLayer operator, or null when undelegated. */
  operator: Address | null
  positions: RenzoBackingPosition[]
}

export type RenzoBacking = {
  stakers: RenzoBackingStaker[]
  /** How many operator delegators the RestakeManager has. */
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
 * Where ezETH's collateral is restaked, read on chain: the RestakeManager's operator delegators,
 * each with its EigenLayer operator and withdrawable shares per strategy of each collateral token
 * (`tokenStrategyMapping`). Native ETH in EigenPods is not covered. Paged; five read stages per page.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<RenzoBacking> {
  const d = renzoDeployment(client, params.deployment)
  const dm = d.delegationManager
  if (!dm)
    throw new InvalidParameterError(
      'deployment',
      'getBacking needs deployment.delegationManager (EigenLayer)',
    )
  const offset = assertIndex('offset', params.offset ?? 0, 0)
  const limit = assertIndex('limit', params.limit ?? 100, 1)
  const rm = { address: d.restakeManager, abi: renzoRestakeManagerAbi } as const
  return runPlan(
    client,
    stage(
      [
        { ...rm, functionName: 'getOperatorDelegatorsLength' },
        { ...rm, functionName: 'getCollateralTokensLength' },
      ],
      ([odLength, tokenLength]) => {
        const total = Number(unwrap<bigint>(odLength))
        const end = Math.min(total, offset + limit)
        const pageIds = Array.from({ length: Math.max(0, end - offset) }, (_, i) => offset + i)
        const nTokens = Number(unwrap<bigint>(tokenLength))
        return stage(
          [
            ...pageIds.map((i) => ({ ...rm, functionName: 'operatorDelegators', args: [BigInt(i)] })),
            ...Array.from({ length: nTokens }, (_, i) => ({
              ...rm,
              functionName: 'collateralTokens',
              args: [BigInt(i)],
            })),
          ],
          (r: readonly BatchResult[]) => {
            const ods = r.slice(0, pageIds.length).map((x) => unwrap<Address>(x))
            const tokens = r.slice(pageIds.length).map((x) => unwrap<Address>(x))
            return stage(
              ods.flatMap((od) => [
                { address: dm, abi: eigenlayerBackingAbi, functionName: 'delegatedTo', args: [od] },
                ...tokens.map((t) => ({
                  address: od,
                  abi: renzoOperatorDelegatorAbi,
                  functionName: 'tokenStrategyMapping',
                  args: [t],
                })),
              ]),
              (s: readonly BatchResult[]) => {
                const per = ods.map((od, i) => {
                  const base = i * (tokens.length + 1)
                  const operator = unwrap<Address>(s[base])
                  const restaked = tokens
                    .map((asset, j) => ({ asset, strategy: unwrap<Address>(s[base + 1 + j]) }))
                    .filter((x) => x.strategy !== zeroAddress)
                  return { od, operator, restaked }
                })
                return stage(
                  per.map((p) => ({
                    address: dm,
                    abi: eigenlayerBackingAbi,
                    functionName: 'getWithdrawableShares',
                    args: [p.od, p.restaked.map((x) => x.strategy)],
                  })),
                  (shares: readonly BatchResult[]) => {
                    const withShares = per.map((p, i) => {
                      const [w, dep] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(shares[i])
                      return { ...p, withdrawable: w, deposit: dep }
                    })
                    return stage(
                      withShares.flatMap((p) =>
                        p.restaked.map((x, j) => ({
                          address: x.strategy,
                          abi: eigenlayerBackingAbi,
                          functionName: 'sharesToUnderlyingView',
                          args: [p.withdrawable[j] ?? 0n],
                        })),
                      ),
                      (values: readonly BatchResult[]) => {
                        let k = 0
                        const stakers = withShares.map(
                          (p): RenzoBackingStaker => ({
                            staker: p.od,
                            operator: p.operator === zeroAddress ? null : p.operator,
                            positions: p.restaked.map((x, j) => ({
                              strategy: x.strategy,
                              asset: x.asset,
                              shares: p.withdrawable[j] ?? 0n,
                              depositShares: p.deposit[j] ?? 0n,
                              amount: unwrap<bigint>(values[k++]),
                            })),
                          }),
                        )
                        return { stakers, total, nextOffset: end < total ? end : null }
                      },
                    )
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
