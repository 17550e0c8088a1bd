// getApr of ether.fi, Renzo, Puffer and Swell on their devnet doubles (one devnet with all four):
// the rate moves on the double between two blocks a day apart, and the APR each adapter returns
// equals the rational this test computes from the two rates it reads and the two blocks' timestamps.
import { type Devnet, etherfiRebase, startDevnet, swellReprice } from '@restakekit/devnet'
import { erc20Abi, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import type { LrtApr } from './apr.js'
import * as etherfi from './etherfi/index.js'
import * as puffer from './puffer/index.js'
import * as renzo from './renzo/index.js'
import * as swell from './swell/index.js'

const start = () =>
  startDevnet({
    symbiotic: false,
    karak: false,
    etherfi: true,
    renzo: true,
    puffer: true,
    swell: true,
    requireEigenLayer: true,
  })
type AprDevnet = Devnet<Awaited<ReturnType<typeof start>>['deployments']>

const YEAR = 31_536_000n
const WAD = 10n ** 18n
const pufferRewardsAbi = parseAbi(['function depositRewards() payable'])

let devnet: AprDevnet
let deployments: {
  etherfi: etherfi.EtherFiDeployment
  renzo: renzo.RenzoDeployment
  puffer: puffer.PufferDeployment
  swell: swell.SwellDeployment
}
beforeAll(async () => {
  devnet = await start()
  const d = devnet.deployments
  const delegationManager = d.eigenlayer.delegationManager
  deployments = {
    etherfi: {
      chainId: devnet.chain.id,
      liquidityPool: d.etherfi.liquidityPool,
      eETH: d.etherfi.eETH,
      weETH: d.etherfi.weETH,
      withdrawRequestNFT: d.etherfi.withdrawRequestNFT,
      redemptionManager: d.etherfi.redemptionManager,
      delegationManager,
      backing: { stakers: d.etherfi.nodes, strategies: [d.etherfi.strategy] },
    },
    renzo: {
      chainId: devnet.chain.id,
      restakeManager: d.renzo.restakeManager,
      ezETH: d.renzo.ezETH,
      withdrawQueue: d.renzo.withdrawQueue,
      delegationManager,
    },
    puffer: {
      chainId: devnet.chain.id,
      vault: d.puffer.vault,
      weth: d.puffer.weth,
      withdrawalManager: d.puffer.withdrawalManager,
      modules: d.puffer.modules,
      strategies: [d.puffer.strategy],
      delegationManager,
    },
    swell: {
      chainId: devnet.chain.id,
      rswETH: d.swell.rswETH,
      rswEXIT: d.swell.rswEXIT,
      modules: d.swell.modules,
      strategies: [d.swell.strategy],
      delegationManager,
    },
  }
}, 300_000)
afterAll(() => devnet?.stop())

const pc = () => devnet.publicClient
const abs = (x: bigint) => (x < 0n ? -x : x)
const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? abs(a) : gcd(b, a % b))

/**
 * The case every adapter runs: a block, a day, the rate moved by `move`, a block; then `getApr`
 * against what the test reads itself (the two rates, the two timestamps) and reduces itself.
 */
async function aprCase(
  getRate: (blockNumber?: bigint) => Promise<bigint>,
  getApr: (fromBlock: bigint) => Promise<LrtApr>,
  getAprByDays: (days: number) => Promise<LrtApr>,
  move: () => Promise<void>,
) {
  const from = await pc().getBlock()
  const r0 = await getRate()
  await devnet.testClient.increaseTime({ seconds: 86_400 })
  await devnet.mine(1)
  await move()
  const to = await pc().getBlock()
  const r1 = await getRate()
  expect(r1).not.toBe(r0) // the double's rate moved
  expect(await getRate(from.number)).toBe(r0) // and its old rate is still read at the old block

  const apr = await getApr(from.number)
  const dt = to.timestamp - from.timestamp
  expect(dt).toBeGreaterThanOrEqual(86_400n)
  const n = (r1 - r0) * YEAR
  const d = r0 * dt
  const g = gcd(n, d)
  expect(apr).toEqual({
    fromBlock: from.number,
    toBlock: to.number,
    fromTimestamp: from.timestamp,
    toTimestamp: to.timestamp,
    fromRate: r0,
    toRate: r1,
    apr: { numerator: n / g, denominator: d / g },
    aprFloat: Number(((n / g) * WAD) / (d / g)) / 1e18,
  })
  // { days: 1 }: the start is the last block at or before a day before the end
  const byDays = await getAprByDays(1)
  expect(byDays.toBlock).toBe(to.number)
  expect(byDays.fromTimestamp).toBeLessThanOrEqual(to.timestamp - 86_400n)
  const next = await pc().getBlock({ blockNumber: byDays.fromBlock + 1n })
  expect(next.timestamp).toBeGreaterThan(to.timestamp - 86_400n)
  return { r0, r1, apr }
}

