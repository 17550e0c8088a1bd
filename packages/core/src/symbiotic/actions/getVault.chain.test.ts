import { setupSymbioticStake } from '@restakekit/avs/symbiotic/testing'
import { parseEther, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticDelegatorAbi } from '../abis.js'
import { SymbioticVaultNotFoundError } from '../errors.js'
import { encodeSubnetwork, fullRestakeStake, networkRestakeStake } from '../math.js'
import { useSymbioticDevnet } from '../test/helpers.js'
import { deposit } from './deposit.js'
import { getStake } from './getStake.js'
import { getVault } from './getVault.js'
import { listVaults } from './listVaults.js'

const t = useSymbioticDevnet()

describe('getVault', () => {
  test('a NetworkRestake vault with an instant Slasher, read as its views say, in one round trip', async () => {
    const { vault, delegator, slasher } = await t.vault({ epochDuration: 5000, depositLimit: 10n ** 20n })
    const { wallet } = await t.staker(1234n)
    await t.mined(deposit(wallet, { vault, amount: 1234n }))
    const { client, counter } = t.counting()
    const info = await getVault(client, { vault, deployment: t.deployment })
    expect(counter.requests).toBe(1)
    const weth = t.devnet.deployments.tokens.weth
    expect(info).toMatchObject({
      address: vault,
      collateral: weth,
      version: 1n,
      tokenized: false,
      shareToken: null,
      burner: '0x000000000000000000000000000000000000dEaD',
      epochDuration: 5000n,
      depositWhitelist: false,
      isDepositLimit: true,
      depositLimit: 10n ** 20n,
      delegator: { address: delegator, type: 0, typeName: 'NetworkRestake' },
      slasher: { address: slasher, type: 0, typeName: 'Slasher', vetoDuration: null },
      totalStake: 1234n,
      activeStake: 1234n,
      activeShares: 1234n,
    })
    expect(info.epochDurationInit).toBe(BigInt(await t.view<number>(vault, 'epochDurationInit')))
    expect(info.currentEpoch).toBe(await t.view<bigint>(vault, 'currentEpoch'))
    expect(info.currentEpochStart).toBe(info.epochDurationInit + info.currentEpoch * 5000n)
    expect(info.nextEpochStart).toBe(info.currentEpochStart + 5000n)
  })

  test('a tokenized FullRestake vault with a VetoSlasher and a whitelist; a vault without slasher', async () => {
    const { vault } = await t.vault({
      delegatorType: 1,
      slasherType: 1,
      vetoDuration: 900,
      tokenized: { name: 'Restaked WETH', symbol: 'rWETH' },
      depositWhitelist: true,
    })
    const info = await t.devnet.publicClient
      .extend((c) => ({ getVault: (v: `0x${string}`) => getVault(c, { vault: v }) }))
      .getVault(vault)
    expect(info.version).toBe(2n)
    expect(info.tokenized).toBe(true)
    expect(info.shareToken).toEqual({ name: 'Restaked WETH', symbol: 'rWETH', decimals: 18 })
    expect(info.delegator.typeName).toBe('FullRestake')
    expect(info.slasher).toMatchObject({ type: 1, typeName: 'VetoSlasher', vetoDuration: 900n })
    expect(info.depositWhitelist).toBe(true)
    expect(info.isDepositLimit).toBe(false)
    expect(info.depositLimit).toBeNull()

    const bare = await t.vault({ slasherType: undefined, delegatorType: 2 })
    expect(bare.slasher).toBe(zeroAddress)
    const b = await getVault(t.devnet.publicClient, { vault: bare.vault })
    expect(b.slasher).toBeNull()
    expect(b.delegator.typeName).toBe('OperatorSpecific')
  })

  test('not a vault: a typed error', async () => {
    await expect(getVault(t.devnet.publicClient, { vault: t.deployment.networkRegistry })).rejects.toThrow(
      SymbioticVaultNotFoundError,
    )
    // answers the vault interface but is not an entity of the factory: the implementation itself
    const impl = t.deployment.implementations.vault
    await expect(getVault(t.devnet.publicClient, { vault: impl, deployment: t.deployment })).rejects.toThrow(
      SymbioticVaultNotFoundError,
    )
  })
})

