import { artifact, type Devnet, type DevnetKarak, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  custom,
  erc20Abi,
  type Hex,
  http,
  parseEther,
  parseEventLogs,
  toFunctionSelector,
  zeroAddress,
} from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { restakingActions } from '../decorator.js'
import {
  ContractRevertError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  StepFailedError,
} from '../errors.js'
import { simulateWrite } from '../tx.js'
import { karakCoreAbi, karakVaultAbi, karakVaultRevertAbi } from './abis.js'
import {
  depositToKarakVault,
  prepareDepositToKarakVault,
  simulateDepositToKarakVault,
  waitForDepositToKarakVault,
} from './actions/depositToKarakVault.js'
import {
  finishKarakRedeem,
  getKarakWithdrawal,
  prepareFinishKarakRedeem,
  simulateFinishKarakRedeem,
  waitForFinishKarakRedeem,
} from './actions/finishKarakRedeem.js'
import { getKarakOperatorVaults } from './actions/getKarakOperatorVaults.js'
import { getKarakPositions, getKarakQueuedWithdrawals } from './actions/getKarakPositions.js'
import { getKarakVault } from './actions/getKarakVault.js'
import {
  prepareStartKarakRedeem,
  simulateStartKarakRedeem,
  startKarakRedeem,
  waitForStartKarakRedeem,
} from './actions/startKarakRedeem.js'
import { KARAK_MIN_WITHDRAWAL_DELAY, type KarakDeployment } from './deployments.js'
import {
  KarakSlippageError,
  KarakUnknownWithdrawalError,
  KarakWithdrawalNotFoundError,
  KarakWithdrawalNotReadyError,
  karakVaultRevertMapper,
} from './errors.js'
import { karakWithdrawalKey } from './math.js'

const DAY = 24n * 60n * 60n

let devnet: Devnet
let karak: DevnetKarak
let deployment: KarakDeployment
let weth: Address
let vault: Address
let snapshot: Hex

beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: false })
  karak = devnet.deployments.karak!
  weth = devnet.deployments.tokens.weth
  vault = karak.vaultsByAsset.weth
  deployment = {
    chainId: devnet.chain.id,
    core: karak.core,
    vaults: [karak.vaultsByAsset.weth, karak.vaultsByAsset.steth],
  }
})
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snapshot = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snapshot)
})

/** A public client whose transport counts JSON-RPC requests (one HTTP request = one round trip). */
function countingClient() {
  const counter = { requests: 0 }
  const inner = http(devnet.rpcUrl)({ chain: devnet.chain })
  const transport = custom({
    async request(args) {
      counter.requests++
      return inner.request(args)
    },
  })
  return { client: createPublicClient({ chain: devnet.chain, transport }), counter }
}

/** Waits until a sent transaction is mined and checks it succeeded (anvil mines asynchronously). */
async function mined(hash: Hex) {
  const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash })
  expect(receipt.status).toBe('success')
  return receipt
}

const balanceOf = (token: Address, owner: Address) =>
  devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
  })

const vaultRead = <T>(functionName: string, args: readonly unknown[] = [], address: Address = vault) =>
  devnet.publicClient.readContract({ address, abi: karakVaultAbi, functionName, args } as never) as Promise<T>

/** A staker holding `amount` weth, with a wallet client. */
async function staker(amount = parseEther('10')) {
  const account = await devnet.newAccount({ tokens: { [weth]: amount } })
  return { account, wallet: devnet.walletClient(account) }
}

async function deposited(amount = parseEther('10')) {
  const s = await staker(amount)
  const hash = await depositToKarakVault(s.wallet, { vault, assets: amount })
  await waitForDepositToKarakVault(devnet.publicClient, hash)
  return s
}

