import { type Address, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticSlashingAbi, symbioticVaultClockAbi } from '../abis.js'
import {
  InvalidCaptureTimestampError,
  NothingToSlashError,
  NotNetworkMiddlewareError,
  NotResolverError,
  SlashPeriodEndedError,
  SlashRequestCompletedError,
  SlashRequestNotFoundError,
  SymbioticNotRegisteredError,
  UnsupportedByTypeError,
  VetoPeriodEndedError,
  VetoPeriodNotEndedError,
} from '../errors.js'
import { actor, expectRefused, useSymbioticAvsEnv, wire } from '../test/helpers.js'
import {
  executeSlash,
  prepareSlash,
  requestSlash,
  setResolver,
  simulateSlash,
  slash,
  vetoSlash,
  waitForExecuteSlash,
  waitForRequestSlash,
  waitForSetResolver,
  waitForSlash,
  waitForVetoSlash,
} from './slashing.js'

const t = useSymbioticAvsEnv()
const E = (n: number | string) => parseEther(String(n))
const EPOCH = 3600n
const VETO = 900n

/** A staked NetworkRestake vault with the given slasher, one network (middleware) and operator with all of it, 10 s ago. */
async function slashable(slasherType: 0 | 1) {
  const vault = await t.staked(E(100), {
    delegatorType: 0,
    slasherType,
    epochDuration: Number(EPOCH),
    ...(slasherType === 1 ? { vetoDuration: Number(VETO) } : {}),
  })
  const wired = await wire(t, vault, { type: 0, limit: E(100) })
  await t.devnet.increaseTime(10)
  const params = {
    slasher: vault.slasher,
    network: wired.network.address,
    operator: wired.operator.address,
    deployment: t.deployment,
  }
  return { ...vault, ...wired, params }
}

const latest = async () => (await t.devnet.publicClient.getBlock()).timestamp
const activeStake = (vault: Address) => t.view<bigint>(vault, 'activeStake')
const request = async (slasher: Address, index: bigint) =>
  t.devnet.publicClient.readContract({
    address: slasher,
    abi: symbioticSlashingAbi,
    functionName: 'slashRequests',
    args: [index],
  })

