import { haveEigenLayer } from '@restakekit/devnet'
import { type Hex, zeroHash } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { ContractRevertError } from '../../errors.js'
import { simulateWrite } from '../../tx.js'
import { delegationManagerAbi, eigenlayerStrategyFactoryAbi } from '../abis.js'
import { eigenlayerRevertMapper, OperatorNotRegisteredError, PodAlreadyExistsError } from '../errors.js'
import { WAD } from '../math.js'
import { type Env, newOperator, secondStrategy, startEnv } from '../test/helpers.js'
import { createPod, simulateCreatePod, waitForCreatePod } from './createPod.js'
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
      const pod = await getPod(pc(), { deployment: env.deployment, owner: owner.address })
      expect(pod).toMatchObject({ hasPod: false, podOwnerDepositShares: 0n, beaconChainSlashingFactor: WAD })
      expect(pod.pod).toMatch(/^0x[0-9a-fA-F]{40}$/)
    })

    test('createPod: v1.2 state cannot deploy pods (revert decoded with its raw data); v1.3.0 deploys one', async () => {
      const owner = await env.devnet.newAccount()
      if (env.release === 'v1.2') {
        // The v1.2 state's EigenPod beacon is incomplete in its accounts-only dump: createPod reverts
        // "Create2: Failed on deploy". The SDK refuses to send and keeps the reason.
        const err = await simulateCreatePod(pc(), {
          deployment: env.deployment,
          account: owner.address,
        }).catch((e) => e)
        expect(err).toBeInstanceOf(ContractRevertError)
        expect(err.reason).toBe('Error')
        expect(err.args).toEqual(['Create2: Failed on deploy'])
        return
      }
      // v1.3.0: createPod (bit 0 of EigenPodManager.paused() is open) deploys the pod at its address
      const before = await getPod(pc(), { deployment: env.deployment, owner: owner.address })
      expect(before.hasPod).toBe(false)
      const sim = await simulateCreatePod(pc(), { deployment: env.deployment, account: owner.address })
      expect(sim.result).toBe(before.pod)
      const { pod, receipt } = await waitForCreatePod(
        pc(),
        await createPod(env.devnet.walletClient(owner), { deployment: env.deployment }),
      )
      expect(receipt.status).toBe('success')
      expect(pod).toBe(before.pod)
      expect(await pc().getCode({ address: before.pod })).toMatch(/^0x[0-9a-f]{10,}/)
      const after = await getPod(pc(), { deployment: env.deployment, owner: owner.address })
      expect(after).toMatchObject({ hasPod: true, pod: before.pod, podOwnerDepositShares: 0n })
      // a second pod is refused before anything is sent
      const nonce = await pc().getTransactionCount({ address: owner.address })
      const second = await createPod(env.devnet.walletClient(owner), { deployment: env.deployment }).catch(
        (e) => e,
      )
      // one class for the failure, before sending or from the revert (was an InvalidParameterError)
      expect(second).toBeInstanceOf(PodAlreadyExistsError)
      expect(second).toMatchObject({ owner: owner.address, pod: before.pod })
      expect(await pc().getTransactionCount({ address: owner.address })).toBe(nonce)
    })

    test('getStrategy: token, decimals, symbol, totals and conversions equal the views; factory fragment works', async () => {
      const s = await getStrategy(pc(), { deployment: env.deployment, strategy: env.strategy })
      // the states' test tokens: v1.2 a mock "MCK", v1.3.0 devkit's "TEST"
      const symbol = env.release === 'v1.2' ? 'MCK' : 'TEST'
      expect(s).toMatchObject({ token: env.token, decimals: 18, symbol, whitelisted: true })
      const viaView = await pc().readContract({
        address: env.strategy,
        abi: (await import('../abis.js')).eigenlayerStrategyAbi,
        functionName: 'sharesToUnderlyingView',
        args: [123456789n],
      })
      expect(s.sharesToUnderlying(123456789n)).toBe(viaView)
      const second = await secondStrategy(env)
      const factory = env.deployment.strategyFactory
      if (factory) {
        // v1.2: the StrategyFactory fragment answers on the state's bytecode
        const deployed = await pc().readContract({
          address: factory,
          abi: eigenlayerStrategyFactoryAbi,
          functionName: 'deployedStrategies',
          args: [second.token],
        })
        expect(deployed).toBe(second.strategy)
      } else {
        // v1.3.0 has no StrategyFactory (addresses.json: null); the second strategy is a planted clone
        expect(env.release).toBe('v1.3.0')
      }
      const s2 = await getStrategy(pc(), { deployment: env.deployment, strategy: second.strategy })
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
      const o = await getOperator(pc(), { deployment: env.deployment, operator: op.address })
      expect(o).toMatchObject({ registered: true, delegationApprover: approver.address })
      expect(o.shares.map((x) => x.strategy)).toContain(env.strategy)
      const notOp = await getOperator(pc(), {
        deployment: env.deployment,
        operator: approver.address,
        strategies: [],
      })
      expect(notOp).toMatchObject({ registered: false, delegationApprover: null, shares: [] })
    })
  },
)
