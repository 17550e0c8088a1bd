import { createWalletClient, custom, decodeFunctionData, erc20Abi, http, parseEther, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
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
import {
  depositToVault,
  prepareDepositToVault,
  simulateDepositToVault,
  waitForDepositToVault,
} from './depositToVault.js'
import { useSymbioticDevnet } from './testing.js'

const t = useSymbioticDevnet()

describe('depositToVault', () => {
  test('approves exactly, deposits, and the Deposit event and balances read as the vault says', async () => {
    const { vault } = await t.vault()
    const amount = parseEther('3')
    const { address, wallet } = await t.staker(amount)
    const hash = await wallet.restaking.symbiotic.depositToVault({ vault, amount })
    const { receipt, events } = await waitForDepositToVault(t.devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    const deposit = events.find((e) => e.eventName === 'Deposit')
    expect(deposit?.args).toEqual({ depositor: address, onBehalfOf: address, amount, shares: amount })
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(amount)
    expect(await t.view<bigint>(vault, 'activeSharesOf', [address])).toBe(amount)
    expect(await t.balanceOf(t.devnet.deployments.tokens.weth, address)).toBe(0n)
    // exact approval, fully used
    const allowance = await t.devnet.publicClient.readContract({
      address: t.devnet.deployments.tokens.weth,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [address, vault],
    })
    expect(allowance).toBe(0n)
  })

  test('onBehalfOf credits another account', async () => {
    const { vault } = await t.vault()
    const { wallet } = await t.staker(100n)
    const other = t.devnet.accounts[6]!.address
    await waitForDepositToVault(
      t.devnet.publicClient,
      await depositToVault(wallet, { vault, amount: 100n, onBehalfOf: other }),
    )
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [other])).toBe(100n)
  })

  test('simulate needs the allowance first, then returns the minted shares', async () => {
    const { vault } = await t.vault()
    const { account, wallet } = await t.staker(10n)
    await expect(
      simulateDepositToVault(t.devnet.publicClient, { vault, amount: 10n, account }),
    ).rejects.toThrow(InsufficientAllowanceError)
    await t.devnet.publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: t.devnet.deployments.tokens.weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault, 10n],
      }),
    })
    const sim = await simulateDepositToVault(t.devnet.publicClient, { vault, amount: 10n, account })
    expect(sim.result).toEqual([10n, 10n])
    expect(sim.collateral).toBe(t.devnet.deployments.tokens.weth)
    expect(sim.request.functionName).toBe('deposit')
  })

  test('deposit limit: checked before sending, with the room left', async () => {
    const { vault } = await t.vault({ depositLimit: 100n })
    const { wallet, address } = await t.staker(200n)
    await t.mined(depositToVault(wallet, { vault, amount: 60n }))
    const error = await depositToVault(wallet, { vault, amount: 50n }).catch((e) => e)
    expect(error).toBeInstanceOf(DepositLimitReachedError)
    expect(error.room).toBe(40n)
    expect(error.depositLimit).toBe(100n)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(60n)
    // nothing was approved for the refused deposit
    const allowance = await t.devnet.publicClient.readContract({
      address: t.devnet.deployments.tokens.weth,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [address, vault],
    })
    expect(allowance).toBe(0n)
  })

  test('deposit whitelist: a non-whitelisted depositor is refused; a whitelisted one deposits', async () => {
    const allowed = await t.staker(5n)
    const { vault } = await t.vault({ depositWhitelist: true, whitelistedDepositors: [allowed.address] })
    const stranger = await t.staker(5n)
    const error = await depositToVault(stranger.wallet, { vault, amount: 5n }).catch((e) => e)
    expect(error).toBeInstanceOf(NotWhitelistedDepositorError)
    expect(error.account).toBe(stranger.address)
    await t.mined(depositToVault(allowed.wallet, { vault, amount: 5n }))
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [allowed.address])).toBe(5n)
  })

  test('bad input and balance are refused before any request', async () => {
    const { vault } = await t.vault()
    const { wallet } = await t.staker(5n)
    await expect(depositToVault(wallet, { vault, amount: 0n })).rejects.toThrow(InvalidAmountError)
    await expect(depositToVault(wallet, { vault: '0x1234' as never, amount: 1n })).rejects.toThrow(/vault/)
    await expect(depositToVault(wallet, { vault, amount: 6n })).rejects.toThrow(InsufficientBalanceError)
    await expect(depositToVault(wallet, { vault: t.deployment.vaultFactory, amount: 1n })).rejects.toThrow(
      SymbioticVaultNotFoundError,
    )
  })

  test('a deposit failing after the approval is a StepFailedError: the collateral is still in the wallet', async () => {
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
    const error = await depositToVault(wallet, { vault, amount: 80n }).catch((e) => e)
    expect(fired).toBe(true)
    expect(error).toBeInstanceOf(StepFailedError)
    expect(error.step).toBe('deposit')
    expect(error.completed).toHaveLength(1)
    expect(error.completed[0].step).toBe('approve')
    expect(error.holdings).toMatch(/still in your wallet/)
    // the revert was decoded into the typed error
    expect(error.cause).toBeInstanceOf(DepositLimitReachedError)
    expect(await t.balanceOf(d.deployments.tokens.weth, address)).toBe(80n)
    expect(await t.view<bigint>(vault, 'activeBalanceOf', [address])).toBe(0n)
  })

  test('prepareDepositToVault: frozen approve + deposit calls', () => {
    const vault = '0x1111111111111111111111111111111111111111'
    const collateral = '0x2222222222222222222222222222222222222222'
    const onBehalfOf = '0x3333333333333333333333333333333333333333'
    const list = prepareDepositToVault({ vault, amount: 7n, onBehalfOf, collateral })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list).toHaveLength(2)
    expect(list[0]!.to).toBe(collateral)
    expect(list[0]!.data.slice(0, 10)).toBe('0x095ea7b3')
    expect(list[1]!.to).toBe(vault)
    expect(decodeFunctionData({ abi: symbioticVaultAbi, data: list[1]!.data })).toEqual({
      functionName: 'deposit',
      args: [onBehalfOf, 7n],
    })
    expect(prepareDepositToVault({ vault, amount: 7n, onBehalfOf })).toHaveLength(1)
    expect(() => prepareDepositToVault({ vault, amount: 0n, onBehalfOf })).toThrow(InvalidAmountError)
    expect(() => prepareDepositToVault({ vault, amount: 1n, onBehalfOf: zeroAddress })).toThrow(
      InvalidParameterError,
    )
  })
})