describe('reads', () => {
  test('the operator vaults and each vault', async () => {
    const [entry] = await getKarakOperatorVaults(devnet.publicClient, {
      operator: karak.operator,
      deployment,
    })
    expect(entry?.vaults).toEqual([karak.vaultsByAsset.weth, karak.vaultsByAsset.steth])
    const info = await getKarakVault(devnet.publicClient, { vault })
    expect(info).toMatchObject({
      address: vault,
      asset: weth,
      operator: karak.operator,
      decimals: 18,
      core: karak.core,
      symbol: 'kWETH',
      totalAssets: 0n,
      totalSupply: 0n,
    })
  })

  test('Core-level reads need a deployment on a chain Karak is not known on', async () => {
    await expect(getKarakOperatorVaults(devnet.publicClient, { operator: karak.operator })).rejects.toThrow(
      /no known deployment/,
    )
    await expect(getKarakPositions(devnet.publicClient, { staker: karak.operator })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
  })
})

describe('deposit', () => {
  test('deposit → shares and assets, exact approval, Deposit event', async () => {
    const { account, wallet } = await staker(parseEther('10'))
    const hash = await depositToKarakVault(wallet, { vault, assets: parseEther('4') })
    const { receipt, events } = await waitForDepositToKarakVault(devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    const dep = events.find((e) => e.eventName === 'Deposit')
    expect(dep?.args).toEqual({
      by: account.address,
      owner: account.address,
      assets: parseEther('4'),
      shares: parseEther('4'),
    })

    expect(await balanceOf(weth, account.address)).toBe(parseEther('6'))
    expect(await balanceOf(weth, vault)).toBe(parseEther('4'))
    expect(
      await devnet.publicClient.readContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [account.address, vault],
      }),
    ).toBe(0n) // exactly `assets` was approved and spent

    const { positions } = await getKarakPositions(devnet.publicClient, {
      staker: account.address,
      deployment,
    })
    expect(positions).toHaveLength(1)
    expect(positions[0]).toMatchObject({
      protocol: 'karak',
      shares: parseEther('4'),
      assets: parseEther('4'),
    })
    expect(positions[0]?.vault.address).toBe(vault)
    expect(positions[0]?.queuedWithdrawals).toEqual([])
    // with Core known, the vault's slashing exposure comes in the same call
    expect(positions[0]?.exposure).toEqual({ dssCount: 0n, queuedForSlashing: false })
  })

  test('a later depositor gets shares at the vault rate (rounded down, as previewDeposit)', async () => {
    await deposited(parseEther('3'))
    // a donation moves the rate: 3 shares for 3 + 1 wei... assets
    await devnet.fund(vault, { tokens: { [weth]: 7n } })
    const { account, wallet } = await staker(parseEther('1'))
    const preview = await vaultRead<bigint>('previewDeposit', [parseEther('1')])
    const simulated = await simulateDepositToKarakVault(devnet.publicClient, {
      account: account.address,
      vault,
      assets: parseEther('1'),
      slippageBps: 0n,
    }).catch((e) => e)
    // not approved yet: the token's allowance error, typed
    expect(simulated).toBeInstanceOf(InsufficientAllowanceError)
    await mined(await depositToKarakVault(wallet, { vault, assets: parseEther('1'), slippageBps: 0n }))
    const shares = await vaultRead<bigint>('balanceOf', [account.address])
    expect(shares).toBe(preview)
    expect(shares).toBeLessThan(parseEther('1'))
    const { positions } = await getKarakPositions(devnet.publicClient, {
      staker: account.address,
      deployment,
    })
    expect(positions[0]?.shares).toBe(shares)
    expect(positions[0]?.assets).toBe(await vaultRead<bigint>('convertToAssets', [shares]))
  })

  test('minSharesOut above what the vault mints → KarakSlippageError, nothing deposited', async () => {
    const { account, wallet } = await staker(parseEther('2'))
    // already approved: the deposit simulation itself fails
    const approval = await wallet.writeContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'approve',
      args: [vault, parseEther('2')],
    })
    await devnet.publicClient.waitForTransactionReceipt({ hash: approval })
    const nonce = await devnet.publicClient.getTransactionCount({ address: account.address })
    const error = await depositToKarakVault(wallet, {
      vault,
      assets: parseEther('1'),
      minSharesOut: parseEther('1') + 1n,
    }).catch((e) => e)
    expect(error).toBeInstanceOf(KarakSlippageError)
    expect(error.minSharesOut).toBe(parseEther('1') + 1n)
    expect(error.expectedShares).toBe(parseEther('1'))
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(nonce)
    expect(await balanceOf(weth, account.address)).toBe(parseEther('2'))
  })

  test('a failure after the approval → StepFailedError: the tokens are still in the wallet', async () => {
    const { account, wallet } = await staker(parseEther('2'))
    const error = await depositToKarakVault(wallet, {
      vault,
      assets: parseEther('1'),
      minSharesOut: parseEther('5'),
    }).catch((e) => e)
    expect(error).toBeInstanceOf(StepFailedError)
    expect(error.step).toBe('simulate deposit')
    expect(error.completed.map((c: { step: string }) => c.step)).toEqual(['approve'])
    expect(error.holdings).toMatch(/still in your wallet/)
    expect(error.cause).toBeInstanceOf(KarakSlippageError)
    expect(await balanceOf(weth, account.address)).toBe(parseEther('2'))
    expect(await vaultRead<bigint>('balanceOf', [account.address])).toBe(0n)
  })

  test('prepareDepositToKarakVault: frozen approve + deposit calls a smart account can batch', async () => {
    const { account, wallet } = await staker(parseEther('1'))
    const list = prepareDepositToKarakVault({
      vault,
      asset: weth,
      assets: parseEther('1'),
      receiver: account.address,
      minSharesOut: parseEther('1'),
    })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list.map((c) => c.data.slice(0, 10))).toEqual([
      toFunctionSelector('approve(address,uint256)'),
      toFunctionSelector('deposit(uint256,address,uint256)'),
    ])
    for (const call of list) {
      const hash = await wallet.sendTransaction({ to: call.to, data: call.data, value: call.value })
      expect((await devnet.publicClient.waitForTransactionReceipt({ hash })).status).toBe('success')
    }
    expect(await vaultRead<bigint>('balanceOf', [account.address])).toBe(parseEther('1'))
  })
})

