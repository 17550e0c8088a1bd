/**
 * Exact rationals over bigint.
 *
 * Why our own module: the npm candidates either normalize with a gcd after every operation
 * (fraction.js 5, big-rational) — which is what makes the O(edges) certificate slow at mainnet
 * scale — or are small unmaintained packages (@sundaeswap/fraction). The security verdicts
 * here only need + − × ÷ and comparison, so a ~150-line module with two layers is enough:
 *
 * - `Rational` values are always normalized (gcd 1, positive denominator), so they print and
 *   compare for equality structurally, and they are what every public result carries.
 * - The `raw*` helpers work on unnormalized pairs (cross-multiplication, no gcd); hot loops
 *   accumulate with them and call `normalize` once at the end.
 */

export type Rational = { readonly num: bigint; readonly den: bigint }

/** Thrown when a string or number is not an integer or a `"num/den"` fraction. */
export class RationalParseError extends Error {
  override name = 'RationalParseError'
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x)

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a)
  let y = abs(b)
  while (y !== 0n) {
    const t = x % y
    x = y
    y = t
  }
  return x
}

/** Builds the normalized rational num/den. `den` must not be zero. */
export function rat(num: bigint | number, den: bigint | number = 1n): Rational {
  return normalize(BigInt(num), BigInt(den))
}

export function normalize(num: bigint, den: bigint): Rational {
  if (den === 0n) throw new RangeError('Rational with zero denominator')
  if (den < 0n) {
    num = -num
    den = -den
  }
  if (den === 1n) return { num, den }
  if (num === 0n) return ZERO
  const g = gcd(num, den)
  return g === 1n ? { num, den } : { num: num / g, den: den / g }
}

export const ZERO: Rational = Object.freeze({ num: 0n, den: 1n })
export const ONE: Rational = Object.freeze({ num: 1n, den: 1n })

export const add = (a: Rational, b: Rational): Rational =>
  a.den === b.den ? normalize(a.num + b.num, a.den) : normalize(a.num * b.den + b.num * a.den, a.den * b.den)
export const sub = (a: Rational, b: Rational): Rational =>
  a.den === b.den ? normalize(a.num - b.num, a.den) : normalize(a.num * b.den - b.num * a.den, a.den * b.den)
export const mul = (a: Rational, b: Rational): Rational => normalize(a.num * b.num, a.den * b.den)
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('Division of a rational by zero')
  return normalize(a.num * b.den, a.den * b.num)
}
export const neg = (a: Rational): Rational => ({ num: -a.num, den: a.den })
export const inv = (a: Rational): Rational => div(ONE, a)

/** −1, 0 or 1 as a < b, a = b, a > b. No gcd. */
export function compare(a: Rational, b: Rational): -1 | 0 | 1 {
  const l = a.num * b.den
  const r = b.num * a.den
  return l < r ? -1 : l > r ? 1 : 0
}
export const eq = (a: Rational, b: Rational) => a.num === b.num && a.den === b.den
export const lt = (a: Rational, b: Rational) => compare(a, b) < 0
export const le = (a: Rational, b: Rational) => compare(a, b) <= 0
export const gt = (a: Rational, b: Rational) => compare(a, b) > 0
export const ge = (a: Rational, b: Rational) => compare(a, b) >= 0
export const min = (a: Rational, b: Rational) => (compare(a, b) <= 0 ? a : b)
export const max = (a: Rational, b: Rational) => (compare(a, b) >= 0 ? a : b)
export const sign = (a: Rational): -1 | 0 | 1 => (a.num < 0n ? -1 : a.num > 0n ? 1 : 0)
export const isZero = (a: Rational) => a.num === 0n

export function sum(xs: Iterable<Rational>): Rational {
  let n = 0n
  let d = 1n
  for (const x of xs) {
    if (x.den === d) n += x.num
    else {
      n = n * x.den + x.num * d
      d *= x.den
    }
  }
  return normalize(n, d)
}

/** Floor of a rational (towards −∞). */
export function floor(a: Rational): bigint {
  const q = a.num / a.den
  return a.num < 0n && q * a.den !== a.num ? q - 1n : q
}
/** Ceiling of a rational (towards +∞). */
export const ceil = (a: Rational): bigint => -floor(neg(a))

/** `"num/den"` (`"num"` when the denominator is 1 and `compact` is set). */
export function format(a: Rational, compact = false): string {
  return compact && a.den === 1n ? a.num.toString() : `${a.num}/${a.den}`
}

/** A float approximation, for display and heuristics only: it never decides a verdict. */
export function toNumber(a: Rational): number {
  const n = Number(a.num)
  const d = Number(a.den)
  if (Number.isFinite(n) && Number.isFinite(d)) return n / d
  // scale down huge values before converting
  const shift = BigInt(Math.max(a.num.toString(2).length, a.den.toString(2).length) - 1000)
  return Number(a.num >> (shift > 0n ? shift : 0n)) / Number(a.den >> (shift > 0n ? shift : 0n))
}

/** Decimal string with `digits` fraction digits, rounded towards zero (display only). */
export function toDecimal(a: Rational, digits = 6): string {
  const s = a.num < 0n ? '-' : ''
  const n = abs(a.num)
  const scale = 10n ** BigInt(digits)
  const q = (n * scale) / a.den
  const ip = q / scale
  const fp = (q % scale).toString().padStart(digits, '0')
  return digits > 0 ? `${s}${ip}.${fp}` : `${s}${ip}`
}

const INT = /^[+-]?\d+$/
const FRAC = /^([+-]?\d+)\s*\/\s*(\d+)$/
const DEC = /^([+-]?)(\d*)\.(\d+)$/

/**
 * Parses an integer (number or string), a bigint, a `"num/den"` string or a finite decimal
 * string such as `"0.25"`. Non-integer JS numbers and unsafe integers are refused: write them
 * as strings so that nothing is lost to floating point.
 */
export function parseRational(value: unknown): Rational {
  if (typeof value === 'bigint') return rat(value)
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value))
      throw new RationalParseError(
        `${value} is not a safe integer; write fractions as "num/den" strings and large numbers as strings`,
      )
    return rat(BigInt(value))
  }
  if (typeof value === 'string') {
    const s = value.trim()
    if (INT.test(s)) return rat(BigInt(s))
    const f = FRAC.exec(s)
    if (f) {
      const den = BigInt(f[2]!)
      if (den === 0n) throw new RationalParseError(`"${value}" has a zero denominator`)
      return rat(BigInt(f[1]!), den)
    }
    const d = DEC.exec(s)
    if (d && (d[2] !== '' || d[3] !== '')) {
      const digits = d[3]!
      const n = BigInt(`${d[2] || '0'}${digits}`)
      return rat(d[1] === '-' ? -n : n, 10n ** BigInt(digits.length))
    }
    throw new RationalParseError(`"${value}" is not an integer, a "num/den" fraction or a decimal`)
  }
  throw new RationalParseError(`${typeof value} is not a number`)
}
