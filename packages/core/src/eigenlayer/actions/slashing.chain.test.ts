// The slashing scenario: an AVS test contract creates an operator set, the operator allocates,
// the AVS slashes; the SDK's reads and the completion then show the slashed amounts, equal to the
// contracts' own views.
import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, erc20Abi, type Hex, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import {
  allocationManagerAbi,
  delegationManagerAbi,
  eigenlayerStrategyAbi,
  strategyManagerAbi,
} from '../abis.js'
import { UnsupportedReleaseError } from '../errors.js'
import { WAD } from '../math.js'
import {
  allocationWriteAbi,
  type Env,
  mineUntil,
  newAvs,
  newOperator,
  newStaker,
  registerAndAllocate,
  secondStrategy,
  sortAddresses,
  startEnv,
  testAvsAbi,
} from '../test/helpers.js'
import { burnShares, waitForBurnShares } from './burnShares.js'
import { completeWithdrawals, waitForCompleteWithdrawals } from './completeWithdrawals.js'
import { delegateTo } from './delegateTo.js'
import { deposit, waitForDeposit } from './deposit.js'
import { getAllocations } from './getAllocations.js'
import { getBurnableShares } from './getBurnableShares.js'
import { getDeposits } from './getDeposits.js'
import { getPortfolio } from './getPortfolio.js'
import { getQueuedWithdrawals } from './getQueuedWithdrawals.js'
import { queueWithdrawals, waitForQueueWithdrawals } from './queueWithdrawals.js'

