/**
 * Bounded work on pathological input: coprime denominators, huge numbers, huge search limits.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { certifySecurity } from '../src/certificate.js'
import { concentration } from '../src/concentration.js'
import { exactSecurity } from '../src/exact.js'
import { InvalidGraphError, indexGraph, parseGraph, type RestakingGraph } from '../src/graph.js'
import { worstCaseLoss } from '../src/loss.js'
import { add, compare, div, mul, ONE, type Rational, sub, ZERO } from '../src/rational.js'

const primesFrom = (start: number, count: number) => {
  const out: number[] = []
  for (let n = start; out.length < count; n++) {
    let prime = n > 1
    for (let d = 2; d * d <= n && prime; d++) if (n % d === 0) prime = false
    if (prime) out.push(n)
  }
  return out
}

/** Stakes (p+1)/p and profits (q−1)/q over distinct primes ≥ 1000: the lcm grows by ~10 bits per value. */
function coprimeGraph(nV: number, nS: number, degree: number) {
  const ps = primesFrom(1000, nV + nS)
  let seed = 1
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const edges: [string, string][] = []
  for (let s = 0; s < nS; s++) {
    const set = new Set<number>()
    while (set.size < degree) set.add(Math.floor(rnd() * nV))
    for (const v of set) edges.push([`s${s}`, `v${v}`])
  }
  return {
    services: Array.from({ length: nS }, (_, i) => ({
      id: `s${i}`,
      profit: `${ps[nV + i]! - 1}/${ps[nV + i]}`,
      threshold: '1/2',
    })),
    validators: Array.from({ length: nV }, (_, i) => ({ id: `v${i}`, stake: `${ps[i]! + 1}/${ps[i]}` })),
    edges,
  }
}

/** γ_cert straight from the definition, in exact rationals (no common scale). */
function certificateByDefinition(g: RestakingGraph): Rational | null {
  const stake = new Map(g.validators.map((v) => [v.id, v.stake]))
  const sigma = new Map<string, Rational>()
  for (const [s, v] of g.edges) sigma.set(s, add(sigma.get(s) ?? ZERO, stake.get(v)!))
  const w = new Map(
    g.services.map((s) => [s.id, div(s.profit, mul(s.threshold, sigma.get(s.id) ?? ONE))] as const),
  )
  const load = new Map<string, Rational>()
  for (const [s, v] of g.edges) load.set(v, add(load.get(v) ?? ZERO, w.get(s)!))
  let worst: Rational | null = null
  for (const l of load.values()) if (!worst || compare(l, worst) > 0) worst = l
  return worst && sub(div(ONE, worst), ONE)
}

