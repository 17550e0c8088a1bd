// The Kelp rsETH doubles, driven with raw viem calls (no SDK): deposit semantics, the slippage
// floor, and the node delegator's real EigenLayer position.
import { readFileSync } from 'node:fs'
import { type Abi, erc20Abi, parseAbi, parseEther, toEventSelector, toFunctionSelector } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, haveEigenLayer, KELP_ETH_TOKEN, kelpRestake, startDevnet } from './index.js'
import { artifact } from './solidity.js'

const ref = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../shared/reference/abi/lrt/kelp/${name}.json`, import.meta.url), 'utf8'),
  ) as Abi
const sig = (f: Abi[number]) =>
  f.type === 'function' || f.type === 'event' || f.type === 'error'
    ? `${f.type} ${f.name}(${f.inputs.map((i) => i.type).join(',')})${'outputs' in f ? `:${f.outputs.map((o) => o.type).join(',')}` : ''}${f.type === 'event' ? f.inputs.map((i) => (i.indexed ? 'i' : '-')).join('') : ''}`
    : ''

const delegationAbi = parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
])

describe('Kelp doubles: every fragment is in the reference ABI', () => {
  for (const [double, name] of [
    ['KelpDoubleLRTDepositPool', 'LRTDepositPool'],
    ['KelpDoubleLRTOracle', 'LRTOracle'],
    ['KelpDoubleRSETH', 'RSETH'],
    ['KelpDoubleLRTConfig', 'LRTConfig'],
  ] as const) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      // one-time wiring hooks of the doubles, absent from Kelp (it uses roles)
      const hooks = new Set(['setMinter', 'setDepositPool', 'admin', 'minter', 'oracle', 'depositPool'])
      const own = artifact(double).abi.filter(
        (f) =>
          (f.type === 'function' || f.type === 'event' || f.type === 'error') &&
          !hooks.has(f.name) &&
          !f.name.startsWith('ERC20'),
      )
      expect(own.length).toBeGreaterThan(3)
      const missing = own.map(sig).filter((s) => !reference.has(s))
      expect(missing).toEqual([])
    })
  }
  test('the deposit selectors are the fact sheet’s', () => {
    expect(toFunctionSelector('depositETH(uint256,string)')).toBe('0x72c51c0b')
    expect(toFunctionSelector('depositAsset(address,uint256,uint256,string)')).toBe('0xc3ae1766')
    const pool = artifact('KelpDoubleLRTDepositPool').abi
    const ev = pool.find((f) => f.type === 'event' && f.name === 'ETHDeposit')
    expect(ev && toEventSelector(ev as never)).toBe(
      toEventSelector('ETHDeposit(address,uint256,uint256,string)'),
    )
  })
})

describe.skipIf(!haveEigenLayer())('Kelp doubles on the devnet (raw calls)', () => {
  let devnet: Devnet<Awaited<ReturnType<typeof startKelp>>['deployments']>
  const startKelp = () => startDevnet({ symbiotic: false, karak: false, kelp: true, requireEigenLayer: true })
  beforeAll(async () => {
    devnet = await startKelp()
  })
  afterAll(() => devnet?.stop())

  test('deposit, slippage floor, restake into EigenLayer, price from real shares', async () => {
    const kelp = devnet.deployments.kelp
    const pool = artifact('KelpDoubleLRTDepositPool').abi
    const oracle = artifact('KelpDoubleLRTOracle').abi
    const pc = devnet.publicClient
    const amount = parseEther('3')
    const user = await devnet.newAccount({ tokens: { [kelp.assets.lst]: amount } })
    const w = devnet.walletClient(user)
    const ok = async (hash: `0x${string}`) =>
      expect((await pc.waitForTransactionReceipt({ hash })).status).toBe('success')

    expect(await pc.readContract({ address: kelp.rsETH, abi: erc20Abi, functionName: 'symbol' })).toBe(
      'rsETH',
    )
    expect(
      await pc.readContract({
        address: kelp.lrtDepositPool,
        abi: pool,
        functionName: 'getRsETHAmountToMint',
        args: [kelp.assets.lst, amount],
      }),
    ).toBe(amount)
    await ok(
      await w.writeContract({
        address: kelp.assets.lst,
        abi: erc20Abi,
        functionName: 'approve',
        args: [kelp.lrtDepositPool, amount],
      }),
    )
    // a floor above what the pool mints reverts MinimumAmountToReceiveNotMet
    await expect(
      pc.simulateContract({
        account: user,
        address: kelp.lrtDepositPool,
        abi: pool,
        functionName: 'depositAsset',
        args: [kelp.assets.lst, amount, amount + 1n, ''],
      }),
    ).rejects.toThrow(/MinimumAmountToReceiveNotMet/)
    await ok(
      await w.writeContract({
        address: kelp.lrtDepositPool,
        abi: pool,
        functionName: 'depositAsset',
        args: [kelp.assets.lst, amount, amount, 'ref'],
      }),
    )
    expect(
      await pc.readContract({
        address: kelp.rsETH,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [user.address],
      }),
    ).toBe(amount)
    await ok(
      await w.writeContract({
        address: kelp.lrtDepositPool,
        abi: pool,
        functionName: 'depositETH',
        args: [0n, ''],
        value: parseEther('1'),
      }),
    )
    expect(
      await pc.readContract({
        address: kelp.rsETH,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [user.address],
      }),
    ).toBe(amount + parseEther('1'))

    await kelpRestake(devnet.context, kelp, amount)
    const node = kelp.nodeDelegators[0]!
    expect(
      await pc.readContract({
        address: devnet.deployments.eigenlayer.delegationManager,
        abi: delegationAbi,
        functionName: 'delegatedTo',
        args: [node],
      }),
    ).toBe(kelp.operator)
    const [withdrawable] = await pc.readContract({
      address: devnet.deployments.eigenlayer.delegationManager,
      abi: delegationAbi,
      functionName: 'getWithdrawableShares',
      args: [node, [kelp.strategy]],
    })
    expect(withdrawable[0]).toBeGreaterThan(0n)
    expect(
      await pc.readContract({
        address: kelp.assets.lst,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [kelp.lrtDepositPool],
      }),
    ).toBe(0n)
    // restaking moves value, it does not create it: the price stays 1e18 up to strategy rounding
    const price = await pc.readContract({ address: kelp.lrtOracle, abi: oracle, functionName: 'rsETHPrice' })
    expect(price).toBeLessThanOrEqual(10n ** 18n)
    expect(price).toBeGreaterThan(10n ** 18n - 10n)
    expect(
      await pc.readContract({
        address: kelp.lrtDepositPool,
        abi: pool,
        functionName: 'getTotalAssetDeposits',
        args: [KELP_ETH_TOKEN],
      }),
    ).toBe(parseEther('1'))
  })
})
