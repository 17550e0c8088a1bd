import { haveEigenLayer } from '@restakekit/devnet'
import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { main } from './demo.js'

describe.skipIf(!haveEigenLayer())('pnpm demo', () => {
  test('walks the three staker flows and ends with the amounts it printed', async () => {
    const lines: string[] = []
    const r = await main((l) => lines.push(l))
    expect(r.eigenlayerTokenBack).toBe(parseEther('4'))
    expect(r.symbioticClaimed).toBe(parseEther('2'))
    expect(r.karakFinished).toBe(parseEther('1'))
    expect(r.positions).toBe(3)
    // each early completion was refused before sending, with the typed error's message
    expect(lines.filter((l) => l.includes('refused before sending'))).toHaveLength(3)
  })
})
