// A portfolio is one block's state: deposits that land between its two round trips are not seen
// (torn reads), and a stage split into several aggregate3s (a small call cap) reads the same
// figures in the same number of HTTP requests as the unsplit read.
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  custom,
  erc20Abi,
  type Hex,
  http,
  maxUint256,
  parseAbi,
  parseEther,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getRestakingPortfolio } from './portfolio.js'

const strategyManagerAbi = parseAbi([
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256)',
])
const delegationViews = parseAbi([
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
])
const strategyViews = parseAbi(['function sharesToUnderlyingView(uint256) view returns (uint256)'])
const vaultAbi = parseAbi([
  'function deposit(address onBehalfOf, uint256 amount) returns (uint256, uint256)',
  'function activeBalanceOf(address) view returns (uint256)',
])

const VAULTS = 6

describe.skipIf(!haveEigenLayer())('portfolio pinned to one block', () => {
  let devnet: Devnet
  let staker: Address
  let wallet: ReturnType<Devnet['walletClient']>
  const vaults: Address[] = []
  const mined = async (hash: Promise<Hex>) => {
    const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
    expect(r.status).toBe('success')
  }

  beforeAll(async () => {
    devnet = await startDevnet()
    const el = devnet.deployments.eigenlayer!
    const { weth } = devnet.deployments.tokens
    const account = await devnet.newAccount({
      tokens: { [el.fixture.token]: parseEther('10'), [weth]: parseEther('40') },
    })
    staker = account.address
    wallet = devnet.walletClient(account)
    // approvals first, so that a deposit is one transaction
    await mined(
      wallet.writeContract({
        address: el.fixture.token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [el.strategyManager, maxUint256],
      }),
    )
    await mined(
      wallet.writeContract({
        address: el.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'depositIntoStrategy',
        args: [el.fixture.strategy, el.fixture.token, parseEther('5')],
      }),
    )
    for (let i = 0; i < VAULTS; i++) {
      const { vault } = await createSymbioticVault(devnet, {
        collateral: weth,
        epochDuration: 3600,
        delegatorType: 0,
      })
      vaults.push(vault)
      await mined(
        wallet.writeContract({
          address: weth,
          abi: erc20Abi,
          functionName: 'approve',
          args: [vault, maxUint256],
        }),
      )
      await mined(
        wallet.writeContract({
          address: vault,
          abi: vaultAbi,
          functionName: 'deposit',
          args: [staker, parseEther(String(i + 1))],
        }),
      )
    }
  }, 240_000)
  afterAll(() => devnet?.stop())

  const params = () => ({
    staker,
    eigenlayer: { deployment: devnet.deployments.eigenlayer! },
    symbiotic: { deployment: devnet.deployments.symbiotic!, vaults },
    karak: false as const,
  })

  /** EigenLayer and Symbiotic figures read with plain viem at one block. */
  async function figuresAt(blockNumber: bigint) {
    const el = devnet.deployments.eigenlayer!
    const pc = devnet.publicClient
    const [[shares]] = await pc.readContract({
      address: el.delegationManager,
      abi: delegationViews,
      functionName: 'getWithdrawableShares',
      args: [staker, [el.fixture.strategy]],
      blockNumber,
    })
    const eigenlayer = await pc.readContract({
      address: el.fixture.strategy,
      abi: strategyViews,
      functionName: 'sharesToUnderlyingView',
      args: [shares!],
      blockNumber,
    })
    const symbiotic = await Promise.all(
      vaults.map((address) =>
        pc.readContract({
          address,
          abi: vaultAbi,
          functionName: 'activeBalanceOf',
          args: [staker],
          blockNumber,
        }),
      ),
    )
    return { eigenlayer, symbiotic }
  }

  test('deposits landing between the two round trips are not seen: the figures are the first block', async () => {
    const el = devnet.deployments.eigenlayer!
    const upstream = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) })
    let calls = 0
    let first: bigint | undefined
    const transport = custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        const answer = await upstream.request({ method, params } as never)
        if (method === 'eth_call' && ++calls === 1) {
          // after the first round trip's answer, before the second: land one deposit in each protocol
          first = BigInt(await upstream.request({ method: 'eth_blockNumber' }))
          await mined(
            wallet.writeContract({
              address: el.strategyManager,
              abi: strategyManagerAbi,
              functionName: 'depositIntoStrategy',
              args: [el.fixture.strategy, el.fixture.token, parseEther('1')],
            }),
          )
          await mined(
            wallet.writeContract({
              address: vaults[0]!,
              abi: vaultAbi,
              functionName: 'deposit',
              args: [staker, parseEther('1')],
            }),
          )
        }
        return answer
      },
    })
    const client = createPublicClient({ chain: devnet.chain, transport })
    const portfolio = await getRestakingPortfolio(client, params())
    expect(calls).toBe(2)
    expect(first).toBeDefined()
    expect(portfolio.blockNumber).toBe(first)

    const then = await figuresAt(first!)
    const now = await figuresAt(await devnet.publicClient.getBlockNumber())
    // the deposits did land: the state moved by one token in each protocol
    expect(now.eigenlayer - then.eigenlayer).toBe(parseEther('1'))
    expect(now.symbiotic[0]! - then.symbiotic[0]!).toBe(parseEther('1'))

    const amount = (protocol: string, location: Address) =>
      portfolio.positions.find((p) => p.protocol === protocol && p.location === location)?.amount
    expect(amount('eigenlayer', el.fixture.strategy)).toBe(then.eigenlayer)
    vaults.forEach((vault, i) => {
      expect(amount('symbiotic', vault)).toBe(then.symbiotic[i])
    })
  })

  test('a stage over the call cap is split into aggregate3s sent in one HTTP request: same figures, same requests', async () => {
    const counting = () => {
      const seen = { requests: 0, ethCalls: 0 }
      const transport = http(devnet.rpcUrl, {
        batch: true,
        onFetchRequest: async (request) => {
          seen.requests++
          const body = (await request.clone().json()) as { method: string } | { method: string }[]
          seen.ethCalls += (Array.isArray(body) ? body : [body]).filter((m) => m.method === 'eth_call').length
        },
      })
      return { client: createPublicClient({ chain: devnet.chain, transport }), seen }
    }
    const whole = counting()
    const unsplit = await getRestakingPortfolio(whole.client, params())
    const parts = counting()
    const split = await getRestakingPortfolio(parts.client, { ...params(), maxCalls: 4 })

    expect(unsplit.blockNumber).toBe(split.blockNumber)
    expect(split.positions).toEqual(unsplit.positions)
    expect(split.withdrawals).toEqual(unsplit.withdrawals)
    expect(split.positions.filter((p) => p.protocol === 'symbiotic')).toHaveLength(VAULTS)
    expect(whole.seen.requests).toBe(2)
    expect(parts.seen.requests).toBe(whole.seen.requests)
    // one aggregate3 per stage unsplit; several per stage with a cap of 4 calls
    expect(whole.seen.ethCalls).toBe(2)
    expect(parts.seen.ethCalls).toBeGreaterThan(2 * 2)
  })
})
