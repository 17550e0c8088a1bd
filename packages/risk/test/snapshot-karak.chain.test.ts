/** Chain test: a Karak position on the devnet reaches the snapshot and the position analysis. */
import { deposit, type KarakDeployment, karakCoreAbi, waitForDeposit } from '@restakekit/core/karak'
import { artifact, type Devnet, startDevnet } from '@restakekit/devnet'
import { type Hex, parseEther, parseEventLogs } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzePosition } from '../src/snapshot.js'
import { snapshotRestaking } from '../src/snapshot-io.js'

describe('Karak in snapshotRestaking on the devnet', () => {
  let devnet: Devnet
  let deployment: KarakDeployment
  beforeAll(async () => {
    devnet = await startDevnet({ symbiotic: false })
    const karak = devnet.deployments.karak!
    deployment = { chainId: devnet.chain.id, core: karak.core, vaults: karak.vaults }
  }, 240_000)
  afterAll(() => devnet?.stop())

  it('a Karak deposit gets a worst case and a typed warning (it was ignored without a word)', async () => {
    const karak = devnet.deployments.karak!
    const weth = devnet.deployments.tokens.weth
    const account = await devnet.newAccount({ tokens: { [weth]: parseEther('3') } })
    const wallet = devnet.walletClient(account)
    const hash = await deposit(wallet, { vault: karak.vaultsByAsset.weth, amount: parseEther('3') })
    await waitForDeposit(devnet.publicClient, hash)

    const snap = await snapshotRestaking(devnet.publicClient, {
      stakers: [account.address],
      eigenlayer: false,
      symbiotic: false,
      karak: deployment,
    })
    const k = snap.karak!.stakers[0]!.positions
    expect(k).toHaveLength(1)
    expect(k[0]!.vault.toLowerCase()).toBe(karak.vaultsByAsset.weth.toLowerCase())
    expect(k[0]!.assets).toBe(parseEther('3').toString())
    expect(k[0]!.dssCount).toBe('0') // not staked to any DSS yet

    const p = analyzePosition(snap, { staker: account.address })
    expect(p.byProtocol.karak.positions.map((x) => [x.balance, x.worstCase])).toEqual([[parseEther('3'), 0n]])
    expect(p.warnings).toEqual([])

    // the operator stakes the vault into a DSS (50 % cap): now the position is exposed
    const core = artifact('KarakCore')
    const dssArtifact = artifact('KarakTestDSS')
    const dss = await devnet.context.deploy(dssArtifact, [karak.core])
    await devnet.context.write({
      address: dss,
      abi: dssArtifact.abi,
      functionName: 'registerDSS',
      args: [parseEther('50')],
    })
    const operator = devnet.walletClient(karak.operatorPrivateKey)
    const wait = async (h: Hex) => {
      const r = await devnet.publicClient.waitForTransactionReceipt({ hash: h })
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
    const receipt = await wait(
      await operator.writeContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'requestUpdateVaultStakeInDSS',
        args: [{ vault: karak.vaultsByAsset.weth, dss, toStake: true }],
      }),
    )
    const [requested] = parseEventLogs({
      abi: core.abi,
      logs: receipt.logs,
      eventName: 'RequestedStakeUpdate',
    })
    await devnet.increaseTime(9n * 86400n)
    await wait(
      await operator.writeContract({
        address: karak.core,
        abi: karakCoreAbi,
        functionName: 'finalizeUpdateVaultStakeInDSS',
        args: [(requested!.args as { updateRequest: never }).updateRequest],
      }),
    )
    const after = await snapshotRestaking(devnet.publicClient, {
      stakers: [account.address],
      eigenlayer: false,
      symbiotic: false,
      karak: deployment,
    })
    expect(after.karak!.stakers[0]!.positions[0]!.dssCount).toBe('1')
    const q = analyzePosition(after, { staker: account.address })
    expect(q.byProtocol.karak.worstCase).toBe(parseEther('3'))
    expect(q.warnings).toEqual([
      expect.objectContaining({
        code: 'karakDssLimitsUnknown',
        protocol: 'karak',
        vault: karak.vaultsByAsset.weth.toLowerCase(),
      }),
    ])
  })
})
