// EigenPods on the real EigenLayer states: the pod's own reads on a pod created on v1.3.0, and
// beacon-chain ETH shares in the portfolio on both states. No beacon state exists here to earn
// beacon shares or verify a validator, so those values are PLANTED in storage (anvil_setStorageAt,
// the mapping slot found by probing the live contract) and every test says so.
import { getRestakingPortfolio } from '@restakekit/core'
import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, encodeAbiParameters, type Hex, keccak256, numberToHex, pad, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { eigenPodManagerAbi } from '../abis.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import { WAD } from '../math.js'
import { eigenlayer } from '../module.js'
import { type Env, startEnv } from '../test/helpers.js'
import { getPod, getValidator } from './getPod.js'
import { getPortfolio } from './getPortfolio.js'

/** The storage slot of `mapping(key => …)` at declaration slot `index`. */
const mappingSlot = (key: Hex, keyType: 'address' | 'bytes32', index: bigint) =>
  keccak256(encodeAbiParameters([{ type: keyType }, { type: 'uint256' }], [key, index]))

describe.skipIf(!haveEigenLayer())(
  'EigenPods: pod reads and beacon-chain shares (real EigenLayer state)',
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
    const setStorage = (address: Address, slot: Hex, value: Hex) =>
      env.devnet.testClient.setStorageAt({ address, index: slot, value })

    /**
     * Finds the declaration slot of a mapping by writing a marker under each candidate slot and
     * asking the contract's own view; returns it with the marker left in place (planted).
     */
    async function plant(
      address: Address,
      keyType: 'address' | 'bytes32',
      key: Hex,
      value: Hex,
      read: () => Promise<boolean>,
    ): Promise<bigint> {
      for (let index = 0n; index < 400n; index++) {
        const slot = mappingSlot(key, keyType, index)
        const before = await pc().getStorageAt({ address, slot })
        await setStorage(address, slot, value)
        if (await read()) return index
        await setStorage(address, slot, before ?? pad('0x0'))
      }
      throw new Error(`no mapping slot under 400 of ${address} answers for ${key}`)
    }

    test('v1.3.0: a created pod reads its owner, balance, checkpoint and validators (a planted validator included)', async (ctx) => {
      if (env.release !== 'v1.3.0') ctx.skip() // v1.2's pod beacon cannot deploy pods (see createPod.chain.test.ts)
      const owner = await env.devnet.newAccount()
      const before = await getPod(pc(), { deployment: env.deployment, owner: owner.address })
      expect(before.state).toBeNull()
      const hash = await env.devnet.walletClient(owner).writeContract({
        address: env.deployment.eigenPodManager,
        abi: eigenPodManagerAbi,
        functionName: 'createPod',
        chain: null,
      })
      expect((await pc().waitForTransactionReceipt({ hash })).status).toBe('success')

      const pod = await getPod(pc(), { deployment: env.deployment, owner: owner.address })
      expect(pod.hasPod).toBe(true)
      expect(pod.pod).toBe(before.pod)
      expect(pod.state).toEqual({
        owner: owner.address,
        proofSubmitter: null,
        restakedBalanceGwei: 0n,
        activeValidatorCount: 0n,
        checkpoint: {
          active: false,
          startedAt: 0n,
          lastTimestamp: 0n,
          proofsRemaining: 0n,
          podBalanceGwei: 0n,
          balanceDeltasGwei: 0n,
        },
      })
      const pubkeyHash = keccak256('0x1234') // any 32 bytes: the pod keys validators by pubkey hash
      expect(await getValidator(pc(), { pod: pod.pod, pubkeyHash })).toEqual({
        status: 'inactive',
        validatorIndex: 0n,
        restakedBalanceGwei: 0n,
        lastCheckpointedAt: 0n,
      })
      // PLANTED: ValidatorInfo packed in one word (index u64 | restakedBalanceGwei u64 << 64 |
      // lastCheckpointedAt u64 << 128 | status u8 << 192), as a verified validator would leave it
      const word = 7n | (32_000_000_000n << 64n) | (1_700_000_000n << 128n) | (1n << 192n)
      await plant(pod.pod, 'bytes32', pubkeyHash, numberToHex(word, { size: 32 }), async () => {
        const v = await getValidator(pc(), { pod: pod.pod, pubkeyHash }).catch(() => undefined)
        return v?.validatorIndex === 7n
      })
      expect(await getValidator(pc(), { pod: pod.pod, pubkeyHash })).toEqual({
        status: 'active',
        validatorIndex: 7n,
        restakedBalanceGwei: 32_000_000_000n,
        lastCheckpointedAt: 1_700_000_000n,
      })
      // a malformed hash is refused before any read
      await expect(getValidator(pc(), { pod: pod.pod, pubkeyHash: '0x12' })).rejects.toThrow(/pubkeyHash/)
    })

    test('beacon-chain ETH shares (PLANTED in EigenPodManager storage) appear in the portfolio as native ETH', async () => {
      const staker = await env.devnet.newAccount()
      const m = env.deployment.eigenPodManager
      const shares = parseEther('32')
      // probed through the manager's own view: a candidate slot may be another mapping (ownerToPod)
      await plant(
        m,
        'address',
        staker.address,
        numberToHex(shares, { size: 32 }),
        async () =>
          (await pc().readContract({
            address: m,
            abi: eigenPodManagerAbi,
            functionName: 'podOwnerDepositShares',
            args: [staker.address],
          })) === shares,
      )
      const pod = await getPod(pc(), { deployment: env.deployment, owner: staker.address })
      expect(pod).toMatchObject({ podOwnerDepositShares: shares, beaconChainSlashingFactor: WAD })

      const el = await getPortfolio(pc(), { deployment: env.deployment, staker: staker.address })
      const beacon = el.deposits.find(
        (x) => x.strategy.toLowerCase() === BEACON_CHAIN_ETH_STRATEGY.toLowerCase(),
      )
      expect(beacon).toMatchObject({ token: null, depositShares: shares, withdrawableShares: shares })
      expect(el.pod.podOwnerDepositShares).toBe(shares)

      const all = await getRestakingPortfolio(pc(), {
        staker: staker.address,
        protocols: [eigenlayer],
        eigenlayer: { deployment: env.deployment },
      })
      const stake = all.positions.find((x) => x.protocol === 'eigenlayer')
      expect(stake).toMatchObject({ asset: null, amount: shares, location: BEACON_CHAIN_ETH_STRATEGY })
    })
  },
)
