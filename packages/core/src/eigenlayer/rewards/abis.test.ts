// The rewards claim fragments against the reference RewardsCoordinator ABIs, read in place: the
// v1.3/1.4 release (../shared/reference/abi/eigenlayer) and v1.12.0 (mainnet). The v1.2 reference set
// has no RewardsCoordinator file; the v1.2 state is covered by the chain tests (same calls, real bytecode).
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { type Abi, type AbiParameter, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { rewardsClaimsAbi, rewardsStateAbi, rewardsUpdaterAbi } from '../abis.js'

const here = dirname(fileURLToPath(import.meta.url))
const refRoot = resolve(here, '..', '..', '..', '..', '..', '..', 'shared', 'reference', 'abi')
const releases = ['eigenlayer', 'eigenlayer-v1.12'] as const

function load(release: string): Abi {
  const json = JSON.parse(readFileSync(join(refRoot, release, 'RewardsCoordinator.json'), 'utf8')) as
    | Abi
    | { abi: Abi }
  return Array.isArray(json) ? json : (json as { abi: Abi }).abi
}

const canon = (p: AbiParameter): string =>
  p.type.startsWith('tuple')
    ? `(${(p as { components: readonly AbiParameter[] }).components.map(canon).join(',')})${p.type.slice(5)}`
    : p.type

type Item = Abi[number]
const signature = (x: Item) =>
  'name' in x && 'inputs' in x ? `${x.name}(${x.inputs.map(canon).join(',')})` : x.type
const outputs = (x: Item) => (x.type === 'function' ? x.outputs.map(canon).join(',') : '')
const indexed = (x: Item) => (x.type === 'event' ? x.inputs.map((i) => !!i.indexed).join(',') : '')

const ours = [...rewardsClaimsAbi, ...rewardsUpdaterAbi, ...rewardsStateAbi].filter(
  (x) => x.type === 'function' || x.type === 'event' || x.type === 'error',
)

describe.skipIf(!existsSync(join(refRoot, 'eigenlayer', 'RewardsCoordinator.json')))(
  'rewards ABI fragments match the reference RewardsCoordinator',
  () => {
    for (const release of releases) {
      test(`${release}: every fragment exists with the same inputs, outputs, mutability and indexing`, () => {
        const theirs = load(release)
        const problems: string[] = []
        for (const item of ours) {
          const match = theirs.find((t) => t.type === item.type && signature(t) === signature(item))
          if (!match) {
            problems.push(`missing ${item.type} ${signature(item)}`)
            continue
          }
          if (outputs(match) !== outputs(item)) problems.push(`${signature(item)}: outputs differ`)
          if (indexed(match) !== indexed(item)) problems.push(`${signature(item)}: indexing differs`)
          if (
            item.type === 'function' &&
            match.type === 'function' &&
            item.stateMutability !== match.stateMutability
          )
            problems.push(`${signature(item)}: mutability differs`)
        }
        expect(problems).toEqual([])
      })
    }

    test('processClaim encodes to the selector the v1.2 contract accepted in the chain tests', () => {
      const claim = '(uint32,uint32,bytes,(address,bytes32),uint32[],bytes[],(address,uint256)[])'
      expect(toFunctionSelector(`processClaim(${claim},address)`)).toBe('0x3ccc861d')
    })
  },
)
