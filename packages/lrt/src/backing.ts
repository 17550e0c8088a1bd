// The one EigenLayer backing read behind every LRT's `getBacking`: for a page of EigenLayer
// stakers (Kelp node delegators, Renzo operator delegators, ether.fi nodes, Puffer modules, Swell's
// stakers), each one's operator and withdrawable shares per strategy (DelegationManager), valued
// by the strategy (`sharesToUnderlyingView`). Each adapter only finds its own stakers and strategies.
import {
  type BatchResult,
  InvalidParameterError,
  type ReadAt,
  type ReadClient,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, parseAbi, zeroAddress } from 'viem'

/** The EigenLayer reads of a backing read (DelegationManager and a strategy, slashing release). */
export const eigenlayerBackingAbi = /* @__PURE__ */ parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)',
])

/** A strategy a staker restakes in, and (where the LRT names it) the LRT's asset restaked there. */
export type BackingStrategy = { readonly strategy: Address; readonly asset?: Address }

/** One strategy position of an EigenLayer staker behind an LRT (`S` carries the strategy and its asset). */
export type LrtBackingPosition<S extends BackingStrategy = BackingStrategy> = S & {
  /** EigenLayer withdrawable shares (after slashing), as the DelegationManager reports them. */
  shares: bigint
  /** EigenLayer deposit shares (before slashing). */
  depositShares: bigint
  /** What the withdrawable shares are worth in the strategy's token now (`sharesToUnderlyingView`). */
  amount: bigint
}

/** One EigenLayer staker behind an LRT: its operator and its positions. */
export type LrtBackingStaker<S extends BackingStrategy = BackingStrategy> = {
  staker: Address
  /** Its EigenLayer operator, or null when undelegated. */
  operator: Address | null
  positions: LrtBackingPosition<S>[]
}

/** A page of an LRT's EigenLayer backing. */
export type LrtBacking<S extends BackingStrategy = BackingStrategy> = {
  /** The stakers of this page, in the LRT's order. */
  stakers: LrtBackingStaker<S>[]
  /**
   * Per strategy, the page's positions summed (shares, deposit shares, amount), in the order the
   * strategies first appear. Sum over pages for the whole LRT.
   */
  totals: LrtBackingPosition<S>[]
  /** How many stakers the LRT has in all (every page). */
  total: number
  /** The `offset` of the next page, or null when this was the last. */
  nextOffset: number | null
}

/** Paging of a backing read: `offset` (default 0) and `limit` (default 100), checked before any read. */
export type BackingPage = { offset?: number | undefined; limit?: number | undefined }

function assertIndex(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
    throw new InvalidParameterError({
      parameter: name,
      reason: `${String(value)} must be an integer ≥ ${min}`,
    })
  return value
}

/** `offset` and `limit` of a backing read, checked (a typed error before any read). */
export function backingPage(params: BackingPage): { offset: number; limit: number } {
  return {
    offset: assertIndex('offset', params.offset ?? 0, 0),
    limit: assertIndex('limit', params.limit ?? 100, 1),
  }
}

const sameAddress = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/**
 * The read stages of one page of backing, for an adapter's plan: one stage for every staker's
 * `delegatedTo` and `getWithdrawableShares`, one for `sharesToUnderlyingView` per position. Each
 * staker names its own strategies (Renzo's operator delegators map tokens to strategies each).
 * `offset` is the page's first index and `total` the staker count, for `nextOffset`.
 */
export function backingStages<S extends BackingStrategy>(params: {
  delegationManager: Address
  page: readonly { readonly staker: Address; readonly strategies: readonly S[] }[]
  offset: number
  total: number
}): ReadPlan<LrtBacking<S>> {
  const { delegationManager, page, offset, total } = params
  return stage(
    page.flatMap(({ staker, strategies }) => [
      { address: delegationManager, abi: eigenlayerBackingAbi, functionName: 'delegatedTo', args: [staker] },
      {
        address: delegationManager,
        abi: eigenlayerBackingAbi,
        functionName: 'getWithdrawableShares',
        args: [staker, strategies.map((s) => s.strategy)],
      },
    ]),
    (r: readonly BatchResult[]) => {
      const read = page.map((p, i) => {
        const [withdrawable, deposit] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(r[2 * i + 1])
        return { ...p, operator: unwrap<Address>(r[2 * i]), withdrawable, deposit }
      })
      return stage(
        read.flatMap((p) =>
          p.strategies.map((s, j) => ({
            address: s.strategy,
            abi: eigenlayerBackingAbi,
            functionName: 'sharesToUnderlyingView',
            args: [p.withdrawable[j] ?? 0n],
          })),
        ),
        (values: readonly BatchResult[]): LrtBacking<S> => {
          let k = 0
          const stakers = read.map(
            (p): LrtBackingStaker<S> => ({
              staker: p.staker,
              operator: p.operator === zeroAddress ? null : p.operator,
              positions: p.strategies.map((s, j) => ({
                ...s,
                shares: p.withdrawable[j] ?? 0n,
                depositShares: p.deposit[j] ?? 0n,
                amount: unwrap<bigint>(values[k++]),
              })),
            }),
          )
          const totals: LrtBackingPosition<S>[] = []
          for (const position of stakers.flatMap((s) => s.positions)) {
            const t = totals.find((x) => sameAddress(x.strategy, position.strategy))
            if (!t) totals.push({ ...position })
            else {
              t.shares += position.shares
              t.depositShares += position.depositShares
              t.amount += position.amount
            }
          }
          const end = offset + page.length
          return { stakers, totals, total, nextOffset: end < total ? end : null }
        },
      )
    },
  )
}

export type ReadEigenLayerBackingParameters<S extends BackingStrategy = BackingStrategy> = BackingPage & {
  /** EigenLayer's DelegationManager. */
  delegationManager: Address
  /** Every EigenLayer staker behind the LRT (the page is cut from it). */
  stakers: readonly Address[]
  /** The strategies read for each staker. */
  strategies: readonly S[]
} & ReadAt

/**
 * One page of backing for a list of EigenLayer stakers restaking in the same strategies (ether.fi,
 * Puffer, Swell, or any staker list): two round trips, read at one block.
 */
export async function readEigenLayerBacking<S extends BackingStrategy>(
  client: ReadClient,
  params: ReadEigenLayerBackingParameters<S>,
): Promise<LrtBacking<S>> {
  const { offset, limit } = backingPage(params)
  const { delegationManager, stakers, strategies } = params
  const page = stakers.slice(offset, offset + limit).map((staker) => ({ staker, strategies }))
  const at: ReadAt = {}
  if (params.blockNumber !== undefined) at.blockNumber = params.blockNumber
  if (params.blockTag !== undefined) at.blockTag = params.blockTag
  return runPlan(client, backingStages({ delegationManager, page, offset, total: stakers.length }), at)
}
