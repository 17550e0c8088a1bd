/**
 * Chain test: a snapshot is one block's state. Deposits that land right after the snapshot read its
 * block (between its first and its later round trips) are not in it: every figure equals the
 * contracts' view at the snapshot's `blockNumber`, read with plain viem.
 */
import { deposit } from '@restakekit/core'
import { deposit as symbioticDeposit } from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, custom, type Hex, http, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Env, envOf } from '../../core/src/eigenlayer/test/helpers.js'
import { snapshotRestaking } from '../src/snapshot-io.js'

const views = parseAbi([
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
  'function activeBalanceOf(address) view returns (uint256)',
])

describe.skipIf(!haveEigenLayer())('snapshotRestaking pinned to one block', () => {
  let devnet: Devnet
  let env: Env
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
    env = await envOf(devnet)
  })
  afterAll(() => devnet?.stop())

  it('deposits landing after the first round trip are not in the snapshot', async () => {
    const pc = devnet.publicClient
    const mined = async (h: Promise<Hex>) => {
      const r = await pc.waitForTransactionReceipt({ hash: await h })
      if (r.status !== 'success') throw new Error('reverted')
    }
    const weth = devnet.deployments.tokens.weth
    const account = await devnet.newAccount({
      tokens: { [env.token]: parseEther('10'), [weth]: parseEther('10') },
    })
    const staker: Address = account.address
    const wallet = devnet.walletClient(account)
    await mined(
      deposit(wallet, {
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('5'),
        deployment: env.deployment,
      }),
    )
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
    })
    await mined(symbioticDeposit(wallet, { vault, amount: parseEther('3') }))

    const upstream = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) })
    let requests = 0
    let first: bigint | undefined
    const transport = custom({
      async request({ method, params }: { method: string; params?: unknown }) {
        const answer = await upstream.request({ method, params } as never)
        if (++requests === 1) {
          // the snapshot's first round trip read its block: land one deposit in each protocol now
          first = BigInt(await upstream.request({ method: 'eth_blockNumber' }))
          await mined(
            deposit(wallet, {
              strategy: env.strategy,
              token: env.token,
              amount: parseEther('1'),
              deployment: env.deployment,
            }),
          )
          await mined(symbioticDeposit(wallet, { vault, amount: parseEther('1') }))
        }
        return answer
      },
    })
    const client = createPublicClient({ chain: devnet.chain, transport })
    const snap = await snapshotRestaking(client, {
      stakers: [staker],
      vaults: [vault],
      eigenlayer: env.deployment,
      symbiotic: devnet.deployments.symbiotic!,
      karak: false,
    })
    expect(first).toBeDefined()
    expect(snap.blockNumber).toBe(first!.toString())

    const at = async (blockNumber: bigint) => {
      const [[shares]] = await pc.readContract({
        address: env.deployment.delegationManager,
        abi: views,
        functionName: 'getWithdrawableShares',
        args: [staker, [env.strategy]],
        blockNumber,
      })
      const active = await pc.readContract({
        address: vault,
        abi: views,
        functionName: 'activeBalanceOf',
        args: [staker],
        blockNumber,
      })
      return { shares: shares!, active }
    }
    const then = await at(first!)
    const now = await at(await pc.getBlockNumber())
    expect(now.active - then.active).toBe(parseEther('1'))
    expect(now.shares).toBeGreaterThan(then.shares)

    const elStaker = snap.eigenlayer!.stakers.find((s) => s.address.toLowerCase() === staker.toLowerCase())!
    const dep = elStaker.deposits.find((d) => d.strategy.toLowerCase() === env.strategy.toLowerCase())!
    expect(BigInt(dep.withdrawableShares)).toBe(then.shares)
    const symStaker = snap.symbiotic!.stakers.find((s) => s.address.toLowerCase() === staker.toLowerCase())!
    const pos = symStaker.vaults.find((p) => p.vault.toLowerCase() === vault.toLowerCase())!
    expect(BigInt(pos.activeBalance)).toBe(then.active)
  })
})