describe('Slasher.slash (instant)', () => {
  test('the middleware slashes: the vault loses exactly the amount, the event and cumulative slash say so', async () => {
    const s = await slashable(0)
    const before = await activeStake(s.vault)
    const sim = await simulateSlash(s.middleware.wallet, { ...s.params, amount: E(10) })
    expect(sim.slashable).toBe(E(100))
    const hash = await slash(s.middleware.wallet, { ...s.params, amount: E(10) })
    const r = await waitForSlash(t.devnet.publicClient, hash)
    expect(r.amount).toBe(E(10))
    expect(await activeStake(s.vault)).toBe(before - E(10))
    expect(
      await t.devnet.publicClient.readContract({
        address: s.slasher,
        abi: symbioticSlashingAbi,
        functionName: 'cumulativeSlash',
        args: [s.subnetwork, s.operator.address],
      }),
    ).toBe(E(10))
    // more than the slashable stake is capped by the slasher at what is left (90)
    const rest = await waitForSlash(
      t.devnet.publicClient,
      await slash(s.middleware.wallet, {
        ...s.params,
        amount: E(500),
        captureTimestamp: r.captureTimestamp!,
      }),
    )
    expect(rest.amount).toBe(E(90))
    // then nothing is left at that capture time
    await expectRefused(
      t,
      s.middleware.address,
      () => slash(s.middleware.wallet, { ...s.params, amount: 1n, captureTimestamp: r.captureTimestamp! }),
      NothingToSlashError,
    )
  })

  test('only the middleware; capture window [now - epoch, now); nothing slashable; wrong slasher type', async () => {
    const s = await slashable(0)
    const notMiddleware = await expectRefused(
      t,
      s.operator.address,
      () => slash(s.operator.wallet, { ...s.params, amount: E(1) }),
      NotNetworkMiddlewareError,
    )
    expect(notMiddleware.middleware).toBe(s.middleware.address)

    const now = await latest()
    const future = await expectRefused(
      t,
      s.middleware.address,
      () => slash(s.middleware.wallet, { ...s.params, amount: E(1), captureTimestamp: now + 100n }),
      InvalidCaptureTimestampError,
    )
    expect(future.latest).toBeLessThan(now + 100n)
    expect(future.earliest).toBe(future.latest + 1n - EPOCH)
    const old = await expectRefused(
      t,
      s.middleware.address,
      () => slash(s.middleware.wallet, { ...s.params, amount: E(1), captureTimestamp: now - EPOCH - 5n }),
      InvalidCaptureTimestampError,
    )
    expect(old.captureTimestamp).toBe(now - EPOCH - 5n)

    const stranger = await actor(t)
    await expectRefused(
      t,
      s.middleware.address,
      () => slash(s.middleware.wallet, { ...s.params, operator: stranger.address, amount: E(1) }),
      NothingToSlashError,
    )
    const typed = await expectRefused(
      t,
      s.middleware.address,
      () => requestSlash(s.middleware.wallet, { ...s.params, amount: E(1) }),
      UnsupportedByTypeError,
    )
    expect(typed.type).toBe('Slasher')
    expect(typed.supportedBy).toEqual(['VetoSlasher'])
  })

  test('prepare needs a capture timestamp (nothing is read)', () => {
    const p = {
      slasher: t.deployment.vaultFactory,
      network: t.deployment.vaultFactory,
      operator: t.deployment.vaultFactory,
      amount: 1n,
    }
    expect(() => prepareSlash({ ...p, deployment: t.deployment })).toThrow(/captureTimestamp/)
    const [call] = prepareSlash({ ...p, captureTimestamp: 5n, deployment: t.deployment })
    expect(call!.to).toBe(t.deployment.vaultFactory)
  })
})

describe('VetoSlasher without a resolver', () => {
  test('requestSlash then executeSlash at once; the capture window is narrowed by the veto duration', async () => {
    const s = await slashable(1)
    const now = await latest()
    // allowed for an instant slasher, not here: now + veto - epoch > capture
    const narrow = await expectRefused(
      t,
      s.middleware.address,
      () =>
        requestSlash(s.middleware.wallet, {
          ...s.params,
          amount: E(1),
          captureTimestamp: now - (EPOCH - VETO) - 50n,
        }),
      InvalidCaptureTimestampError,
    )
    expect(narrow.earliest).toBe(narrow.latest + 1n + VETO - EPOCH)
    const typed = await expectRefused(
      t,
      s.middleware.address,
      () => slash(s.middleware.wallet, { ...s.params, amount: E(1) }),
      UnsupportedByTypeError,
    )
    expect(typed.type).toBe('VetoSlasher')

    const before = await activeStake(s.vault)
    const req = await waitForRequestSlash(
      t.devnet.publicClient,
      await requestSlash(s.middleware.wallet, { ...s.params, amount: E(7) }),
    )
    expect(req.slashIndex).toBe(0n)
    expect(req.amount).toBe(E(7))
    const onChain = await request(s.slasher, 0n)
    expect(req.readyAt).toEqual({ timestamp: BigInt(onChain[4]) })
    expect(BigInt(onChain[4])).toBe(
      (await t.devnet.publicClient.getBlock({ blockNumber: req.receipt.blockNumber })).timestamp + VETO,
    )
    expect(await activeStake(s.vault)).toBe(before) // requested, not slashed

    // no resolver: nobody can veto, and the middleware executes at once
    const noResolver = await expectRefused(
      t,
      s.network.address,
      () => vetoSlash(s.network.wallet, { slasher: s.slasher, slashIndex: 0n, deployment: t.deployment }),
      NotResolverError,
    )
    expect(noResolver.resolver).toBeUndefined()
    await expectRefused(
      t,
      s.operator.address,
      () => executeSlash(s.operator.wallet, { slasher: s.slasher, slashIndex: 0n, deployment: t.deployment }),
      NotNetworkMiddlewareError,
    )
    const ex = await waitForExecuteSlash(
      t.devnet.publicClient,
      await executeSlash(s.middleware.wallet, {
        slasher: s.slasher,
        slashIndex: 0n,
        deployment: t.deployment,
      }),
    )
    expect(ex.amount).toBe(E(7))
    expect(await activeStake(s.vault)).toBe(before - E(7))
    await expectRefused(
      t,
      s.middleware.address,
      () =>
        executeSlash(s.middleware.wallet, { slasher: s.slasher, slashIndex: 0n, deployment: t.deployment }),
      SlashRequestCompletedError,
    )
    const missing = await expectRefused(
      t,
      s.middleware.address,
      () =>
        executeSlash(s.middleware.wallet, { slasher: s.slasher, slashIndex: 5n, deployment: t.deployment }),
      SlashRequestNotFoundError,
    )
    expect(missing.slashIndex).toBe(5n)
  })

  test('a request more than an epoch past its capture has expired', async () => {
    const s = await slashable(1)
    const req = await waitForRequestSlash(
      t.devnet.publicClient,
      await requestSlash(s.middleware.wallet, { ...s.params, amount: E(1) }),
    )
    await t.devnet.increaseTime(EPOCH + 5n)
    const err = await expectRefused(
      t,
      s.middleware.address,
      () =>
        executeSlash(s.middleware.wallet, {
          slasher: s.slasher,
          slashIndex: req.slashIndex!,
          deployment: t.deployment,
        }),
      SlashPeriodEndedError,
    )
    expect(err.expiredAt).toBe(req.captureTimestamp! + EPOCH)
  })
})

