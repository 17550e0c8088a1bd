// The shared EigenLayer backing read (backing.ts) and the risk look-through built on it, on the
// devnet's Renzo doubles restaking for real into EigenLayer: the operator delegator's shares, a real
// slash by an AVS through the AllocationManager, and both reads compared with what EigenLayer reports.
import { InvalidParameterError } from '@restakekit/core'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { lrtLookThrough, rational } from '@restakekit/risk'
import {
  type Address,
  createPublicClient,
  http,
  parseAbi,
  parseEther,
  parseEventLogs,
  zeroAddress,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { backingPage, readEigenLayerBacking } from './backing.js'
import { type EtherFiDeployment, getBacking as getEtherFiBacking } from './etherfi/index.js'
import { getBacking as getKelpBacking, type KelpDeployment } from './kelp/index.js'
import { getBacking as getPufferBacking, type PufferDeployment } from './puffer/index.js'
import { deposit, getBacking, type RenzoDeployment, waitForDeposit } from './renzo/index.js'
import { getBacking as getSwellBacking, type SwellDeployment } from './swell/index.js'

// all five LRTs' doubles on one EigenLayer: Renzo's is slashed, every adapter's read is counted
const startRenzo = () =>
  startDevnet({
    symbiotic: false,
    karak: false,
    renzo: true,
    kelp: true,
    etherfi: true,
    puffer: true,
    swell: true,
    requireEigenLayer: true,
  })
type RenzoDevnet = Devnet<Awaited<ReturnType<typeof startRenzo>>['deployments']>

const WAD = 10n ** 18n
const allocationAbi = parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct AllocateParams { OperatorSet operatorSet; address[] strategies; uint64[] newMagnitudes; }',
  'struct RegisterParams { address avs; uint32[] operatorSetIds; bytes data; }',
  'function registerForOperatorSets(address operator, RegisterParams params)',
  'function modifyAllocations(address operator, AllocateParams[] params)',
  'function getMinimumSlashableStake(OperatorSet operatorSet, address[] operators, address[] strategies, uint32 futureBlock) view returns (uint256[][] slashableStake)',
  'event OperatorSlashed(address operator, OperatorSet operatorSet, address[] strategies, uint256[] wadSlashed, string description)',
])
const testAvsAbi = parseAbi([
  'function setup(string metadataURI, uint32 operatorSetId, address[] strategies)',
  'function slash(address operator, uint32 operatorSetId, address[] strategies, uint256[] wadsToSlash, string description)',
])
const dmAbi = parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function operatorShares(address operator, address strategy) view returns (uint256)',
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
])
const strategyAbi = parseAbi(['function sharesToUnderlyingView(uint256 amountShares) view returns (uint256)'])

