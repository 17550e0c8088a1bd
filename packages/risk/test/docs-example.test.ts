// docs/risk.md's worked example: the graph is read from the page, and every figure the page quotes
// in backticks is recomputed here, so the page cannot drift from the code.
import { readFileSync } from 'node:fs'
import { certifySecurity, exactSecurity, parseGraph, worstCaseLoss } from '@restakekit/risk'
import { describe, expect, test } from 'vitest'

const page = readFileSync(new URL('../../../docs/risk.md', import.meta.url), 'utf8')
const json = /```json risk-example\n([\s\S]*?)```/.exec(page)?.[1]
const quoted = new Set([...page.matchAll(/`(-?\d+\/\d+)`/g)].map((m) => m[1]))
const frac = (r: { num: bigint; den: bigint } | null | undefined) => (r ? `${r.num}/${r.den}` : String(r))

describe('docs/risk.md worked example', () => {
  test('the page holds the graph and the figures', () => {
    expect(json).toBeDefined()
    expect(quoted.size).toBeGreaterThanOrEqual(4)
  })
  const graph = parseGraph(JSON.parse(json ?? '{}'))
  test('certificate: the binding load and γ_cert quoted are what certifySecurity computes', () => {
    const c = certifySecurity(graph)
    expect(quoted).toContain(frac(c.gammaCert))
    expect(quoted).toContain(frac(c.binding?.load))
    expect(c.binding?.validator).toBe('B')
  })
  test('exact margin: γ* quoted is exactSecurity, and the graph is secure', () => {
    const e = exactSecurity(graph)
    expect(e.exact).toBe(true)
    expect(e.secure).toBe(true)
    expect(quoted).toContain(frac(e.gammaExact))
  })
  test('shock: L_ψ at the quoted ψ is the quoted loss', () => {
    const l = worstCaseLoss(graph, '1/4')
    expect(quoted).toContain('1/4')
    expect(frac(l.loss)).toBe('1/4')
    expect(l.shock?.validators).toEqual(['B'])
  })
})
