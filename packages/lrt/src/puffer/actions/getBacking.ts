import { InvalidParameterError, type ReadClient } from '@restakekit/core'
import type { Address } from 'viem'
import {
  type BackingPage,
  type LrtBacking,
  type LrtBackingPosition,
  type LrtBackingStaker,
  readEigenLayerBacking,
} from '../../backing.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First module of the page (index in `deployment.modules`); default 0. */
  offset?: number
  /** Modules per page; default 100. */
  limit?: number
  deployment?: PufferDeployment
}

/** One strategy position of a Puffer module on EigenLayer (the shared `LrtBackingPosition`). */
export type PufferBackingPosition = LrtBackingPosition
/** One EigenLayer staker behind pufETH: a Puffer module, its operator and its shares. */
export type PufferBackingStaker = LrtBackingStaker
export type PufferBacking = LrtBacking

/**
 * Where pufETH's collateral is restaked, read on chain: the deployment's modules (EigenLayer
 * stakers), each with its operator and withdrawable shares per strategy. Puffer's reference ABIs do
 * not enumerate modules (PufferProtocol / PufferModuleManager are not among them), so the modules
 * and strategies come from the deployment. Paged; two round trips per page (`readEigenLayerBacking`).
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<PufferBacking> {
  const d = pufferDeployment(client, params.deployment)
  return readStakerBacking(client, 'Puffer', d, params)
}

/**
 * The backing read of the LRTs whose EigenLayer stakers come from their deployment (Puffer,
 * Swell): their modules and strategies handed to `readEigenLayerBacking`.
 */
export async function readStakerBacking(
  client: ReadClient,
  protocol: string,
  d: {
    delegationManager?: Address | undefined
    modules?: readonly Address[] | undefined
    strategies?: readonly Address[] | undefined
  },
  params: BackingPage,
): Promise<LrtBacking> {
  const { delegationManager, modules, strategies } = d
  if (!delegationManager || !modules || !strategies)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: `getBacking needs deployment.delegationManager, deployment.modules and deployment.strategies (${protocol} publishes no module list in its reference ABIs)`,
    })
  return readEigenLayerBacking(client, {
    delegationManager,
    stakers: modules,
    strategies: strategies.map((strategy) => ({ strategy })),
    offset: params.offset,
    limit: params.limit,
  })
}
