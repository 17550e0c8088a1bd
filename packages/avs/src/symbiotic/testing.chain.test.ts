// The fixtures of testing.ts against the devnet helpers they replace: on twin vaults, the same
// stake, limits and slashes (a drop-in for the core, risk and example tests that use the helpers).
import {
  setupSymbioticStake as devnetSetupSymbioticStake,
  slashSymbiotic as devnetSlashSymbiotic,
} from '@restakekit/devnet'
import { type Address, type Hex, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticDelegatorAdminAbi } from './abis.js'
import { NotNetworkMiddlewareError } from './errors.js'
import { actor, stakeOf, useSymbioticAvsEnv } from './test/helpers.js'
import {
  executeSymbioticVetoSlash,
  requestSymbioticVetoSlash,
  setupSymbioticStake,
  slashSymbiotic,
} from './testing.js'

const t = useSymbioticAvsEnv()
const E = (n: number) => parseEther(String(n))

const read = (delegator: Address, functionName: 'maxNetworkLimit' | 'networkLimit', subnetwork: Hex) =>
  t.devnet.publicClient.readContract({
    address: delegator,
    abi: symbioticDelegatorAdminAbi,
    functionName,
    args: [subnetwork],
  })

describe('setupSymbioticStake on the actions, against the devnet helper', () => {
  for (const type of [0, 1, 2] as const) {
    test(`delegator type ${type}: the same subnetwork, limits and stake; a second call is a no-op`, async () => {
      const network = await actor(t)
      const operator = await actor(t)
      const middleware = await actor(t)
      const opts = type === 2 ? { delegatorType: type, operator: operator.address } : { delegatorType: type }
      const mine = await t.staked(E(50), opts)
      const theirs = await t.staked(E(50), opts)
      const common = {
        delegatorType: type,
        network: network.address,
        operator: operator.address,
        limit: E(20),
      }
      const sub = await setupSymbioticStake(t.devnet, {
        vault: mine.vault,
        delegator: mine.delegator,
        middleware: middleware.address,
        ...common,
      })
      const sub2 = await devnetSetupSymbioticStake(t.devnet, {
        vault: theirs.vault,
        delegator: theirs.delegator,
        ...common,
      })
      expect(sub).toBe(sub2)
      expect(await stakeOf(t, mine.delegator, sub, operator.address)).toBe(E(20))
      expect(await stakeOf(t, mine.delegator, sub, operator.address)).toBe(
        await stakeOf(t, theirs.delegator, sub, operator.address),
      )
      expect(await read(mine.delegator, 'maxNetworkLimit', sub)).toBe(
        await read(theirs.delegator, 'maxNetworkLimit', sub),
      )
      expect(await read(mine.delegator, 'networkLimit', sub)).toBe(
        await read(theirs.delegator, 'networkLimit', sub),
      )
      // everything is in place: nothing is sent the second time
      const nonces = await Promise.all([network, operator].map((a) => t.nonce(a.address)))
      await setupSymbioticStake(t.devnet, {
        vault: mine.vault,
        delegator: mine.delegator,
        middleware: middleware.address,
        ...common,
      })
      expect(await Promise.all([network, operator].map((a) => t.nonce(a.address)))).toEqual(nonces)
    })
  }
})

describe('slash fixtures on the actions', () => {
  test('slashSymbiotic takes the same as the devnet helper; a non-middleware is refused before sending', async () => {
    const network = await actor(t)
    const operator = await actor(t)
    const middleware = await actor(t)
    const a = await t.staked(E(30), { delegatorType: 0, slasherType: 0 })
    const b = await t.staked(E(30), { delegatorType: 0, slasherType: 0 })
    const common = {
      delegatorType: 0 as const,
      network: network.address,
      operator: operator.address,
      middleware: middleware.address,
    }
    const sub = await setupSymbioticStake(t.devnet, { vault: a.vault, delegator: a.delegator, ...common })
    await setupSymbioticStake(t.devnet, { vault: b.vault, delegator: b.delegator, ...common })
    await t.devnet.increaseTime(10)
    const slashParams = {
      middleware: middleware.address,
      subnetwork: sub,
      operator: operator.address,
      amount: E(4),
    }
    await slashSymbiotic(t.devnet, { slasher: a.slasher, ...slashParams })
    await devnetSlashSymbiotic(t.devnet, { slasher: b.slasher, ...slashParams })
    expect(await t.view<bigint>(a.vault, 'activeStake')).toBe(E(26))
    expect(await t.view<bigint>(b.vault, 'activeStake')).toBe(E(26))
    await expect(
      slashSymbiotic(t.devnet, { slasher: a.slasher, ...slashParams, middleware: operator.address }),
    ).rejects.toBeInstanceOf(NotNetworkMiddlewareError)
  })

  test('requestSymbioticVetoSlash / executeSymbioticVetoSlash', async () => {
    const network = await actor(t)
    const operator = await actor(t)
    const middleware = await actor(t)
    const v = await t.staked(E(30), { delegatorType: 0, slasherType: 1 })
    const subnetwork = await setupSymbioticStake(t.devnet, {
      vault: v.vault,
      delegator: v.delegator,
      delegatorType: 0,
      network: network.address,
      operator: operator.address,
      middleware: middleware.address,
    })
    await t.devnet.increaseTime(10)
    const index = await requestSymbioticVetoSlash(t.devnet, {
      slasher: v.slasher,
      middleware: middleware.address,
      subnetwork,
      operator: operator.address,
      amount: E(5),
    })
    expect(index).toBe(0n)
    await executeSymbioticVetoSlash(t.devnet, {
      slasher: v.slasher,
      middleware: middleware.address,
      slashIndex: index,
    })
    expect(await t.view<bigint>(v.vault, 'activeStake')).toBe(E(25))
  })
})
