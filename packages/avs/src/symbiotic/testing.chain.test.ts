// The Symbiotic fixtures of testing.ts (the only copy of the scenarios the core, risk, example and
// dApp tests set up) against the chain: registrations, middleware, opt-ins, every limit and the
// resulting stake read from the contracts themselves, slashes measured in the vault's stake and the
// burner's balance; a second call sends nothing; a wrong caller is refused before sending.
import { symbioticSubnetwork } from '@restakekit/devnet'
import { type Address, type Hex, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  symbioticDelegatorAdminAbi,
  symbioticEntityRegistryAbi,
  symbioticMiddlewareServiceAbi,
  symbioticOptInAbi,
  symbioticSlashingAbi,
} from './abis.js'
import {
  NotNetworkMiddlewareError,
  SlashRequestCompletedError,
  SymbioticNotRegisteredError,
} from './errors.js'
import { actor, curator, expectRefused, stakeOf, useSymbioticAvsEnv } from './test/helpers.js'
import {
  executeSymbioticVetoSlash,
  requestSymbioticVetoSlash,
  setupSymbioticNetwork,
  setupSymbioticStake,
  slashSymbiotic,
} from './testing.js'

const t = useSymbioticAvsEnv()
const E = (n: number) => parseEther(String(n))
const DEAD = '0x000000000000000000000000000000000000dEaD'

const pc = () => t.devnet.publicClient
const isEntity = (registry: Address, who: Address) =>
  pc().readContract({
    address: registry,
    abi: symbioticEntityRegistryAbi,
    functionName: 'isEntity',
    args: [who],
  })
const middlewareOf = (network: Address) =>
  pc().readContract({
    address: t.deployment.networkMiddlewareService,
    abi: symbioticMiddlewareServiceAbi,
    functionName: 'middleware',
    args: [network],
  })
const isOptedIn = (service: Address, who: Address, where: Address) =>
  pc().readContract({
    address: service,
    abi: symbioticOptInAbi,
    functionName: 'isOptedIn',
    args: [who, where],
  })
const limitOf = (delegator: Address, functionName: 'maxNetworkLimit' | 'networkLimit', subnetwork: Hex) =>
  pc().readContract({ address: delegator, abi: symbioticDelegatorAdminAbi, functionName, args: [subnetwork] })
const perOperator = (
  delegator: Address,
  functionName: 'operatorNetworkShares' | 'operatorNetworkLimit',
  subnetwork: Hex,
  operator: Address,
) =>
  pc().readContract({
    address: delegator,
    abi: symbioticDelegatorAdminAbi,
    functionName,
    args: [subnetwork, operator],
  })

describe('setupSymbioticNetwork', () => {
  test('registers the network and sets its middleware; a second call sends nothing; a new middleware replaces it', async () => {
    const network = await actor(t)
    const middleware = await actor(t)
    const other = await actor(t)
    expect(await isEntity(t.deployment.networkRegistry, network.address)).toBe(false)
    await setupSymbioticNetwork(t.devnet, { network: network.address, middleware: middleware.address })
    expect(await isEntity(t.deployment.networkRegistry, network.address)).toBe(true)
    expect(await middlewareOf(network.address)).toBe(middleware.address)
    expect(await t.nonce(network.address)).toBe(2)

    await setupSymbioticNetwork(t.devnet, { network: network.address, middleware: middleware.address })
    expect(await t.nonce(network.address)).toBe(2)

    await setupSymbioticNetwork(t.devnet, { network: network.address, middleware: other.address })
    expect(await middlewareOf(network.address)).toBe(other.address)
    expect(await t.nonce(network.address)).toBe(3)
  })

  test('register: false on an unregistered network: the middleware is refused before sending', async () => {
    const network = await actor(t)
    const middleware = await actor(t)
    await expectRefused(
      t,
      network.address,
      () =>
        setupSymbioticNetwork(t.devnet, {
          network: network.address,
          middleware: middleware.address,
          register: false,
        }),
      SymbioticNotRegisteredError,
    )
    expect(await isEntity(t.deployment.networkRegistry, network.address)).toBe(false)
  })
})

