import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compoundedLoss } from '../src/compound.js'
import { InvalidGraphError, parseGraph } from '../src/graph.js'
import { localSecurity } from '../src/local.js'
import { worstCaseLoss } from '../src/loss.js'
import { rat } from '../src/rational.js'

const good = () => ({
  services: [
    { id: 's', profit: 2, threshold: '1/2' as string | number },
    { id: 't', profit: '3/2', threshold: 1 },
  ] as { id: string; profit: unknown; threshold: unknown }[],
  validators: [
    { id: 'a', stake: 4 },
    { id: 'b', stake: '10' },
  ] as { id: string; stake: unknown }[],
  edges: [
    ['s', 'a'],
    ['t', 'b'],
  ] as unknown[],
})

function fieldOf(input: unknown): string {
  try {
    parseGraph(input)
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidGraphError)
    return (e as InvalidGraphError).field
  }
  throw new Error('accepted')
}

describe('graph input validation', () => {
  it('accepts a well-formed graph', () => {
    const g = parseGraph(good())
    expect(g.services[1]!.profit).toEqual({ num: 3n, den: 2n })
    expect(g.validators[1]!.stake).toEqual({ num: 10n, den: 1n })
  })
  it('names the field of each kind of bad input', () => {
    const cases: [string, (g: ReturnType<typeof good>) => void][] = [
      ['edges[1][0]', (g) => g.edges.push(['nope', 'a'])],
      ['edges[2][1]', (g) => g.edges.push(['s', 'zzz'])],
      ['edges[2]', (g) => g.edges.push(['s', 'a'])],
      ['services[0].threshold', (g) => (g.services[0]!.threshold = 0)],
      ['services[1].threshold', (g) => (g.services[1]!.threshold = '3/2')],
      ['services[0].threshold', (g) => (g.services[0]!.threshold = '-1/2')],
      ['services[1].profit', (g) => (g.services[1]!.profit = -1)],
      ['validators[1].stake', (g) => (g.validators[1]!.stake = '-5')],
      ['validators[0].stake', (g) => (g.validators[0]!.stake = 0.5)],
      ['validators[0].stake', (g) => (g.validators[0]!.stake = '1/0')],
      ['services[1].id', (g) => (g.services[1]!.id = 's')],
      ['validators[1].id', (g) => (g.validators[1]!.id = 'a')],
      ['services[0].id', (g) => (g.services[0]!.id = '')],
      ['edges[0]', (g) => (g.edges[0] = ['s'])],
    ]
    for (const [field, mutate] of cases) {
      const g = good()
      mutate(g)
      // edge indices shift when an edge is appended: compute the expected index
      const expected =
        field.startsWith('edges[1]') || field.startsWith('edges[2]')
          ? field.replace(/^edges\[\d\]/, `edges[${g.edges.length - 1}]`)
          : field
      expect(fieldOf(g), field).toBe(expected)
    }
    expect(fieldOf({ services: [], validators: [] })).toBe('edges')
    expect(fieldOf(null)).toBe('(root)')
  })
  it('the error message names the field and lists every issue', () => {
    const g = good()
    g.services[0]!.threshold = 2
    g.validators[0]!.stake = -1
    try {
      parseGraph(g)
      expect.unreachable()
    } catch (e) {
      const err = e as InvalidGraphError
      expect(err.message).toContain('services[0].threshold')
      expect(err.issues.map((i) => i.field)).toEqual(['services[0].threshold', 'validators[0].stake'])
    }
  })
  it('random corruption of a threshold outside (0, 1] is always rejected', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -50, max: 0 }), fc.integer({ min: 2, max: 50 })),
        fc.integer({ min: 1, max: 7 }),
        (n, d) => {
          fc.pre(n <= 0 || n > d)
          const g = good()
          g.services[1]!.threshold = `${n}/${d}`
          expect(fieldOf(g)).toBe('services[1].threshold')
        },
      ),
      { numRuns: 60 },
    )
  })
  it('ψ outside [0, 1], unknown local services and bad caps are rejected by name', () => {
    const g = parseGraph(good())
    expect(() => worstCaseLoss(g, '3/2')).toThrow(/psi/)
    expect(() => worstCaseLoss(g, -1)).toThrow(InvalidGraphError)
    expect(() => worstCaseLoss(g, 'x')).toThrow(/Invalid psi/)
    expect(() => localSecurity(g, ['s', 'q'])).toThrow(/serviceIds\[1\]/)
    expect(() => compoundedLoss([{ slasher: 'x', cap: rat(3, 2) }], 'uniqueStake')).toThrow(/caps\[0\]\.cap/)
  })
})