describe('VetoSlasher with a resolver', () => {
  test('the first resolver is in effect at once; a change waits resolverSetEpochsDelay epochs', async () => {
    const s = await slashable(1)
    const resolver = await actor(t)
    const first = await waitForSetResolver(
      t.devnet.publicClient,
      await setResolver(s.network.wallet, {
        slasher: s.slasher,
        resolver: resolver.address,
        deployment: t.deployment,
      }),
    )
    const block = await t.devnet.publicClient.getBlock({ blockNumber: first.receipt.blockNumber })
    expect(first.readyAt).toEqual({ timestamp: block.timestamp })
    const next = await actor(t)
    const change = await waitForSetResolver(
      t.devnet.publicClient,
      await setResolver(s.network.wallet, {
        slasher: s.slasher,
        resolver: next.address,
        deployment: t.deployment,
      }),
    )
    const epochStart = await t.devnet.publicClient.readContract({
      address: s.vault,
      abi: symbioticVaultClockAbi,
      functionName: 'currentEpochStart',
      blockNumber: change.receipt.blockNumber,
    })
    expect(change.readyAt).toEqual({ timestamp: BigInt(epochStart) + 3n * EPOCH })
    // the resolver in effect now is still the first
    expect(
      await t.devnet.publicClient.readContract({
        address: s.slasher,
        abi: symbioticSlashingAbi,
        functionName: 'resolver',
        args: [s.subnetwork, '0x'],
      }),
    ).toBe(resolver.address)
    await expectRefused(
      t,
      s.operator.address,
      () =>
        setResolver(s.operator.wallet, {
          slasher: s.slasher,
          resolver: next.address,
          deployment: t.deployment,
        }),
      SymbioticNotRegisteredError,
    )
  })

  test('execute waits for the veto deadline; only the capture-time resolver vetoes, before the deadline', async () => {
    const s = await slashable(1)
    const resolver = await actor(t)
    await t.mined(
      setResolver(s.network.wallet, {
        slasher: s.slasher,
        resolver: resolver.address,
        deployment: t.deployment,
      }),
    )
    await t.devnet.increaseTime(5)
    const ids = { slasher: s.slasher, deployment: t.deployment }

    const a = await waitForRequestSlash(
      t.devnet.publicClient,
      await requestSlash(s.middleware.wallet, { ...s.params, amount: E(3) }),
    )
    const b = await waitForRequestSlash(
      t.devnet.publicClient,
      await requestSlash(s.middleware.wallet, { ...s.params, amount: E(4) }),
    )
    const early = await expectRefused(
      t,
      s.middleware.address,
      () => executeSlash(s.middleware.wallet, { ...ids, slashIndex: a.slashIndex! }),
      VetoPeriodNotEndedError,
    )
    expect(early.readyAt).toEqual(a.readyAt)

    const notResolver = await expectRefused(
      t,
      s.network.address,
      () => vetoSlash(s.network.wallet, { ...ids, slashIndex: a.slashIndex! }),
      NotResolverError,
    )
    expect(notResolver.resolver).toBe(resolver.address)
    const v = await waitForVetoSlash(
      t.devnet.publicClient,
      await vetoSlash(resolver.wallet, { ...ids, slashIndex: a.slashIndex! }),
    )
    expect(v.resolver).toBe(resolver.address)
    expect((await request(s.slasher, a.slashIndex!))[5]).toBe(true)
    await expectRefused(
      t,
      resolver.address,
      () => vetoSlash(resolver.wallet, { ...ids, slashIndex: a.slashIndex! }),
      SlashRequestCompletedError,
    )

    // past the veto deadline: the resolver is too late, the middleware executes
    await t.devnet.increaseTime(VETO + 1n)
    const late = await expectRefused(
      t,
      resolver.address,
      () => vetoSlash(resolver.wallet, { ...ids, slashIndex: b.slashIndex! }),
      VetoPeriodEndedError,
    )
    expect(late.vetoDeadline).toBe(b.readyAt!.timestamp)
    const before = await activeStake(s.vault)
    const ex = await waitForExecuteSlash(
      t.devnet.publicClient,
      await executeSlash(s.middleware.wallet, { ...ids, slashIndex: b.slashIndex! }),
    )
    expect(ex.amount).toBe(E(4))
    expect(await activeStake(s.vault)).toBe(before - E(4))
    // the vetoed request never slashed
    await expectRefused(
      t,
      s.middleware.address,
      () => executeSlash(s.middleware.wallet, { ...ids, slashIndex: a.slashIndex! }),
      SlashRequestCompletedError,
    )
  })

  test('a resolver change applies to requests captured after it takes effect', async () => {
    const s = await slashable(1)
    const first = await actor(t)
    const second = await actor(t)
    const ids = { slasher: s.slasher, deployment: t.deployment }
    await t.mined(setResolver(s.network.wallet, { ...ids, resolver: first.address }))
    const change = await waitForSetResolver(
      t.devnet.publicClient,
      await setResolver(s.network.wallet, { ...ids, resolver: second.address }),
    )
    // jump past the change's readyAt: requests captured from then on belong to the second resolver
    const wait = change.readyAt!.timestamp - (await latest()) + 10n
    await t.devnet.increaseTime(wait)
    const req = await waitForRequestSlash(
      t.devnet.publicClient,
      await requestSlash(s.middleware.wallet, { ...s.params, amount: E(2) }),
    )
    expect(req.captureTimestamp!).toBeGreaterThan(change.readyAt!.timestamp)
    const old = await expectRefused(
      t,
      first.address,
      () => vetoSlash(first.wallet, { ...ids, slashIndex: req.slashIndex! }),
      NotResolverError,
    )
    expect(old.resolver).toBe(second.address)
    const v = await waitForVetoSlash(
      t.devnet.publicClient,
      await vetoSlash(second.wallet, { ...ids, slashIndex: req.slashIndex! }),
    )
    expect(v.resolver).toBe(second.address)
  })
})