describe('redeem queue', () => {
  test('startRedeem → queued withdrawal with its key and ready time; shares escrowed', async () => {
    const { account, wallet } = await deposited(parseEther('4'))
    const hash = await startKarakRedeem(wallet, { vault, shares: parseEther('1') })
    const { receipt, withdrawals, events } = await waitForStartKarakRedeem(devnet.publicClient, hash)
    const block = await devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber })
    const key = karakWithdrawalKey(account.address, 0n)
    expect(withdrawals).toEqual([
      {
        vault,
        staker: account.address,
        withdrawalKey: key,
        shares: parseEther('1'),
        assets: parseEther('1'),
      },
    ])
    expect(events.some((e) => e.eventName === 'Transfer' && e.args.to === vault)).toBe(true)

    expect(await vaultRead<bigint>('balanceOf', [account.address])).toBe(parseEther('3'))
    expect(await vaultRead<bigint>('balanceOf', [vault])).toBe(parseEther('1'))

    const queued = await getKarakQueuedWithdrawals(devnet.publicClient, {
      staker: account.address,
      deployment,
    })
    expect(queued).toEqual([
      {
        vault,
        staker: account.address,
        nonce: 0n,
        withdrawalKey: key,
        beneficiary: account.address,
        shares: parseEther('1'),
        assets: parseEther('1'),
        start: block.timestamp,
        readyAt: block.timestamp + 9n * DAY,
        ready: false,
      },
    ])
    const { positions } = await getKarakPositions(devnet.publicClient, {
      staker: account.address,
      deployment,
    })
    expect(positions[0]?.shares).toBe(parseEther('3'))
  })

  test('finishRedeem before the delay → KarakWithdrawalNotReadyError naming the ready time, nothing sent; after 9 days → assets back', async () => {
    const { account, wallet } = await deposited(parseEther('4'))
    const hash = await startKarakRedeem(wallet, { vault, shares: parseEther('1') })
    const { withdrawals, receipt } = await waitForStartKarakRedeem(devnet.publicClient, hash)
    const start = (await devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber })).timestamp
    const withdrawalKey = withdrawals[0]!.withdrawalKey
    const nonce = await devnet.publicClient.getTransactionCount({ address: account.address })

    const early = await finishKarakRedeem(wallet, { vault, withdrawalKey }).catch((e) => e)
    expect(early).toBeInstanceOf(KarakWithdrawalNotReadyError)
    expect(early.readyAt).toBe(start + KARAK_MIN_WITHDRAWAL_DELAY)
    expect(early.shortMessage).toMatch(new RegExp(`ready at ${start + KARAK_MIN_WITHDRAWAL_DELAY}`))
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(nonce)

    // one minute short of the delay: still not ready
    await devnet.increaseTime(9n * DAY - 120n)
    await expect(finishKarakRedeem(wallet, { vault, withdrawalKey })).rejects.toBeInstanceOf(
      KarakWithdrawalNotReadyError,
    )
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(nonce)

    await devnet.increaseTime(120n)
    const w = await getKarakWithdrawal(devnet.publicClient, { vault, staker: account.address, withdrawalKey })
    expect(w.ready).toBe(true)
    const before = await balanceOf(weth, account.address)
    const done = await finishKarakRedeem(wallet, { vault, withdrawalKey })
    const { events } = await waitForFinishKarakRedeem(devnet.publicClient, done)
    const finished = events.find((e) => e.eventName === 'FinishedRedeem')
    expect(finished?.args).toEqual({
      staker: account.address,
      beneficiary: account.address,
      operator: karak.operator,
      shares: parseEther('1'),
      assetsClaimed: parseEther('1'),
      withdrawRoot: withdrawalKey,
    })
    expect(await balanceOf(weth, account.address)).toBe(before + parseEther('1'))
    expect(await vaultRead<boolean>('isWithdrawalPending', [account.address, 0n])).toBe(false)
    expect(
      await getKarakQueuedWithdrawals(devnet.publicClient, { staker: account.address, deployment }),
    ).toEqual([])

    // finished: a typed error, nothing sent
    await expect(finishKarakRedeem(wallet, { vault, withdrawalKey })).rejects.toBeInstanceOf(
      KarakWithdrawalNotFoundError,
    )
  })

  test('anyone may finish: a keeper finishes by staker + nonce; the beneficiary is paid', async () => {
    const { account, wallet } = await deposited(parseEther('2'))
    const beneficiary = devnet.accounts[3]!.address
    await waitForStartKarakRedeem(
      devnet.publicClient,
      await startKarakRedeem(wallet, { vault, shares: parseEther('2'), beneficiary }),
    )
    await devnet.increaseTime(KARAK_MIN_WITHDRAWAL_DELAY)
    const keeper = devnet.walletClient(devnet.accounts[4]!)
    const before = await balanceOf(weth, beneficiary)
    const sim = await simulateFinishKarakRedeem(devnet.publicClient, {
      account: devnet.accounts[4]!.address,
      vault,
      staker: account.address,
      nonce: 0n,
    })
    expect(sim.withdrawal.beneficiary).toBe(beneficiary)
    await waitForFinishKarakRedeem(
      devnet.publicClient,
      await finishKarakRedeem(keeper, { vault, staker: account.address, nonce: 0n }),
    )
    expect(await balanceOf(weth, beneficiary)).toBe(before + parseEther('2'))
  })

  test('several withdrawals over two vaults: positions in ≤ 2 round trips (1 with none queued)', async () => {
    const steth = devnet.deployments.tokens.steth
    const account = await devnet.newAccount({
      tokens: { [weth]: parseEther('10'), [steth]: parseEther('5') },
    })
    const wallet = devnet.walletClient(account)
    await mined(await depositToKarakVault(wallet, { vault, assets: parseEther('10') }))
    await mined(
      await depositToKarakVault(wallet, { vault: karak.vaultsByAsset.steth, assets: parseEther('5') }),
    )

    const { client, counter } = countingClient()
    const none = await getKarakPositions(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(1)
    expect(none.positions.map((p) => [p.shares, p.queuedWithdrawals.length])).toEqual([
      [parseEther('10'), 0],
      [parseEther('5'), 0],
    ])

    for (const shares of ['1', '2', '3'])
      await mined(await startKarakRedeem(wallet, { vault, shares: parseEther(shares) }))
    await mined(await startKarakRedeem(wallet, { vault: karak.vaultsByAsset.steth, shares: parseEther('1') }))
    const firstStart = (await devnet.publicClient.getBlock()).timestamp
    await devnet.increaseTime(3n * DAY)
    await mined(await startKarakRedeem(wallet, { vault: karak.vaultsByAsset.steth, shares: parseEther('1') }))
    // the first steth withdrawal becomes ready, the second is 3 days behind
    await devnet.increaseTime(9n * DAY - 3n * DAY)

    counter.requests = 0
    const { positions, timestamp } = await getKarakPositions(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(2)
    expect(timestamp).toBe((await devnet.publicClient.getBlock()).timestamp)
    const [wethPos, stethPos] = positions
    expect(wethPos?.shares).toBe(parseEther('4'))
    expect(wethPos?.queuedWithdrawals.map((w) => [w.nonce, w.shares])).toEqual([
      [0n, parseEther('1')],
      [1n, parseEther('2')],
      [2n, parseEther('3')],
    ])
    expect(stethPos?.shares).toBe(parseEther('3'))
    expect(stethPos?.queuedWithdrawals.map((w) => [w.nonce, w.ready])).toEqual([
      [0n, true],
      [1n, false],
    ])
    expect(stethPos?.queuedWithdrawals[0]?.readyAt).toBe(firstStart + 9n * DAY)
    expect(timestamp).toBeGreaterThanOrEqual(firstStart + 9n * DAY)
    expect(timestamp).toBeLessThan(stethPos!.queuedWithdrawals[1]!.readyAt)

    // discovering the vaults from the operator costs one more round trip
    counter.requests = 0
    const viaOperator = await getKarakPositions(client, {
      staker: account.address,
      operators: [karak.operator],
      deployment: { core: karak.core },
    })
    expect(counter.requests).toBe(3)
    expect(viaOperator.positions).toEqual(positions)

    // finish every ready withdrawal as a smart account would: the prepared calls, in order
    const ready = positions.flatMap((p) => p.queuedWithdrawals.filter((w) => w.ready))
    // the weth ones were queued before the first steth one: all ready
    expect(ready.map((w) => [w.vault, w.nonce])).toEqual([
      [vault, 0n],
      [vault, 1n],
      [vault, 2n],
      [karak.vaultsByAsset.steth, 0n],
    ])
    for (const call of prepareFinishKarakRedeem({ withdrawals: ready })) {
      await mined(await wallet.sendTransaction({ to: call.to, data: call.data, value: call.value }))
    }
    // the others are left; still 2 round trips
    counter.requests = 0
    const after = await getKarakQueuedWithdrawals(client, { staker: account.address, deployment })
    expect(counter.requests).toBe(2)
    expect(after.map((w) => [w.vault, w.nonce, w.ready])).toEqual([[karak.vaultsByAsset.steth, 1n, false]])
    expect(await balanceOf(weth, account.address)).toBe(parseEther('6'))
  })
})

