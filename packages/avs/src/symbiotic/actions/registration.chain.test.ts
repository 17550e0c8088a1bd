import { InvalidParameterError } from '@restakekit/core'
import { toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticEntityRegistryAbi, symbioticMiddlewareServiceAbi, symbioticOptInAbi } from '../abis.js'
import {
  OptInSignatureError,
  OptInStateError,
  OptOutCooldownError,
  SymbioticAlreadyRegisteredError,
  SymbioticAlreadySetError,
  SymbioticNotRegisteredError,
} from '../errors.js'
import { actor, expectRefused, useSymbioticAvsEnv } from '../test/helpers.js'
import {
  getOptIn,
  optIn,
  optOut,
  prepareOptIn,
  signOptIn,
  signOptOut,
  simulateOptIn,
  waitForOptIn,
  waitForOptOut,
} from './optIn.js'
import {
  prepareRegisterNetwork,
  registerNetwork,
  registerOperator,
  setMiddleware,
  simulateRegisterOperator,
  waitForRegisterNetwork,
  waitForRegisterOperator,
  waitForSetMiddleware,
} from './registration.js'

const t = useSymbioticAvsEnv()

const isEntity = (registry: `0x${string}`, who: `0x${string}`) =>
  t.devnet.publicClient.readContract({
    address: registry,
    abi: symbioticEntityRegistryAbi,
    functionName: 'isEntity',
    args: [who],
  })

describe('registerNetwork / registerOperator', () => {
  test('prepare is the bare registry call', () => {
    const [call] = prepareRegisterNetwork({ deployment: t.deployment })
    expect(call!.to).toBe(t.deployment.networkRegistry)
    expect(call!.data).toBe(toFunctionSelector('registerNetwork()'))
  })

  test('a network registers itself; the registry says so and AddEntity names it', async () => {
    const network = await actor(t)
    expect(await isEntity(t.deployment.networkRegistry, network.address)).toBe(false)
    const hash = await registerNetwork(network.wallet, { deployment: t.deployment })
    const { entity, receipt } = await waitForRegisterNetwork(t.devnet.publicClient, hash)
    expect(receipt.status).toBe('success')
    expect(entity).toBe(network.address)
    expect(await isEntity(t.deployment.networkRegistry, network.address)).toBe(true)
    // a second registration is refused before sending
    await expectRefused(
      t,
      network.address,
      () => registerNetwork(network.wallet, { deployment: t.deployment }),
      SymbioticAlreadyRegisteredError,
    )
  })

  test('an operator registers itself; twice is refused with the entity named', async () => {
    const operator = await actor(t)
    const sim = await simulateRegisterOperator(operator.wallet, { deployment: t.deployment })
    expect(sim.request.address).toBe(t.deployment.operatorRegistry)
    const { entity } = await waitForRegisterOperator(
      t.devnet.publicClient,
      await registerOperator(operator.wallet, { deployment: t.deployment }),
    )
    expect(entity).toBe(operator.address)
    const err = await expectRefused(
      t,
      operator.address,
      () => registerOperator(operator.wallet, { deployment: t.deployment }),
      SymbioticAlreadyRegisteredError,
    )
    expect(err.entity).toBe('operator')
    expect(err.account).toBe(operator.address)
  })
})

