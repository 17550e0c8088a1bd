// Set-up of the @restakekit/avs EigenLayer chain tests: the devnet's real EigenLayer state (the one
// RESTAKEKIT_EIGENLAYER_STATE names, else the v1.2 fixture), fresh accounts, the devnet's test AVS
// contract driven through the SDK's own AVS actions (the contract address impersonated).
import type { Address } from 'viem'
import { parseEther } from 'viem'
import { expect } from 'vitest'
// The env itself (devnet on the state under test, its release read from the fixture folder, the
// v1.3.0 delay mined past, one snapshot per test) is core's EigenLayer chain-test set-up, shared.
import { type Env, useEigenLayerEnv } from '../../../../core/src/eigenlayer/test/helpers.js'

export { type Env, type StateRelease, sortAddresses } from '../../../../core/src/eigenlayer/test/helpers.js'

/** One devnet per test file, every test from the same snapshot (core's EigenLayer fixture). */
export const useAvsEnv = useEigenLayerEnv

/**
 * A fresh AVS: the devnet's `EigenLayerTestAvs` contract (its own registrar, accepting every
 * operator), deployed but not set up; the tests send the AVS's calls from its impersonated address.
 */
export async function newAvsContract(env: Env): Promise<Address> {
  const avs = await env.devnet.context.deployArtifact('EigenLayerTestAvs', [env.deployment.allocationManager])
  await env.devnet.testClient.setBalance({ address: avs, value: parseEther('10') })
  await env.devnet.testClient.impersonateAccount({ address: avs })
  return avs
}

/** The account's nonce now (refusals must leave it unchanged). */
export function nonceOf(env: Env, address: Address) {
  return env.devnet.publicClient.getTransactionCount({ address, blockTag: 'pending' })
}

/** Expects `run()` to reject with an error of class `cls` (by instance and `name`), nonce unchanged. */
export async function expectRefused<E extends Error>(
  env: Env,
  sender: Address,
  run: () => Promise<unknown>,
  cls: abstract new (...args: never[]) => E,
): Promise<E> {
  const before = await nonceOf(env, sender)
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof cls)) console.error('UNEXPECTED', (err as Error)?.message?.slice(0, 1500))
  expect(err).toBeInstanceOf(cls)
  expect((err as Error).name).toBe(cls.name)
  expect(await nonceOf(env, sender)).toBe(before)
  return err as E
}
