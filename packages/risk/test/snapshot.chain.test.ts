/**
 * Chain test: an EigenLayer operator allocated to two operator sets and a Symbiotic
 * NetworkRestake vault with two networks, on the devnet. The snapshot and the position analysis
 * must show the slashable amounts the contracts report.
 */

import { setupSymbioticStake } from '@restakekit/avs/symbiotic/testing'
import { delegateTo, deposit, readBatch, symbioticDelegatorAbi, unwrap } from '@restakekit/core'
import { deposit as symbioticDeposit } from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { type Address, type Hex, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type Env,
  envOf,
  newAvs,
  newOperator,
  newStaker,
  registerAndAllocate,
} from '../../core/src/eigenlayer/test/helpers.js'
import { slashableStakes } from '../src/eigenlayer.js'
import { analyzePosition, buildGraph, operatorSetId, subnetworkId } from '../src/snapshot.js'
import { snapshotRestaking } from '../src/snapshot-io.js'
import { symbioticStake } from '../src/symbiotic.js'

// v1.2 (the devnet fixture) has no getAllocatedStake; getMinimumSlashableStake at the current block is the same figure
const slashableAbi = parseAbi([
  'function getMinimumSlashableStake((address avs, uint32 id) operatorSet, address[] operators, address[] strategies, uint32 futureBlock) view returns (uint256[][])',
])
const WAD = 10n ** 18n

