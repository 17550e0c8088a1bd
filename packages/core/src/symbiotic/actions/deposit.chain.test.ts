import { createWalletClient, custom, decodeFunctionData, erc20Abi, http, parseEther, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  StepFailedError,
} from '../../errors.js'
import { symbioticVaultAbi } from '../abis.js'
import {
  DepositLimitReachedError,
  NotWhitelistedDepositorError,
  SymbioticVaultNotFoundError,
} from '../errors.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './deposit.js'

const t = useSymbioticDevnet()

describe('deposit', () => {
  test('approves exactly, deposits, and the Deposit event and balances read as the vault says', async () => {
    const { vault } = await t.vault()
    const amount = parseEther('3')
    const { address, wallet } = await t.staker(amount)
    const stages: string[] = []
    const hash = await wallet.restaking.symbiotic.deposit({
      vault,
      amount,
      onStage: (s) => stages.push(s.stage),
    })
    expect(stages).toEqual(
      expect.arrayContaining(['checks', 'approval-sent', 'approval-mined', 'simulated', 'sent']),
    )
    expect(stages.indexOf('checks')).toBeLessThan(stages.indexOf('approval-sent'))
    const { receipt, events, deposited } = await waitForDeposit(t.devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    const expected = { depositor: address, onBehalfOf: address, amount, shares: amount }
    expect(events.find((e) => e.eventName === 'Deposit')?.args).toEqual(expected)
    expect(deposited).toEqual(expected)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(amount)
    expect(await t.view<bigint>(vault, 'activeSharesOf', [address])).toBe(amount)
    expect(await t.balanceOf(t.weth, address)).toBe(0n)
    // exact approval, fully used
    expect(await t.allowance(t.weth, address, vault)).toBe(0n)
  })

  test('receiver credits another account', async () => {
    const { vault } = await t.vault()
    const { wallet } = await t.staker(100n)
    const other = t.devnet.accounts[6]!.address
    const { deposited } = await waitForDeposit(
      t.devnet.publicClient,
      await deposit(wallet, { vault, amount: 100n, receiver: other }),
    )
    expect(deposited?.onBehalfOf).toBe(other)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [other])).toBe(100n)
  })

  test('simulate needs the allowance first, then returns the minted shares', async () => {
    const { vault } = await t.vault()
    const { account, address, wallet } = await t.staker(10n)
    const error = await simulateDeposit(t.devnet.publicClient, { vault, amount: 10n, account }).catch(
      (e) => e,
    )
    expect(error).toBeInstanceOf(InsufficientAllowanceError)
    // decoded from the token's ERC20InsufficientAllowance, for the vault's collateral
    expect([error.token, error.spender, error.required, error.allowance]).toEqual([t.weth, vault, 10n, 0n])
    await t.mined(
      wallet.writeContract({ address: t.weth, abi: erc20Abi, functionName: 'approve', args: [vault, 10n] }),
    )
    const sim = await simulateDeposit(t.devnet.publicClient, { vault, amount: 10n, account })
    expect(sim.result).toEqual([10n, 10n])
    expect(sim.collateral).toBe(t.weth)
    expect(sim.request.functionName).toBe('deposit')
    // an allowance already in place: deposit sends no approval
    const stages: string[] = []
    await t.mined(deposit(wallet, { vault, amount: 10n, onStage: (s) => stages.push(s.stage) }))
    expect(stages).not.toContain('approval-sent')
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(10n)
  })

  test('deposit limit: checked before sending (and before the approval), with the room left', async () => {
    const { vault } = await t.vault({ depositLimit: 100n })
    const { wallet, address } = await t.staker(200n)
    await t.mined(deposit(wallet, { vault, amount: 60n }))
    const nonce = await t.nonce(address)
    const error = await deposit(wallet, { vault, amount: 50n }).catch((e) => e)
    expect(error).toBeInstanceOf(DepositLimitReachedError)
    expect(error.name).toBe('DepositLimitReachedError')
    expect(error.room).toBe(40n)
    expect(error.depositLimit).toBe(100n)
    expect(await t.nonce(address)).toBe(nonce)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(60n)
    // nothing was approved for the refused deposit
    expect(await t.allowance(t.weth, address, vault)).toBe(0n)
  })

  test('deposit whitelist: a non-whitelisted depositor is refused; a whitelisted one deposits', async () => {
    const allowed = await t.staker(5n)
    const { vault } = await t.vault({ depositWhitelist: true, whitelistedDepositors: [allowed.address] })
    const stranger = await t.staker(5n)
    const error = await deposit(stranger.wallet, { vault, amount: 5n }).catch((e) => e)
    expect(error).toBeInstanceOf(NotWhitelistedDepositorError)
    expect(error.account).toBe(stranger.address)
    expect(await t.nonce(stranger.address)).toBe(0)
    await t.mined(deposit(allowed.wallet, { vault, amount: 5n }))
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [allowed.address])).toBe(5n)
  })

  test('bad input and balance are refused before any request is sent (nonce unchanged)', async () => {
    const { vault } = await t.vault()
    const { wallet, address } = await t.staker(5n)
    await expect(deposit(wallet, { vault, amount: 0n })).rejects.toThrow(InvalidAmountError)
    await expect(deposit(wallet, { vault: '0x1234' as never, amount: 1n })).rejects.toThrow(/vault/)
    await expect(deposit(wallet, { vault, amount: 1n, receiver: zeroAddress })).rejects.toThrow(
      InvalidParameterError,
    )
    const poor = await deposit(wallet, { vault, amount: 6n }).catch((e) => e)
    expect(poor).toBeInstanceOf(InsufficientBalanceError)
    expect([poor.required, poor.balance]).toEqual([6n, 5n])
    await expect(deposit(wallet, { vault: t.deployment.vaultFactory, amount: 1n })).rejects.toThrow(
      SymbioticVaultNotFoundError,
    )
    expect(await t.nonce(address)).toBe(0)
  })

  test('a deposit failing after the approval is a StepFailedError saying what the sender holds', async () => {
    const { vault } = await t.vault({ depositLimit: 100n })
    const { account, address } = await t.staker(80n)
    const d = t.devnet
    // Between the approval and the deposit, the vault owner lowers the deposit limit.
    let fired = false
    const inner = http(d.rpcUrl)({ chain: d.chain })
    const wallet = createWalletClient({
      account,
      chain: d.chain,
      transport: custom({
        async request(args) {
          const result = await inner.request(args)
          if (args.method === 'eth_sendRawTransaction' && !fired) {
            fired = true
            await d.publicClient.waitForTransactionReceipt({ hash: result as `0x${string}` })
            await d.context.write({
              address: vault,
              abi: [
                ...symbioticVaultAbi,
                {
                  type: 'function',
                  name: 'setDepositLimit',
                  inputs: [{ type: 'uint256', name: 'l' }],
                  outputs: [],
                  stateMutability: 'nonpayable',
                },
              ],
              functionName: 'setDepositLimit',
              args: [10n],
            })
          }
          return result
        },
      }),
    })
    const error = await deposit(wallet, { vault, amount: 80n }).catch((e) => e)
    expect(fired).toBe(true)
    expect(error).toBeInstanceOf(StepFailedError)
    expect(error.step).toBe('symbiotic.deposit')
    expect(error.completed).toHaveLength(1)
    expect(error.completed[0].step).toBe('approve')
    // what the sender holds, read after the failure: all of the collateral, and the standing approval
    expect(error.holdings).toContain(`${address} holds 80 of ${d.deployments.tokens.weth}`)
    expect(error.holdings).toContain(`${vault} may spend 80`)
    // the revert was decoded into the typed error
    expect(error.cause).toBeInstanceOf(DepositLimitReachedError)
    expect(await t.balanceOf(d.deployments.tokens.weth, address)).toBe(80n)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(0n)
    // exactly one transaction went out: the approval
    expect(await t.nonce(address)).toBe(1)
  })

  test('prepareDeposit: frozen approve + deposit calls', () => {
    const vault = '0x1111111111111111111111111111111111111111'
    const collateral = '0x2222222222222222222222222222222222222222'
    const receiver = '0x3333333333333333333333333333333333333333'
    const list = prepareDeposit({ vault, amount: 7n, receiver, collateral })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list).toHaveLength(2)
    expect(list[0]!.to).toBe(collateral)
    expect(decodeFunctionData({ abi: erc20Abi, data: list[0]!.data })).toEqual({
      functionName: 'approve',
      args: [vault, 7n],
    })
    expect(list[1]!.to).toBe(vault)
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: list[1]!.data })).toEqual({
      functionName: 'deposit',
      args: [receiver, 7n],
    })
    expect(prepareDeposit({ vault, amount: 7n, receiver, approve: false })).toHaveLength(1)
    // receiver defaults to the account that will send
    const [, own] = prepareDeposit({ vault, amount: 7n, account: receiver, collateral })
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: own!.data }).args).toEqual([receiver, 7n])
    // the approval needs the collateral
    expect(() => prepareDeposit({ vault, amount: 7n, receiver })).toThrow(/collateral/)
    expect(() => prepareDeposit({ vault, amount: 0n, receiver })).toThrow(InvalidAmountError)
    expect(() => prepareDeposit({ vault, amount: 1n, receiver: zeroAddress })).toThrow(InvalidParameterError)
    expect(() => prepareDeposit({ vault, amount: 1n, approve: false })).toThrow(InvalidAddressError)
  })
})
