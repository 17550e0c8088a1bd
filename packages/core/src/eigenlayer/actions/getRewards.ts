import { type Address, getAddress, type Hex, parseAbi, zeroAddress } from 'viem'
import { getBlock } from 'viem/actions'
import type { ReadErrorType } from '../../errors.js'
import {
  assertAddress,
  type BatchRead,
  type BatchResult,
  type ReadPlan,
  runPlan,
  stage,
} from '../../kit/index.js'
import { rewardsStateAbi } from '../abis.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
} from '../internal.js'
import {
  buildRewardsTree,
  type DistributionInput,
  type RewardsTree,
  treeEarner,
} from '../rewards/distribution.js'

/** A posted distribution root as the RewardsCoordinator holds it. */
export type DistributionRoot = {
  rootIndex: number
  root: Hex
  rewardsCalculationEndTimestamp: number
  /** From this unix time on, claims against the root are accepted. */
  activatedAt: bigint
  disabled: boolean
}

/** What the claim checks and `getRewards` read, in one plan (at most two round trips). */
export type RewardsState = {
  /** The posted root the distribution is claimed against (`undefined`: the distribution's root is not posted). */
  root: DistributionRoot | undefined
  /** The newest active, not disabled root (`getCurrentClaimableDistributionRoot`), or `null` if none is. */
  activeRoot: DistributionRoot | null
  /** The chain's time where the plan ran (`undefined` when the clock could not be read). */
  now: bigint | undefined
  /** `claimerFor(earner)` by earner (lower-case address): `null` when none is set. */
  claimers: ReadonlyMap<string, Address | null>
  /** `cumulativeClaimed(earner, token)` by `earner/token` (lower-case addresses). */
  claimed: ReadonlyMap<string, bigint>
  /** Claims are paused (`paused(PAUSED_PROCESS_CLAIM)`). */
  claimsPaused: boolean
}

/** The RewardsCoordinator's pause bit of `processClaim` / `processClaims`. */
export const PAUSED_PROCESS_CLAIM = 2

type RawRoot = { root: Hex; rewardsCalculationEndTimestamp: number; activatedAt: number; disabled: boolean }

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
const clockAbi = /* @__PURE__ */ parseAbi([
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])

/** The key of a (earner, token) pair in `RewardsState.claimed`. */
export const rewardsClaimKey = (earner: Address, token: Address) =>
  `${earner.toLowerCase()}/${token.toLowerCase()}`

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

function toRoot(rootIndex: number, r: RawRoot): DistributionRoot {
  return {
    rootIndex,
    root: r.root,
    rewardsCalculationEndTimestamp: r.rewardsCalculationEndTimestamp,
    activatedAt: BigInt(r.activatedAt),
    disabled: r.disabled,
  }
}

/**
 * The read plan of the rewards checks (pure): the index of `root` (unless given), the claimable
 * root, the clock, each earner's claimer and `cumulativeClaimed` per earner and token; then the
 * posted root at the index and the claimable root's index.
 */
export function rewardsStatePlan(params: {
  rewardsCoordinator: Address
  root: Hex
  rootIndex?: number | undefined
  earners: readonly { earner: Address; tokens: readonly Address[] }[]
}): ReadPlan<RewardsState> {
  const rc = params.rewardsCoordinator
  const at = (functionName: string, args?: readonly unknown[]): BatchRead => ({
    address: rc,
    abi: rewardsStateAbi,
    functionName,
    ...(args ? { args } : {}),
  })
  const pairs = params.earners.flatMap((e) => e.tokens.map((token) => ({ earner: e.earner, token })))
  const first: BatchRead[] = [
    params.rootIndex === undefined
      ? at('getRootIndexFromHash', [params.root])
      : at('getDistributionRootsLength'),
    at('getCurrentClaimableDistributionRoot'),
    { address: MULTICALL3, abi: clockAbi, functionName: 'getCurrentBlockTimestamp' },
    at('paused', [PAUSED_PROCESS_CLAIM]),
    ...params.earners.map((e) => at('claimerFor', [e.earner])),
    ...pairs.map((p) => at('cumulativeClaimed', [p.earner, p.token])),
  ]
  return stage(first, (r) => {
    const length = params.rootIndex === undefined ? undefined : ok<bigint>(r[0])
    const index =
      params.rootIndex === undefined
        ? ok<number>(r[0])
        : length !== undefined && BigInt(params.rootIndex) < length
          ? params.rootIndex
          : undefined
    const active = ok<RawRoot>(r[1])
    const now = ok<bigint>(r[2])
    const claimsPaused = ok<boolean>(r[3]) === true
    const claimers = new Map<string, Address | null>()
    params.earners.forEach((e, i) => {
      const c = ok<Address>(r[4 + i])
      claimers.set(e.earner.toLowerCase(), !c || sameAddress(c, zeroAddress) ? null : c)
    })
    const claimed = new Map<string, bigint>()
    pairs.forEach((p, i) => {
      const value = r[4 + params.earners.length + i]
      if (value?.status !== 'success') throw value?.error ?? new Error('cumulativeClaimed read missing')
      claimed.set(rewardsClaimKey(p.earner, p.token), value.result as bigint)
    })
    const hasActive = !!active && active.root !== `0x${'00'.repeat(32)}`
    const second: BatchRead[] = [
      ...(index === undefined ? [] : [at('getDistributionRootAtIndex', [BigInt(index)])]),
      ...(hasActive ? [at('getRootIndexFromHash', [active.root])] : []),
    ]
    return stage(second, (r2) => {
      const posted = index === undefined ? undefined : ok<RawRoot>(r2[0])
      const activeIndex = hasActive ? ok<number>(r2[index === undefined ? 0 : 1]) : undefined
      return {
        root: index === undefined || !posted ? undefined : toRoot(index, posted),
        activeRoot: hasActive && activeIndex !== undefined ? toRoot(activeIndex, active) : null,
        now,
        claimers,
        claimed,
        claimsPaused,
      }
    })
  })
}

