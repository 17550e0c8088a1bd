// Every ABI fragment the SDK ships is checked against the reference ABIs, read in place:
// ../shared/reference/abi/eigenlayer-v1.2 (the devnet's default state), ../shared/reference/abi/eigenlayer
// (the v1.3/1.4 release: the devnet's v1.3.0 state) and ../shared/reference/abi/eigenlayer-v1.12
// (mainnet). Errors are matched in any contract of a release (a call reverts with the error of the
// contract it reaches: a strategy's error through the StrategyManager).
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Abi, type AbiParameter, keccak256, toBytes } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  allocationManagerAbi,
  allocationManagerStakerAbi,
  delegationManagerAbi,
  delegationManagerViewsAbi,
  delegationWritesAbi,
  depositWithSignatureWriteAbi,
  depositWriteAbi,
  eigenlayerStrategyAbi,
  eigenlayerStrategyFactoryAbi,
  eigenlayerVersionAbi,
  eigenPodAbi,
  eigenPodManagerAbi,
  eigenPodManagerViewsAbi,
  rewardsCoordinatorAbi,
  strategyManagerAbi,
  withdrawalWritesAbi,
} from './abis.js'

const here = dirname(fileURLToPath(import.meta.url))
const refRoot = resolve(here, '..', '..', '..', '..', '..', 'shared', 'reference', 'abi')
const releases = {
  'v1.2': join(refRoot, 'eigenlayer-v1.2'),
  'v1.3+': join(refRoot, 'eigenlayer'),
  'v1.12': join(refRoot, 'eigenlayer-v1.12'),
} as const
type Release = keyof typeof releases

function load(release: Release, contract: string): Abi | undefined {
  const file = join(releases[release], `${contract}.json`)
  if (!existsSync(file)) return undefined
  const json = JSON.parse(readFileSync(file, 'utf8')) as Abi | { abi: Abi }
  return Array.isArray(json) ? json : (json as { abi: Abi }).abi
}

const hasFile = (r: Release, contract: string) => existsSync(join(releases[r], `${contract}.json`))

/** Every error of every contract of a release. */
function errorsOf(release: Release): Item[] {
  return readdirSync(releases[release])
    .filter((f) => f.endsWith('.json'))
    .flatMap((f) => load(release, f.replace(/\.json$/, '')) ?? [])
    .filter((x) => x.type === 'error')
}

/** Where a fragment is looked up: its contract (the AllocationManager's views also in AllocationManagerView). */
function candidates(release: Release, contract: string, item: Item): Item[] {
  if (item.type === 'error') return errorsOf(release)
  const own = load(release, contract) ?? []
  const view = contract === 'AllocationManager' ? (load(release, 'AllocationManagerView') ?? []) : []
  return [...own, ...view]
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
  { contract: 'EigenPodManager', abi: eigenPodManagerAbi },
  { contract: 'EigenPod', abi: eigenPodAbi },
  { contract: 'StrategyManager', abi: eigenlayerVersionAbi },
  { contract: 'StrategyFactory', abi: eigenlayerStrategyFactoryAbi },
  { contract: 'RewardsCoordinator', abi: rewardsCoordinatorAbi },
  // the per-write ABIs (built from the same fragments; checked in their own right)
  { contract: 'DelegationManager', abi: delegationWritesAbi },
  { contract: 'DelegationManager', abi: withdrawalWritesAbi },
  { contract: 'StrategyManager', abi: depositWriteAbi },
  { contract: 'StrategyManager', abi: depositWithSignatureWriteAbi },
  // the per-read ABIs (views only)
  { contract: 'DelegationManager', abi: delegationManagerViewsAbi },
  { contract: 'AllocationManager', abi: allocationManagerStakerAbi },
  { contract: 'EigenPodManager', abi: eigenPodManagerViewsAbi },
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
          const candidate = candidates(release, contract, item).find((r) => key(r) === key(item))
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

  test('fragments missing from a release are exactly these', () => {
    const missing = (r: Release) =>
      Object.entries(foundIn)
        .filter(([k, w]) => !w.includes(r) && hasFile(r, k.split('.')[0]!))
        .map(([k]) => k)
        .sort()
    expect({ 'v1.2': missing('v1.2'), 'v1.3+': missing('v1.3+'), 'v1.12': missing('v1.12') }).toEqual(
      EXPECTED_MISSING,
    )
  })

  test('v1.9+ split (not chain-tested): every AllocationManager view the SDK reads is in the v1.12 proxy ABI and in AllocationManagerView', () => {
    // the views run in AllocationManagerView by delegation from the proxy (on the proxy's storage),
    // so the SDK reads them at the AllocationManager address on every release
    const proxy = new Set((load('v1.12', 'AllocationManager') ?? []).map((x) => key(x)))
    const view = new Set((load('v1.12', 'AllocationManagerView') ?? []).map((x) => key(x)))
    const views = allocationManagerAbi
      .filter((x) => x.type === 'function' && (x.stateMutability === 'view' || x.stateMutability === 'pure'))
      .map((x) => key(x))
      .filter((k) => k !== 'function encumberedMagnitude(address,address)') // v1.2 name, gone at v1.12
    expect(views.length).toBeGreaterThan(10)
    expect(views.filter((k) => !proxy.has(k))).toEqual([])
    // the split contract's own getter is the proxy's; every other view is also the view contract's
    expect(views.filter((k) => !view.has(k))).toEqual(['function viewImplementation()'])
  })

  test('both Deposit event forms are shipped, with the documented topics', () => {
    const deposits = strategyManagerAbi.filter((x) => x.type === 'event' && x.name === 'Deposit')
    expect(deposits.map((d) => selector(d).slice(0, 10)).sort()).toEqual(['0x5548c837', '0x7cfff908'].sort())
  })
})

