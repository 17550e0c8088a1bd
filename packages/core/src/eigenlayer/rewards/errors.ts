import type { Address, Hex } from 'viem'
import { RestakeKitError } from '../../errors.js'

/** A rewards distribution (JSON or object) is malformed: what is wrong, and where. */
export class InvalidDistributionError extends RestakeKitError {
  override name = 'InvalidDistributionError' as const
  readonly reason: string
  constructor(params: { reason: string }) {
    super(`Invalid rewards distribution: ${params.reason}.`, {
      details: [
        'Accepted: the rewards service lines `{ earner, token, cumulative_amount }` (an array or JSON lines), ' +
          'the map `{ earner: { token: amount } }`, or entries `{ earner, token, cumulativeEarnings: bigint }`.',
      ],
      docsPath: '/errors#invalid-distribution',
    })
    this.reason = params.reason
  }
}

/** The earner (or one of its tokens) is not in the distribution, so no claim can be built for it. */
export class NotInDistributionError extends RestakeKitError {
  override name = 'NotInDistributionError' as const
  readonly earner: Address
  readonly token: Address | undefined
  constructor(params: { earner: Address; token?: Address }) {
    super(
      params.token
        ? `Token ${params.token} has no leaf for earner ${params.earner} in the distribution.`
        : `Earner ${params.earner} is not in the distribution.`,
      { docsPath: '/errors#not-in-distribution' },
    )
    this.earner = params.earner
    this.token = params.token
  }
}

/**
 * The distribution's root is not the one posted on chain: not posted at all (`rootIndex`
 * undefined), or the root at the given index differs (another distribution).
 */
export class RewardsRootMismatchError extends RestakeKitError {
  override name = 'RewardsRootMismatchError' as const
  readonly root: Hex
  readonly rootIndex: number | undefined
  readonly postedRoot: Hex | undefined
  constructor(params: { root: Hex; rootIndex?: number; postedRoot?: Hex }) {
    const { root, rootIndex, postedRoot } = params
    super(
      rootIndex === undefined
        ? `The distribution's root ${root} has not been posted to the RewardsCoordinator.`
        : `The distribution's root ${root} is not the root posted at index ${rootIndex}${postedRoot ? ` (${postedRoot})` : ''}.`,
      {
        details: ['Use the distribution of a posted root (the rewards updater posts one per calculation).'],
        docsPath: '/errors#rewards-root-mismatch',
      },
    )
    this.root = root
    this.rootIndex = rootIndex
    this.postedRoot = postedRoot
  }
}

/** The root is posted but cannot be claimed against yet (`RootNotActivated`): `readyAt` says when. */
export class RewardsRootNotActiveError extends RestakeKitError {
  override name = 'RewardsRootNotActiveError' as const
  readonly rootIndex: number | undefined
  readonly readyAt: { timestamp: bigint } | undefined
  readonly now: { timestamp: bigint } | undefined
  constructor(params: { rootIndex?: number; readyAt?: { timestamp: bigint }; now?: { timestamp: bigint } }) {
    const { rootIndex, readyAt, now } = params
    const at = readyAt
      ? `; it activates at ${new Date(Number(readyAt.timestamp) * 1000).toISOString()} (unix ${readyAt.timestamp})`
      : ''
    super(`Rewards root${rootIndex === undefined ? '' : ` ${rootIndex}`} is not active yet${at}.`, {
      details: readyAt && now ? [`${readyAt.timestamp - now.timestamp} seconds to go.`] : [],
      docsPath: '/errors#rewards-root-not-active',
    })
    this.rootIndex = rootIndex
    this.readyAt = readyAt
    this.now = now
  }
}

/** The rewards updater disabled the root (`RootDisabled`): claim against another root. */
export class RewardsRootDisabledError extends RestakeKitError {
  override name = 'RewardsRootDisabledError' as const
  readonly rootIndex: number | undefined
  constructor(params: { rootIndex?: number }) {
    super(`Rewards root${params.rootIndex === undefined ? '' : ` ${params.rootIndex}`} is disabled.`, {
      details: ['Claim against the current claimable root (`getRewards` names it).'],
      docsPath: '/errors#rewards-root-disabled',
    })
    this.rootIndex = params.rootIndex
  }
}

/**
 * Nothing is left to claim: every token's cumulative earnings in the distribution are already
 * claimed (`EarningsNotGreaterThanClaimed`).
 */
export class NoRewardsToClaimError extends RestakeKitError {
  override name = 'NoRewardsToClaimError' as const
  readonly earners: readonly Address[]
  constructor(params: { earners: readonly Address[] }) {
    super(`Nothing left to claim for ${params.earners.join(', ')}: every token is claimed in full.`, {
      docsPath: '/errors#no-rewards-to-claim',
    })
    this.earners = params.earners
  }
}

/** The sender may not claim for the earner (`UnauthorizedCaller`): only the earner's claimer may. */
export class UnauthorizedClaimerError extends RestakeKitError {
  override name = 'UnauthorizedClaimerError' as const
  readonly earner: Address | undefined
  readonly sender: Address | undefined
  /** The claimer set for the earner (`null`: none, the earner claims itself). */
  readonly claimer: Address | null | undefined
  constructor(params: { earner?: Address; sender?: Address; claimer?: Address | null }) {
    const { earner, sender, claimer } = params
    super(`${sender ?? 'The sender'} may not claim the rewards of ${earner ?? 'this earner'}.`, {
      details:
        claimer === undefined
          ? []
          : [
              claimer === null
                ? 'No claimer is set: only the earner may claim.'
                : `The earner's claimer is ${claimer}.`,
            ],
      docsPath: '/errors#unauthorized-claimer',
    })
    this.earner = earner
    this.sender = sender
    this.claimer = claimer
  }
}

/** A claim's proofs do not lead to the root (`InvalidClaimProof` and the index-bound errors). */
export class InvalidClaimProofError extends RestakeKitError {
  override name = 'InvalidClaimProofError' as const
  readonly earner: Address | undefined
  constructor(params: { earner?: Address; reason?: string }) {
    super(
      `The claim proof${params.earner ? ` of ${params.earner}` : ''} does not verify${params.reason ? `: ${params.reason}` : ''}.`,
      {
        docsPath: '/errors#invalid-claim-proof',
      },
    )
    this.earner = params.earner
  }
}
