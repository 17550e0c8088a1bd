import { InvalidParameterError, type ReadClient } from '@restakekit/core'
import type { Address } from 'viem'
import {
  type LrtBacking,
  type LrtBackingPosition,
  type LrtBackingStaker,
  readEigenLayerBacking,
} from '../../backing.js'
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

/** One strategy position of an ether.fi node on EigenLayer (the shared `LrtBackingPosition`). */
export type EtherFiBackingPosition = LrtBackingPosition
/** One EigenLayer staker behind eETH: an ether.fi node, its operator and its shares. */
export type EtherFiBackingStaker = LrtBackingStaker
export type EtherFiBacking = LrtBacking

/**
 * Where eETH's collateral is restaked, read on chain: each EigenLayer staker of the page (ether.fi's
 * nodes), its operator and its withdrawable shares per strategy, valued by the strategy
 * (`readEigenLayerBacking`: two round trips per page, outside the portfolio's budget). ether.fi's
 * reference ABIs do not enumerate its nodes (EtherFiNodesManager is not among them): the stakers
 * come from the deployment or the caller.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<EtherFiBacking> {
  const d = etherfiDeployment(client, params.deployment)
  const delegationManager = d.delegationManager
  if (!delegationManager)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'getBacking needs deployment.delegationManager (EigenLayer)',
    })
  const stakers = params.stakers ?? d.backing?.stakers
  const strategies = params.strategies ?? d.backing?.strategies
  if (!stakers || !strategies)
    throw new InvalidParameterError({
      parameter: 'stakers',
      reason:
        'ether.fi nodes are not enumerable from its reference ABIs: pass stakers and strategies (or deployment.backing)',
    })
  return readEigenLayerBacking(client, {
    delegationManager,
    stakers,
    strategies: strategies.map((strategy) => ({ strategy })),
    offset: params.offset,
    limit: params.limit,
  })
}
