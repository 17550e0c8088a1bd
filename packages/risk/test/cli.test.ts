import { spawnSync } from 'node:child_process'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const cli = join(root, 'packages/risk/src/bin.ts')
const ex = (f: string) => join(root, 'packages/risk/examples', f)

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', cli, ...args], { cwd: root, encoding: 'utf8' })
  return { code: r.status, out: r.stdout, err: r.stderr }
}

describe('restakekit-risk CLI', { timeout: 60_000 }, () => {
  it('analyze --json on E2 gives the exact figures with stable keys', () => {
    const r = run('analyze', ex('e2.json'), '--psi', '1/4', '--json')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out)
    expect(j.gammaCert).toBe('0/1')
    expect(j.gammaExact).toBe('0/1')
    expect(j.secure).toBe(true)
    expect(j.attack).toBeNull()
    expect(j.loss).toBe('1/1')
    expect(j.shock.validators).toEqual(['a'])
    expect(j.shock.attack.validators).toEqual(['b'])
    expect(j.bound).toBeNull()
    expect(j.services[0]).toMatchObject({ id: 'x', nakamoto: 2 })
    expect(Object.keys(j)).toEqual(
      expect.arrayContaining([
        'gammaCert',
        'gammaExact',
        'secure',
        'attack',
        'loss',
        'shock',
        'bound',
        'services',
      ]),
    )
  })
  it('analyze prints a readable table with the attack of E1 (ten services)', () => {
    const r = run('analyze', ex('e1-ten.json'))
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/γ\* \(exact\)\s+-4\/5/)
    expect(r.out).toMatch(/secure\s+NO/)
    expect(r.out).toMatch(/attack: \{v[12]\} → \{s0, s1, s2, s3, s4, s5, s6, s7, s8, s9\}/)
    expect(r.out).toMatch(/L_ψ at ψ = 1\/10/)
  })
  it('E1 secure with a Theorem 1 bound; E3 in JSON', () => {
    const r = run('analyze', ex('e1.json'), '--psi', '1/10', '--json')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out)
    expect([j.gammaExact, j.secure, j.bound]).toEqual(['1/1', true, '1/5'])
    const k = JSON.parse(run('analyze', ex('e3.json'), '--json').out)
    expect(k.gammaExact).toBe('-1/101')
    expect(k.attack.services).toEqual(['blue'])
  })
  it('bad input exits 1 naming the field; nothing on stdout', () => {
    const r = run('analyze', ex('bad-threshold.json'), '--json')
    expect(r.code).toBe(1)
    expect(r.out).toBe('')
    expect(r.err).toContain('services[0].threshold')
    expect(r.err).toContain('edges[1][0]')
    const p = run('analyze', ex('e1.json'), '--psi', '3/2')
    expect(p.code).toBe(1)
    expect(p.err).toContain('psi')
    const dir = mkdtempSync(join(tmpdir(), 'rk-'))
    writeFileSync(join(dir, 'g.json'), '{ not json')
    const q = run('analyze', join(dir, 'g.json'))
    expect(q.code).toBe(1)
    expect(q.err).toContain('not JSON')
  })
  it('usage errors exit 2', () => {
    expect(run('analyze').code).toBe(2)
    expect(run('frobnicate').code).toBe(2)
    expect(run('analyze', ex('e1.json'), '--nope').code).toBe(2)
    expect(run('position', ex('snapshot.json')).code).toBe(2)
  })
  it('position reads a snapshot file and prints the exposure per service', () => {
    const staker = '0x0400000000000000000000000000000000000001'
    const r = run('position', ex('snapshot.json'), '--staker', staker, '--json')
    expect(r.code).toBe(0)
    const j = JSON.parse(r.out)
    expect(j.byProtocol.eigenlayer.worstCase).toBe('45000000000000000000')
    expect(j.exposures.map((e: { slashable: string }) => e.slashable)).toEqual([
      '20000000000000000000',
      '25000000000000000000',
      '60000000000000000000',
      '30000000000000000000',
    ])
    expect(j.exit.exitSeconds).toBe('1209600')
    const t = run('position', ex('snapshot.json'), '--staker', staker)
    expect(t.code).toBe(0)
    expect(t.out).toContain('worst case 45000000000000000000')
    const bad = run('position', ex('snapshot.json'), '--staker', '0x12')
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('staker')
  })
})
