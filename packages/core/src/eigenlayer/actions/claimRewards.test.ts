import type { Address } from 'viem'
import { describe, expect, test } from 'vitest'
import { PausedError } from '../errors.js'
import {
  buildRewardsTree,
  InvalidClaimProofError,
  NoRewardsToClaimError,
  RewardsRootDisabledError,
  RewardsRootMismatchError,
  RewardsRootNotActiveError,
  UnauthorizedClaimerError,
} from '../rewards/index.js'
import { prepareClaimRewards, rewardsRevertMapper } from './claimRewards.js'

const lo = '0x1000000000000000000000000000000000000001' as Address
const hi = '0x2000000000000000000000000000000000000002' as Address
const token = '0x3000000000000000000000000000000000000003' as Address
const coordinator = '0x4000000000000000000000000000000000000004' as Address
const deployment = { rewardsCoordinator: coordinator } as never
const distribution = [
  { earner: lo, token, cumulativeEarnings: 10n },
  { earner: hi, token, cumulativeEarnings: 20n },
]

describe('claimRewards: the contract reverts it maps (when the chain moved after the checks)', () => {
  const tree = buildRewardsTree(distribution)
  const root = {
    rootIndex: 4,
    root: tree.root,
    rewardsCalculationEndTimestamp: 1,
    activatedAt: 1_800_000_000n,
    disabled: false,
  }
  const map = rewardsRevertMapper({ tree, earners: [{ earner: lo }], rootIndex: undefined }, { root }, hi)

  test('each claim revert is its typed error, filled from the state read', () => {
    const notActive = map('RootNotActivated', [])
    expect(notActive).toBeInstanceOf(RewardsRootNotActiveError)
    expect((notActive as RewardsRootNotActiveError).readyAt).toEqual({ timestamp: 1_800_000_000n })
    expect((notActive as RewardsRootNotActiveError).rootIndex).toBe(4)
    expect(map('RootDisabled', [])).toBeInstanceOf(RewardsRootDisabledError)
    expect(map('EarningsNotGreaterThanClaimed', [])).toBeInstanceOf(NoRewardsToClaimError)
    const unauthorized = map('UnauthorizedCaller', []) as UnauthorizedClaimerError
    expect(unauthorized).toBeInstanceOf(UnauthorizedClaimerError)
    expect([unauthorized.earner, unauthorized.sender]).toEqual([lo, hi])
    for (const reason of [
      'InvalidClaimProof',
      'InvalidEarnerLeafIndex',
      'InvalidTokenLeafIndex',
      'InputArrayLengthMismatch',
    ])
      expect(map(reason, [])).toBeInstanceOf(InvalidClaimProofError)
    expect(map('InvalidRootIndex', [])).toBeInstanceOf(RewardsRootMismatchError)
    expect(map('CurrentlyPaused', [])).toBeInstanceOf(PausedError)
    expect(map('SomethingElse', [])).toBeUndefined()
  })
})

describe('prepareClaimRewards (pure)', () => {
  test('one earner is processClaim, several are processClaims, to the receiver; the calldata differs with the root index', () => {
    const [one] = prepareClaimRewards({ deployment, account: lo, distribution, rootIndex: 0 })
    const [other] = prepareClaimRewards({ deployment, account: lo, distribution, rootIndex: 1 })
    const [many] = prepareClaimRewards({
      deployment,
      account: lo,
      distribution,
      earner: [lo, hi],
      rootIndex: 0,
      receiver: hi,
    })
    expect(one!.to).toBe(coordinator)
    expect(one!.data.slice(0, 10)).toBe('0x3ccc861d')
    expect(other!.data).not.toBe(one!.data)
    expect(many!.data.slice(0, 10)).not.toBe('0x3ccc861d')
    expect(many!.data.toLowerCase()).toContain(hi.slice(2).toLowerCase())
    expect(() => prepareClaimRewards({ deployment, distribution, rootIndex: 0 })).toThrow(/earner/)
    expect(() => prepareClaimRewards({ deployment, account: lo, distribution, rootIndex: 1.5 })).toThrow(
      /rootIndex/,
    )
  })
})