describe('getApr on the doubles: the rate moved between two blocks, annualized exactly', () => {
  test('ether.fi: a rebase (oracle report) of 1 % of the pool raises weETH getRate', async () => {
    const deployment = deployments.etherfi
    const user = await devnet.newAccount()
    await etherfi.waitForDeposit(
      pc(),
      await etherfi.deposit(devnet.walletClient(user), {
        asset: etherfi.ETHERFI_ETH,
        amount: parseEther('10'),
        deployment,
      }),
    )
    const { r0, r1, apr } = await aprCase(
      (blockNumber) => etherfi.getRate(pc(), { deployment, ...(blockNumber ? { blockNumber } : {}) }),
      (fromBlock) => etherfi.getApr(pc(), { fromBlock, deployment }),
      (days) => etherfi.etherfi.actions.getApr(pc(), { days, deployment }),
      () => etherfiRebase(devnet.context, devnet.deployments.etherfi, parseEther('0.1')),
    )
    expect(r1).toBeGreaterThan(r0)
    expect(apr.apr.numerator).toBeGreaterThan(0n)
  })

  test('Renzo: ETH added to the RestakeManager raises the TVL per ezETH', async () => {
    const deployment = deployments.renzo
    const user = await devnet.newAccount()
    await renzo.waitForDeposit(
      pc(),
      await renzo.deposit(devnet.walletClient(user), {
        asset: renzo.RENZO_ETH_ADDRESS,
        amount: parseEther('4'),
        minOut: 0n,
        deployment,
      }),
    )
    const { r0, r1 } = await aprCase(
      (blockNumber) => renzo.getRate(pc(), { deployment, ...(blockNumber ? { blockNumber } : {}) }),
      (fromBlock) => renzo.getApr(pc(), { fromBlock, deployment }),
      (days) => renzo.renzo.actions.getApr(pc(), { days, deployment }),
      async () => {
        const held = await pc().getBalance({ address: deployment.restakeManager })
        await devnet.testClient.setBalance({
          address: deployment.restakeManager,
          value: held + parseEther('0.04'),
        })
        await devnet.mine(1)
      },
    )
    expect(r1).toBeGreaterThan(r0)
  })

  test('Puffer: depositRewards raises convertToAssets(1e18)', async () => {
    const deployment = deployments.puffer
    const user = await devnet.newAccount()
    await puffer.waitForDeposit(
      pc(),
      await puffer.deposit(devnet.walletClient(user), {
        asset: puffer.ETH_ADDRESS,
        amount: parseEther('5'),
        deployment,
      }),
    )
    const { r0, r1 } = await aprCase(
      (blockNumber) => puffer.getRate(pc(), { deployment, ...(blockNumber ? { blockNumber } : {}) }),
      (fromBlock) => puffer.getApr(pc(), { fromBlock, deployment }),
      (days) => puffer.puffer.actions.getApr(pc(), { days, deployment }),
      async () => {
        await devnet.context.write({
          address: deployment.vault,
          abi: pufferRewardsAbi,
          functionName: 'depositRewards',
          value: parseEther('0.05'),
        })
      },
    )
    expect(r1).toBeGreaterThan(r0)
  })

  test('Swell: a reprice below the old rate (a loss) gives a negative APR', async () => {
    const deployment = deployments.swell
    const user = await devnet.newAccount()
    await swell.waitForDeposit(
      pc(),
      await swell.deposit(devnet.walletClient(user), {
        asset: swell.ETH_ADDRESS,
        amount: parseEther('3'),
        deployment,
      }),
    )
    const { r0, r1, apr } = await aprCase(
      (blockNumber) => swell.getRate(pc(), { deployment, ...(blockNumber ? { blockNumber } : {}) }),
      (fromBlock) => swell.getApr(pc(), { fromBlock, deployment }),
      (days) => swell.swell.actions.getApr(pc(), { days, deployment }),
      async () => {
        const supply = await pc().readContract({
          address: deployment.rswETH,
          abi: erc20Abi,
          functionName: 'totalSupply',
        })
        const rate = await swell.getRate(pc(), { deployment })
        // reserves at 0.2 % under the rate now: the bot reprices a loss
        await swellReprice(
          devnet.context,
          devnet.deployments.swell,
          (supply * rate * 998n) / 1000n / WAD,
          0n,
          supply,
        )
      },
    )
    expect(r1).toBeLessThan(r0)
    expect(apr.apr.numerator).toBeLessThan(0n)
    expect(apr.apr.denominator).toBeGreaterThan(0n)
  })
})
