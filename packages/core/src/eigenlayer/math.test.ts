import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  divWad,
  mulWad,
  mulWadRoundUp,
  RATE_PROBE_SHARES,
  sharesToUnderlying,
  slashableShares,
  slashableStake,
  slashedMagnitude,
  slashedOperatorShares,
  slashingFactor,
  strategyStateFromProbe,
  toDepositShares,
  toWithdrawableShares,
  underlyingToShares,
  updateDepositScalingFactor,
  WAD,
} from './math.js'

describe('WAD math (contract rounding)', () => {
  test('mulWad/divWad round down; mulWadRoundUp rounds up', () => {
    expect(mulWad(3n, WAD / 2n)).toBe(1n)
    expect(mulWadRoundUp(3n, WAD / 2n)).toBe(2n)
    expect(mulWadRoundUp(4n, WAD / 2n)).toBe(2n)
    expect(divWad(1n, 3n)).toBe(333333333333333333n)
    expect(() => divWad(1n, 0n)).toThrow(RangeError)
  })

  test('withdrawable ↔ deposit shares; a stored dsf of 0 means WAD', () => {
    expect(
      toWithdrawableShares({
        depositShares: 10n * WAD,
        depositScalingFactor: 0n,
        slashingFactor: (9n * WAD) / 10n,
      }),
    ).toBe(9n * WAD)
    expect(
      toDepositShares({
        withdrawableShares: 9n * WAD,
        depositScalingFactor: 0n,
        slashingFactor: (9n * WAD) / 10n,
      }),
    ).toBe(10n * WAD)
    expect(toDepositShares({ withdrawableShares: 1n, depositScalingFactor: WAD, slashingFactor: 0n })).toBe(
      0n,
    )
  })

  test('slashing factor multiplies in the beacon-chain factor only when given', () => {
    expect(slashingFactor({ maxMagnitude: WAD / 2n })).toBe(WAD / 2n)
    expect(slashingFactor({ maxMagnitude: WAD / 2n, beaconChainSlashingFactor: WAD / 2n })).toBe(WAD / 4n)
  })

  test('dsf on deposit: first deposit divides by the slashing factor; later deposits keep withdrawable shares', () => {
    const sf = (8n * WAD) / 10n
    const first = updateDepositScalingFactor({
      depositScalingFactor: WAD,
      prevDepositShares: 0n,
      addedShares: 5n * WAD,
      slashingFactor: sf,
    })
    expect(first).toBe(divWad(WAD, sf))
    // after the first deposit the staker can withdraw what it deposited (up to rounding)
    expect(
      toWithdrawableShares({ depositShares: 5n * WAD, depositScalingFactor: first, slashingFactor: sf }),
    ).toBe(5n * WAD)
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.bigInt({ min: 1n, max: 10n ** 30n }),
        fc.bigInt({ min: WAD / 1000n, max: WAD }),
        (prev, added, factor) => {
          const dsf0 = divWad(WAD, factor)
          const before = toWithdrawableShares({
            depositShares: prev,
            depositScalingFactor: dsf0,
            slashingFactor: factor,
          })
          const dsf1 = updateDepositScalingFactor({
            depositScalingFactor: dsf0,
            prevDepositShares: prev,
            addedShares: added,
            slashingFactor: factor,
          })
          const after = toWithdrawableShares({
            depositShares: prev + added,
            depositScalingFactor: dsf1,
            slashingFactor: factor,
          })
          // never more than deposited; loses at most a few wei per WAD of shares (scaled by 1/sf)
          return after <= before + added && before + added - after <= 3n + (3n * (prev + added)) / factor
        },
      ),
      { numRuns: 300 },
    )
  })
})

describe('StrategyBase conversions', () => {
  test('virtual offsets: an empty strategy converts 1:1', () => {
    expect(underlyingToShares(10n ** 18n, { totalShares: 0n, tokenBalance: 0n })).toBe(10n ** 18n)
    expect(sharesToUnderlying(10n ** 18n, { totalShares: 0n, tokenBalance: 0n })).toBe(10n ** 18n)
    // a donation raises the price of a share
    expect(sharesToUnderlying(1000n, { totalShares: 1000n, tokenBalance: 3000n })).toBe(2000n)
  })

  test('the rate probe recovers the exact state for any realistic strategy', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 38n - 1n }),
        fc.bigInt({ min: 0n, max: 10n ** 38n }),
        (totalShares, tokenBalance) => {
          const probe = sharesToUnderlying(RATE_PROBE_SHARES, { totalShares, tokenBalance })
          const state = strategyStateFromProbe(totalShares, probe)
          expect(state).toEqual({ totalShares, tokenBalance })
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('slashable stake from magnitudes', () => {
  test('proportion of max magnitude; a pending deallocation counts once effective', () => {
    const allocation = { currentMagnitude: WAD / 2n, pendingDiff: -(WAD / 4n), effectBlock: 100 }
    expect(
      slashableStake({ operatorShares: 100n * WAD, allocation, maxMagnitude: WAD, futureBlock: 99 }),
    ).toBe(50n * WAD)
    expect(
      slashableStake({ operatorShares: 100n * WAD, allocation, maxMagnitude: WAD, futureBlock: 100 }),
    ).toBe(25n * WAD)
    // a pending allocation (positive) never counts
    expect(
      slashableStake({
        operatorShares: 100n * WAD,
        allocation: { currentMagnitude: 0n, pendingDiff: WAD, effectBlock: 1 },
        maxMagnitude: WAD,
        futureBlock: 5,
      }),
    ).toBe(0n)
    expect(slashableStake({ operatorShares: 1n, allocation, maxMagnitude: 0n, futureBlock: 1 })).toBe(0n)
    // after a 20% slash of a 0.5 allocation: 0.4 / 0.9
    expect(
      slashableStake({
        operatorShares: 9n * WAD,
        allocation: { currentMagnitude: (4n * WAD) / 10n, pendingDiff: 0n, effectBlock: 0 },
        maxMagnitude: (9n * WAD) / 10n,
        futureBlock: 0,
      }),
    ).toBe(mulWad(9n * WAD, divWad((4n * WAD) / 10n, (9n * WAD) / 10n)))
  })
})

describe('what a slash removes (the contract rounds in the protocol favour)', () => {
  test('slashed magnitude rounds up; operator shares keep ceil(shares · newMax / prevMax)', () => {
    // 20% of a 0.5 allocation: 0.1 of max magnitude
    expect(slashedMagnitude(WAD / 2n, WAD / 5n)).toBe(WAD / 10n)
    expect(slashedMagnitude(3n, WAD / 2n)).toBe(2n) // 1.5 rounds up
    // 10 shares, max 1 -> 0.9: 1 share slashed (the facts' scenario)
    expect(slashedOperatorShares(10n * WAD, WAD, (9n * WAD) / 10n)).toBe(WAD)
    // 10 wei, max 3 -> 2: keep ceil(20/3) = 7, lose 3
    expect(slashedOperatorShares(10n, 3n, 2n)).toBe(3n)
    expect(slashedOperatorShares(10n, 0n, 0n)).toBe(0n)
    expect(slashableShares(9n * WAD, (4n * WAD) / 10n, (9n * WAD) / 10n)).toBe(
      mulWad(9n * WAD, divWad((4n * WAD) / 10n, (9n * WAD) / 10n)),
    )
    expect(slashableShares(1n, 1n, 0n)).toBe(0n)
  })
})
