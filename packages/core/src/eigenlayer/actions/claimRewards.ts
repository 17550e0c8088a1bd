import type { Address, Hex } from 'viem'
import { InvalidParameterError, type WriteErrorType } from '../../errors.js'
import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  type RevertMapper,
  sendOf,
  simulateOf,
  waitForOf,
} from '../../kit/index.js'
import { rewardsClaimsAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'
import { eigenlayerReverts, PausedError, rewardsCoordinatorReverts } from '../errors.js'
import { type DeploymentParameter, sameAddress, specDeployment } from '../internal.js'
import {
  buildClaim,
  buildRewardsTree,
  type DistributionInput,
  type RewardsMerkleClaim,
  type RewardsTree,
  treeEarner,
  verifyClaim,
} from '../rewards/distribution.js'
import {
  InvalidClaimProofError,
  NoRewardsToClaimError,
  NotInDistributionError,
  RewardsRootDisabledError,
  RewardsRootMismatchError,
  RewardsRootNotActiveError,
  UnauthorizedClaimerError,
} from '../rewards/errors.js'
import { type RewardsState, rewardsClaimKey, rewardsStatePlan } from './getRewards.js'

export type ClaimRewardsParameters = {
  /**
   * The distribution of the posted root: the rewards service's JSON (lines `{ earner, token,
   * cumulative_amount }`, or the map `{ earner: { token: amount } }`), SDK entries, or a
   * `buildRewardsTree` tree. The claim proofs are built from it locally and verified before sending.
   */
  distribution: DistributionInput | RewardsTree
  /**
   * Whose rewards: one earner (`processClaim`) or several (`processClaims`, one transaction; the
   * sender must be each one's claimer). Default: the sender.
   */
  earner?: Address | readonly Address[]
  /** The posted root's index. Default: the index of the distribution's root, read from chain (required by `prepare`). */
  rootIndex?: number
  /** Tokens to claim (default: every token of each earner). Tokens already claimed in full are dropped. */
  tokens?: readonly Address[]
  /** Who receives the tokens (default: the sender). */
  receiver?: Address
} & DeploymentParameter

type Resolved = {
  rewardsCoordinator: Address
  tree: RewardsTree
  earners: readonly { earner: Address; tokens: readonly Address[] }[]
  rootIndex: number | undefined
  receiver: Address
}

/** One token of a claim: what the transaction is expected to pay (earnings minus claimed). */
export type ClaimedToken = { earner: Address; token: Address; amount: bigint }

/** What the checks decided: the claims to send, what each pays, what was dropped. */
type Plan = {
  rootIndex: number
  claims: RewardsMerkleClaim[]
  paying: ClaimedToken[]
  /** Tokens left out because they are claimed in full (`EarningsNotGreaterThanClaimed` otherwise). */
  dropped: { earner: Address; token: Address }[]
}

function assertRootIndex(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= 2 ** 32)
    throw new InvalidParameterError({ parameter: 'rootIndex', reason: `${String(value)} is not a uint32` })
  return value
}

function resolve(
  p: ClaimRewardsParameters,
  sender: Address | undefined,
  deployment: EigenLayerDeployment,
): Resolved {
  const tree = buildRewardsTree(p.distribution)
  const given =
    p.earner === undefined ? (sender ? [sender] : []) : Array.isArray(p.earner) ? p.earner : [p.earner]
  if (given.length === 0)
    throw new InvalidParameterError({
      parameter: 'earner',
      reason: 'give an earner, or an account (the earner by default)',
    })
  const wanted = p.tokens?.map((t, i) => assertAddress(`tokens[${i}]`, t))
  const unique = new Map<string, Address>()
  given.forEach((x, i) => {
    const a = assertAddress(given.length === 1 ? 'earner' : `earner[${i}]`, x)
    unique.set(a.toLowerCase(), a)
  })
  const earners = [...unique.values()].map((earner) => {
    const e = treeEarner(tree, earner)
    const own = e.tokens.map((t) => t.token)
    const tokens = wanted ? own.filter((t) => wanted.some((w) => sameAddress(w, t))) : own
    if (tokens.length === 0) throw new NotInDistributionError({ earner: e.earner, token: wanted![0]! })
    return { earner: e.earner, tokens }
  })
  for (const w of wanted ?? [])
    if (!earners.some((e) => e.tokens.some((t) => sameAddress(t, w))))
      throw new NotInDistributionError({ earner: earners[0]!.earner, token: w })
  const receiver = p.receiver ?? sender
  if (!receiver)
    throw new InvalidParameterError({
      parameter: 'receiver',
      reason: 'give a receiver, or an account (the receiver by default)',
    })
  return {
    rewardsCoordinator: deployment.rewardsCoordinator,
    tree,
    earners,
    rootIndex: p.rootIndex === undefined ? undefined : assertRootIndex(p.rootIndex),
    receiver: assertAddress('receiver', receiver),
  }
}

