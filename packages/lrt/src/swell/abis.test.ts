// Every fragment the Swell adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as Swell's rswETH contracts.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/swell'
import { type Abi, type AbiParameter, getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  swellAccessControlManagerAbi,
  swellRswETHAbi,
  swellRswETHErrorsAbi,
  swellRswEXITAbi,
  swellRswEXITErrorsAbi,
  swellRswEXITTransferAbi,
} from './abis.js'
import { swellDeployments } from './deployments.js'

const ref = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../shared/reference/abi/lrt/swell/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const types = (ps: readonly AbiParameter[]) => ps.map((p) => p.type).join(',')
const sig = (f: Abi[number]) => {
  if (f.type === 'function') return `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}`
  if (f.type === 'event')
    return `event ${f.name}(${f.inputs.map((i) => `${i.type}${i.indexed ? ' indexed' : ''}`).join(',')})`
  if (f.type === 'error') return `error ${f.name}(${types(f.inputs)})`
  return ''
}

describe('swell ABIs equal the reference ABIs', () => {
  const cases: [string, Abi, string][] = [
    ['rswETH', [...swellRswETHAbi, ...swellRswETHErrorsAbi], 'RswETH.json'],
    ['rswEXIT', [...swellRswEXITAbi, ...swellRswEXITErrorsAbi, ...swellRswEXITTransferAbi], 'RswEXIT.json'],
    ['access control manager', swellAccessControlManagerAbi, 'IAccessControlManager.json'],
  ]
  for (const [name, abi, file] of cases) {
    test(`${name} ⊂ ${file}`, () => {
      const reference = new Set(ref(file).map(sig))
      expect(abi.length).toBeGreaterThan(0)
      expect(abi.map(sig).filter((s) => !reference.has(s))).toEqual([])
    })
  }
  test('mainnet addresses are checksummed, and marked unconfirmed (third-party sources only)', () => {
    for (const [key, value] of Object.entries(swellDeployments[1])) {
      if (typeof value === 'string') expect(getAddress(value), key).toBe(value)
    }
    expect(swellDeployments[1].unconfirmed).toBe(true)
  })
})

test('the module is exported from the root and the ./swell subpath, with the glossary verbs', () => {
  expect(root.swell).toBe(subpath.swell)
  expect(root.swell.id).toBe('swell')
  expect(Object.keys(root.swell.actions).sort()).toEqual([
    'claimWithdrawal',
    'deposit',
    'getApr',
    'getBacking',
    'getExitOptions',
    'getRate',
    'getSupportedAssets',
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
  expect(Object.keys(root.swell.prepare).sort()).toEqual([
    'prepareClaimWithdrawal',
    'prepareClaimWithdrawals',
    'prepareDeposit',
    'prepareRequestWithdrawal',
  ])
  expect(subpath.deposit).toBe(root.swell.actions.deposit)
})
