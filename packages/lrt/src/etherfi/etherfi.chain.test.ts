// ether.fi eETH / weETH through the adapter, on the devnet's ether.fi doubles (a node restaking an
// ERC-20 stand-in into the real EigenLayer). The deployer plays EtherFiAdmin (rebase, finalize).
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidParameterError,
  restakingActions,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import { etherfiFinalize, etherfiRebase, etherfiRestake } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  decodeFunctionData,
  type Hex,
  http,
  parseAbi,
  parseEther,
} from 'viem'
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
  ETHERFI_ETH,
  type EtherFiDeployment,
  etherfi,
  getBacking,
  getExitOptions,
  getRate,
  getSupportedAssets,
  getWithdrawalRequests,
  instantExit,
  prepareClaimWithdrawal,
  prepareDeposit,
  prepareInstantExit,
  prepareRequestWithdrawal,
  previewDeposit,
  previewInstantExit,
  previewWithdrawal,
  probeRedemptionForm,
  requestWithdrawal,
  simulateDeposit,
  simulateRequestWithdrawal,
  unwrap,
  waitForClaimWithdrawal,
  waitForDeposit,
  waitForInstantExit,
  waitForRequestWithdrawal,
  waitForUnwrap,
  waitForWrap,
  wrap,
} from './index.js'

const WAD = 10n ** 18n
const nftAbi = parseAbi([
  'function isFinalized(uint256 requestId) view returns (bool)',
  'function getRequest(uint256 requestId) view returns ((uint96 amountOfEEth, uint96 shareOfEEth, bool isValid, uint32 feeGwei))',
])
const invalidateAbi = parseAbi(['function invalidateRequest(uint256 requestId)'])
const rmAdminAbi = parseAbi(['function setCapacity(uint256 capacity, address token)'])
const approveAbi = parseAbi(['function approve(address spender, uint256 amount) returns (bool)'])

