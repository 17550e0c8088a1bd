// Symbiotic staker rewards on the real `DefaultStakerRewards` of npm `@symbioticfi/rewards@2.0.0`
// (devnet `symbioticRewards: true`). The test plays the network's middleware. Every claimed amount is
// compared with one computed here from the distribution's numbers (deposits, amounts, the 10% admin
// fee), not read back from the SDK or the contract.
import { setupSymbioticNetwork } from '@restakekit/avs/symbiotic/testing'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  decodeFunctionData,
  encodeAbiParameters,
  erc20Abi,
  type Hex,
  maxUint256,
  parseEther,
} from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { restakingActions } from '../../decorator.js'
import { InsufficientBalanceError, InvalidParameterError } from '../../errors.js'
import { simulateWrite } from '../../kit/index.js'
import { deposit } from '../actions/deposit.js'
import { symbioticStakerRewardsAbi } from './abis.js'
import {
  NotNetworkMiddlewareError,
  SymbioticNothingClaimableError,
  SymbioticRewardsNotFoundError,
  SymbioticRewardTokenError,
  stakerRewardsRevertMapper,
} from './errors.js'
import {
  claimRewards,
  distributeRewards,
  getRewards,
  prepareClaimRewards,
  simulateClaimRewards,
  simulateDistributeRewards,
  waitForClaimRewards,
  waitForDistributeRewards,
} from './staker.js'

const start = () => startDevnet({ karak: false, symbioticRewards: true })
let devnet: Devnet<Awaited<ReturnType<typeof start>>['deployments']>
let snap: Hex
beforeAll(async () => {
  devnet = await start()
}, 120_000)
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snap = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snap)
})

const FEE_BASE = 10_000n
const mined = async (hash: Promise<Hex> | Hex) => {
  const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
  if (receipt.status !== 'success') throw new Error(`reverted: ${receipt.transactionHash}`)
  return receipt.transactionHash
}
const balanceOf = (token: Address, account: Address) =>
  devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
const nonce = (address: Address) => devnet.publicClient.getTransactionCount({ address })

/** A network with its middleware (funded with WETH), and stakers who deposited `deposits` WETH into the rewards vault. */
async function setup(deposits: readonly bigint[]) {
  const r = devnet.deployments.symbioticRewards
  const weth = devnet.deployments.tokens.weth
  const network = (await devnet.newAccount()).address
  const middlewareAccount = await devnet.newAccount({ tokens: { [weth]: parseEther('1000') } })
  await setupSymbioticNetwork(devnet, { network, middleware: middlewareAccount.address })
  const stakers = []
  for (const amount of deposits) stakers.push(await stake(amount))
  return { r, weth, network, middleware: devnet.walletClient(middlewareAccount), stakers }
}

async function stake(amount: bigint) {
  const weth = devnet.deployments.tokens.weth
  const account = await devnet.newAccount({ tokens: { [weth]: amount } })
  const wallet = devnet.walletClient(account)
  await mined(deposit(wallet, { vault: devnet.deployments.symbioticRewards.vault.vault, amount }))
  return { address: account.address, wallet }
}

/** A capture time after everything so far: the latest block's time, then one block later. */
async function captureNow(): Promise<bigint> {
  await devnet.increaseTime(5)
  const ts = (await devnet.publicClient.getBlock()).timestamp
  await devnet.increaseTime(5)
  return ts
}

