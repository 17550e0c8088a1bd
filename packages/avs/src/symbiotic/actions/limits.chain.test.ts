import { parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  ExceedsMaxNetworkLimitError,
  MissingRoleError,
  NotDelegatorNetworkError,
  SymbioticAlreadySetError,
  SymbioticNotRegisteredError,
  UnsupportedByTypeError,
} from '../errors.js'
import { subnetworkOf } from '../internal.js'
import { actor, curator, expectRefused, stakeOf, useSymbioticAvsEnv, wire } from '../test/helpers.js'
import {
  prepareSetNetworkLimit,
  setMaxNetworkLimit,
  setNetworkLimit,
  setOperatorNetworkLimit,
  setOperatorNetworkShares,
  simulateSetNetworkLimit,
  waitForSetMaxNetworkLimit,
  waitForSetNetworkLimit,
  waitForSetOperatorNetworkLimit,
  waitForSetOperatorNetworkShares,
} from './limits.js'
import { registerNetwork, registerOperator } from './registration.js'

const t = useSymbioticAvsEnv()
const E = (n: number | string) => parseEther(String(n))

describe('NetworkRestake delegator (type 0)', () => {
  test('max limit, network limit and shares give shares/total × min(active, limit) of stake', async () => {
    const vault = await t.staked(E(100), { delegatorType: 0 })
    const { network, operator, owner, subnetwork } = await wire(t, vault, { type: 0, limit: E(60) })
    const d = t.deployment
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(60))

    // a second operator with equal shares halves the first one's stake
    const other = await actor(t)
    await t.mined(registerOperator(other.wallet, { deployment: d }))
    const r = await waitForSetOperatorNetworkShares(
      t.devnet.publicClient,
      await setOperatorNetworkShares(owner.wallet, {
        delegator: vault.delegator,
        network: network.address,
        operator: other.address,
        shares: 10n ** 18n,
        deployment: d,
      }),
    )
    expect(r.subnetwork).toBe(subnetwork)
    expect(r.value).toBe(10n ** 18n)
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(30))

    // the network limit caps the stake
    const lowered = await waitForSetNetworkLimit(
      t.devnet.publicClient,
      await setNetworkLimit(owner.wallet, {
        delegator: vault.delegator,
        network: network.address,
        amount: E(20),
        deployment: d,
      }),
    )
    expect(lowered.value).toBe(E(20))
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(10))
  })

  test('refusals: wrong type (named), above the max, the same value, no role, not a network', async () => {
    const vault = await t.staked(E(10), { delegatorType: 0 })
    const { network, operator, owner } = await wire(t, vault, { type: 0, limit: E(5) })
    const d = t.deployment
    const base = { delegator: vault.delegator, network: network.address, deployment: d }

    const typed = await expectRefused(
      t,
      owner.address,
      () => setOperatorNetworkLimit(owner.wallet, { ...base, operator: operator.address, amount: 1n }),
      UnsupportedByTypeError,
    )
    expect(typed.type).toBe('NetworkRestake')
    expect(typed.functionName).toBe('setOperatorNetworkLimit')
    expect(typed.supportedBy).toEqual(['FullRestake'])
    expect(typed.message).toContain('NetworkRestake')

    const over = await expectRefused(
      t,
      owner.address,
      () => setNetworkLimit(owner.wallet, { ...base, amount: E(6) }),
      ExceedsMaxNetworkLimitError,
    )
    expect(over.maxNetworkLimit).toBe(E(5))
    expect(over.amount).toBe(E(6))
    await expectRefused(
      t,
      owner.address,
      () => setNetworkLimit(owner.wallet, { ...base, amount: E(5) }),
      SymbioticAlreadySetError,
    )
    await expectRefused(
      t,
      owner.address,
      () =>
        setOperatorNetworkShares(owner.wallet, { ...base, operator: operator.address, shares: 10n ** 18n }),
      SymbioticAlreadySetError,
    )
    const stranger = await actor(t)
    const role = await expectRefused(
      t,
      stranger.address,
      () => setNetworkLimit(stranger.wallet, { ...base, amount: E(1) }),
      MissingRoleError,
    )
    expect(role.role).toBe('NETWORK_LIMIT_SET_ROLE')
    const shares = await expectRefused(
      t,
      stranger.address,
      () => setOperatorNetworkShares(stranger.wallet, { ...base, operator: operator.address, shares: 1n }),
      MissingRoleError,
    )
    expect(shares.role).toBe('OPERATOR_NETWORK_SHARES_SET_ROLE')
    await expectRefused(
      t,
      stranger.address,
      () => setMaxNetworkLimit(stranger.wallet, { delegator: vault.delegator, amount: E(1), deployment: d }),
      SymbioticNotRegisteredError,
    )
    await expectRefused(
      t,
      network.address,
      () => setMaxNetworkLimit(network.wallet, { delegator: vault.delegator, amount: E(5), deployment: d }),
      SymbioticAlreadySetError,
    )
  })

  test('the max network limit is per subnetwork identifier; lowering it caps the network limit', async () => {
    const vault = await t.staked(E(10), { delegatorType: 0 })
    const { network, operator, subnetwork } = await wire(t, vault, { type: 0, limit: E(8) })
    const d = t.deployment
    const r = await waitForSetMaxNetworkLimit(
      t.devnet.publicClient,
      await setMaxNetworkLimit(network.wallet, {
        delegator: vault.delegator,
        identifier: 7,
        amount: E(3),
        deployment: d,
      }),
    )
    expect(r.subnetwork).toBe(subnetworkOf(network.address, 7n))
    expect(r.value).toBe(E(3))
    await t.mined(
      setMaxNetworkLimit(network.wallet, { delegator: vault.delegator, amount: E(4), deployment: d }),
    )
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(4))
  })

  test('prepare and simulate', async () => {
    const vault = await t.vault({ delegatorType: 0 })
    const network = await actor(t)
    const owner = curator(t)
    await t.mined(registerNetwork(network.wallet, { deployment: t.deployment }))
    await t.mined(
      setMaxNetworkLimit(network.wallet, {
        delegator: vault.delegator,
        amount: E(2),
        deployment: t.deployment,
      }),
    )
    const params = {
      delegator: vault.delegator,
      network: network.address,
      amount: E(1),
      deployment: t.deployment,
    }
    const [call] = prepareSetNetworkLimit(params)
    expect(call!.to).toBe(vault.delegator)
    const sim = await simulateSetNetworkLimit(owner.wallet, params)
    expect(sim.request.args).toEqual([subnetworkOf(network.address), E(1)])
  })
})

