import { artifact } from '@restakekit/devnet'
import { type Hex, parseEther, parseEventLogs } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidParameterError, WithdrawalNotReadyError } from '../../errors.js'
import { karakCoreAbi, karakVaultAbi } from '../abis.js'
import { KARAK_MIN_WITHDRAWAL_DELAY } from '../deployments.js'
import { KarakUnknownWithdrawalError, KarakWithdrawalNotFoundError } from '../errors.js'
import { DAY, useKarakEnv } from '../test/helpers.js'
import { finishRedeem, simulateFinishRedeem, waitForFinishRedeem } from './finishRedeem.js'
import { getPositions, getQueuedWithdrawals } from './getPositions.js'
import { getWithdrawal } from './getWithdrawal.js'
import { startRedeem, waitForStartRedeem } from './startRedeem.js'

describe('karak finishRedeem (Karak test doubles)', () => {
  const t = useKarakEnv()

  test('finishRedeem before the delay → WithdrawalNotReadyError naming the ready time, nothing sent; after 9 days → amount back', async () => {
    const { vault, weth, karak, deployment, devnet } = t.env
    const { account, wallet } = await t.deposited(parseEther('4'))
    const hash = await startRedeem(wallet, { vault, shares: parseEther('1') })
    const { withdrawals, receipt } = await waitForStartRedeem(t.pc(), hash)
    const start = (await t.pc().getBlock({ blockNumber: receipt.blockNumber })).timestamp
    const withdrawalKey = withdrawals[0]!.withdrawalKey
    const nonce = await t.nonceOf(account.address)

    const early = await finishRedeem(wallet, { vault, withdrawalKey }).catch((e) => e)
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect(early.name).toBe('WithdrawalNotReadyError')
    expect(early.protocol).toBe('karak')
    expect(early.id).toBe(withdrawalKey)
    expect(early.location).toBe(vault)
    expect(early.readyAt).toEqual({ timestamp: start + KARAK_MIN_WITHDRAWAL_DELAY })
    expect(early.shortMessage).toMatch(new RegExp(`unix ${start + KARAK_MIN_WITHDRAWAL_DELAY}`))
    expect(await t.nonceOf(account.address)).toBe(nonce)

    // two minutes short of the delay: still not ready
    await devnet.increaseTime(9n * DAY - 120n)
    await expect(finishRedeem(wallet, { vault, withdrawalKey })).rejects.toBeInstanceOf(
      WithdrawalNotReadyError,
    )
    expect(await t.nonceOf(account.address)).toBe(nonce)

    await devnet.increaseTime(120n)
    const w = await getWithdrawal(t.pc(), { vault, staker: account.address, withdrawalKey })
    expect(w.ready).toBe(true)
    expect(w.readyAt).toEqual({ timestamp: start + KARAK_MIN_WITHDRAWAL_DELAY })
    const before = await t.balanceOf(weth, account.address)
    const done = await finishRedeem(wallet, { vault, withdrawalKey })
    const { events } = await waitForFinishRedeem(t.pc(), done)
    const finished = events.find((e) => e.eventName === 'FinishedRedeem')
    expect(finished?.args).toEqual({
      staker: account.address,
      beneficiary: account.address,
      operator: karak.operator,
      shares: parseEther('1'),
      assetsClaimed: parseEther('1'),
      withdrawRoot: withdrawalKey,
    })
    expect(await t.balanceOf(weth, account.address)).toBe(before + parseEther('1'))
    expect(await t.vaultRead<boolean>('isWithdrawalPending', [account.address, 0n])).toBe(false)
    expect(await getQueuedWithdrawals(t.pc(), { staker: account.address, deployment })).toEqual([])

    // finished: a typed error, nothing sent
    const nonceAfter = await t.nonceOf(account.address)
    await expect(finishRedeem(wallet, { vault, withdrawalKey })).rejects.toBeInstanceOf(
      KarakWithdrawalNotFoundError,
    )
    await expect(getWithdrawal(t.pc(), { vault, staker: account.address, nonce: 0n })).rejects.toBeInstanceOf(
      KarakWithdrawalNotFoundError,
    )
    expect(await t.nonceOf(account.address)).toBe(nonceAfter)
  })

  test('anyone may finish: a keeper finishes by staker + nonce; the receiver is paid', async () => {
    const { vault, weth, devnet } = t.env
    const { account, wallet } = await t.deposited(parseEther('2'))
    const receiver = devnet.accounts[3]!.address
    await waitForStartRedeem(t.pc(), await startRedeem(wallet, { vault, shares: parseEther('2'), receiver }))
    await devnet.increaseTime(KARAK_MIN_WITHDRAWAL_DELAY)
    const keeper = devnet.walletClient(devnet.accounts[4]!)
    const before = await t.balanceOf(weth, receiver)
    const sim = await simulateFinishRedeem(t.pc(), {
      account: devnet.accounts[4]!.address,
      vault,
      staker: account.address,
      nonce: 0n,
    })
    expect(sim.withdrawal.receiver).toBe(receiver)
    expect(sim.withdrawal.ready).toBe(true)
    await waitForFinishRedeem(
      t.pc(),
      await finishRedeem(keeper, { vault, staker: account.address, nonce: 0n }),
    )
    expect(await t.balanceOf(weth, receiver)).toBe(before + parseEther('2'))
  })

  test('unknown or someone else’s key, a malformed key: typed errors, nonce unchanged', async () => {
    const { vault } = t.env
    const { account, wallet } = await t.deposited(parseEther('1'))
    const nonce = await t.nonceOf(account.address)
    const bogus = `0x${'ab'.repeat(32)}` as Hex
    const unknown = await finishRedeem(wallet, { vault, withdrawalKey: bogus }).catch((e) => e)
    expect(unknown).toBeInstanceOf(KarakUnknownWithdrawalError)
    expect(unknown.name).toBe('KarakUnknownWithdrawalError')
    expect(unknown.staker).toBe(account.address)
    await expect(finishRedeem(wallet, { vault, withdrawalKey: '0x1234' as Hex })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    expect(await t.nonceOf(account.address)).toBe(nonce)

    // someone else's key under this account: unknown here, found (not ready) with `staker`
    const other = await t.deposited(parseEther('1'))
    const { withdrawals } = await waitForStartRedeem(
      t.pc(),
      await startRedeem(other.wallet, { vault, shares: 1n }),
    )
    const theirs = withdrawals[0]!.withdrawalKey
    await expect(finishRedeem(wallet, { vault, withdrawalKey: theirs })).rejects.toBeInstanceOf(
      KarakUnknownWithdrawalError,
    )
    await expect(
      finishRedeem(wallet, { vault, withdrawalKey: theirs, staker: other.account.address }),
    ).rejects.toBeInstanceOf(WithdrawalNotReadyError)
    expect(await t.nonceOf(account.address)).toBe(nonce)
  })

  describe('slashing through Core', () => {
    const coreArtifact = () => artifact('KarakCore')

    /** DSS registered with a 50 % cap, operator registered, the weth vault staked into it (after the 9-day delay). */
    async function stakedToDSS() {
      const { devnet, karak, vault } = t.env
      const dssArtifact = artifact('KarakTestDSS')
      const dss = await devnet.context.deploy(dssArtifact, [karak.core])
      await devnet.context.write({
        address: dss,
        abi: dssArtifact.abi,
        functionName: 'registerDSS',
        args: [parseEther('50')],
      })
      const operator = devnet.walletClient(karak.operatorPrivateKey)
      await t.mined(
        operator.writeContract({
          address: karak.core,
          abi: karakCoreAbi,
          functionName: 'registerOperatorToDSS',
          args: [dss, '0x'],
        }),
      )
      const request = { vault, dss, toStake: true }
      // the queued update as stored, from the event (a simulation could carry an earlier timestamp)
      const requestReceipt = await t.mined(
        operator.writeContract({
          address: karak.core,
          abi: karakCoreAbi,
          functionName: 'requestUpdateVaultStakeInDSS',
          args: [request],
        }),
      )
      const [requested] = parseEventLogs({
        abi: coreArtifact().abi,
        logs: requestReceipt.logs,
        eventName: 'RequestedStakeUpdate',
      })
      const queuedStake = (requested!.args as { updateRequest: never }).updateRequest
      // the stake update waits MIN_STAKE_UPDATE_DELAY (9 days)
      const early = await t
        .pc()
        .simulateContract({
          account: operator.account,
          address: karak.core,
          abi: coreArtifact().abi,
          functionName: 'finalizeUpdateVaultStakeInDSS',
          args: [queuedStake],
        })
        .catch((e) => e)
      expect(String(early)).toMatch(/OperatorStakeUpdateDelayNotPassed/)
      await devnet.increaseTime(9n * DAY)
      await t.mined(
        operator.writeContract({
          address: karak.core,
          abi: karakCoreAbi,
          functionName: 'finalizeUpdateVaultStakeInDSS',
          args: [queuedStake],
        }),
      )
      const staked = await t.pc().readContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'fetchVaultsStakedInDSS',
        args: [karak.operator, dss],
      })
      expect(staked).toEqual([vault])
      return { dss, dssAbi: dssArtifact.abi }
    }

    test('request + finalize after the veto window: the staker reads a lower amount, exactly as the vault says', async () => {
      const { devnet, karak, vault, weth, deployment } = t.env
      const { account, wallet } = await t.deposited(parseEther('10'))
      // a withdrawal queued before the slashing is slashed too (its shares stay in the vault)
      await waitForStartRedeem(t.pc(), await startRedeem(wallet, { vault, shares: parseEther('4') }))
      const { dss, dssAbi } = await stakedToDSS()

      // over the DSS's 50 % cap → the Core's error, decoded
      await expect(
        devnet.context.write({
          address: dss,
          abi: dssAbi,
          functionName: 'requestSlashing',
          args: [{ operator: karak.operator, slashPercentagesWad: [parseEther('60')], vaults: [vault] }],
        }),
      ).rejects.toThrow()

      await devnet.context.write({
        address: dss,
        abi: dssAbi,
        functionName: 'requestSlashing',
        args: [{ operator: karak.operator, slashPercentagesWad: [parseEther('10')], vaults: [vault] }],
      })
      const queued = (await t.pc().readContract({
        address: dss,
        abi: dssAbi,
        functionName: 'lastQueuedSlashing',
      })) as never

      // the staker sees the pending slashing and the vault's one DSS
      const pending = await getPositions(t.pc(), { staker: account.address, deployment })
      expect(pending.positions[0]?.exposure).toEqual({ dssCount: 1n, queuedForSlashing: true })

      // inside the veto window: finalizing reverts MinSlashingDelayNotPassed
      const early = await t
        .pc()
        .simulateContract({
          account: devnet.accounts[2]!.address,
          address: karak.core,
          abi: karakCoreAbi,
          functionName: 'finalizeSlashing',
          args: [queued],
        })
        .catch((e) => e)
      expect(String(early)).toMatch(/MinSlashingDelayNotPassed/)

      await devnet.increaseTime(2n * DAY)
      const finisher = devnet.walletClient(devnet.accounts[2]!)
      const receipt = await t.mined(
        finisher.writeContract({
          address: karak.core,
          abi: karakCoreAbi,
          functionName: 'finalizeSlashing',
          args: [queued],
        }),
      )
      const slashed = parseEventLogs({ abi: karakVaultAbi, logs: receipt.logs, eventName: 'Slashed' })
      expect(slashed.map((e) => e.args.assets)).toEqual([parseEther('1')]) // 10 % of 10
      expect(await t.balanceOf(weth, vault)).toBe(parseEther('9'))
      expect(await t.balanceOf(weth, '0x000000000000000000000000000000000000dEaD')).toBe(parseEther('1'))

      const { positions } = await getPositions(t.pc(), { staker: account.address, deployment })
      const position = positions[0]!
      expect(position.vault.totalAssets).toBe(parseEther('9'))
      expect(position.exposure).toEqual({ dssCount: 1n, queuedForSlashing: false })
      expect(position.shares).toBe(parseEther('6'))
      expect(position.amount).toBe(await t.vaultRead<bigint>('convertToAssets', [parseEther('6')]))
      expect(position.amount).toBeLessThan(parseEther('6'))
      const w = position.queuedWithdrawals[0]!
      expect(w.amount).toBe(await t.vaultRead<bigint>('convertToAssets', [parseEther('4')]))
      expect(w.amount).toBeLessThan(parseEther('4'))

      // the queued withdrawal pays the slashed rate
      const before = await t.balanceOf(weth, account.address)
      const done = await finishRedeem(wallet, { vault, withdrawalKey: w.withdrawalKey })
      const { events } = await waitForFinishRedeem(t.pc(), done)
      const claimed = events.find((e) => e.eventName === 'FinishedRedeem')?.args.assetsClaimed
      expect(claimed).toBe(w.amount)
      expect(await t.balanceOf(weth, account.address)).toBe(before + w.amount)
    })
  })
})
