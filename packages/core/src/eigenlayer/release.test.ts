// The release probe's pure parts, and its fragments against the reference ABIs of the three
// release sets. The v1.5+ and v1.9+ branches are ABI and probe tests only (no v1.5+ state runs here).
import { readFileSync } from 'node:fs'
import { type Abi, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { RELEASE_READS, releaseFamily, releaseFromResults, releaseReads, releaseVersion } from './release.js'
import { devnetDeployment } from './test/unit.js'

const abiOf = (set: string, contract: string): Abi => {
  const raw = JSON.parse(
    readFileSync(
      new URL(`../../../../../shared/reference/abi/${set}/${contract}.json`, import.meta.url),
      'utf8',
    ),
  )
  return (Array.isArray(raw) ? raw : raw.abi) as Abi
}
const selectors = (abi: Abi) =>
  new Set(abi.filter((x) => x.type === 'function').map((x) => toFunctionSelector(x as never)))

const base = {
  versionView: false,
  allocatedStake: false,
  encumberedMagnitude: 'encumberedMagnitude' as const,
  burnableShares: false,
  redistribution: false,
  allocationManagerView: false,
}

describe('release probe', () => {
  test('releaseVersion: a real version is kept; absent and "v0.0.0" placeholders name no release', () => {
    expect(releaseVersion('1.12.0')).toBe('1.12.0')
    expect(releaseVersion('v1.3.0')).toBe('v1.3.0')
    expect(releaseVersion('v0.0.0')).toBeNull()
    expect(releaseVersion('0.0.0')).toBeNull()
    expect(releaseVersion(undefined)).toBeNull()
    expect(releaseVersion('dev')).toBeNull()
  })

  test('releaseFamily: the newest surface present decides', () => {
    expect(releaseFamily(base)).toBe('v1.2')
    expect(releaseFamily({ ...base, versionView: true, allocatedStake: true, burnableShares: true })).toBe(
      'v1.3-v1.4',
    )
    expect(releaseFamily({ ...base, allocatedStake: true, redistribution: true })).toBe('v1.5-v1.8')
    expect(releaseFamily({ ...base, redistribution: true, allocationManagerView: true })).toBe('v1.9+')
  })

  // ABI tests (not chain-tested for v1.12): each probe is a view of the release that has it, with
  // the same selector, and absent from the release that must fail it.
  const probe = {
    version: 'function version() view returns (string)',
    getAllocatedStake: 'function getAllocatedStake((address,uint32),address[],address[])',
    getBurnableShares: 'function getBurnableShares(address)',
    isRedistributingOperatorSet: 'function isRedistributingOperatorSet((address,uint32))',
    viewImplementation: 'function viewImplementation()',
    encumberedMagnitude: 'function encumberedMagnitude(address,address)',
    getEncumberedMagnitude: 'function getEncumberedMagnitude(address,address)',
  }
  const sel = (sig: string) => toFunctionSelector(sig.replace(/ view returns.*$/, ''))
  test.each([
    [
      'eigenlayer-v1.2',
      { DelegationManager: [], AllocationManager: ['encumberedMagnitude'], StrategyManager: [] },
    ],
    [
      'eigenlayer',
      {
        DelegationManager: ['version'],
        AllocationManager: ['getAllocatedStake', 'getEncumberedMagnitude'],
        StrategyManager: ['getBurnableShares'],
      },
    ],
    [
      'eigenlayer-v1.12',
      {
        DelegationManager: ['version'],
        AllocationManager: [
          'getAllocatedStake',
          'getEncumberedMagnitude',
          'isRedistributingOperatorSet',
          'viewImplementation',
        ],
        StrategyManager: ['getBurnableShares'],
      },
    ],
  ] as const)('%s reference ABIs: exactly the probes its release answers', (set, present) => {
    const where: Record<keyof typeof probe, 'DelegationManager' | 'AllocationManager' | 'StrategyManager'> = {
      version: 'DelegationManager',
      getAllocatedStake: 'AllocationManager',
      getEncumberedMagnitude: 'AllocationManager',
      encumberedMagnitude: 'AllocationManager',
      isRedistributingOperatorSet: 'AllocationManager',
      viewImplementation: 'AllocationManager',
      getBurnableShares: 'StrategyManager',
    }
    for (const [name, contract] of Object.entries(where) as [keyof typeof probe, keyof typeof present][]) {
      const has = selectors(abiOf(set, contract)).has(sel(probe[name]))
      expect([set, contract, name, has]).toEqual([
        set,
        contract,
        name,
        (present[contract] as readonly string[]).includes(name),
      ])
    }
  })

  // the probe's answers as a v1.12 deployment gives them (not chain-tested: no v1.5+ state here)
  const ok = (result: unknown) => ({ status: 'success' as const, result })
  const reverted = { status: 'failure' as const, error: new Error('execution reverted') }
  test('releaseFromResults: v1.12 answers are v1.9+, with the named version; one view less is v1.5-v1.8', () => {
    expect(releaseReads(devnetDeployment)).toHaveLength(RELEASE_READS)
    const v112 = [
      ok('1.12.0'),
      ok([]),
      ok(0n),
      reverted, // encumberedMagnitude: the v1.2 name is gone
      ok(0n),
      ok(false),
      ok('0x00000000000000000000000000000000000000a1'),
    ]
    expect(releaseFromResults(v112 as never)).toEqual({
      family: 'v1.9+',
      version: '1.12.0',
      features: {
        versionView: true,
        allocatedStake: true,
        encumberedMagnitude: 'getEncumberedMagnitude',
        burnableShares: true,
        redistribution: true,
        allocationManagerView: true,
      },
    })
    const v18 = [...v112.slice(0, 6), reverted]
    expect(releaseFromResults(v18 as never).family).toBe('v1.5-v1.8')
    // a zero view implementation is no split
    const zero = [...v112.slice(0, 6), ok('0x0000000000000000000000000000000000000000')]
    expect(releaseFromResults(zero as never).family).toBe('v1.5-v1.8')
  })
})
