// The "Adding a write" guide (docs/guides/writes.md, code in docs/snippets/define-write.ts) run for
// real: its ERC-4626 deposit, declared once with the kit, against the devnet's Karak weth vault
// (a test double written here that implements Karak v2's ERC-4626 Vault).
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, decodeFunctionData, erc20Abi, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  prepareVaultDeposit,
  simulateVaultDeposit,
  vaultDeposit,
  vault as vaultModule,
  waitForVaultDeposit,
} from '../../../docs/snippets/define-write.js'
import { defaultProtocolModules, restakingActions } from '../src/decorator.js'
import { InsufficientBalanceError, InvalidAmountError, InvalidParameterError } from '../src/errors.js'

const vaultAbi = parseAbi([
  'function deposit(uint256 assets, address receiver) returns (uint256 shares)',
  'function balanceOf(address) view returns (uint256)',
])

describe("the guide's ERC-4626 deposit, built with defineWrite", () => {
  let devnet: Devnet
  let vault: Address
  let weth: Address
  beforeAll(async () => {
    devnet = await startDevnet({ symbiotic: false })
    vault = devnet.deployments.karak!.vaultsByAsset.weth
    weth = devnet.deployments.tokens.weth
  })
  afterAll(() => devnet?.stop())

  const read = (address: Address, who: Address) =>
    devnet.publicClient.readContract({ address, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
  const nonce = (who: Address) => devnet.publicClient.getTransactionCount({ address: who })

  test('prepare: the exact approval, then the deposit to the receiver; approve: false drops it', () => {
    const account = '0x1111111111111111111111111111111111111111'
    const calls = prepareVaultDeposit({ vault, asset: weth, amount: 5n, account })
    expect(calls).toHaveLength(2)
    expect(calls[0]!.to).toBe(weth)
    expect(decodeFunctionData({ abi: erc20Abi, data: calls[0]!.data }).args).toEqual([vault, 5n])
    expect(calls[1]!.to).toBe(vault)
    expect(decodeFunctionData({ abi: vaultAbi, data: calls[1]!.data }).args).toEqual([5n, account])
    expect(prepareVaultDeposit({ vault, asset: weth, amount: 5n, account, approve: false })).toHaveLength(1)
    expect(() => prepareVaultDeposit({ vault, asset: weth, amount: 5n })).toThrow(InvalidParameterError)
  })

  test('send: approves exactly, deposits once; the receipt gives the shares the vault minted', async () => {
    const staker = await devnet.newAccount({ tokens: { [weth]: parseEther('3') } })
    const wallet = devnet.walletClient(staker)
    const simulated = await simulateVaultDeposit(devnet.publicClient, {
      vault,
      asset: weth,
      amount: parseEther('2'),
      account: staker.address,
    }).catch((e) => e)
    // simulate does not approve: the allowance it read is short
    expect(simulated.name).toBe('InsufficientAllowanceError')
    const before = await nonce(staker.address)
    const hash = await vaultDeposit(wallet, { vault, asset: weth, amount: parseEther('2') })
    const { receipt, shares } = await waitForVaultDeposit(devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    // two transactions: the approval and the deposit
    expect(await nonce(staker.address)).toBe(before + 2)
    expect(await read(weth, staker.address)).toBe(parseEther('1'))
    expect(shares).toBeGreaterThan(0n)
    expect(await read(vault, staker.address)).toBe(shares)
    // the allowance is used up: a second deposit approves again, exactly
    const again = await simulateVaultDeposit(devnet.publicClient, {
      vault,
      asset: weth,
      amount: parseEther('1'),
      account: staker.address,
    }).catch((e) => e)
    expect(again.name).toBe('InsufficientAllowanceError')
  })

  test('bad input is a typed error before anything is sent (nonce unchanged)', async () => {
    const staker = await devnet.newAccount({ tokens: { [weth]: parseEther('1') } })
    const wallet = devnet.walletClient(staker)
    const before = await nonce(staker.address)
    const steth = devnet.deployments.tokens.steth
    await expect(vaultDeposit(wallet, { vault, asset: steth, amount: 1n })).rejects.toThrow(
      InvalidParameterError,
    )
    await expect(vaultDeposit(wallet, { vault, asset: weth, amount: 0n })).rejects.toThrow(InvalidAmountError)
    await expect(vaultDeposit(wallet, { vault, asset: weth, amount: parseEther('2') })).rejects.toThrow(
      InsufficientBalanceError,
    )
    expect(await nonce(staker.address)).toBe(before)
  })

  test('the module binds to client.restaking beside the built-in protocols', async () => {
    const staker = await devnet.newAccount({ tokens: { [weth]: parseEther('1') } })
    const client = devnet
      .walletClient(staker)
      .extend(restakingActions({ protocols: [...defaultProtocolModules, vaultModule] }))
    expect(
      client.restaking.vault.prepareDeposit({ vault, asset: weth, amount: 1n, account: staker.address }),
    ).toHaveLength(2)
    const hash = await client.restaking.vault.deposit({ vault, asset: weth, amount: parseEther('1') })
    const { shares } = await client.restaking.vault.waitForDeposit(hash)
    expect(await read(vault, staker.address)).toBe(shares)
  })
})
