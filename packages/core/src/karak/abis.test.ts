import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Abi, type AbiParameter, parseAbi, toEventSelector, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  karakCoreAbi,
  karakCoreViewsAbi,
  karakTokenErrorsAbi,
  karakVaultAbi,
  karakVaultRevertAbi,
  karakVaultViewsAbi,
  karakVaultWritesAbi,
} from './abis.js'

// The published Karak v2 ABIs (karak-network/karak-rs), read in place from the shared reference.
const here = dirname(fileURLToPath(import.meta.url))
const referenceDir =
  process.env.RESTAKEKIT_REFERENCE_ABI_DIR ?? join(here, '../../../../../shared/reference/abi')
const karakDir = join(referenceDir, 'karak')
const haveReference = existsSync(join(karakDir, 'Core.json'))
if (!haveReference && process.env.CI === 'true') throw new Error(`reference ABIs missing: ${karakDir}`)

function reference(name: string): Abi {
  const json = JSON.parse(readFileSync(join(karakDir, `${name}.json`), 'utf8')) as Abi | { abi: Abi }
  return Array.isArray(json) ? (json as Abi) : (json as { abi: Abi }).abi
}

type Item = Abi[number]
/** The canonical type of a parameter: tuples spelled out, so struct names do not matter. */
const canonical = (p: AbiParameter): string =>
  p.type.startsWith('tuple')
    ? `(${((p as { components: readonly AbiParameter[] }).components ?? []).map(canonical).join(',')})${p.type.slice(5)}`
    : p.type
const params = (list: readonly AbiParameter[] | undefined) => (list ?? []).map(canonical).join(',')
const key = (item: Item) =>
  'name' in item ? `${item.type} ${item.name}(${params(item.inputs as readonly AbiParameter[])})` : item.type
const outputs = (item: Item) => (item.type === 'function' ? params(item.outputs) : '')
const indexed = (item: Item) => (item.type === 'event' ? item.inputs.map((i) => Boolean(i.indexed)) : [])
const names = (item: Item) =>
  'inputs' in item ? (item.inputs as readonly AbiParameter[]).map((i) => i.name ?? '').join(',') : ''

/** Why `item` differs from the reference ABI, or undefined when it matches (name, inputs, outputs, indexed, selector). */
function mismatch(item: Item, ref: Abi): string | undefined {
  const match = ref.find((r) => r.type === item.type && key(r) === key(item))
  if (!match) return `${key(item)} is not in the reference`
  if (outputs(item) !== outputs(match)) return `outputs ${outputs(item)} ≠ ${outputs(match)}`
  if (JSON.stringify(indexed(item)) !== JSON.stringify(indexed(match))) return 'indexed flags differ'
  if (names(item) !== names(match)) return `parameter names ${names(item)} ≠ ${names(match)}`
  if (item.type === 'function') {
    const m = match as typeof item
    if (toFunctionSelector(item) !== toFunctionSelector(m)) return 'selector differs'
    if (item.stateMutability !== m.stateMutability)
      return `mutability ${item.stateMutability} ≠ ${m.stateMutability}`
  }
  if (item.type === 'event' && toEventSelector(item) !== toEventSelector(match as typeof item))
    return 'topic differs'
  return undefined
}

describe.skipIf(!haveReference)('Karak ABI fragments match the published ABIs', () => {
  for (const [contract, abi] of [
    ['Core', karakCoreAbi],
    ['Vault', karakVaultAbi],
  ] as const) {
    const ref = haveReference ? reference(contract) : []
    for (const item of abi as Abi) {
      test(`${contract}: ${key(item)}`, () => {
        expect(mismatch(item, ref)).toBeUndefined()
      })
    }
  }

  test('the check catches wrong outputs, indexed flags, names and mutability', () => {
    const vault = reference('Vault')
    const [wrongOutput, notIndexed, renamed, mutability, missing] = parseAbi([
      'function startRedeem(uint256 shares, address beneficiary) returns (uint256 withdrawalKey)',
      'event Deposit(address by, address owner, uint256 assets, uint256 shares)',
      'function getNextWithdrawNonce(address account) view returns (uint256)',
      'function finishRedeem(bytes32 withdrawalKey) view',
      'function finishRedeem(uint256 withdrawalKey)',
    ])
    expect(mismatch(wrongOutput!, vault)).toMatch(/outputs/)
    expect(mismatch(notIndexed!, vault)).toMatch(/indexed/)
    expect(mismatch(renamed!, vault)).toMatch(/names/)
    expect(mismatch(mutability!, vault)).toMatch(/mutability/)
    expect(mismatch(missing!, vault)).toMatch(/not in the reference/)
  })

  test('the SDK ships the fragments its actions need', () => {
    const fns = (abi: Abi) =>
      abi.filter((i) => i.type === 'function').map((i) => (i as { name: string }).name)
    expect(fns(karakVaultAbi as Abi)).toEqual(
      expect.arrayContaining([
        'deposit',
        'startRedeem',
        'finishRedeem',
        'getQueuedWithdrawal',
        'getNextWithdrawNonce',
      ]),
    )
    expect(fns(karakCoreAbi as Abi)).toEqual(expect.arrayContaining(['getOperatorVaults', 'requestSlashing']))
  })
})

describe('the per-use ABIs are cut from the full ones', () => {
  const keys = (abi: Abi) => abi.map((i) => JSON.stringify(i))
  test('views and writes ABIs hold only items of the full ABI (plus the token errors)', () => {
    const core = keys(karakCoreAbi as Abi)
    const vault = keys([...karakVaultAbi, ...karakTokenErrorsAbi] as Abi)
    for (const k of keys(karakCoreViewsAbi as Abi)) expect(core).toContain(k)
    for (const k of keys(karakVaultViewsAbi as Abi)) expect(vault).toContain(k)
    for (const k of keys(karakVaultWritesAbi as Abi)) expect(vault).toContain(k)
  })
  test('the views ABIs have no writes; the writes ABI has every write, event and error', () => {
    const mutating = (abi: Abi) =>
      abi.filter((i) => i.type === 'function' && !['view', 'pure'].includes(i.stateMutability))
    expect(mutating(karakCoreViewsAbi as Abi)).toEqual([])
    expect(mutating(karakVaultViewsAbi as Abi)).toEqual([])
    const notViews = (karakVaultRevertAbi as Abi).filter(
      (i) => !(i.type === 'function' && ['view', 'pure'].includes(i.stateMutability)),
    )
    expect(keys(karakVaultWritesAbi as Abi).sort()).toEqual(keys(notViews).sort())
    expect(keys(karakVaultRevertAbi as Abi).sort()).toEqual(
      keys([...karakVaultAbi, ...karakTokenErrorsAbi] as Abi).sort(),
    )
  })
})
