import { haveEigenLayer } from '@restakekit/devnet'
import { zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAddressError } from '../../errors.js'
import { rewardsCoordinatorAbi } from '../abis.js'
import { useEigenLayerEnv } from '../test/helpers.js'
import {
  getClaimer,
  prepareSetClaimerFor,
  setClaimerFor,
  simulateSetClaimerFor,
  waitForSetClaimerFor,
} from './setClaimerFor.js'

describe.skipIf(!haveEigenLayer())('setClaimerFor (real EigenLayer fixture)', () => {
  const t = useEigenLayerEnv()

  test('sets the claimer, reads it back from claimerFor, decodes ClaimerForSet; reset to none', async () => {
    const { env, pc } = t
    const earner = await env.devnet.newAccount()
    const claimer = await env.devnet.newAccount()
    const wallet = env.devnet.walletClient(earner)
    const deployment = env.deployment
    expect(await getClaimer(pc(), { deployment, earner: earner.address })).toBeNull()

    await simulateSetClaimerFor(pc(), { deployment, account: earner.address, claimer: claimer.address })
    const set = await waitForSetClaimerFor(
      pc(),
      await setClaimerFor(wallet, { deployment, claimer: claimer.address }),
    )
    expect(set.receipt.status).toBe('success')
    expect(set.claimerSet).toEqual({
      earner: earner.address,
      oldClaimer: zeroAddress,
      claimer: claimer.address,
    })
    expect(await getClaimer(pc(), { deployment, earner: earner.address })).toBe(claimer.address)
    const onChain = await pc().readContract({
      address: deployment.rewardsCoordinator,
      abi: rewardsCoordinatorAbi,
      functionName: 'claimerFor',
      args: [earner.address],
    })
    expect(onChain).toBe(claimer.address)

    // the prepared call is the same transaction
    const [call] = prepareSetClaimerFor({ deployment, claimer: zeroAddress })
    expect(call!.to).toBe(deployment.rewardsCoordinator)
    const reset = await waitForSetClaimerFor(
      pc(),
      await setClaimerFor(wallet, { deployment, claimer: zeroAddress }),
    )
    expect(reset.claimerSet).toEqual({
      earner: earner.address,
      oldClaimer: claimer.address,
      claimer: zeroAddress,
    })
    expect(await getClaimer(pc(), { deployment, earner: earner.address })).toBeNull()
  })

  test('a bad claimer address is a typed error before anything is sent (nonce unchanged)', async () => {
    const { env, pc } = t
    const earner = await env.devnet.newAccount()
    const nonce = await pc().getTransactionCount({ address: earner.address })
    const err = await setClaimerFor(env.devnet.walletClient(earner), {
      deployment: env.deployment,
      claimer: '0xnot-an-address' as never,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(InvalidAddressError)
    expect(err.name).toBe('InvalidAddressError')
    expect(() => prepareSetClaimerFor({ deployment: env.deployment, claimer: '0x12' as never })).toThrow(
      InvalidAddressError,
    )
    await expect(
      getClaimer(pc(), { deployment: env.deployment, earner: 'nope' as never }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    expect(await pc().getTransactionCount({ address: earner.address })).toBe(nonce)
  })
})
