// The Kelp rsETH doubles, driven with raw viem calls (no SDK): deposit semantics, the slippage
// floor, and the node delegator's real EigenLayer position.
import { erc20Abi, parseEther, toEventSelector, toFunctionSelector } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import { haveEigenLayer, KELP_ETH_TOKEN, kelpRestake, kelpUnlockQueue } from './index.js'
import { artifact } from './solidity.js'
import {
  delegationReadAbi as delegationAbi,
  referenceAbi,
  fragmentSignature as sig,
  useLrtDevnet,
} from './test/lrt.js'

const ref = (name: string) => referenceAbi('kelp', name)

describe('Kelp doubles: every fragment is in the reference ABI', () => {
  for (const [double, name] of [
    ['KelpDoubleLRTDepositPool', 'LRTDepositPool'],
    ['KelpDoubleLRTOracle', 'LRTOracle'],
    ['KelpDoubleRSETH', 'RSETH'],
    ['KelpDoubleLRTConfig', 'LRTConfig'],
    ['KelpDoubleLRTWithdrawalManager', 'LRTWithdrawalManager'],
  ] as const) {
    test(`${double} ⊂ ${name}.json`, () => {
      const reference = new Set(ref(name).map(sig))
      // one-time wiring hooks of the doubles, absent from Kelp (it uses roles)
      const hooks = new Set([
        'setMinter',
        'setDepositPool',
        'admin',
        'minter',
        'oracle',
        'depositPool',
        'setBurner',
        'burner',
        'setWithdrawalManager',
        'withdrawalManager',
        'liquidAssetBalance',
        'sendToWithdrawalManager',
        'MAX_WITHDRAWAL_DELAY_BLOCKS',
      ])
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
  test('the withdrawal manager double is the v5.1.0 form (referralId), not the 2024-07 one', () => {
    const fns = new Set(
      artifact('KelpDoubleLRTWithdrawalManager')
        .abi.filter((f) => f.type === 'function')
        .map((f) => toFunctionSelector(f as never)),
    )
    expect(fns.has('0xc5a67b01')).toBe(true) // initiateWithdrawal(address,uint256,string)
    expect(fns.has('0xd3a86833')).toBe(true) // completeWithdrawal(address,string)
    expect(fns.has('0xa2ccd14f')).toBe(true) // unlockQueue with min/max prices
    expect(fns.has('0xc8393ba9')).toBe(false)
    expect(fns.has('0x6dbaf9ee')).toBe(false)
  })
})

describe.skipIf(!haveEigenLayer())('Kelp doubles on the devnet (raw calls)', () => {
  const t = useLrtDevnet({ kelp: true })
  let devnet: typeof t.devnet
  beforeAll(() => {
    devnet = t.devnet
  })

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

  test('withdrawal manager: FIFO per user per asset, unlock after the delay only, nonce < nextLockedNonce, payout at the unlock rate', async () => {
    const kelp = devnet.deployments.kelp
    const wm = artifact('KelpDoubleLRTWithdrawalManager').abi
    const oracle = artifact('KelpDoubleLRTOracle').abi
    const pool = artifact('KelpDoubleLRTDepositPool').abi
    const pc = devnet.publicClient
    const ctx = devnet.context
    const eth = KELP_ETH_TOKEN
    const M = kelp.lrtWithdrawalManager
    const id = await devnet.snapshot()
    try {
      const a = await devnet.newAccount()
      const b = await devnet.newAccount()
      const ok = async (hash: `0x${string}`) => {
        const r = await pc.waitForTransactionReceipt({ hash })
        expect(r.status).toBe('success')
        return r
      }
      const read = <T>(functionName: string, args: readonly unknown[] = []) =>
        pc.readContract({ address: M, abi: wm, functionName, args }) as Promise<T>
      for (const u of [a, b]) {
        const w = devnet.walletClient(u)
        await ok(
          await w.writeContract({
            address: kelp.lrtDepositPool,
            abi: pool,
            functionName: 'depositETH',
            args: [0n, ''],
            value: parseEther('10'),
          }),
        )
        await ok(
          await w.writeContract({
            address: kelp.rsETH,
            abi: erc20Abi,
            functionName: 'approve',
            args: [M, parseEther('10')],
          }),
        )
      }
      expect(await read<bigint>('withdrawalDelayBlocks')).toBe(kelp.withdrawalDelayBlocks)
      const initiate = (u: typeof a, amount: bigint) =>
        devnet.walletClient(u).writeContract({
          address: M,
          abi: wm,
          functionName: 'initiateWithdrawal',
          args: [eth, amount, 'ref'],
        })
      const complete = (u: typeof a) =>
        devnet.walletClient(u).writeContract({
          address: M,
          abi: wm,
          functionName: 'completeWithdrawal',
          args: [eth, ''],
        })
      // a: nonces 0 and 2; b: nonce 1 (one sequence per asset, one FIFO queue per user)
      const r0 = await ok(await initiate(a, parseEther('1')))
      const r1 = await ok(await initiate(b, parseEther('2')))
      const r2 = await ok(await initiate(a, parseEther('3')))
      expect(r2.blockNumber).toBeGreaterThan(r1.blockNumber)
      expect(await read<bigint>('nextUnusedNonce', [eth])).toBe(3n)
      expect(await read<readonly bigint[]>('userAssociatedNonces', [eth, a.address])).toEqual([0n, 2n])
      const first = await read<readonly bigint[]>('getUserWithdrawalRequest', [eth, a.address, 0n])
      expect(first).toEqual([parseEther('1'), parseEther('1'), r0.blockNumber, 0n])
      expect((await read<readonly bigint[]>('getUserWithdrawalRequest', [eth, a.address, 1n]))[3]).toBe(2n)
      await expect(read('getUserWithdrawalRequest', [eth, a.address, 2n])).rejects.toThrow(/QueueOutOfBounds/)
      expect(
        await pc.readContract({ address: kelp.rsETH, abi: erc20Abi, functionName: 'balanceOf', args: [M] }),
      ).toBe(parseEther('6'))

      // locked: completion before unlock reverts WithdrawalLocked
      await expect(
        pc.simulateContract({
          account: a,
          address: M,
          abi: wm,
          functionName: 'completeWithdrawal',
          args: [eth, ''],
        }),
      ).rejects.toThrow(/WithdrawalLocked/)
      // unlockQueue before the delay: no revert, nothing unlocked
      await kelpUnlockQueue(ctx, kelp, eth)
      expect(await read<bigint>('nextLockedNonce', [eth])).toBe(0n)
      // a reward raises the rate; the payout stays the amount expected at request time (min rule)
      await devnet.fund(kelp.lrtDepositPool, { eth: parseEther('20') })
      await ctx.write({ address: kelp.lrtOracle, abi: oracle, functionName: 'updateRSETHPrice' })
      const rate = (await pc.readContract({
        address: kelp.lrtOracle,
        abi: oracle,
        functionName: 'rsETHPrice',
      })) as bigint
      expect(rate).toBeGreaterThan(parseEther('1'))
      // an unlock landing in block r1 + delay: nonces 0 and 1 are old enough, nonce 2 (a block younger) is not
      const now = await pc.getBlockNumber()
      const target = r1.blockNumber + kelp.withdrawalDelayBlocks
      await devnet.mine(Number(target - now - 1n))
      await kelpUnlockQueue(ctx, kelp, eth)
      expect(await read<bigint>('nextLockedNonce', [eth])).toBe(2n)
      expect(
        await pc.readContract({ address: kelp.rsETH, abi: erc20Abi, functionName: 'balanceOf', args: [M] }),
      ).toBe(parseEther('3')) // the unlocked requests' rsETH is burnt
      // a's oldest (nonce 0) completes; its next (nonce 2) is still locked
      const before = await pc.getBalance({ address: a.address })
      const done = await ok(await complete(a))
      const gas = done.gasUsed * done.effectiveGasPrice
      expect(await pc.getBalance({ address: a.address })).toBe(before + parseEther('1') - gas)
      expect(await read<readonly bigint[]>('userAssociatedNonces', [eth, a.address])).toEqual([1n, 2n])
      await expect(
        pc.simulateContract({
          account: a,
          address: M,
          abi: wm,
          functionName: 'completeWithdrawal',
          args: [eth, ''],
        }),
      ).rejects.toThrow(/WithdrawalLocked/)
      // b's nonce 1 is unlocked too
      await ok(await complete(b))
      await expect(
        pc.simulateContract({
          account: b,
          address: M,
          abi: wm,
          functionName: 'completeWithdrawal',
          args: [eth, ''],
        }),
      ).rejects.toThrow(/NoPendingWithdrawals/)
      // a slash-like loss lowers the rate below the request's: the payout follows the unlock rate
      const supply = await pc.readContract({
        address: kelp.rsETH,
        abi: erc20Abi,
        functionName: 'totalSupply',
      })
      // the pool's ETH drops to half an ETH per rsETH (a loss): the rate falls below 1
      await devnet.context.testClient.setBalance({ address: kelp.lrtDepositPool, value: supply / 2n })
      await ctx.write({ address: kelp.lrtOracle, abi: oracle, functionName: 'updateRSETHPrice' })
      const low = (await pc.readContract({
        address: kelp.lrtOracle,
        abi: oracle,
        functionName: 'rsETHPrice',
      })) as bigint
      const [, expected3] = await read<readonly bigint[]>('getUserWithdrawalRequest', [eth, a.address, 0n])
      const atUnlock = (parseEther('3') * low) / parseEther('1')
      expect(low).toBeLessThan(parseEther('1'))
      expect(atUnlock).toBeLessThan(expected3!)
      await kelpUnlockQueue(ctx, kelp, eth)
      expect(await read<bigint>('nextLockedNonce', [eth])).toBe(3n)
      expect((await read<readonly bigint[]>('getUserWithdrawalRequest', [eth, a.address, 0n]))[1]).toBe(
        atUnlock,
      )
      const before2 = await pc.getBalance({ address: a.address })
      const done2 = await ok(await complete(a))
      expect(await pc.getBalance({ address: a.address })).toBe(
        before2 + atUnlock - done2.gasUsed * done2.effectiveGasPrice,
      )
      // the operator role is enforced
      await expect(
        pc.simulateContract({
          account: a,
          address: M,
          abi: wm,
          functionName: 'unlockQueue',
          args: [eth, 3n, 0n, 0n, 2n ** 255n, 2n ** 255n],
        }),
      ).rejects.toThrow(/CallerNotLRTConfigOperator/)
    } finally {
      await devnet.revert(id)
    }
  })
})
