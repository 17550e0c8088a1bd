/**
 * Snapshots that no chain can produce are refused by the schema, naming the field (they used to be
 * accepted: a magnitude above the max magnitude gave a worst case 5.25× the position, an epoch of
 * 0 s an exit window of 600 s, an operator-set id above uint32 an empty set).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { InvalidGraphError } from '../src/graph.js'
import { analyzePosition, parseSnapshot } from '../src/snapshot.js'
import { snapshotRestaking } from '../src/snapshot-io.js'

// biome-ignore lint/suspicious/noExplicitAny: the test mutates plain JSON
type Json = any
const raw: Json = JSON.parse(readFileSync(new URL('../examples/snapshot.json', import.meta.url), 'utf8'))
const staker = '0x0400000000000000000000000000000000000001'

function fieldOf(mutate: (s: Json) => void): string {
  const s = structuredClone(raw)
  mutate(s)
  try {
    parseSnapshot(s)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidGraphError)
    return (e as InvalidGraphError).field
  }
  return 'accepted'
}

const st = 'snapshot.eigenlayer.operators[0].strategies[0]'
const alloc = `${st}.allocations[0]`
const vault = 'snapshot.symbiotic.vaults[0]'
const pos = 'snapshot.symbiotic.stakers[0].vaults[0]'

describe('snapshot invariants', () => {
  it('the example is accepted', () => {
    expect(fieldOf(() => {})).toBe('accepted')
  })
  it('a current magnitude above the max magnitude is refused (it gave 5.25× the position)', () => {
    // the case as found: magnitudes 1.05e18 on a max of 0.2e18 → 5.25 × the shares slashable
    const s = structuredClone(raw)
    s.eigenlayer.operators[0].strategies[0].maxMagnitude = '200000000000000000'
    s.eigenlayer.operators[0].strategies[0].allocations[0].currentMagnitude = '1050000000000000000'
    s.eigenlayer.operators[0].strategies[0].allocations[1].currentMagnitude = '0'
    expect(() => parseSnapshot(s)).toThrow(InvalidGraphError)
    expect(() => parseSnapshot(s)).toThrow(/allocations\[0\]\.currentMagnitude/)
    expect(
      fieldOf((x) => {
        x.eigenlayer.operators[0].strategies[0].maxMagnitude = '100000000000000000'
      }),
    ).toBe(`${alloc}.currentMagnitude`)
  })
  it('names the field of each impossible value', () => {
    const cases: [string, (s: Json) => void][] = [
      [`${vault}.epochDuration`, (s) => (s.symbiotic.vaults[0].epochDuration = '0')],
      ['snapshot.eigenlayer.operatorSets[0].id', (s) => (s.eigenlayer.operatorSets[0].id = 2 ** 32)],
      [
        `${alloc}.operatorSet.id`,
        (s) => (s.eigenlayer.operators[0].strategies[0].allocations[0].operatorSet.id = 5e9),
      ],
      [
        `${alloc}.effectBlock`,
        (s) => (s.eigenlayer.operators[0].strategies[0].allocations[0].effectBlock = 2 ** 40),
      ],
      [
        `${st}.maxMagnitude`,
        (s) => (s.eigenlayer.operators[0].strategies[0].maxMagnitude = '2000000000000000000'),
      ],
      [
        `${st}.allocations`,
        (s) => {
          s.eigenlayer.operators[0].strategies[0].allocations[0].currentMagnitude = '600000000000000000'
          s.eigenlayer.operators[0].strategies[0].allocations[1].currentMagnitude = '600000000000000000'
        },
      ],
      [
        `${alloc}.pendingDiff`,
        (s) => (s.eigenlayer.operators[0].strategies[0].allocations[0].pendingDiff = '-300000000000000000'),
      ],
      [
        `${alloc}.pendingDiff`,
        (s) => (s.eigenlayer.operators[0].strategies[0].allocations[0].pendingDiff = '900000000000000000'),
      ],
      [`${vault}.activeStake`, (s) => (s.symbiotic.vaults[0].activeStake = '-5')],
      [`${vault}.activeStake`, (s) => (s.symbiotic.vaults[0].activeStake = '1.5')],
      [`${vault}.activeStake`, (s) => (s.symbiotic.vaults[0].activeStake = (2n ** 256n).toString())],
      [`${vault}.networks[0].networkLimit`, (s) => (s.symbiotic.vaults[0].networks[0].networkLimit = 1e21)],
      [
        `${pos}.activeBalance`,
        (s) => (s.symbiotic.stakers[0].vaults[0].activeBalance = '2000000000000000000000'),
      ],
      [`${pos}.slashableBalance`, (s) => (s.symbiotic.stakers[0].vaults[0].slashableBalance = '1')],
      [`${vault}.networks[0].totalShares`, (s) => (s.symbiotic.vaults[0].networks[0].totalShares = '0')],
      ['snapshot.eigenlayer.operators[1]', (s) => s.eigenlayer.operators.push(s.eigenlayer.operators[0])],
      [
        'snapshot.eigenlayer.operatorSets[2]',
        (s) => s.eigenlayer.operatorSets.push(s.eigenlayer.operatorSets[0]),
      ],
      ['snapshot.symbiotic.vaults[1]', (s) => s.symbiotic.vaults.push(s.symbiotic.vaults[0])],
      [
        'snapshot.eigenlayer.stakers[0].deposits[0].withdrawableShares',
        (s) => (s.eigenlayer.stakers[0].deposits[0].withdrawableShares = '-1'),
      ],
    ]
    for (const [field, mutate] of cases) expect(fieldOf(mutate), field).toBe(field)
  })
  it('a valid snapshot still analyses as before', () => {
    const p = analyzePosition(parseSnapshot(structuredClone(raw)), { staker })
    expect(p.exit?.exitSeconds).toBe(2n * 604800n)
  })
  it('snapshotRestaking refuses an operator-set id above uint32 before any request', async () => {
    let requests = 0
    const client = {
      chain: undefined,
      request: async () => {
        requests++
        throw new Error('no request expected')
      },
    } as never
    const err = await snapshotRestaking(client, {
      operatorSets: [{ avs: '0x0200000000000000000000000000000000000001', id: 2 ** 32 }],
    }).catch((e) => e)
    expect(err).toBeInstanceOf(InvalidGraphError)
    expect(err.field).toBe('operatorSets[0].id')
    expect(requests).toBe(0)
  })
  it('the CLI refuses --operator-set with an id above uint32, naming it, before connecting', () => {
    const root = fileURLToPath(new URL('../../../', import.meta.url))
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        join(root, 'packages/risk/src/bin.ts'),
        'snapshot',
        '--rpc',
        'http://127.0.0.1:9',
        '--operator-set',
        '0x0200000000000000000000000000000000000001:4294967296',
      ],
      { cwd: root, encoding: 'utf8' },
    )
    expect(r.status).toBe(1)
    expect(r.stdout).toBe('')
    expect(r.stderr).toContain('operator-set[0]')
    expect(r.stderr).toContain('uint32')
  }, 60_000)
})
