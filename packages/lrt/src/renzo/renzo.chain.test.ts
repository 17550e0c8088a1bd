// Renzo ezETH through the adapter, on the devnet's Renzo doubles restaking into the real EigenLayer.
import { InsufficientBalanceError, InvalidParameterError, WithdrawalNotReadyError } from '@restakekit/core'
import { artifact, RENZO_IS_NATIVE, renzoSetCoolDownPeriod } from '@restakekit/devnet'
import { type Address, erc20Abi, type Hex, pad, parseAbi, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  DeploymentMismatchError,
  DepositLimitExceededError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
} from '../errors.js'
import {
  allocationWriteAbi as allocationAbi,
  delegationReadAbi as dmAbi,
  testAvsAbi,
  useLrtEnv,
} from '../test/helpers.js'
import {
  claimWithdrawal,
  claimWithdrawals,
  deposit,
  getBacking,
  getExitOptions,
  getRate,
  getSupportedAssets,
  getWithdrawalRequests,
  prepareClaimWithdrawal,
  prepareDeposit,
  prepareRequestWithdrawal,
  previewDeposit,
  previewWithdrawal,
  probeWithdrawQueueForm,
  RENZO_ETH_ADDRESS,
  type RenzoDeployment,
  RenzoPausedError,
  RenzoQueuedWithdrawalNotFilledError,
  requestWithdrawal,
  simulateClaimWithdrawal,
  simulateDeposit,
  waitForClaimWithdrawal,
  waitForDeposit,
  waitForRequestWithdrawal,
} from './index.js'

const WAD = 10n ** 18n
const rmAbi = parseAbi([
  'function calculateTVLs() view returns (uint256[][], uint256[], uint256)',
  'function setTokenTvlLimit(address _token, uint256 _limit)',
])
const wqAbi = parseAbi([
  'function coolDownPeriod() view returns (uint256)',
  'function claim(uint256 withdrawRequestIndex, address user)',
  'function withdrawRequests(address, uint256) view returns (address, uint256, uint256, uint256, uint256)',
  'error QueuedWithdrawalNotFilled()',
  'error EarlyClaim()',
])