describe('setupSymbioticStake', () => {
  for (const type of [0, 1, 2, 3] as const) {
    test(`delegator type ${type}: registrations, opt-ins, limits and the stake on chain; a second call sends nothing`, async () => {
      const network = await actor(t)
      const operator = await actor(t)
      const middleware = await actor(t)
      // types 2 and 3 name their operator (and network) at creation: the devnet registers them there
      const opts =
        type === 2
          ? { delegatorType: type, operator: operator.address }
          : type === 3
            ? { delegatorType: type, operator: operator.address, network: network.address }
            : { delegatorType: type }
      const v = await t.staked(E(50), opts)
      const identifier = BigInt(type)
      const limit = E(20)
      const subnetwork = await setupSymbioticStake(t.devnet, {
        vault: v.vault,
        delegator: v.delegator,
        delegatorType: type,
        network: network.address,
        operator: operator.address,
        middleware: middleware.address,
        identifier,
        limit,
      })
      // the key encodes the network and the identifier (the devnet's own encoder as a second opinion)
      expect(subnetwork).toBe(symbioticSubnetwork(network.address, identifier))

      const d = t.deployment
      expect(await isEntity(d.networkRegistry, network.address)).toBe(true)
      expect(await isEntity(d.operatorRegistry, operator.address)).toBe(true)
      expect(await middlewareOf(network.address)).toBe(middleware.address)
      expect(await isOptedIn(d.operatorVaultOptInService, operator.address, v.vault)).toBe(true)
      expect(await isOptedIn(d.operatorNetworkOptInService, operator.address, network.address)).toBe(true)
      expect(await limitOf(v.delegator, 'maxNetworkLimit', subnetwork)).toBe(limit)
      if (type <= 2) expect(await limitOf(v.delegator, 'networkLimit', subnetwork)).toBe(limit)
      if (type === 0)
        expect(await perOperator(v.delegator, 'operatorNetworkShares', subnetwork, operator.address)).toBe(
          10n ** 18n,
        )
      if (type === 1)
        expect(await perOperator(v.delegator, 'operatorNetworkLimit', subnetwork, operator.address)).toBe(
          limit,
        )
      // 50 deposited, every limit 20, the only operator: the stake is the limit
      expect(await stakeOf(t, v.delegator, subnetwork, operator.address)).toBe(limit)
      // another subnetwork of the same network has nothing
      expect(
        await stakeOf(
          t,
          v.delegator,
          symbioticSubnetwork(network.address, identifier + 1n),
          operator.address,
        ),
      ).toBe(0n)

      // everything is in place: nothing is sent the second time, by anyone
      const senders = [network.address, operator.address, curator(t).address]
      const nonces = await Promise.all(senders.map((a) => t.nonce(a)))
      await setupSymbioticStake(t.devnet, {
        vault: v.vault,
        delegator: v.delegator,
        delegatorType: type,
        network: network.address,
        operator: operator.address,
        middleware: middleware.address,
        identifier,
        limit,
      })
      expect(await Promise.all(senders.map((a) => t.nonce(a)))).toEqual(nonces)
    })
  }

  test('defaults: every limit 2^255, shares 1e18; two operators share the network limit by their shares', async () => {
    const network = await actor(t)
    const a = await actor(t)
    const b = await actor(t)
    const v = await t.staked(E(30), { delegatorType: 0 })
    const sub = await setupSymbioticStake(t.devnet, {
      vault: v.vault,
      delegator: v.delegator,
      delegatorType: 0,
      network: network.address,
      operator: a.address,
    })
    expect(await limitOf(v.delegator, 'maxNetworkLimit', sub)).toBe(1n << 255n)
    expect(await limitOf(v.delegator, 'networkLimit', sub)).toBe(1n << 255n)
    expect(await middlewareOf(network.address)).toBe('0x0000000000000000000000000000000000000000')
    expect(await stakeOf(t, v.delegator, sub, a.address)).toBe(E(30))
    // a second operator with twice the shares: the network's 30 split 1 : 2
    await setupSymbioticStake(t.devnet, {
      vault: v.vault,
      delegator: v.delegator,
      delegatorType: 0,
      network: network.address,
      operator: b.address,
      shares: 2n * 10n ** 18n,
    })
    expect(await stakeOf(t, v.delegator, sub, a.address)).toBe(E(10))
    expect(await stakeOf(t, v.delegator, sub, b.address)).toBe(E(20))
  })
})

