// Set-up of the @restakekit/avs EigenLayer chain tests: the devnet's real EigenLayer state (the one
// RESTAKEKIT_EIGENLAYER_STATE names, else the v1.2 fixture), fresh accounts, the devnet's test AVS
// contract driven through the SDK's own AVS actions (the contract address impersonated).
import { basename, dirname } from 'node:path'
import type { EigenLayerDeployment } from '@restakekit/core'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, type Hex, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { operatorDelegationAbi } from '../abis.js'

export type StateRelease = 'v1.2' | 'v1.3.0'

export type Env = {
  devnet: Devnet
  deployment: EigenLayerDeployment
  release: StateRelease
  strategy: Address
  token: Address
}

function releaseOf(statePath: string): StateRelease {
  const folder = basename(dirname(statePath))
  if (folder === 'eigenlayer') return 'v1.2'
  if (folder === 'eigenlayer-v1.3.0') return 'v1.3.0'
  throw new Error(`unknown EigenLayer state folder ${folder}`)
}

export async function startEnv(): Promise<Env> {
  const devnet = await startDevnet({ symbiotic: false, karak: false })
  const el = devnet.deployments.eigenlayer
  if (!el) throw new Error('the devnet has no EigenLayer state')
  // v1.3.0 state: slashOperator underflows while block.number < minWithdrawalDelayBlocks (the
  // state's README); the state starts at block 0, so mine past the delay once.
  const delay = await devnet.publicClient.readContract({
    address: el.delegationManager,
    abi: operatorDelegationAbi,
    functionName: 'minWithdrawalDelayBlocks',
  })
  const block = await devnet.publicClient.getBlockNumber({ cacheTime: 0 })
  if (block <= BigInt(delay)) await devnet.mine(delay + 1 - Number(block))
  return {
    devnet,
    deployment: el,
    release: releaseOf(el.statePath),
    strategy: el.fixture.strategy,
    token: el.fixture.token,
  }
}

/** One devnet per test file, every test from the same snapshot. */
export function useAvsEnv() {
  let env: Env | undefined
  let snap: Hex | undefined
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env!.devnet.revert(snap)
    snap = await env!.devnet.snapshot()
  })
  return {
    get env(): Env {
      if (!env) throw new Error('useAvsEnv: the env is started in beforeAll')
      return env
    },
  }
}

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

export function sortAddresses(list: readonly Address[]): Address[] {
  return [...list].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
}