describe.skipIf(!haveEigenLayer())('snapshotRestaking on the devnet', () => {
  let devnet: Devnet
  let env: Env
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
    env = await envOf(devnet)
  })
  afterAll(() => devnet?.stop())

  it('EigenLayer operator in two operator sets + Symbiotic vault with two networks', async () => {
    const pc = devnet.publicClient
    const mined = async (h: Promise<Hex>) => {
      const r = await pc.waitForTransactionReceipt({ hash: await h })
      if (r.status !== 'success') throw new Error('reverted')
    }
    // EigenLayer: staker deposits 100 and delegates; the operator allocates 20% and 25% to two sets
    const operator = await newOperator(env)
    const staker = await newStaker(env, parseEther('100'))
    const wallet = devnet.walletClient(staker)
    await mined(
      deposit(wallet, {
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('100'),
        deployment: env.deployment,
      }),
    )
    await mined(delegateTo(wallet, { operator: operator.address, deployment: env.deployment }))
    const avs1 = await newAvs(env, [env.strategy], 1)
    const avs2 = await newAvs(env, [env.strategy], 2)
    await registerAndAllocate(env, operator, avs1, 1, [env.strategy], [(WAD * 20n) / 100n])
    await registerAndAllocate(env, operator, avs2, 2, [env.strategy], [(WAD * 25n) / 100n])
    await devnet.mine(3)

    // Symbiotic: NetworkRestake vault over WETH, two networks with limits 60 and 30, staker deposits 100
    const sym = devnet.deployments.symbiotic!
    const weth = devnet.deployments.tokens.weth
    const v = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    const net1 = (await devnet.newAccount()).address
    const net2 = (await devnet.newAccount()).address
    const sub1 = await setupSymbioticStake(devnet, {
      ...v,
      delegatorType: 0,
      network: net1,
      operator: operator.address,
      limit: parseEther('60'),
    })
    const sub2 = await setupSymbioticStake(devnet, {
      ...v,
      delegatorType: 0,
      network: net2,
      operator: operator.address,
      limit: parseEther('30'),
    })
    await devnet.fund(staker.address, { tokens: { [weth]: parseEther('100') } })
    const erc20 = parseAbi(['function approve(address, uint256) returns (bool)'])
    await mined(
      wallet.writeContract({
        address: weth,
        abi: erc20,
        functionName: 'approve',
        args: [v.vault, parseEther('100')],
      }),
    )
    await mined(symbioticDeposit(wallet, { vault: v.vault, amount: parseEther('100') }))
    await devnet.mine(1)

    const snap = await snapshotRestaking(pc, {
      stakers: [staker.address],
      operators: [operator.address],
      avs: [avs1, avs2],
      vaults: [v.vault],
      subnetworks: [sub1, sub2],
      eigenlayer: env.deployment,
      symbiotic: sym,
    })
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap) // plain JSON

    // --- EigenLayer: what the AllocationManager reports
    const block = Number(snap.blockNumber)
    const contract = await readBatch(
      pc,
      [
        { avs: avs1, id: 1 },
        { avs: avs2, id: 2 },
      ].map((set) => ({
        address: env.deployment.allocationManager,
        abi: slashableAbi,
        functionName: 'getMinimumSlashableStake',
        args: [set, [operator.address], [env.strategy], block],
      })),
    )
    const onChain = contract.map((r) => unwrap<readonly (readonly bigint[])[]>(r)[0]![0]!)
    expect(onChain[0]).toBeGreaterThan(0n)
    const op = snap.eigenlayer!.operators.find(
      (o) => o.address.toLowerCase() === operator.address.toLowerCase(),
    )!
    const st = op.strategies.find((s) => s.strategy.toLowerCase() === env.strategy.toLowerCase())!
    const sets = slashableStakes({
      maxMagnitude: BigInt(st.maxMagnitude),
      operatorShares: BigInt(st.operatorShares),
      allocations: st.allocations.map((a) => ({
        operatorSet: `${a.operatorSet.avs}:${a.operatorSet.id}`,
        currentMagnitude: BigInt(a.currentMagnitude),
      })),
    })
    expect(sets.map((s) => s.slashable).sort()).toEqual([...onChain].sort())
    expect(snap.eigenlayer!.operatorSets.map((s) => s.id).sort()).toEqual([1, 2])
    // this release has no redistribution (v1.5+): the probe reads its absent form, so both sets burn
    expect(snap.eigenlayer!.operatorSets.map((s) => s.redistributionRecipient)).toEqual([null, null])

    const pos = analyzePosition(snap, { staker: staker.address })
    const el1 = pos.exposures.find((e) => e.service === operatorSetId({ avs: avs1, id: 1 }))!
    const el2 = pos.exposures.find((e) => e.service === operatorSetId({ avs: avs2, id: 2 }))!
    // the staker is the operator's only delegator: its slashable parts are the operator's
    expect([el1.slashable, el2.slashable]).toEqual(onChain)
    expect(pos.byProtocol.eigenlayer.worstCase).toBe(onChain[0]! + onChain[1]!)
    expect(pos.byProtocol.eigenlayer.delegatedTo).toBe(operator.address.toLowerCase())
    expect(pos.byProtocol.eigenlayer.redistributable).toBe(0n)

    // --- Symbiotic: what the delegator reports
    const stakes = await readBatch(
      pc,
      [sub1, sub2].map((s) => ({
        address: v.delegator,
        abi: symbioticDelegatorAbi,
        functionName: 'stake',
        args: [s, operator.address],
      })),
    )
    const symOnChain = stakes.map((r) => unwrap<bigint>(r))
    expect(symOnChain).toEqual([parseEther('60'), parseEther('30')])
    const vault = snap.symbiotic!.vaults[0]!
    expect(vault.delegatorType).toBe('NetworkRestake')
    const state = {
      vault: vault.address,
      delegatorType: vault.delegatorType,
      activeStake: BigInt(vault.activeStake),
      networks: vault.networks.map((n) => ({
        subnetwork: n.subnetwork,
        networkLimit: BigInt(n.networkLimit),
        ...(n.totalShares ? { totalShares: BigInt(n.totalShares) } : {}),
        operators: n.operators.map((o) => ({
          operator: o.operator,
          ...(o.shares ? { shares: BigInt(o.shares) } : {}),
        })),
      })),
    }
    expect([sub1, sub2].map((s) => symbioticStake(state, s, operator.address))).toEqual(symOnChain)
    const s1 = pos.exposures.find((e) => e.service === subnetworkId(sub1))!
    const s2 = pos.exposures.find((e) => e.service === subnetworkId(sub2))!
    expect([s1.slashable, s2.slashable]).toEqual(symOnChain) // sole depositor
    expect(pos.byProtocol.symbiotic.worstCase).toBe(parseEther('90'))
    expect(pos.exit?.exitSeconds).toBeGreaterThan(0n)

    // --- the graph built from it has the four services
    const g = buildGraph(snap)
    expect(g.services.map((s) => s.id).sort()).toEqual(
      [
        operatorSetId({ avs: avs1 as Address, id: 1 }),
        operatorSetId({ avs: avs2, id: 2 }),
        subnetworkId(sub1),
        subnetworkId(sub2),
      ].sort(),
    )
  })
})