/** The checks on the landing block's state, in the contract's order; returns what to send. */
function plan(a: Resolved, s: RewardsState, sender: Address): Plan {
  const root = a.tree.root
  if (s.claimsPaused) throw new PausedError({ contract: 'RewardsCoordinator' })
  if (!s.root)
    throw new RewardsRootMismatchError(
      a.rootIndex === undefined ? { root } : { root, rootIndex: a.rootIndex },
    )
  const rootIndex = s.root.rootIndex
  if (s.root.root.toLowerCase() !== root.toLowerCase())
    throw new RewardsRootMismatchError({ root, rootIndex, postedRoot: s.root.root })
  if (s.root.disabled) throw new RewardsRootDisabledError({ rootIndex })
  // without a clock read (no Multicall3) the contract's RootNotActivated maps to the same error
  if (s.now !== undefined && s.now < s.root.activatedAt)
    throw new RewardsRootNotActiveError({
      rootIndex,
      readyAt: { timestamp: s.root.activatedAt },
      now: { timestamp: s.now },
    })
  for (const { earner } of a.earners) {
    const claimer = s.claimers.get(earner.toLowerCase()) ?? null
    if (!sameAddress(sender, claimer ?? earner))
      throw new UnauthorizedClaimerError({ earner, sender, claimer })
  }
  const claims: RewardsMerkleClaim[] = []
  const paying: ClaimedToken[] = []
  const dropped: Plan['dropped'] = []
  for (const { earner, tokens } of a.earners) {
    const leaves = treeEarner(a.tree, earner).tokens
    const keep: Address[] = []
    for (const token of tokens) {
      const earned = leaves.find((l) => l.token === token)!.cumulativeEarnings
      const claimed = s.claimed.get(rewardsClaimKey(earner, token)) ?? 0n
      if (earned > claimed) {
        keep.push(token)
        paying.push({ earner, token, amount: earned - claimed })
      } else dropped.push({ earner, token })
    }
    if (keep.length === 0) continue
    const claim = buildClaim({ distribution: a.tree, earner, rootIndex, tokens: keep })
    verifyClaim(root, claim)
    claims.push(claim)
  }
  if (claims.length === 0) throw new NoRewardsToClaimError({ earners: a.earners.map((e) => e.earner) })
  return { rootIndex, claims, paying, dropped }
}

/**
 * The RewardsCoordinator's claim reverts as typed errors (the other EigenLayer errors otherwise):
 * what a claim meets when the chain moved between the checks and the simulation.
 */
export function rewardsRevertMapper(
  a: { tree: RewardsTree; earners: readonly { earner: Address }[]; rootIndex: number | undefined },
  s: { root: RewardsState['root'] } | undefined,
  sender: Address | undefined,
): RevertMapper {
  const base = eigenlayerReverts([rewardsCoordinatorReverts], { contract: 'RewardsCoordinator' })
  const rootIndex = s?.root?.rootIndex ?? a.rootIndex
  const one = a.earners.length === 1 ? a.earners[0]!.earner : undefined
  return (reason, args) => {
    switch (reason) {
      case 'RootNotActivated':
        return new RewardsRootNotActiveError({
          ...(rootIndex === undefined ? {} : { rootIndex }),
          ...(s?.root ? { readyAt: { timestamp: s.root.activatedAt } } : {}),
        })
      case 'RootDisabled':
        return new RewardsRootDisabledError(rootIndex === undefined ? {} : { rootIndex })
      case 'EarningsNotGreaterThanClaimed':
        return new NoRewardsToClaimError({ earners: a.earners.map((e) => e.earner) })
      case 'UnauthorizedCaller':
        return new UnauthorizedClaimerError({
          ...(one ? { earner: one } : {}),
          ...(sender ? { sender } : {}),
        })
      case 'InvalidClaimProof':
      case 'InvalidEarnerLeafIndex':
      case 'InvalidTokenLeafIndex':
      case 'InputArrayLengthMismatch':
        return new InvalidClaimProofError({ ...(one ? { earner: one } : {}), reason })
      case 'InvalidRootIndex':
      case 'InvalidRoot':
        return new RewardsRootMismatchError({
          root: a.tree.root,
          ...(rootIndex === undefined ? {} : { rootIndex }),
        })
      default:
        return base(reason, args)
    }
  }
}

const plans = /* @__PURE__ */ new WeakMap<object, Plan>()
function planOf(a: Resolved, s: RewardsState, sender: Address): Plan {
  let p = plans.get(s)
  if (!p) {
    p = plan(a, s, sender)
    plans.set(s, p)
  }
  return p
}

