import { haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { parseAbi, parseEther, parseUnits } from 'viem'
import { describe, expect, test } from 'vitest'
import { launchOnEigenLayer, launchOnSymbiotic } from './avs-launch.js'

describe.skipIf(!haveEigenLayer())('examples/avs-launch.ts on EigenLayer', () => {
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
    const r = await launchOnEigenLayer((l) => {
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

describe('examples/avs-launch.ts on Symbiotic', () => {
  test('a network launches: the staker claims exactly its share of the distribution, the slash shows in the risk report', async () => {
    const lines: string[] = []
    const r = await launchOnSymbiotic((l) => {
      lines.push(l)
      console.log(l)
    })
    expect(lines).toHaveLength(10)
    // the inputs the example chose: 10 and 30 WETH deposited (the vault's first deposits mint one
    // share per wei), 1000 USDC distributed, a 10 % admin fee (1000 of 10,000 basis points)
    expect(r.deposits).toEqual({ staker: parseEther('10'), other: parseEther('30') })
    const paid = parseUnits('1000', 6)
    expect(r.rewardsPaid).toBe(paid)
    const fee = (paid * 1000n) / 10_000n
    const stakersShare = paid - fee
    // the staker's share: its active shares over all active shares at the capture time
    const share = (stakersShare * r.deposits.staker) / (r.deposits.staker + r.deposits.other)
    expect(share).toBe(parseUnits('225', 6))
    // the DistributeRewards event agrees with the fee; the claim pays exactly the share
    expect(r.adminFee).toBe(fee)
    expect(r.distributed).toBe(stakersShare)
    expect(r.claimableBefore).toBe(share)
    expect(r.stakerReceived).toBe(share)
    expect(r.claimedEvent).toBe(share)
    expect(r.claimableAfter).toBe(0n)
    // slash: 4 WETH of the operator's 20 WETH stake (the network limit); the vault's 40 WETH of
    // active stake lose 4, the staker's 10 of them lose 10/40 of it
    expect(r.slashed).toBe(parseEther('4'))
    const lost = (parseEther('4') * r.deposits.staker) / (r.deposits.staker + r.deposits.other)
    expect(lost).toBe(parseEther('1'))
    // before: 10 WETH, of which the stake's part is 20 × 10/40 = 5 slashable
    expect(r.before).toEqual({ balance: parseEther('10'), worstCase: parseEther('5') })
    // after: 9 WETH (rounded down by the vault's share math: at most a few wei less); the network
    // limit still binds (20 of 36 active), so 20 × 9/36 = 5 remain slashable
    expect(r.after.balance).toBeLessThanOrEqual(r.before.balance - lost)
    expect(r.after.balance).toBeGreaterThan(r.before.balance - lost - 10n)
    expect(r.after.worstCase).toBeLessThanOrEqual(parseEther('5'))
    expect(r.after.worstCase).toBeGreaterThan(parseEther('5') - 10n)
    expect(lines.some((l) => l.includes('(lost 1)'))).toBe(true)
  }, 300_000)
})
