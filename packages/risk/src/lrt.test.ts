// The LRT look-through from a backing (pure): per strategy, what each operator set can slash
// through each operator, with the contracts' rounding in shares and exact amounts.
import { describe, expect, test } from 'vitest'
import { lrtBackingExposure } from './lrt.js'
import { format, rat } from './rational.js'

const WAD = 10n ** 18n
const S1 = '0x00000000000000000000000000000000000000S1'
const S2 = '0x00000000000000000000000000000000000000S2'
const AVS = '0x00000000000000000000000000000000000000Aa'

describe('lrtBackingExposure', () => {
  const backing = {
    stakers: [
      {
        staker: 'A',
        operator: 'O1',
        positions: [
          { strategy: S1, asset: 'lst', shares: 7n, amount: 14n },
          { strategy: S2, shares: 10n, amount: 10n },
        ],
      },
      // the same operator, spelled in another case
      { staker: 'B', operator: 'o1', positions: [{ strategy: S1.toLowerCase(), shares: 8n, amount: 10n }] },
      { staker: 'C', operator: null, positions: [{ strategy: S1, shares: 3n, amount: 6n }] },
      // an operator whose allocations were not given: exposed to nothing
      { staker: 'D', operator: 'O2', positions: [{ strategy: S1, shares: 100n, amount: 200n }] },
    ],
  }
  const allocations = [
    {
      operator: 'o1',
      operatorSets: [
        {
          operatorSet: { avs: AVS, id: 1 },
          strategies: [{ strategy: S1, currentMagnitude: WAD / 3n, maxMagnitude: WAD }],
        },
        {
          operatorSet: { avs: AVS, id: 2 },
          strategies: [
            { strategy: S1, currentMagnitude: 0n, maxMagnitude: WAD },
            { strategy: S2, currentMagnitude: WAD / 4n, maxMagnitude: WAD / 2n },
          ],
        },
      ],
    },
  ]
  const [s1, s2] = lrtBackingExposure(backing, allocations)

  test('per strategy: the backing summed, the undelegated part apart', () => {
    expect(s1).toMatchObject({
      strategy: S1,
      asset: 'lst',
      shares: 118n,
      amount: 230n,
      undelegated: { shares: 3n, amount: 6n },
    })
    expect(s2).toMatchObject({
      strategy: S2,
      shares: 10n,
      amount: 10n,
      undelegated: { shares: 0n, amount: 0n },
    })
    expect(s2).not.toHaveProperty('asset')
  })

  test('per operator set: shares rounded down per staker as the AllocationManager rounds, amounts exact', () => {
    // a third of 7 and of 8 shares: 2 + 2 (the exact 5 is never slashable in whole shares)
    expect(s1!.operatorSets).toHaveLength(1) // a zero magnitude in set 2 exposes nothing
    const [set1] = s1!.operatorSets
    expect(set1).toMatchObject({
      service: `eigenlayer:${AVS.toLowerCase()}:1`,
      operator: 'O1',
      operatorSet: { avs: AVS, id: 1 },
      shares: 4n,
    })
    expect(format(set1!.share)).toBe(format(rat(333_333_333_333_333_333n, WAD)))
    // (14 + 10) · (1e18 / 3) / 1e18, exact
    expect(format(set1!.amount)).toBe(format(rat(24n * 333_333_333_333_333_333n, WAD)))
    const [set2] = s2!.operatorSets
    expect(set2).toMatchObject({ service: `eigenlayer:${AVS.toLowerCase()}:2`, shares: 5n })
    expect(format(set2!.amount)).toBe('5/1')
  })

  test('per service (lrtExposure): the operators it comes through', () => {
    expect(s1!.exposures).toHaveLength(1)
    expect(s1!.exposures[0]).toMatchObject({ service: `eigenlayer:${AVS.toLowerCase()}:1` })
    expect(s1!.exposures[0]!.through.map((t) => [t.operator, format(t.amount)])).toEqual([
      ['O1', format(s1!.operatorSets[0]!.amount)],
    ])
    expect(format(s2!.exposures[0]!.exposure)).toBe('5/1')
  })

  test('no allocations: every strategy is listed and exposed to nothing', () => {
    const none = lrtBackingExposure(backing, [])
    expect(none.map((s) => [s.strategy, s.operatorSets.length, s.exposures.length])).toEqual([
      [S1, 0, 0],
      [S2, 0, 0],
    ])
  })
})
