import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { erc20Abi, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { InsufficientBalanceError } from '../errors.js'
import type { WriteStage } from '../kit/stages.js'
import {
  eigenlayerDepositMutationOptions,
  symbioticDepositMutationOptions,
  symbioticWithdrawMutationOptions,
  withdrawalsQueryOptions,
} from './index.js'

const chainAbi = parseAbi([
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
  'function activeBalanceOf(address account) view returns (uint256)',
])

describe.skipIf(!haveEigenLayer())('@restakekit/core/query mutations on the devnet', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
  })
  afterAll(() => devnet?.stop())

  test('EigenLayer deposit: every stage once, in order; the decoded shares are the chain’s; a refused amount sends nothing', async () => {
    const el = devnet.deployments.eigenlayer!
    const { strategy, token } = el.fixture
    const user = await devnet.newAccount({ tokens: { [token]: parseEther('4') } })
    const wallet = devnet.walletClient(user)
    const stages: WriteStage[] = []
    const options = eigenlayerDepositMutationOptions(wallet, devnet.publicClient, {
      deployments: { eigenlayer: el },
      onStage: (s) => stages.push(s),
    })
    expect(options.mutationKey).toEqual(['restakekit', 'eigenlayer.deposit', { chainId: devnet.chain.id }])
    const nonce = () => devnet.publicClient.getTransactionCount({ address: user.address })

    const refused = await options.mutationFn({ strategy, token, amount: parseEther('5') }).catch((e) => e)
    expect(refused).toBeInstanceOf(InsufficientBalanceError)
    expect(stages.map((s) => s.stage)).toEqual(['checks', 'error'])
    expect(await nonce()).toBe(0)

    stages.length = 0
    const r = await options.mutationFn({ strategy, token, amount: parseEther('4') })
    expect(stages.map((s) => s.stage)).toEqual([
      'checks',
      'signing',
      'approval-sent',
      'approval-mined',
      'simulated',
      'signing',
      'sent',
      'mined',
      'decoded',
    ])
    expect(stages[2]).toMatchObject({ token, spender: el.strategyManager, amount: parseEther('4') })
    expect(await nonce()).toBe(2)
    const shares = await devnet.publicClient.readContract({
      address: el.strategyManager,
      abi: chainAbi,
      functionName: 'stakerDepositShares',
      args: [user.address, strategy],
    })
    expect(r.decoded.shares).toBe(shares)
    expect(shares).toBeGreaterThan(0n)
    expect(stages.find((s) => s.stage === 'mined')).toMatchObject({
      hash: r.hash,
      blockNumber: r.blockNumber,
    })
  })

  test('Symbiotic withdraw forwards onStage to the SDK (no stage twice); the withdrawal then shows with its readiness', async () => {
    const weth = devnet.deployments.tokens.weth
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    const user = await devnet.newAccount({ tokens: { [weth]: parseEther('2') } })
    const wallet = devnet.walletClient(user)
    const deployments = { symbiotic: devnet.deployments.symbiotic! }
    await symbioticDepositMutationOptions(wallet, devnet.publicClient, { deployments }).mutationFn({
      vault,
      amount: parseEther('2'),
    })
    const stages: WriteStage[] = []
    const r = await symbioticWithdrawMutationOptions(wallet, devnet.publicClient, {
      deployments,
      onStage: (s) => stages.push(s),
    }).mutationFn({ vault, amount: parseEther('2') })
    const names = stages.map((s) => s.stage)
    expect(names).toEqual(['checks', 'simulated', 'signing', 'sent', 'mined', 'decoded'])
    expect(r.decoded.events.map((e) => e.eventName)).toContain('Withdraw')
    expect(
      await devnet.publicClient.readContract({
        address: vault,
        abi: chainAbi,
        functionName: 'activeBalanceOf',
        args: [user.address],
      }),
    ).toBe(0n)
    expect(
      await devnet.publicClient.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [user.address],
      }),
    ).toBe(0n)

    const q = withdrawalsQueryOptions(devnet.publicClient, { staker: user.address, deployments })
    const withdrawals = await q.queryFn()
    const mine = withdrawals.filter((w) => w.protocol === 'symbiotic')
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ location: vault, amount: parseEther('2'), ready: false })
    await devnet.increaseTime(2 * 3600)
    expect((await q.queryFn()).find((w) => w.protocol === 'symbiotic')?.ready).toBe(true)
  })
})
