import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { certifySecurity } from '../src/certificate.js'
import { exactSecurity } from '../src/exact.js'
import { attackedServices, indexGraph } from '../src/graph.js'
import { localSecurity } from '../src/local.js'
import { theorem1Bound, worstCaseLoss } from '../src/loss.js'
import { add, compare, le, ONE, type Rational, rat, sub } from '../src/rational.js'
import { bruteLoss, bruteMu, graphArb, str } from './helpers.js'

const psiArb = fc
  .tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 12 }))
  .map(([a, b]) => rat(Math.min(a, b), b))
const RUNS = { numRuns: 150 }

describe('exact security against brute force (≤ 8 validators)', () => {
  it('γ* equals min over all B ⊆ V, and the witness attains it', () => {
    fc.assert(
      fc.property(graphArb(8, 5), (g) => {
        const x = exactSecurity(g)
        const mu = bruteMu(g)
        expect(x.exact).toBe(true)
        expect(x.fallback).toBe(false)
        expect(str(x.gammaExact)).toBe(str(mu && sub(mu, ONE)))
        if (x.witness) {
          // the witness really is an attacking coalition with that ratio
          const ig = indexGraph(g)
          const inB = ig.graph.validators.map((v) => x.witness!.validators.includes(v.id))
          const A = attackedServices(ig, inB).map((s) => ig.graph.services[s]!.id)
          expect(A).toEqual(x.witness.services)
          const ratio = sub(
            {
              num: x.witness.stake.num * x.witness.profit.den,
              den: x.witness.stake.den * x.witness.profit.num,
            },
            ONE,
          )
          expect(compare(ratio, x.gammaExact!)).toBe(0)
        }
      }),
      RUNS,
    )
  })
  it('secure ⇔ γ* ≥ 0, and an attack is returned exactly when insecure', () => {
    fc.assert(
      fc.property(graphArb(7, 4), (g) => {
        const x = exactSecurity(g)
        const nonneg = x.gammaExact === null || x.gammaExact.num >= 0n
        expect(x.secure).toBe(nonneg)
        expect(x.attack === null).toBe(nonneg)
        if (x.attack) expect(compare(x.attack.profit, x.attack.stake)).toBe(1)
      }),
      RUNS,
    )
  })
  it('γ_cert ≤ γ*', () => {
    fc.assert(
      fc.property(graphArb(8, 5), (g) => {
        const c = certifySecurity(g).gammaCert
        const x = exactSecurity(g).gammaExact
        if (x === null) expect(c).toBeNull()
        else expect(c === null ? false : le(c, x)).toBe(true)
      }),
      RUNS,
    )
  })
  it('local margin of all services equals the global one; of a subset it is at least the global', () => {
    fc.assert(
      fc.property(graphArb(6, 4), (g) => {
        const all = g.services.map((s) => s.id)
        const global = exactSecurity(g).gammaExact
        expect(str(localSecurity(g, all).exact.gammaExact)).toBe(str(global))
        const one = localSecurity(g, all.slice(0, 1)).exact.gammaExact
        if (global !== null && one !== null) expect(le(global, one)).toBe(true)
      }),
      { numRuns: 80 },
    )
  })
  it('past the size limit or the node budget it falls back to a lower bound with the flag set', () => {
    fc.assert(
      fc.property(graphArb(8, 5), fc.boolean(), (g, bySize) => {
        const x = exactSecurity(g, bySize ? { maxValidators: 0 } : { maxNodes: 1 })
        const truth = bruteMu(g)
        if (!x.exact) {
          expect(x.fallback).toBe(true)
          if (x.gammaExact && truth) expect(le(x.gammaExact, sub(truth, ONE))).toBe(true)
          if (x.gammaUpper && truth) expect(le(sub(truth, ONE), x.gammaUpper)).toBe(true)
          if (x.attack) expect(x.secure).toBe(false)
        } else expect(str(x.gammaExact)).toBe(str(truth && sub(truth, ONE)))
      }),
      { numRuns: 80 },
    )
  })
})

describe('worst-case loss', () => {
  it('equals brute force over all (D, B) (≤ 7 validators)', () => {
    fc.assert(
      fc.property(graphArb(7, 4), psiArb, (g, psi) => {
        const l = worstCaseLoss(g, psi)
        expect(l.exact).toBe(true)
        expect(str(l.loss)).toBe(str(bruteLoss(g, psi)))
      }),
      RUNS,
    )
  })
  it('L_ψ ≤ min(1, (1 + 1/γ)ψ) when γ > 0, and L_ψ is monotone in ψ', () => {
    fc.assert(
      fc.property(graphArb(7, 4), psiArb, psiArb, (g, p, q) => {
        const [lo, hi] = compare(p, q) <= 0 ? [p, q] : [q, p]
        const a = worstCaseLoss(g, lo)
        const b = worstCaseLoss(g, hi)
        expect(le(a.loss, b.loss)).toBe(true)
        const gamma = exactSecurity(g).gammaExact
        if (gamma === null || gamma.num > 0n) {
          const bound = theorem1Bound(gamma, hi) as Rational
          expect(str(b.bound)).toBe(str(bound))
          expect(le(b.loss, bound)).toBe(true)
        }
        // the witness explains the loss
        if (b.shock) {
          const total = add(b.shock.stake, b.attack?.stake ?? rat(0))
          const sigmaV = g.validators.reduce((t, v) => add(t, v.stake), rat(0))
          if (sigmaV.num > 0n)
            expect(str(b.loss)).toBe(
              str(
                { num: total.num * sigmaV.den, den: total.den * sigmaV.num }.num === 0n
                  ? rat(0)
                  : rat(total.num * sigmaV.den, total.den * sigmaV.num),
              ),
            )
        }
      }),
      RUNS,
    )
  })
})
