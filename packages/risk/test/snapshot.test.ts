import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { certifySecurity } from '../src/certificate.js'
import { InvalidGraphError } from '../src/graph.js'
import { lrtExposure } from '../src/lrt.js'
import {
  analyzePosition,
  buildGraph,
  parseSnapshot,
  type RestakingSnapshot,
  slashableSharesByOperator,
} from '../src/snapshot.js'
import { str } from './helpers.js'

const E = 10n ** 18n
const raw = JSON.parse(readFileSync(new URL('../examples/snapshot.json', import.meta.url), 'utf8'))
const snap = (): RestakingSnapshot => parseSnapshot(structuredClone(raw))
const set1 = 'eigenlayer:0x0200000000000000000000000000000000000001:0'
const set2 = 'eigenlayer:0x0200000000000000000000000000000000000002:1'
const net1 = `symbiotic:0x${'11'.repeat(20)}${'00'.repeat(12)}`
const net2 = `symbiotic:0x${'22'.repeat(20)}${'00'.repeat(12)}`
const op = '0x0300000000000000000000000000000000000001'
const vault = '0x0500000000000000000000000000000000000001'

describe('buildGraph', () => {
  it('unique stake: one validator per (operator, set) with its slashable stake; Symbiotic per (vault, operator)', () => {
    const g = buildGraph(snap())
    expect(g.services.map((s) => s.id).sort()).toEqual([set1, set2, net1, net2].sort())
    const stake = Object.fromEntries(g.validators.map((v) => [v.id, str(v.stake)]))
    expect(stake).toEqual({
      [`eigenlayer:${op}@${set1.slice(11)}`]: `${40n * E}/1`,
      [`eigenlayer:${op}@${set2.slice(11)}`]: `${50n * E}/1`,
      [`symbiotic:${vault}:${op}`]: `${600n * E}/1`,
    })
    // break-even default: π = α σ_N with α = 1/2
    const s1 = g.services.find((s) => s.id === set1)!
    expect([str(s1.threshold), str(s1.profit)]).toEqual(['1/2', `${20n * E}/1`])
    // symbiotic validator sits on both networks
    expect(
      g.edges
        .filter(([, v]) => v.startsWith('symbiotic:'))
        .map(([s]) => s)
        .sort(),
    ).toEqual([net1, net2].sort())
    // break-even on single-validator services: exactly γ = 0 for those, the shared vault makes it negative
    expect(certifySecurity(g).gammaCert!.num).toBeLessThan(0n)
  })
  it('shared mode, explicit profits, thresholds and prices', () => {
    const g = buildGraph(snap(), {
      eigenlayerMode: 'shared',
      profitFromCorruption: { [set1]: '7' },
      defaultProfit: 0,
      thresholds: { [set2]: '2/3' },
      prices: { '0x0100000000000000000000000000000000000001': '1/2' },
    })
    const v = g.validators.find((x) => x.id === `eigenlayer:${op}`)!
    expect(str(v.stake)).toBe(`${100n * E}/1`) // 200 shares at price 1/2
    expect(
      g.edges
        .filter(([, x]) => x === v.id)
        .map(([s]) => s)
        .sort(),
    ).toEqual([set1, set2].sort())
    expect(str(g.services.find((s) => s.id === set1)!.profit)).toBe('7/1')
    expect(str(g.services.find((s) => s.id === set2)!.profit)).toBe('0/1')
    expect(str(g.services.find((s) => s.id === set2)!.threshold)).toBe('2/3')
    expect(() => buildGraph(snap(), { thresholds: { [set1]: '3/2' } })).toThrow(/services\[\d\]\.threshold/)
  })
})

describe('analyzePosition', () => {
  it('exposure per service and protocol, worst case and exit', () => {
    const p = analyzePosition(snap(), { staker: '0x0400000000000000000000000000000000000001' })
    expect(p.exposures.map((e) => [e.service, e.slashable, str(e.fraction)])).toEqual([
      [set1, 20n * E, '1/5'],
      [set2, 25n * E, '1/4'],
      [net1, 60n * E, '3/5'],
      [net2, 30n * E, '3/10'],
    ])
    expect(p.byProtocol.eigenlayer.worstCase).toBe(45n * E)
    expect(p.byProtocol.symbiotic.worstCase).toBe(90n * E)
    expect(str(p.byProtocol.symbiotic.positions[0]!.compounded.loss)).toBe('9/10')
    // exit: max(EigenLayer 50 blocks × 12 s, Symbiotic 2 epochs)
    expect(p.exit?.exitSeconds).toBe(2n * 604800n)
    const none = analyzePosition(snap(), { staker: '0x0400000000000000000000000000000000000009' })
    expect(none.exposures).toEqual([])
    expect(none.exit).toBeNull()
  })
  it('a redistributing operator set (EigenLayer v1.5+) names its recipient; burning sets give null', () => {
    const recipient = '0x0600000000000000000000000000000000000001'
    const before = analyzePosition(snap(), { staker: '0x0400000000000000000000000000000000000001' })
    expect(before.exposures.map((e) => e.redistributesTo)).toEqual([null, null, null, null])
    expect(before.byProtocol.eigenlayer.redistributable).toBe(0n)
    const r = structuredClone(raw)
    const set = r.eigenlayer.operatorSets.find(
      (x: { avs: string; id: number }) => `eigenlayer:${x.avs.toLowerCase()}:${x.id}` === set2,
    )
    set.redistributionRecipient = recipient
    const p = analyzePosition(parseSnapshot(r), { staker: '0x0400000000000000000000000000000000000001' })
    expect(p.exposures.map((e) => [e.service, e.redistributesTo])).toEqual([
      [set1, null],
      [set2, recipient],
      [net1, null],
      [net2, null],
    ])
    // what the set can take goes to the recipient; the worst case itself is unchanged
    expect(p.byProtocol.eigenlayer.redistributable).toBe(25n * E)
    expect(p.byProtocol.eigenlayer.worstCase).toBe(45n * E)
    set.redistributionRecipient = '0x1234'
    expect(() => parseSnapshot(r)).toThrow(/redistributionRecipient/)
  })
  it('a malformed snapshot names the field', () => {
    const bad = structuredClone(raw)
    bad.eigenlayer.operators[0].strategies[0].maxMagnitude = '-1'
    expect(() => parseSnapshot(bad)).toThrow(InvalidGraphError)
    expect(() => parseSnapshot(bad)).toThrow(
      /snapshot\.eigenlayer\.operators\[0\]\.strategies\[0\]\.maxMagnitude/,
    )
    expect(() => parseSnapshot({ ...raw, version: 2 })).toThrow(/snapshot\.version/)
  })
})

describe('LRT look-through from a snapshot', () => {
  it('an LRT delegating 1000 to the operator is exposed 200 / 250 to its two sets', () => {
    const shares = slashableSharesByOperator(snap(), '0x0100000000000000000000000000000000000001')
    expect([...shares.get(op)!.entries()].map(([s, r]) => [s, str(r)])).toEqual([
      [set1, '1/5'],
      [set2, '1/4'],
    ])
    const e = lrtExposure([{ operator: op, amount: 1000n }], shares)
    expect(e.map((x) => [x.service, str(x.exposure)])).toEqual([
      [set2, '250/1'],
      [set1, '200/1'],
    ])
  })
})