/** The action's name, for its errors and stages (the call's and the `waitFor` layer's). */
const CLAIM_REWARDS = 'eigenlayer.claimRewards'
const claimRewardsCall = /* @__PURE__ */ defineCall({
  name: CLAIM_REWARDS,
  contract: 'RewardsCoordinator',
  deployment: specDeployment,
  resolve: (p: ClaimRewardsParameters, { deployment, sender }) =>
    resolve(p, sender, deployment as EigenLayerDeployment),
  call: (a, { sender }, s: RewardsState | undefined) => {
    let claims: RewardsMerkleClaim[]
    if (s) claims = planOf(a, s, sender as Address).claims
    else {
      if (a.rootIndex === undefined)
        throw new InvalidParameterError({
          parameter: 'rootIndex',
          reason: 'prepareClaimRewards reads nothing: give the posted root index',
        })
      const rootIndex = a.rootIndex
      claims = a.earners.map(({ earner, tokens }) =>
        buildClaim({ distribution: a.tree, earner, rootIndex, tokens }),
      )
    }
    return claims.length === 1
      ? contractCall({
          address: a.rewardsCoordinator,
          abi: rewardsClaimsAbi,
          functionName: 'processClaim',
          args: [claims[0]!, a.receiver],
        })
      : contractCall({
          address: a.rewardsCoordinator,
          abi: rewardsClaimsAbi,
          functionName: 'processClaims',
          args: [claims, a.receiver],
        })
  },
})
const claimRewardsReceipt = /* @__PURE__ */ defineReceipt({
  abi: rewardsClaimsAbi,
  /** The `RewardsClaimed` events: per earner and token, the amount paid and to whom. */
  decode: (_client, r) => ({
    claimed: r.events
      .filter((e) => e.eventName === 'RewardsClaimed')
      .map((e) => {
        const x = e.args as {
          root: Hex
          earner: Address
          claimer: Address
          recipient: Address
          token: Address
          claimedAmount: bigint
        }
        return {
          root: x.root,
          earner: x.earner,
          claimer: x.claimer,
          receiver: x.recipient,
          token: x.token,
          amount: x.claimedAmount,
        }
      }),
  }),
})
const claimRewards_ = /* @__PURE__ */ defineWrite(claimRewardsCall, {
  read: (a) =>
    rewardsStatePlan({
      rewardsCoordinator: a.rewardsCoordinator,
      root: a.tree.root,
      rootIndex: a.rootIndex,
      earners: a.earners,
    }),
  check: (a, s: RewardsState, { sender }) => {
    planOf(a, s, sender as Address)
  },
  revert: (a, s, { sender }) => rewardsRevertMapper(a, s, sender),
  /** The claims sent, what each token is expected to pay, and the tokens dropped as claimed in full. */
  simulated: (a, s, _result: undefined, { sender }) => {
    const p = planOf(a, s, sender as Address)
    return { rootIndex: p.rootIndex, claims: p.claims, paying: p.paying, dropped: p.dropped }
  },
  receipt: claimRewardsReceipt,
})

/**
 * Layer 1 (pure): `processClaim` (one earner) or `processClaims` (several) as a frozen call list,
 * with proofs built from the distribution. Reads nothing: give `rootIndex`; no token is dropped.
 */
export const prepareClaimRewards = /* @__PURE__ */ prepareOf(claimRewardsCall)
/**
 * Layer 2: reads the posted root, the claimers and `cumulativeClaimed` at the landing block; refuses
 * a root that is not posted, disabled or not active yet, a sender that may not claim, and nothing
 * left to claim, as typed errors; drops tokens claimed in full; verifies the proofs; simulates.
 */
export const simulateClaimRewards = /* @__PURE__ */ simulateOf(claimRewards_)
/** Layer 3: the same checks, then simulates and sends the claim. */
export const claimRewards = /* @__PURE__ */ sendOf(claimRewards_)
/** Layer 4: the receipt and its `RewardsClaimed` events (`claimed`: earner, token, amount, receiver). */
export const waitForClaimRewards = /* @__PURE__ */ waitForOf({ name: CLAIM_REWARDS }, claimRewardsReceipt)

export type SimulateClaimRewardsReturnType = Awaited<ReturnType<typeof simulateClaimRewards>>
export type WaitForClaimRewardsReturnType = Awaited<ReturnType<typeof waitForClaimRewards>>
export type ClaimRewardsErrorType =
  | RewardsRootMismatchError
  | RewardsRootNotActiveError
  | RewardsRootDisabledError
  | UnauthorizedClaimerError
  | NoRewardsToClaimError
  | NotInDistributionError
  | InvalidClaimProofError
  | InvalidParameterError
  | WriteErrorType
