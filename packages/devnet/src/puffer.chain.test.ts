// The Puffer pufETH doubles, driven with raw viem calls (no SDK): the ERC-4626 vault over WETH/ETH,
// the 1-step exit fee, the 2-step withdrawal manager's traps, and the module's real EigenLayer position.
import {
  type Abi,
  type Address,
  encodeFunctionData,
  erc20Abi,
  parseAbi,
  parseEther,
  toFunctionSelector,
} from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import { haveEigenLayer, pufferFinalize, pufferRestake } from './index.js'
import { artifact } from './solidity.js'
import {
  delegationReadAbi as delegationAbi,
  referenceAbi,
  fragmentSignature as sig,
  useLrtDevnet,
} from './test/lrt.js'

const ref = (name: string) => referenceAbi('puffer', name)

/** Wiring hooks and devnet steps of the doubles, absent from Puffer (it uses an AccessManager). */
const hooks = new Set([
  'setWithdrawalManager',
  'setModule',
  'sendToModule',
  'admin',
  'withdrawalManager',
  'module',
])

describe('Puffer doubles: every fragment is in the reference ABI', () => {
  for (const [double, name] of [
    ['PufferDoubleVault', 'PufferVaultV5'],
    ['PufferDoubleVaultV150', 'PufferVaultV5.v1.5.0'],
    ['PufferDoubleWithdrawalManager', 'PufferWithdrawalManager'],
  ] as const) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      const own = artifact(double).abi.filter(
        (f) => (f.type === 'function' || f.type === 'event' || f.type === 'error') && !hooks.has(f.name),
      )
      expect(own.length).toBeGreaterThan(8)
      expect(own.map(sig).filter((s) => !reference.has(s))).toEqual([])
    })
  }
  test('the v1.5.0 form lacks the treasury exit fee; the staker selectors are the fact sheet’s', () => {
    const v150 = artifact('PufferDoubleVaultV150').abi.map(sig)
    expect(v150.some((s) => s.includes('getTotalExitFeeBasisPoints'))).toBe(false)
    expect(artifact('PufferDoubleVault').abi.map(sig)).toContain(
      'function getTotalExitFeeBasisPoints():uint256',
    )
    expect(toFunctionSelector('depositETH(address)')).toBe('0x2d2da806')
    expect(toFunctionSelector('requestWithdrawal(uint128,address)')).toBe('0xef027fbf')
    expect(toFunctionSelector('completeQueuedWithdrawal(uint256)')).toBe('0x6a4800a4')
  })
})

const vaultAbi = parseAbi([
  'function depositETH(address receiver) payable returns (uint256)',
  'function deposit(uint256 assets, address receiver) returns (uint256)',
  'function redeem(uint256 shares, address receiver, address owner) returns (uint256)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function totalAssets() view returns (uint256)',
  'function depositRewards() payable',
  'function setExitFeeBasisPoints(uint256)',
  'function setTreasuryExitFeeBasisPoints(uint96, address)',
  'function getTotalExitFeeBasisPoints() view returns (uint256)',
])
const wethAbi = parseAbi(['function deposit() payable'])
const wmAbi = parseAbi([
  'function requestWithdrawal(uint128 pufETHAmount, address recipient)',
  'function completeQueuedWithdrawal(uint256 withdrawalIdx)',
  'function getWithdrawalsLength() view returns (uint256)',
  'function getFinalizedWithdrawalBatch() view returns (uint256)',
  'function getWithdrawal(uint256) view returns ((uint128 pufETHAmount, uint128 pufETHToETHExchangeRate, address recipient))',
  'function getBatch(uint256) view returns ((uint64 pufETHToETHExchangeRate, uint88 toBurn, uint96 toTransfer, uint128 withdrawalsClaimed, uint128 amountClaimed))',
  'function finalizeWithdrawals(uint256 withdrawalBatchIndex)',
  'error MultipleWithdrawalsAreForbidden()',
  'error WithdrawalAmountTooLow()',
  'error NotFinalized()',
  'error BatchesAreNotFull()',
  'error WithdrawalAlreadyCompleted()',
])
const multicallAbi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  'function aggregate3(Call3[] calls) payable returns (Result[] returnData)',
])

