// The Renzo ezETH doubles, driven with raw viem calls (no SDK): deposits, the rate from real
// EigenLayer shares, the withdraw queue's cooldown, buffer queue and swap-and-pop claims.
import { type Abi, type Address, erc20Abi, type Hex, parseEther, toFunctionSelector } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import { haveEigenLayer, RENZO_IS_NATIVE, renzoSetCoolDownPeriod } from './index.js'
import { artifact } from './solidity.js'
import {
  delegationReadAbi as dmAbi,
  referenceAbi,
  fragmentSignature as sig,
  useLrtDevnet,
} from './test/lrt.js'

const ref = (name: string) => referenceAbi('renzo', name)

describe('Renzo doubles: every fragment is in the reference ABI', () => {
  // one-time wiring hooks of the doubles, absent from Renzo (it uses a RoleManager)
  const hooks = new Set(['setMinterBurner', 'setWithdrawQueue', 'setRiskOracleMiddleware'])
  for (const [double, name] of [
    ['RenzoDoubleRestakeManager', 'RestakeManager'],
    ['RenzoDoubleEzEthToken', 'EzEthToken'],
    ['RenzoDoubleRenzoOracle', 'RenzoOracle'],
    ['RenzoDoubleWithdrawQueue', 'WithdrawQueue'],
    ['RenzoDoubleWithdrawQueueV17', 'WithdrawQueue.v1.7'],
  ] as const) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      const own = artifact(double).abi.filter(
        (f) =>
          (f.type === 'function' || f.type === 'event' || f.type === 'error') &&
          !hooks.has(f.name) &&
          !f.name.startsWith('ERC20'),
      )
      expect(own.length).toBeGreaterThan(1)
      expect(own.map(sig).filter((s) => !reference.has(s))).toEqual([])
    })
  }
  test('the claim selectors are the fact sheet’s, one per form', () => {
    expect(toFunctionSelector('claim(uint256,address)')).toBe('0xddd5e1b2')
    expect(toFunctionSelector('claim(uint256)')).toBe('0x379607f5')
    const head = artifact('RenzoDoubleWithdrawQueue').deployedBytecode
    const v17 = artifact('RenzoDoubleWithdrawQueueV17').deployedBytecode
    expect(head.includes('63ddd5e1b2')).toBe(true)
    expect(head.includes('63379607f5')).toBe(false)
    expect(v17.includes('63379607f5')).toBe(true)
  })
})