describe('backing (one EigenLayer read for every LRT) and the risk look-through', () => {
  let devnet: RenzoDevnet
  let deployment: RenzoDeployment
  let od: Address
  let operator: Address
  let strategy: Address
  let lst: Address
  beforeAll(async () => {
    devnet = await startRenzo()
    const r = devnet.deployments.renzo
    deployment = {
      chainId: devnet.chain.id,
      restakeManager: r.restakeManager,
      ezETH: r.ezETH,
      withdrawQueue: r.withdrawQueue,
      delegationManager: devnet.deployments.eigenlayer.delegationManager,
    }
    od = r.operatorDelegators[0]!
    operator = r.operator
    strategy = r.strategy
    lst = r.assets.lst
    // the LST beyond its withdraw buffer goes to the operator delegator and into EigenLayer
    const holder = await devnet.newAccount({ tokens: { [lst]: parseEther('20') } })
    await waitForDeposit(
      devnet.publicClient,
      await deposit(devnet.walletClient(holder), { asset: lst, amount: parseEther('20'), deployment }),
    )
  }, 300_000) // a cold solc cache on a loaded machine
  afterAll(() => devnet?.stop())

  const pc = () => devnet.publicClient
  /** A client counting its JSON-RPC requests (round trips). */
  const counting = () => {
    const counter = { requests: 0 }
    const client = createPublicClient({
      chain: devnet.chain,
      transport: http(devnet.rpcUrl, { onFetchRequest: () => void counter.requests++ }),
    })
    return { client, counter }
  }
  const withdrawableIn = async (staker: Address, in_: Address) => {
    const [w, d] = await pc().readContract({
      address: deployment.delegationManager!,
      abi: dmAbi,
      functionName: 'getWithdrawableShares',
      args: [staker, [in_]],
    })
    return { shares: w[0]!, depositShares: d[0]! }
  }
  const withdrawable = (staker: Address) => withdrawableIn(staker, strategy)
  const underlying = (shares: bigint) =>
    pc().readContract({
      address: strategy,
      abi: strategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [shares],
    })
  /** EigenLayer's own figure: the operator's stake the set can slash now. */
  const slashableStake = async (avs: Address, id: number) => {
    const block = await pc().getBlockNumber()
    const [row] = await pc().readContract({
      address: devnet.deployments.eigenlayer.allocationManager,
      abi: allocationAbi,
      functionName: 'getMinimumSlashableStake',
      args: [{ avs, id }, [operator], [strategy], Number(block)],
    })
    return row![0]!
  }

  test('readEigenLayerBacking: a page of any staker list in two round trips, paged, bad paging refused before any read', async () => {
    const el = await withdrawable(od)
    expect(el.shares).toBeGreaterThan(0n)
    const stranger = (await devnet.newAccount()).address
    const { client, counter } = counting()
    const first = await readEigenLayerBacking(client, {
      delegationManager: deployment.delegationManager!,
      stakers: [od, stranger],
      strategies: [{ strategy }],
      limit: 1,
    })
    expect(counter.requests).toBe(2)
    const amount = await underlying(el.shares)
    expect(first).toEqual({
      stakers: [{ staker: od, operator, positions: [{ strategy, ...el, amount }] }],
      totals: [{ strategy, ...el, amount }],
      total: 2,
      nextOffset: 1,
    })
    counter.requests = 0
    const second = await readEigenLayerBacking(client, {
      delegationManager: deployment.delegationManager!,
      stakers: [od, stranger],
      strategies: [{ strategy }],
      offset: 1,
    })
    expect(counter.requests).toBe(2)
    // an address EigenLayer does not know: undelegated, nothing restaked
    expect(second).toEqual({
      stakers: [
        {
          staker: stranger,
          operator: null,
          positions: [{ strategy, shares: 0n, depositShares: 0n, amount: 0n }],
        },
      ],
      totals: [{ strategy, shares: 0n, depositShares: 0n, amount: 0n }],
      total: 2,
      nextOffset: null,
    })
    expect(
      await pc().readContract({
        address: deployment.delegationManager!,
        abi: dmAbi,
        functionName: 'delegatedTo',
        args: [stranger],
      }),
    ).toBe(zeroAddress)
    // bad paging is a typed error before any request
    counter.requests = 0
    for (const page of [{ offset: -1 }, { limit: 0 }, { offset: 1.5 }]) {
      await expect(
        readEigenLayerBacking(client, {
          delegationManager: deployment.delegationManager!,
          stakers: [od],
          strategies: [{ strategy }],
          ...page,
        }),
      ).rejects.toBeInstanceOf(InvalidParameterError)
      await expect(getBacking(client, { deployment, ...page })).rejects.toBeInstanceOf(InvalidParameterError)
      expect(() => backingPage(page)).toThrow(InvalidParameterError)
    }
    expect(counter.requests).toBe(0)
    // Renzo's getBacking finds its staker and strategy on chain (three stages), then the same two
    counter.requests = 0
    const renzo = await getBacking(client, { deployment })
    expect(counter.requests).toBe(5)
    expect(renzo).toEqual({
      stakers: [{ staker: od, operator, positions: [{ strategy, asset: lst, ...el, amount }] }],
      totals: [{ strategy, asset: lst, ...el, amount }],
      total: 1,
      nextOffset: null,
    })
  })

  test('every adapter’s getBacking is the shared read over its own stakers, in its own round trips', async () => {
    const { kelp: k, etherfi: e, puffer: p, swell: w, eigenlayer: el } = devnet.deployments
    const delegationManager = el.delegationManager
    const chainId = devnet.chain.id
    // their stakers hold nothing here (each adapter's own suite restakes them); Renzo's read is the one with shares
    const kelpDeployment: KelpDeployment = {
      chainId,
      lrtConfig: k.lrtConfig,
      rsETH: k.rsETH,
      lrtOracle: k.lrtOracle,
      lrtDepositPool: k.lrtDepositPool,
      delegationManager,
    }
    const etherfiDeployment: EtherFiDeployment = {
      chainId,
      liquidityPool: e.liquidityPool,
      eETH: e.eETH,
      weETH: e.weETH,
      withdrawRequestNFT: e.withdrawRequestNFT,
      redemptionManager: e.redemptionManager,
      delegationManager,
      backing: { stakers: e.nodes, strategies: [e.strategy] },
    }
    const pufferDeployment: PufferDeployment = {
      chainId,
      vault: p.vault,
      weth: p.weth,
      withdrawalManager: p.withdrawalManager,
      modules: p.modules,
      strategies: [p.strategy],
      delegationManager,
    }
    const swellDeployment: SwellDeployment = {
      chainId,
      rswETH: w.rswETH,
      rswEXIT: w.rswEXIT,
      modules: w.modules,
      strategies: [w.strategy],
      delegationManager,
    }
    const cases = [
      // Kelp: the node queue and assets, their strategies, then the shared two
      {
        rounds: 4,
        read: (c: ReturnType<typeof counting>['client']) => getKelpBacking(c, { deployment: kelpDeployment }),
        stakers: k.nodeDelegators,
        strategies: [{ strategy: k.strategy, asset: k.assets.lst }],
        shares: 0n,
      },
      {
        rounds: 2,
        read: (c: ReturnType<typeof counting>['client']) =>
          getEtherFiBacking(c, { deployment: etherfiDeployment }),
        stakers: e.nodes,
        strategies: [{ strategy: e.strategy }],
        shares: 0n,
      },
      {
        rounds: 2,
        read: (c: ReturnType<typeof counting>['client']) =>
          getPufferBacking(c, { deployment: pufferDeployment }),
        stakers: p.modules,
        strategies: [{ strategy: p.strategy }],
        shares: 0n,
      },
      {
        rounds: 2,
        read: (c: ReturnType<typeof counting>['client']) =>
          getSwellBacking(c, { deployment: swellDeployment }),
        stakers: w.modules,
        strategies: [{ strategy: w.strategy }],
        shares: 0n,
      },
    ]
    for (const c of cases) {
      const { client, counter } = counting()
      const backing = await c.read(client)
      expect(counter.requests).toBe(c.rounds)
      expect(backing).toEqual(
        await readEigenLayerBacking(pc(), {
          delegationManager,
          stakers: c.stakers,
          strategies: c.strategies,
        }),
      )
      expect(backing.stakers.map((s) => s.staker)).toEqual(c.stakers)
      expect(backing.totals[0]!.shares).toBe(c.shares)
      for (const s of backing.stakers)
        expect(s.operator).toBe(
          await pc().readContract({
            address: delegationManager,
            abi: dmAbi,
            functionName: 'delegatedTo',
            args: [s.staker],
          }),
        )
    }
  })

  test('a real slash of the operator lowers getBacking and the look-through by what EigenLayer reports', async () => {
    const el = devnet.deployments.eigenlayer
    const ctx = devnet.context
    // an odd amount more, so that the contracts' rounding shows in the figures
    const oddHolder = await devnet.newAccount({ tokens: { [lst]: parseEther('3.333333333333333331') } })
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(oddHolder), {
        asset: lst,
        amount: parseEther('3.333333333333333331'),
        deployment,
      }),
    )
    // an AVS with two operator sets: the operator allocates half of its magnitude to set 1, a quarter to set 2
    const avs = await ctx.deployArtifact('EigenLayerTestAvs', [el.allocationManager])
    for (const id of [1, 2])
      await ctx.write({
        address: avs,
        abi: testAvsAbi,
        functionName: 'setup',
        args: [`ipfs://lrt-backing-${id}`, id, [strategy]],
      })
    await ctx.write({
      address: el.allocationManager,
      abi: allocationAbi,
      functionName: 'registerForOperatorSets',
      args: [operator, { avs, operatorSetIds: [1, 2], data: '0x' }],
      from: operator,
    })
    await ctx.write({
      address: el.allocationManager,
      abi: allocationAbi,
      functionName: 'modifyAllocations',
      args: [
        operator,
        [
          { operatorSet: { avs, id: 1 }, strategies: [strategy], newMagnitudes: [WAD / 2n] },
          { operatorSet: { avs, id: 2 }, strategies: [strategy], newMagnitudes: [WAD / 4n] },
        ],
      ],
      from: operator,
    })
    await devnet.testClient.mine({ blocks: 1 })
    // the operator delegator is the operator's only staker: the operator's shares are its shares
    const operatorShares = () =>
      pc().readContract({
        address: el.delegationManager,
        abi: dmAbi,
        functionName: 'operatorShares',
        args: [operator, strategy],
      })
    const sharesBefore = (await withdrawable(od)).shares
    expect(await operatorShares()).toBe(sharesBefore)

    const set1 = `eigenlayer:${avs.toLowerCase()}:1`
    const set2 = `eigenlayer:${avs.toLowerCase()}:2`
    const read = async () => {
      const backing = await getBacking(pc(), { deployment })
      const look = await lrtLookThrough(pc(), { backing, deployment: el })
      const [s] = look.strategies
      const of = (service: string) => s!.operatorSets.find((x) => x.service === service)
      return { backing, look, s: s!, set1: of(set1), set2: of(set2) }
    }
    const before = await read()
    expect(before.backing.stakers[0]!.positions[0]!.shares).toBe(sharesBefore)
    expect(before.s).toMatchObject({
      strategy,
      asset: lst,
      shares: sharesBefore,
      amount: await underlying(sharesBefore),
      undelegated: { shares: 0n, amount: 0n },
    })
    // what each set can slash of the backing is EigenLayer's slashable stake of the operator in it
    const stake1Before = await slashableStake(avs, 1)
    const stake2Before = await slashableStake(avs, 2)
    expect(stake1Before).toBeGreaterThan(0n)
    expect(before.set1).toMatchObject({ operator, operatorSet: { avs, id: 1 }, shares: stake1Before })
    expect(before.set2).toMatchObject({ operator, operatorSet: { avs, id: 2 }, shares: stake2Before })
    expect(rational.compare(before.set1!.share, rational.normalize(1n, 2n))).toBe(0)
    // per service (lrtExposure), largest first: set 1 then set 2, in the strategy's token, exact
    expect(before.s.exposures.map((e) => e.service)).toEqual([set1, set2])
    expect(before.s.exposures[0]!.through).toEqual([{ operator, amount: before.set1!.amount }])

    // the AVS slashes set 1 entirely (wadToSlash = 1e18)
    const hash = await ctx.write({
      address: avs,
      abi: testAvsAbi,
      functionName: 'slash',
      args: [operator, 1, [strategy], [WAD], 'restakekit lrt backing test slash'],
    })
    const receipt = await pc().getTransactionReceipt({ hash })
    const [slashed] = parseEventLogs({ abi: allocationAbi, eventName: 'OperatorSlashed', logs: receipt.logs })
    expect(slashed!.args).toMatchObject({ operator, operatorSet: { avs, id: 1 }, strategies: [strategy] })
    // the share of the operator's stake slashed, as the AllocationManager reports it
    const wadSlashed = slashed!.args.wadSlashed[0]!
    expect(wadSlashed).toBeGreaterThan(0n)

    const after = await read()
    const sharesAfter = (await withdrawable(od)).shares
    const operatorSharesAfter = await operatorShares()
    const lost = sharesBefore - sharesAfter
    // getBacking fell by exactly what the DelegationManager reports for the staker
    const position = (b: typeof before.backing) => b.stakers[0]!.positions[0]!
    expect(position(after.backing).shares).toBe(sharesAfter)
    expect(position(before.backing).shares - position(after.backing).shares).toBe(lost)
    // and its value by exactly what the strategy reports for those shares
    expect(before.backing.totals[0]!.amount - after.backing.totals[0]!.amount).toBe(
      (await underlying(sharesBefore)) - (await underlying(sharesAfter)),
    )
    // the loss is the event's share of the stake, lost / before = wadSlashed / 1e18, to within one
    // share (the contracts round the staker's withdrawable shares down)
    const off = lost * WAD - sharesBefore * wadSlashed
    expect(off >= 0n && off < WAD).toBe(true)
    // and the operator's slashed shares, to within the same one share of per-staker rounding
    const operatorLost = sharesBefore - operatorSharesAfter
    expect(lost - operatorLost >= 0n && lost - operatorLost <= 1n).toBe(true)

    // the look-through fell by EigenLayer's slashable-stake drop: set 1, slashed in full, to nothing
    const stake1After = await slashableStake(avs, 1)
    expect(stake1After).toBe(0n)
    expect(after.set1).toBeUndefined() // a zero magnitude exposes nothing
    expect(before.set1!.shares).toBe(stake1Before - stake1After)
    // what the look-through said set 1 could slash is what it slashed, the contracts' round-up aside
    expect(lost - before.set1!.shares >= 0n && lost - before.set1!.shares <= 1n).toBe(true)
    // set 2 (a quarter of the magnitude, now half of a halved max magnitude): EigenLayer's figure counts
    // the operator's shares, the look-through the staker's; they differ at most by that rounding dust
    const stake2After = await slashableStake(avs, 2)
    const dust = operatorSharesAfter - sharesAfter
    expect(after.set2!.shares <= stake2After && stake2After - after.set2!.shares <= dust).toBe(true)
    expect(after.s.exposures.map((e) => e.service)).toEqual([set2])
    expect(after.s).toMatchObject({ shares: sharesAfter, amount: await underlying(sharesAfter) })
    expect(after.look.blockNumber).toBe(await pc().getBlockNumber())
  })
})
