// The shared backing read's EigenLayer fragments equal the reference ABIs' (DelegationManager and
// IStrategy, in the slashing release the devnet runs and the latest), and its paging is checked
// before any read.
import { readFileSync } from 'node:fs'
import { InvalidParameterError } from '@restakekit/core'
import * as root from '@restakekit/lrt'
import type { Abi, AbiParameter } from 'viem'
import { describe, expect, test } from 'vitest'
import { backingPage, eigenlayerBackingAbi } from './backing.js'
import { etherfiEigenLayerAbi } from './etherfi/abis.js'
import { eigenlayerBackingAbi as kelpAbi } from './kelp/abis.js'
import { eigenlayerBackingAbi as renzoAbi } from './renzo/abis.js'

const ref = (dir: string, file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../shared/reference/abi/${dir}/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const types = (ps: readonly AbiParameter[]) => ps.map((p) => p.type).join(',')
const sig = (f: Abi[number]) =>
  f.type === 'function' ? `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}` : ''

describe('backing', () => {
  const dm = eigenlayerBackingAbi.filter((f) => f.name !== 'sharesToUnderlyingView')
  const strategy = eigenlayerBackingAbi.filter((f) => f.name === 'sharesToUnderlyingView')
  test.each(['eigenlayer-v1.2', 'eigenlayer', 'eigenlayer-v1.12'])(
    'the DelegationManager reads are the reference ABI’s (%s)',
    (dir) => {
      const reference = new Set(ref(dir, 'DelegationManager.json').map(sig))
      for (const f of dm) expect(reference.has(sig(f)), sig(f)).toBe(true)
    },
  )
  test.each(['eigenlayer', 'eigenlayer-v1.12'])(
    'the strategy read is the reference IStrategy’s (%s)',
    (dir) => {
      const reference = new Set(ref(dir, 'IStrategy.json').map(sig))
      expect(strategy).toHaveLength(1)
      for (const f of strategy) expect(reference.has(sig(f)), sig(f)).toBe(true)
    },
  )
  test('one definition: the adapters’ backing ABIs are the shared one, and the root exports the read', () => {
    expect(kelpAbi).toBe(eigenlayerBackingAbi)
    expect(renzoAbi).toBe(eigenlayerBackingAbi)
    expect(etherfiEigenLayerAbi).toBe(eigenlayerBackingAbi)
    expect(root.readEigenLayerBacking).toBeTypeOf('function')
    expect(root.backingStages).toBeTypeOf('function')
  })
  test('paging: defaults 0 and 100; a negative, fractional or zero value is a typed error', () => {
    expect(backingPage({})).toEqual({ offset: 0, limit: 100 })
    expect(backingPage({ offset: 3, limit: 1 })).toEqual({ offset: 3, limit: 1 })
    for (const bad of [{ offset: -1 }, { offset: 0.5 }, { limit: 0 }, { limit: Number.NaN }])
      expect(() => backingPage(bad)).toThrow(InvalidParameterError)
  })
})
