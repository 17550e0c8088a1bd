import { setupSymbioticStake, slashSymbiotic } from '@restakekit/avs/symbiotic/testing'
import { decodeFunctionData, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAmountError } from '../../errors.js'
import { simulateWrite } from '../../kit/index.js'
import { symbioticVaultAbi } from '../abis.js'
import { InsufficientActiveBalanceError, symbioticRevertMapper } from '../errors.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { deposit } from './deposit.js'
import {
  prepareRedeem,
  prepareWithdraw,
  redeem,
  simulateRedeem,
  simulateWithdraw,
  waitForRedeem,
  waitForWithdraw,
  withdraw,
} from './withdraw.js'

const t = useSymbioticDevnet()

describe('withdraw / redeem', () => {
  test('withdraw moves assets into the next epoch bucket; simulate says when it is claimable', async () => {
    const { vault, address, account, wallet } = await t.staked(parseEther('4'), { epochDuration: 7200 })
    const current = await t.view<bigint>(vault, 'currentEpoch')
    const sim = await simulateWithdraw(t.devnet.publicClient, {
      vault,
      amount: parseEther('1'),
      account,
    })
    expect(sim.result).toEqual([parseEther('1'), parseEther('1')])
    expect(sim.epoch).toBe(current + 1n)
    const init = BigInt(await t.view<number>(vault, 'epochDurationInit'))
    expect(sim.readyAt).toEqual({ timestamp: init + (current + 2n) * 7200n })

    const hash = await wallet.restaking.symbiotic.withdraw({ vault, amount: parseEther('1') })
    const { events, epoch, readyAt } = await waitForWithdraw(t.devnet.publicClient, hash)
    // the bucket it landed in, from the block it was mined in
    expect(epoch).toBe(current + 1n)
    expect(readyAt).toEqual(sim.readyAt)
    const w = events.find((e) => e.eventName === 'Withdraw')
    expect(w?.args).toEqual({
      withdrawer: address,
      claimer: address,
      amount: parseEther('1'),
      burnedShares: parseEther('1'),
      mintedShares: parseEther('1'),
    })
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(parseEther('3'))
    expect(await t.view<bigint>(vault, 'withdrawalsOf', [current + 1n, address])).toBe(parseEther('1'))
  })

  test('withdraw more than the active balance: typed error before sending, and decoded from a revert', async () => {
    const { vault, address, account, wallet } = await t.staked(100n)
    const nonce = await t.nonce(address)
    const error = await withdraw(wallet, { vault, amount: 101n }).catch((e) => e)
    expect(error).toBeInstanceOf(InsufficientActiveBalanceError)
    expect(error.name).toBe('InsufficientActiveBalanceError')
    expect(await t.nonce(address)).toBe(nonce)
    expect([error.requested, error.available, error.unit]).toEqual([101n, 100n, 'assets'])
    // the contract's own TooMuchWithdraw, decoded through the mapper
    const decoded = await simulateWrite(t.devnet.publicClient, {
      account,
      address: vault,
      abi: symbioticVaultAbi,
      functionName: 'withdraw',
      args: [address, 101n],
      contract: 'Vault',
      mapper: symbioticRevertMapper({ vault, account: address, amount: 101n, available: 100n }),
    }).catch((e) => e)
    expect(decoded).toBeInstanceOf(InsufficientActiveBalanceError)
    expect(decoded.cause).toBeDefined()
  })

  test('redeem by shares, to another claimer', async () => {
    const { vault, address, account, wallet } = await t.staked(1000n)
    const claimer = t.devnet.accounts[7]!.address
    const current = await t.view<bigint>(vault, 'currentEpoch')
    const sim = await simulateRedeem(t.devnet.publicClient, {
      vault,
      shares: 400n,
      account,
      receiver: claimer,
    })
    expect(sim.result).toEqual([400n, 400n])
    const hash = await redeem(wallet, { vault, shares: 400n, receiver: claimer })
    const { events } = await waitForRedeem(t.devnet.publicClient, hash)
    expect(events.find((e) => e.eventName === 'Withdraw')?.args.claimer).toBe(claimer)
    expect(await t.view<bigint>(vault, 'activeSharesOf', [address])).toBe(600n)
    expect(await t.view<bigint>(vault, 'withdrawalsOf', [current + 1n, claimer])).toBe(400n)
    const error = await redeem(wallet, { vault, shares: 601n }).catch((e) => e)
    expect(error).toBeInstanceOf(InsufficientActiveBalanceError)
    expect([error.requested, error.available, error.unit]).toEqual([601n, 600n, 'shares'])
    await expect(redeem(wallet, { vault, shares: 0n })).rejects.toThrow(InvalidAmountError)
  })

  test('prepare: frozen calls', () => {
    const vault = '0x1111111111111111111111111111111111111111'
    const claimer = '0x3333333333333333333333333333333333333333'
    const [w] = prepareWithdraw({ vault, amount: 5n, receiver: claimer })
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: w!.data })).toEqual({
      functionName: 'withdraw',
      args: [claimer, 5n],
    })
    const list = prepareRedeem({ vault, shares: 6n, receiver: claimer })
    expect(Object.isFrozen(list) && Object.isFrozen(list[0])).toBe(true)
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: list[0]!.data }).functionName).toBe('redeem')
  })

  test('after a slash (shares worth less than 1:1) the pre-check agrees with the vault on every amount at the edge', async () => {
    const { vault, delegator, slasher } = await t.vault({ delegatorType: 1 })
    const network = (await t.devnet.newAccount()).address
    const operator = (await t.devnet.newAccount()).address
    const middleware = (await t.devnet.newAccount()).address
    const subnetwork = await setupSymbioticStake(t.devnet, {
      vault,
      delegator,
      delegatorType: 1,
      network,
      operator,
      middleware,
    })
    const a = await t.staker(1000n)
    const b = await t.staker(333n)
    await t.mined(deposit(a.wallet, { vault, amount: 1000n }))
    await t.mined(deposit(b.wallet, { vault, amount: 333n }))
    await t.devnet.increaseTime(60)
    await slashSymbiotic(t.devnet, { slasher, middleware, subnetwork, operator, amount: 457n })
    const balance = await t.view<bigint>(vault, 'activeBalanceOf', [a.address])
    expect(balance).toBeLessThan(1000n)
    const verdicts: string[] = []
    for (const amount of [balance - 1n, balance, balance + 1n, balance + 2n]) {
      const ours = await simulateWithdraw(t.devnet.publicClient, {
        vault,
        amount,
        account: a.account,
      }).then(
        () => 'ok',
        (e) => (e instanceof InsufficientActiveBalanceError ? 'refused' : String(e)),
      )
      const theirs = await simulateWrite(t.devnet.publicClient, {
        account: a.account,
        address: vault,
        abi: symbioticVaultAbi,
        functionName: 'withdraw',
        args: [a.address, amount],
        contract: 'Vault',
      }).then(
        () => 'ok',
        () => 'refused',
      )
      expect(ours, `amount ${amount}`).toBe(theirs)
      verdicts.push(theirs)
    }
    expect(verdicts.slice(0, 2)).toEqual(['ok', 'ok'])
    expect(verdicts).toContain('refused')
    // the whole active balance can be withdrawn
    await t.mined(withdraw(a.wallet, { vault, amount: balance }))
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [a.address])).toBe(0n)
  })
})