describe.skipIf(!haveEigenLayer())('Renzo doubles on the devnet (raw calls)', () => {
  const t = useLrtDevnet({ renzo: true })
  let devnet: typeof t.devnet
  beforeAll(() => {
    devnet = t.devnet
  })

  const rm = () => artifact('RenzoDoubleRestakeManager').abi
  const wq = () => artifact('RenzoDoubleWithdrawQueue').abi
  const ok = async (hash: Hex) =>
    expect((await devnet.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
  const read = <T>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []) =>
    devnet.publicClient.readContract({ address, abi, functionName, args }) as Promise<T>
  const tvl = async () =>
    (
      await read<readonly [unknown, unknown, bigint]>(
        devnet.deployments.renzo.restakeManager,
        rm(),
        'calculateTVLs',
      )
    )[2]
  const supply = () => read<bigint>(devnet.deployments.renzo.ezETH, erc20Abi, 'totalSupply')

  test('deposits mint ezETH at TVL/supply; the LST is restaked for real; requests, cooldown, queue and swap-and-pop', async () => {
    const r = devnet.deployments.renzo
    const pc = devnet.publicClient
    const el = devnet.deployments.eigenlayer
    expect(await read(r.ezETH, erc20Abi, 'symbol')).toBe('ezETH')
    const user = await devnet.newAccount({ tokens: { [r.assets.lst]: parseEther('20') } })
    const w = devnet.walletClient(user)
    // ETH: the first deposit mints 1:1 and fills the 10 ETH withdraw buffer first
    await ok(
      await w.writeContract({
        address: r.restakeManager,
        abi: rm(),
        functionName: 'depositETH',
        value: parseEther('4'),
      }),
    )
    expect(await read(r.ezETH, erc20Abi, 'balanceOf', [user.address])).toBe(parseEther('4'))
    expect(await pc.getBalance({ address: r.withdrawQueue })).toBe(parseEther('4'))
    // the LST: 10 fill its buffer, the rest goes to the operator delegator and into EigenLayer
    await ok(
      await w.writeContract({
        address: r.assets.lst,
        abi: erc20Abi,
        functionName: 'approve',
        args: [r.restakeManager, parseEther('20')],
      }),
    )
    await ok(
      await w.writeContract({
        address: r.restakeManager,
        abi: rm(),
        functionName: 'deposit',
        args: [r.assets.lst, parseEther('20')],
      }),
    )
    const od = r.operatorDelegators[0]!
    expect(await read(el.delegationManager, dmAbi, 'delegatedTo', [od])).toBe(r.operator)
    const [withdrawable] = await read<readonly [readonly bigint[]]>(
      el.delegationManager,
      dmAbi,
      'getWithdrawableShares',
      [od, [r.strategy]],
    )
    expect(withdrawable[0]).toBeGreaterThan(0n)
    expect(await read(r.assets.lst, erc20Abi, 'balanceOf', [r.withdrawQueue])).toBe(parseEther('10'))
    // a reward (ETH sent to the RestakeManager's pool) raises TVL and thus the rate
    await devnet.testClient.setBalance({
      address: r.restakeManager,
      value: (await pc.getBalance({ address: r.restakeManager })) + parseEther('6'),
    })
    const [t, s] = [await tvl(), await supply()]
    expect(s).toBe(parseEther('24'))
    expect(t).toBeGreaterThan(parseEther('30') - 10n) // 4 + 20 + 6, strategy rounding aside
    // a request locks ezETH and reserves its ETH now (buffer: 4 ETH)
    await ok(
      await w.writeContract({
        address: r.ezETH,
        abi: erc20Abi,
        functionName: 'approve',
        args: [r.withdrawQueue, s],
      }),
    )
    const withdraw = (amount: bigint) =>
      w.writeContract({
        address: r.withdrawQueue,
        abi: wq(),
        functionName: 'withdraw',
        args: [amount, RENZO_IS_NATIVE],
      })
    await ok(await withdraw(parseEther('1')))
    await ok(await withdraw(parseEther('2')))
    const [, amount0] = await read<readonly [unknown, bigint]>(
      r.withdrawQueue,
      wq(),
      'calculateAmountToRedeem',
      [parseEther('1'), RENZO_IS_NATIVE],
    )
    expect(await read(r.withdrawQueue, wq(), 'getOutstandingWithdrawRequests', [user.address])).toBe(2n)
    const req = (i: bigint) =>
      read<readonly [Address, bigint, bigint, bigint, bigint]>(r.withdrawQueue, wq(), 'withdrawRequests', [
        user.address,
        i,
      ])
    expect((await req(0n))[1]).toBe(1n)
    expect((await req(0n))[2]).toBe(amount0)
    // before the cooldown: EarlyClaim (the cooldown is read from the chain, set by the admin)
    await renzoSetCoolDownPeriod(devnet.context, r, 3600n)
    expect(await read(r.withdrawQueue, wq(), 'coolDownPeriod')).toBe(3600n)
    await expect(
      pc.simulateContract({
        account: user,
        address: r.withdrawQueue,
        abi: wq(),
        functionName: 'claim',
        args: [0n, user.address],
      }),
    ).rejects.toThrow(/EarlyClaim/)
    // a request larger than the buffer is queued until a deposit fills it
    const big = parseEther('5')
    await ok(await withdraw(big))
    const queued = await req(2n)
    expect(queued[1]).toBe(3n)
    const [toFill, filled] = await read<readonly [bigint, bigint]>(r.withdrawQueue, wq(), 'ethWithdrawQueue')
    expect(toFill).toBeGreaterThan(filled)
    await devnet.testClient.increaseTime({ seconds: 3601 })
    await devnet.testClient.mine({ blocks: 1 })
    await expect(
      pc.simulateContract({
        account: user,
        address: r.withdrawQueue,
        abi: wq(),
        functionName: 'claim',
        args: [2n, user.address],
      }),
    ).rejects.toThrow(/QueuedWithdrawalNotFilled/)
    // claim index 0: the last request (id 3) takes index 0 (swap and pop)
    const before = await pc.getBalance({ address: user.address })
    const hash = await w.writeContract({
      address: r.withdrawQueue,
      abi: wq(),
      functionName: 'claim',
      args: [0n, user.address],
    })
    const receipt = await pc.waitForTransactionReceipt({ hash })
    expect(await pc.getBalance({ address: user.address })).toBe(
      before + amount0 - receipt.gasUsed * receipt.effectiveGasPrice,
    )
    expect((await req(0n))[1]).toBe(3n)
    expect((await req(1n))[1]).toBe(2n)
    expect(await read(r.withdrawQueue, wq(), 'getOutstandingWithdrawRequests', [user.address])).toBe(2n)
    // a deposit fills the queue deficit first; then the queued request pays
    const depositor = await devnet.newAccount()
    await ok(
      await devnet.walletClient(depositor).writeContract({
        address: r.restakeManager,
        abi: rm(),
        functionName: 'depositETH',
        value: parseEther('20'),
      }),
    )
    await ok(
      await w.writeContract({
        address: r.withdrawQueue,
        abi: wq(),
        functionName: 'claim',
        args: [0n, user.address],
      }),
    )
    expect((await req(0n))[1]).toBe(2n)
  })
})
