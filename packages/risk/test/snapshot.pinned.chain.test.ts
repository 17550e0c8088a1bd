/**
 * Chain test: a snapshot is one block's state. Deposits mined while it is being read (from a
 * transport hook, after the answer to its first `eth_call`) are not in it: the staker's position
 * (read first) and the vault's active stake (read after) agree with each other and with the
 * contracts at the snapshot's `blockNumber`.
 */
import { deposit as symbioticDeposit } from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  custom,
  type EIP1193RequestFn,
  type Hex,
  http,
  parseAbi,
  parseEther,
} from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { snapshotRestaking } from '../src/snapshot-io.js'

const vaultViews = parseAbi([
  'function activeStake() view returns (uint256)',
  'function activeBalanceOf(address) view returns (uint256)',
])

describe('snapshotRestaking reads one block', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
  })
  afterAll(() => devnet?.stop())

  it('deposits landing during the read are not in the snapshot', async () => {
    const pc = devnet.publicClient
    const mined = async (h: Promise<Hex>) => {
      const r = await pc.waitForTransactionReceipt({ hash: await h })
      if (r.status !== 'success') throw new Error('reverted')
    }
    const weth = devnet.deployments.tokens.weth
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    const staker = await devnet.newAccount({ tokens: { [weth]: parseEther('6') } })
    const other = await devnet.newAccount({ tokens: { [weth]: parseEther('2') } })
    await mined(symbioticDeposit(devnet.walletClient(staker), { vault, amount: parseEther('5') }))

    let hooked = false
    const inner = http(devnet.rpcUrl)({ chain: devnet.chain })
    // (the Symbiotic lenses answer by reverting: the hook runs after an answer or an error)
    const request: EIP1193RequestFn = async (args) => {
      try {
        return (await inner.request(args as never)) as never
      } finally {
        if (args.method === 'eth_call' && !hooked) {
          hooked = true
          // the staker and another account deposit before the snapshot reads on
          await mined(symbioticDeposit(devnet.walletClient(staker), { vault, amount: parseEther('1') }))
          await mined(symbioticDeposit(devnet.walletClient(other), { vault, amount: parseEther('2') }))
        }
      }
    }
    const client = createPublicClient({ chain: devnet.chain, transport: custom({ request }) })
    const start = await pc.getBlockNumber()
    const snap = await snapshotRestaking(client, {
      stakers: [staker.address],
      vaults: [vault],
      eigenlayer: false,
      symbiotic: devnet.deployments.symbiotic!,
    })
    expect(hooked).toBe(true)
    expect(await pc.getBlockNumber()).toBeGreaterThanOrEqual(start + 2n) // the deposits (and approvals) landed during the read
    expect(snap.blockNumber).toBe(start.toString())

    const at = (functionName: string, args: readonly unknown[] = []) =>
      pc.readContract({
        address: vault,
        abi: vaultViews,
        functionName,
        args,
        blockNumber: start,
      } as never) as Promise<bigint>
    const v = snap.symbiotic!.vaults.find((x) => x.address.toLowerCase() === vault.toLowerCase())!
    const position = snap.symbiotic!.stakers[0]!.vaults.find(
      (x) => x.vault.toLowerCase() === vault.toLowerCase(),
    )!
    // one block: the sole depositor's balance is the vault's whole active stake, both 5
    expect(position.activeBalance).toBe(parseEther('5').toString())
    expect(v.activeStake).toBe(parseEther('5').toString())
    expect(v.activeStake).toBe((await at('activeStake')).toString())
    expect(position.activeBalance).toBe((await at('activeBalanceOf', [staker.address as Address])).toString())
  })
})