describe('renzo (ezETH doubles on the real EigenLayer)', () => {
  const t = useLrtEnv({ renzo: true })
  let devnet: typeof t.devnet
  let deployment: RenzoDeployment
  let lst: Address
  beforeAll(async () => {
    devnet = t.devnet
    deployment = t.deployments.renzo
    lst = devnet.deployments.renzo.assets.lst
    // the cooldown is admin-set (7 days at deploy); the tests use 2 hours
    await renzoSetCoolDownPeriod(devnet.context, devnet.deployments.renzo, 7200n)
  })

  const { pc, nonce } = t
  const ez = (who: Address) => t.balanceOf(deployment.ezETH, who)
  const eth = (who: Address) => pc().getBalance({ address: who })
  const gasOf = async (hash: Hex) => {
    const r = await pc().waitForTransactionReceipt({ hash })
    return r.gasUsed * r.effectiveGasPrice
  }
  const later = async (seconds: bigint) => {
    await devnet.testClient.increaseTime({ seconds: Number(seconds) })
    await devnet.testClient.mine({ blocks: 1 })
  }
  /** A holder with `amount` ezETH (deposited as ETH). */
  const holder = async (amount: bigint) => {
    const user = await devnet.newAccount()
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(user), { asset: RENZO_ETH_ADDRESS, amount, minOut: 0n, deployment }),
    )
    return user
  }

  test('supported assets: ETH and the LST, withdrawable, no TVL limit set', async () => {
    const assets = await getSupportedAssets(pc(), { deployment })
    const r = devnet.deployments.renzo
    expect(assets).toEqual([
      {
        asset: RENZO_ETH_ADDRESS,
        native: true,
        depositLimit: null,
        remaining: null,
        minAmount: 0n,
        withdrawable: true,
        withdrawBufferTarget: r.bufferTarget,
      },
      {
        asset: lst,
        native: false,
        depositLimit: null,
        remaining: null,
        minAmount: 0n,
        withdrawable: true,
        withdrawBufferTarget: r.bufferTarget,
      },
    ])
  })

  test('deposit the LST: minOut above the mint refused before sending (no min-out argument), then exact ezETH at a moved rate', async () => {
    // first depositor, then a reward (ETH into the pool): the rate moves off 1e18
    await holder(parseEther('4'))
    await devnet.testClient.setBalance({
      address: deployment.restakeManager,
      value: (await eth(deployment.restakeManager)) + parseEther('2'),
    })
    const rate = await getRate(pc(), { deployment })
    expect(rate).toBe(parseEther('1.5')) // (4 + 2) ETH over 4 ezETH
    const [, , tvl] = await pc().readContract({
      address: deployment.restakeManager,
      abi: rmAbi,
      functionName: 'calculateTVLs',
    })
    const supply = await pc().readContract({
      address: deployment.ezETH,
      abi: erc20Abi,
      functionName: 'totalSupply',
    })
    expect(rate).toBe((tvl * WAD) / supply)

    const amount = parseEther('3')
    const user = await devnet.newAccount({ tokens: { [lst]: amount } })
    const wallet = devnet.walletClient(user)
    const preview = await previewDeposit(pc(), { asset: lst, amount, deployment })
    expect(preview).toBe((supply * amount) / tvl)
    const before = await nonce(user.address)
    const refused = await deposit(wallet, { asset: lst, amount, minOut: preview + 1n, deployment }).catch(
      (e) => e,
    )
    expect(refused).toBeInstanceOf(MinOutNotMetError)
    expect(refused).toMatchObject({ minOut: preview + 1n, expectedOut: preview })
    expect(await nonce(user.address)).toBe(before)
    const sim = await simulateDeposit(pc(), { account: user.address, asset: lst, amount, deployment }).catch(
      (e) => e,
    )
    expect(sim.name).toBe('InsufficientAllowanceError') // simulate does not approve

    const hash = await deposit(wallet, { asset: lst, amount, minOut: preview, referralId: 7n, deployment })
    const { receipt, events } = await waitForDeposit(pc(), hash)
    expect(receipt.status).toBe('success')
    expect(events.find((e) => e.eventName === 'Deposit')?.args).toEqual({
      depositor: user.address,
      token: lst,
      amount,
      ezETHMinted: preview,
      referralId: 7n,
    })
    expect(await ez(user.address)).toBe(preview)
    expect(await nonce(user.address)).toBe(before + 2) // the exact approval, then the deposit
  })

  test('deposit ETH: default minOut from the preview, exact ezETH, ETH spent', async () => {
    const user = await devnet.newAccount()
    const amount = parseEther('2')
    const expected = await previewDeposit(pc(), { asset: RENZO_ETH_ADDRESS, amount, deployment })
    const sim = await simulateDeposit(pc(), {
      account: user.address,
      asset: RENZO_ETH_ADDRESS,
      amount,
      deployment,
    })
    expect(sim.expectedOut).toBe(expected)
    expect(sim.minOut).toBe(expected - (expected * 50n) / 10_000n)
    const before = await eth(user.address)
    const hash = await deposit(devnet.walletClient(user), { asset: RENZO_ETH_ADDRESS, amount, deployment })
    await waitForDeposit(pc(), hash)
    expect(await ez(user.address)).toBe(expected)
    expect(await eth(user.address)).toBe(before - amount - (await gasOf(hash)))
  })

  test('bad input is refused before sending: unsupported asset, no balance, TVL limit, wrong deployment, unconfirmed', async () => {
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
    await expect(requestWithdrawal(wallet, { amount: 1n, asset: usdc, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(requestWithdrawal(wallet, { amount: 1n, deployment })).rejects.toBeInstanceOf(
      InsufficientBalanceError,
    )
    const notEz = await deposit(wallet, {
      asset: RENZO_ETH_ADDRESS,
      amount: 1n,
      deployment: { ...deployment, ezETH: devnet.deployments.tokens.weth },
    }).catch((e) => e)
    expect(notEz).toBeInstanceOf(DeploymentMismatchError)
    expect(notEz.found).toBe('WETH')
    const noCode = await deposit(wallet, {
      asset: RENZO_ETH_ADDRESS,
      amount: 1n,
      deployment: { ...deployment, restakeManager: user.address },
    }).catch((e) => e)
    expect(noCode).toBeInstanceOf(DeploymentMismatchError)
    expect(noCode.contract).toBe('RestakeManager')
    await expect(
      deposit(wallet, {
        asset: RENZO_ETH_ADDRESS,
        amount: 1n,
        deployment: { ...deployment, unconfirmed: true },
      }),
    ).rejects.toBeInstanceOf(UnverifiedDeploymentError)
    // a TVL limit on the LST (admin), then a deposit over it
    const id = await devnet.snapshot()
    try {
      const funded = await devnet.newAccount({ tokens: { [lst]: parseEther('5') } })
      const [tokenTVLs] = await pc().readContract({
        address: deployment.restakeManager,
        abi: rmAbi,
        functionName: 'calculateTVLs',
      })
      const current = tokenTVLs[0]![0]!
      await devnet.context.write({
        address: deployment.restakeManager,
        abi: rmAbi,
        functionName: 'setTokenTvlLimit',
        args: [lst, current + parseEther('1')],
      })
      const over = await deposit(devnet.walletClient(funded), {
        asset: lst,
        amount: parseEther('2'),
        deployment,
      }).catch((e) => e)
      expect(over).toBeInstanceOf(DepositLimitExceededError)
      expect(over.remaining).toBe(parseEther('1'))
      expect((await getSupportedAssets(pc(), { deployment }))[1]).toMatchObject({
        depositLimit: current + parseEther('1'),
        remaining: parseEther('1'),
      })
      expect(await nonce(funded.address)).toBe(0)
    } finally {
      await devnet.revert(id)
    }
    // paused by Renzo's admin: deposits and requests refused before sending
    const paused = await devnet.snapshot()
    try {
      const ezHolder = await holder(parseEther('1'))
      const pauseAbi = parseAbi(['function setPaused(bool _paused)', 'function pause()'])
      await devnet.context.write({
        address: deployment.restakeManager,
        abi: pauseAbi,
        functionName: 'setPaused',
        args: [true],
      })
      await devnet.context.write({ address: deployment.withdrawQueue, abi: pauseAbi, functionName: 'pause' })
      const p1 = await deposit(wallet, { asset: RENZO_ETH_ADDRESS, amount: 1n, deployment }).catch((e) => e)
      expect(p1).toBeInstanceOf(RenzoPausedError)
      expect(p1.contract).toBe('RestakeManager')
      const p2 = await requestWithdrawal(devnet.walletClient(ezHolder), { amount: 1n, deployment }).catch(
        (e) => e,
      )
      expect(p2).toBeInstanceOf(RenzoPausedError)
      expect(p2.contract).toBe('WithdrawQueue')
    } finally {
      await devnet.revert(paused)
    }
    expect(await nonce(user.address)).toBe(before)
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        asset: RENZO_ETH_ADDRESS,
        amount: 1000n,
        minOut: 0n,
        deployment: { ...deployment, unconfirmed: true },
        allowUnverified: true,
      }),
    )
    expect(await nonce(user.address)).toBe(before + 1)
  })

  test('prepare layers: the reference selectors, approvals included', () => {
    const eth = prepareDeposit({ asset: RENZO_ETH_ADDRESS, amount: 7n, deployment })
    expect(eth).toHaveLength(1)
    expect(eth[0]).toMatchObject({ to: deployment.restakeManager, value: 7n })
    expect(eth[0]?.data.slice(0, 10)).toBe('0xf6326fb3')
    const token = prepareDeposit({ asset: lst, amount: 7n, deployment })
    expect(token.map((c) => c.data.slice(0, 10))).toEqual(['0x095ea7b3', '0x47e7ef24'])
    const req = prepareRequestWithdrawal({ amount: 5n, deployment })
    expect(req.map((c) => [c.to, c.data.slice(0, 10)])).toEqual([
      [deployment.ezETH, '0x095ea7b3'],
      [deployment.withdrawQueue, '0x00f714ce'],
    ])
    expect(() => prepareClaimWithdrawal({ requestId: 1n, deployment })).toThrow(InvalidParameterError)
    const claim = prepareClaimWithdrawal({ requestId: 1n, index: 0n, owner: lst, deployment })
    expect(claim[0]?.data.slice(0, 10)).toBe('0xddd5e1b2')
    const v17 = prepareClaimWithdrawal({ requestId: 1n, index: 2n, form: 'v1.7', deployment })
    expect(v17[0]?.data).toBe(`0x379607f5${pad('0x2').slice(2)}`)
  })

  test('full cycle in ETH: request (approval included) → pending with readyAt from the cooldown read on chain → claim before ready refused → claimable → claimed', async () => {
    const user = await holder(parseEther('3'))
    const wallet = devnet.walletClient(user)
    expect(devnet.deployments.renzo.coolDownPeriod).toBe(7n * 86_400n)
    const amount = parseEther('1')
    const held = await ez(user.address)
    const preview = await previewWithdrawal(pc(), { amount, deployment })
    expect(preview.coolDownPeriod).toBe(7200n)
    expect(preview.queued).toBe(false)
    const options = await getExitOptions(pc(), { amount, deployment })
    expect(options.options).toHaveLength(1)
    const { timestamp: now } = await pc().getBlock()
    expect(options.options[0]).toMatchObject({
      kind: 'queue',
      expectedOut: preview.amount,
      fee: 0n,
      readyAt: { timestamp: now + 7200n },
    })
    const hash = await requestWithdrawal(wallet, { amount, deployment })
    const { request } = await waitForRequestWithdrawal(pc(), hash)
    expect(request).toMatchObject({
      owner: user.address,
      ezETHLocked: amount,
      amountAtRequest: preview.amount,
      index: 0n,
    })
    const block = await pc().getBlock({
      blockNumber: (await pc().waitForTransactionReceipt({ hash })).blockNumber,
    })
    const [pending] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(pending).toEqual({
      requestId: request!.requestId,
      owner: user.address,
      index: 0n,
      asset: RENZO_ETH_ADDRESS,
      ezETHLocked: amount,
      amount: preview.amount,
      amountAtRequest: preview.amount,
      createdAt: block.timestamp,
      status: 'pending',
      ready: false,
      readyAt: { timestamp: block.timestamp + 7200n },
      queued: false,
      queueShortfall: 0n,
    })
    // trap: the cooldown is read on chain: the admin changes it, readyAt follows
    const id = await devnet.snapshot()
    try {
      await renzoSetCoolDownPeriod(devnet.context, devnet.deployments.renzo, 3n * 3600n)
      const [moved] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
      expect(moved?.readyAt).toEqual({ timestamp: block.timestamp + 3n * 3600n })
    } finally {
      await devnet.revert(id)
    }
    // Renzo's risk-oracle middleware (v1.9+): the claim waits the larger cooldown, and so does readyAt
    const risk = await devnet.snapshot()
    try {
      const middleware = await devnet.context.deployArtifact('RenzoDoubleRiskOracleMiddleware', [4n * 3600n])
      await devnet.context.write({
        address: deployment.withdrawQueue,
        abi: parseAbi(['function setRiskOracleMiddleware(address middleware)']),
        functionName: 'setRiskOracleMiddleware',
        args: [middleware],
      })
      const [longer] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
      expect(longer?.readyAt).toEqual({ timestamp: block.timestamp + 4n * 3600n })
      await later(7200n)
      const n = await nonce(user.address)
      const waiting = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment }).catch(
        (e) => e,
      )
      expect(waiting).toBeInstanceOf(WithdrawalNotReadyError)
      expect(waiting.readyAt).toEqual({ timestamp: block.timestamp + 4n * 3600n })
      expect(await nonce(user.address)).toBe(n)
      // the contract agrees: EarlyClaim past coolDownPeriod, before the middleware's
      await expect(
        pc().simulateContract({
          account: user.address,
          address: deployment.withdrawQueue,
          abi: wqAbi,
          functionName: 'claim',
          args: [0n, user.address],
        }),
      ).rejects.toThrow(/EarlyClaim/)
    } finally {
      await devnet.revert(risk)
    }
    // claim before the cooldown: a typed error naming the ready time, nothing sent
    const before = await nonce(user.address)
    const early = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment }).catch((e) => e)
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect(early.readyAt).toEqual({ timestamp: block.timestamp + 7200n })
    expect(await nonce(user.address)).toBe(before)
    await later(7200n)
    const [claimable] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(claimable).toMatchObject({ status: 'claimable', ready: true })
    const ethBefore = await eth(user.address)
    const claim = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment })
    const { events } = await waitForClaimWithdrawal(pc(), claim)
    expect(events.find((e) => e.eventName === 'WithdrawRequestClaimed')).toBeDefined()
    expect(await eth(user.address)).toBe(ethBefore + preview.amount - (await gasOf(claim)))
    expect(await ez(user.address)).toBe(held - amount)
    expect(
      await getWithdrawalRequests(pc(), {
        owner: user.address,
        requestIds: [request!.requestId],
        deployment,
      }),
    ).toEqual([
      expect.objectContaining({
        requestId: request!.requestId,
        status: 'claimed',
        index: null,
        createdAt: block.timestamp,
      }),
    ])
  })

  test('an LST request pays the LST', async () => {
    const user = await holder(parseEther('2'))
    const wallet = devnet.walletClient(user)
    const amount = parseEther('1')
    const { amount: out } = await previewWithdrawal(pc(), { amount, asset: lst, deployment })
    const { request } = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount, asset: lst, deployment }),
    )
    await later(
      await pc().readContract({
        address: deployment.withdrawQueue,
        abi: wqAbi,
        functionName: 'coolDownPeriod',
      }),
    )
    await waitForClaimWithdrawal(
      pc(),
      await claimWithdrawal(wallet, { requestId: request!.requestId, deployment }),
    )
    expect(
      await pc().readContract({
        address: lst,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [user.address],
      }),
    ).toBe(out)
  })

  test('trap: the index moves after a claim (swap and pop) — claims by id resolve the index now; many claims re-resolve each', async () => {
    const user = await holder(parseEther('3'))
    const wallet = devnet.walletClient(user)
    const held = await ez(user.address)
    const ids: bigint[] = []
    for (const amount of [parseEther('0.5'), parseEther('0.6'), parseEther('0.7')]) {
      const { request } = await waitForRequestWithdrawal(
        pc(),
        await requestWithdrawal(wallet, { amount, deployment }),
      )
      ids.push(request!.requestId)
    }
    await later(7200n)
    // claim the first: the third moves to index 0
    await waitForClaimWithdrawal(pc(), await claimWithdrawal(wallet, { requestId: ids[0]!, deployment }))
    const open = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(open.map((r) => [r.requestId, r.index])).toEqual([
      [ids[2], 0n],
      [ids[1], 1n],
    ])
    // a stale index (the third's old one, 2) would revert on chain; by id it is found at 0
    const sim = await simulateClaimWithdrawal(pc(), { account: user.address, requestId: ids[2]!, deployment })
    expect(sim.withdrawalRequest.index).toBe(0n)
    expect(sim.withdrawalRequest.ezETHLocked).toBe(parseEther('0.7'))
    // both left, in one call: after the first lands, the second is re-resolved (it moved from 1 to 0)
    const ethBefore = await eth(user.address)
    const expected = open.reduce((s, r) => s + r.amount, 0n)
    const hashes = await claimWithdrawals(wallet, { requestIds: [ids[2]!, ids[1]!], deployment })
    expect(hashes).toHaveLength(2)
    let gas = 0n
    for (const h of hashes) gas += await gasOf(h)
    expect(await eth(user.address)).toBe(ethBefore + expected - gas)
    expect(await getWithdrawalRequests(pc(), { owner: user.address, deployment })).toEqual([])
    expect(await ez(user.address)).toBe(held - parseEther('1.8'))
  })

  test("someone else's request, an unknown id, and an empty claim list are typed errors before sending", async () => {
    const owner = await holder(parseEther('1'))
    const { request } = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(devnet.walletClient(owner), { amount: parseEther('0.5'), deployment }),
    )
    await later(7200n)
    const other = await holder(parseEther('1'))
    const wallet = devnet.walletClient(other)
    const before = await nonce(other.address)
    const theirs = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment }).catch(
      (e) => e,
    )
    expect(theirs).toBeInstanceOf(WithdrawalRequestNotFoundError)
    expect(theirs).toMatchObject({
      protocol: 'Renzo',
      requestId: request!.requestId,
      owner: other.address,
      open: [],
    })
    await expect(claimWithdrawal(wallet, { requestId: 10_000n, deployment })).rejects.toBeInstanceOf(
      WithdrawalRequestNotFoundError,
    )
    await expect(claimWithdrawals(wallet, { requestIds: [], deployment })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    await expect(claimWithdrawal(wallet, { requestId: 0n, deployment })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    expect(await nonce(other.address)).toBe(before)
    // many claims are all checked before the first is sent: with a foreign id among them, nothing is sent
    const { request: mine } = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.1'), deployment }),
    )
    await later(7200n)
    const sent = await nonce(other.address)
    const mixed = await claimWithdrawals(wallet, {
      requestIds: [mine!.requestId, request!.requestId],
      deployment,
    }).catch((e) => e)
    expect(mixed).toBeInstanceOf(WithdrawalRequestNotFoundError)
    expect(mixed.open).toEqual([mine!.requestId])
    expect(await nonce(other.address)).toBe(sent)
    // the HEAD form pays the owner whoever sends: another account may claim it for the owner
    const ownerEth = await eth(owner.address)
    const [open] = await getWithdrawalRequests(pc(), { owner: owner.address, deployment })
    await waitForClaimWithdrawal(
      pc(),
      await claimWithdrawal(wallet, { requestId: request!.requestId, owner: owner.address, deployment }),
    )
    expect(await eth(owner.address)).toBe(ownerEth + open!.amount)
  })

  test('trap: a request larger than the buffer is queued; QueuedWithdrawalNotFilled is a typed error before sending until deposits fill it', async () => {
    const whale = await holder(parseEther('40'))
    const wallet = devnet.walletClient(whale)
    const amount = parseEther('20')
    const preview = await previewWithdrawal(pc(), { amount, deployment })
    expect(preview.queued).toBe(true)
    expect(preview.available).toBeLessThan(preview.amount)
    const { request } = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount, deployment }),
    )
    expect(request?.queued).toBe(true)
    await later(7200n)
    const [queued] = await getWithdrawalRequests(pc(), { owner: whale.address, deployment })
    expect(queued).toMatchObject({ status: 'pending', ready: false, queued: true })
    expect(queued!.queueShortfall).toBe(preview.amount - preview.available)
    const before = await nonce(whale.address)
    const refused = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment }).catch(
      (e) => e,
    )
    expect(refused).toBeInstanceOf(RenzoQueuedWithdrawalNotFilledError)
    expect(refused.shortfall).toBe(queued!.queueShortfall)
    expect(await nonce(whale.address)).toBe(before)
    // the contract agrees
    await expect(
      pc().simulateContract({
        account: whale.address,
        address: deployment.withdrawQueue,
        abi: wqAbi,
        functionName: 'claim',
        args: [queued!.index!, whale.address],
      }),
    ).rejects.toThrow(/QueuedWithdrawalNotFilled/)
    // a deposit fills the queue first
    await holder(queued!.queueShortfall)
    const [filled] = await getWithdrawalRequests(pc(), { owner: whale.address, deployment })
    expect(filled).toMatchObject({ status: 'claimable', ready: true, queueShortfall: 0n })
    const ethBefore = await eth(whale.address)
    const claim = await claimWithdrawal(wallet, { requestId: request!.requestId, deployment })
    await waitForClaimWithdrawal(pc(), claim)
    expect(await eth(whale.address)).toBe(ethBefore + filled!.amount - (await gasOf(claim)))
  })

  test('version probe: the EIP-1967 implementation’s code picks claim(uint256,address) or claim(uint256)', async () => {
    const ctx = devnet.context
    expect(await probeWithdrawQueueForm(pc(), deployment.withdrawQueue)).toBe('head')
    const v17 = await ctx.deployArtifact('RenzoDoubleWithdrawQueueV17')
    const slot = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'
    // two "proxies": code of their own, the implementation in the EIP-1967 slot
    const proxyOld = '0x00000000000000000000000000000000000e2001' as const
    const proxyNew = '0x00000000000000000000000000000000000e2002' as const
    const proxyNone = '0x00000000000000000000000000000000000e2003' as const
    for (const p of [proxyOld, proxyNew, proxyNone])
      await devnet.testClient.setCode({ address: p, bytecode: '0x00' })
    await devnet.testClient.setStorageAt({ address: proxyOld, index: slot, value: pad(v17) })
    await devnet.testClient.setStorageAt({
      address: proxyNew,
      index: slot,
      value: pad(deployment.withdrawQueue),
    })
    await devnet.testClient.setStorageAt({ address: proxyNone, index: slot, value: pad(deployment.ezETH) })
    expect(await probeWithdrawQueueForm(pc(), proxyOld)).toBe('v1.7')
    expect(await probeWithdrawQueueForm(pc(), proxyNew)).toBe('head')
    await expect(probeWithdrawQueueForm(pc(), proxyNone)).rejects.toBeInstanceOf(DeploymentMismatchError)
    // cached per address: a changed implementation is not read again
    await devnet.testClient.setStorageAt({
      address: proxyOld,
      index: slot,
      value: pad(deployment.withdrawQueue),
    })
    expect(await probeWithdrawQueueForm(pc(), proxyOld)).toBe('v1.7')
  })

  const client = t.client

  test('portfolio: the ezETH balance valued in ETH and each request with its readiness, through the client', async () => {
    const user = await devnet.newAccount()
    const c = client(user)
    await c.restaking.renzo.waitForDeposit(
      await c.restaking.renzo.deposit({ asset: RENZO_ETH_ADDRESS, amount: parseEther('2') }),
    )
    const hash = await c.restaking.renzo.requestWithdrawal({ amount: parseEther('0.5') })
    const { request } = await c.restaking.renzo.waitForRequestWithdrawal(hash)
    const balance = await ez(user.address)
    const rate = await c.restaking.renzo.getRate()
    const [open] = await c.restaking.renzo.getWithdrawalRequests({ owner: user.address })
    const portfolio = await c.restaking.getPortfolio({ staker: user.address })
    expect(portfolio.holdings).toEqual([
      {
        kind: 'token',
        protocol: 'renzo',
        token: deployment.ezETH,
        balance,
        underlying: { asset: null, amount: (balance * rate) / WAD },
      },
    ])
    expect(portfolio.withdrawals).toEqual([
      {
        kind: 'withdrawal',
        protocol: 'renzo',
        location: deployment.withdrawQueue,
        asset: null,
        amount: open!.amount,
        id: request!.requestId,
        ready: false,
        readyAt: open!.readyAt,
      },
    ])
    expect(portfolio.renzo).toMatchObject({ token: deployment.ezETH, balance, rate })
  })

  test('getBacking and a real EigenLayer slash: the operator delegator’s shares, operator, and a lower rate', async () => {
    const r = devnet.deployments.renzo
    const el = devnet.deployments.eigenlayer
    const od = r.operatorDelegators[0]!
    // the LST beyond its withdraw buffer goes to the operator delegator and into EigenLayer
    const lstHolder = await devnet.newAccount({ tokens: { [lst]: parseEther('20') } })
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(lstHolder), { asset: lst, amount: parseEther('20'), deployment }),
    )
    const backing = await getBacking(pc(), { deployment })
    const [withdrawable, depositShares] = await pc().readContract({
      address: el.delegationManager,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [od, [r.strategy]],
    })
    expect(withdrawable[0]).toBeGreaterThan(0n)
    expect(backing).toEqual({
      total: 1,
      nextOffset: null,
      // one staker: the page's totals are its positions
      totals: [
        {
          strategy: r.strategy,
          asset: lst,
          shares: withdrawable[0],
          depositShares: depositShares[0],
          amount: expect.any(BigInt),
        },
      ],
      stakers: [
        {
          staker: od,
          operator: r.operator,
          positions: [
            {
              strategy: r.strategy,
              asset: lst,
              shares: withdrawable[0],
              depositShares: depositShares[0],
              amount: expect.any(BigInt),
            },
          ],
        },
      ],
    })
    expect(await getBacking(pc(), { deployment, offset: 1 })).toEqual({
      stakers: [],
      totals: [],
      total: 1,
      nextOffset: null,
    })
    // an AVS slashes the whole allocation: half of the operator's magnitude in the strategy
    const ctx = devnet.context
    const avs = await ctx.deployArtifact('EigenLayerTestAvs', [el.allocationManager])
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'setup',
      args: ['ipfs://renzo-avs', 1, [r.strategy]],
    })
    await ctx.write({
      address: el.allocationManager,
      abi: allocationAbi,
      functionName: 'registerForOperatorSets',
      args: [r.operator, { avs, operatorSetIds: [1], data: '0x' }],
      from: r.operator,
    })
    await ctx.write({
      address: el.allocationManager,
      abi: allocationAbi,
      functionName: 'modifyAllocations',
      args: [
        r.operator,
        [{ operatorSet: { avs, id: 1 }, strategies: [r.strategy], newMagnitudes: [WAD / 2n] }],
      ],
      from: r.operator,
    })
    await devnet.testClient.mine({ blocks: 1 })
    const blockBefore = await pc().getBlockNumber()
    const rateBefore = await getRate(pc(), { deployment })
    const amountBefore = (await getBacking(pc(), { deployment })).stakers[0]!.positions[0]!.amount
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'slash',
      args: [r.operator, 1, [r.strategy], [WAD], 'restakekit renzo test slash'],
    })
    const after = await getBacking(pc(), { deployment })
    const [slashed] = await pc().readContract({
      address: el.delegationManager,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [od, [r.strategy]],
    })
    expect(after.stakers[0]!.positions[0]!.shares).toBe(slashed[0])
    expect(slashed[0]).toBeLessThanOrEqual(withdrawable[0]! / 2n + 1n)
    const lost = amountBefore - after.stakers[0]!.positions[0]!.amount
    expect(lost).toBeGreaterThan(0n)
    const rateAfter = await getRate(pc(), { deployment })
    const supply = await pc().readContract({
      address: deployment.ezETH,
      abi: erc20Abi,
      functionName: 'totalSupply',
    })
    // the rate is TVL over supply, so it falls by exactly the lost value over the supply (± rounding)
    const drop = rateBefore - rateAfter - (lost * WAD) / supply
    expect(drop >= -1n && drop <= 1n).toBe(true)
    // the historical rate is still readable at a past block
    expect(await getRate(pc(), { deployment, blockNumber: blockBefore })).toBe(rateBefore)
    expect(artifact('RenzoDoubleWithdrawQueue').abi.length).toBeGreaterThan(0)
    expect(RENZO_IS_NATIVE).toBe(RENZO_ETH_ADDRESS)
  })
})
