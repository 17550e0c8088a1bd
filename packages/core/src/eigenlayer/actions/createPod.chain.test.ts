import { haveEigenLayer } from '@restakekit/devnet'
import { type Hex, zeroHash } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ContractRevertError } from '../../errors.js'
import { simulateWrite } from '../../tx.js'
import { delegationManagerAbi, eigenlayerStrategyFactoryAbi } from '../abis.js'
import { eigenlayerRevertMapper, OperatorNotRegisteredError } from '../errors.js'
import { WAD } from '../math.js'
import { type Env, newOperator, secondStrategy, startEnv } from '../test/helpers.js'
import { simulateCreatePod } from './createPod.js'
import { getOperator } from './getOperator.js'
import { getPod } from './getPod.js'
import { getStrategy } from './getStrategy.js'

describe.skipIf(!haveEigenLayer())(
  'pods, strategies, operators and revert decoding (real EigenLayer fixture)',
  () => {
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

    test('getPod: EigenPodManager fragments answer on the fixture bytecode', async () => {
      const owner = await env.devnet.newAccount()
      const pod = await getPod(pc(), { owner: owner.address })
      expect(pod).toMatchObject({ hasPod: false, podOwnerDepositShares: 0n, beaconChainSlashingFactor: WAD })
      expect(pod.pod).toMatch(/^0x[0-9a-fA-F]{40}$/)
    })

    test('createPod: simulated; the fixture cannot deploy pods, and the revert is decoded with its raw data', async () => {
      // The fixture's EigenPod beacon is incomplete in its accounts-only state: createPod reverts
      // "Create2: Failed on deploy". The SDK refuses to send and keeps the reason.
      const owner = await env.devnet.newAccount()
      const err = await simulateCreatePod(pc(), { account: owner.address }).catch((e) => e)
      expect(err).toBeInstanceOf(ContractRevertError)
      expect(err.reason).toBe('Error')
      expect(err.args).toEqual(['Create2: Failed on deploy'])
    })

    test('getStrategy: token, decimals, symbol, totals and conversions equal the views; factory fragment works', async () => {
      const s = await getStrategy(pc(), { strategy: env.strategy })
      expect(s).toMatchObject({ token: env.token, decimals: 18, symbol: 'MCK', whitelisted: true })
      const viaView = await pc().readContract({
        address: env.strategy,
        abi: (await import('../abis.js')).eigenlayerStrategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [123456789n],
      })
      expect(s.sharesToUnderlying(123456789n)).toBe(viaView)
      const second = await secondStrategy(env)
      const deployed = await pc().readContract({
        address: env.deployment.strategyFactory,
        abi: eigenlayerStrategyFactoryAbi,
        functionName: 'deployedStrategies',
        args: [second.token],
      })
      expect(deployed).toBe(second.strategy)
      const s2 = await getStrategy(pc(), { strategy: second.strategy })
      expect(s2).toMatchObject({ token: second.token, symbol: 'WETH', totalShares: 0n, whitelisted: true })
      expect(s2.underlyingToShares(10n ** 18n)).toBe(10n ** 18n)
    })

    test('a contract custom error is decoded into the typed error, raw data kept in the cause', async () => {
      const staker = await env.devnet.newAccount()
      const notOperator = await env.devnet.newAccount()
      // bypass the SDK's pre-checks to let the contract revert
      const err = await simulateWrite(pc(), {
        account: staker.address,
        address: env.deployment.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegateTo',
        args: [notOperator.address, { signature: '0x', expiry: 0n }, zeroHash],
        contract: 'DelegationManager',
        mapper: eigenlayerRevertMapper({ operator: notOperator.address }),
      }).catch((e) => e)
      expect(err).toBeInstanceOf(OperatorNotRegisteredError)
      expect(err.operator).toBe(notOperator.address)
      const raw = (err.cause as { walk: (fn: (e: unknown) => boolean) => { raw?: Hex } }).walk(
        (e) => typeof (e as { raw?: unknown }).raw === 'string',
      )
      expect(raw?.raw?.slice(0, 10)).toBe('0x25ec6c1f') // OperatorNotRegistered()
    })

    test('getOperator reads registration, approver and allocation delay', async () => {
      const approver = await env.devnet.newAccount()
      const op = await newOperator(env, approver.address)
      const o = await getOperator(pc(), { operator: op.address })
      expect(o).toMatchObject({ registered: true, delegationApprover: approver.address })
      expect(o.shares.map((x) => x.strategy)).toContain(env.strategy)
      const notOp = await getOperator(pc(), { operator: approver.address, strategies: [] })
      expect(notOp).toMatchObject({ registered: false, delegationApprover: null, shares: [] })
    })
  },
)
