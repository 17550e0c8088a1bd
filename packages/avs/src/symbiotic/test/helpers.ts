// Set-up of the @restakekit/avs Symbiotic chain tests: core's Symbiotic devnet env (one devnet with
// the real Symbiotic core from npm per file, a snapshot per test), plus fresh actors (networks,
// operators, middlewares, resolvers) and the wiring of a staked vault through the fixtures of testing.ts.
import type { SymbioticVault } from '@restakekit/devnet'
import type { Address, Hex } from 'viem'
import { parseEther } from 'viem'
import { expect } from 'vitest'
import { useSymbioticDevnet } from '../../../../core/src/symbiotic/test/helpers.js'
import { symbioticDelegatorAdminAbi } from '../abis.js'
import { setupSymbioticStake } from '../testing.js'

export type Env = ReturnType<typeof useSymbioticDevnet>

/** One devnet per test file, every test from the same snapshot (core's Symbiotic env). */
export const useSymbioticAvsEnv = useSymbioticDevnet

/** A fresh funded account and its wallet client (a network, operator, middleware or resolver). */
export async function actor(t: Env) {
  const account = await t.devnet.newAccount({ eth: parseEther('10') })
  return { address: account.address, wallet: t.devnet.walletClient(account) }
}
export type Actor = Awaited<ReturnType<typeof actor>>

/** The vault owner (every role holder of the vaults the env creates): the devnet deployer. */
export function curator(t: Env) {
  const wallet = t.devnet.context.deployer
  return { address: wallet.account.address, wallet }
}

/** Sends and waits for a successful receipt. */
export const mined = (t: Env, hash: Promise<Hex>) => t.mined(hash)

/** Expects `run()` to reject with an error of class `cls` (by instance and `name`), nonce unchanged. */
export async function expectRefused<E extends Error>(
  t: Env,
  sender: Address,
  run: () => Promise<unknown>,
  cls: abstract new (...args: never[]) => E,
): Promise<E> {
  const before = await t.nonce(sender)
  const err = await run().then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!(err instanceof cls)) console.error('UNEXPECTED', (err as Error)?.message?.slice(0, 1500))
  expect(err).toBeInstanceOf(cls)
  expect((err as Error).name).toBe(cls.name)
  expect(await t.nonce(sender)).toBe(before)
  return err as E
}

/**
 * A network (with its middleware) and an operator wired to a vault: fresh actors unless given, then
 * the `setupSymbioticStake` fixture (registrations, middleware, both opt-ins, the network's max limit,
 * and the curator's limits for the delegator type).
 */
export async function wire(
  t: Env,
  vault: SymbioticVault,
  options: {
    type: 0 | 1 | 2 | 3
    limit: bigint
    network?: Actor
    operator?: Actor
    middleware?: Actor
  },
) {
  const network = options.network ?? (await actor(t))
  const operator = options.operator ?? (await actor(t))
  const middleware = options.middleware ?? (await actor(t))
  const subnetwork = await setupSymbioticStake(t.devnet, {
    vault: vault.vault,
    delegator: vault.delegator,
    delegatorType: options.type,
    network: network.address,
    operator: operator.address,
    middleware: middleware.address,
    limit: options.limit,
  })
  return { network, operator, middleware, owner: curator(t), subnetwork }
}

/** The operator's stake in the subnetwork now (the delegator's own view). */
export function stakeOf(t: Env, delegator: Address, subnetwork: Hex, operator: Address) {
  return t.devnet.publicClient.readContract({
    address: delegator,
    abi: symbioticDelegatorAdminAbi,
    functionName: 'stake',
    args: [subnetwork, operator],
  })
}
