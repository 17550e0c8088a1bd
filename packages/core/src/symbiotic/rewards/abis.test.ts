// The rewards ABI fragments against the ABIs compiled in npm `@symbioticfi/rewards@2.0.0`
// (`out/<Name>.sol/<Name>.json`, read from the installed package through the devnet).
import { symbioticRewardsArtifact } from '@restakekit/devnet'
import type { Abi, AbiParameter } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticOperatorRewardsAbi, symbioticStakerRewardsAbi } from './abis.js'

const canon = (p: AbiParameter): string =>
  p.type.startsWith('tuple')
    ? `(${(p as { components: readonly AbiParameter[] }).components.map(canon).join(',')})${p.type.slice(5)}`
    : p.type
type Item = Abi[number]
const key = (x: Item) =>
  'name' in x && 'inputs' in x ? `${x.type} ${x.name}(${x.inputs.map(canon).join(',')})` : x.type
const shape = (x: Item) =>
  x.type === 'function'
    ? `${x.outputs.map(canon).join(',')} ${x.stateMutability}`
    : x.type === 'event'
      ? x.inputs.map((i) => !!i.indexed).join(',')
      : ''

describe('Symbiotic rewards ABI fragments match @symbioticfi/rewards 2.0.0', () => {
  for (const [name, ours] of [
    ['DefaultStakerRewards', symbioticStakerRewardsAbi],
    ['DefaultOperatorRewards', symbioticOperatorRewardsAbi],
  ] as const) {
    test(name, () => {
      const theirs = new Map(symbioticRewardsArtifact(name).abi.map((x) => [key(x), shape(x)]))
      const items = (ours as Abi).filter((x) => x.type !== 'error' || !x.name.startsWith('ERC20'))
      expect(items.length).toBeGreaterThan(5)
      for (const x of items) {
        expect(theirs.has(key(x)), `${name} has ${key(x)}`).toBe(true)
        expect(theirs.get(key(x)), key(x)).toBe(shape(x))
      }
    })
  }
})