describe.skipIf(!haveEigenLayer())('slashing (real EigenLayer fixture + test AVS)', () => {
  let env: Env
  let snap: Hex
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env.devnet.revert(snap)
    snap = await env.devnet.snapshot()
  })
  const pc = () => env.devnet.publicClient

  async function chainWithdrawable(staker: Address, strategies: readonly Address[]) {
    return pc().readContract({
      address: env.deployment.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [staker, strategies],
    })
  }

  test('allocate, slash 20% of a 50% allocation: deposits, queue, allocations and completion show it', async () => {
    const second = await secondStrategy(env)
    const staker = await newStaker(env, parseEther('10'))
    await env.devnet.fund(staker.address, { tokens: { [second.token]: parseEther('4') } })
    const wallet = env.devnet.walletClient(staker)
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('10'),
      }),
    )
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: second.strategy,
        token: second.token,
        amount: parseEther('4'),
      }),
    )
    const operator = await newOperator(env)
    await pc().waitForTransactionReceipt({
      hash: await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
    })

    const strategies = sortAddresses([env.strategy, second.strategy])
    const setId = 7
    const avs = await newAvs(env, strategies, setId)
    await registerAndAllocate(env, operator, avs, setId, strategies, [WAD / 2n, WAD / 2n])

    // allocations before the slash, equal to the chain's views
    const before = await getAllocations(pc(), { deployment: env.deployment, operator: operator.address })
    expect(before.operatorSets).toHaveLength(1)
    const set = before.operatorSets[0]!
    expect(set).toMatchObject({ operatorSet: { avs, id: setId }, registered: true })
    for (const a of set.strategies) {
      expect(a.currentMagnitude).toBe(WAD / 2n)
      expect(a.maxMagnitude).toBe(WAD)
      expect(a.encumberedMagnitude).toBe(WAD / 2n)
      expect(a.allocatedStake).toBe(a.operatorShares / 2n)
      expect(a.minimumSlashableStake).toBe(a.allocatedStake)
    }

    // A withdrawal is slashable until startBlock + delay (here 0 blocks: its own block). Queue one
    // and slash 20% of the fixture strategy's allocation in the same block.
    const fixtureDep = (await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })).find(
      (d) => d.strategy === env.strategy,
    )!
    const queuedShares = parseEther('2')
    await env.devnet.testClient.setAutomine(false)
    let queueHash: Hex
    try {
      queueHash = await queueWithdrawals(wallet, {
        deployment: env.deployment,
        strategies: [env.strategy],
        shares: [queuedShares],
      })
      await env.devnet.context.deployer.writeContract({
        address: avs,
        abi: testAvsAbi,
        functionName: 'slash',
        args: [operator.address, setId, [env.strategy], [(WAD * 2n) / 10n], 'restakekit test slash'],
      })
      await env.devnet.mine(1)
    } finally {
      await env.devnet.testClient.setAutomine(true)
    }
    const { withdrawals, receipt } = await waitForQueueWithdrawals(pc(), queueHash)
    const root = withdrawals[0]!.root
    const slashLogs = await pc().getContractEvents({
      address: env.deployment.allocationManager,
      abi: allocationManagerAbi,
      eventName: 'OperatorSlashed',
      fromBlock: receipt.blockNumber,
      toBlock: receipt.blockNumber,
    })
    expect(slashLogs[0]?.args.wadSlashed).toEqual([WAD / 10n]) // 20% of 0.5, relative to max magnitude

    // slashed-but-not-burned shares: release-specific
    const { burnable } = await getBurnableShares(pc(), {
      deployment: env.deployment,
      strategies: [env.strategy],
    })
    if (env.release === 'v1.2') {
      // v1.2 burns slashed shares at once: no getBurnableShares view, nothing to burn
      expect(burnable).toBeNull()
      // burnShares: a typed refusal naming the release, before anything is sent
      const nonce = await pc().getTransactionCount({ address: wallet.account.address })
      const refused = await burnShares(wallet, { deployment: env.deployment, strategy: env.strategy }).catch(
        (e) => e,
      )
      expect(refused).toBeInstanceOf(UnsupportedReleaseError)
      expect(refused).toMatchObject({ action: 'eigenlayer.burnShares', release: 'v1.2' })
      expect(await pc().getTransactionCount({ address: wallet.account.address })).toBe(nonce)
    } else {
      // v1.3.0: the StrategyManager holds them until anyone calls burnShares(strategy)
      const held = burnable![0]!.shares
      expect(held).toBeGreaterThan(0n)
      expect(held).toBe(
        await pc().readContract({
          address: env.deployment.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'getBurnableShares',
          args: [env.strategy],
        }),
      )
      const all = await getBurnableShares(pc(), { deployment: env.deployment })
      expect(all.burnable).toEqual([{ strategy: env.strategy, shares: held }])
      const burnAddress = await pc().readContract({
        address: env.deployment.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'DEFAULT_BURN_ADDRESS',
      })
      expect(burnAddress).toBe('0x00000000000000000000000000000000000E16E4')
      const tokens = await pc().readContract({
        address: env.strategy,
        abi: eigenlayerStrategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [held],
      })
      const burnBefore = await pc().readContract({
        address: env.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [burnAddress],
      })
      // permissionless: a third party burns them
      const anyone = env.devnet.walletClient(await env.devnet.newAccount())
      const { burned } = await waitForBurnShares(
        pc(),
        await burnShares(anyone, { deployment: env.deployment, strategy: env.strategy }),
      )
      expect(burned).toBe(held)
      expect(
        await pc().readContract({
          address: env.token,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [burnAddress],
        }),
      ).toBe(burnBefore + tokens)
      expect(
        (await getBurnableShares(pc(), { deployment: env.deployment, strategies: [env.strategy] })).burnable,
      ).toEqual([{ strategy: env.strategy, shares: 0n }])
    }

    // max magnitude 0.9: withdrawable = 90% of deposit, equal to the chain
    const deposits = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
    const [chainW] = await chainWithdrawable(staker.address, [env.strategy, second.strategy])
    const f = deposits.find((d) => d.strategy === env.strategy)!
    const s = deposits.find((d) => d.strategy === second.strategy)!
    expect(f.withdrawableShares).toBe(chainW[0])
    expect(s.withdrawableShares).toBe(chainW[1])
    expect(f.depositShares).toBe(fixtureDep.depositShares - queuedShares)
    expect(f.withdrawableShares).toBe(((fixtureDep.depositShares - queuedShares) * 9n) / 10n)
    expect(s.withdrawableShares).toBe(parseEther('4')) // the second strategy was not slashed
    expect(f.underlyingAmount).toBe(
      await pc().readContract({
        address: env.strategy,
        abi: eigenlayerStrategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [f.withdrawableShares],
      }),
    )

    // queued withdrawal: slashed too, equal to the contract's getQueuedWithdrawals
    const q = await getQueuedWithdrawals(pc(), { deployment: env.deployment, staker: staker.address })
    const [, chainShares] = await pc().readContract({
      address: env.deployment.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getQueuedWithdrawals',
      args: [staker.address],
    })
    expect(q.withdrawals[0]!.shares).toEqual(chainShares[0])
    expect(q.withdrawals[0]!.shares[0]).toBe((queuedShares * 9n) / 10n)

    // allocations after: magnitude 0.4 of max 0.9, equal to the chain's getMinimumSlashableStake
    const after = await getAllocations(pc(), { deployment: env.deployment, operator: operator.address })
    const fa = after.operatorSets[0]!.strategies.find((x) => x.strategy === env.strategy)!
    expect(fa).toMatchObject({ currentMagnitude: (WAD * 4n) / 10n, maxMagnitude: (WAD * 9n) / 10n })
    const [minStake] = await pc().readContract({
      address: env.deployment.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'getMinimumSlashableStake',
      args: [{ avs, id: setId }, [operator.address], [env.strategy], Number(after.blockNumber)],
    })
    expect(fa.allocatedStake).toBe(minStake![0])

    // the portfolio's computed allocations equal the chain's figures
    const portfolio = await getPortfolio(pc(), { deployment: env.deployment, staker: staker.address })
    const pa = portfolio.allocations.find((a) => a.strategy === env.strategy)!
    expect(pa.allocatedStake).toBe(fa.allocatedStake)
    expect(pa).toMatchObject({
      currentMagnitude: fa.currentMagnitude,
      maxMagnitude: fa.maxMagnitude,
      registered: true,
    })
    expect(portfolio.queuedWithdrawals[0]!.shares).toEqual(chainShares[0])
    expect(portfolio.deposits).toEqual(deposits)

    // completion pays the slashed amount (mined to the ready block: delay read from chain)
    await mineUntil(env, q.withdrawals[0]!.readyAt.block)
    const bal = await pc().readContract({
      address: env.token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [staker.address],
    })
    const expectedTokens = await pc().readContract({
      address: env.strategy,
      abi: eigenlayerStrategyAbi,
      functionName: 'sharesToUnderlyingView',
      args: [q.withdrawals[0]!.shares[0]!],
    })
    const done = await waitForCompleteWithdrawals(
      pc(),
      await completeWithdrawals(wallet, { deployment: env.deployment, withdrawals: [root] }),
    )
    expect(done.completed).toEqual([root])
    const balAfter = await pc().readContract({
      address: env.token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [staker.address],
    })
    expect(balAfter - bal).toBe(expectedTokens)
    expect(balAfter - bal).toBe((parseEther('2') * 9n) / 10n)
  })
  test('a pending deallocation: minimum slashable stake drops from its effect block, equal to the chain', async () => {
    const staker = await newStaker(env, parseEther('10'))
    const wallet = env.devnet.walletClient(staker)
    await waitForDeposit(
      pc(),
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('10'),
      }),
    )
    const operator = await newOperator(env)
    await pc().waitForTransactionReceipt({
      hash: await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
    })
    const setId = 9
    const avs = await newAvs(env, [env.strategy], setId)
    await registerAndAllocate(env, operator, avs, setId, [env.strategy], [WAD / 2n])
    // deallocate to 0.2: slashable deallocations wait DEALLOCATION_DELAY + 1 blocks
    const hash = await env.devnet.walletClient(operator).writeContract({
      address: env.deployment.allocationManager,
      abi: allocationWriteAbi,
      functionName: 'modifyAllocations',
      args: [
        operator.address,
        [{ operatorSet: { avs, id: setId }, strategies: [env.strategy], newMagnitudes: [WAD / 5n] }],
      ],
    })
    await pc().waitForTransactionReceipt({ hash })
    const now = await getAllocations(pc(), { deployment: env.deployment, operator: operator.address })
    const a = now.operatorSets[0]!.strategies[0]!
    expect(a.currentMagnitude).toBe(WAD / 2n)
    expect(a.pendingDiff).toBe(-(WAD / 2n - WAD / 5n))
    expect(a.effectBlock).toBeGreaterThan(Number(now.blockNumber))
    expect(a.allocatedStake).toBe(a.operatorShares / 2n)
    const later = await getAllocations(pc(), {
      deployment: env.deployment,
      operator: operator.address,
      futureBlock: BigInt(a.effectBlock),
    })
    const b = later.operatorSets[0]!.strategies[0]!
    const [chain] = await pc().readContract({
      address: env.deployment.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'getMinimumSlashableStake',
      args: [{ avs, id: setId }, [operator.address], [env.strategy], a.effectBlock],
    })
    expect(b.minimumSlashableStake).toBe(chain![0])
    expect(b.minimumSlashableStake).toBe(b.operatorShares / 5n)
    // the portfolio's computed figure (at the current block) equals the chain's allocated stake
    const p = await getPortfolio(pc(), { deployment: env.deployment, staker: staker.address })
    expect(p.allocations[0]).toMatchObject({
      allocatedStake: a.allocatedStake,
      pendingDiff: a.pendingDiff,
      effectBlock: a.effectBlock,
    })
    // from the effect block on, the deallocation has happened
    await env.devnet.mine(a.effectBlock - Number(await pc().getBlockNumber()))
    const after = await getAllocations(pc(), { deployment: env.deployment, operator: operator.address })
    expect(after.operatorSets[0]!.strategies[0]).toMatchObject({
      currentMagnitude: WAD / 5n,
      pendingDiff: 0n,
    })
  })
})
