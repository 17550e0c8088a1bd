// Withdrawals left unclaimed for longer than the old 8-epoch lookback: the portfolio (vaults given,
// and discovered by the lens), getPosition and claim-all all see them, on the real Symbiotic core.
// A vault older than one page of epochs (SYMBIOTIC_EPOCH_PAGE) is scanned in one more round trip.
import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { getRestakingPortfolio } from '../../portfolio.js'
import { NothingToClaimError } from '../errors.js'
import { SYMBIOTIC_EPOCH_PAGE } from '../positions.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { claim, simulateClaim, waitForClaim } from './claim.js'
import { getPosition } from './getPosition.js'
import { getPositions } from './getPositions.js'
import { withdraw } from './withdraw.js'

const t = useSymbioticDevnet()
const EPOCH = 3600

describe('withdrawals older than 8 epochs', () => {
  test('seen by the portfolio, getPosition and getPositions, and claimed by claim-all', async () => {
    const { vault, address, account, wallet } = await t.staked(parseEther('5'), { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: parseEther('2') })) // bucket n + 1
    await t.devnet.increaseTime(EPOCH * 12) // current n + 12: the bucket is 11 epochs back
    expect(await t.view<bigint>(vault, 'currentEpoch')).toBe(n + 12n)
    const bucket = { epoch: n + 1n, amount: parseEther('2'), ready: true }

    // the old default (lookback 8) does not reach it: the scan must go further back to see it
    const recent = await getPosition(t.devnet.publicClient, { vault, staker: address, lookback: 8 })
    expect(recent.withdrawals).toEqual([])

    const position = await getPosition(t.devnet.publicClient, { vault, staker: address })
    expect(position.withdrawals).toMatchObject([bucket])
    expect(position.claimable).toBe(parseEther('2'))
    expect(position.claimableEpochs).toEqual([n + 1n])
    const viaLens = await getPositions(t.devnet.publicClient, { staker: address, deployment: t.deployment })
    expect(viaLens.find((p) => p.vault === vault)?.withdrawals).toMatchObject([bucket])

    for (const symbiotic of [{ vaults: [vault] }, {}]) {
      const { client, counter } = t.counting()
      const p = await getRestakingPortfolio(client, {
        staker: address,
        eigenlayer: false,
        karak: false,
        symbiotic: { deployment: t.deployment, ...symbiotic },
      })
      expect(p.withdrawals).toMatchObject([
        { protocol: 'symbiotic', location: vault, id: n + 1n, amount: parseEther('2'), ready: true },
      ])
      expect(p.positions).toMatchObject([{ location: vault, amount: parseEther('3') }])
      // vaults given: the two stages; the lens: its call, then the older epochs in one aggregate3
      expect(counter.requests).toBe(2)
    }

    // claim-all finds the old bucket and claims it
    const sim = await simulateClaim(t.devnet.publicClient, { vault, account })
    expect([sim.epochs, sim.amount]).toEqual([[n + 1n], parseEther('2')])
    const { claimed } = await waitForClaim(t.devnet.publicClient, await claim(wallet, { vault }))
    expect(claimed).toEqual({ epochs: [n + 1n], amount: parseEther('2') })
    expect(await t.balanceOf(t.weth, address)).toBe(parseEther('2'))
    const after = await getPosition(t.devnet.publicClient, { vault, staker: address })
    expect(after.withdrawals).toEqual([])
  })

  test('a vault older than a page of epochs: scanned page by page, one round trip per page', async () => {
    const { vault, address, account, wallet } = await t.staked(parseEther('5'), { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: parseEther('1') })) // bucket n + 1
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: parseEther('2') })) // bucket n + 2
    await t.devnet.increaseTime(EPOCH * (SYMBIOTIC_EPOCH_PAGE + 10))
    const current = await t.view<bigint>(vault, 'currentEpoch')
    expect(current).toBe(n + 1n + BigInt(SYMBIOTIC_EPOCH_PAGE) + 10n)

    const { client, counter } = t.counting()
    const p = await getRestakingPortfolio(client, {
      staker: address,
      eigenlayer: false,
      karak: false,
      symbiotic: { deployment: t.deployment, vaults: [vault] },
    })
    expect(p.withdrawals.map((w) => [w.id, w.amount, w.ready])).toEqual([
      [n + 1n, parseEther('1'), true],
      [n + 2n, parseEther('2'), true],
    ])
    // stage 1, then the newest page (epochs up to current + 1), then the older page
    expect(counter.requests).toBe(current + 2n > BigInt(SYMBIOTIC_EPOCH_PAGE) ? 3 : 2)
    expect(current + 2n).toBeGreaterThan(BigInt(SYMBIOTIC_EPOCH_PAGE))

    const { claimed } = await waitForClaim(t.devnet.publicClient, await claim(wallet, { vault }))
    expect(claimed).toEqual({ epochs: [n + 1n, n + 2n], amount: parseEther('3') })
    await expect(simulateClaim(t.devnet.publicClient, { vault, account })).rejects.toThrow(
      NothingToClaimError,
    )
  })
})