describe('slash fixtures', () => {
  test('slashSymbiotic: the vault, the staker and the burner show the slash; a non-middleware is refused before sending', async () => {
    const network = await actor(t)
    const operator = await actor(t)
    const middleware = await actor(t)
    const v = await t.staked(E(30), { delegatorType: 0, slasherType: 0 })
    const subnetwork = await setupSymbioticStake(t.devnet, {
      vault: v.vault,
      delegator: v.delegator,
      delegatorType: 0,
      network: network.address,
      operator: operator.address,
      middleware: middleware.address,
    })
    await t.devnet.increaseTime(10)
    const burned = await t.balanceOf(t.weth, DEAD)
    const params = { middleware: middleware.address, subnetwork, operator: operator.address, amount: E(4) }
    await expectRefused(
      t,
      operator.address,
      () => slashSymbiotic(t.devnet, { slasher: v.slasher, ...params, middleware: operator.address }),
      NotNetworkMiddlewareError,
    )
    const before = await t.nonce(middleware.address)
    const hash = await slashSymbiotic(t.devnet, { slasher: v.slasher, ...params })
    expect((await pc().getTransaction({ hash })).from).toBe(middleware.address.toLowerCase())
    expect(await t.nonce(middleware.address)).toBe(before + 1)
    expect(await t.view<bigint>(v.vault, 'activeStake')).toBe(E(26))
    expect(await t.view<bigint>(v.vault, 'activeBalanceOf', [v.address])).toBe(E(26))
    expect(await t.balanceOf(t.weth, DEAD)).toBe(burned + E(4))
    expect(
      await pc().readContract({
        address: v.slasher,
        abi: symbioticSlashingAbi,
        functionName: 'cumulativeSlash',
        args: [subnetwork, operator.address],
      }),
    ).toBe(E(4))
  })

  test('requestSymbioticVetoSlash then executeSymbioticVetoSlash (no resolver: at once); executed once only', async () => {
    const network = await actor(t)
    const operator = await actor(t)
    const middleware = await actor(t)
    const v = await t.staked(E(8), { delegatorType: 1, slasherType: 1, vetoDuration: 600 })
    const subnetwork = await setupSymbioticStake(t.devnet, {
      vault: v.vault,
      delegator: v.delegator,
      delegatorType: 1,
      network: network.address,
      operator: operator.address,
      middleware: middleware.address,
    })
    await t.devnet.increaseTime(60)
    const index = await requestSymbioticVetoSlash(t.devnet, {
      slasher: v.slasher,
      middleware: middleware.address,
      subnetwork,
      operator: operator.address,
      amount: E(3),
    })
    expect(index).toBe(0n)
    const request = await pc().readContract({
      address: v.slasher,
      abi: symbioticSlashingAbi,
      functionName: 'slashRequests',
      args: [index],
    })
    expect([request[0], request[1], request[2], request[5]]).toEqual([
      subnetwork,
      operator.address,
      E(3),
      false,
    ])
    // requested only: nothing slashed yet
    expect(await t.view<bigint>(v.vault, 'activeStake')).toBe(E(8))
    const burned = await t.balanceOf(t.weth, DEAD)
    await executeSymbioticVetoSlash(t.devnet, {
      slasher: v.slasher,
      middleware: middleware.address,
      slashIndex: index,
    })
    expect(await t.view<bigint>(v.vault, 'activeStake')).toBe(E(5))
    expect(await t.view<bigint>(v.vault, 'activeBalanceOf', [v.address])).toBe(E(5))
    expect(await t.balanceOf(t.weth, DEAD)).toBe(burned + E(3))
    await expectRefused(
      t,
      middleware.address,
      () =>
        executeSymbioticVetoSlash(t.devnet, {
          slasher: v.slasher,
          middleware: middleware.address,
          slashIndex: index,
        }),
      SlashRequestCompletedError,
    )
    // a second request gets the next index
    expect(
      await requestSymbioticVetoSlash(t.devnet, {
        slasher: v.slasher,
        middleware: middleware.address,
        subnetwork,
        operator: operator.address,
        amount: E(1),
      }),
    ).toBe(1n)
  })
})
