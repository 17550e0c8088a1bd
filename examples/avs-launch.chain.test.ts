import { haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { parseAbi, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { main } from './avs-launch.js'

describe.skipIf(!haveEigenLayer())('examples/avs-launch.ts', () => {
  test('an AVS launches: the staker claims exactly its share of the submission, the slash shows in the risk report', async () => {
    // the default split, read from the same state the example runs on (not from the example)
    const devnet = await startDevnet({ symbiotic: false, karak: false })
    const defaultSplit = await devnet.publicClient
      .readContract({
        address: devnet.deployments.eigenlayer!.rewardsCoordinator,
        abi: parseAbi(['function defaultOperatorSplitBips() view returns (uint16)']),
        functionName: 'defaultOperatorSplitBips',
      })
      .finally(() => devnet.stop())

    const lines: string[] = []
    const r = await main((l) => {
      lines.push(l)
      console.log(l)
    })
    expect(lines).toHaveLength(9)
    // rewards: 1000 MCK paid; the operator keeps its (default) split, the staker gets the rest
    expect(r.rewardsPaid).toBe(parseEther('1000'))
    expect(r.operatorSplitBips).toBe(defaultSplit)
    const stakerShare = parseEther('1000') - (parseEther('1000') * BigInt(defaultSplit)) / 10000n
    expect(r.stakerShare).toBe(stakerShare)
    expect(r.claimableBefore).toBe(stakerShare)
    expect(r.stakerReceived).toBe(stakerShare)
    expect(r.claimableAfter).toBe(0n)
    // slash: 20 % of a 50 % allocation is 10 % of the operator's 10 delegated shares
    expect(r.sharesSlashed).toBe(parseEther('1'))
    expect(r.before).toEqual({ shares: parseEther('10'), worstCase: parseEther('5') })
    // after: 9 shares; the set holds 0.4 of a max magnitude of 0.9, so 4 of them are slashable
    // (the contracts round the withdrawable shares and the slashable part down: a few wei less)
    expect(r.after.shares).toBe(parseEther('9'))
    expect(r.after.worstCase).toBeLessThanOrEqual(parseEther('4'))
    expect(r.after.worstCase).toBeGreaterThan(parseEther('4') - 10n)
    expect(lines.some((l) => l.includes('(lost 1)'))).toBe(true)
  }, 300_000)
})