describe('pathological graphs: bounded work, flagged results', () => {
  it('a 380 kB graph with coprime stake denominators is analysed in seconds (it took minutes), flagged', () => {
    const input = coprimeGraph(6000, 400, 20)
    expect(JSON.stringify(input).length).toBeGreaterThan(370_000)
    const t0 = performance.now()
    const g = parseGraph(input)
    const cert = certifySecurity(g)
    const ex = exactSecurity(g)
    const loss = worstCaseLoss(g, '1/10', { security: ex })
    const conc = concentration(g)
    const seconds = (performance.now() - t0) / 1000
    // before: certificate 71 s, exact 50 s, loss 58 s, concentration 111 s on this graph
    expect(seconds).toBeLessThan(10)
    expect(indexGraph(g).exact).toBe(false)
    expect(cert.exact).toBe(false)
    expect(ex).toMatchObject({ exact: false, fallback: true, fallbackReason: 'denominators' })
    expect(loss).toMatchObject({ exact: false, fallback: true, fallbackReason: 'denominators' })
    expect(conc.exact).toBe(false)
    // the certificate on rounded values stays a lower bound, and the fallback γ is that bound
    expect(ex.gammaExact).toEqual(cert.gammaCert)
    expect(ex.secure).toBe(cert.certified ? true : null)
  }, 120_000)

  it('the rounded certificate is a lower bound of the exact one (and close to it)', () => {
    for (const [nV, nS, deg] of [
      [300, 40, 5],
      [200, 60, 8],
    ] as const) {
      const g = parseGraph(coprimeGraph(nV, nS, deg))
      const cert = certifySecurity(g)
      expect(cert.exact).toBe(false)
      const exact = certificateByDefinition(g)!
      expect(compare(cert.gammaCert!, exact)).toBeLessThanOrEqual(0)
      // 64 significant bits: the gap is far below 1e-12
      expect(compare(sub(exact, cert.gammaCert!), { num: 1n, den: 10n ** 12n })).toBeLessThan(0)
    }
  })

  it('small denominators stay exact', () => {
    const g = parseGraph(coprimeGraph(40, 10, 4)) // lcm of 50 primes ≈ 500 bits < 1024
    expect(indexGraph(g).exact).toBe(true)
    const cert = certifySecurity(g)
    expect(cert.exact).toBe(true)
    expect(cert.gammaCert).toEqual(certificateByDefinition(g))
    expect(exactSecurity(g).fallbackReason).not.toBe('denominators')
  })

  it('a number past 1024 bits is refused naming the field', () => {
    const huge = `1/${'7'.repeat(700)}`
    for (const [mutate, field] of [
      [(x: ReturnType<typeof coprimeGraph>) => (x.validators[1]!.stake = huge), 'validators[1].stake'],
      [
        (x: ReturnType<typeof coprimeGraph>) => (x.services[0]!.profit = `9${'0'.repeat(400)}`),
        'services[0].profit',
      ],
    ] as const) {
      const input = coprimeGraph(5, 2, 2)
      mutate(input)
      const e = (() => {
        try {
          parseGraph(input)
        } catch (err) {
          return err
        }
      })()
      expect(e).toBeInstanceOf(InvalidGraphError)
      expect((e as InvalidGraphError).field).toBe(field)
      expect((e as Error).message).toMatch(/1024 bits/)
    }
  })

  it('search limits out of range are an InvalidGraphError naming the option (a huge maxValidators overflowed the stack)', () => {
    const n = 3000
    const g = parseGraph({
      services: [{ id: 's', profit: 1_000_000, threshold: '1/2' }],
      validators: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, stake: 1 + (i % 7) })),
      edges: Array.from({ length: n }, (_, i) => ['s', `v${i}`] as [string, string]),
    })
    const fieldOf = (f: () => unknown) => {
      try {
        f()
      } catch (e) {
        expect(e).toBeInstanceOf(InvalidGraphError)
        return (e as InvalidGraphError).field
      }
      return 'accepted'
    }
    expect(fieldOf(() => exactSecurity(g, { maxValidators: 1_000_000_000 }))).toBe('maxValidators')
    expect(fieldOf(() => exactSecurity(g, { maxValidators: -1 }))).toBe('maxValidators')
    expect(fieldOf(() => exactSecurity(g, { maxNodes: 0.5 }))).toBe('maxNodes')
    expect(fieldOf(() => worstCaseLoss(g, '1/10', { maxValidators: 1e9 }))).toBe('maxValidators')
    expect(fieldOf(() => worstCaseLoss(g, '1/10', { maxNodes: Number.NaN }))).toBe('maxNodes')
    // the largest accepted limit runs (this 3,000-validator component is not searched)
    expect(exactSecurity(g, { maxValidators: 1000 }).stats).toMatchObject({
      largestComponent: n,
      maxValidators: 1000,
      nodes: 0,
    })
  })
})

describe('CLI numeric options', { timeout: 60_000 }, () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url))
  const cli = join(root, 'packages/risk/src/bin.ts')
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8' })
    return { code: r.status, out: r.stdout, err: r.stderr }
  }
  it('--max-validators out of range or not an integer exits 1 naming the option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rk-limits-'))
    const file = join(dir, 'wide.json')
    const n = 3000
    writeFileSync(
      file,
      JSON.stringify({
        services: [{ id: 's', profit: 1_000_000, threshold: '1/2' }],
        validators: Array.from({ length: n }, (_, i) => ({ id: `v${i}`, stake: 1 + (i % 7) })),
        edges: Array.from({ length: n }, (_, i) => ['s', `v${i}`]),
      }),
    )
    for (const bad of ['1000000000', '1e9', '-3', 'lots']) {
      const r = run('analyze', file, `--max-validators=${bad}`, '--json')
      expect(r.code, bad).toBe(1)
      expect(r.out).toBe('')
      expect(r.err).toContain('max-validators')
      expect(r.err).not.toMatch(/call stack/)
    }
    const ok = run('analyze', file, '--max-validators', '1000', '--json')
    expect(ok.code).toBe(0)
    expect(JSON.parse(ok.out).secure).toBe(false)
  })
})
