// Kelp rsETH through the adapter, on the devnet's Kelp doubles restaking into the real EigenLayer.
import {
  defaultProtocolModules,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  restakingActions,
} from '@restakekit/core'
import { KELP_ETH_TOKEN, kelpRestake } from '@restakekit/devnet'
import { type Address, erc20Abi, parseAbi, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  DeploymentMismatchError,
  DepositLimitExceededError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
} from '../errors.js'
import {
  allocationWriteAbi as allocationAbi,
  delegationReadAbi as dmAbi,
  testAvsAbi,
  useLrtEnv,
} from '../test/helpers.js'
import {
  deposit,
  ETH_ADDRESS,
  getBacking,
  getRate,
  getSupportedAssets,
  type KelpDeployment,
  kelp,
  kelpDepositPoolAbi,
  prepareDeposit,
  previewDeposit,
  simulateDeposit,
  waitForDeposit,
} from './index.js'

const oracleAbi = parseAbi(['function rsETHPrice() view returns (uint256)', 'function updateRSETHPrice()'])
const poolAbi = parseAbi([
  'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
])
const WAD = 10n ** 18n
const adminAbi = parseAbi(['function setMinAmountToDeposit(uint256 minAmountToDeposit_)'])

describe('kelp (rsETH doubles on the real EigenLayer)', () => {
  const t = useLrtEnv({ kelp: true })
  let devnet: typeof t.devnet
  let deployment: KelpDeployment
  let lst: Address
  beforeAll(() => {
    devnet = t.devnet
    // deposits only: this file's deployment has no withdrawal manager (withdraw.chain.test.ts has it)
    const { lrtWithdrawalManager: _, ...deposits } = t.deployments.kelp
    deployment = deposits
    lst = devnet.deployments.kelp.assets.lst
  })

  const { pc, nonce } = t
  const rsBalance = (who: Address) => t.balanceOf(deployment.rsETH, who)
  /** A reward: LST sent straight to the pool, then the oracle recomputes (the rate rises above 1). */
  const reward = async (amount: bigint) => {
    await devnet.fund(deployment.lrtDepositPool, { tokens: { [lst]: amount } })
    await devnet.context.write({
      address: deployment.lrtOracle,
      abi: oracleAbi,
      functionName: 'updateRSETHPrice',
    })
  }

  test('supported assets: ETH and the LST, limits, minimum and strategy read on chain', async () => {
    const assets = await getSupportedAssets(pc(), { deployment })
    const k = devnet.deployments.kelp
    expect(assets.map((a) => a.asset)).toEqual([KELP_ETH_TOKEN, lst])
    expect(assets[0]).toMatchObject({
      native: true,
      price: 10n ** 18n,
      depositLimit: k.depositLimit,
      strategy: null,
    })
    expect(assets[1]).toMatchObject({
      native: false,
      depositLimit: k.depositLimit,
      strategy: k.strategy,
      minAmount: 0n,
    })
    expect(assets[1]?.remaining).toBe(k.depositLimit - 0n)
  })

  test('deposit an LST with minOut: too high refused before sending, then exact rsETH at a moved rate', async () => {
    const amount = parseEther('5')
    const user = await devnet.newAccount({ tokens: { [lst]: amount } })
    const wallet = devnet.walletClient(user)
    // first depositor, then a reward: the rate moves off 1e18
    const seed = await devnet.newAccount({ tokens: { [lst]: parseEther('2') } })
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(seed), { asset: lst, amount: parseEther('2'), deployment }),
    )
    await reward(parseEther('1'))
    const rate = await getRate(pc(), { deployment })
    expect(rate).toBe(parseEther('1.5')) // (2 + 1) ETH over 2 rsETH
    const preview = await previewDeposit(pc(), { asset: lst, amount, deployment })
    expect(preview).toBe((amount * 10n ** 18n) / rate)
    expect(preview).toBe(
      await pc().readContract({
        address: deployment.lrtDepositPool,
        abi: poolAbi,
        functionName: 'getRsETHAmountToMint',
        args: [lst, amount],
      }),
    )

    const before = await nonce(user.address)
    const refused = await deposit(wallet, { asset: lst, amount, minOut: preview + 1n, deployment }).catch(
      (e) => e,
    )
    expect(refused).toBeInstanceOf(MinOutNotMetError)
    expect(refused).toMatchObject({ minOut: preview + 1n, expectedOut: preview })
    expect(await nonce(user.address)).toBe(before)
    expect(await rsBalance(user.address)).toBe(0n)

    const sim = await simulateDeposit(pc(), {
      account: user.address,
      asset: lst,
      amount,
      minOut: preview,
      deployment,
    }).catch((e) => e)
    // simulate does not approve: the pool has no allowance yet
    expect(sim.name).toBe('InsufficientAllowanceError')

    const hash = await deposit(wallet, {
      asset: lst,
      amount,
      minOut: preview,
      referralId: 'restakekit',
      deployment,
    })
    const { receipt, events } = await waitForDeposit(pc(), hash)
    expect(receipt.status).toBe('success')
    const ev = events.find((e) => e.eventName === 'AssetDeposit')
    expect(ev?.args).toEqual({
      depositor: user.address,
      asset: lst,
      depositAmount: amount,
      rsethMintAmount: preview,
      referralId: 'restakekit',
    })
    expect(await rsBalance(user.address)).toBe(preview)
    expect(
      await pc().readContract({
        address: lst,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [user.address],
      }),
    ).toBe(0n)
  })

  test('deposit ETH: default minOut from the preview, exact rsETH, ETH spent', async () => {
    const user = await devnet.newAccount()
    const amount = parseEther('3')
    const rate = await getRate(pc(), { deployment })
    const expected = (amount * 10n ** 18n) / rate
    const sim = await simulateDeposit(pc(), { account: user.address, asset: ETH_ADDRESS, amount, deployment })
    expect(sim.expectedOut).toBe(expected)
    expect(sim.minOut).toBe(expected - (expected * 50n) / 10_000n)
    const ethBefore = await pc().getBalance({ address: user.address })
    const hash = await deposit(devnet.walletClient(user), { asset: ETH_ADDRESS, amount, deployment })
    const { receipt, events } = await waitForDeposit(pc(), hash)
    expect(events.find((e) => e.eventName === 'ETHDeposit')?.args).toMatchObject({
      rsethMintAmount: expected,
    })
    expect(await rsBalance(user.address)).toBe(expected)
    const gas = receipt.gasUsed * receipt.effectiveGasPrice
    expect(await pc().getBalance({ address: user.address })).toBe(ethBefore - amount - gas)
  })

  test('bad input is refused before sending: unsupported asset, no balance, wrong deployment', async () => {
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    const before = await nonce(user.address)
    const usdc = devnet.deployments.tokens.usdc
    await expect(deposit(wallet, { asset: usdc, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(previewDeposit(pc(), { asset: usdc, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(deposit(wallet, { asset: lst, amount: 1n, minOut: 0n, deployment })).rejects.toBeInstanceOf(
      InsufficientBalanceError,
    )
    // identity guard: a token that is not rsETH, and an address without code
    const notRsETH = await deposit(wallet, {
      asset: ETH_ADDRESS,
      amount: 1n,
      deployment: { ...deployment, rsETH: devnet.deployments.tokens.weth },
    }).catch((e) => e)
    expect(notRsETH).toBeInstanceOf(DeploymentMismatchError)
    expect(notRsETH.found).toBe('WETH')
    const noCode = await deposit(wallet, {
      asset: ETH_ADDRESS,
      amount: 1n,
      deployment: { ...deployment, lrtDepositPool: user.address },
    }).catch((e) => e)
    expect(noCode).toBeInstanceOf(DeploymentMismatchError)
    expect(noCode.contract).toBe('LRTDepositPool')
    // a deployment marked unconfirmed needs the explicit opt-in
    const unconfirmed = { ...deployment, unconfirmed: true }
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount: 1n, deployment: unconfirmed }),
    ).rejects.toBeInstanceOf(UnverifiedDeploymentError)
    expect(await nonce(user.address)).toBe(before)
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        asset: ETH_ADDRESS,
        amount: 1000n,
        minOut: 0n,
        deployment: unconfirmed,
        allowUnverified: true,
      }),
    )
    expect(await nonce(user.address)).toBe(before + 1)
  })

  test('below the minimum deposit and above the deposit limit: typed errors before sending', async () => {
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    const before = await nonce(user.address)
    const id = await devnet.snapshot()
    try {
      const admin = { address: deployment.lrtDepositPool, abi: adminAbi } as const
      await devnet.context.write({ ...admin, functionName: 'setMinAmountToDeposit', args: [parseEther('1')] })
      const low = await deposit(wallet, { asset: ETH_ADDRESS, amount: parseEther('0.5'), deployment }).catch(
        (e) => e,
      )
      expect(low).toBeInstanceOf(InvalidAmountError)
      expect(low.parameter).toBe('amount')
      const held = await getSupportedAssets(pc(), { deployment })
      const room = held[0]!.remaining
      const over = await deposit(wallet, { asset: ETH_ADDRESS, amount: room + 1n, deployment }).catch(
        (e) => e,
      )
      expect(over).toBeInstanceOf(DepositLimitExceededError)
      expect(over.remaining).toBe(room)
      // the contract agrees: the same floor reverts InvalidAmountToDeposit
      await expect(
        pc().simulateContract({
          account: user.address,
          address: deployment.lrtDepositPool,
          abi: kelpDepositPoolAbi,
          functionName: 'depositETH',
          args: [0n, ''],
          value: parseEther('0.5'),
        }),
      ).rejects.toThrow()
      expect(await nonce(user.address)).toBe(before)
    } finally {
      await devnet.revert(id)
    }
  })

  test('prepareDeposit: needs minOut; approve + depositAsset, or depositETH with value', () => {
    expect(() => prepareDeposit({ asset: lst, amount: 1n, deployment })).toThrow(InvalidParameterError)
    const calls = prepareDeposit({ asset: lst, amount: 7n, minOut: 6n, deployment })
    expect(calls).toHaveLength(2)
    expect(calls[0]?.to).toBe(lst)
    expect(calls[1]).toMatchObject({ to: deployment.lrtDepositPool, value: 0n })
    expect(calls[1]?.data.slice(0, 10)).toBe('0xc3ae1766')
    const eth = prepareDeposit({ asset: ETH_ADDRESS, amount: 7n, minOut: 6n, deployment })
    expect(eth).toHaveLength(1)
    expect(eth[0]).toMatchObject({ value: 7n })
    expect(eth[0]?.data.slice(0, 10)).toBe('0x72c51c0b')
  })

  const getRestaking = () => t.reader({ kelp: deployment }).restaking

  test('portfolio: a token entry with the rsETH balance and its ETH value, through the client', async () => {
    const user = await devnet.newAccount()
    const client = devnet.walletClient(user).extend(
      restakingActions({
        protocols: [...defaultProtocolModules, kelp],
        kelp: deployment,
        eigenlayer: devnet.deployments.eigenlayer,
      }),
    )
    await client.restaking.kelp.waitForDeposit(
      await client.restaking.kelp.deposit({ asset: ETH_ADDRESS, amount: parseEther('2') }),
    )
    const balance = await rsBalance(user.address)
    const rate = await client.restaking.kelp.getRate()
    const portfolio = await client.restaking.getPortfolio({ staker: user.address })
    expect(portfolio.holdings).toEqual([
      {
        kind: 'token',
        protocol: 'kelp',
        token: deployment.rsETH,
        balance,
        underlying: { asset: null, amount: (balance * rate) / 10n ** 18n },
      },
    ])
    // this deployment has no withdrawal manager: no requests read
    expect(portfolio.kelp).toEqual({ token: deployment.rsETH, balance, rate, withdrawalRequests: [] })
  })

  test('getBacking: the node delegator’s operator and shares, as the real DelegationManager reports them', async () => {
    const k = devnet.deployments.kelp
    const pooled = await pc().readContract({
      address: lst,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [deployment.lrtDepositPool],
    })
    expect(pooled).toBeGreaterThan(0n)
    const empty = await getBacking(pc(), { deployment })
    expect(empty.stakers[0]?.positions[0]?.shares).toBe(0n)
    await kelpRestake(devnet.context, k, pooled)
    const backing = await getBacking(pc(), { deployment })
    const node = k.nodeDelegators[0]!
    const [withdrawable, depositShares] = await pc().readContract({
      address: deployment.delegationManager!,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [node, [k.strategy]],
    })
    expect(withdrawable[0]).toBeGreaterThan(0n)
    expect(backing).toEqual({
      total: 1,
      nextOffset: null,
      // one staker: the page's totals are its positions
      totals: [
        {
          strategy: k.strategy,
          asset: lst,
          shares: withdrawable[0],
          depositShares: depositShares[0],
          amount: expect.any(BigInt),
        },
      ],
      stakers: [
        {
          staker: node,
          operator: await pc().readContract({
            address: deployment.delegationManager!,
            abi: dmAbi,
            functionName: 'delegatedTo',
            args: [node],
          }),
          positions: [
            {
              strategy: k.strategy,
              asset: lst,
              shares: withdrawable[0],
              depositShares: depositShares[0],
              amount: expect.any(BigInt),
            },
          ],
        },
      ],
    })
    expect(backing.stakers[0]?.operator).toBe(k.operator)
    // the strategy holds exactly what was restaked (a fresh strategy values shares 1:1 up to rounding)
    const amount = backing.stakers[0]!.positions[0]!.amount
    expect(amount).toBeLessThanOrEqual(pooled)
    expect(amount).toBeGreaterThan(pooled - 10n)
    // paging past the end: no stakers
    expect(await getBacking(pc(), { deployment, offset: 1 })).toEqual({
      stakers: [],
      totals: [],
      total: 1,
      nextOffset: null,
    })
  })

  test('a real EigenLayer slash of the node delegator’s operator lowers backing, rate and the holding’s value', async () => {
    const k = devnet.deployments.kelp
    const ctx = devnet.context
    const am = devnet.deployments.eigenlayer.allocationManager
    const avs = await ctx.deployArtifact('EigenLayerTestAvs', [am])
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'setup',
      args: ['ipfs://kelp-test-avs', 1, [k.strategy]],
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'registerForOperatorSets',
      args: [k.operator, { avs, operatorSetIds: [1], data: '0x' }],
      from: k.operator,
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'modifyAllocations',
      args: [
        k.operator,
        [{ operatorSet: { avs, id: 1 }, strategies: [k.strategy], newMagnitudes: [WAD / 2n] }],
      ],
      from: k.operator,
    })
    const holder = await devnet.newAccount()
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(holder), { asset: ETH_ADDRESS, amount: parseEther('1'), deployment }),
    )
    const before = await getBacking(pc(), { deployment })
    const rateBefore = await getRate(pc(), { deployment })
    // the AVS slashes the whole allocation: half of the operator's magnitude in the strategy
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'slash',
      args: [k.operator, 1, [k.strategy], [WAD], 'restakekit kelp test slash'],
    })
    await ctx.write({ address: deployment.lrtOracle, abi: oracleAbi, functionName: 'updateRSETHPrice' })
    const after = await getBacking(pc(), { deployment })
    const node = k.nodeDelegators[0]!
    const [withdrawable] = await pc().readContract({
      address: deployment.delegationManager!,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [node, [k.strategy]],
    })
    const sharesBefore = before.stakers[0]!.positions[0]!.shares
    expect(after.stakers[0]?.positions[0]?.shares).toBe(withdrawable[0])
    // half of the shares are gone (EigenLayer rounds the slashed amount up)
    expect(withdrawable[0]).toBeLessThanOrEqual(sharesBefore / 2n + 1n)
    expect(withdrawable[0]).toBeGreaterThanOrEqual(sharesBefore / 2n - 1n)
    const rateAfter = await getRate(pc(), { deployment })
    expect(rateAfter).toBeLessThan(rateBefore)
    const rsETH = await pc().readContract({
      address: deployment.rsETH,
      abi: erc20Abi,
      functionName: 'totalSupply',
    })
    const lostValue = before.stakers[0]!.positions[0]!.amount - after.stakers[0]!.positions[0]!.amount
    // the rate fell by the lost value over the supply (rounding of the stored price aside)
    const expectedDrop = (lostValue * WAD) / rsETH
    expect(rateBefore - rateAfter - expectedDrop).toBeGreaterThanOrEqual(-1n)
    expect(rateBefore - rateAfter - expectedDrop).toBeLessThanOrEqual(1n)
    const portfolio = await getRestaking().getPortfolio({ staker: holder.address })
    const balance = await rsBalance(holder.address)
    expect(portfolio.holdings[0]?.underlying?.amount).toBe((balance * rateAfter) / WAD)
  })
})