describe('setMiddleware', () => {
  test('a registered network sets its middleware; the same again and a non-network are refused', async () => {
    const network = await actor(t)
    const middleware = await actor(t)
    const stranger = await actor(t)
    await expectRefused(
      t,
      network.address,
      () => setMiddleware(network.wallet, { middleware: middleware.address, deployment: t.deployment }),
      SymbioticNotRegisteredError,
    )
    await t.mined(registerNetwork(network.wallet, { deployment: t.deployment }))
    const hash = await setMiddleware(network.wallet, {
      middleware: middleware.address,
      deployment: t.deployment,
    })
    const r = await waitForSetMiddleware(t.devnet.publicClient, hash)
    expect(r.network).toBe(network.address)
    expect(r.middleware).toBe(middleware.address)
    expect(
      await t.devnet.publicClient.readContract({
        address: t.deployment.networkMiddlewareService,
        abi: symbioticMiddlewareServiceAbi,
        functionName: 'middleware',
        args: [network.address],
      }),
    ).toBe(middleware.address)
    await expectRefused(
      t,
      network.address,
      () => setMiddleware(network.wallet, { middleware: middleware.address, deployment: t.deployment }),
      SymbioticAlreadySetError,
    )
    // a change is allowed
    await t.mined(setMiddleware(network.wallet, { middleware: stranger.address, deployment: t.deployment }))
    const err = await expectRefused(
      t,
      stranger.address,
      () => setMiddleware(stranger.wallet, { middleware: middleware.address, deployment: t.deployment }),
      SymbioticNotRegisteredError,
    )
    expect(err.entity).toBe('network')
  })
})

describe('optIn / optOut (direct)', () => {
  test('an operator opts in to a vault and a network, then out; the services record each change', async () => {
    const { vault } = await t.vault()
    const network = await actor(t)
    const operator = await actor(t)
    await t.mined(registerNetwork(network.wallet, { deployment: t.deployment }))
    await t.mined(registerOperator(operator.wallet, { deployment: t.deployment }))
    const d = t.deployment

    const [call] = prepareOptIn({ vault, deployment: d })
    expect(call!.to).toBe(d.operatorVaultOptInService)

    const r1 = await waitForOptIn(
      t.devnet.publicClient,
      await optIn(operator.wallet, { vault, deployment: d }),
    )
    expect(r1.operator).toBe(operator.address)
    expect(r1.where).toBe(vault)
    const r2 = await waitForOptIn(
      t.devnet.publicClient,
      await optIn(operator.wallet, { network: network.address, deployment: d }),
    )
    expect(r2.where).toBe(network.address)
    expect(
      await getOptIn(t.devnet.publicClient, { operator: operator.address, vault, deployment: d }),
    ).toEqual({
      optedIn: true,
      nonce: 1n,
    })
    const again = await expectRefused(
      t,
      operator.address,
      () => optIn(operator.wallet, { vault, deployment: d }),
      OptInStateError,
    )
    expect(again.optedIn).toBe(true)
    expect(again.target).toBe('vault')

    await t.devnet.increaseTime(1) // an opt-out in the opt-in's own second reverts OptOutCooldown
    const r3 = await waitForOptOut(
      t.devnet.publicClient,
      await optOut(operator.wallet, { vault, deployment: d }),
    )
    expect(r3.where).toBe(vault)
    expect(
      await t.devnet.publicClient.readContract({
        address: d.operatorVaultOptInService,
        abi: symbioticOptInAbi,
        functionName: 'isOptedIn',
        args: [operator.address, vault],
      }),
    ).toBe(false)
    const out = await expectRefused(
      t,
      operator.address,
      () => optOut(operator.wallet, { vault, deployment: d }),
      OptInStateError,
    )
    expect(out.optedIn).toBe(false)
  })

  test('an unregistered operator, a non-vault and a non-network are refused before sending', async () => {
    const { vault } = await t.vault()
    const operator = await actor(t)
    const notNetwork = await actor(t)
    const d = t.deployment
    const e1 = await expectRefused(
      t,
      operator.address,
      () => optIn(operator.wallet, { vault, deployment: d }),
      SymbioticNotRegisteredError,
    )
    expect(e1.entity).toBe('operator')
    await t.mined(registerOperator(operator.wallet, { deployment: d }))
    const e2 = await expectRefused(
      t,
      operator.address,
      () => optIn(operator.wallet, { vault: notNetwork.address, deployment: d }),
      SymbioticNotRegisteredError,
    )
    expect(e2.entity).toBe('vault')
    const e3 = await expectRefused(
      t,
      operator.address,
      () => optIn(operator.wallet, { network: notNetwork.address, deployment: d }),
      SymbioticNotRegisteredError,
    )
    expect(e3.entity).toBe('network')
    await expectRefused(
      t,
      operator.address,
      () => optIn(operator.wallet, { vault, network: vault, deployment: d } as never),
      InvalidParameterError,
    )
  })
  test("an opt-out in the opt-in's own block is refused by the simulation as OptOutCooldownError", async () => {
    const { vault } = await t.vault()
    const operator = await actor(t)
    const d = t.deployment
    await t.mined(registerOperator(operator.wallet, { deployment: d }))
    await t.devnet.testClient.setAutomine(false)
    try {
      const hash = await optIn(operator.wallet, { vault, deployment: d })
      const pending = await t.devnet.publicClient.getTransactionCount({
        address: operator.address,
        blockTag: 'pending',
      })
      // the pending block holds the opt-in: the checks pass, the simulation reverts OptOutCooldown
      const err = await optOut(operator.wallet, { vault, deployment: d }).catch((e: unknown) => e)
      expect(err).toBeInstanceOf(OptOutCooldownError)
      expect((err as OptOutCooldownError).where).toBe(vault)
      expect(
        await t.devnet.publicClient.getTransactionCount({ address: operator.address, blockTag: 'pending' }),
      ).toBe(pending)
      await t.devnet.mine(1)
      expect((await t.devnet.publicClient.getTransactionReceipt({ hash })).status).toBe('success')
    } finally {
      await t.devnet.testClient.setAutomine(true)
    }
  })
})