describe('slashing through Core', () => {
  const coreArtifact = () => artifact('KarakCore')

  /** DSS registered with a 50 % cap, operator registered, the weth vault staked into it (after the 9-day delay). */
  async function stakedToDSS() {
    const dssArtifact = artifact('KarakTestDSS')
    const dss = await devnet.context.deploy(dssArtifact, [karak.core])
    await devnet.context.write({
      address: dss,
      abi: dssArtifact.abi,
      functionName: 'registerDSS',
      args: [parseEther('50')],
    })
    const operator = devnet.walletClient(karak.operatorPrivateKey)
    const wait = async (hash: Hex) => {
      const r = await devnet.publicClient.waitForTransactionReceipt({ hash })
      expect(r.status).toBe('success')
      return r
    }
    await wait(
      await operator.writeContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'registerOperatorToDSS',
        args: [dss, '0x'],
      }),
    )
    const request = { vault, dss, toStake: true }
    // the queued update as stored, from the event (a simulation could carry an earlier timestamp)
    const requestReceipt = await wait(
      await operator.writeContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'requestUpdateVaultStakeInDSS',
        args: [request],
      }),
    )
    const [requested] = parseEventLogs({
      abi: coreArtifact().abi,
      logs: requestReceipt.logs,
      eventName: 'RequestedStakeUpdate',
    })
    const queuedStake = (requested!.args as { updateRequest: never }).updateRequest
    // the stake update waits MIN_STAKE_UPDATE_DELAY (9 days)
    const early = await devnet.publicClient
      .simulateContract({
        account: operator.account,
        address: karak.core,
        abi: coreArtifact().abi,
        functionName: 'finalizeUpdateVaultStakeInDSS',
        args: [queuedStake],
      })
      .catch((e) => e)
    expect(String(early)).toMatch(/OperatorStakeUpdateDelayNotPassed/)
    await devnet.increaseTime(9n * DAY)
    await wait(
      await operator.writeContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'finalizeUpdateVaultStakeInDSS',
        args: [queuedStake],
      }),
    )
    const staked = await devnet.publicClient.readContract({
      address: karak.core,
      abi: karakCoreAbi,
      functionName: 'fetchVaultsStakedInDSS',
      args: [karak.operator, dss],
    })
    expect(staked).toEqual([vault])
    return { dss, dssAbi: dssArtifact.abi, wait }
  }

  test('request + finalize after the veto window: the staker reads lower assets, exactly as the vault says', async () => {
    const { account, wallet } = await deposited(parseEther('10'))
    // a withdrawal queued before the slashing is slashed too (its shares stay in the vault)
    await waitForStartKarakRedeem(
      devnet.publicClient,
      await startKarakRedeem(wallet, { vault, shares: parseEther('4') }),
    )
    const { dss, dssAbi } = await stakedToDSS()

    // over the DSS's 50 % cap → the Core's error, decoded
    await expect(
      devnet.context.write({
        address: dss,
        abi: dssAbi,
        functionName: 'requestSlashing',
        args: [{ operator: karak.operator, slashPercentagesWad: [parseEther('60')], vaults: [vault] }],
      }),
    ).rejects.toThrow()

    await devnet.context.write({
      address: dss,
      abi: dssAbi,
      functionName: 'requestSlashing',
      args: [{ operator: karak.operator, slashPercentagesWad: [parseEther('10')], vaults: [vault] }],
    })
    const queued = (await devnet.publicClient.readContract({
      address: dss,
      abi: dssAbi,
      functionName: 'lastQueuedSlashing',
    })) as never

    // the staker sees the pending slashing and the vault's one DSS
    const pending = await getKarakPositions(devnet.publicClient, { staker: account.address, deployment })
    expect(pending.positions[0]?.exposure).toEqual({ dssCount: 1n, queuedForSlashing: true })

    // inside the veto window: finalizing reverts MinSlashingDelayNotPassed
    const early = await devnet.publicClient
      .simulateContract({
        account: devnet.accounts[2]!.address,
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'finalizeSlashing',
        args: [queued],
      })
      .catch((e) => e)
    expect(String(early)).toMatch(/MinSlashingDelayNotPassed/)

    await devnet.increaseTime(2n * DAY)
    const finisher = devnet.walletClient(devnet.accounts[2]!)
    const hash = await finisher.writeContract({
      address: karak.core,
      abi: karakCoreAbi,
      functionName: 'finalizeSlashing',
      args: [queued],
    })
    const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash })
    const slashed = parseEventLogs({ abi: karakVaultAbi, logs: receipt.logs, eventName: 'Slashed' })
    expect(slashed.map((e) => e.args.assets)).toEqual([parseEther('1')]) // 10 % of 10
    expect(await balanceOf(weth, vault)).toBe(parseEther('9'))
    expect(await balanceOf(weth, '0x000000000000000000000000000000000000dEaD')).toBe(parseEther('1'))

    const { positions } = await getKarakPositions(devnet.publicClient, {
      staker: account.address,
      deployment,
    })
    const position = positions[0]!
    expect(position.vault.totalAssets).toBe(parseEther('9'))
    expect(position.exposure).toEqual({ dssCount: 1n, queuedForSlashing: false })
    expect(position.shares).toBe(parseEther('6'))
    expect(position.assets).toBe(await vaultRead<bigint>('convertToAssets', [parseEther('6')]))
    expect(position.assets).toBeLessThan(parseEther('6'))
    const w = position.queuedWithdrawals[0]!
    expect(w.assets).toBe(await vaultRead<bigint>('convertToAssets', [parseEther('4')]))
    expect(w.assets).toBeLessThan(parseEther('4'))

    // the queued withdrawal pays the slashed rate
    const before = await balanceOf(weth, account.address)
    const done = await finishKarakRedeem(wallet, { vault, withdrawalKey: w.withdrawalKey })
    const { events } = await waitForFinishKarakRedeem(devnet.publicClient, done)
    const claimed = events.find((e) => e.eventName === 'FinishedRedeem')?.args.assetsClaimed
    expect(claimed).toBe(w.assets)
    expect(await balanceOf(weth, account.address)).toBe(before + w.assets)
  })
})

