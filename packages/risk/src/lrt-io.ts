/**
 * `lrtLookThrough`: from an LRT's backing (`getBacking` of @restakekit/lrt) to what each EigenLayer
 * operator set can slash of it, reading the operators' allocations through @restakekit/core.
 *
 * Direction of the link: risk takes the backing structurally (`LrtBackingInput`), so risk depends
 * on core only and lrt does not depend on risk; neither package imports the other, and the graph
 * stays acyclic (core ← lrt, core ← risk).
 */
import { type EigenLayerDeployment, getAllocations, pinBlock } from '@restakekit/core'
import type { Address, Chain, Client, Transport } from 'viem'
import { type LrtBackingInput, type LrtStrategyLookThrough, lrtBackingExposure } from './lrt.js'

export type LrtLookThroughParameters = {
  /** The LRT's backing: a `getBacking` result (or several pages' stakers joined). */
  readonly backing: LrtBackingInput
  /** EigenLayer deployment (default: the client's chain's). */
  readonly deployment?: EigenLayerDeployment | undefined
  /**
   * Block whose allocations are read (default: latest, one block for every operator). Pass the
   * block the backing was read at to look through that state exactly.
   */
  readonly blockNumber?: bigint | undefined
}

export type LrtLookThroughReturnType = {
  /** The block the allocations were read at (null when no staker is delegated: nothing was read). */
  readonly blockNumber: bigint | null
  /** Per strategy of the backing: its operator sets and per-service exposure. */
  readonly strategies: readonly LrtStrategyLookThrough[]
}

/**
 * An LRT holder's exposure down to operator sets: each delegated staker's operator's allocations
 * (core's `getAllocations`, three round trips, the operators read concurrently at one block),
 * combined with the backing by `lrtBackingExposure`.
 */
export async function lrtLookThrough(
  client: Client<Transport, Chain | undefined>,
  params: LrtLookThroughParameters,
): Promise<LrtLookThroughReturnType> {
  const operators = [
    ...new Map(
      params.backing.stakers
        .filter((s) => s.operator !== null)
        .map((s) => [s.operator!.toLowerCase(), s.operator as Address]),
    ).values(),
  ]
  if (operators.length === 0) return { blockNumber: null, strategies: lrtBackingExposure(params.backing, []) }
  const pinned = pinBlock(client, params.blockNumber)
  const allocations = await Promise.all(
    operators.map((operator) =>
      getAllocations(pinned, { operator, ...(params.deployment ? { deployment: params.deployment } : {}) }),
    ),
  )
  return {
    blockNumber: allocations[0]!.blockNumber,
    strategies: lrtBackingExposure(params.backing, allocations),
  }
}
