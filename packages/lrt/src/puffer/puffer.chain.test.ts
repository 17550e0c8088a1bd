// Puffer pufETH through the adapter, on the devnet's Puffer doubles (a stand-in restaked into the real EigenLayer).
import {
  defaultProtocolModules,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  restakingActions,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import { artifact, pufferFinalize, pufferRestake } from '@restakekit/devnet'
import { createPublicClient, http, parseAbi, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  DeploymentMismatchError,
  InstantExitUnavailableError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
  WithdrawalRequestNotOwnedError,
} from '../errors.js'
import {
  allocationWriteAbi as allocationAbi,
  delegationReadAbi as dmAbi,
  testAvsAbi,
  useLrtEnv,
} from '../test/helpers.js'
import {
  claimWithdrawal,
  deposit,
  ETH_ADDRESS,
  getBacking,
  getExitOptions,
  getRate,
  getSupportedAssets,
  getWithdrawalRequests,
  instantExit,
  type PufferDeployment,
  prepareClaimWithdrawals,
  prepareDeposit,
  prepareRequestWithdrawal,
  previewDeposit,
  previewWithdrawal,
  probeExitFeeForm,
  puffer,
  pufferWithdrawalManagerAbi,
  requestWithdrawal,
  simulateClaimWithdrawal,
  simulateDeposit,
  waitForClaimWithdrawal,
  waitForDeposit,
  waitForInstantExit,
  waitForRequestWithdrawal,
} from './index.js'

const WAD = 10n ** 18n
const vaultAdminAbi = parseAbi([
  'function depositRewards() payable',
  'function setExitFeeBasisPoints(uint256)',
  'function setTreasuryExitFeeBasisPoints(uint96, address)',
  'function previewRedeem(uint256 shares) view returns (uint256)',
  'function convertToAssets(uint256 shares) view returns (uint256)',
  'function totalSupply() view returns (uint256)',
])
const wethAbi = parseAbi(['function deposit() payable'])

describe('puffer (pufETH doubles, a stand-in restaked into the real EigenLayer)', () => {
  const t = useLrtEnv({ puffer: true })
  let devnet: typeof t.devnet
  let deployment: PufferDeployment
  beforeAll(() => {
    devnet = t.devnet
    deployment = t.deployments.puffer
  })

  const { pc, nonce, balanceOf: bal } = t
  const p = () => devnet.deployments.puffer
  const reward = (value: bigint) =>
    devnet.context.write({
      address: deployment.vault,
      abi: vaultAdminAbi,
      functionName: 'depositRewards',
      value,
    })
  const admin = (functionName: string, args: readonly unknown[]) =>
    devnet.context.write({ address: deployment.vault, abi: vaultAdminAbi, functionName, args })
  /** A holder of `eth` worth of pufETH (deposited through the adapter). */
  const holder = async (eth: bigint) => {
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    await waitForDeposit(pc(), await deposit(wallet, { asset: ETH_ADDRESS, amount: eth, deployment }))
    return { user, wallet }
  }
  /** Requests until the batch of `id` is full (one request per transaction, each from a new holder). */
  const fillBatch = async (id: bigint) => {
    const size = p().batchSize
    const end = (id / size + 1n) * size
    const length = await pc().readContract({
      address: deployment.withdrawalManager,
      abi: pufferWithdrawalManagerAbi,
      functionName: 'getWithdrawalsLength',
    })
    for (let i = length; i < end; i++) {
      const { wallet } = await holder(parseEther('0.1'))
      await waitForRequestWithdrawal(
        pc(),
        await requestWithdrawal(wallet, { amount: parseEther('0.05'), deployment }),
      )
    }
  }

  test('supported assets: ETH and the vault’s WETH (read on chain), with maxDeposit', async () => {
    const assets = await getSupportedAssets(pc(), { deployment })
    expect(assets).toEqual([
      { asset: ETH_ADDRESS, native: true, remaining: 2n ** 256n - 1n, minAmount: 0n },
      { asset: p().weth, native: false, remaining: 2n ** 256n - 1n, minAmount: 0n },
    ])
  })

  test('deposit ETH and WETH at a moved rate: exact pufETH; minOut above the preview refused, nonce unchanged', async () => {
    await holder(parseEther('4'))
    await reward(parseEther('0.3')) // the rate moves off 1
    const rate = await getRate(pc(), { deployment })
    expect(rate).toBeGreaterThan(WAD)
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    const amount = parseEther('2')
    const preview = await previewDeposit(pc(), { asset: ETH_ADDRESS, amount, deployment })
    expect(preview).toBeLessThan(amount)
    const before = await nonce(user.address)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount, minOut: preview + 1n, deployment }),
    ).rejects.toThrow(MinOutNotMetError)
    expect(await nonce(user.address)).toBe(before)
    const sim = await simulateDeposit(pc(), { account: user.address, asset: ETH_ADDRESS, amount, deployment })
    expect(sim.expectedOut).toBe(preview)
    const r = await waitForDeposit(
      pc(),
      await deposit(wallet, { asset: ETH_ADDRESS, amount, minOut: preview, deployment }),
    )
    expect(r.events.find((e) => e.eventName === 'Deposit')?.args).toMatchObject({
      assets: amount,
      shares: preview,
    })
    expect(await bal(deployment.vault, user.address)).toBe(preview)
    expect(await nonce(user.address)).toBe(before + 1)

    // WETH: the exact approval first, then ERC-4626 deposit
    const hash = await wallet.writeContract({
      address: p().weth,
      abi: wethAbi,
      functionName: 'deposit',
      value: parseEther('1'),
    })
    await pc().waitForTransactionReceipt({ hash })
    const wethPreview = await previewDeposit(pc(), { asset: p().weth, amount: parseEther('1'), deployment })
    const n = await nonce(user.address)
    await waitForDeposit(
      pc(),
      await deposit(wallet, { asset: p().weth, amount: parseEther('1'), deployment }),
    )
    expect(await nonce(user.address)).toBe(n + 2)
    expect(await bal(deployment.vault, user.address)).toBe(preview + wethPreview)
    expect(await bal(p().weth, user.address)).toBe(0n)
  })

  test('bad deposit input is a typed error before sending (nonce unchanged)', async () => {
    const user = await devnet.newAccount({ eth: parseEther('1') })
    const wallet = devnet.walletClient(user)
    const before = await nonce(user.address)
    const steth = devnet.deployments.tokens.steth
    await expect(deposit(wallet, { asset: steth, amount: 1n, deployment })).rejects.toThrow(
      UnsupportedAssetError,
    )
    await expect(deposit(wallet, { asset: ETH_ADDRESS, amount: 0n, deployment })).rejects.toThrow(
      InvalidAmountError,
    )
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount: parseEther('5'), deployment }),
    ).rejects.toThrow(InsufficientBalanceError)
    await expect(deposit(wallet, { asset: p().weth, amount: 1n, deployment })).rejects.toThrow(
      InsufficientBalanceError,
    )
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount: 1n, deployment: { ...deployment, vault: p().weth } }),
    ).rejects.toThrow(DeploymentMismatchError)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount: 1n, deployment: { ...deployment, unconfirmed: true } }),
    ).rejects.toThrow(UnverifiedDeploymentError)
    // a prepared call needs a receiver (or the account); Puffer has no min-out argument to carry
    expect(() => prepareDeposit({ asset: ETH_ADDRESS, amount: 1n, deployment })).toThrow(
      InvalidParameterError,
    )
    expect(await nonce(user.address)).toBe(before)
    const calls = prepareDeposit({
      asset: p().weth,
      amount: 7n,
      minOut: 0n,
      account: user.address,
      deployment,
    })
    expect(calls.map((c) => c.to)).toEqual([p().weth, deployment.vault])
    expect(calls[1]?.data.slice(0, 10)).toBe('0x6e553f65') // deposit(uint256,address)
    const eth = prepareDeposit({
      asset: ETH_ADDRESS,
      amount: 7n,
      minOut: 0n,
      account: user.address,
      deployment,
    })
    expect(eth).toHaveLength(1)
    expect(eth[0]).toMatchObject({ to: deployment.vault, value: 7n })
    expect(eth[0]?.data.slice(0, 10)).toBe('0x2d2da806') // depositETH(address)
  })

  test('full cycle: request (min 0.01, approval included) → pending → batch finalized → claimable → claim pays min(requestRate, batchRate) → claimed', async () => {
    const { user, wallet } = await holder(parseEther('1'))
    const other = await holder(parseEther('1'))
    let n = await nonce(user.address)
    await expect(requestWithdrawal(wallet, { amount: parseEther('0.0099'), deployment })).rejects.toThrow(
      InvalidAmountError,
    )
    await expect(requestWithdrawal(wallet, { amount: parseEther('5'), deployment })).rejects.toThrow(
      InsufficientBalanceError,
    )
    expect(await nonce(user.address)).toBe(n)
    const q = await previewWithdrawal(pc(), { amount: parseEther('0.5'), deployment })
    expect(q.minAmount).toBe(parseEther('0.01'))
    const r = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.5'), deployment }),
    )
    expect(await nonce(user.address)).toBe(n + 2) // the pufETH approval, then the request
    const id = r.id as bigint
    expect(r.batch).toBe(id / p().batchSize)
    let [request] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(request).toMatchObject({
      id,
      owner: user.address,
      amount: parseEther('0.5'),
      requestRate: q.requestRate,
      status: 'pending',
      ready: false,
      readyAt: null,
      batchRate: null,
      out: q.out,
    })
    // claim before its batch is finalized
    n = await nonce(user.address)
    await expect(claimWithdrawal(wallet, { id, deployment })).rejects.toThrow(WithdrawalNotReadyError)
    expect(await nonce(user.address)).toBe(n)

    // the rate rises before finalization: the payout stays at the request's rate
    await reward(parseEther('0.5'))
    await fillBatch(id)
    await pufferFinalize(devnet.context, p(), id / p().batchSize)
    ;[request] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(request?.status).toBe('claimable')
    expect(request?.ready).toBe(true)
    expect(request?.batchRate).toBeGreaterThan(q.requestRate)
    expect(request?.readyAt).toEqual({ block: expect.any(BigInt) })
    expect(request?.out).toBe((parseEther('0.5') * q.requestRate) / WAD)

    // someone else's request: refused before sending (Puffer would pay the owner)
    const on = await nonce(other.user.address)
    await expect(claimWithdrawal(other.wallet, { id, deployment })).rejects.toThrow(
      WithdrawalRequestNotOwnedError,
    )
    expect(await nonce(other.user.address)).toBe(on)

    const sim = await simulateClaimWithdrawal(pc(), { account: user.address, id, deployment })
    expect(sim.payout).toBe(request?.out)
    const weth = await bal(p().weth, user.address)
    const done = await waitForClaimWithdrawal(pc(), await claimWithdrawal(wallet, { id, deployment }))
    expect(done.payout).toBe(request?.out)
    expect(done.rate).toBe(q.requestRate)
    expect((await bal(p().weth, user.address)) - weth).toBe(request?.out)
    ;[request] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(request?.status).toBe('claimed')
    n = await nonce(user.address)
    await expect(claimWithdrawal(wallet, { id, deployment })).rejects.toThrow(WithdrawalRequestNotFoundError)
    await expect(claimWithdrawal(wallet, { id: 10n ** 9n, deployment })).rejects.toThrow(
      WithdrawalRequestNotFoundError,
    )
    expect(await nonce(user.address)).toBe(n)
  })

  test('one request per transaction: each adapter request is its own transaction and its own id', async () => {
    const { user, wallet } = await holder(parseEther('1'))
    const calls = prepareRequestWithdrawal({ amount: parseEther('0.2'), account: user.address, deployment })
    // [approve, requestWithdrawal]: exactly one request per call list
    expect(calls.filter((c) => c.to === deployment.withdrawalManager)).toHaveLength(1)
    expect(calls.at(-1)?.data.slice(0, 10)).toBe('0xef027fbf')
    const a = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.2'), deployment }),
    )
    const b = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.3'), deployment }),
    )
    expect(b.receipt.transactionHash).not.toBe(a.receipt.transactionHash)
    expect(b.id).toBe((a.id as bigint) + 1n)
    const mine = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(mine.map((r) => [r.id, r.amount])).toEqual([
      [a.id, parseEther('0.2')],
      [b.id, parseEther('0.3')],
    ])
    // completions, unlike requests, may share one call list
    const many = prepareClaimWithdrawals({ ids: [a.id as bigint, b.id as bigint], deployment })
    expect(many.map((c) => c.data.slice(0, 10))).toEqual(['0x6a4800a4', '0x6a4800a4'])
  })

  test('instant exit: the fee quote (exit + treasury bps) equals what redeem pays; minOut and liquidity refused before sending', async () => {
    await admin('setExitFeeBasisPoints', [100n])
    await admin('setTreasuryExitFeeBasisPoints', [50n, p().treasury])
    const { user, wallet } = await holder(parseEther('2'))
    const amount = await bal(deployment.vault, user.address)
    const options = await getExitOptions(pc(), { amount, owner: user.address, deployment })
    expect(await probeExitFeeForm(pc(), deployment.vault)).toBe('treasury')
    const [queue, instant] = options.options
    const rate = await getRate(pc(), { deployment })
    expect(queue).toMatchObject({
      kind: 'queue',
      asset: p().weth,
      expectedOut: (amount * rate) / WAD,
      fee: 0n,
      available: true,
      readyAt: null,
    })
    const quoted = await pc().readContract({
      address: deployment.vault,
      abi: vaultAdminAbi,
      functionName: 'previewRedeem',
      args: [amount],
    })
    expect(instant).toMatchObject({ kind: 'instant', expectedOut: quoted, feeBps: 150n, available: true })
    expect(instant?.fee).toBe(options.value - quoted)
    // the fee is 150 bps of the value (fee-on-total rounding aside)
    expect(instant?.fee).toBe(options.value - (options.value - (options.value * 150n + 10_149n) / 10_150n))

    const n = await nonce(user.address)
    await expect(instantExit(wallet, { amount, minOut: quoted + 1n, deployment })).rejects.toThrow(
      MinOutNotMetError,
    )
    expect(await nonce(user.address)).toBe(n)
    const weth = await bal(p().weth, user.address)
    const r = await waitForInstantExit(
      pc(),
      await instantExit(wallet, { amount, minOut: quoted, deployment }),
    )
    expect(r.events.find((e) => e.eventName === 'Withdraw')?.args).toMatchObject({
      assets: quoted,
      shares: amount,
    })
    expect((await bal(p().weth, user.address)) - weth).toBe(quoted)
    expect(await bal(deployment.vault, user.address)).toBe(0n)
    await admin('setExitFeeBasisPoints', [0n])
    await admin('setTreasuryExitFeeBasisPoints', [0n, p().treasury])
  })

  test('version probe: the EIP-1967 implementation’s code decides the exit-fee form (v1.5.0: single fee), cached', async () => {
    const proxyNew = await devnet.context.deployArtifact('PufferDoubleProxy', [p().vault])
    const proxyOld = await devnet.context.deployArtifact('PufferDoubleProxy', [p().vaultV150])
    expect(await probeExitFeeForm(pc(), proxyNew)).toBe('treasury')
    expect(await probeExitFeeForm(pc(), proxyOld)).toBe('single')
    expect(await probeExitFeeForm(pc(), p().vaultV150)).toBe('single')
    // the v1.5.0 vault quotes its single fee through getExitFeeBasisPoints
    const old = { ...deployment, vault: p().vaultV150 }
    await devnet.context.write({
      address: p().vaultV150,
      abi: vaultAdminAbi,
      functionName: 'setExitFeeBasisPoints',
      args: [75n],
    })
    const user = await devnet.newAccount()
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(user), {
        asset: ETH_ADDRESS,
        amount: parseEther('1'),
        deployment: old,
      }),
    )
    const options = await getExitOptions(pc(), { amount: parseEther('0.5'), deployment: old })
    expect(options.options[1]).toMatchObject({ kind: 'instant', feeBps: 75n })
    // cached: a second probe of the same address sends no request
    let requests = 0
    const counting = {
      ...pc(),
      request: (async (args: never) => {
        requests++
        return pc().request(args)
      }) as typeof pc extends () => infer C ? (C extends { request: infer R } ? R : never) : never,
    }
    expect(await probeExitFeeForm(counting as never, proxyOld)).toBe('single')
    expect(requests).toBe(0)
  })

  test('getBacking: the module’s operator and shares as the real DelegationManager reports them; instant exit beyond liquidity refused', async () => {
    const empty = await getBacking(pc(), { deployment })
    expect(empty.stakers[0]?.positions[0]?.shares).toBe(0n)
    const big = await holder(parseEther('3'))
    // restake all but 0.5 ETH of the vault's liquidity (ETH and WETH)
    const liquid =
      (await pc().getBalance({ address: deployment.vault })) + (await bal(p().weth, deployment.vault))
    await pufferRestake(devnet.context, p(), liquid - parseEther('0.5'), (to, amount) =>
      devnet.fund(to, { tokens: { [p().standIn]: amount } }),
    )
    const module = p().modules[0]!
    const [withdrawable, depositShares] = await pc().readContract({
      address: deployment.delegationManager!,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [module, [p().strategy]],
    })
    const backing = await getBacking(pc(), { deployment })
    expect(backing).toEqual({
      total: 1,
      nextOffset: null,
      // one staker: the page's totals are its positions
      totals: [
        {
          strategy: p().strategy,
          shares: withdrawable[0],
          depositShares: depositShares[0],
          amount: expect.any(BigInt),
        },
      ],
      stakers: [
        {
          staker: module,
          operator: p().operator,
          positions: [
            {
              strategy: p().strategy,
              shares: withdrawable[0],
              depositShares: depositShares[0],
              amount: expect.any(BigInt),
            },
          ],
        },
      ],
    })
    expect(withdrawable[0]).toBeGreaterThan(0n)
    expect(await getBacking(pc(), { deployment, offset: 1 })).toEqual({
      stakers: [],
      totals: [],
      total: 1,
      nextOffset: null,
    })

    // the vault now holds ~0.5 ETH liquid: an instant exit of more is refused, the queue is offered
    const amount = await bal(deployment.vault, big.user.address)
    const options = await getExitOptions(pc(), { amount, owner: big.user.address, deployment })
    expect(options.options[0]?.available).toBe(true)
    expect(options.options[1]?.available).toBe(false)
    const n = await nonce(big.user.address)
    const short = await instantExit(big.wallet, { amount, deployment }).catch((e) => e)
    expect(short).toBeInstanceOf(InstantExitUnavailableError)
    expect(short).toMatchObject({ protocol: 'Puffer', amount })
    expect(short.available).toBeLessThan(amount)
    expect(await nonce(big.user.address)).toBe(n)
  })

  test('a real EigenLayer slash of the module’s operator lowers backing and the rate; a request finalized after it pays the lower batch rate', async () => {
    const ctx = devnet.context
    const am = devnet.deployments.eigenlayer.allocationManager
    const avs = await ctx.deployArtifact('EigenLayerTestAvs', [am])
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'setup',
      args: ['ipfs://puffer-test-avs', 1, [p().strategy]],
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'registerForOperatorSets',
      args: [p().operator, { avs, operatorSetIds: [1], data: '0x' }],
      from: p().operator,
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'modifyAllocations',
      args: [
        p().operator,
        [{ operatorSet: { avs, id: 1 }, strategies: [p().strategy], newMagnitudes: [WAD / 2n] }],
      ],
      from: p().operator,
    })
    const { user, wallet } = await holder(parseEther('1'))
    const r = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.4'), deployment }),
    )
    const id = r.id as bigint
    const before = await getBacking(pc(), { deployment })
    const rateBefore = await getRate(pc(), { deployment })
    const blockBefore = await pc().getBlockNumber()
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'slash',
      args: [p().operator, 1, [p().strategy], [WAD], 'restakekit puffer test slash'],
    })
    const after = await getBacking(pc(), { deployment })
    const sharesBefore = before.stakers[0]!.positions[0]!.shares
    const sharesAfter = after.stakers[0]!.positions[0]!.shares
    expect(sharesAfter).toBeLessThanOrEqual(sharesBefore / 2n + 1n)
    expect(sharesAfter).toBeGreaterThanOrEqual(sharesBefore / 2n - 1n)
    const rateAfter = await getRate(pc(), { deployment })
    expect(rateAfter).toBeLessThan(rateBefore)
    // the rate at an earlier block (for an APR over two blocks) is the one before the slash
    expect(await getRate(pc(), { deployment, blockNumber: blockBefore })).toBe(rateBefore)
    // the rate fell by the lost value over the supply (ERC-4626 rounding aside)
    const supply = await pc().readContract({
      address: deployment.vault,
      abi: vaultAdminAbi,
      functionName: 'totalSupply',
    })
    const lost = before.stakers[0]!.positions[0]!.amount - after.stakers[0]!.positions[0]!.amount
    const drop = rateBefore - rateAfter
    const expected = (lost * WAD) / supply
    expect(drop - expected).toBeGreaterThanOrEqual(-2n)
    expect(drop - expected).toBeLessThanOrEqual(2n)

    await fillBatch(id)
    await pufferFinalize(devnet.context, p(), id / p().batchSize)
    const [request] = (await getWithdrawalRequests(pc(), { owner: user.address, deployment })).filter(
      (x) => x.id === id,
    )
    expect(request?.batchRate).toBeLessThan(request!.requestRate)
    const weth = await bal(p().weth, user.address)
    const done = await waitForClaimWithdrawal(pc(), await claimWithdrawal(wallet, { id, deployment }))
    expect(done.rate).toBe(request?.batchRate)
    expect((await bal(p().weth, user.address)) - weth).toBe((parseEther('0.4') * request!.batchRate!) / WAD)
  })

  test('portfolio through the client: the pufETH holding in WETH and each unclaimed request with readiness', async () => {
    const user = await devnet.newAccount()
    const client = devnet.walletClient(user).extend(
      restakingActions({
        protocols: [...defaultProtocolModules, puffer],
        puffer: deployment,
        eigenlayer: devnet.deployments.eigenlayer,
      }),
    )
    await waitForDeposit(
      pc(),
      await client.restaking.puffer.deposit({ asset: ETH_ADDRESS, amount: parseEther('2') }),
    )
    const first = await waitForRequestWithdrawal(
      pc(),
      await client.restaking.puffer.requestWithdrawal({ amount: parseEther('0.3') }),
    )
    await fillBatch(first.id as bigint)
    await pufferFinalize(devnet.context, p(), (first.id as bigint) / p().batchSize)
    const second = await waitForRequestWithdrawal(
      pc(),
      await client.restaking.puffer.requestWithdrawal({ amount: parseEther('0.2') }),
    )
    const balance = await bal(deployment.vault, user.address)
    const rate = await client.restaking.puffer.getRate()
    const requests = await client.restaking.puffer.getWithdrawalRequests({ owner: user.address })
    const portfolio = await client.restaking.getPortfolio({ staker: user.address })
    expect(portfolio.holdings).toEqual([
      {
        kind: 'token',
        protocol: 'puffer',
        token: deployment.vault,
        balance,
        underlying: { asset: p().weth, amount: (balance * rate) / WAD },
      },
    ])
    expect(portfolio.withdrawals).toEqual([
      {
        kind: 'withdrawal',
        protocol: 'puffer',
        location: deployment.withdrawalManager,
        asset: p().weth,
        amount: requests[0]!.out,
        id: first.id,
        ready: true,
        readyAt: requests[0]!.readyAt,
      },
      {
        kind: 'withdrawal',
        protocol: 'puffer',
        location: deployment.withdrawalManager,
        asset: p().weth,
        amount: requests[1]!.out,
        id: second.id,
        ready: false,
        readyAt: null,
      },
    ])
    expect(requests.map((r) => r.status)).toEqual(['claimable', 'pending'])

    // the Puffer part costs two round trips on a batching transport (logs beside each read stage)
    let fetches = 0
    const counted = createPublicClient({
      chain: devnet.chain,
      transport: http(devnet.rpcUrl, { batch: true, onFetchRequest: () => void fetches++ }),
    }).extend(restakingActions({ protocols: [puffer], puffer: deployment }))
    const again = await counted.restaking.getPortfolio({ staker: user.address })
    expect(again.withdrawals).toEqual(portfolio.withdrawals)
    expect(fetches).toBeLessThanOrEqual(2)
    void artifact
  })
})
