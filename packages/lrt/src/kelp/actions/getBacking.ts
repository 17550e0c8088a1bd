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
import { kelpConfigAbi, kelpDepositPoolAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First node delegator of the page (index in the pool's queue); default 0. */
  offset?: number
  /** Node delegators per page; default 100. */
  limit?: number
  deployment?: KelpDeployment
}

/** A strategy of Kelp's and the Kelp asset restaked in it. */
type KelpStrategy = { strategy: Address; asset: Address }
/** One strategy position of a node delegator on EigenLayer, with the Kelp asset restaked in it. */
export type KelpBackingPosition = LrtBackingPosition<KelpStrategy>
/** One EigenLayer staker behind rsETH: a Kelp node delegator, its operator and its shares. */
export type KelpBackingStaker = LrtBackingStaker<KelpStrategy>
/** A page of rsETH's backing: node delegators in queue order (the shared `LrtBacking`). */
export type KelpBacking = LrtBacking<KelpStrategy>

/**
 * Where rsETH's collateral is restaked, read on chain: the pool's node delegators, each with its
 * EigenLayer operator and withdrawable shares per strategy of Kelp's supported assets. Paged over
 * the node delegators; four read stages per page (the queue and assets, their strategies, then the
 * two of `backingStages`), outside the portfolio's budget.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<KelpBacking> {
  const d = kelpDeployment(client, params.deployment)
  const delegationManager = d.delegationManager
  if (!delegationManager)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'getBacking needs deployment.delegationManager (EigenLayer)',
    })
  const { offset, limit } = backingPage(params)
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
        return stage(
          assets.map((asset) => ({
            address: d.lrtConfig,
            abi: kelpConfigAbi,
            functionName: 'assetStrategy',
            args: [asset],
          })),
          (strategyResults: readonly BatchResult[]) => {
            const strategies = assets
              .map((asset, i): KelpStrategy => ({ strategy: unwrap<Address>(strategyResults[i]), asset }))
              .filter((s) => s.strategy !== zeroAddress)
            const page = nodes.slice(offset, offset + limit).map((staker) => ({ staker, strategies }))
            return backingStages({ delegationManager, page, offset, total: nodes.length })
          },
        )
      },
    ),
  )
}