export type GetRewardsParameters = {
  earner: Address
  /** The distribution of a posted root (the rewards service's JSON, entries, or a `buildRewardsTree` tree). */
  distribution: DistributionInput | RewardsTree
} & DeploymentParameter

/** One token of the earner: what the distribution grants in total, what was claimed, what is left. */
export type RewardsTokenBalance = {
  token: Address
  /** The distribution's cumulative earnings of the token (all time). */
  cumulativeEarnings: bigint
  /** `cumulativeClaimed(earner, token)`. */
  cumulativeClaimed: bigint
  /** What a claim against the distribution's root pays: earnings minus claimed, never below 0. */
  claimable: bigint
}

export type GetRewardsReturnType = {
  earner: Address
  /** The distribution's root (local tree). */
  root: Hex
  /**
   * Where that root is posted, with its readiness (`ready`: a claim sent now is accepted; `readyAt`:
   * its activation time), or `null` when it is not posted.
   */
  posted: (DistributionRoot & { ready: boolean; readyAt: { timestamp: bigint } }) | null
  /** The newest active root (`getCurrentClaimableDistributionRoot`), or `null` when none is active. */
  activeRoot: DistributionRoot | null
  /** Claims are paused on the RewardsCoordinator (no root is `ready` then). */
  claimsPaused: boolean
  tokens: RewardsTokenBalance[]
}

export type GetRewardsErrorType = ReadErrorType

/**
 * The earner's rewards under a distribution: claimable per token (cumulative earnings minus
 * `cumulativeClaimed`), where the distribution's root is posted and when it activates, and the
 * active root. Read at the landing block (`pending`), so `ready` means a claim sent now passes
 * the activation check; two round trips.
 */
export async function getRewards(
  client: EigenLayerReadClient,
  params: GetRewardsParameters,
): Promise<GetRewardsReturnType> {
  const earner = assertAddress('earner', params.earner)
  const d = getDeployment(client, params.deployment)
  const tree = buildRewardsTree(params.distribution)
  const e = treeEarner(tree, earner)
  const s = await runPlan(
    client,
    rewardsStatePlan({
      rewardsCoordinator: d.rewardsCoordinator,
      root: tree.root,
      earners: [{ earner: e.earner, tokens: e.tokens.map((t) => t.token) }],
    }),
    { blockTag: 'pending' },
  )
  // no Multicall3 on the chain: the landing block's clock from the node
  const now = s.now ?? (s.root ? (await getBlock(client, { blockTag: 'pending' })).timestamp : 0n)
  const posted =
    s.root && s.root.root.toLowerCase() === tree.root.toLowerCase()
      ? {
          ...s.root,
          ready: !s.claimsPaused && !s.root.disabled && now >= s.root.activatedAt,
          readyAt: { timestamp: s.root.activatedAt },
        }
      : null
  return {
    earner: getAddress(earner),
    root: tree.root,
    posted,
    activeRoot: s.activeRoot,
    claimsPaused: s.claimsPaused,
    tokens: e.tokens.map((t) => {
      const cumulativeClaimed = s.claimed.get(rewardsClaimKey(e.earner, t.token)) ?? 0n
      const left = t.cumulativeEarnings - cumulativeClaimed
      return {
        token: t.token,
        cumulativeEarnings: t.cumulativeEarnings,
        cumulativeClaimed,
        claimable: left > 0n ? left : 0n,
      }
    }),
  }
}