describe('optIn / optOut by EIP-712 signature', () => {
  test('a relayer sends the operator-signed opt-in and opt-out; a reused or expired signature is refused', async () => {
    const { vault } = await t.vault()
    const operator = await actor(t)
    const relayer = await actor(t)
    const d = t.deployment
    await t.mined(registerOperator(operator.wallet, { deployment: d }))

    const signed = await signOptIn(operator.wallet, { vault, deployment: d })
    expect(signed.nonce).toBe(0n)
    const operatorNonce = await t.nonce(operator.address)
    const r = await waitForOptIn(
      t.devnet.publicClient,
      await optIn(relayer.wallet, { vault, signed, deployment: d }),
    )
    expect(r.operator).toBe(operator.address)
    expect(await t.nonce(operator.address)).toBe(operatorNonce) // the operator sent nothing
    expect(
      (await getOptIn(t.devnet.publicClient, { operator: operator.address, vault, deployment: d })).optedIn,
    ).toBe(true)

    // the opt-in's signature is over nonce 0: an opt-out signed now is over nonce 1
    await t.devnet.increaseTime(1)
    const stale = { ...signed }
    const outSigned = await signOptOut(operator.wallet, { vault, deployment: d })
    expect(outSigned.nonce).toBe(1n)
    // a signature over the wrong nonce/type is refused by the simulation, before sending
    await expectRefused(
      t,
      relayer.address,
      () => optOut(relayer.wallet, { vault, signed: stale, deployment: d }),
      OptInSignatureError,
    )
    await t.mined(optOut(relayer.wallet, { vault, signed: outSigned, deployment: d }))
    expect(
      (await getOptIn(t.devnet.publicClient, { operator: operator.address, vault, deployment: d })).optedIn,
    ).toBe(false)

    // an expired deadline is refused from the chain's clock
    const now = (await t.devnet.publicClient.getBlock()).timestamp
    const expired = await signOptIn(operator.wallet, { vault, deadline: now - 10n, deployment: d })
    const err = await expectRefused(
      t,
      relayer.address,
      () => optIn(relayer.wallet, { vault, signed: expired, deployment: d }),
      OptInSignatureError,
    )
    expect(err.reason).toBe('expired')
    expect(err.deadline).toBe(now - 10n)
    // the simulation of a good one passes
    const fresh = await signOptIn(operator.wallet, { vault, deployment: d })
    await simulateOptIn(relayer.wallet, { vault, signed: fresh, deployment: d })
  })
})
