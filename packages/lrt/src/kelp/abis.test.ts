// Every fragment the Kelp adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as Kelp's contracts, in both version forms.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/kelp'
import { type Abi, type AbiParameter, getAddress, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  kelpConfigAbi,
  kelpDepositPoolAbi,
  kelpDepositPoolErrorsAbi,
  kelpOracleAbi,
  kelpRsETHAbi,
  kelpWithdrawalManagerAbi,
  kelpWithdrawalManagerErrorsAbi,
  kelpWithdrawalManagerV2024Abi,
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
    [
      'withdrawal manager (v5.1.0)',
      [...kelpWithdrawalManagerAbi, ...kelpWithdrawalManagerErrorsAbi],
      ['LRTWithdrawalManager.json'],
    ],
    [
      'withdrawal manager reads and errors (both forms)',
      [
        ...kelpWithdrawalManagerAbi.filter(
          (f) =>
            !(
              f.type === 'function' &&
              (f.name === 'initiateWithdrawal' || f.name === 'completeWithdrawal')
            ) && !(f.type === 'event' && f.name === 'ReferralIdEmitted'),
        ),
        ...kelpWithdrawalManagerErrorsAbi,
      ],
      ['LRTWithdrawalManager.json', 'LRTWithdrawalManager.v2024-07.json'],
    ],
    ['withdrawal manager (2024-07)', kelpWithdrawalManagerV2024Abi, ['LRTWithdrawalManager.v2024-07.json']],
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
  test('the two forms differ exactly where the fact sheet says (selectors)', () => {
    const sel = (abi: Abi, name: string) =>
      abi.filter((f) => f.type === 'function' && f.name === name).map((f) => toFunctionSelector(f as never))
    expect(sel(kelpWithdrawalManagerAbi, 'initiateWithdrawal')).toEqual(['0xc5a67b01'])
    expect(sel(kelpWithdrawalManagerAbi, 'completeWithdrawal')).toEqual(['0xd3a86833'])
    expect(sel(kelpWithdrawalManagerV2024Abi, 'initiateWithdrawal')).toEqual(['0xc8393ba9'])
    expect(sel(kelpWithdrawalManagerV2024Abi, 'completeWithdrawal')).toEqual(['0x6dbaf9ee'])
    // each reference file has its own form and not the other's
    expect(sel(ref('LRTWithdrawalManager.json'), 'initiateWithdrawal')).toEqual(['0xc5a67b01'])
    expect(sel(ref('LRTWithdrawalManager.v2024-07.json'), 'initiateWithdrawal')).toEqual(['0xc8393ba9'])
  })
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
    'claimWithdrawal',
    'deposit',
    'getApr',
    'getBacking',
    'getExitOptions',
    'getRate',
    'getSupportedAssets',
    'getWithdrawalForm',
    'getWithdrawalRequests',
    'previewDeposit',
    'previewWithdrawal',
    'requestWithdrawal',
    'simulateClaimWithdrawal',
    'simulateDeposit',
    'simulateRequestWithdrawal',
    'waitForClaimWithdrawal',
    'waitForDeposit',
    'waitForRequestWithdrawal',
  ])
  expect(Object.keys(root.kelp.prepare)).toEqual([
    'prepareDeposit',
    'prepareRequestWithdrawal',
    'prepareClaimWithdrawal',
  ])
  expect(subpath.requestWithdrawal).toBe(root.kelp.actions.requestWithdrawal)
  expect(typeof root.getApr).toBe('function')
  expect(subpath.deposit).toBe(root.kelp.actions.deposit)
})
