import {
  type Address,
  createWalletClient,
  custom,
  erc20Abi,
  http,
  parseEther,
  toFunctionSelector,
} from 'viem'
import { simulateContract } from 'viem/actions'
import { describe, expect, test } from 'vitest'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  StepFailedError,
} from '../../errors.js'
import type { WriteStage } from '../../kit/index.js'
import { KarakSlippageError, KarakVaultNotFoundError } from '../errors.js'
import { useKarakEnv } from '../test/helpers.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './deposit.js'
import { getPositions } from './getPositions.js'

describe('karak deposit (Karak test doubles)', () => {
  const t = useKarakEnv()

  test('deposit → shares and amount, exact approval, Deposit event', async () => {
    const { vault, weth, deployment } = t.env
    const { account, wallet } = await t.staker(parseEther('10'))
    const hash = await deposit(wallet, { vault, amount: parseEther('4') })
    const { receipt, events } = await waitForDeposit(t.pc(), hash)
    expect(receipt.status).toBe('success')
    const dep = events.find((e) => e.eventName === 'Deposit')
    expect(dep?.args).toEqual({
      by: account.address,
      owner: account.address,
      assets: parseEther('4'),
      shares: parseEther('4'),
    })

    expect(await t.balanceOf(weth, account.address)).toBe(parseEther('6'))
    expect(await t.balanceOf(weth, vault)).toBe(parseEther('4'))
    expect(await t.allowance(weth, account.address, vault)).toBe(0n) // exactly `amount` was approved and spent

    const { positions } = await getPositions(t.pc(), { staker: account.address, deployment })
    expect(positions).toHaveLength(1)
    expect(positions[0]).toMatchObject({
      protocol: 'karak',
      shares: parseEther('4'),
      amount: parseEther('4'),
    })
    expect(positions[0]?.vault.address).toBe(vault)
    expect(positions[0]?.queuedWithdrawals).toEqual([])
    // with Core known, the vault's slashing exposure comes in the same call
    expect(positions[0]?.exposure).toEqual({ dssCount: 0n, queuedForSlashing: false })
  })

  test('a later depositor gets shares at the vault rate (rounded down, as previewDeposit)', async () => {
    const { vault, weth, deployment, devnet } = t.env
    await t.deposited(parseEther('3'))
    // a donation moves the rate
    await devnet.fund(vault, { tokens: { [weth]: 7n } })
    const { account, wallet } = await t.staker(parseEther('1'))
    const preview = await t.vaultRead<bigint>('previewDeposit', [parseEther('1')])
    const simulated = await simulateDeposit(t.pc(), {
      account: account.address,
      vault,
      amount: parseEther('1'),
      slippageBps: 0n,
    }).catch((e) => e)
    // not approved yet: the token's allowance error, typed
    expect(simulated).toBeInstanceOf(InsufficientAllowanceError)
    await t.mined(deposit(wallet, { vault, amount: parseEther('1'), slippageBps: 0n }))
    const shares = await t.vaultRead<bigint>('balanceOf', [account.address])
    expect(shares).toBe(preview)
    expect(shares).toBeLessThan(parseEther('1'))
    const { positions } = await getPositions(t.pc(), { staker: account.address, deployment })
    expect(positions[0]?.shares).toBe(shares)
    expect(positions[0]?.amount).toBe(await t.vaultRead<bigint>('convertToAssets', [shares]))
  })

  test('approved already: simulate gives the shares and the minSharesOut it carries', async () => {
    const { vault, weth } = t.env
    const { account, wallet } = await t.staker(parseEther('2'))
    await t.mined(
      wallet.writeContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault, parseEther('2')],
      }),
    )
    const sim = await simulateDeposit(t.pc(), { account: account.address, vault, amount: parseEther('1') })
    expect(sim.result).toBe(parseEther('1'))
    expect(sim.expectedShares).toBe(parseEther('1'))
    expect(sim.minSharesOut).toBe((parseEther('1') * 9_950n) / 10_000n)
  })

  test('the checks read once: one plan (2 eth_calls), then the simulation; nothing read twice', async () => {
    const { vault, weth, devnet } = t.env
    const { account, wallet } = await t.staker(parseEther('2'))
    await t.mined(
      wallet.writeContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault, parseEther('2')],
      }),
    )
    const methods: string[] = []
    const inner = http(devnet.rpcUrl)({ chain: devnet.chain })
    const counting = createWalletClient({
      account,
      chain: devnet.chain,
      transport: custom({
        async request(args) {
          methods.push(args.method)
          return inner.request(args)
        },
      }),
    })
    await t.mined(deposit(counting, { vault, amount: parseEther('1') }))
    // stage 1 (asset, previewDeposit), stage 2 (balance, allowance), the deposit's simulation
    expect(methods.filter((m) => m === 'eth_call')).toHaveLength(3)
    expect(methods.filter((m) => m === 'eth_sendRawTransaction' || m === 'eth_sendTransaction')).toHaveLength(
      1,
    )
    expect(await t.vaultRead<bigint>('balanceOf', [account.address])).toBe(parseEther('1'))
  })

  test('minSharesOut above what the vault mints → KarakSlippageError, nothing deposited (already approved)', async () => {
    const { vault, weth } = t.env
    const { account, wallet } = await t.staker(parseEther('2'))
    await t.mined(
      wallet.writeContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault, parseEther('2')],
      }),
    )
    const nonce = await t.nonceOf(account.address)
    const error = await deposit(wallet, {
      vault,
      amount: parseEther('1'),
      minSharesOut: parseEther('1') + 1n,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(KarakSlippageError)
    expect(error.name).toBe('KarakSlippageError')
    expect(error.minSharesOut).toBe(parseEther('1') + 1n)
    expect(error.expectedShares).toBe(parseEther('1'))
    expect(await t.nonceOf(account.address)).toBe(nonce)
    expect(await t.balanceOf(weth, account.address)).toBe(parseEther('2'))
  })

  test('a refusal comes before any approval: slippage and balance refused with the nonce unchanged, no allowance set', async () => {
    const { vault, weth } = t.env
    const { account, wallet } = await t.staker(parseEther('2'))
    const stages: WriteStage['stage'][] = []
    const onStage = (s: WriteStage) => stages.push(s.stage)
    // not approved: the slippage check runs on the read plan, before the approval would be sent
    const slippage = await deposit(wallet, {
      vault,
      amount: parseEther('1'),
      minSharesOut: parseEther('5'),
      onStage,
    }).catch((e) => e)
    expect(slippage).toBeInstanceOf(KarakSlippageError)
    expect(slippage.expectedShares).toBe(parseEther('1'))
    const balance = await deposit(wallet, { vault, amount: parseEther('3'), onStage }).catch((e) => e)
    expect(balance).toBeInstanceOf(InsufficientBalanceError)
    // each refused at the checks (an error stage), never reaching an approval
    expect(stages).toEqual(['checks', 'error', 'checks', 'error'])
    expect(await t.nonceOf(account.address)).toBe(0)
    expect(await t.allowance(weth, account.address, vault)).toBe(0n)
    expect(await t.balanceOf(weth, account.address)).toBe(parseEther('2'))
  })

  test('an amount that mints 0 shares (a donation moved the rate) is refused before any approval', async () => {
    const { vault, weth, devnet } = t.env
    const { account, wallet } = await t.staker(parseEther('1'))
    await devnet.fund(vault, { tokens: { [weth]: 1_000n } })
    expect(await t.vaultRead<bigint>('previewDeposit', [1_000n])).toBe(0n)
    const error = await deposit(wallet, { vault, amount: 1_000n, minSharesOut: 0n }).catch((e) => e)
    expect(error).toBeInstanceOf(InvalidAmountError)
    expect(error.shortMessage).toMatch(/mints 0 shares/)
    expect(await t.nonceOf(account.address)).toBe(0)
    expect(await t.allowance(weth, account.address, vault)).toBe(0n)
  })

  test('a failure after the approval landed → StepFailedError naming the approval and what the user holds', async () => {
    const { vault, weth, devnet } = t.env
    const { account, wallet } = await t.staker(parseEther('2'))
    const other = devnet.accounts[5]!.address
    // the state changes between the checks and the deposit: just before the deposit is simulated,
    // the staker moves 1 WETH away (a real transaction), so the vault's transferFrom fails on chain
    const racing = wallet.extend(
      (c) =>
        ({
          async simulateContract(args: { functionName: string }) {
            if (args.functionName === 'deposit') {
              await t.mined(
                c.writeContract({
                  address: weth,
                  abi: erc20Abi,
                  functionName: 'transfer',
                  args: [other, parseEther('1')],
                  account: c.account!,
                  chain: c.chain,
                }),
              )
            }
            return simulateContract(c, args as never)
          },
        }) as Record<string, unknown>,
    ) as typeof wallet
    const error = await deposit(racing, { vault, amount: parseEther('1.5') }).catch((e) => e)
    expect(error).toBeInstanceOf(StepFailedError)
    expect(error.step).toBe('karak.deposit')
    expect(error.completed.map((c: { step: string }) => c.step)).toEqual(['approve'])
    expect(error.holdings).toMatch(/landed and stands/)
    expect(error.holdings).toContain(`holds ${parseEther('1')} of ${weth}`)
    expect(error.cause).toBeInstanceOf(InsufficientBalanceError)
    // the approval stands, nothing was deposited
    expect(await t.allowance(weth, account.address, vault)).toBe(parseEther('1.5'))
    expect(await t.balanceOf(weth, account.address)).toBe(parseEther('1'))
    expect(await t.vaultRead<bigint>('balanceOf', [account.address])).toBe(0n)
    expect(await t.nonceOf(account.address)).toBe(2) // the approval and the transfer, no deposit
  })

  test('prepareDeposit: frozen approve + deposit calls a smart account can batch', async () => {
    const { vault, weth } = t.env
    const { account, wallet } = await t.staker(parseEther('1'))
    const list = prepareDeposit({
      vault,
      asset: weth,
      amount: parseEther('1'),
      receiver: account.address,
      minSharesOut: parseEther('1'),
    })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list.map((c) => c.data.slice(0, 10))).toEqual([
      toFunctionSelector('approve(address,uint256)'),
      toFunctionSelector('deposit(uint256,address,uint256)'),
    ])
    expect(
      prepareDeposit({
        vault,
        asset: weth,
        amount: 1n,
        account: account.address,
        minSharesOut: 0n,
        approve: false,
      }),
    ).toHaveLength(1)
    for (const call of list)
      await t.mined(wallet.sendTransaction({ to: call.to, data: call.data, value: call.value }))
    expect(await t.vaultRead<bigint>('balanceOf', [account.address])).toBe(parseEther('1'))
  })

  test('bad input: addresses, amounts, slippage — typed errors before anything is sent', async () => {
    const { vault } = t.env
    const { account, wallet } = await t.staker(parseEther('1'))
    await expect(deposit(wallet, { vault: '0x1234' as Address, amount: 1n })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    await expect(deposit(wallet, { vault, amount: 0n })).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(deposit(wallet, { vault, amount: -5n })).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(deposit(wallet, { vault, amount: 1n, slippageBps: 10_001n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(deposit(wallet, { vault, amount: 1n, minSharesOut: -1n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(deposit(wallet, { vault, amount: 1n, receiver: 'nope' as Address })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    await expect(
      simulateDeposit(t.pc(), { account: undefined as never, vault, amount: 1n }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    await expect(deposit(t.pc() as never, { vault, amount: 1n })).rejects.toThrow(/account/)
    expect(await t.nonceOf(account.address)).toBe(0)
  })

  test('more than the balance, a token that is not a vault, or the wrong asset', async () => {
    const { vault, weth, devnet } = t.env
    const { account, wallet } = await t.staker(parseEther('1'))
    const error = await deposit(wallet, { vault, amount: parseEther('2') }).catch((e) => e)
    expect(error).toBeInstanceOf(InsufficientBalanceError)
    expect(error).toMatchObject({ token: weth, required: parseEther('2'), balance: parseEther('1') })
    const notVault = await deposit(wallet, { vault: weth, amount: 1n }).catch((e) => e)
    expect(notVault).toBeInstanceOf(KarakVaultNotFoundError)
    expect(notVault.vault).toBe(weth)
    await expect(
      deposit(wallet, { vault, amount: 1n, asset: devnet.deployments.tokens.steth }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(await t.nonceOf(account.address)).toBe(0)
  })
})
