import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { attackNakamoto, stakeConcentration } from '../src/concentration.js'
import { applySlash, type OperatorStrategyState, slashableStakes, WAD } from '../src/eigenlayer.js'
import { indexGraph } from '../src/graph.js'
import { le, ONE, rat } from '../src/rational.js'
import { graphArb } from './helpers.js'

describe('concentration properties', () => {
  it('attack Nakamoto coefficient is the fewest validators of N(s) reaching α σ_N(s) (brute force)', () => {
    fc.assert(
      fc.property(graphArb(7, 3), (g) => {
        const ig = indexGraph(g)
        for (const [s, svc] of g.services.entries()) {
          const vs = ig.svcVals[s]!
          let fewest = Number.POSITIVE_INFINITY
          for (let mask = 0; mask < 1 << vs.length; mask++) {
            let st = 0n
            let k = 0
            vs.forEach((v, i) => {
              if ((mask >> i) & 1) {
                st += ig.stake[v]!
                k++
              }
            })
            if (ig.thrDen[s]! * st >= ig.thrNum[s]! * ig.sigmaN[s]! && k < fewest) fewest = k
          }
          const n = attackNakamoto(g, svc.id)
          expect(n.nakamoto).toBe(fewest)
          expect(n.validators).toHaveLength(fewest)
        }
      }),
      { numRuns: 120 },
    )
  })
  it('1/n ≤ HHI ≤ 1 and N_eff = 1/HHI over positive stakes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.bigInt({ min: 1n, max: 10n ** 24n }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const c = stakeConcentration(xs.map((stake, i) => ({ id: `v${i}`, stake })))
          expect(le(rat(1, xs.length), c.hhi) && le(c.hhi, ONE)).toBe(true)
          expect(c.effectiveN).toEqual({ num: c.hhi.den, den: c.hhi.num })
          expect(c.topShares).toHaveLength(Math.min(5, xs.length))
          if (xs.length <= 5) expect(c.topShares.at(-1)).toEqual(ONE)
          else expect(le(c.topShares.at(-1)!, ONE) && !le(ONE, c.topShares.at(-1)!)).toBe(true)
        },
      ),
      { numRuns: 100 },
    )
  })
})

describe('EigenLayer slashing properties', () => {
  const stateArb = fc
    .record({
      max: fc.bigInt({ min: WAD / 2n, max: WAD }),
      shares: fc.bigInt({ min: 1n, max: 10n ** 27n }),
      parts: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 2, maxLength: 5 }),
    })
    .map(
      ({ max, shares, parts }): OperatorStrategyState => ({
        maxMagnitude: max,
        operatorShares: shares,
        allocations: parts.map((p, i) => ({
          operatorSet: `set${i}`,
          currentMagnitude: (max * BigInt(p)) / 100n,
        })),
      }),
    )
  it('a slash in one set leaves the others their absolute slashable stake (up to rounding) and takes ~wad of the slashed one', () => {
    fc.assert(
      fc.property(stateArb, fc.bigInt({ min: 1n, max: WAD }), fc.nat(), (state, wad, pick) => {
        const i = pick % state.allocations.length
        const fx = applySlash(state, `set${i}`, wad)
        const before = slashableStakes(state)
        const after = slashableStakes(fx.after)
        // two roundings down on each side plus the share rounding: a few wei per 1e18 of shares
        const tol = state.operatorShares / 10n ** 15n + 10n
        for (let k = 0; k < before.length; k++) {
          const b = before[k]!.slashable
          const a = after[k]!.slashable
          if (k !== i) expect(a - b <= tol && b - a <= tol).toBe(true)
          else {
            const expected = b - (b * wad) / WAD
            expect(a - expected <= tol && expected - a <= tol).toBe(true)
          }
        }
        // shares lost = the slashed set's slashable stake (up to rounding)
        const lost = fx.sharesSlashed - (before[i]!.slashable * wad) / WAD
        expect(lost <= tol && -lost <= tol).toBe(true)
        expect(fx.after.maxMagnitude).toBe(state.maxMagnitude - fx.slashedMagnitude)
      }),
      { numRuns: 200 },
    )
  })
})