describe('etherfi (eETH / weETH doubles on the real EigenLayer)', () => {
  const t = useLrtEnv({ etherfi: true })
  let devnet: typeof t.devnet
  let deployment: EtherFiDeployment
  beforeAll(() => {
    devnet = t.devnet
    deployment = t.deployments.etherfi
  })

  const { pc, nonce, balanceOf: bal } = t
  const ef = () => devnet.deployments.etherfi
  const ethOf = (who: Address) => pc().getBalance({ address: who })
  const gasOf = (r: { gasUsed: bigint; effectiveGasPrice: bigint }) => r.gasUsed * r.effectiveGasPrice
  /** A funded account with `eth` deposited for eETH. */
  const holder = async (eth: bigint) => {
    const user = await devnet.newAccount()
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(user), { asset: ETHERFI_ETH, amount: eth, deployment }),
    )
    return user
  }

  test('supported assets and deposit of ETH: minOut too high refused before sending, then the exact eETH', async () => {
    expect(await getSupportedAssets(pc(), { deployment })).toEqual([
      { asset: ETHERFI_ETH, native: true, token: deployment.eETH, minAmount: 1n, remaining: null },
    ])
    // a first depositor and a reward: the rate moves off 1e18
    await holder(parseEther('10'))
    const before = await pc().getBlockNumber()
    const rateBefore = await getRate(pc(), { deployment })
    expect(rateBefore).toBe(WAD)
    await etherfiRebase(devnet.context, ef(), parseEther('0.5'))
    const rate = await getRate(pc(), { deployment })
    expect(rate).toBe(parseEther('1.05'))
    // the rate at an older block (for an APR over two blocks)
    expect(await getRate(pc(), { deployment, blockNumber: before })).toBe(rateBefore)

    const user = await devnet.newAccount()
    const amount = parseEther('2.1')
    const preview = await previewDeposit(pc(), { asset: ETHERFI_ETH, amount, deployment })
    expect(preview.shares).toBe(parseEther('2'))
    const n = await nonce(user.address)
    const refused = await deposit(devnet.walletClient(user), {
      asset: ETHERFI_ETH,
      amount,
      minOut: preview.amount + 1n,
      deployment,
    }).catch((e) => e)
    expect(refused).toBeInstanceOf(MinOutNotMetError)
    expect(refused).toMatchObject({ minOut: preview.amount + 1n, expectedOut: preview.amount })
    expect(await nonce(user.address)).toBe(n)

    const sim = await simulateDeposit(pc(), { account: user.address, asset: ETHERFI_ETH, amount, deployment })
    expect(sim.result).toBe(preview.shares)
    expect(sim.expectedOut).toBe(preview.amount)
    const ethBefore = await ethOf(user.address)
    const { receipt, events } = await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(user), {
        asset: ETHERFI_ETH,
        amount,
        minOut: preview.amount,
        deployment,
      }),
    )
    expect(events.find((e) => e.eventName === 'Deposit')?.args).toEqual({
      sender: user.address,
      amount,
      source: 0,
      referral: '0x0000000000000000000000000000000000000000',
    })
    expect(await bal(deployment.eETH, user.address)).toBe(preview.amount)
    expect(await ethOf(user.address)).toBe(ethBefore - amount - gasOf(receipt))
    // prepare: one payable call, deposit() — or deposit(referral)
    const [call] = prepareDeposit({ asset: ETHERFI_ETH, amount, deployment })
    expect(call).toMatchObject({ to: deployment.liquidityPool, value: amount, data: '0xd0e30db0' })
  })

  test('bad input is a typed error before sending: unsupported asset, no balance, wrong deployment, unconfirmed', async () => {
    const user = await devnet.newAccount({ eth: parseEther('1') })
    const w = devnet.walletClient(user)
    const n = await nonce(user.address)
    const weth = devnet.deployments.tokens.weth
    await expect(deposit(w, { asset: weth, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(previewDeposit(pc(), { asset: weth, amount: 1n, deployment })).rejects.toBeInstanceOf(
      UnsupportedAssetError,
    )
    await expect(
      deposit(w, { asset: ETHERFI_ETH, amount: parseEther('5'), deployment }),
    ).rejects.toBeInstanceOf(InsufficientBalanceError)
    const notEETH = await deposit(w, {
      asset: ETHERFI_ETH,
      amount: 1000n,
      deployment: { ...deployment, eETH: weth },
    }).catch((e) => e)
    expect(notEETH).toBeInstanceOf(DeploymentMismatchError)
    expect(notEETH.found).toBe('WETH')
    const noCode = await deposit(w, {
      asset: ETHERFI_ETH,
      amount: 1000n,
      deployment: { ...deployment, liquidityPool: user.address },
    }).catch((e) => e)
    expect(noCode).toBeInstanceOf(DeploymentMismatchError)
    expect(noCode.contract).toBe('LiquidityPool')
    await expect(
      deposit(w, { asset: ETHERFI_ETH, amount: 1000n, deployment: { ...deployment, unconfirmed: true } }),
    ).rejects.toBeInstanceOf(UnverifiedDeploymentError)
    await expect(requestWithdrawal(w, { amount: 1n, deployment })).rejects.toBeInstanceOf(
      InsufficientBalanceError,
    )
    await expect(claimWithdrawal(w, { ids: [], deployment })).rejects.toBeInstanceOf(InvalidParameterError)
    expect(await nonce(user.address)).toBe(n)
  })

  test('wrap and unwrap: the exact eETH approval to weETH, weETH at the rate, back to eETH', async () => {
    const user = await holder(parseEther('3'))
    const w = devnet.walletClient(user)
    const eeth = await bal(deployment.eETH, user.address)
    const rate = await getRate(pc(), { deployment })
    const wrapped = await waitForWrap(pc(), await wrap(w, { amount: eeth, deployment }))
    expect(wrapped.receipt.status).toBe('success')
    const weeth = await bal(deployment.weETH, user.address)
    expect(weeth).toBe((eeth * WAD) / rate)
    expect(await bal(deployment.eETH, user.address)).toBeLessThanOrEqual(1n)
    await waitForUnwrap(pc(), await unwrap(w, { amount: weeth / 2n, deployment }))
    expect(await bal(deployment.weETH, user.address)).toBe(weeth - weeth / 2n)
    const back = await bal(deployment.eETH, user.address)
    expect(back).toBeGreaterThanOrEqual(((weeth / 2n) * rate) / WAD - 2n)
    expect(back).toBeLessThanOrEqual(((weeth / 2n) * rate) / WAD + 2n)
  })

  test('request → pending → claimable → claimed: approval to the pool, id from the NFT, isFinalized stays true', async () => {
    const user = await holder(parseEther('4'))
    const stranger = await devnet.newAccount()
    const w = devnet.walletClient(user)
    const amount = parseEther('1.5')

    // trap: the pool pulls eETH with the allowance to the LiquidityPool; simulate does not approve
    const noAllowance = await simulateRequestWithdrawal(pc(), {
      account: user.address,
      amount,
      deployment,
    }).catch((e) => e)
    expect(noAllowance).toBeInstanceOf(InsufficientAllowanceError)
    const calls = prepareRequestWithdrawal({ account: user.address, amount, deployment })
    expect(calls).toHaveLength(2)
    expect(calls[0]?.to).toBe(deployment.eETH)
    expect(decodeFunctionData({ abi: approveAbi, data: calls[0]!.data }).args).toEqual([
      deployment.liquidityPool,
      amount,
    ])
    expect(calls[1]).toMatchObject({ to: deployment.liquidityPool })
    expect(calls[1]?.data.slice(0, 10)).toBe('0x397a1b28')

    const quote = await previewWithdrawal(pc(), { amount, deployment })
    const sent = await waitForRequestWithdrawal(pc(), await requestWithdrawal(w, { amount, deployment }))
    // trap: the request id comes from the NFT (its WithdrawRequestCreated), not from the pool
    const id = sent.requestId as bigint
    expect(id).toBeGreaterThan(0n)
    expect(sent.owner).toBe(user.address)
    let requests = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(requests).toEqual([
      {
        id,
        owner: user.address,
        status: 'pending',
        valid: true,
        amount,
        shares: quote.shares,
        claimable: null,
        ready: false,
        // finalization is EtherFiAdmin's call: no time is knowable on chain
        readyAt: null,
      },
    ])

    // claim before ready, and someone else's request: typed errors, nothing sent
    const n = await nonce(user.address)
    const early = await claimWithdrawal(w, { ids: id, deployment }).catch((e) => e)
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect(early.id).toBe(id)
    expect(await nonce(user.address)).toBe(n)
    const sn = await nonce(stranger.address)
    await etherfiFinalize(devnet.context, ef(), id)
    const theirs = await claimWithdrawal(devnet.walletClient(stranger), { ids: id, deployment }).catch(
      (e) => e,
    )
    expect(theirs).toBeInstanceOf(WithdrawalRequestNotOwnedError)
    expect(theirs).toMatchObject({
      name: 'WithdrawalRequestNotOwnedError',
      protocol: 'ether.fi',
      requestId: id,
      owner: user.address,
      account: stranger.address,
    })
    expect(await nonce(stranger.address)).toBe(sn)

    requests = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(requests[0]).toMatchObject({ id, status: 'claimable', claimable: quote.amountOut, ready: true })
    const ethBefore = await ethOf(user.address)
    const claimed = await waitForClaimWithdrawal(pc(), await claimWithdrawal(w, { ids: id, deployment }))
    expect(await ethOf(user.address)).toBe(ethBefore + quote.amountOut - gasOf(claimed.receipt))
    expect(claimed.events.find((e) => e.eventName === 'WithdrawRequestClaimed')?.args).toMatchObject({
      requestId: Number(id),
      amountOfEEth: quote.amountOut,
      owner: user.address,
    })
    // trap: isFinalized stays true after the claim; the adapter reads getRequest().isValid (false now)
    expect(
      await pc().readContract({
        address: deployment.withdrawRequestNFT,
        abi: nftAbi,
        functionName: 'isFinalized',
        args: [id],
      }),
    ).toBe(true)
    const request = await pc().readContract({
      address: deployment.withdrawRequestNFT,
      abi: nftAbi,
      functionName: 'getRequest',
      args: [id],
    })
    expect(request.isValid).toBe(false)
    requests = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(requests).toEqual([
      expect.objectContaining({
        id,
        status: 'claimed',
        amount: quote.amountOut,
        claimable: null,
        ready: false,
      }),
    ])
    const again = await claimWithdrawal(w, { ids: id, deployment }).catch((e) => e)
    // the NFT is burnt by the claim: the request is no longer found
    expect(again).toBeInstanceOf(WithdrawalRequestNotFoundError)
    expect(again).toMatchObject({ protocol: 'ether.fi', requestId: id, owner: user.address })
  })

  test('an invalidated request: isFinalized turns true yet it is not claimable (getRequest().isValid is false)', async () => {
    const user = await holder(parseEther('2'))
    const w = devnet.walletClient(user)
    const id = (
      await waitForRequestWithdrawal(
        pc(),
        await requestWithdrawal(w, { amount: parseEther('1'), deployment }),
      )
    ).requestId as bigint
    await devnet.context.write({
      address: deployment.withdrawRequestNFT,
      abi: invalidateAbi,
      functionName: 'invalidateRequest',
      args: [id],
    })
    await etherfiFinalize(devnet.context, ef(), id)
    expect(
      await pc().readContract({
        address: deployment.withdrawRequestNFT,
        abi: nftAbi,
        functionName: 'isFinalized',
        args: [id],
      }),
    ).toBe(true)
    const [request] = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    expect(request).toMatchObject({ id, status: 'pending', valid: false, claimable: null, ready: false })
    const n = await nonce(user.address)
    await expect(claimWithdrawal(w, { ids: id, deployment })).rejects.toBeInstanceOf(WithdrawalNotReadyError)
    expect(await nonce(user.address)).toBe(n)
  })

  test('claim several at once: batchClaimWithdraw, each claimable paid', async () => {
    const user = await holder(parseEther('3'))
    const w = devnet.walletClient(user)
    const a = (
      await waitForRequestWithdrawal(
        pc(),
        await requestWithdrawal(w, { amount: parseEther('1'), deployment }),
      )
    ).requestId as bigint
    const b = (
      await waitForRequestWithdrawal(
        pc(),
        await requestWithdrawal(w, { amount: parseEther('0.5'), deployment }),
      )
    ).requestId as bigint
    expect(b).toBe(a + 1n)
    // finalizing up to a only: b is still pending, so the batch is refused before sending
    await etherfiFinalize(devnet.context, ef(), a)
    const n = await nonce(user.address)
    const partial = await claimWithdrawal(w, { ids: [a, b], deployment }).catch((e) => e)
    expect(partial).toBeInstanceOf(WithdrawalNotReadyError)
    expect(partial.id).toBe(b)
    expect(await nonce(user.address)).toBe(n)
    await etherfiFinalize(devnet.context, ef(), b)
    const [call] = prepareClaimWithdrawal({ ids: [a, b], deployment })
    expect(call?.to).toBe(deployment.withdrawRequestNFT)
    const held = await getWithdrawalRequests(pc(), { owner: user.address, deployment })
    const total = held.reduce((s, r) => s + (r.claimable ?? 0n), 0n)
    const ethBefore = await ethOf(user.address)
    const done = await waitForClaimWithdrawal(pc(), await claimWithdrawal(w, { ids: [a, b], deployment }))
    expect(done.events.filter((e) => e.eventName === 'WithdrawRequestClaimed')).toHaveLength(2)
    expect(await ethOf(user.address)).toBe(ethBefore + total - gasOf(done.receipt))
    expect(
      (await getWithdrawalRequests(pc(), { owner: user.address, deployment })).map((r) => r.status),
    ).toEqual(['claimed', 'claimed'])
  })

  test('instant exit with its fee quote, exit options, minOut and liquidity refused before sending', async () => {
    const user = await holder(parseEther('3'))
    const w = devnet.walletClient(user)
    const amount = parseEther('1')
    const options = await getExitOptions(pc(), { amount, deployment })
    const quote = await previewInstantExit(pc(), { amount, deployment })
    expect(quote.form).toBe('v2026-03')
    expect(quote.feeBps).toBe(30n)
    expect(quote.amountOut).toBe(quote.value - (quote.value * 30n) / 10_000n)
    const [queue, instant] = options.options
    expect(options).toMatchObject({ amount, value: quote.value })
    expect(queue).toEqual({
      kind: 'queue',
      asset: ETHERFI_ETH,
      expectedOut: (await previewWithdrawal(pc(), { amount, deployment })).amountOut,
      fee: 0n,
      feeBps: 0n,
      available: true,
      reason: null,
      // finalization is EtherFiAdmin's call: no time is knowable on chain
      readyAt: null,
    })
    expect(instant).toEqual({
      kind: 'instant',
      asset: ETHERFI_ETH,
      expectedOut: quote.amountOut,
      fee: quote.fee,
      feeBps: 30n,
      available: true,
      reason: null,
    })
    expect(queue!.expectedOut).toBeGreaterThan(quote.amountOut)

    const n = await nonce(user.address)
    const tooHigh = await instantExit(w, { amount, minOut: quote.amountOut + 1n, deployment }).catch((e) => e)
    expect(tooHigh).toBeInstanceOf(MinOutNotMetError)
    expect(await nonce(user.address)).toBe(n)
    // the ETH goes to the receiver: exactly the quote
    const receiver = await devnet.newAccount({ eth: 0n })
    const eethBefore = await bal(deployment.eETH, user.address)
    const ethBefore = await ethOf(receiver.address)
    const exit = await waitForInstantExit(
      pc(),
      await instantExit(w, { amount, minOut: quote.amountOut, receiver: receiver.address, deployment }),
    )
    expect(await ethOf(receiver.address)).toBe(ethBefore + quote.amountOut)
    // the eETH spent is the amount; the stakers' part of the fee stays in the pool and lifts what is left
    const eethAfter = await bal(deployment.eETH, user.address)
    expect(eethAfter).toBeGreaterThanOrEqual(eethBefore - amount)
    expect(eethAfter).toBeLessThanOrEqual(eethBefore - amount + quote.fee)
    expect(exit.events.find((e) => e.eventName === 'Redeemed')?.args).toMatchObject({
      receiver: receiver.address,
      redemptionAmount: quote.amountOut,
      token: ETHERFI_ETH,
    })
    expect(prepareInstantExit({ amount, deployment, account: user.address })[1]?.data.slice(0, 10)).toBe(
      '0x6dcc078e',
    )

    // the rate limit: a bucket of 0.1 ETH (in gwei) refuses a 1 ETH exit before sending
    const id = await devnet.snapshot()
    try {
      await devnet.context.write({
        address: deployment.redemptionManager!,
        abi: rmAdminAbi,
        functionName: 'setCapacity',
        args: [100_000_000n, ETHERFI_ETH],
      })
      const n2 = await nonce(user.address)
      const limited = await instantExit(w, { amount, deployment }).catch((e) => e)
      expect(limited).toBeInstanceOf(InstantExitUnavailableError)
      expect(limited.available).toBe(parseEther('0.1'))
      expect(await nonce(user.address)).toBe(n2)
      expect((await getExitOptions(pc(), { amount, deployment })).options[1]).toMatchObject({
        kind: 'instant',
        available: false,
        reason: expect.stringMatching(/redeemable/),
      })
    } finally {
      await devnet.revert(id)
    }
  })

  test('version probing: the redemption manager form from the implementation’s code (EIP-1967), both forms redeem', async () => {
    expect(await probeRedemptionForm(pc(), ef().redemptionManager)).toBe('v2026-03')
    expect(await probeRedemptionForm(pc(), ef().redemptionManagerV2025)).toBe('v2025-03')
    // a proxy-like address whose EIP-1967 slot points at the 2025-03 implementation
    const proxy = '0x00000000000000000000000000000000000e1f01' as Address
    await devnet.testClient.setCode({ address: proxy, bytecode: '0x60006000fd' as Hex })
    await devnet.testClient.setStorageAt({
      address: proxy,
      index: '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc',
      value: `0x${ef().redemptionManagerV2025.slice(2).toLowerCase().padStart(64, '0')}` as Hex,
    })
    expect(await probeRedemptionForm(pc(), proxy)).toBe('v2025-03')
    const noForm = await probeRedemptionForm(pc(), deployment.eETH).catch((e) => e)
    expect(noForm).toBeInstanceOf(DeploymentMismatchError)

    // the 2025-03 form end to end: weETH redeemed with the two-argument call, a four-field Redeemed
    const old = { ...deployment, redemptionManager: ef().redemptionManagerV2025 }
    const user = await holder(parseEther('2'))
    const w = devnet.walletClient(user)
    await waitForWrap(pc(), await wrap(w, { amount: parseEther('1'), deployment }))
    const weeth = await bal(deployment.weETH, user.address)
    const quote = await previewInstantExit(pc(), { amount: weeth, token: 'weETH', deployment: old })
    expect(quote).toMatchObject({ form: 'v2025-03', feeBps: 30n, possible: true })
    const exit = await waitForInstantExit(
      pc(),
      await instantExit(w, { amount: weeth, token: 'weETH', deployment: old }),
    )
    const redeemed = exit.events.find((e) => e.eventName === 'Redeemed')
    expect(Object.keys(redeemed?.args ?? {})).toEqual([
      'receiver',
      'redemptionAmount',
      'feeAmountToTreasury',
      'feeAmountToStakers',
    ])
    expect(redeemed?.args).toMatchObject({ receiver: user.address, redemptionAmount: quote.amountOut })
    expect(await bal(deployment.weETH, user.address)).toBe(0n)
    expect(
      prepareInstantExit({
        amount: 1n,
        token: 'weETH',
        form: 'v2025-03',
        deployment: old,
        account: user.address,
      })[1]?.data.slice(0, 10),
    ).toBe('0xd3714d82')
  })

  const getClient = t.client

  test('portfolio: eETH and weETH holdings in ETH, and withdrawal requests with readiness', async () => {
    const user = await devnet.newAccount()
    const client = getClient(user)
    await client.restaking.etherfi.waitForDeposit(
      await client.restaking.etherfi.deposit({ asset: ETHERFI_ETH, amount: parseEther('3') }),
    )
    await waitForWrap(pc(), await client.restaking.etherfi.wrap({ amount: parseEther('1') }))
    const sent = await waitForRequestWithdrawal(
      pc(),
      await client.restaking.etherfi.requestWithdrawal({ amount: parseEther('0.5') }),
    )
    const id = sent.requestId as bigint
    const rate = await getRate(pc(), { deployment })
    const eeth = await bal(deployment.eETH, user.address)
    const weeth = await bal(deployment.weETH, user.address)
    const pending = await client.restaking.getPortfolio({ staker: user.address })
    expect(pending.holdings).toEqual([
      {
        kind: 'token',
        protocol: 'etherfi',
        token: deployment.eETH,
        balance: eeth,
        underlying: { asset: null, amount: eeth },
      },
      {
        kind: 'token',
        protocol: 'etherfi',
        token: deployment.weETH,
        balance: weeth,
        underlying: { asset: null, amount: (weeth * rate) / WAD },
      },
    ])
    expect(pending.withdrawals).toEqual([
      expect.objectContaining({
        kind: 'withdrawal',
        protocol: 'etherfi',
        id,
        amount: parseEther('0.5'),
        ready: false,
        readyAt: null,
      }),
    ])
    await etherfiFinalize(devnet.context, ef(), id)
    const ready = await client.restaking.getPortfolio({ staker: user.address })
    const block = await pc().getBlockNumber()
    expect(ready.withdrawals).toEqual([
      {
        kind: 'withdrawal',
        protocol: 'etherfi',
        location: deployment.withdrawRequestNFT,
        asset: null,
        amount: (await getWithdrawalRequests(pc(), { owner: user.address, deployment }))[0]!.claimable,
        id,
        ready: true,
        readyAt: { block },
      },
    ])
    expect(ready.etherfi?.requests[0]?.status).toBe('claimable')

    // round trips: the balance stage beside the NFT log scan (one JSON-RPC batch), then the requests' stage
    for (const [batch, expected] of [
      [true, 2],
      [false, 3],
    ] as const) {
      let requests = 0
      const transport = http(devnet.rpcUrl, {
        ...(batch ? { batch: true } : {}),
        onFetchRequest: () => void requests++,
      })
      const counted = createPublicClient({ chain: devnet.chain, transport }).extend(
        restakingActions({ protocols: [etherfi], etherfi: deployment }),
      )
      const again = await counted.restaking.getPortfolio({ staker: user.address })
      expect(again.withdrawals).toEqual(ready.withdrawals)
      expect(requests).toBe(expected)
    }
  })

  test('getBacking: the node’s operator and shares as EigenLayer reports them; a real slash lowers them and, reported, the rate', async () => {
    const e = ef()
    const ctx = devnet.context
    const node = e.nodes[0]!
    const empty = await getBacking(pc(), { deployment })
    expect(empty.stakers[0]?.positions[0]?.shares).toBe(0n)
    await etherfiRestake(ctx, e, parseEther('4'))
    const backing = await getBacking(pc(), { deployment })
    const dm = deployment.delegationManager!
    const [withdrawable, depositShares] = await pc().readContract({
      address: dm,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [node, [e.strategy]],
    })
    expect(backing).toEqual({
      total: 1,
      nextOffset: null,
      // one staker: the page's totals are its positions
      totals: [
        {
          strategy: e.strategy,
          shares: withdrawable[0],
          depositShares: depositShares[0],
          amount: expect.any(BigInt),
        },
      ],
      stakers: [
        {
          staker: node,
          operator: e.operator,
          positions: [
            {
              strategy: e.strategy,
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
    const { backing: _, ...noBacking } = deployment
    await expect(getBacking(pc(), { deployment: noBacking })).rejects.toBeInstanceOf(InvalidParameterError)

    // an AVS slashes half of the operator's magnitude in the strategy
    const am = devnet.deployments.eigenlayer.allocationManager
    const avs = await ctx.deployArtifact('EigenLayerTestAvs', [am])
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'setup',
      args: ['ipfs://etherfi-test-avs', 1, [e.strategy]],
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'registerForOperatorSets',
      args: [e.operator, { avs, operatorSetIds: [1], data: '0x' }],
      from: e.operator,
    })
    await ctx.write({
      address: am,
      abi: allocationAbi,
      functionName: 'modifyAllocations',
      args: [
        e.operator,
        [{ operatorSet: { avs, id: 1 }, strategies: [e.strategy], newMagnitudes: [WAD / 2n] }],
      ],
      from: e.operator,
    })
    const before = await getBacking(pc(), { deployment })
    await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'slash',
      args: [e.operator, 1, [e.strategy], [WAD], 'restakekit etherfi test slash'],
    })
    const after = await getBacking(pc(), { deployment })
    const [slashed] = await pc().readContract({
      address: dm,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [node, [e.strategy]],
    })
    const sharesBefore = before.stakers[0]!.positions[0]!.shares
    expect(after.stakers[0]?.positions[0]?.shares).toBe(slashed[0])
    expect(slashed[0]).toBeLessThanOrEqual(sharesBefore / 2n + 1n)
    expect(slashed[0]).toBeGreaterThanOrEqual(sharesBefore / 2n - 1n)
    // the oracle (the test plays EtherFiAdmin) reports the lost value: the rate falls by it over the supply
    const lost = before.stakers[0]!.positions[0]!.amount - after.stakers[0]!.positions[0]!.amount
    const rateBefore = await getRate(pc(), { deployment })
    const shares = await pc().readContract({
      address: deployment.eETH,
      abi: parseAbi(['function totalShares() view returns (uint256)']),
      functionName: 'totalShares',
    })
    await etherfiRebase(ctx, e, -lost)
    const rateAfter = await getRate(pc(), { deployment })
    const drop = rateBefore - rateAfter
    expect(drop - (lost * WAD) / shares).toBeGreaterThanOrEqual(-1n)
    expect(drop - (lost * WAD) / shares).toBeLessThanOrEqual(1n)
  })
})