describe('bad input: typed errors before anything is sent', () => {
  test('addresses, amounts, slippage', async () => {
    const { account, wallet } = await staker(parseEther('1'))
    await expect(
      depositToKarakVault(wallet, { vault: '0x1234' as Address, assets: 1n }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    await expect(depositToKarakVault(wallet, { vault, assets: 0n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(depositToKarakVault(wallet, { vault, assets: -5n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(
      depositToKarakVault(wallet, { vault, assets: 1n, slippageBps: 10_001n }),
    ).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(
      depositToKarakVault(wallet, { vault, assets: 1n, minSharesOut: -1n }),
    ).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(
      depositToKarakVault(wallet, { vault, assets: 1n, receiver: 'nope' as Address }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    await expect(
      simulateDepositToKarakVault(devnet.publicClient, { account: undefined as never, vault, assets: 1n }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    await expect(depositToKarakVault(devnet.publicClient as never, { vault, assets: 1n })).rejects.toThrow(
      /account/,
    )
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(0)
  })

  test('more than the balance, or a token that is not a vault', async () => {
    const { account, wallet } = await staker(parseEther('1'))
    const error = await depositToKarakVault(wallet, { vault, assets: parseEther('2') }).catch((e) => e)
    expect(error).toBeInstanceOf(InsufficientBalanceError)
    expect(error).toMatchObject({ token: weth, required: parseEther('2'), balance: parseEther('1') })
    await expect(depositToKarakVault(wallet, { vault: weth, assets: 1n })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    await expect(getKarakVault(devnet.publicClient, { vault: weth })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    await expect(
      getKarakPositions(devnet.publicClient, { staker: account.address, vaults: [vault, weth] }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(0)
  })

  test('redeem: more shares than held, zero, unknown or someone else’s key', async () => {
    const { account, wallet } = await deposited(parseEther('1'))
    const nonce = await devnet.publicClient.getTransactionCount({ address: account.address })
    const over = await startKarakRedeem(wallet, { vault, shares: parseEther('2') }).catch((e) => e)
    expect(over).toBeInstanceOf(InsufficientBalanceError)
    expect(over).toMatchObject({ token: vault, required: parseEther('2'), balance: parseEther('1') })
    await expect(startKarakRedeem(wallet, { vault, shares: 0n })).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(
      startKarakRedeem(wallet, { vault, shares: 1n, beneficiary: zeroAddress.slice(0, 10) as Address }),
    ).rejects.toBeInstanceOf(InvalidAddressError)

    // not approved: simulate says so (startKarakRedeem would send the approval)
    await expect(
      simulateStartKarakRedeem(devnet.publicClient, { account: account.address, vault, shares: 1n }),
    ).rejects.toBeInstanceOf(InsufficientAllowanceError)

    const bogus = `0x${'ab'.repeat(32)}` as Hex
    const unknown = await finishKarakRedeem(wallet, { vault, withdrawalKey: bogus }).catch((e) => e)
    expect(unknown).toBeInstanceOf(KarakUnknownWithdrawalError)
    expect(unknown.staker).toBe(account.address)
    await expect(finishKarakRedeem(wallet, { vault, withdrawalKey: '0x1234' as Hex })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    expect(await devnet.publicClient.getTransactionCount({ address: account.address })).toBe(nonce)

    // someone else's key under this account: unknown here, found with `staker`
    const other = await deposited(parseEther('1'))
    const { withdrawals } = await waitForStartKarakRedeem(
      devnet.publicClient,
      await startKarakRedeem(other.wallet, { vault, shares: 1n }),
    )
    const theirs = withdrawals[0]!.withdrawalKey
    await expect(finishKarakRedeem(wallet, { vault, withdrawalKey: theirs })).rejects.toBeInstanceOf(
      KarakUnknownWithdrawalError,
    )
    await expect(
      finishKarakRedeem(wallet, { vault, withdrawalKey: theirs, staker: other.account.address }),
    ).rejects.toBeInstanceOf(KarakWithdrawalNotReadyError)
  })

  test('reverts the SDK does not pre-check are still decoded: mapped, or a ContractRevertError with its data', async () => {
    const { account } = await deposited(parseEther('1'))
    // ERC-4626 redeem is not implemented by Karak vaults
    const notImplemented = await simulateWrite(devnet.publicClient, {
      account: account.address,
      address: vault,
      abi: karakVaultRevertAbi,
      functionName: 'redeem',
      args: [1n, account.address, account.address],
      contract: 'KarakVault',
      mapper: karakVaultRevertMapper({ vault }),
    }).catch((e) => e)
    expect(notImplemented).toBeInstanceOf(InvalidParameterError)
    expect(notImplemented.message).toMatch(/startRedeem then finishRedeem/)
    // a slashing Core never queued
    const bogus = {
      dss: account.address,
      timestamp: 1n,
      operator: karak.operator,
      vaults: [vault],
      slashPercentagesWad: [1n],
      nonce: 0n,
    }
    const error = await simulateWrite(devnet.publicClient, {
      account: account.address,
      address: karak.core,
      abi: karakCoreAbi,
      functionName: 'finalizeSlashing',
      args: [bogus],
      contract: 'KarakCore',
    }).catch((e) => e)
    expect(error).toBeInstanceOf(ContractRevertError)
    expect(error.reason).toBe('DSSNotRegistered')
    expect(error.data).toBe(toFunctionSelector('DSSNotRegistered()'))
  })
})

describe('layers and decorator', () => {
  test('prepare → frozen calls; simulate → results; decorator binds the deployment', async () => {
    const { account, wallet } = await deposited(parseEther('3'))
    const start = prepareStartKarakRedeem({ vault, shares: 5n, beneficiary: account.address })
    expect(Object.isFrozen(start)).toBe(true)
    expect(start.map((c) => [c.to, c.data.slice(0, 10)])).toEqual([
      [vault, '0x095ea7b3'],
      [vault, toFunctionSelector('startRedeem(uint256,address)')],
    ])
    const finish = prepareFinishKarakRedeem({ vault, withdrawalKey: karakWithdrawalKey(account.address, 0n) })
    expect(finish.map((c) => c.data.slice(0, 10))).toEqual([toFunctionSelector('finishRedeem(bytes32)')])

    const client = devnet.publicClient.extend(restakingActions({ karak: deployment }))
    const positions = await client.restaking.karak.getPositions({ staker: account.address })
    expect(positions.positions[0]?.shares).toBe(parseEther('3'))

    const bound = wallet.extend(restakingActions({ karak: deployment }))
    const hash = await bound.restaking.karak.startRedeem({ vault, shares: parseEther('1') })
    const { withdrawals } = await bound.restaking.karak.waitForStartRedeem(hash)
    const sim = await bound.restaking.karak
      .simulateFinishRedeem({ account: account.address, vault, withdrawalKey: withdrawals[0]!.withdrawalKey })
      .catch((e) => e)
    expect(sim).toBeInstanceOf(KarakWithdrawalNotReadyError)
    const queued = await client.restaking.karak.getQueuedWithdrawals({ staker: account.address })
    expect(queued.map((w) => w.withdrawalKey)).toEqual([withdrawals[0]!.withdrawalKey])
  })
})
