import { describe, expect, test } from 'vitest'
import { readiness } from '../src/format.js'

describe('readiness for people', () => {
  test('ready, a block, a time, and null (waits for the protocol to finalize it: no time knowable)', () => {
    expect(readiness({ ready: true, readyAt: { block: 5n } })).toBe('ready')
    expect(readiness({ ready: false, readyAt: { block: 5n } })).toBe('at block 5')
    expect(readiness({ ready: false, readyAt: { timestamp: 1767225600n } })).toBe(
      'at 2026-01-01T00:00:00.000Z',
    )
    expect(readiness({ ready: false, readyAt: null })).toBe('when finalized')
  })
})
