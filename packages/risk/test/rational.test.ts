import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as R from '../src/rational.js'

const arb = fc
  .tuple(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.bigInt({ min: 1n, max: 10n ** 20n }))
  .map(([n, d]) => R.rat(n, d))

describe('rational', () => {
  it('normalizes sign and gcd', () => {
    expect(R.rat(6, -4)).toEqual({ num: -3n, den: 2n })
    expect(R.rat(0, -7)).toEqual({ num: 0n, den: 1n })
    expect(() => R.rat(1, 0)).toThrow(RangeError)
  })
  it('parses integers, fractions and decimals, refuses the rest', () => {
    expect(R.parseRational('3/9')).toEqual({ num: 1n, den: 3n })
    expect(R.parseRational(' -12 ')).toEqual({ num: -12n, den: 1n })
    expect(R.parseRational(7)).toEqual({ num: 7n, den: 1n })
    expect(R.parseRational(5n)).toEqual({ num: 5n, den: 1n })
    expect(R.parseRational('0.25')).toEqual({ num: 1n, den: 4n })
    expect(R.parseRational('123456789012345678901234567890')).toEqual({
      num: 123456789012345678901234567890n,
      den: 1n,
    })
    for (const bad of [0.5, 2 ** 60, '1/0', 'abc', '1/2/3', '', null, {}, Number.NaN])
      expect(() => R.parseRational(bad)).toThrow(R.RationalParseError)
  })
  it('prints num/den', () => {
    expect(R.format(R.rat(4, 2))).toBe('2/1')
    expect(R.format(R.rat(4, 2), true)).toBe('2')
    expect(R.format(R.rat(-1, 3))).toBe('-1/3')
    expect(R.toDecimal(R.rat(2, 3), 4)).toBe('0.6666')
    expect(R.floor(R.rat(-7, 2))).toBe(-4n)
    expect(R.ceil(R.rat(7, 2))).toBe(4n)
  })
  it('field laws and order agree with cross-multiplication', () => {
    fc.assert(
      fc.property(arb, arb, arb, (a, b, c) => {
        expect(R.add(a, b)).toEqual(R.add(b, a))
        expect(R.mul(R.add(a, b), c)).toEqual(R.add(R.mul(a, c), R.mul(b, c)))
        expect(R.sub(R.add(a, b), b)).toEqual(a)
        if (!R.isZero(b)) expect(R.mul(R.div(a, b), b)).toEqual(a)
        expect(R.compare(a, b)).toBe(-R.compare(b, a) || 0)
        expect(R.lt(R.min(a, b), R.max(a, b)) || R.eq(a, b)).toBe(true)
        expect(R.sum([a, b, c])).toEqual(R.add(R.add(a, b), c))
        expect(R.parseRational(R.format(a))).toEqual(a)
        const g = R.gcd(a.num, a.den)
        expect(g === 1n || a.num === 0n).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