describe('listVaults', () => {
  test('every vault of the factory, in creation order; one round trip under the probe, two above', async () => {
    const before = await listVaults(t.devnet.publicClient, { deployment: t.deployment })
    const a = await t.vault()
    const b = await t.vault({ delegatorType: 1 })
    const c = await t.vault({ tokenized: true })
    const { client, counter } = t.counting()
    const all = await listVaults(client, { deployment: t.deployment })
    expect(counter.requests).toBe(1)
    expect(all).toEqual([...before, a.vault, b.vault, c.vault])
    const probed = await listVaults(client, { deployment: t.deployment, probe: 1 })
    expect(probed).toEqual(all)
    expect(counter.requests).toBe(3)
    const bound = t.devnet.publicClient.extend((cl) => ({
      l: () => listVaults(cl, { deployment: t.deployment }),
    }))
    expect(await bound.l()).toEqual(all)
  })
})

describe('getStake', () => {
  test('NetworkRestake and FullRestake stake equal the delegator view and the pure formulas', async () => {
    const nr = await t.vault({ delegatorType: 0 })
    const fr = await t.vault({ delegatorType: 1 })
    const network = (await t.devnet.newAccount()).address
    const operator = (await t.devnet.newAccount()).address
    const operator2 = (await t.devnet.newAccount()).address
    await setupSymbioticStake(t.devnet, {
      ...nr,
      delegatorType: 0,
      network,
      operator,
      limit: parseEther('6'),
      shares: 1n,
    })
    await setupSymbioticStake(t.devnet, {
      ...nr,
      delegatorType: 0,
      network,
      operator: operator2,
      limit: parseEther('6'),
      shares: 2n,
      registerNetwork: false,
    })
    await setupSymbioticStake(t.devnet, {
      ...fr,
      delegatorType: 1,
      network,
      operator,
      limit: parseEther('4'),
      registerNetwork: false,
      registerOperator: false,
    })
    const { wallet } = await t.staker(parseEther('20'))
    await t.mined(deposit(wallet, { vault: nr.vault, amount: parseEther('10') }))
    await t.mined(deposit(wallet, { vault: fr.vault, amount: parseEther('10') }))

    const subnetwork = encodeSubnetwork(network)
    const s1 = await getStake(t.devnet.publicClient, { delegator: nr.delegator, network, operator })
    const direct = await t.devnet.publicClient.readContract({
      address: nr.delegator,
      abi: symbioticDelegatorAbi,
      functionName: 'stake',
      args: [subnetwork, operator],
    })
    expect(s1.stake).toBe(direct)
    expect(s1.stake).toBe(
      networkRestakeStake({
        activeStake: parseEther('10'),
        networkLimit: parseEther('6'),
        operatorNetworkShares: 1n,
        totalOperatorNetworkShares: 3n,
      }),
    )
    expect(s1.stake).toBe(parseEther('2'))
    expect(s1).toMatchObject({
      subnetwork,
      network,
      identifier: 0n,
      delegatorType: 0,
      maxNetworkLimit: parseEther('6'),
    })

    const s2 = await getStake(t.devnet.publicClient, { vault: fr.vault, subnetwork, operator })
    expect(s2.delegator).toBe(fr.delegator)
    expect(s2.stake).toBe(
      fullRestakeStake({
        activeStake: parseEther('10'),
        networkLimit: parseEther('4'),
        operatorNetworkLimit: parseEther('4'),
      }),
    )
    expect(s2.stake).toBe(parseEther('4'))
    // an operator not opted in has no stake
    const s3 = await getStake(t.devnet.publicClient, {
      delegator: fr.delegator,
      network,
      operator: operator2,
    })
    expect(s3.stake).toBe(0n)
  })
})