describe.skipIf(!haveEigenLayer())('Puffer doubles on the devnet (raw calls)', () => {
  const t = useLrtDevnet({ puffer: true })
  let devnet: typeof t.devnet
  beforeAll(() => {
    devnet = t.devnet
  })
  const p = () => devnet.deployments.puffer
  const { pc, balanceOf: bal } = t
  const send = async (
    from: Address,
    to: Address,
    abi: Abi,
    functionName: string,
    args: unknown[],
    value?: bigint,
  ) => {
    const hash = await devnet.walletClient(from).writeContract({
      address: to,
      abi,
      functionName,
      args,
      ...(value ? { value } : {}),
    } as never)
    return pc().waitForTransactionReceipt({ hash })
  }

  test('deposit ETH and WETH at the ERC-4626 rate; rewards raise convertToAssets', async () => {
    const user = await devnet.newAccount()
    await send(user.address, p().vault, vaultAbi, 'depositETH', [user.address], parseEther('3'))
    expect(await bal(p().vault, user.address)).toBe(parseEther('3'))
    await send(user.address, p().weth, wethAbi, 'deposit', [], parseEther('1'))
    await send(user.address, p().weth, erc20Abi, 'approve', [p().vault, parseEther('1')])
    await send(user.address, p().vault, vaultAbi, 'deposit', [parseEther('1'), user.address])
    expect(await bal(p().vault, user.address)).toBe(parseEther('4'))
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'depositRewards',
      value: parseEther('0.4'),
    })
    const rate = await pc().readContract({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'convertToAssets',
      args: [10n ** 18n],
    })
    const total = await pc().readContract({ address: p().vault, abi: vaultAbi, functionName: 'totalAssets' })
    expect(total).toBe(parseEther('4.4'))
    // OpenZeppelin ERC-4626 with offset 0: shares × (assets + 1) / (supply + 1)
    expect(rate).toBe((10n ** 18n * (parseEther('4.4') + 1n)) / (parseEther('4') + 1n))
  })

  test('1-step redeem pays WETH less the exit fee; the treasury gets its part', async () => {
    const user = await devnet.newAccount()
    await send(user.address, p().vault, vaultAbi, 'depositETH', [user.address], parseEther('2'))
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'setExitFeeBasisPoints',
      args: [100n],
    })
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'setTreasuryExitFeeBasisPoints',
      args: [50n, p().treasury],
    })
    expect(
      await pc().readContract({
        address: p().vault,
        abi: vaultAbi,
        functionName: 'getTotalExitFeeBasisPoints',
      }),
    ).toBe(150n)
    const shares = await bal(p().vault, user.address)
    const quoted = await pc().readContract({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'previewRedeem',
      args: [shares],
    })
    const value = await pc().readContract({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'convertToAssets',
      args: [shares],
    })
    expect(quoted).toBeLessThan(value)
    const treasuryBefore = await bal(p().weth, p().treasury)
    await send(user.address, p().vault, vaultAbi, 'redeem', [shares, user.address, user.address])
    expect(await bal(p().weth, user.address)).toBe(quoted)
    expect(await bal(p().vault, user.address)).toBe(0n)
    expect(await bal(p().weth, p().treasury)).toBe(treasuryBefore + (quoted * 50n) / 10_000n)
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'setExitFeeBasisPoints',
      args: [0n],
    })
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'setTreasuryExitFeeBasisPoints',
      args: [0n, p().treasury],
    })
  })

  test('2-step: minimum 0.01, one request per transaction, full batches only, payout min(requestRate, batchRate)', async () => {
    const users = await Promise.all([0, 1, 2].map(() => devnet.newAccount()))
    for (const u of users) {
      await send(u.address, p().vault, vaultAbi, 'depositETH', [u.address], parseEther('1'))
      await send(u.address, p().vault, erc20Abi, 'approve', [p().withdrawalManager, parseEther('1')])
    }
    const [a, b, c] = users as [(typeof users)[0], (typeof users)[0], (typeof users)[0]]
    await expect(
      pc().simulateContract({
        account: a.address,
        address: p().withdrawalManager,
        abi: wmAbi,
        functionName: 'requestWithdrawal',
        args: [parseEther('0.0099'), a.address],
      }),
    ).rejects.toThrow(/WithdrawalAmountTooLow/)

    // two requests in one transaction (through Multicall3, which holds pufETH) revert
    const mc = devnet.deployments.multicall3
    await send(c.address, p().vault, erc20Abi, 'transfer', [mc, parseEther('0.1')])
    const approve = encodeFunctionData({
      abi: erc20Abi,
      functionName: 'approve',
      args: [p().withdrawalManager, parseEther('0.1')],
    })
    const request = encodeFunctionData({
      abi: wmAbi,
      functionName: 'requestWithdrawal',
      args: [parseEther('0.05'), c.address],
    })
    await expect(
      pc().simulateContract({
        account: c.address,
        address: mc,
        abi: multicallAbi,
        functionName: 'aggregate3',
        args: [
          [
            { target: p().vault, allowFailure: false, callData: approve },
            { target: p().withdrawalManager, allowFailure: false, callData: request },
            { target: p().withdrawalManager, allowFailure: false, callData: request },
          ],
        ],
      }),
    ).rejects.toThrow()
    // one in that transaction succeeds (the same calls less the second request)
    await pc().simulateContract({
      account: c.address,
      address: mc,
      abi: multicallAbi,
      functionName: 'aggregate3',
      args: [
        [
          { target: p().vault, allowFailure: false, callData: approve },
          { target: p().withdrawalManager, allowFailure: false, callData: request },
        ],
      ],
    })

    const start = await pc().readContract({
      address: p().withdrawalManager,
      abi: wmAbi,
      functionName: 'getWithdrawalsLength',
    })
    expect(start).toBe(p().batchSize) // the dummy batch 0
    await send(a.address, p().withdrawalManager, wmAbi, 'requestWithdrawal', [parseEther('0.5'), a.address])
    await send(b.address, p().withdrawalManager, wmAbi, 'requestWithdrawal', [parseEther('0.5'), b.address])
    await expect(pufferFinalize(devnet.context, p(), 1n)).rejects.toThrow()
    await expect(
      pc().simulateContract({
        account: a.address,
        address: p().withdrawalManager,
        abi: wmAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [start],
      }),
    ).rejects.toThrow(/NotFinalized/)
    const requestRate = (
      await pc().readContract({
        address: p().withdrawalManager,
        abi: wmAbi,
        functionName: 'getWithdrawal',
        args: [start],
      })
    ).pufETHToETHExchangeRate
    // the rate rises after the requests (rewards): the payout stays at the request rate
    await devnet.context.write({
      address: p().vault,
      abi: vaultAbi,
      functionName: 'depositRewards',
      value: parseEther('1'),
    })
    await send(c.address, p().withdrawalManager, wmAbi, 'requestWithdrawal', [parseEther('0.5'), c.address])
    await pufferFinalize(devnet.context, p(), 1n)
    const batch = await pc().readContract({
      address: p().withdrawalManager,
      abi: wmAbi,
      functionName: 'getBatch',
      args: [1n],
    })
    expect(BigInt(batch.pufETHToETHExchangeRate)).toBeGreaterThan(requestRate)
    const before = await bal(p().weth, a.address)
    // public: b completes a's request, a is paid
    await send(b.address, p().withdrawalManager, wmAbi, 'completeQueuedWithdrawal', [start])
    expect((await bal(p().weth, a.address)) - before).toBe((parseEther('0.5') * requestRate) / 10n ** 18n)
    await expect(
      pc().simulateContract({
        account: a.address,
        address: p().withdrawalManager,
        abi: wmAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [start],
      }),
    ).rejects.toThrow(/WithdrawalAlreadyCompleted/)
    const w = await pc().readContract({
      address: p().withdrawalManager,
      abi: wmAbi,
      functionName: 'getWithdrawal',
      args: [start],
    })
    expect(w.recipient).toBe('0x0000000000000000000000000000000000000000')
  })

  test('the module restakes the stand-in into EigenLayer, delegated; the vault counts it', async () => {
    const user = await devnet.newAccount()
    await send(user.address, p().vault, vaultAbi, 'depositETH', [user.address], parseEther('5'))
    const before = await pc().readContract({ address: p().vault, abi: vaultAbi, functionName: 'totalAssets' })
    await pufferRestake(devnet.context, p(), parseEther('2'), (to, amount) =>
      devnet.fund(to, { tokens: { [p().standIn]: amount } }),
    )
    const el = devnet.deployments.eigenlayer
    const module = p().modules[0]!
    expect(
      await pc().readContract({
        address: el.delegationManager,
        abi: delegationAbi,
        functionName: 'delegatedTo',
        args: [module],
      }),
    ).toBe(p().operator)
    const [withdrawable] = await pc().readContract({
      address: el.delegationManager,
      abi: delegationAbi,
      functionName: 'getWithdrawableShares',
      args: [module, [p().strategy]],
    })
    expect(withdrawable[0]).toBeGreaterThan(0n)
    const after = await pc().readContract({ address: p().vault, abi: vaultAbi, functionName: 'totalAssets' })
    // ETH left the vault; the restaked stand-in is counted in its place (strategy rounding aside)
    expect(before - after).toBeLessThanOrEqual(1n)
  })
})