describe('FullRestake delegator (type 1)', () => {
  test('stake is min(active, network limit, operator network limit); shares do not exist here', async () => {
    const vault = await t.staked(E(100), { delegatorType: 1 })
    const { network, operator, owner, subnetwork } = await wire(t, vault, { type: 1, limit: E(30) })
    const d = t.deployment
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(30))
    const r = await waitForSetOperatorNetworkLimit(
      t.devnet.publicClient,
      await setOperatorNetworkLimit(owner.wallet, {
        delegator: vault.delegator,
        network: network.address,
        operator: operator.address,
        amount: E(10),
        deployment: d,
      }),
    )
    expect(r.value).toBe(E(10))
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(10))
    const typed = await expectRefused(
      t,
      owner.address,
      () =>
        setOperatorNetworkShares(owner.wallet, {
          delegator: vault.delegator,
          network: network.address,
          operator: operator.address,
          shares: 1n,
          deployment: d,
        }),
      UnsupportedByTypeError,
    )
    expect(typed.type).toBe('FullRestake')
    expect(typed.supportedBy).toEqual(['NetworkRestake'])
    const stranger = await actor(t)
    const role = await expectRefused(
      t,
      stranger.address,
      () =>
        setOperatorNetworkLimit(stranger.wallet, {
          delegator: vault.delegator,
          network: network.address,
          operator: operator.address,
          amount: 1n,
          deployment: d,
        }),
      MissingRoleError,
    )
    expect(role.role).toBe('OPERATOR_NETWORK_LIMIT_SET_ROLE')
  })
})

describe('OperatorSpecific delegator (type 2)', () => {
  test('only the network limit: stake is min(active, network limit); operator setters are refused by type', async () => {
    const operator = await actor(t)
    await t.mined(registerOperator(operator.wallet, { deployment: t.deployment }))
    const vault = await t.staked(E(50), { delegatorType: 2, operator: operator.address })
    const { network, owner, subnetwork } = await wire(t, vault, { type: 2, limit: E(20), operator })
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(20))
    for (const call of [
      () =>
        setOperatorNetworkShares(owner.wallet, {
          delegator: vault.delegator,
          network: network.address,
          operator: operator.address,
          shares: 1n,
          deployment: t.deployment,
        }),
      () =>
        setOperatorNetworkLimit(owner.wallet, {
          delegator: vault.delegator,
          network: network.address,
          operator: operator.address,
          amount: 1n,
          deployment: t.deployment,
        }),
    ]) {
      const e = await expectRefused(t, owner.address, call, UnsupportedByTypeError)
      expect(e.type).toBe('OperatorSpecific')
    }
  })
})

describe('OperatorNetworkSpecific delegator (type 3)', () => {
  test('only its network sets the max limit (stake = min(active, max)); network limits are refused by type', async () => {
    const operator = await actor(t)
    const network = await actor(t)
    const other = await actor(t)
    const d = t.deployment
    await t.mined(registerOperator(operator.wallet, { deployment: d }))
    await t.mined(registerNetwork(network.wallet, { deployment: d }))
    await t.mined(registerNetwork(other.wallet, { deployment: d }))
    const vault = await t.staked(E(40), {
      delegatorType: 3,
      operator: operator.address,
      network: network.address,
    })
    const { owner, subnetwork } = await wire(t, vault, { type: 3, limit: E(15), operator, network })
    expect(await stakeOf(t, vault.delegator, subnetwork, operator.address)).toBe(E(15))

    const wrong = await expectRefused(
      t,
      other.address,
      () => setMaxNetworkLimit(other.wallet, { delegator: vault.delegator, amount: E(1), deployment: d }),
      NotDelegatorNetworkError,
    )
    expect(wrong.delegatorNetwork).toBe(network.address)
    const typed = await expectRefused(
      t,
      owner.address,
      () =>
        setNetworkLimit(owner.wallet, {
          delegator: vault.delegator,
          network: network.address,
          amount: 1n,
          deployment: d,
        }),
      UnsupportedByTypeError,
    )
    expect(typed.type).toBe('OperatorNetworkSpecific')
    expect(typed.supportedBy).toEqual(['NetworkRestake', 'FullRestake', 'OperatorSpecific'])
  })
})