describe('Symbiotic staker rewards (DefaultStakerRewards from npm)', () => {
  test('two distributions: each staker claims stake share × amount less the admin fee', async () => {
    const { r, weth, network, middleware, stakers } = await setup([parseEther('1'), parseEther('3')])
    const [a, b] = stakers as [(typeof stakers)[0], (typeof stakers)[0]]
    expect(r.adminFee).toBe(1000n)

    // distribution 1: 100 WETH over 1 + 3 WETH of stake
    const ts1 = await captureNow()
    const amount1 = parseEther('100')
    const sim = await simulateDistributeRewards(middleware, {
      stakerRewards: r.stakerRewards,
      network,
      token: weth,
      amount: amount1,
      timestamp: ts1,
    }).catch((e) => e)
    // simulate does not approve: the allowance is short
    expect(sim.name).toBe('InsufficientAllowanceError')
    const hash1 = await distributeRewards(middleware, {
      stakerRewards: r.stakerRewards,
      network,
      token: weth,
      amount: amount1,
      timestamp: ts1,
    })
    const w1 = await waitForDistributeRewards(devnet.publicClient, hash1)
    const fee1 = (amount1 * 1000n) / FEE_BASE
    expect(w1.distributed?.adminFeeAmount).toBe(fee1)
    expect(w1.distributed?.timestamp).toBe(ts1)

    // a third staker arrives; distribution 2: 60 WETH over 1 + 3 + 4 WETH
    const c = await stake(parseEther('4'))
    const ts2 = await captureNow()
    const amount2 = parseEther('60')
    await mined(
      distributeRewards(middleware, {
        stakerRewards: r.stakerRewards,
        network,
        token: weth,
        amount: amount2,
        timestamp: ts2,
        maxAdminFee: 1000n,
      }),
    )
    const fee2 = (amount2 * 1000n) / FEE_BASE

    const expected = (deposit: bigint, ...shares: [bigint, bigint][]) =>
      shares.reduce((sum, [net, total]) => sum + (deposit * net) / total, 0n)
    const total1 = parseEther('4')
    const total2 = parseEther('8')
    const wantA = expected(parseEther('1'), [amount1 - fee1, total1], [amount2 - fee2, total2])
    const wantB = expected(parseEther('3'), [amount1 - fee1, total1], [amount2 - fee2, total2])
    const wantC = expected(parseEther('4'), [amount2 - fee2, total2])
    expect(wantA).toBe(parseEther('22.5') + parseEther('6.75'))

    // the reads agree with the computed amounts
    const read = await getRewards(devnet.publicClient, {
      stakerRewards: r.stakerRewards,
      staker: a.address,
      network,
      tokens: [weth, devnet.deployments.tokens.usdc],
    })
    expect(read.vault).toBe(r.vault.vault)
    expect(read.rewards[0]).toMatchObject({
      token: weth,
      claimable: wantA,
      distributions: 2n,
      lastUnclaimedReward: 0n,
    })
    expect(read.rewards[1]).toMatchObject({ claimable: 0n, distributions: 0n })

    // claims: the balance moves by exactly the computed amount
    for (const [s, want] of [
      [a, wantA],
      [b, wantB],
      [c, wantC],
    ] as const) {
      const simulated = await simulateClaimRewards(s.wallet, {
        stakerRewards: r.stakerRewards,
        token: weth,
        network,
      })
      expect(simulated.amount).toBe(want)
      const before = await balanceOf(weth, s.address)
      const hash = await claimRewards(s.wallet, { stakerRewards: r.stakerRewards, token: weth, network })
      const done = await waitForClaimRewards(devnet.publicClient, hash)
      expect((await balanceOf(weth, s.address)) - before).toBe(want)
      expect(done.claimed).toEqual({ network, token: weth, amount: want, receiver: s.address })
    }
    // the admin fee stayed in the contract for the fee claimer
    const adminFee = await devnet.publicClient.readContract({
      address: r.stakerRewards,
      abi: symbioticStakerRewardsAbi,
      functionName: 'claimableAdminFee',
      args: [weth],
    })
    expect(adminFee).toBe(fee1 + fee2)

    // claimed in full: refused before sending, nonce unchanged
    const n = await nonce(a.address)
    const again = await claimRewards(a.wallet, {
      stakerRewards: r.stakerRewards,
      token: weth,
      network,
    }).catch((e) => e)
    expect(again).toBeInstanceOf(SymbioticNothingClaimableError)
    expect(again.name).toBe('SymbioticNothingClaimableError')
    expect(again).toMatchObject({ account: a.address, token: weth, network, rewards: r.stakerRewards })
    expect(await nonce(a.address)).toBe(n)
  })

  test('a receiver gets the claim; prepare encodes the call', async () => {
    const { r, weth, network, middleware, stakers } = await setup([parseEther('2')])
    const s = stakers[0]!
    const ts = await captureNow()
    await mined(
      distributeRewards(middleware, {
        stakerRewards: r.stakerRewards,
        network,
        token: weth,
        amount: 10n ** 18n,
        timestamp: ts,
      }),
    )
    const receiver = (await devnet.newAccount()).address
    const [call] = prepareClaimRewards({ stakerRewards: r.stakerRewards, token: weth, network, receiver })
    const decoded = decodeFunctionData({ abi: symbioticStakerRewardsAbi, data: call!.data })
    expect(decoded.functionName).toBe('claimRewards')
    expect(decoded.args[0]).toBe(receiver)
    // the same actions on the bound client (`client.restaking.symbiotic`)
    const bound = s.wallet.extend(restakingActions({ symbiotic: devnet.deployments.symbiotic })).restaking
      .symbiotic
    const read = await bound.getRewards({
      stakerRewards: r.stakerRewards,
      staker: s.address,
      network,
      tokens: [weth],
    })
    expect(read.rewards[0]?.claimable).toBe(10n ** 18n - 10n ** 17n)
    const hash = await bound.claimRewards({ stakerRewards: r.stakerRewards, token: weth, network, receiver })
    expect((await bound.waitForClaimRewards(hash)).claimed?.receiver).toBe(receiver)
    // the only staker gets everything but the 10% fee
    expect(await balanceOf(weth, receiver)).toBe(10n ** 18n - 10n ** 17n)
  })

  test('refusals before sending: wrong token, nothing claimable, not a rewards contract (nonce unchanged)', async () => {
    const { r, weth, network, middleware, stakers } = await setup([parseEther('1')])
    const s = stakers[0]!
    const ts = await captureNow()
    await mined(
      distributeRewards(middleware, {
        stakerRewards: r.stakerRewards,
        network,
        token: weth,
        amount: 10n ** 18n,
        timestamp: ts,
      }),
    )
    const outsider = await devnet.newAccount() // no shares at the distribution's time
    const outsiderWallet = devnet.walletClient(outsider)
    const n = await nonce(s.address)
    const wrongToken = await claimRewards(s.wallet, {
      stakerRewards: r.stakerRewards,
      token: devnet.deployments.tokens.usdc,
      network,
    }).catch((e) => e)
    expect(wrongToken).toBeInstanceOf(SymbioticRewardTokenError)
    const otherNetwork = await claimRewards(s.wallet, {
      stakerRewards: r.stakerRewards,
      token: weth,
      network: outsider.address,
    }).catch((e) => e)
    expect(otherNetwork).toBeInstanceOf(SymbioticRewardTokenError)
    const notRewards = await claimRewards(s.wallet, { stakerRewards: weth, token: weth, network }).catch(
      (e) => e,
    )
    expect(notRewards).toBeInstanceOf(SymbioticRewardsNotFoundError)
    const badAddress = await claimRewards(s.wallet, { stakerRewards: '0x1234', token: weth, network }).catch(
      (e) => e,
    )
    expect(badAddress.name).toBe('InvalidAddressError')
    expect(await nonce(s.address)).toBe(n)

    const on = await nonce(outsider.address)
    const nothing = await claimRewards(outsiderWallet, {
      stakerRewards: r.stakerRewards,
      token: weth,
      network,
    }).catch((e) => e)
    expect(nothing).toBeInstanceOf(SymbioticNothingClaimableError)
    expect(await nonce(outsider.address)).toBe(on)
  })

  test('distribution refusals before sending: not the middleware, a future time, no stake, the fee cap, the balance', async () => {
    const { r, weth, network, middleware, stakers } = await setup([parseEther('1')])
    const s = stakers[0]!
    const ts = await captureNow()
    const base = { stakerRewards: r.stakerRewards, network, token: weth, amount: 10n ** 18n, timestamp: ts }
    const mw = middleware.account.address
    const n = await nonce(mw)

    const notMiddleware = await distributeRewards(s.wallet, base).catch((e) => e)
    expect(notMiddleware).toBeInstanceOf(NotNetworkMiddlewareError)
    expect(notMiddleware).toMatchObject({ network, sender: s.address, middleware: mw })

    const future = (await devnet.publicClient.getBlock()).timestamp + 3600n
    const late = await distributeRewards(middleware, { ...base, timestamp: future }).catch((e) => e)
    expect(late).toBeInstanceOf(InvalidParameterError)
    expect(late.parameter).toBe('timestamp')

    const beforeStake = await distributeRewards(middleware, { ...base, timestamp: 1_000_000n }).catch(
      (e) => e,
    )
    expect(beforeStake).toBeInstanceOf(InvalidParameterError)
    expect(beforeStake.message).toMatch(/no active stake/)

    const feeCap = await distributeRewards(middleware, { ...base, maxAdminFee: 999n }).catch((e) => e)
    expect(feeCap).toBeInstanceOf(InvalidParameterError)
    expect(feeCap.parameter).toBe('maxAdminFee')

    const tooMuch = await distributeRewards(middleware, { ...base, amount: parseEther('1001') }).catch(
      (e) => e,
    )
    expect(tooMuch).toBeInstanceOf(InsufficientBalanceError)

    const zero = await distributeRewards(middleware, { ...base, amount: 0n }).catch((e) => e)
    expect(zero.name).toBe('InvalidAmountError')
    expect(await nonce(mw)).toBe(n)
  })

  test("the contract's own reverts decode into the same typed errors", async () => {
    const { r, weth, network, middleware, stakers } = await setup([parseEther('1')])
    const s = stakers[0]!
    const ctx = { rewards: r.stakerRewards, network, token: weth }
    // nothing distributed: the contract reverts NoRewardsToClaim
    const claim = await simulateWrite(devnet.publicClient, {
      account: s.address,
      address: r.stakerRewards,
      abi: symbioticStakerRewardsAbi,
      functionName: 'claimRewards',
      args: [
        s.address,
        weth,
        encodeAbiParameters(
          [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes[]' }],
          [network, maxUint256, []],
        ),
      ],
      contract: 'DefaultStakerRewards',
      mapper: stakerRewardsRevertMapper({ ...ctx, account: s.address }),
    }).catch((e) => e)
    expect(claim).toBeInstanceOf(SymbioticNothingClaimableError)
    // a distribution from someone else than the middleware: NotNetworkMiddleware
    const ts = await captureNow()
    const distribute = await simulateWrite(devnet.publicClient, {
      account: s.address,
      address: r.stakerRewards,
      abi: symbioticStakerRewardsAbi,
      functionName: 'distributeRewards',
      args: [
        network,
        weth,
        1n,
        encodeAbiParameters(
          [{ type: 'uint48' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'bytes' }],
          [Number(ts), 10_000n, '0x', '0x'],
        ),
      ],
      contract: 'DefaultStakerRewards',
      mapper: stakerRewardsRevertMapper({
        ...ctx,
        account: s.address,
        middleware: middleware.account.address,
      }),
    }).catch((e) => e)
    expect(distribute).toBeInstanceOf(NotNetworkMiddlewareError)
    expect(distribute.middleware).toBe(middleware.account.address)
  })
})