// v1.2 and v1.3+ reference sets hold only the core contracts (no IStrategy/EigenPod/factory file
// for v1.2; no EigenPod, EigenPodManager or StrategyFactory file for v1.3+): their fragments are
// "missing" there for want of a file, and are checked against v1.12 (and the devnet bytecode).
const EXPECTED_MISSING: Record<Release, string[]> = {
  // v1.2: the v1.3+ views (probed, with fallbacks), the v1.3 Deposit event and burnable shares, redistribution (v1.5+), the split view contract (v1.9+), strategy and vault errors (no StrategyBase file for v1.2)
  'v1.2': [
    'AllocationManager.function getAllocatedStake((address,uint32),address[],address[])',
    'AllocationManager.function getEncumberedMagnitude(address,address)',
    'AllocationManager.function getRedistributionRecipient((address,uint32))',
    'AllocationManager.function isOperatorSlashable(address,(address,uint32))',
    'AllocationManager.function isRedistributingOperatorSet((address,uint32))',
    'AllocationManager.function viewImplementation()',
    'DelegationManager.error MustBeDelegatedToVaultOperator()',
    'DelegationManager.error WithdrawalAmountExceedsTotalDeposits()',
    'DelegationManager.error WithdrawalsLockedDuringAllocations()',
    'StrategyManager.error BalanceExceedsMaxTotalDeposits()',
    'StrategyManager.error DepositExceedsMaxPerDeposit()',
    'StrategyManager.error DepositsLocked()',
    'StrategyManager.error MaxPerDepositExceedsMax()',
    'StrategyManager.error MustBeDelegatedToVaultOperator()',
    'StrategyManager.error NewSharesZero()',
    'StrategyManager.error OnlyUnderlyingToken()',
    'StrategyManager.error TotalSharesExceedsMax()',
    'StrategyManager.event BurnOrRedistributableSharesDecreased((address,uint32),uint256,address,uint256)',
    'StrategyManager.event BurnOrRedistributableSharesIncreased((address,uint32),uint256,address,uint256)',
    'StrategyManager.event BurnableSharesDecreased(address,uint256)',
    'StrategyManager.event BurnableSharesIncreased(address,uint256)',
    'StrategyManager.event Deposit(address,address,uint256)',
    'StrategyManager.function burnShares(address)',
    'StrategyManager.function clearBurnOrRedistributableShares((address,uint32),uint256)',
    'StrategyManager.function clearBurnOrRedistributableSharesByStrategy((address,uint32),uint256,address)',
    'StrategyManager.function getBurnOrRedistributableCount((address,uint32),uint256)',
    'StrategyManager.function getBurnOrRedistributableShares((address,uint32),uint256)',
    'StrategyManager.function getBurnOrRedistributableShares((address,uint32),uint256,address)',
    'StrategyManager.function getBurnableShares(address)',
    'StrategyManager.function getStrategiesWithBurnableShares()',
    'StrategyManager.function version()',
  ],
  // v1.3/1.4: the v1.2 Deposit event and getter name; redistribution (v1.5+), AllocationManagerView (v1.9+) and DurationVaultStrategy (v1.12) forms
  'v1.3+': [
    'AllocationManager.function encumberedMagnitude(address,address)',
    'AllocationManager.function getRedistributionRecipient((address,uint32))',
    'AllocationManager.function isRedistributingOperatorSet((address,uint32))',
    'AllocationManager.function viewImplementation()',
    'DelegationManager.error MustBeDelegatedToVaultOperator()',
    'DelegationManager.error WithdrawalsLockedDuringAllocations()',
    'StrategyManager.error DepositExceedsMaxPerDeposit()',
    'StrategyManager.error DepositsLocked()',
    'StrategyManager.error MustBeDelegatedToVaultOperator()',
    'StrategyManager.event BurnOrRedistributableSharesDecreased((address,uint32),uint256,address,uint256)',
    'StrategyManager.event BurnOrRedistributableSharesIncreased((address,uint32),uint256,address,uint256)',
    'StrategyManager.event Deposit(address,address,address,uint256)',
    'StrategyManager.function clearBurnOrRedistributableShares((address,uint32),uint256)',
    'StrategyManager.function clearBurnOrRedistributableSharesByStrategy((address,uint32),uint256,address)',
    'StrategyManager.function getBurnOrRedistributableCount((address,uint32),uint256)',
    'StrategyManager.function getBurnOrRedistributableShares((address,uint32),uint256)',
    'StrategyManager.function getBurnOrRedistributableShares((address,uint32),uint256,address)',
  ],
  // v1.12 (mainnet): only the pre-v1.3 forms and the v1.3/1.4 BurnableSharesIncreased event are gone
  'v1.12': [
    'AllocationManager.function encumberedMagnitude(address,address)',
    'StrategyManager.event BurnableSharesIncreased(address,uint256)',
    'StrategyManager.event Deposit(address,address,address,uint256)',
  ],
}
