// Property tests: the pure math in math.ts equals the contracts' own views on the devnet (real
// EigenLayer bytecode) for random amounts, before and after slashes.
import { haveEigenLayer } from '@restakekit/devnet'
import fc from 'fast-check'
import { type Address, erc20Abi, type Hex } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { allocationManagerAbi, delegationManagerAbi, eigenlayerStrategyAbi } from './abis.js'
import { delegateTo } from './actions/delegateTo.js'
import { deposit, waitForDeposit } from './actions/deposit.js'
import { queueWithdrawals, waitForQueueWithdrawals } from './actions/queueWithdrawals.js'
import {
  depositToShares,
  type StrategyState,
  sharesToUnderlying,
  slashableStake,
  toDepositShares,
  toScaledShares,
  toWithdrawableShares,
  underlyingToShares,
  updateDepositScalingFactor,
  WAD,
  withdrawalShares,
} from './math.js'
import {
  type Env,
  newAvs,
  newOperator,
  newStaker,
  registerAndAllocate,
  slash,
  startEnv,
} from './test/helpers.js'

describe.skipIf(!haveEigenLayer())('math.ts equals the contracts (property tests on the devnet)', () => {
  let env: Env
  let operator: Address
  let avs: Address
  const setId = 3
  let base: Hex
  beforeAll(async () => {
    env = await startEnv()
    const op = await newOperator(env)
    operator = op.address
    avs = await newAvs(env, [env.strategy], setId)
    await registerAndAllocate(env, op, avs, setId, [env.strategy], [WAD / 2n])
    base = await env.devnet.snapshot()
  })
  afterAll(() => env?.devnet.stop())

  const pc = () => env.devnet.publicClient
  const dm = () => env.deployment.delegationManager
  async function strategyState(): Promise<StrategyState> {
    const [totalShares, tokenBalance] = await Promise.all([
      pc().readContract({ address: env.strategy, abi: eigenlayerStrategyAbi, functionName: 'totalShares' }),
      pc().readContract({
        address: env.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [env.strategy],
      }),
    ])
    return { totalShares, tokenBalance }
  }
  const dsfOf = (staker: Address) =>
    pc().readContract({
      address: dm(),
      abi: delegationManagerAbi,
      functionName: 'depositScalingFactor',
      args: [staker, env.strategy],
    })
  const maxMag = () =>
    pc().readContract({
      address: env.deployment.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'getMaxMagnitude',
      args: [operator, env.strategy],
    })
  const withdrawable = async (staker: Address) => {
    const [w, d] = await pc().readContract({
      address: dm(),
      abi: delegationManagerAbi,
      functionName: 'getWithdrawableShares',
      args: [staker, [env.strategy]],
    })
    return { withdrawable: w[0]!, depositShares: d[0]! }
  }

  test('deposit shares, dsf updates, withdrawable/deposit conversions, underlying and slashable stake', async () => {
    let queuedRuns = 0
    await fc.assert(
      fc.asyncProperty(
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.bigInt({ min: 1n, max: 10n ** 24n }),
        fc.oneof(fc.constant(0n), fc.bigInt({ min: 10n ** 12n, max: WAD / 2n })),
        fc.bigInt({ min: 10n ** 12n, max: WAD / 2n }),
        fc.bigInt({ min: 0n, max: WAD }),
        async (a1, a2, wad1, wad2, fraction) => {
          await env.devnet.revert(base)
          base = await env.devnet.snapshot()
          if (wad1 > 0n) await slash(env, avs, operator, setId, [env.strategy], [wad1])
          const staker = await newStaker(env, a1 + a2)
          const wallet = env.devnet.walletClient(staker)
          await pc().waitForTransactionReceipt({
            hash: await delegateTo(wallet, { deployment: env.deployment, operator }),
          })

          // first deposit: shares minted and dsf as predicted
          let state = await strategyState()
          let sf = await maxMag()
          const dsf0 = await dsfOf(staker.address)
          const r1 = await waitForDeposit(
            pc(),
            await deposit(wallet, {
              deployment: env.deployment,
              strategy: env.strategy,
              token: env.token,
              amount: a1,
            }),
          )
          const s1 = depositToShares(a1, state)
          expect(r1.shares).toBe(s1)
          const dsf1 = await dsfOf(staker.address)
          expect(dsf1).toBe(
            updateDepositScalingFactor({
              depositScalingFactor: dsf0,
              prevDepositShares: 0n,
              addedShares: s1,
              slashingFactor: sf,
            }),
          )

          // second deposit: the update branch
          state = await strategyState()
          const r2 = await waitForDeposit(
            pc(),
            await deposit(wallet, {
              deployment: env.deployment,
              strategy: env.strategy,
              token: env.token,
              amount: a2,
            }),
          )
          const s2 = depositToShares(a2, state)
          expect(r2.shares).toBe(s2)
          const dsf2 = await dsfOf(staker.address)
          expect(dsf2).toBe(
            updateDepositScalingFactor({
              depositScalingFactor: dsf1,
              prevDepositShares: s1,
              addedShares: s2,
              slashingFactor: sf,
            }),
          )

          // a slash after the deposits
          await slash(env, avs, operator, setId, [env.strategy], [wad2])
          sf = await maxMag()
          const w = await withdrawable(staker.address)
          expect(w.depositShares).toBe(s1 + s2)
          expect(w.withdrawable).toBe(
            toWithdrawableShares({ depositShares: s1 + s2, depositScalingFactor: dsf2, slashingFactor: sf }),
          )

          // withdrawable → deposit shares for a random part
          const part = (w.withdrawable * fraction) / WAD
          const [convertedShares] = await pc().readContract({
            address: dm(),
            abi: delegationManagerAbi,
            functionName: 'convertToDepositShares',
            args: [staker.address, [env.strategy], [part]],
          })
          const converted = convertedShares!
          expect(converted).toBe(
            toDepositShares({ withdrawableShares: part, depositScalingFactor: dsf2, slashingFactor: sf }),
          )

          // shares ↔ underlying
          state = await strategyState()
          const [toU, toS] = await Promise.all([
            pc().readContract({
              address: env.strategy,
              abi: eigenlayerStrategyAbi,
              functionName: 'sharesToUnderlyingView',
              args: [part],
            }),
            pc().readContract({
              address: env.strategy,
              abi: eigenlayerStrategyAbi,
              functionName: 'underlyingToSharesView',
              args: [a2],
            }),
          ])
          expect(toU).toBe(sharesToUnderlying(part, state))
          expect(toS).toBe(underlyingToShares(a2, state))

          // slashable stake from magnitudes
          const block = await pc().getBlockNumber()
          const [allocation, opShares, minStake] = await Promise.all([
            pc().readContract({
              address: env.deployment.allocationManager,
              abi: allocationManagerAbi,
              functionName: 'getAllocation',
              args: [operator, { avs, id: setId }, env.strategy],
            }),
            pc().readContract({
              address: dm(),
              abi: delegationManagerAbi,
              functionName: 'getOperatorShares',
              args: [operator, [env.strategy]],
            }),
            pc().readContract({
              address: env.deployment.allocationManager,
              abi: allocationManagerAbi,
              functionName: 'getMinimumSlashableStake',
              args: [{ avs, id: setId }, [operator], [env.strategy], Number(block)],
            }),
          ])
          expect(minStake[0]![0]).toBe(
            slashableStake({
              operatorShares: opShares[0]!,
              allocation,
              maxMagnitude: sf,
              futureBlock: block,
            }),
          )

          // queueing: scaledShares = depositShares · dsf, paid out as scaledShares · sf
          if (part > 0n && converted > 0n) {
            const hash = await queueWithdrawals(wallet, {
              deployment: env.deployment,
              strategies: [env.strategy],
              shares: [part],
            })
            const { withdrawals } = await waitForQueueWithdrawals(pc(), hash)
            const q = withdrawals[0]!
            queuedRuns++
            const sent = part === w.withdrawable ? w.depositShares : converted
            expect(q.withdrawal.scaledShares[0]).toBe(
              toScaledShares({ depositShares: sent, depositScalingFactor: dsf2 }),
            )
            expect(q.shares[0]).toBe(
              withdrawalShares({ scaledShares: q.withdrawal.scaledShares[0]!, slashingFactor: sf }),
            )
          }
        },
      ),
      { numRuns: 6 },
    )
    expect(queuedRuns).toBeGreaterThan(0)
  }, 240_000)
})
