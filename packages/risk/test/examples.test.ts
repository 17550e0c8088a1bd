import { describe, expect, it } from 'vitest'
import { certifySecurity } from '../src/certificate.js'
import { compoundedLossAll } from '../src/compound.js'
import { attackNakamoto, stakeConcentration } from '../src/concentration.js'
import {
  allocatedProportion,
  applySlash,
  type OperatorStrategyState,
  positionExposure,
  slashableStakes,
  WAD,
} from '../src/eigenlayer.js'
import { exactSecurity } from '../src/exact.js'
import { parseGraph } from '../src/graph.js'
import { localSecurity } from '../src/local.js'
import { worstCaseLoss } from '../src/loss.js'
import { mul, rat } from '../src/rational.js'
import { str } from './helpers.js'

const e1 = parseGraph({
  services: [{ id: 's', profit: 2, threshold: '1/2' }],
  validators: [
    { id: 'v1', stake: 4 },
    { id: 'v2', stake: 4 },
  ],
  edges: [
    ['s', 'v1'],
    ['s', 'v2'],
  ],
})
const ten = parseGraph({
  services: Array.from({ length: 10 }, (_, i) => ({ id: `s${i}`, profit: 2, threshold: '1/2' })),
  validators: [
    { id: 'v1', stake: 4 },
    { id: 'v2', stake: 4 },
  ],
  edges: Array.from({ length: 10 }, (_, i) => [
    [`s${i}`, 'v1'],
    [`s${i}`, 'v2'],
  ]).flat() as [string, string][],
})
const e2 = parseGraph({
  services: [{ id: 'x', profit: 1, threshold: 1 }],
  validators: [
    { id: 'a', stake: '1/4' },
    { id: 'b', stake: '3/4' },
  ],
  edges: [
    ['x', 'a'],
    ['x', 'b'],
  ],
})
const e3 = parseGraph({
  services: [
    { id: 'green', profit: 1, threshold: 1 },
    { id: 'blue', profit: 101, threshold: 1 },
  ],
  validators: [
    { id: 'g', stake: 100 },
    { id: 'b1', stake: 1 },
    { id: 'b99', stake: 99 },
  ],
  edges: [
    ['green', 'g'],
    ['blue', 'b1'],
    ['blue', 'b99'],
  ],
})

describe('E1 (EigenLayer whitepaper)', () => {
  it('one service: γ* = γ_cert = 1, secure', () => {
    const c = certifySecurity(e1)
    expect(str(c.gammaCert)).toBe('1/1')
    expect(str(c.binding?.load)).toBe('1/2')
    const x = exactSecurity(e1)
    expect(str(x.gammaExact)).toBe('1/1')
    expect(x.secure).toBe(true)
    expect(x.exact).toBe(true)
    expect(x.attack).toBeNull()
    expect(x.witness?.validators).toHaveLength(1)
    expect(str(x.witness?.stake)).toBe('4/1')
  })
  it('ten services on the same two validators: {v1} attacks all ten, γ* = γ_cert = −4/5', () => {
    expect(str(certifySecurity(ten).gammaCert)).toBe('-4/5')
    const x = exactSecurity(ten)
    expect(str(x.gammaExact)).toBe('-4/5')
    expect(x.secure).toBe(false)
    expect(x.attack?.validators).toHaveLength(1)
    expect(x.attack?.services).toHaveLength(10)
    expect(str(x.attack?.profit)).toBe('20/1')
    expect(str(x.attack?.stake)).toBe('4/1')
  })
})

describe('E2 (Theorem 2, ε = 1/4)', () => {
  it('secure with γ* = γ_cert = 0', () => {
    expect(str(certifySecurity(e2).gammaCert)).toBe('0/1')
    const x = exactSecurity(e2)
    expect(str(x.gammaExact)).toBe('0/1')
    expect(x.secure).toBe(true)
  })
  it('ψ = 1/5: L = 0', () => {
    const l = worstCaseLoss(e2, '1/5')
    expect(str(l.loss)).toBe('0/1')
    expect(l.attack).toBeNull()
    expect(l.exact).toBe(true)
  })
  it('ψ = 1/4: D = {a}, then {b} attacks x on G↓D, L = 1', () => {
    const l = worstCaseLoss(e2, '1/4')
    expect(str(l.loss)).toBe('1/1')
    expect(l.shock?.validators).toEqual(['a'])
    expect(l.attack?.validators).toEqual(['b'])
    expect(l.attack?.services).toEqual(['x'])
    // γ = 0: Theorem 1 gives no bound
    expect(l.bound).toBeNull()
  })
})

