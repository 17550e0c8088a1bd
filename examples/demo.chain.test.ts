import { haveEigenLayer } from '@restakekit/devnet'
import { formatEther, parseEther } from 'viem'
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
    // it ends with a claim: the portfolio showed the staker's share of the AVS's 100 MCK as
    // claimable, and the claim paid exactly that (the operator keeps its split, in bips)
    expect(r.rewardsPaid).toBe(parseEther('100'))
    expect(r.rewardsShare).toBeGreaterThan(parseEther('99'))
    expect(r.rewardsShare).toBeLessThanOrEqual(parseEther('100'))
    expect(r.rewardsInPortfolio).toBe(r.rewardsShare)
    expect(r.rewardsClaimed).toBe(r.rewardsShare)
    expect(lines.some((l) => l.includes(`claimed ${formatEther(r.rewardsShare)} MCK`))).toBe(true)
    // then an LRT: 2 ETH into Kelp at a rate of 1 (the first deposit), 1 rsETH requested, 1 ETH claimed
    expect(r.kelpMinted).toBe(parseEther('2'))
    expect(r.kelpRequested).toBe(parseEther('1'))
    expect(r.kelpClaimed).toBe(parseEther('1'))
    expect(lines.some((l) => l.includes(`claimed → ${formatEther(r.kelpClaimed)} ETH paid`))).toBe(true)
    // the portfolio read Kelp beside the restaking protocols: the 1 rsETH still held, and the
    // request ready to claim after the unlock
    expect(r.lrtHoldings).toBe(1)
    expect(r.readyWithdrawals).toBe(1)
    // and the demo ends with the rewards claim
    expect(lines.at(-1)).toContain(`claimed ${formatEther(r.rewardsShare)} MCK of EigenLayer rewards`)
    // the early Symbiotic claim and Karak finish were refused before sending, with the typed
    // error's message; the EigenLayer completion (0-block delay) was ready and went through
    expect(lines.filter((l) => l.includes('refused before sending'))).toHaveLength(2)
    expect(lines.some((l) => l.includes('a completion sent now succeeds'))).toBe(true)
  })
})
