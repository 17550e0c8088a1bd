// One portfolio across EigenLayer (real fixture), Symbiotic (real core) and Karak (test doubles):
// amounts equal the contracts' own views, readiness is right, and the read costs two round trips.
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import {
  type Abi,
  type Address,
  createPublicClient,
  erc20Abi,
  type Hex,
  http,
  parseAbi,
  parseEther,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { restakingActions } from './decorator.js'
import { delegateTo } from './eigenlayer/actions/delegateTo.js'
import { deposit } from './eigenlayer/actions/deposit.js'
import { getDeposits } from './eigenlayer/actions/getDeposits.js'
import { queueWithdrawals } from './eigenlayer/actions/queueWithdrawals.js'
import { InvalidAddressError } from './errors.js'
import { deposit as depositToKarak } from './karak/actions/deposit.js'
import { startRedeem } from './karak/actions/startRedeem.js'
import { getRestakingPortfolio, PortfolioReadError } from './portfolio.js'
import { deposit as symbioticDeposit } from './symbiotic/actions/deposit.js'
import { withdraw } from './symbiotic/actions/withdraw.js'

const vaultViews = parseAbi([
  'function activeBalanceOf(address) view returns (uint256)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
  'function currentEpoch() view returns (uint256)',
  'function balanceOf(address) view returns (uint256)',
  'function convertToAssets(uint256) view returns (uint256)',
])
const strategyViews = parseAbi(['function sharesToUnderlyingView(uint256) view returns (uint256)'])
const registerAbi = parseAbi(['function registerAsOperator(address, uint32, string)'])

describe.skipIf(!haveEigenLayer())('getRestakingPortfolio across three protocols', () => {
  let devnet: Devnet
  let staker: Address
  let operator: Address
  let symVault: Address
  let karakVault: Address
  beforeAll(async () => {
    devnet = await startDevnet()
    const pc = devnet.publicClient
    const mined = async (hash: Promise<Hex>) => {
      const r = await pc.waitForTransactionReceipt({ hash: await hash })
      expect(r.status).toBe('success')
    }
    const el = devnet.deployments.eigenlayer!
    const { weth } = devnet.deployments.tokens
    const account = await devnet.newAccount({
      tokens: { [el.fixture.token]: parseEther('10'), [weth]: parseEther('8') },
    })
    staker = account.address
    const wallet = devnet.walletClient(account)

    // EigenLayer: deposit 10, delegate, queue 4
    const op = await devnet.newAccount()
    operator = op.address
    await mined(
      devnet.walletClient(op).writeContract({
        address: el.delegationManager,
        abi: registerAbi,
        functionName: 'registerAsOperator',
        args: [zeroAddress, 0, 'ipfs://op'],
      }),
    )
    await mined(
      deposit(wallet, {
        deployment: devnet.deployments.eigenlayer!,
        strategy: el.fixture.strategy,
        token: el.fixture.token,
        amount: parseEther('10'),
      }),
    )
    await mined(delegateTo(wallet, { deployment: devnet.deployments.eigenlayer!, operator }))
    await mined(
      queueWithdrawals(wallet, {
        deployment: devnet.deployments.eigenlayer!,
        strategies: [el.fixture.strategy],
        amounts: [parseEther('4')],
      }),
    )

    // Symbiotic: deposit 5 WETH, withdraw 2
    ;({ vault: symVault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
    }))
    const symbiotic = devnet.deployments.symbiotic!
    await mined(symbioticDeposit(wallet, { vault: symVault, amount: parseEther('5') }))
    await mined(withdraw(wallet, { vault: symVault, amount: parseEther('2') }))
    expect(symbiotic.vaultFactory).toMatch(/^0x/)

    // Karak: deposit 3 WETH, start redeeming 1 share
    karakVault = devnet.deployments.karak!.vaultsByAsset.weth
    await mined(depositToKarak(wallet, { vault: karakVault, amount: parseEther('3') }))
    await mined(startRedeem(wallet, { vault: karakVault, shares: parseEther('1') }))
  })
  afterAll(() => devnet?.stop())

  /** A public client that counts HTTP requests (one request = one round trip; a JSON-RPC batch is one). */
  function counting(batch: boolean) {
    const counter = { requests: 0 }
    const transport = http(devnet.rpcUrl, {
      ...(batch ? { batch: true } : {}),
      onFetchRequest: () => {
        counter.requests++
      },
    })
    return { client: createPublicClient({ chain: devnet.chain, transport }), counter }
  }

  const read = <T>(
    address: Address,
    functionName: string,
    args: readonly unknown[] = [],
    abi: Abi = vaultViews,
  ) => devnet.publicClient.readContract({ address, abi, functionName, args } as never) as Promise<T>

  test('positions and withdrawals equal the contracts, in 2 round trips with the vault lists given', async () => {
    const { client, counter } = counting(false)
    const portfolio = await getRestakingPortfolio(client, {
      staker,
      eigenlayer: { deployment: devnet.deployments.eigenlayer! },
      symbiotic: { deployment: devnet.deployments.symbiotic!, vaults: [symVault] },
      karak: { deployment: devnet.deployments.karak! },
    })
    expect(counter.requests).toBe(2)
    expect(portfolio.errors).toEqual([])
    expect(portfolio.skipped).toEqual([])

    const el = devnet.deployments.eigenlayer!
    const byProtocol = (p: string) => portfolio.positions.filter((x) => x.protocol === p)

    // EigenLayer: 6 left after queueing 4, valued by the strategy's own conversion
    const [dep] = await getDeposits(devnet.publicClient, {
      deployment: devnet.deployments.eigenlayer!,
      staker,
    })
    const elPos = byProtocol('eigenlayer')
    expect(elPos).toHaveLength(1)
    expect(elPos[0]).toMatchObject({ location: el.fixture.strategy, asset: el.fixture.token, operator })
    expect(elPos[0]!.amount).toBe(
      await read<bigint>(
        el.fixture.strategy,
        'sharesToUnderlyingView',
        [dep!.withdrawableShares],
        strategyViews,
      ),
    )
    expect(elPos[0]!.amount).toBeGreaterThan(parseEther('5.99'))

    // Symbiotic: 3 active, 2 in the next epoch's bucket
    const symPos = byProtocol('symbiotic')
    expect(symPos).toEqual([
      {
        kind: 'stake',
        protocol: 'symbiotic',
        location: symVault,
        asset: devnet.deployments.tokens.weth,
        amount: await read<bigint>(symVault, 'activeBalanceOf', [staker]),
        operator: null,
      },
    ])
    expect(symPos[0]!.amount).toBe(parseEther('3'))

    // Karak: shares left after escrowing 1, valued by convertToAssets
    const karPos = byProtocol('karak')
    const karShares = await read<bigint>(karakVault, 'balanceOf', [staker])
    expect(karShares).toBe(parseEther('2'))
    expect(karPos).toEqual([
      {
        kind: 'stake',
        protocol: 'karak',
        location: karakVault,
        asset: devnet.deployments.tokens.weth,
        amount: await read<bigint>(karakVault, 'convertToAssets', [karShares]),
        operator: devnet.deployments.karak!.operator,
      },
    ])

    // withdrawals: one per protocol, none ready yet
    const w = Object.fromEntries(portfolio.withdrawals.map((x) => [x.protocol, x]))
    expect(Object.keys(w).sort()).toEqual(['eigenlayer', 'karak', 'symbiotic'])
    // the fixture's delay is 0 blocks: ready from the block after the queueing, which later
    // transactions have already mined
    const block = await devnet.publicClient.getBlockNumber()
    const [[queued]] = await devnet.publicClient.readContract({
      address: el.delegationManager,
      abi: parseAbi([
        'function getQueuedWithdrawals(address) view returns ((address staker, address delegatedTo, address withdrawer, uint256 nonce, uint32 startBlock, address[] strategies, uint256[] scaledShares)[], uint256[][])',
      ]),
      functionName: 'getQueuedWithdrawals',
      args: [staker],
    })
    expect(w.eigenlayer!.readyAt).toEqual({ block: BigInt(queued!.startBlock) + 1n })
    // ready: a completion sent now (landing in block + 1) succeeds
    expect(w.eigenlayer!.ready).toBe(block + 1n >= BigInt(queued!.startBlock) + 1n)
    expect(w.eigenlayer!.ready).toBe(true)
    expect(w.eigenlayer!.amount).toBe(parseEther('4'))
    const epoch = await read<bigint>(symVault, 'currentEpoch')
    expect(w.symbiotic).toMatchObject({ ready: false, id: epoch + 1n })
    expect(w.symbiotic!.amount).toBe(await read<bigint>(symVault, 'withdrawalsOf', [epoch + 1n, staker]))
    expect(w.karak).toMatchObject({ ready: false, amount: parseEther('1') })
    const now = (await devnet.publicClient.getBlock()).timestamp
    expect((w.karak!.readyAt as { timestamp: bigint }).timestamp - now).toBeGreaterThan(9n * 86400n - 120n)
  })

  test('readiness moves with the chain', async () => {
    const id = await devnet.snapshot()
    const read = () =>
      getRestakingPortfolio(devnet.publicClient, {
        staker,
        eigenlayer: { deployment: devnet.deployments.eigenlayer! },
        symbiotic: { deployment: devnet.deployments.symbiotic!, vaults: [symVault] },
        karak: { deployment: devnet.deployments.karak! },
      })
    const ready = async () => (await read()).withdrawals.map((x) => [x.protocol, x.ready] as const).sort()
    try {
      expect(await ready()).toEqual([
        ['eigenlayer', true],
        ['karak', false],
        ['symbiotic', false],
      ])
      await devnet.increaseTime(2 * 3600) // two Symbiotic epochs: the bucket is claimable
      expect(await ready()).toEqual([
        ['eigenlayer', true],
        ['karak', false],
        ['symbiotic', true],
      ])
      await devnet.increaseTime(9 * 86400) // Karak's 9-day delay
      const later = await getRestakingPortfolio(devnet.publicClient, {
        staker,
        eigenlayer: { deployment: devnet.deployments.eigenlayer! },
        // the bucket is now 200+ epochs old: look back far enough to still see it
        symbiotic: { deployment: devnet.deployments.symbiotic!, vaults: [symVault], lookback: 400 },
        karak: { deployment: devnet.deployments.karak! },
      })
      expect(later.withdrawals.map((x) => [x.protocol, x.ready]).sort()).toEqual([
        ['eigenlayer', true],
        ['karak', true],
        ['symbiotic', true],
      ])
    } finally {
      await devnet.revert(id)
    }
  })

  test('Symbiotic discovery through the lens: 2 stages; one HTTP request each with a batching transport', async () => {
    const plain = counting(false)
    const a = await getRestakingPortfolio(plain.client, {
      staker,
      eigenlayer: { deployment: devnet.deployments.eigenlayer! },
      symbiotic: { deployment: devnet.deployments.symbiotic! },
      karak: { deployment: devnet.deployments.karak! },
    })
    // stage 1: aggregate3 + the lens eth_call (in parallel); stage 2: aggregate3
    expect(plain.counter.requests).toBe(3)
    const batched = counting(true)
    const b = await getRestakingPortfolio(batched.client, {
      staker,
      eigenlayer: { deployment: devnet.deployments.eigenlayer! },
      symbiotic: { deployment: devnet.deployments.symbiotic! },
      karak: { deployment: devnet.deployments.karak! },
    })
    expect(batched.counter.requests).toBe(2)
    expect(b.positions).toEqual(a.positions)
    expect(a.positions.filter((p) => p.protocol === 'symbiotic').map((p) => p.location)).toEqual([symVault])
  })

  test('through the decorator, with the devnet deployments as defaults', async () => {
    const client = devnet.publicClient.extend(
      restakingActions({
        eigenlayer: devnet.deployments.eigenlayer!,
        symbiotic: devnet.deployments.symbiotic!,
        karak: devnet.deployments.karak!,
      }),
    )
    const p = await client.restaking.getPortfolio({ staker })
    expect(p.positions.map((x) => x.protocol).sort()).toEqual(['eigenlayer', 'karak', 'symbiotic'])
    const skipKarak = await client.restaking.getPortfolio({ staker, karak: false })
    expect(skipKarak.skipped).toEqual([{ protocol: 'karak', reason: 'skipped by the caller' }])
    expect(skipKarak.positions.some((x) => x.protocol === 'karak')).toBe(false)
  })

  test('protocols unknown on the chain are skipped with a reason; a failing one is a typed error or partial', async () => {
    // the SDK knows no deployment on chain 31337 (the devnet hands them over): all skipped
    const none = await getRestakingPortfolio(devnet.publicClient, { staker })
    expect(none.skipped.map((s) => s.protocol).sort()).toEqual(['eigenlayer', 'karak', 'symbiotic'])
    expect(none.positions).toEqual([])
    const eigenlayer = { deployment: devnet.deployments.eigenlayer! }
    const p = await getRestakingPortfolio(devnet.publicClient, { staker, eigenlayer })
    expect(p.skipped.map((s) => s.protocol).sort()).toEqual(['karak', 'symbiotic'])
    expect(p.positions.every((x) => x.protocol === 'eigenlayer')).toBe(true)

    const broken = { ...devnet.deployments.karak!, vaults: [devnet.deployments.tokens.weth] } // not a vault
    await expect(
      getRestakingPortfolio(devnet.publicClient, { staker, eigenlayer, karak: { deployment: broken } }),
    ).rejects.toThrow(PortfolioReadError)
    const partial = await getRestakingPortfolio(devnet.publicClient, {
      staker,
      eigenlayer: { deployment: devnet.deployments.eigenlayer! },
      karak: { deployment: broken },
      allowPartial: true,
    })
    expect(partial.errors.map((e) => e.protocol)).toEqual(['karak'])
    expect(partial.positions.some((x) => x.protocol === 'eigenlayer')).toBe(true)
    // the token itself is untouched by the failed read
    expect(await read<bigint>(devnet.deployments.tokens.weth, 'balanceOf', [staker], erc20Abi)).toBe(0n)
  })

  test('bad input is refused before any request', async () => {
    const { client, counter } = counting(false)
    await expect(getRestakingPortfolio(client, { staker: '0x1234' as Address })).rejects.toThrow(
      InvalidAddressError,
    )
    expect(counter.requests).toBe(0)
  })
})
