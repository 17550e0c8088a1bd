import {
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import {
  backingPage,
  backingStages,
  type LrtBacking,
  type LrtBackingPosition,
  type LrtBackingStaker,
} from '../../backing.js'
import { renzoOperatorDelegatorAbi, renzoRestakeManagerAbi } from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { renzoDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First operator delegator of the page (index in the RestakeManager); default 0. */
  offset?: number
  /** Operator delegators per page; default 100. */
  limit?: number
  deployment?: RenzoDeployment
}

/** A strategy of an operator delegator and the Renzo collateral token restaked in it. */
type RenzoStrategy = { strategy: Address; asset: Address }
/** One strategy position of an operator delegator on EigenLayer, with the collateral token in it. */
export type RenzoBackingPosition = LrtBackingPosition<RenzoStrategy>
/** One EigenLayer staker behind ezETH: a Renzo operator delegator, its operator and its shares. */
export type RenzoBackingStaker = LrtBackingStaker<RenzoStrategy>
/** A page of ezETH's backing (the shared `LrtBacking`); `total` counts the operator delegators. */
export type RenzoBacking = LrtBacking<RenzoStrategy>

/**
 * Where ezETH's collateral is restaked, read on chain: the RestakeManager's operator delegators,
 * each with its EigenLayer operator and withdrawable shares per strategy of each collateral token
 * (`tokenStrategyMapping`). Native ETH in EigenPods is not covered. Paged; five read stages per
 * page (counts, the page's operator delegators and the tokens, their strategies, then the two of
 * `backingStages`).
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<RenzoBacking> {
  const d = renzoDeployment(client, params.deployment)
  const delegationManager = d.delegationManager
  if (!delegationManager)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'getBacking needs deployment.delegationManager (EigenLayer)',
    })
  const { offset, limit } = backingPage(params)
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
              ods.flatMap((od) =>
                tokens.map((t) => ({
                  address: od,
                  abi: renzoOperatorDelegatorAbi,
                  functionName: 'tokenStrategyMapping',
                  args: [t],
                })),
              ),
              (s: readonly BatchResult[]) => {
                const page = ods.map((staker, i) => ({
                  staker,
                  strategies: tokens
                    .map(
                      (asset, j): RenzoStrategy => ({
                        strategy: unwrap<Address>(s[i * tokens.length + j]),
                        asset,
                      }),
                    )
                    .filter((x) => x.strategy !== zeroAddress),
                }))
                return backingStages({ delegationManager, page, offset, total })
              },
            )
          },
        )
      },
    ),
  )
}
