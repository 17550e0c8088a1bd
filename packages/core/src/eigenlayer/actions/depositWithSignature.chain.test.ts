import { haveEigenLayer } from '@restakekit/devnet'
import { erc20Abi, type Hex, hashTypedData, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { InvalidSignatureError, SignatureExpiredError } from '../errors.js'
import { eigenlayerTypes, getDepositDigest, getEigenLayerDomain, signDeposit } from '../signatures.js'
import { type Env, newStaker, startEnv } from '../test/helpers.js'
import {
  depositWithSignature,
  prepareDepositWithSignature,
  waitForDepositWithSignature,
} from './depositWithSignature.js'
import { getDeposits } from './getDeposits.js'
import { getStrategy } from './getStrategy.js'

describe.skipIf(!haveEigenLayer())(
  'third-party deposit with the staker signature (real EigenLayer fixture)',
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

    test('the staker signs, a submitter pays and deposits; shares go to the staker; the nonce is then used', async () => {
      const amount = parseEther('2')
      const staker = await env.devnet.newAccount()
      const submitter = await newStaker(env, amount * 2n)
      const signed = await signDeposit(env.devnet.walletClient(staker), {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount,
      })
      expect(signed.nonce).toBe(0n)
      // the typed data hashes to the StrategyManager's own digest
      const domain = await getEigenLayerDomain(pc(), { contract: env.deployment.strategyManager })
      expect(
        hashTypedData({
          domain,
          types: eigenlayerTypes,
          primaryType: 'Deposit',
          message: {
            staker: staker.address,
            strategy: env.strategy,
            token: env.token,
            amount,
            nonce: 0n,
            expiry: signed.expiry,
          },
        }),
      ).toBe(await getDepositDigest(pc(), { deployment: env.deployment, ...signed }))

      const expected = (
        await getStrategy(pc(), { deployment: env.deployment, strategy: env.strategy })
      ).underlyingToShares(amount)
      const hash = await depositWithSignature(env.devnet.walletClient(submitter), {
        deployment: env.deployment,
        signed,
      })
      const { shares, events } = await waitForDepositWithSignature(pc(), hash)
      expect(shares).toBe(expected)
      expect(events.find((e) => e.eventName === 'Deposit')?.args).toMatchObject({ staker: staker.address })
      const [d] = await getDeposits(pc(), { deployment: env.deployment, staker: staker.address })
      expect(d).toMatchObject({ strategy: env.strategy, depositShares: expected })
      expect(await getDeposits(pc(), { deployment: env.deployment, staker: submitter.address })).toEqual([])
      const submitterBalance = await pc().readContract({
        address: env.token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [submitter.address],
      })
      expect(submitterBalance).toBe(amount)

      // replaying the same signature: its nonce is used
      await expect(
        depositWithSignature(env.devnet.walletClient(submitter), { deployment: env.deployment, signed }),
      ).rejects.toBeInstanceOf(InvalidSignatureError)
    })

    test('an expired signature is refused before sending; prepare gives approve + deposit calls', async () => {
      const amount = parseEther('1')
      const staker = await env.devnet.newAccount()
      const submitter = await newStaker(env, amount)
      const signed = await signDeposit(env.devnet.walletClient(staker), {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount,
        validFor: 5n,
      })
      await env.devnet.increaseTime(60)
      const nonce = await pc().getTransactionCount({ address: submitter.address })
      await expect(
        depositWithSignature(env.devnet.walletClient(submitter), { deployment: env.deployment, signed }),
      ).rejects.toBeInstanceOf(SignatureExpiredError)
      expect(await pc().getTransactionCount({ address: submitter.address })).toBe(nonce)
      const prepared = prepareDepositWithSignature({ deployment: env.deployment, signed })
      expect(prepared.map((c) => c.data.slice(0, 10))).toEqual(['0x095ea7b3', '0x32e89ace'])
      expect(Object.isFrozen(prepared)).toBe(true)
    })
  },
)
