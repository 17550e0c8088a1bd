import {
  type BatchResult,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, zeroAddress } from 'viem'
import { eigenlayerBackingAbi } from '../../kelp/abis.js'
import type { PufferDeployment } from '../deployments.js'
import { pufferDeployment } from './internal.js'

export type GetBackingParameters = {
  /** First module of the page (index in `deployment.modules`); default 0. */
  offset?: number
  /** Modules per page; default 100. */
  limit?: number
  deployment?: PufferDeployment
}

/** One strategy position of a Puffer module on EigenLayer. */
export type PufferBackingPosition = {
  strategy: Address
  /** EigenLayer withdrawable shares (after slashing), as the DelegationManager reports them. */
  shares: bigint
  /** EigenLayer deposit shares (before slashing). */
  depositShares: bigint
  /** What the withdrawable shares are worth in the strategy's token now (`sharesToUnderlyingView`). */
  amount: bigint
}

/** One EigenLayer staker behind pufETH: a Puffer module, its operator and its shares. */
export type PufferBackingStaker = {
  staker: Address
  /** Its EigenLayer operator, or null when undelegated. */
  operator: Address | null
  positions: PufferBackingPosition[]
}

export type PufferBacking = {
  stakers: PufferBackingStaker[]
  total: number
  nextOffset: number | null
}

function assertIndex(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new InvalidParameterError(name, `${String(value)} must be an integer ≥ ${min}`)
  return value
}

/**
 * Where pufETH's collateral is restaked, read on chain: the deployment's modules (EigenLayer
 * stakers), each with its operator and withdrawable shares per strategy. Puffer's reference ABIs do
 * not enumerate modules (PufferProtocol / PufferModuleManager are not among them), so the modules
 * and strategies come from the deployment. Paged; two read stages per page.
 */
export async function getBacking(
  client: ReadClient,
  params: GetBackingParameters = {},
): Promise<PufferBacking> {
  const d = pufferDeployment(client, params.deployment)
  return readStakerBacking(client, 'Puffer', d, params)
}

/**
 * The backing read shared by the LRTs whose EigenLayer stakers come from their deployment (Puffer,
 * Swell): each staker's operator and withdrawable shares per strategy, valued by the strategy. Paged.
 */
export async function readStakerBacking(
  client: ReadClient,
  protocol: string,
  d: {
    delegationManager?: Address | undefined
    modules?: readonly Address[] | undefined
    strategies?: readonly Address[] | undefined
  },
  params: { offset?: number; limit?: number },
): Promise<PufferBacking> {
  const { delegationManager, modules, strategies } = d
  if (!delegationManager || !modules || !strategies)
    throw new InvalidParameterError(
      'deployment',
      `getBacking needs deployment.delegationManager, deployment.modules and deployment.strategies (${protocol} publishes no module list in its reference ABIs)`,
    )
  const offset = assertIndex('offset', params.offset ?? 0, 0)
  const limit = assertIndex('limit', params.limit ?? 100, 1)
  const page = modules.slice(offset, offset + limit)
  return runPlan(
    client,
    stage(
      page.flatMap((m) => [
        { address: delegationManager, abi: eigenlayerBackingAbi, functionName: 'delegatedTo', args: [m] },
        {
          address: delegationManager,
          abi: eigenlayerBackingAbi,
          functionName: 'getWithdrawableShares',
          args: [m, strategies],
        },
      ]),
      (r: readonly BatchResult[]) => {
        const perModule = page.map((m, i) => {
          const [withdrawable, deposit] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(
            r[2 * i + 1],
          )
          return { m, operator: unwrap<Address>(r[2 * i]), withdrawable, deposit }
        })
        return stage(
          perModule.flatMap((n) =>
            strategies.map((s, j) => ({
              address: s,
              abi: eigenlayerBackingAbi,
              functionName: 'sharesToUnderlyingView',
              args: [n.withdrawable[j] ?? 0n],
            })),
          ),
          (values: readonly BatchResult[]): PufferBacking => {
            const stakers = perModule.map((n, i) => ({
              staker: n.m,
              operator: n.operator === zeroAddress ? null : n.operator,
              positions: strategies.map((strategy, j) => ({
                strategy,
                shares: n.withdrawable[j] ?? 0n,
                depositShares: n.deposit[j] ?? 0n,
                amount: unwrap<bigint>(values[i * strategies.length + j]),
              })),
            }))
            const end = offset + page.length
            return { stakers, total: modules.length, nextOffset: end < modules.length ? end : null }
          },
        )
      },
    ),
  )
}
