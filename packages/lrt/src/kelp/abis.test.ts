// Every fragment the Kelp adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as Kelp's contracts, in both version forms.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/kelp'
import { type Abi, type AbiParameter, getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  kelpConfigAbi,
  kelpDepositPoolAbi,
  kelpDepositPoolErrorsAbi,
  kelpOracleAbi,
  kelpRsETHAbi,
} from './abis.js'
import { kelpDeployments } from './deployments.js'

const ref = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../shared/reference/abi/lrt/kelp/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const types = (ps: readonly AbiParameter[]) => ps.map((p) => p.type).join(',')
const sig = (f: Abi[number]) => {
  if (f.type === 'function') return `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}`
  if (f.type === 'event')
    return `event ${f.name}(${f.inputs.map((i) => `${i.type}${i.indexed ? ' indexed' : ''}`).join(',')})`
  if (f.type === 'error') return `error ${f.name}(${types(f.inputs)})`
  return ''
}

describe('kelp ABIs equal the reference ABIs', () => {
  const cases: [string, Abi, string[]][] = [
    [
      'deposit pool',
      [...kelpDepositPoolAbi, ...kelpDepositPoolErrorsAbi],
      ['LRTDepositPool.json', 'LRTDepositPool.v2024-07.json'],
    ],
    ['oracle', kelpOracleAbi, ['LRTOracle.json', 'LRTOracle.v2024-07.json']],
    ['config', kelpConfigAbi, ['LRTConfig.json']],
    ['rsETH', kelpRsETHAbi, ['RSETH.json']],
  ]
  for (const [name, abi, files] of cases) {
    for (const file of files) {
      test(`${name} ⊂ ${file}`, () => {
        const reference = new Set(ref(file).map(sig))
        const missing = abi.map(sig).filter((s) => !reference.has(s))
        expect(missing).toEqual([])
      })
    }
  }
  test('mainnet addresses are checksummed', () => {
    for (const [key, value] of Object.entries(kelpDeployments[1])) {
      if (typeof value === 'string') expect(getAddress(value), key).toBe(value)
    }
  })
})

test('the module is exported from the root and the ./kelp subpath, with the glossary verbs', () => {
  expect(root.kelp).toBe(subpath.kelp)
  expect(root.kelp.id).toBe('kelp')
  expect(Object.keys(root.kelp.actions).sort()).toEqual([
    'deposit',
    'getBacking',
    'getRate',
    'getSupportedAssets',
    'previewDeposit',
    'simulateDeposit',
    'waitForDeposit',
  ])
  expect(Object.keys(root.kelp.prepare)).toEqual(['prepareDeposit'])
  expect(subpath.deposit).toBe(root.kelp.actions.deposit)
})
