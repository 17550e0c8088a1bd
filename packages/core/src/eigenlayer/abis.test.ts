// Every ABI fragment the SDK ships is checked against the reference ABIs, read in place:
// ../shared/reference/abi/eigenlayer-v1.2 (exactly what the devnet fixture runs) and
// ../shared/reference/abi/eigenlayer (the v1.3/1.4 release).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Abi, type AbiParameter, keccak256, toBytes } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  allocationManagerAbi,
  delegationManagerAbi,
  eigenlayerStrategyAbi,
  eigenlayerStrategyFactoryAbi,
  eigenPodManagerAbi,
  strategyManagerAbi,
} from './abis.js'

const here = dirname(fileURLToPath(import.meta.url))
const refRoot = resolve(here, '..', '..', '..', '..', '..', 'shared', 'reference', 'abi')
const releases = { 'v1.2': join(refRoot, 'eigenlayer-v1.2'), 'v1.3+': join(refRoot, 'eigenlayer') } as const
type Release = keyof typeof releases

function load(release: Release, contract: string): Abi | undefined {
  const file = join(releases[release], `${contract}.json`)
  if (!existsSync(file)) return undefined
  const json = JSON.parse(readFileSync(file, 'utf8')) as Abi | { abi: Abi }
  return Array.isArray(json) ? json : (json as { abi: Abi }).abi
}

/** Canonical type of a parameter, tuples expanded. */
function canon(p: AbiParameter): string {
  if (p.type.startsWith('tuple')) {
    const components = (p as { components: readonly AbiParameter[] }).components
    return `(${components.map(canon).join(',')})${p.type.slice(5)}`
  }
  return p.type
}

type Item = Abi[number]
const key = (x: Item) =>
  'name' in x ? `${x.type} ${x.name}(${('inputs' in x ? x.inputs : []).map(canon).join(',')})` : x.type

/** The canonical signature's keccak: topic0 for events, the 4-byte selector otherwise. */
function selector(x: Item): string {
  if (!('name' in x) || !('inputs' in x)) return x.type
  const hash = keccak256(toBytes(`${x.name}(${x.inputs.map(canon).join(',')})`))
  return x.type === 'event' ? hash : hash.slice(0, 10)
}

function matches(ours: Item, theirs: Item): string | undefined {
  if (key(ours) !== key(theirs)) return 'signature'
  if (ours.type === 'function' && theirs.type === 'function') {
    if (ours.outputs.map(canon).join(',') !== theirs.outputs.map(canon).join(',')) return 'outputs'
    if (ours.stateMutability !== theirs.stateMutability) return 'stateMutability'
  }
  if (ours.type === 'event' && theirs.type === 'event') {
    const a = ours.inputs.map((i) => !!i.indexed).join(',')
    const b = theirs.inputs.map((i) => !!i.indexed).join(',')
    if (a !== b) return 'indexed'
  }
  if (
    (ours.type === 'function' || ours.type === 'event' || ours.type === 'error') &&
    selector(ours) !== selector(theirs)
  )
    return 'selector'
  return undefined
}

const shipped: { contract: string; abi: Abi }[] = [
  { contract: 'DelegationManager', abi: delegationManagerAbi },
  { contract: 'StrategyManager', abi: strategyManagerAbi },
  { contract: 'AllocationManager', abi: allocationManagerAbi },
  { contract: 'IStrategy', abi: eigenlayerStrategyAbi },
]

describe.skipIf(!existsSync(refRoot))('EigenLayer ABI fragments match the reference ABIs', () => {
  const foundIn: Record<string, Release[]> = {}
  for (const { contract, abi } of shipped) {
    for (const item of abi) {
      if (item.type !== 'function' && item.type !== 'event' && item.type !== 'error') continue
      test(`${contract}: ${key(item)}`, () => {
        const where: Release[] = []
        const problems: string[] = []
        for (const release of Object.keys(releases) as Release[]) {
          const ref = load(release, contract)
          const candidate = ref?.find((r) => key(r) === key(item))
          if (!candidate) continue
          const problem = matches(item, candidate)
          if (problem) problems.push(`${release}: ${problem} differs`)
          else where.push(release)
        }
        expect(problems).toEqual([])
        expect(where.length).toBeGreaterThan(0)
        foundIn[`${contract}.${key(item)}`] = where
      })
    }
  }

  test('fragments present in only one release are exactly these', () => {
    const only = (r: Release) =>
      Object.entries(foundIn)
        .filter(([, w]) => w.length === 1 && w[0] === r)
        .map(([k]) => k)
        .sort()
    expect(only('v1.3+')).toEqual(
      [
        'AllocationManager.function getAllocatedStake((address,uint32),address[],address[])',
        'AllocationManager.function getEncumberedMagnitude(address,address)',
        'AllocationManager.function isOperatorSlashable(address,(address,uint32))',
        // IStrategy has no v1.2 reference file; its fragments are unchanged in StrategyBase v1.x
        'IStrategy.function sharesToUnderlyingView(uint256)',
        'IStrategy.function shares(address)',
        'IStrategy.function totalShares()',
        'IStrategy.function underlyingToSharesView(uint256)',
        'IStrategy.function underlyingToken()',
        'IStrategy.function userUnderlyingView(address)',
        'StrategyManager.event Deposit(address,address,uint256)',
      ].sort(),
    )
    expect(only('v1.2')).toEqual(
      [
        'AllocationManager.function encumberedMagnitude(address,address)',
        'StrategyManager.event Deposit(address,address,address,uint256)',
      ].sort(),
    )
  })

  test('both Deposit event forms are shipped, with the documented topics', () => {
    const deposits = strategyManagerAbi.filter((x) => x.type === 'event' && x.name === 'Deposit')
    expect(deposits.map((d) => selector(d).slice(0, 10)).sort()).toEqual(['0x5548c837', '0x7cfff908'].sort())
  })
})

describe('fragments without a reference ABI', () => {
  test('EigenPodManager and StrategyFactory fragments (checked against the devnet bytecode in chain tests)', () => {
    expect(eigenPodManagerAbi.map((x) => x.name)).toEqual([
      'createPod',
      'getPod',
      'hasPod',
      'podOwnerDepositShares',
      'beaconChainSlashingFactor',
      'PodDeployed',
    ])
    expect(eigenlayerStrategyFactoryAbi.map((x) => x.name)).toEqual([
      'deployNewStrategy',
      'deployedStrategies',
    ])
  })
})
