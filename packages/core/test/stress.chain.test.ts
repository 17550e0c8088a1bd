// The short stress variant that runs in CI (issue 14): the staker flows many at a time on one
// devnet; no transaction may be mined and reverted and every flow must end with its balances.
// The long run is `pnpm test:stress` (stress/run.ts).
import { describe, expect, test } from 'vitest'
import { formatReport, runStress } from '../../../stress/run.js'

describe('stress (short variant)', () => {
  test('24 flows, 6 at a time: no mined revert, no failed flow', async () => {
    const report = await runStress({ iterations: 24, concurrency: 6, load: 0 })
    const summary = formatReport(report)
    expect(report.runs.eigenlayer + report.runs.symbiotic + report.runs.prepared + report.runs.helpers).toBe(
      24,
    )
    expect(report.reverts, summary).toEqual([])
    expect(report.failures, summary).toEqual([])
  }, 180_000)
})
