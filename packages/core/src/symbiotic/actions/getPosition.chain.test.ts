import { setupSymbioticStake, slashSymbiotic } from '@restakekit/avs/symbiotic/testing'
import { erc20Abi, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { type ReadPlan, readBatch, unwrap } from '../../kit/index.js'
import { symbioticDelegatorAbi, symbioticRegistryAbi, symbioticSlasherAbi } from '../abis.js'
import { SymbioticVaultNotFoundError } from '../errors.js'
import { planPositions, readPositions, type SymbioticVaultPosition } from '../positions.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { claim } from './claim.js'
import { deposit } from './deposit.js'
import { getPosition } from './getPosition.js'
import { getPositions } from './getPositions.js'
import { withdraw } from './withdraw.js'

const t = useSymbioticDevnet()
const EPOCH = 3600
const DEAD = '0x000000000000000000000000000000000000dEaD'

describe('getPosition', () => {
  test('active balance, pending and claimable withdrawals with their times, in one round trip', async () => {
    const { vault, address, wallet } = await t.staked(10n, { epochDuration: EPOCH })
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: 3n }))
    await t.devnet.increaseTime(EPOCH)
    await t.mined(withdraw(wallet, { vault, amount: 2n }))
    await t.devnet.increaseTime(EPOCH) // current n+2

    const { client, counter } = t.counting()
    const p = await getPosition(client, { vault, staker: address })
    expect(counter.requests).toBe(1)
    const init = BigInt(await t.view<number>(vault, 'epochDurationInit'))
    expect(p).toMatchObject({
      protocol: 'symbiotic',
      vault,
      staker: address,
      collateral: t.devnet.deployments.tokens.weth,
      currentEpoch: n + 2n,
      epochDuration: BigInt(EPOCH),
      epochDurationInit: init,
      activeShares: 5n,
      activeBalance: 5n,
      claimableEpochs: [n + 1n],
      claimable: 3n,
      pending: 2n,
    })
    expect(p.slashableBalance).toBe(await t.view<bigint>(vault, 'slashableBalanceOf', [address]))
    expect(p.slashableBalance).toBe(7n) // active 5 + bucket n+2 (current epoch) 2
    expect(p.withdrawals).toEqual([
      {
        epoch: n + 1n,
        amount: 3n,
        shares: 3n,
        ready: true,
        readyAt: { timestamp: init + (n + 2n) * BigInt(EPOCH) },
      },
      {
        epoch: n + 2n,
        amount: 2n,
        shares: 2n,
        ready: false,
        readyAt: { timestamp: init + (n + 3n) * BigInt(EPOCH) },
      },
    ])
    // explicit epochs: only those are scanned (two aggregate3 round trips), same figures
    const only = await getPosition(client, { vault, staker: address, epochs: [n + 1n, n + 2n] })
    expect(counter.requests).toBe(3)
    expect(only).toEqual(p)
    const one = await getPosition(t.devnet.publicClient, { vault, staker: address, epochs: [n + 2n] })
    expect(one.withdrawals.map((w) => w.epoch)).toEqual([n + 2n])
    // a lookback of 0 scans the current and next epoch only
    const recent = await getPosition(t.devnet.publicClient, { vault, staker: address, lookback: 0 })
    expect(recent.withdrawals.map((w) => w.epoch)).toEqual([n + 2n])
    // a claimed bucket is no longer listed
    await t.mined(claim(wallet, { vault }))
    const after = await getPosition(t.devnet.publicClient, { vault, staker: address })
    expect(after.withdrawals.map((w) => w.epoch)).toEqual([n + 2n])
    expect(after.claimable).toBe(0n)
    // not a vault
    await expect(
      getPosition(t.devnet.publicClient, { vault: t.deployment.networkRegistry, staker: address }),
    ).rejects.toThrow(SymbioticVaultNotFoundError)
  })

  test('after a slash through the instant Slasher, balances, slashable balance and pending withdrawals read as the contracts say', async () => {
    const weth = t.devnet.deployments.tokens.weth
    const { vault, delegator, slasher } = await t.vault({
      epochDuration: EPOCH,
      delegatorType: 0,
      slasherType: 0,
    })
    const network = (await t.devnet.newAccount()).address
    const operator = (await t.devnet.newAccount()).address
    const middleware = (await t.devnet.newAccount()).address
    const subnetwork = await setupSymbioticStake(t.devnet, {
      vault,
      delegator,
      delegatorType: 0,
      network,
      operator,
      middleware,
    })
    const { address, wallet } = await t.staker(parseEther('10'))
    await t.mined(deposit(wallet, { vault, amount: parseEther('10') }))
    const n = await t.view<bigint>(vault, 'currentEpoch')
    await t.mined(withdraw(wallet, { vault, amount: parseEther('4') }))
    await t.devnet.increaseTime(60)

    const stake = await t.devnet.publicClient.readContract({
      address: delegator,
      abi: symbioticDelegatorAbi,
      functionName: 'stake',
      args: [subnetwork, operator],
    })
    expect(stake).toBe(parseEther('6')) // the delegator stakes the active stake only
    const burnerBefore = await t.balanceOf(weth, DEAD)
    await slashSymbiotic(t.devnet, { slasher, middleware, subnetwork, operator, amount: parseEther('7') })
    const slashed = await t.devnet.publicClient.readContract({
      address: slasher,
      abi: symbioticSlasherAbi,
      functionName: 'cumulativeSlash',
      args: [subnetwork, operator],
    })
    expect(slashed).toBe(parseEther('6')) // capped at the stake
    expect((await t.balanceOf(weth, DEAD)) - burnerBefore).toBe(slashed)

    const p = await getPosition(t.devnet.publicClient, { vault, staker: address })
    const activeView = await t.view<bigint>(vault, 'activeBalanceOf', [address])
    const bucketView = await t.view<bigint>(vault, 'withdrawalsOf', [n + 1n, address])
    expect(p.activeBalance).toBe(activeView)
    expect(p.activeShares).toBe(await t.view<bigint>(vault, 'activeSharesOf', [address]))
    expect(p.slashableBalance).toBe(await t.view<bigint>(vault, 'slashableBalanceOf', [address]))
    expect(p.withdrawals).toHaveLength(1)
    expect(p.withdrawals[0]!.amount).toBe(bucketView)
    expect(p.withdrawals[0]!.shares).toBe(parseEther('4'))
    expect(p.pending).toBe(bucketView)
    // the slash was shared between the active stake and the pending bucket, and nothing else was lost
    expect(activeView).toBeLessThan(parseEther('6'))
    expect(bucketView).toBeLessThan(parseEther('4'))
    expect(activeView + bucketView + slashed).toBe(parseEther('10'))

    // claiming pays what the position said
    await t.devnet.increaseTime(EPOCH * 2)
    await t.mined(claim(wallet, { vault, epoch: n + 1n }))
    expect(await t.balanceOf(weth, address)).toBe(bucketView)
  })
})

