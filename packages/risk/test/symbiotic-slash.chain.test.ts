/**
 * Chain tests on the devnet's real Symbiotic core:
 * - a NetworkRestake vault whose network limit binds while a withdrawal is pending: the position's
 *   slashable amount is what a real slash takes (it was overstated by (active + pending) / active);
 * - a snapshot under RPC failures is an error, never a snapshot with zeros.
 */

import { setupSymbioticStake, slashSymbiotic } from '@restakekit/avs/symbiotic/testing'
import { symbioticVaultAbi } from '@restakekit/core'
import { deposit, withdraw } from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, custom, erc20Abi, type Hex, http, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzePosition, subnetworkId } from '../src/snapshot.js'
import { SnapshotReadError, snapshotRestaking } from '../src/snapshot-io.js'

describe('Symbiotic on the devnet', () => {
  let devnet: Devnet
  let vault: { vault: Address; delegator: Address; slasher: Address }
  let staker: Address
  let operator: Address
  let middleware: Address
  let subnetwork: Hex
  const mined = async (h: Promise<Hex>) => {
    const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await h })
    if (r.status !== 'success') throw new Error('reverted')
  }
  const params = () => ({
    stakers: [staker],
    operators: [operator],
    vaults: [vault.vault],
    subnetworks: [subnetwork],
    eigenlayer: false as const,
    symbiotic: devnet.deployments.symbiotic!,
  })

  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
    const weth = devnet.deployments.tokens.weth
    vault = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    const network = (await devnet.newAccount()).address
    operator = (await devnet.newAccount()).address
    middleware = (await devnet.newAccount()).address
    // the network limit (2) binds: the vault will hold 3 active
    subnetwork = await setupSymbioticStake(devnet, {
      ...vault,
      delegatorType: 0,
      network,
      operator,
      middleware,
      limit: parseEther('2'),
    })
    const account = await devnet.newAccount({ tokens: { [weth]: parseEther('4') } })
    staker = account.address
    const wallet = devnet.walletClient(account)
    await mined(
      wallet.writeContract({
        address: weth,
        abi: erc20Abi,
        functionName: 'approve',
        args: [vault.vault, parseEther('4')],
      }),
    )
    await mined(deposit(wallet, { vault: vault.vault, amount: parseEther('4') }))
    // 1 pending withdrawal, 3 active
    await mined(withdraw(wallet, { vault: vault.vault, amount: parseEther('1') }))
    await devnet.increaseTime(60)
  }, 240_000)
  afterAll(() => devnet?.stop())

  it('network limit binding with a withdrawal pending: slashable is what a real slash takes (2.00, not 2.67)', async () => {
    const pc = devnet.publicClient
    const snap = await snapshotRestaking(pc, params())
    const v = snap.symbiotic!.vaults[0]!
    expect([v.activeStake, v.totalStake]).toEqual([parseEther('3').toString(), parseEther('4').toString()])
    const p = analyzePosition(snap, { staker })
    const e = p.exposures.find((x) => x.service === subnetworkId(subnetwork))!
    expect(e.slashable).toBe(parseEther('2')) // was 2 · 4/3 ≈ 2.67

    const view = (functionName: 'slashableBalanceOf', args: readonly [Address]) =>
      pc.readContract({ address: vault.vault, abi: symbioticVaultAbi, functionName, args }) as Promise<bigint>
    const before = await view('slashableBalanceOf', [staker])
    expect(before).toBe(parseEther('4'))
    // the network slashes as much as it can (capture: one second ago, after the withdrawal request)
    await mined(
      slashSymbiotic(devnet, {
        slasher: vault.slasher,
        middleware,
        subnetwork,
        operator,
        amount: parseEther('10'),
      }),
    )
    const after = await view('slashableBalanceOf', [staker])
    expect(before - after).toBe(e.slashable)
    expect(p.byProtocol.symbiotic.worstCase).toBe(before - after)
  })

  it('a snapshot with failed RPC requests is a SnapshotReadError, never zeros', async () => {
    const inner = http(devnet.rpcUrl, { retryCount: 0 })({ chain: devnet.chain })
    // a healthy run first: how many eth_calls the snapshot makes
    let calls = 0
    const counting = createPublicClient({
      chain: devnet.chain,
      transport: custom(
        {
          async request(args) {
            if (args.method === 'eth_call') calls++
            return inner.request(args)
          },
        },
        { retryCount: 0 },
      ),
    })
    const healthy = await snapshotRestaking(counting, params())
    expect(BigInt(healthy.symbiotic!.vaults[0]!.networks[0]!.networkLimit)).toBeGreaterThan(0n)
    expect(calls).toBeGreaterThan(0)
    // then each eth_call in turn fails as an overloaded RPC would (HTTP 503)
    for (let fail = 1; fail <= calls; fail++) {
      let n = 0
      const faulty = createPublicClient({
        chain: devnet.chain,
        transport: custom(
          {
            async request(args) {
              if (args.method === 'eth_call' && ++n === fail)
                throw Object.assign(new Error('HTTP request failed. Status: 503 Service Unavailable'), {
                  name: 'HttpRequestError',
                  status: 503,
                })
              return inner.request(args)
            },
          },
          { retryCount: 0 },
        ),
      })
      const r = await snapshotRestaking(faulty, params()).then(
        (s) => ({ ok: true as const, s }),
        (e: unknown) => ({ ok: false as const, e }),
      )
      expect(r.ok, `eth_call ${fail} of ${calls} failed and a snapshot came back`).toBe(false)
      if (!r.ok) expect(r.e, `eth_call ${fail}`).toBeInstanceOf(SnapshotReadError)
    }
  })
})
