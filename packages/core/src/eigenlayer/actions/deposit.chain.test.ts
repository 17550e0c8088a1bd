import { haveEigenLayer } from '@restakekit/devnet'
import { createWalletClient, custom, erc20Abi, type Hex, http, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidParameterError,
  StepFailedError,
} from '../../errors.js'
import { StrategyNotWhitelistedError } from '../errors.js'
import { type Env, newStaker, secondStrategy, startEnv } from '../test/helpers.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './deposit.js'
import { getDeposits } from './getDeposits.js'
import { getStrategy } from './getStrategy.js'

describe.skipIf(!haveEigenLayer())('deposit (real EigenLayer fixture)', () => {
  let env: Env
  let snap: Hex
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env.devnet.revert(snap)
    snap = await env.devnet.snapshot()
  })

  const balanceOf = (token: `0x${string}`, who: `0x${string}`) =>
    env.devnet.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [who],
    })

  test('approves exactly, deposits, decodes the release Deposit event (v1.2 with token, v1.3 without); shares as StrategyBase predicts', async () => {
    const amount = parseEther('3')
    const staker = await newStaker(env, amount)
    const wallet = env.devnet.walletClient(staker)
    const before = await getStrategy(env.devnet.publicClient, {
      deployment: env.deployment,
      strategy: env.strategy,
    })
    const expectedShares = before.underlyingToShares(amount)

    const hash = await deposit(wallet, {
      deployment: env.deployment,
      strategy: env.strategy,
      token: env.token,
      amount,
    })
    const { receipt, events, shares } = await waitForDeposit(env.devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    const ev = events.find((e) => e.eventName === 'Deposit')!
    const topic0 = receipt.logs.find(
      (l) => l.address.toLowerCase() === env.deployment.strategyManager.toLowerCase(),
    )?.topics[0]
    if (env.release === 'v1.2') {
      // v1.2: Deposit(staker, token, strategy, shares), topic0 0x7cfff908…
      expect(topic0?.slice(0, 10)).toBe('0x7cfff908')
      expect(ev.args).toMatchObject({ staker: staker.address, strategy: env.strategy, token: env.token })
    } else {
      // v1.3+: Deposit(staker, strategy, shares), topic0 0x5548c837… (no token)
      expect(topic0?.slice(0, 10)).toBe('0x5548c837')
      expect(ev.args).toMatchObject({ staker: staker.address, strategy: env.strategy })
      expect('token' in ev.args).toBe(false)
    }
    expect(shares).toBe(expectedShares)
    expect(await balanceOf(env.token, staker.address)).toBe(0n)

    const deposits = await getDeposits(env.devnet.publicClient, {
      deployment: env.deployment,
      staker: staker.address,
    })
    expect(deposits).toEqual([
      {
        strategy: env.strategy,
        token: env.token,
        depositShares: expectedShares,
        withdrawableShares: expectedShares,
        underlyingAmount: await env.devnet.publicClient.readContract({
          address: env.strategy,
          abi: (await import('../abis.js')).eigenlayerStrategyAbi,
          functionName: 'sharesToUnderlyingView',
          args: [expectedShares],
        }),
      },
    ])
  })

  test('second strategy (StrategyFactory on v1.2, a planted clone on v1.3.0); no approval sent when the allowance suffices', async () => {
    const second = await secondStrategy(env)
    const amount = 5n * 10n ** 17n
    const staker = await newStaker(env, amount, second.token)
    const wallet = env.devnet.walletClient(staker)
    await env.devnet.publicClient.waitForTransactionReceipt({
      hash: await wallet.writeContract({
        address: second.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [env.deployment.strategyManager, amount],
      }),
    })
    const nonceBefore = await env.devnet.publicClient.getTransactionCount({ address: staker.address })
    const hash = await deposit(wallet, {
      deployment: env.deployment,
      strategy: second.strategy,
      token: second.token,
      amount,
    })
    await waitForDeposit(env.devnet.publicClient, hash)
    // exactly one more transaction: the deposit (no approval)
    expect(await env.devnet.publicClient.getTransactionCount({ address: staker.address })).toBe(
      nonceBefore + 1,
    )
    const [d] = await getDeposits(env.devnet.publicClient, {
      deployment: env.deployment,
      staker: staker.address,
    })
    expect(d?.strategy).toBe(second.strategy)
    expect(d?.underlyingAmount).toBe(amount)
  })

  test('simulateDeposit returns the shares and refuses a short allowance before simulating', async () => {
    const amount = parseEther('1')
    const staker = await newStaker(env, amount)
    await expect(
      simulateDeposit(env.devnet.publicClient, {
        deployment: env.deployment,
        account: staker.address,
        strategy: env.strategy,
        token: env.token,
        amount,
      }),
    ).rejects.toBeInstanceOf(InsufficientAllowanceError)
    const [approve] = prepareDeposit({
      deployment: env.deployment,
      strategy: env.strategy,
      token: env.token,
      amount,
    })
    const approval = await env.devnet
      .walletClient(staker)
      .sendTransaction({ to: approve!.to, data: approve!.data })
    // wait until the approval is mined before simulating against it
    expect((await env.devnet.publicClient.waitForTransactionReceipt({ hash: approval })).status).toBe(
      'success',
    )
    const { result, request } = await simulateDeposit(env.devnet.publicClient, {
      deployment: env.deployment,
      account: staker.address,
      strategy: env.strategy,
      token: env.token,
      amount,
    })
    const s = await getStrategy(env.devnet.publicClient, {
      deployment: env.deployment,
      strategy: env.strategy,
    })
    expect(result).toBe(s.underlyingToShares(amount))
    expect(request.functionName).toBe('depositIntoStrategy')
  })

  test('typed errors before any transaction: not whitelisted, above balance, wrong token', async () => {
    const staker = await newStaker(env, 10n)
    const wallet = env.devnet.walletClient(staker)
    const weth = env.devnet.deployments.tokens.weth
    const nonce = await env.devnet.publicClient.getTransactionCount({ address: staker.address })
    // an address that is not a whitelisted strategy
    await expect(
      deposit(wallet, { deployment: env.deployment, strategy: staker.address, token: env.token, amount: 1n }),
    ).rejects.toBeInstanceOf(StrategyNotWhitelistedError)
    const err = await deposit(wallet, {
      deployment: env.deployment,
      strategy: env.strategy,
      token: env.token,
      amount: 11n,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(InsufficientBalanceError)
    expect(err).toMatchObject({ required: 11n, balance: 10n })
    await expect(
      deposit(wallet, { deployment: env.deployment, strategy: env.strategy, token: weth, amount: 1n }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(await env.devnet.publicClient.getTransactionCount({ address: staker.address })).toBe(nonce)
  })

  test('a deposit failing after its approval landed: StepFailedError says the tokens are still in the wallet', async () => {
    const amount = parseEther('2')
    const staker = await newStaker(env, amount)
    const inner = http(env.devnet.rpcUrl)({ chain: env.devnet.chain })
    // a transport that makes the deposit simulation revert (as if the strategy were paused meanwhile)
    const transport = custom({
      async request(args) {
        const call = (args.params as [{ data?: string; input?: string }] | undefined)?.[0]
        const data = call?.data ?? call?.input
        if (args.method === 'eth_call' && typeof data === 'string' && data.startsWith('0xe7a050aa')) {
          throw Object.assign(new Error('execution reverted'), { code: 3, data: '0x840a48d5' })
        }
        return inner.request(args)
      },
    })
    const wallet = createWalletClient({ chain: env.devnet.chain, transport, account: staker })
    const err = await deposit(wallet, {
      deployment: env.deployment,
      strategy: env.strategy,
      token: env.token,
      amount,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(StepFailedError)
    expect(err.step).toBe('eigenlayer.deposit')
    expect(err.completed[0].step).toBe('approve')
    // the tokens are still in the wallet: the holdings say so, from a read after the failure
    expect(err.holdings).toContain(`${staker.address} holds ${amount} of ${env.token}`)
    expect(err.holdings).toMatch(/the approval \(0x[0-9a-f]{64}\) landed and stands/)
    expect(await balanceOf(env.token, staker.address)).toBe(amount)
    const allowance = await env.devnet.publicClient.readContract({
      address: env.token,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [staker.address, env.deployment.strategyManager],
    })
    expect(allowance).toBe(amount)
  })

  test('one check batch, the allowance read once and reused by the approval; onStage reports each stage', async () => {
    const amount = parseEther('1')
    const staker = await newStaker(env, amount)
    const inner = http(env.devnet.rpcUrl)({ chain: env.devnet.chain })
    const seen: string[] = []
    const transport = custom({
      async request(args) {
        if (args.method === 'eth_call') {
          const call = (args.params as [{ data?: string; input?: string }])[0]
          seen.push((call.data ?? call.input ?? '').toLowerCase())
        }
        return inner.request(args)
      },
    })
    const wallet = createWalletClient({ chain: env.devnet.chain, transport, account: staker })
    const stages: string[] = []
    const hash = await deposit(wallet, {
      deployment: env.deployment,
      strategy: env.strategy,
      token: env.token,
      amount,
      onStage: (s) => stages.push(s.stage),
    })
    const { shares } = await waitForDeposit(env.devnet.publicClient, hash)
    expect(shares).toBeGreaterThan(0n)
    // allowance(address,address) = 0xdd62ed3e; strategyIsWhitelistedForDeposit(address) = 0x663c1de4
    const allowanceReads = seen.filter((d) => d.includes('dd62ed3e')).length
    const checkBatches = seen.filter((d) => d.includes('663c1de4')).length
    expect(allowanceReads).toBe(1)
    expect(checkBatches).toBe(1)
    expect(stages).toEqual(['checks', 'approval-sent', 'approval-mined', 'simulated', 'signing', 'sent'])
    expect(await balanceOf(env.token, staker.address)).toBe(0n)
  })

  test('prepareDeposit takes the account (PrepareOptions): the prepared calls, sent as they are, deposit', async () => {
    const amount = parseEther('1')
    const staker = await newStaker(env, amount)
    const list = prepareDeposit({
      deployment: env.deployment,
      account: staker.address,
      strategy: env.strategy,
      token: env.token,
      amount,
    })
    expect(list).toHaveLength(2)
    const wallet = env.devnet.walletClient(staker)
    for (const c of list) {
      const h = await wallet.sendTransaction({ to: c.to, data: c.data })
      expect((await env.devnet.publicClient.waitForTransactionReceipt({ hash: h })).status).toBe('success')
    }
    expect(await balanceOf(env.token, staker.address)).toBe(0n)
  })
})