describe('getPositions', () => {
  test("all of one account's vault positions; empty ones left out", async () => {
    const a = await t.vault()
    const b = await t.vault({ delegatorType: 1, tokenized: true })
    const c = await t.vault()
    const { address, wallet } = await t.staker(100n)
    await t.mined(deposit(wallet, { vault: a.vault, amount: 60n }))
    await t.mined(deposit(wallet, { vault: b.vault, amount: 40n }))
    await t.mined(withdraw(wallet, { vault: b.vault, amount: 40n }))

    const { client, counter } = t.counting()
    const given = await getPositions(client, {
      staker: address,
      vaults: [a.vault, b.vault, c.vault],
    })
    expect(counter.requests).toBe(1) // one eth_call of the lens, whatever the number of vaults
    expect(given.map((p) => p.vault)).toEqual([a.vault, b.vault])
    expect(given[0]!.activeBalance).toBe(60n)
    expect(given[0]!.collateral).toBe(t.devnet.deployments.tokens.weth)
    expect(given[1]!.activeBalance).toBe(0n)
    expect(given[1]!.pending).toBe(40n)
    // the lens reads what the two-stage aggregate3 plan reads
    const planned = await readPositions(t.devnet.publicClient, [a.vault, b.vault], address)
    expect(given).toEqual(planned)

    // every vault of the factory, still one round trip
    const all = await getPositions(client, { staker: address, deployment: t.deployment })
    expect(counter.requests).toBe(2)
    expect(all).toEqual(given)
    const withEmpty = await getPositions(t.devnet.publicClient, {
      staker: address,
      vaults: [a.vault, c.vault, t.deployment.networkRegistry, t.devnet.accounts[1]!.address],
      includeEmpty: true,
    })
    // non-vaults (a registry, an EOA) are left out
    expect(withEmpty.map((p) => p.vault)).toEqual([a.vault, c.vault])
    expect(withEmpty[1]!.activeShares).toBe(0n)
    expect(await getPositions(t.devnet.publicClient, { staker: address, vaults: [] })).toEqual([])

    // chunked: given vaults go in parallel calls (one round trip); the factory's vaults in a first
    // call that learns the total, then the other ranges in parallel (two round trips)
    const total = Number(
      await t.devnet.publicClient.readContract({
        address: t.deployment.vaultFactory,
        abi: symbioticRegistryAbi,
        functionName: 'totalEntities',
      }),
    )
    expect(total).toBe(3)
    counter.requests = 0
    expect(
      await getPositions(client, {
        staker: address,
        vaults: [a.vault, b.vault, c.vault],
        chunkSize: 1,
      }),
    ).toEqual(given)
    expect(counter.requests).toBe(3)
    counter.requests = 0
    expect(await getPositions(client, { staker: address, deployment: t.deployment, chunkSize: 2 })).toEqual(
      given,
    )
    expect(counter.requests).toBe(2)
    await expect(getPositions(client, { staker: address, chunkSize: 0 })).rejects.toThrow(/chunkSize/)
    await expect(getPositions(client, { staker: address, vaults: [a.vault], lookback: -1 })).rejects.toThrow(
      /lookback/,
    )
    expect(() => planPositions({ staker: address, vaults: [a.vault], scan: { lookback: 1.5 } })).toThrow(
      /lookback/,
    )
    // bound through the decorator
    expect(await wallet.restaking.symbiotic.getPositions({ staker: address })).toEqual(given)
  })
})

describe('planPositions', () => {
  test("merges into another protocol's aggregate3 stages: two round trips in all", async () => {
    const a = await t.vault()
    const { address, wallet } = await t.staker(50n)
    await t.mined(deposit(wallet, { vault: a.vault, amount: 20n }))
    await t.mined(withdraw(wallet, { vault: a.vault, amount: 5n }))
    const weth = t.devnet.deployments.tokens.weth
    const { client, counter } = t.counting()
    const plan = planPositions({ staker: address, vaults: [a.vault] })
    const other = { address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [address] }
    const r1 = await readBatch(client, [other, ...plan.reads])
    expect(unwrap<bigint>(r1[0])).toBe(30n)
    const stage2 = plan.next(r1.slice(1)) as ReadPlan<SymbioticVaultPosition[]>
    const r2 = await readBatch(client, [...stage2.reads, other])
    const positions = stage2.next(r2.slice(0, -1)) as SymbioticVaultPosition[]
    expect(counter.requests).toBe(2)
    expect(positions).toEqual(
      await getPositions(t.devnet.publicClient, { staker: address, vaults: [a.vault] }),
    )
    expect(positions[0]!.activeBalance).toBe(15n)
    expect(positions[0]!.pending).toBe(5n)
  })
})
