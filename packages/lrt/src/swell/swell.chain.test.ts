// Swell rswETH through the adapter, on the devnet's Swell doubles (a stand-in restaked into the real EigenLayer).
import {
  defaultProtocolModules,
  InsufficientBalanceError,
  InvalidAmountError,
  restakingActions,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import { swellProcessWithdrawals, swellReprice, swellRestake } from '@restakekit/devnet'
import { type Address, createPublicClient, erc20Abi, erc721Abi, http, parseEther } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  DeploymentMismatchError,
  MinOutNotMetError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
  WithdrawalRequestNotOwnedError,
} from '../errors.js'
import { useLrtEnv } from '../test/helpers.js'
import {
  claimWithdrawal,
  deposit,
  ETH_ADDRESS,
  getBacking,
  getExitOptions,
  getRate,
  getSupportedAssets,
  getWithdrawalRequests,
  prepareClaimWithdrawals,
  prepareDeposit,
  previewDeposit,
  requestWithdrawal,
  type SwellDeployment,
  simulateClaimWithdrawal,
  swell,
  waitForClaimWithdrawal,
  waitForDeposit,
  waitForRequestWithdrawal,
} from './index.js'

const WAD = 10n ** 18n

describe('swell (rswETH doubles, a stand-in restaked into the real EigenLayer)', () => {
  const t = useLrtEnv({ swell: true })
  let devnet: typeof t.devnet
  let deployment: SwellDeployment
  beforeAll(() => {
    devnet = t.devnet
    deployment = t.deployments.swell
  })

  const { pc, nonce } = t
  const s = () => devnet.deployments.swell
  const bal = (who: Address) => t.balanceOf(deployment.rswETH, who)
  const supply = () =>
    pc().readContract({ address: deployment.rswETH, abi: erc20Abi, functionName: 'totalSupply' })
  /** The bot reprices to `rate` ETH per rswETH (reserves = supply × rate). */
  const repriceTo = async (rate: bigint) => {
    const total = await supply()
    await swellReprice(devnet.context, s(), (total * rate) / WAD, 0n, total)
  }
  const holder = async (eth: bigint) => {
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    await waitForDeposit(pc(), await deposit(wallet, { asset: ETH_ADDRESS, amount: eth, deployment }))
    return { user, wallet }
  }

  test('supported assets: ETH only', async () => {
    expect(await getSupportedAssets(pc(), { deployment })).toEqual([
      { asset: ETH_ADDRESS, native: true, remaining: null, minAmount: 0n },
    ])
  })

  test('deposit ETH at a repriced rate: exact rswETH; minOut above the preview and bad input refused, nonce unchanged', async () => {
    await holder(parseEther('3'))
    await repriceTo(parseEther('1.05'))
    expect(await getRate(pc(), { deployment })).toBe(parseEther('1.05'))
    const user = await devnet.newAccount({ eth: parseEther('5') })
    const wallet = devnet.walletClient(user)
    const amount = parseEther('2')
    const preview = await previewDeposit(pc(), { asset: ETH_ADDRESS, amount, deployment })
    expect(preview).toBeLessThan(amount)
    const before = await nonce(user.address)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount, minOut: preview + 1n, deployment }),
    ).rejects.toThrow(MinOutNotMetError)
    await expect(
      deposit(wallet, { asset: devnet.deployments.tokens.weth, amount, deployment }),
    ).rejects.toThrow(UnsupportedAssetError)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount: parseEther('50'), deployment }),
    ).rejects.toThrow(InsufficientBalanceError)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount, deployment: { ...deployment, rswETH: s().rswEXIT } }),
    ).rejects.toThrow(DeploymentMismatchError)
    await expect(
      deposit(wallet, { asset: ETH_ADDRESS, amount, deployment: { ...deployment, unconfirmed: true } }),
    ).rejects.toThrow(UnverifiedDeploymentError)
    expect(await nonce(user.address)).toBe(before)
    const r = await waitForDeposit(
      pc(),
      await deposit(wallet, { asset: ETH_ADDRESS, amount, minOut: preview, deployment }),
    )
    expect(r.minted).toBe(preview)
    expect(await bal(user.address)).toBe(preview)
    expect(await nonce(user.address)).toBe(before + 1)
    const claims = prepareClaimWithdrawals({ ids: [1n, 2n], deployment })
    expect(claims.map((c) => [c.to, c.data.slice(0, 10)])).toEqual([
      [s().rswEXIT, '0x5e15c749'],
      [s().rswEXIT, '0x5e15c749'],
    ])
    const calls = prepareDeposit({ asset: ETH_ADDRESS, amount: 7n, deployment })
    expect(calls).toEqual([{ to: deployment.rswETH, data: '0xd0e30db0', value: 7n }])
  })

  test('NFT request: pending → processed at a lower rate → the NFT’s holder claims amount × min(rateWhenCreated, processedRate)', async () => {
    const a = await holder(parseEther('2'))
    const b = await holder(parseEther('1'))
    let n = await nonce(a.user.address)
    await expect(requestWithdrawal(a.wallet, { amount: 1000n, deployment })).rejects.toThrow(
      InvalidAmountError,
    )
    expect(await nonce(a.user.address)).toBe(n)
    const amount = parseEther('1')
    const r = await waitForRequestWithdrawal(pc(), await requestWithdrawal(a.wallet, { amount, deployment }))
    expect(await nonce(a.user.address)).toBe(n + 2) // approval, then the request
    const id = r.id as bigint
    expect(r.rateWhenCreated).toBe(await getRate(pc(), { deployment }))
    // the request is an NFT the requester holds
    expect(
      await pc().readContract({ address: s().rswEXIT, abi: erc721Abi, functionName: 'ownerOf', args: [id] }),
    ).toBe(a.user.address)
    let [request] = await getWithdrawalRequests(pc(), { owner: a.user.address, deployment })
    expect(request).toMatchObject({
      id,
      amount,
      status: 'pending',
      ready: false,
      readyAt: null,
      processedRate: null,
    })
    n = await nonce(a.user.address)
    await expect(claimWithdrawal(a.wallet, { id, deployment })).rejects.toThrow(WithdrawalNotReadyError)
    expect(await nonce(a.user.address)).toBe(n)

    // a loss is repriced in, then Swell processes: the processed rate is below the rate when created
    await repriceTo(parseEther('1.01'))
    const processedRate = await getRate(pc(), { deployment })
    expect(processedRate).toBeLessThan(r.rateWhenCreated as bigint)
    await swellProcessWithdrawals(devnet.context, s(), id)
    ;[request] = await getWithdrawalRequests(pc(), { owner: a.user.address, deployment })
    expect(request?.status).toBe('claimable')
    expect(request?.processedRate).toBe(processedRate)
    expect(request?.readyAt).toEqual({ block: expect.any(BigInt) })
    const payout = (amount * processedRate) / WAD
    expect(request?.out).toBe(payout)

    // the NFT moves to b: b claims, a is refused before sending
    const hash = await a.wallet.writeContract({
      address: s().rswEXIT,
      abi: erc721Abi,
      functionName: 'transferFrom',
      args: [a.user.address, b.user.address, id],
    })
    await pc().waitForTransactionReceipt({ hash })
    expect(await getWithdrawalRequests(pc(), { owner: a.user.address, deployment })).toEqual([])
    n = await nonce(a.user.address)
    const notOwned = await claimWithdrawal(a.wallet, { id, deployment }).catch((e) => e)
    expect(notOwned).toBeInstanceOf(WithdrawalRequestNotOwnedError)
    expect(notOwned).toMatchObject({
      name: 'WithdrawalRequestNotOwnedError',
      protocol: 'Swell',
      requestId: id,
      owner: b.user.address,
      account: a.user.address,
    })
    expect(await nonce(a.user.address)).toBe(n)
    const sim = await simulateClaimWithdrawal(pc(), { account: b.user.address, id, deployment })
    expect(sim.payout).toBe(payout)
    const eth = await pc().getBalance({ address: b.user.address })
    const done = await waitForClaimWithdrawal(pc(), await claimWithdrawal(b.wallet, { id, deployment }))
    expect(done.payout).toBe(payout)
    const gas = done.receipt.gasUsed * done.receipt.effectiveGasPrice
    expect((await pc().getBalance({ address: b.user.address })) - eth + gas).toBe(payout)
    ;[request] = await getWithdrawalRequests(pc(), { owner: b.user.address, deployment })
    expect(request).toMatchObject({ id, status: 'claimed', out: payout })
    await expect(claimWithdrawal(b.wallet, { id, deployment })).rejects.toThrow(
      WithdrawalRequestNotFoundError,
    )
  })

  test('processed rate above the rate when created: the payout stays at the rate when created; rswEXIT found through the AccessControlManager', async () => {
    const { user, wallet } = await holder(parseEther('1'))
    const { rswEXIT: _named, ...discovering } = deployment
    const r = await waitForRequestWithdrawal(
      pc(),
      await requestWithdrawal(wallet, { amount: parseEther('0.5'), deployment: discovering }),
    )
    const id = r.id as bigint
    await repriceTo(parseEther('1.2'))
    const processedRate = await getRate(pc(), { deployment })
    expect(processedRate).toBeGreaterThan(r.rateWhenCreated as bigint)
    await swellProcessWithdrawals(devnet.context, s(), id)
    const [request] = await getWithdrawalRequests(pc(), { owner: user.address, deployment: discovering })
    expect(request?.processedRate).toBe(processedRate)
    expect(request?.out).toBe((parseEther('0.5') * (r.rateWhenCreated as bigint)) / WAD)
    const done = await waitForClaimWithdrawal(
      pc(),
      await claimWithdrawal(wallet, { id, deployment: discovering }),
    )
    expect(done.payout).toBe(request?.out)
    const options = await getExitOptions(pc(), { amount: parseEther('0.001'), deployment })
    expect(options.options).toEqual([expect.objectContaining({ kind: 'queue', available: false, fee: 0n })])
  })

  test('getBacking: the module’s operator and shares, as the real DelegationManager reports them', async () => {
    await swellRestake(devnet.context, s(), parseEther('1'), (to, amount) =>
      devnet.fund(to, { tokens: { [s().standIn]: amount } }),
    )
    const backing = await getBacking(pc(), { deployment })
    expect(backing.total).toBe(1)
    expect(backing.stakers[0]).toMatchObject({ staker: s().modules[0], operator: s().operator })
    expect(backing.stakers[0]?.positions[0]?.shares).toBeGreaterThan(0n)
    expect(backing.stakers[0]?.positions[0]?.amount).toBeGreaterThan(parseEther('1') - 10n)
  })

  test('portfolio through the client: the rswETH holding in ETH and open requests with readiness', async () => {
    const user = await devnet.newAccount()
    const client = devnet.walletClient(user).extend(
      restakingActions({
        protocols: [...defaultProtocolModules, swell],
        swell: deployment,
        eigenlayer: devnet.deployments.eigenlayer,
      }),
    )
    await waitForDeposit(
      pc(),
      await client.restaking.swell.deposit({ asset: ETH_ADDRESS, amount: parseEther('2') }),
    )
    const first = await waitForRequestWithdrawal(
      pc(),
      await client.restaking.swell.requestWithdrawal({ amount: parseEther('0.3') }),
    )
    await swellProcessWithdrawals(devnet.context, s(), first.id as bigint)
    const second = await waitForRequestWithdrawal(
      pc(),
      await client.restaking.swell.requestWithdrawal({ amount: parseEther('0.2') }),
    )
    const balance = await bal(user.address)
    const rate = await client.restaking.swell.getRate()
    const requests = await client.restaking.swell.getWithdrawalRequests({ owner: user.address })
    const portfolio = await client.restaking.getPortfolio({ staker: user.address })
    expect(portfolio.holdings).toEqual([
      {
        kind: 'token',
        protocol: 'swell',
        token: deployment.rswETH,
        balance,
        underlying: { asset: null, amount: (balance * rate) / WAD },
      },
    ])
    expect(portfolio.withdrawals).toEqual([
      {
        kind: 'withdrawal',
        protocol: 'swell',
        location: s().rswEXIT,
        asset: null,
        amount: requests[0]!.out,
        id: first.id,
        ready: true,
        readyAt: { block: expect.any(BigInt) },
      },
      {
        kind: 'withdrawal',
        protocol: 'swell',
        location: s().rswEXIT,
        asset: null,
        amount: requests[1]!.out,
        id: second.id,
        ready: false,
        readyAt: null,
      },
    ])

    // the Swell part costs two round trips on a batching transport (logs beside the first read stage)
    let fetches = 0
    const counted = createPublicClient({
      chain: devnet.chain,
      transport: http(devnet.rpcUrl, { batch: true, onFetchRequest: () => void fetches++ }),
    }).extend(restakingActions({ protocols: [swell], swell: deployment }))
    const again = await counted.restaking.getPortfolio({ staker: user.address })
    expect(again.withdrawals.map((w) => w.id)).toEqual([first.id, second.id])
    expect(fetches).toBeLessThanOrEqual(2)
  })
})
