// Kelp rsETH withdrawals through the adapter, on the devnet's LRTWithdrawalManager double (v5.1.0
// form): request → pending → claimable → claimed, Kelp's traps (FIFO per user per asset; completion
// needs nonce < nextLockedNonce and the block delay; an early unlockQueue unlocks nothing), bad
// input refused before sending, the version probe, the portfolio's withdrawal entries, getApr.
import {
  defaultPortfolioModules,
  getRestakingPortfolio,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  sendPreparedCalls,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import { kelpRestake, kelpUnlockQueue } from '@restakekit/devnet'
import { type Address, createPublicClient, http, parseAbi, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  DeploymentMismatchError,
  MinOutNotMetError,
  UnsupportedAssetError,
  WithdrawalRequestNotFoundError,
} from '../errors.js'
import { type LrtDevnet, useLrtEnv } from '../test/helpers.js'
import {
  claimWithdrawal,
  deposit,
  EIP1967_IMPLEMENTATION_SLOT,
  ETH_ADDRESS,
  getApr,
  getExitOptions,
  getRate,
  getWithdrawalForm,
  getWithdrawalRequests,
  KELP_REQUESTS_PER_STAGE,
  type KelpDeployment,
  kelp,
  prepareClaimWithdrawal,
  prepareRequestWithdrawal,
  previewWithdrawal,
  requestWithdrawal,
  simulateClaimWithdrawal,
  simulateRequestWithdrawal,
  WithdrawalLiquidityError,
  waitForClaimWithdrawal,
  waitForDeposit,
  waitForRequestWithdrawal,
} from './index.js'

type KelpDevnet = LrtDevnet<{ kelp: true }>

const oracleAbi = parseAbi(['function updateRSETHPrice()'])
const wmAdminAbi = parseAbi([
  'function setMinRsEthAmountToWithdraw(address asset, uint256 minRsEthAmountToWithdraw_)',
])

describe('kelp withdrawals (LRTWithdrawalManager double)', () => {
  const t = useLrtEnv({ kelp: true })
  let devnet: KelpDevnet
  let deployment: KelpDeployment
  let lst: Address
  let delay: bigint
  beforeAll(() => {
    devnet = t.devnet
    deployment = t.deployments.kelp
    lst = devnet.deployments.kelp.assets.lst
    delay = devnet.deployments.kelp.withdrawalDelayBlocks
  })

  const { pc, nonce } = t
  const rsBalance = (who: Address) => t.balanceOf(deployment.rsETH, who)
  const lstBalance = (who: Address) => t.balanceOf(lst, who)
  const unlock = (asset: Address, firstExcludedIndex?: bigint) =>
    kelpUnlockQueue(devnet.context, devnet.deployments.kelp, asset, firstExcludedIndex)
  /** A holder of rsETH: deposits `eth` ETH and `lstAmount` of the LST. */
  const holder = async (eth: bigint, lstAmount = 0n) => {
    const user = await devnet.newAccount({ tokens: { [lst]: lstAmount } })
    const w = devnet.walletClient(user)
    if (eth > 0n)
      await waitForDeposit(pc(), await deposit(w, { asset: ETH_ADDRESS, amount: eth, deployment }))
    if (lstAmount > 0n)
      await waitForDeposit(pc(), await deposit(w, { asset: lst, amount: lstAmount, deployment }))
    return { user, w }
  }
  const request = async (w: ReturnType<KelpDevnet['walletClient']>, asset: Address, amount: bigint) => {
    const r = await waitForRequestWithdrawal(pc(), await requestWithdrawal(w, { asset, amount, deployment }))
    expect(r.receipt.status).toBe('success')
    return r
  }
  /** Mines until a transaction sent next lands in block `block`. */
  const mineTo = async (block: bigint) => {
    const n = await pc().getBlockNumber()
    if (block - 1n > n) await devnet.mine(Number(block - 1n - n))
  }

  test('full cycle, ETH and the LST: request (rsETH approved) → pending → claimable → claimed, exact payouts', async () => {
    const amount = parseEther('2')
    const { user, w } = await holder(amount, amount)
    const rate = await getRate(pc(), { deployment })
    for (const asset of [ETH_ADDRESS, lst] as const) {
      const preview = await previewWithdrawal(pc(), { asset, amount: parseEther('1'), deployment })
      expect(preview).toMatchObject({ asset, minAmount: 0n, delayBlocks: delay })
      expect(preview.expectedOut).toBe((parseEther('1') * rate) / 10n ** 18n)
      const sim = await simulateRequestWithdrawal(pc(), {
        account: user.address,
        asset,
        amount: parseEther('1'),
        deployment,
      }).catch((e) => e)
      // simulate does not approve: no rsETH allowance to the manager yet (the first time)
      if (asset === ETH_ADDRESS) expect(sim.name).toBe('InsufficientAllowanceError')
    }
    const options = await getExitOptions(pc(), { asset: ETH_ADDRESS, amount: parseEther('1'), deployment })
    expect(options).toEqual({
      amount: parseEther('1'),
      value: (parseEther('1') * rate) / 10n ** 18n,
      options: [
        {
          kind: 'queue',
          asset: ETH_ADDRESS,
          expectedOut: (parseEther('1') * rate) / 10n ** 18n,
          fee: 0n,
          feeBps: 0n,
          readyAt: { block: (await pc().getBlockNumber()) + 1n + delay },
          available: true,
          reason: null,
        },
      ],
    })

    const ethReq = await request(w, ETH_ADDRESS, parseEther('1'))
    const lstReq = await request(w, lst, parseEther('1'))
    expect(ethReq.request).toMatchObject({
      asset: ETH_ADDRESS,
      owner: user.address,
      rsETHAmount: parseEther('1'),
    })
    expect(await rsBalance(user.address)).toBe(parseEther('2'))
    const ethStart = ethReq.receipt.blockNumber
    let list = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(list).toEqual([
      {
        id: ethReq.request!.id,
        asset: ETH_ADDRESS,
        owner: user.address,
        status: 'pending',
        rsETHAmount: parseEther('1'),
        amount: (parseEther('1') * rate) / 10n ** 18n,
        startBlock: ethStart,
        ready: false,
        readyAt: { block: ethStart + delay },
      },
      expect.objectContaining({ id: lstReq.request!.id, asset: lst, status: 'pending' }),
    ])

    // claim before ready: typed, with readyAt, nothing sent
    const before = await nonce(user.address)
    const early = await claimWithdrawal(w, { asset: ETH_ADDRESS, deployment }).catch((e) => e)
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect(early.readyAt).toEqual({ block: ethStart + delay })
    expect(early.now).toEqual({ block: await pc().getBlockNumber() })
    expect(await nonce(user.address)).toBe(before)

    await mineTo(lstReq.receipt.blockNumber + delay)
    await unlock(ETH_ADDRESS)
    await unlock(lst)
    list = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(list.map((r) => [r.status, r.ready])).toEqual([
      ['claimable', true],
      ['claimable', true],
    ])
    const sim = await simulateClaimWithdrawal(pc(), { account: user.address, asset: lst, deployment })
    expect(sim.next.id).toBe(lstReq.request!.id)

    const ethBefore = await pc().getBalance({ address: user.address })
    const ethClaim = await waitForClaimWithdrawal(
      pc(),
      await claimWithdrawal(w, { asset: ETH_ADDRESS, deployment }),
    )
    const gas = ethClaim.receipt.gasUsed * ethClaim.receipt.effectiveGasPrice
    expect(ethClaim.claimed).toEqual({
      owner: user.address,
      asset: ETH_ADDRESS,
      rsETHAmount: parseEther('1'),
      amount: list[0]!.amount,
    })
    expect(await pc().getBalance({ address: user.address })).toBe(ethBefore + list[0]!.amount - gas)
    const lstBefore = await lstBalance(user.address)
    await waitForClaimWithdrawal(
      pc(),
      await claimWithdrawal(w, { asset: lst, request: lstReq.request!.id, deployment }),
    )
    expect(await lstBalance(user.address)).toBe(lstBefore + list[1]!.amount)

    expect(await getWithdrawalRequests(pc(), { owner: user.address, deployment })).toEqual([])
    const all = await getWithdrawalRequests(pc(), { owner: user.address, includeClaimed: true, deployment })
    expect(all.map((r) => [r.asset, r.id, r.status, r.amount, r.ready])).toEqual(
      [
        [ETH_ADDRESS, ethReq.request!.id, 'claimed', list[0]!.amount, false],
        [lst, lstReq.request!.id, 'claimed', list[1]!.amount, false],
      ].sort((x, y) => ((x[0] as string).toLowerCase() < (y[0] as string).toLowerCase() ? -1 : 1)),
    )
    // nothing left: a claim is a typed error, nothing sent
    const n = await nonce(user.address)
    await expect(claimWithdrawal(w, { asset: ETH_ADDRESS, deployment })).rejects.toBeInstanceOf(
      WithdrawalRequestNotFoundError,
    )
    expect(await nonce(user.address)).toBe(n)
  })

  test('trap: FIFO per user per asset — the oldest is paid first, a later one is refused, assets are separate queues', async () => {
    const { user, w } = await holder(parseEther('6'), parseEther('1'))
    const r1 = await request(w, ETH_ADDRESS, parseEther('1'))
    const r2 = await request(w, ETH_ADDRESS, parseEther('2'))
    const r3 = await request(w, lst, parseEther('1'))
    await mineTo(r3.receipt.blockNumber + delay)
    await unlock(ETH_ADDRESS)
    await unlock(lst)
    const list = await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })
    // both unlocked, but only the oldest is ready: Kelp pays it first
    expect(list.map((r) => [r.id, r.status, r.ready])).toEqual([
      [r1.request!.id, 'claimable', true],
      [r2.request!.id, 'claimable', false],
    ])
    const before = await nonce(user.address)
    const later = await claimWithdrawal(w, { asset: ETH_ADDRESS, request: r2.request!.id, deployment }).catch(
      (e) => e,
    )
    expect(later).toBeInstanceOf(InvalidParameterError)
    expect(later.message).toMatch(/oldest first/)
    expect(await nonce(user.address)).toBe(before)
    // the LST queue is its own: claiming it leaves the ETH queue as it was
    await waitForClaimWithdrawal(pc(), await claimWithdrawal(w, { asset: lst, deployment }))
    expect(
      (await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })).length,
    ).toBe(2)
    // many: two completeWithdrawal calls, simulated as a whole, claim r1 then r2
    const prepared = prepareClaimWithdrawal({ asset: ETH_ADDRESS, count: 2, deployment })
    expect(prepared.map((c) => c.data.slice(0, 10))).toEqual(['0xd3a86833', '0xd3a86833'])
    const ethBefore = await pc().getBalance({ address: user.address })
    const sent = await sendPreparedCalls(w, { calls: prepared, mode: 'sequential' })
    expect(sent.hashes).toHaveLength(2)
    const after = await pc().getBalance({ address: user.address })
    // r1 + r2 paid (less gas): more than 3 ETH minus a generous gas bound
    expect(after - ethBefore).toBeGreaterThan(list[0]!.amount + list[1]!.amount - parseEther('0.01'))
    expect(after - ethBefore).toBeLessThanOrEqual(list[0]!.amount + list[1]!.amount)
    expect(await getWithdrawalRequests(pc(), { owner: user.address, deployment })).toEqual([])
  })

  test('trap: completion needs nonce < nextLockedNonce and the delay; unlockQueue before the delay unlocks nothing, no revert', async () => {
    const { user, w } = await holder(parseEther('2'))
    const r1 = await request(w, ETH_ADDRESS, parseEther('1'))
    // the operator unlocks too early: the transaction succeeds, nothing moves
    await unlock(ETH_ADDRESS)
    let [req] = await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })
    expect(req).toMatchObject({
      status: 'pending',
      ready: false,
      readyAt: { block: r1.receipt.blockNumber + delay },
    })
    // the delay passes, but no unlock yet: still locked (nonce ≥ nextLockedNonce)
    await mineTo(r1.receipt.blockNumber + delay + 2n)
    ;[req] = await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })
    expect(req?.status).toBe('pending')
    const before = await nonce(user.address)
    await expect(claimWithdrawal(w, { asset: ETH_ADDRESS, deployment })).rejects.toBeInstanceOf(
      WithdrawalNotReadyError,
    )
    expect(await nonce(user.address)).toBe(before)
    // a second request, then an unlock that excludes it: only the first is unlocked
    const r2 = await request(w, ETH_ADDRESS, parseEther('1'))
    await unlock(ETH_ADDRESS)
    const list = await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })
    expect(list.map((r) => [r.id, r.status])).toEqual([
      [r1.request!.id, 'claimable'],
      [r2.request!.id, 'pending'],
    ])
    await waitForClaimWithdrawal(pc(), await claimWithdrawal(w, { asset: ETH_ADDRESS, deployment }))
    const n = await nonce(user.address)
    const locked = await claimWithdrawal(w, { asset: ETH_ADDRESS, deployment }).catch((e) => e)
    expect(locked).toBeInstanceOf(WithdrawalNotReadyError)
    expect(locked.readyAt).toEqual({ block: r2.receipt.blockNumber + delay })
    expect(await nonce(user.address)).toBe(n)
  })

  test('bad input is refused before sending: minimum, unsupported asset, rsETH balance, minOut, liquidity, someone else’s request', async () => {
    const { user, w } = await holder(parseEther('2'), parseEther('2'))
    const other = await holder(parseEther('1'))
    const theirs = await request(other.w, ETH_ADDRESS, parseEther('1'))
    const before = await nonce(user.address)
    const id = await devnet.snapshot()
    try {
      await devnet.context.write({
        address: deployment.lrtWithdrawalManager!,
        abi: wmAdminAbi,
        functionName: 'setMinRsEthAmountToWithdraw',
        args: [ETH_ADDRESS, parseEther('0.5')],
      })
      const low = await requestWithdrawal(w, {
        asset: ETH_ADDRESS,
        amount: parseEther('0.1'),
        deployment,
      }).catch((e) => e)
      expect(low).toBeInstanceOf(InvalidAmountError)
      expect(low.message).toMatch(/minimum withdrawal/)
      const opt = await getExitOptions(pc(), { asset: ETH_ADDRESS, amount: parseEther('0.1'), deployment })
      expect(opt.options[0]).toMatchObject({ available: false, reason: expect.stringMatching(/minimum/) })
    } finally {
      await devnet.revert(id)
    }
    const usdc = devnet.deployments.tokens.usdc
    await expect(requestWithdrawal(w, { asset: usdc, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(previewWithdrawal(pc(), { asset: usdc, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(
      requestWithdrawal(w, { asset: ETH_ADDRESS, amount: parseEther('100'), deployment }),
    ).rejects.toBeInstanceOf(InsufficientBalanceError)
    // minOut above what Kelp expects to pay now
    const quote = await previewWithdrawal(pc(), { asset: ETH_ADDRESS, amount: parseEther('1'), deployment })
    const tooHigh = await requestWithdrawal(w, {
      asset: ETH_ADDRESS,
      amount: parseEther('1'),
      minOut: quote.expectedOut + 1n,
      deployment,
    }).catch((e) => e)
    expect(tooHigh).toBeInstanceOf(MinOutNotMetError)
    expect(tooHigh).toMatchObject({ minOut: quote.expectedOut + 1n, expectedOut: quote.expectedOut })
    // the pool's LST is restaked into EigenLayer: no liquidity for an LST request
    const pooled = await lstBalance(deployment.lrtDepositPool)
    await kelpRestake(devnet.context, devnet.deployments.kelp, pooled)
    const dry = await requestWithdrawal(w, { asset: lst, amount: parseEther('1'), deployment }).catch(
      (e) => e,
    )
    expect(dry).toBeInstanceOf(WithdrawalLiquidityError)
    expect(dry.available).toBe(0n)
    // someone else's request: not the sender's
    const notMine = await claimWithdrawal(w, {
      asset: ETH_ADDRESS,
      request: theirs.request!.id,
      deployment,
    }).catch((e) => e)
    expect(notMine).toBeInstanceOf(WithdrawalRequestNotFoundError)
    expect(notMine).toMatchObject({ protocol: 'Kelp', owner: user.address, requestId: theirs.request!.id })
    await expect(
      requestWithdrawal(w, { asset: ETH_ADDRESS, amount: 1n, deployment: { ...deployment, rsETH: lst } }),
    ).rejects.toBeInstanceOf(DeploymentMismatchError)
    expect(await nonce(user.address)).toBe(before)
  })

  test('version probe: the EIP-1967 implementation’s code picks the form, cached per address; prepare encodes each form', async () => {
    expect(await getWithdrawalForm(pc(), { deployment })).toBe('v5.1.0')
    // a proxy whose implementation dispatches only the 2024-07 selector (PUSH4 0xc8393ba9 …)
    const proxy = '0x00000000000000000000000000000000000c0de1' as const
    const impl = '0x00000000000000000000000000000000000c0de2' as const
    await devnet.context.testClient.setCode({ address: impl, bytecode: '0x63c8393ba914' })
    await devnet.context.testClient.setCode({ address: proxy, bytecode: '0x00' })
    await devnet.context.testClient.setStorageAt({
      address: proxy,
      index: EIP1967_IMPLEMENTATION_SLOT,
      value: `0x${impl.slice(2).padStart(64, '0')}`,
    })
    const old = { ...deployment, lrtWithdrawalManager: proxy }
    expect(await getWithdrawalForm(pc(), { deployment: old })).toBe('2024-07')
    // cached: the implementation changing under it does not cost another probe
    await devnet.context.testClient.setCode({ address: impl, bytecode: '0x00' })
    expect(await getWithdrawalForm(pc(), { deployment: old })).toBe('2024-07')
    const none = {
      ...deployment,
      lrtWithdrawalManager: '0x00000000000000000000000000000000000c0de3' as const,
    }
    await expect(getWithdrawalForm(pc(), { deployment: none })).rejects.toBeInstanceOf(
      DeploymentMismatchError,
    )

    const v5 = prepareRequestWithdrawal({ asset: ETH_ADDRESS, amount: 5n, deployment })
    expect(v5.map((c) => c.data.slice(0, 10))).toEqual(['0x095ea7b3', '0xc5a67b01'])
    const v2024 = prepareRequestWithdrawal({ asset: ETH_ADDRESS, amount: 5n, form: '2024-07', deployment })
    expect(v2024[1]?.data.slice(0, 10)).toBe('0xc8393ba9')
    expect(
      prepareClaimWithdrawal({ asset: ETH_ADDRESS, form: '2024-07', deployment })[0]?.data.slice(0, 10),
    ).toBe('0x6dbaf9ee')
  })

  test('more open requests than one stage reads: all listed, in FIFO order, with one more stage', async () => {
    const { user, w } = await holder(parseEther('1'))
    const n = KELP_REQUESTS_PER_STAGE + 2
    const ids: bigint[] = []
    for (let i = 0; i < n; i++)
      ids.push((await request(w, ETH_ADDRESS, parseEther('0.01') + BigInt(i))).request!.id)
    const list = await getWithdrawalRequests(pc(), { owner: user.address, asset: ETH_ADDRESS, deployment })
    expect(list.map((r) => r.id)).toEqual(ids)
    expect(list.map((r) => r.rsETHAmount)).toEqual(ids.map((_, i) => parseEther('0.01') + BigInt(i)))
  })

  test('portfolio: rsETH holding and withdrawal entries with readiness, beside EigenLayer, still 2 round trips', async () => {
    const { user, w } = await holder(parseEther('3'))
    const r1 = await request(w, ETH_ADDRESS, parseEther('1'))
    await mineTo(r1.receipt.blockNumber + delay)
    await unlock(ETH_ADDRESS)
    const r2 = await request(w, ETH_ADDRESS, parseEther('1'))
    const counter = { requests: 0 }
    const client = createPublicClient({
      chain: devnet.chain,
      transport: http(devnet.rpcUrl, { onFetchRequest: () => void counter.requests++ }),
    })
    // with EigenLayer's part beside Kelp's: their stages share each aggregate3
    const portfolio = await getRestakingPortfolio(client, {
      staker: user.address,
      protocols: [...defaultPortfolioModules, kelp],
      eigenlayer: { deployment: devnet.deployments.eigenlayer },
      symbiotic: false,
      karak: false,
      kelp: { deployment },
    })
    expect(counter.requests).toBe(2)
    expect(portfolio.errors).toEqual([])
    // EigenLayer's part was read (only the two turned off are skipped)
    expect(portfolio.skipped.map((s) => s.protocol).sort()).toEqual(['karak', 'symbiotic'])
    const open = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(portfolio.withdrawals).toEqual([
      {
        kind: 'withdrawal',
        protocol: 'kelp',
        location: deployment.lrtWithdrawalManager,
        asset: null,
        amount: open[0]!.amount,
        id: r1.request!.id,
        ready: true,
        readyAt: { block: r1.receipt.blockNumber + delay },
      },
      {
        kind: 'withdrawal',
        protocol: 'kelp',
        location: deployment.lrtWithdrawalManager,
        asset: null,
        amount: open[1]!.amount,
        id: r2.request!.id,
        ready: false,
        readyAt: { block: r2.receipt.blockNumber + delay },
      },
    ])
    expect(portfolio.holdings).toHaveLength(1)
    expect(portfolio.holdings[0]?.balance).toBe(await rsBalance(user.address))
    expect(portfolio.kelp?.withdrawalRequests).toEqual(open)
  })

  test('getApr: the rate read at two blocks, annualized exactly ({ fromBlock } and { days })', async () => {
    const { user } = await holder(parseEther('10'))
    expect(user).toBeDefined()
    const from = await pc().getBlock()
    // a day later, a reward of 1 % of the pool's ETH
    await devnet.context.testClient.increaseTime({ seconds: 86_400 })
    await devnet.mine(1)
    const pooled = await pc().getBalance({ address: deployment.lrtDepositPool })
    await devnet.fund(deployment.lrtDepositPool, { eth: pooled / 100n })
    await devnet.context.write({
      address: deployment.lrtOracle,
      abi: oracleAbi,
      functionName: 'updateRSETHPrice',
    })
    const to = await pc().getBlock()
    const r0 = await getRate(pc(), { deployment, blockNumber: from.number })
    const r1 = await getRate(pc(), { deployment })
    expect(r1).toBeGreaterThan(r0)
    const apr = await getApr(pc(), { fromBlock: from.number, deployment })
    expect(apr).toMatchObject({ fromBlock: from.number, toBlock: to.number, fromRate: r0, toRate: r1 })
    const dt = to.timestamp - from.timestamp
    // the rational equals (r1 − r0) × year / (r0 × dt), reduced
    expect(apr.apr.numerator * r0 * dt).toBe((r1 - r0) * 31_536_000n * apr.apr.denominator)
    expect(apr.aprFloat).toBeCloseTo(Number(r1 - r0) / Number(r0) / (Number(dt) / 31_536_000), 9)
    // { days: 1 } resolves, by timestamp, to the last block at or before a day before the end
    const byDays = await kelp.actions.getApr(pc(), { days: 1, deployment })
    expect(byDays.toBlock).toBe(to.number)
    expect(byDays.fromTimestamp).toBeLessThanOrEqual(to.timestamp - 86_400n)
    const next = await pc().getBlock({ blockNumber: byDays.fromBlock + 1n })
    expect(next.timestamp).toBeGreaterThan(to.timestamp - 86_400n)
    await expect(getApr(pc(), { days: 0, deployment })).rejects.toBeInstanceOf(InvalidParameterError)
  })
})