describe('E3 (local vs global)', () => {
  it('global: ({blue}, {b1, b99}) is valid, γ* = γ_cert = −1/101', () => {
    expect(str(certifySecurity(e3).gammaCert)).toBe('-1/101')
    const x = exactSecurity(e3)
    expect(str(x.gammaExact)).toBe('-1/101')
    expect(x.attack?.services).toEqual(['blue'])
    expect([...(x.attack?.validators ?? [])].sort()).toEqual(['b1', 'b99'])
  })
  it('local for C = {green}: γ_local = γ_cert(C) = 99', () => {
    const l = localSecurity(e3, ['green'])
    expect(str(l.certificate.gammaCert)).toBe('99/1')
    expect(str(l.exact.gammaExact)).toBe('99/1')
    expect(l.exact.secure).toBe(true)
  })
})

describe('E4 (ELIP-002 magnitudes)', () => {
  const E = 10n ** 18n
  const state = (shares: bigint): OperatorStrategyState => ({
    maxMagnitude: 10000n,
    operatorShares: shares,
    allocations: [
      { operatorSet: 'AVS1', currentMagnitude: 2000n },
      { operatorSet: 'AVS2', currentMagnitude: 2500n },
      { operatorSet: 'EigenDA', currentMagnitude: 2000n },
    ],
  })
  it('100 delegated → 20 / 25 / 20; 200 → 40 / 50 / 40', () => {
    expect(slashableStakes(state(100n)).map((s) => s.slashable)).toEqual([20n, 25n, 20n])
    expect(slashableStakes(state(200n)).map((s) => s.slashable)).toEqual([40n, 50n, 40n])
  })
  it('AVS1 slashes 50%: magnitude 1000, max 9000, delegated 180; slashable 20 / 50 / 40', () => {
    const fx = applySlash(state(200n * E), 'AVS1', WAD / 2n)
    expect(fx.slashedMagnitude).toBe(1000n)
    expect(fx.after.maxMagnitude).toBe(9000n)
    expect(fx.after.allocations[0]!.currentMagnitude).toBe(1000n)
    expect(fx.after.operatorShares).toBe(180n * E)
    expect(fx.sharesSlashed).toBe(20n * E)
    // exact proportions: 1/9, 5/18, 2/9 of 180
    const after = slashableStakes(fx.after)
    expect(after.map((s) => str(mul(s.proportion, rat(180))))).toEqual(['20/1', '50/1', '40/1'])
    // the contracts round divWad then mulWad down: a few wei under
    expect(after.map((s) => s.slashable)).toEqual([20n * E - 20n, 50n * E - 140n, 40n * E - 40n])
    expect(fx.sets.map((s) => s.before)).toEqual([40n * E, 50n * E, 40n * E])
  })
  it('worst-case total loss = 65% of delegated stake', () => {
    expect(str(allocatedProportion(state(200n)))).toBe('13/20')
    const p = positionExposure(200n * E, state(200n * E))
    expect(p.worstCase).toBe(130n * E)
    expect(str(p.worstCaseFraction)).toBe('13/20')
    // after AVS1 slashed 50%: 20 already lost + 110 still slashable of the original 200
    const fx = applySlash(state(200n), 'AVS1', WAD / 2n)
    const q = positionExposure(fx.after.operatorShares, fx.after)
    expect(str(mul(q.worstCaseFraction, rat(180)))).toBe('110/1')
  })
})

describe('E5 (caps 30% and 50%)', () => {
  it('percent-of-current 0.65; percent-of-original 0.8; unique stake 0.8', () => {
    const r = compoundedLossAll([
      { slasher: 'A', cap: rat(3, 10) },
      { slasher: 'B', cap: rat(1, 2) },
    ])
    expect(str(r.percentOfCurrent.loss)).toBe('13/20')
    expect(str(r.percentOfOriginal.loss)).toBe('4/5')
    expect(str(r.uniqueStake.loss)).toBe('4/5')
    expect(r.percentOfCurrent.steps.map((s) => str(s.taken))).toEqual(['3/10', '7/20'])
  })
})

describe('E6 (concentration)', () => {
  const stakes = [
    { id: 'a', stake: 40n },
    { id: 'b', stake: 30n },
    { id: 'c', stake: 20n },
    { id: 'd', stake: 10n },
  ]
  it('HHI = 0.30, N_eff = 10/3', () => {
    const c = stakeConcentration(stakes)
    expect(str(c.hhi)).toBe('3/10')
    expect(str(c.effectiveN)).toBe('10/3')
    expect(c.topShares.map(str)).toEqual(['2/5', '7/10', '9/10', '1/1'])
  })
  it('attack Nakamoto coefficient 1 at α = 1/3, 2 at 1/2, 2 at 2/3', () => {
    for (const [alpha, k] of [
      ['1/3', 1],
      ['1/2', 2],
      ['2/3', 2],
    ] as const) {
      const g = parseGraph({
        services: [{ id: 's', profit: 1, threshold: alpha }],
        validators: stakes.map((s) => ({ id: s.id, stake: s.stake })),
        edges: stakes.map((s) => ['s', s.id] as [string, string]),
      })
      const n = attackNakamoto(g, 's')
      expect(n.nakamoto).toBe(k)
      expect(n.validators).toEqual(['a', 'b'].slice(0, k))
    }
  })
})
