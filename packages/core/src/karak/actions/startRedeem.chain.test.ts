import { type Address, parseEther, toFunctionSelector, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  ContractRevertError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
} from '../../errors.js'
import { simulateWrite } from '../../kit/index.js'
import { karakCoreAbi, karakVaultRevertAbi } from '../abis.js'
import { KarakVaultNotFoundError, karakVaultRevertMapper } from '../errors.js'
import { karakWithdrawalKey } from '../math.js'
import { DAY, useKarakEnv } from '../test/helpers.js'
import { getPositions, getQueuedWithdrawals } from './getPositions.js'
import { prepareStartRedeem, simulateStartRedeem, startRedeem, waitForStartRedeem } from './startRedeem.js'

describe('karak startRedeem (Karak test doubles)', () => {
  const t = useKarakEnv()

  test('startRedeem → queued withdrawal with its key and readiness; shares escrowed', async () => {
    const { vault, deployment } = t.env
    const { account, wallet } = await t.deposited(parseEther('4'))
    const hash = await startRedeem(wallet, { vault, shares: parseEther('1') })
    const { receipt, withdrawals, events } = await waitForStartRedeem(t.pc(), hash)
    const block = await t.pc().getBlock({ blockNumber: receipt.blockNumber })
    const key = karakWithdrawalKey(account.address, 0n)
    expect(withdrawals).toEqual([
      {
        vault,
        staker: account.address,
        withdrawalKey: key,
        shares: parseEther('1'),
        amount: parseEther('1'),
      },
    ])
    expect(events.some((e) => e.eventName === 'Transfer' && e.args.to === vault)).toBe(true)

    expect(await t.vaultRead<bigint>('balanceOf', [account.address])).toBe(parseEther('3'))
    expect(await t.vaultRead<bigint>('balanceOf', [vault])).toBe(parseEther('1'))

    const queued = await getQueuedWithdrawals(t.pc(), { staker: account.address, deployment })
    expect(queued).toEqual([
      {
        vault,
        staker: account.address,
        nonce: 0n,
        withdrawalKey: key,
        receiver: account.address,
        shares: parseEther('1'),
        amount: parseEther('1'),
        start: block.timestamp,
        ready: false,
        readyAt: { timestamp: block.timestamp + 9n * DAY },
      },
    ])
    const { positions } = await getPositions(t.pc(), { staker: account.address, deployment })
    expect(positions[0]?.shares).toBe(parseEther('3'))
  })

  test('simulate after the share approval: the withdrawal key it returns', async () => {
    const { vault } = t.env
    const { account, wallet } = await t.deposited(parseEther('2'))
    await t.mined(
      wallet.writeContract({
        address: vault,
        abi: karakVaultRevertAbi,
        functionName: 'approve',
        args: [vault, parseEther('1')],
      }),
    )
    const sim = await simulateStartRedeem(t.pc(), {
      account: account.address,
      vault,
      shares: parseEther('1'),
    })
    expect(sim.withdrawalKey).toBe(karakWithdrawalKey(account.address, 0n))
    expect(sim.result).toBe(sim.withdrawalKey)
    // the share allowance was already there: no second approval, one transaction
    const nonce = await t.nonceOf(account.address)
    await t.mined(startRedeem(wallet, { vault, shares: parseEther('1') }))
    expect(await t.nonceOf(account.address)).toBe(nonce + 1)
  })

  test('bad input: more shares than held, zero, a bad receiver, not a vault — refused before any approval', async () => {
    const { vault, weth } = t.env
    const { account, wallet } = await t.deposited(parseEther('1'))
    const nonce = await t.nonceOf(account.address)
    const over = await startRedeem(wallet, { vault, shares: parseEther('2') }).catch((e) => e)
    expect(over).toBeInstanceOf(InsufficientBalanceError)
    expect(over).toMatchObject({ token: vault, required: parseEther('2'), balance: parseEther('1') })
    await expect(startRedeem(wallet, { vault, shares: 0n })).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(
      startRedeem(wallet, { vault, shares: 1n, receiver: zeroAddress.slice(0, 10) as Address }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    await expect(startRedeem(wallet, { vault: weth, shares: 1n })).rejects.toBeInstanceOf(
      KarakVaultNotFoundError,
    )
    // not approved: simulate says so (startRedeem would send the approval)
    await expect(
      simulateStartRedeem(t.pc(), { account: account.address, vault, shares: 1n }),
    ).rejects.toBeInstanceOf(InsufficientAllowanceError)
    expect(await t.nonceOf(account.address)).toBe(nonce)
    expect(await t.allowance(vault, account.address, vault)).toBe(0n)
  })

  test('prepareStartRedeem: the share approval to the vault, then startRedeem', async () => {
    const { vault } = t.env
    const { account, wallet } = await t.deposited(parseEther('3'))
    const list = prepareStartRedeem({ vault, shares: 5n, receiver: account.address })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list.map((c) => [c.to, c.data.slice(0, 10)])).toEqual([
      [vault, toFunctionSelector('approve(address,uint256)')],
      [vault, toFunctionSelector('startRedeem(uint256,address)')],
    ])
    for (const call of list)
      await t.mined(wallet.sendTransaction({ to: call.to, data: call.data, value: call.value }))
    expect(await t.vaultRead<bigint>('balanceOf', [vault])).toBe(5n)
  })

  test('reverts the SDK does not pre-check are still decoded: mapped, or a ContractRevertError with its data', async () => {
    const { vault, karak } = t.env
    const { account } = await t.deposited(parseEther('1'))
    // ERC-4626 redeem is not implemented by Karak vaults
    const notImplemented = await simulateWrite(t.pc(), {
      account: account.address,
      address: vault,
      abi: karakVaultRevertAbi,
      functionName: 'redeem',
      args: [1n, account.address, account.address],
      contract: 'KarakVault',
      mapper: karakVaultRevertMapper({ vault }),
    }).catch((e) => e)
    expect(notImplemented).toBeInstanceOf(InvalidParameterError)
    expect(notImplemented.message).toMatch(/startRedeem then finishRedeem/)
    // a slashing Core never queued
    const bogus = {
      dss: account.address,
      timestamp: 1n,
      operator: karak.operator,
      vaults: [vault],
      slashPercentagesWad: [1n],
      nonce: 0n,
    }
    const error = await simulateWrite(t.pc(), {
      account: account.address,
      address: karak.core,
      abi: karakCoreAbi,
      functionName: 'finalizeSlashing',
      args: [bogus],
      contract: 'KarakCore',
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error.reason).toBe('DSSNotRegistered')
    expect(error.data).toBe(toFunctionSelector('DSSNotRegistered()'))
  })
})
