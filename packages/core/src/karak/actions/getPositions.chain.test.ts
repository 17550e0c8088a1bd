import { parseEther, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { restakingActions } from '../../decorator.js'
import { InvalidParameterError, WithdrawalNotReadyError } from '../../errors.js'
import { KarakVaultNotFoundError } from '../errors.js'
import { karakWithdrawalKey } from '../math.js'
import { DAY, useKarakEnv } from '../test/helpers.js'
import { deposit } from './deposit.js'
import { prepareFinishRedeem } from './finishRedeem.js'
import { getOperatorVaults } from './getOperatorVaults.js'
import { getPositions, getQueuedWithdrawals } from './getPositions.js'
import { getVault } from './getVault.js'
import { startRedeem } from './startRedeem.js'

describe('karak reads (Karak test doubles)', () => {
  const t = useKarakEnv()

  test('the operator vaults and each vault', async () => {
    const { karak, deployment, vault, weth } = t.env
    const [entry] = await getOperatorVaults(t.pc(), { operator: karak.operator, deployment })
    expect(entry?.vaults).toEqual([karak.vaultsByAsset.weth, karak.vaultsByAsset.steth])
    const info = await getVault(t.pc(), { vault })
    expect(info).toMatchObject({
      address: vault,
      asset: weth,
      operator: karak.operator,
      decimals: 18,
      core: karak.core,
      symbol: 'kWETH',
      totalAssets: 0n,
      totalSupply: 0n,
    })
  })

  test('Core-level reads need a deployment on a chain Karak is not known on; a token is not a vault', async () => {
    const { karak, vault, weth } = t.env
    await expect(getOperatorVaults(t.pc(), { operator: karak.operator })).rejects.toThrow(
      /no known deployment/,
    )
    await expect(getPositions(t.pc(), { staker: karak.operator })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    const notVault = await getVault(t.pc(), { vault: weth }).catch((e) => e)
    expect(notVault).toBeInstanceOf(KarakVaultNotFoundError)
    expect(notVault.name).toBe('KarakVaultNotFoundError')
    await expect(
      getPositions(t.pc(), { staker: karak.operator, vaults: [vault, weth] }),
    ).rejects.toBeInstanceOf(KarakVaultNotFoundError)
  })

  test('several withdrawals over two vaults: positions in ≤ 2 round trips (1 with none queued)', async () => {
    const { devnet, karak, deployment, vault, weth } = t.env
    const steth = devnet.deployments.tokens.steth
    const stethVault = karak.vaultsByAsset.steth
    const account = await devnet.newAccount({
      tokens: { [weth]: parseEther('10'), [steth]: parseEther('5') },
    })
    const wallet = devnet.walletClient(account)
    await t.mined(deposit(wallet, { vault, amount: parseEther('10') }))
    await t.mined(deposit(wallet, { vault: stethVault, amount: parseEther('5') }))

    const { client, counter } = t.countingClient()
    const none = await getPositions(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(1)
    expect(none.positions.map((p) => [p.shares, p.queuedWithdrawals.length])).toEqual([
      [parseEther('10'), 0],
      [parseEther('5'), 0],
    ])

    for (const shares of ['1', '2', '3'])
      await t.mined(startRedeem(wallet, { vault, shares: parseEther(shares) }))
    await t.mined(startRedeem(wallet, { vault: stethVault, shares: parseEther('1') }))
    const firstStart = (await t.pc().getBlock()).timestamp
    await devnet.increaseTime(3n * DAY)
    await t.mined(startRedeem(wallet, { vault: stethVault, shares: parseEther('1') }))
    // the first steth withdrawal becomes ready, the second is 3 days behind
    await devnet.increaseTime(9n * DAY - 3n * DAY)

    counter.requests = 0
    const { positions, timestamp } = await getPositions(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(2)
    expect(timestamp).toBe((await t.pc().getBlock()).timestamp)
    const [wethPos, stethPos] = positions
    expect(wethPos?.shares).toBe(parseEther('4'))
    expect(wethPos?.queuedWithdrawals.map((w) => [w.nonce, w.shares])).toEqual([
      [0n, parseEther('1')],
      [1n, parseEther('2')],
      [2n, parseEther('3')],
    ])
    expect(stethPos?.shares).toBe(parseEther('3'))
    expect(stethPos?.queuedWithdrawals.map((w) => [w.nonce, w.ready])).toEqual([
      [0n, true],
      [1n, false],
    ])
    expect(stethPos?.queuedWithdrawals[0]?.readyAt).toEqual({ timestamp: firstStart + 9n * DAY })
    expect(timestamp).toBeGreaterThanOrEqual(firstStart + 9n * DAY)
    expect(timestamp).toBeLessThan(stethPos!.queuedWithdrawals[1]!.readyAt.timestamp)

    // discovering the vaults from the operator costs one more round trip
    counter.requests = 0
    const viaOperator = await getPositions(client, {
      staker: account.address,
      operators: [karak.operator],
      deployment: { core: karak.core },
    })
    expect(counter.requests).toBe(3)
    expect(viaOperator.positions).toEqual(positions)

    // finish every ready withdrawal as a smart account would: the prepared calls, one per withdrawal, in order
    const ready = positions.flatMap((p) => p.queuedWithdrawals.filter((w) => w.ready))
    // the weth ones were queued before the first steth one: all ready
    expect(ready.map((w) => [w.vault, w.nonce])).toEqual([
      [vault, 0n],
      [vault, 1n],
      [vault, 2n],
      [stethVault, 0n],
    ])
    for (const call of ready.flatMap((w) =>
      prepareFinishRedeem({ vault: w.vault, withdrawalKey: w.withdrawalKey }),
    )) {
      await t.mined(wallet.sendTransaction({ to: call.to, data: call.data, value: call.value }))
    }
    // the others are left; still 2 round trips
    counter.requests = 0
    const after = await getQueuedWithdrawals(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(2)
    expect(after.map((w) => [w.vault, w.nonce, w.ready])).toEqual([[stethVault, 1n, false]])
    expect(await t.balanceOf(weth, account.address)).toBe(parseEther('6'))
  })

  test('layers and decorator: prepare → frozen calls; the decorator binds the deployment', async () => {
    const { deployment, vault } = t.env
    const { account, wallet } = await t.deposited(parseEther('3'))
    const finish = prepareFinishRedeem({ vault, withdrawalKey: karakWithdrawalKey(account.address, 0n) })
    expect(finish.map((c) => c.data.slice(0, 10))).toEqual([toFunctionSelector('finishRedeem(bytes32)')])

    const client = t.pc().extend(restakingActions({ karak: deployment }))
    const positions = await client.restaking.karak.getPositions({ staker: account.address })
    expect(positions.positions[0]?.shares).toBe(parseEther('3'))
    expect(
      client.restaking.karak.prepareStartRedeem({ vault, shares: 1n, account: account.address }),
    ).toHaveLength(2)

    const bound = wallet.extend(restakingActions({ karak: deployment }))
    const hash = await bound.restaking.karak.startRedeem({ vault, shares: parseEther('1') })
    const { withdrawals } = await bound.restaking.karak.waitForStartRedeem(hash)
    const sim = await bound.restaking.karak
      .simulateFinishRedeem({ account: account.address, vault, withdrawalKey: withdrawals[0]!.withdrawalKey })
      .catch((e) => e)
    expect(sim).toBeInstanceOf(WithdrawalNotReadyError)
    const queued = await client.restaking.karak.getQueuedWithdrawals({ staker: account.address })
    expect(queued.map((w) => w.withdrawalKey)).toEqual([withdrawals[0]!.withdrawalKey])
    const one = await client.restaking.karak.getWithdrawal({ vault, staker: account.address, nonce: 0n })
    expect(one.withdrawalKey).toBe(withdrawals[0]!.withdrawalKey)
  })
})
