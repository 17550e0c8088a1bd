// Every fragment the Renzo adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as Renzo's contracts, in both WithdrawQueue forms.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/renzo'
import {
  type Abi,
  type AbiEvent,
  type AbiParameter,
  getAddress,
  toEventSelector,
  toFunctionSelector,
} from 'viem'
import { describe, expect, test } from 'vitest'
import {
  renzoEzETHAbi,
  renzoOracleAbi,
  renzoRestakeManagerAbi,
  renzoRestakeManagerErrorsAbi,
  renzoWithdrawQueueAbi,
  renzoWithdrawQueueErrorsAbi,
  renzoWithdrawQueueV17Abi,
} from './abis.js'
import { renzoDeployments } from './deployments.js'

const ref = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../shared/reference/abi/lrt/renzo/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const type = (p: AbiParameter): string =>
  'components' in p && p.components ? `(${p.components.map(type).join(',')})${p.type.slice(5)}` : p.type
const types = (ps: readonly AbiParameter[]) => ps.map(type).join(',')
const sig = (f: Abi[number]) => {
  if (f.type === 'function') return `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}`
  if (f.type === 'event')
    return `event ${f.name}(${f.inputs.map((i) => `${type(i)}${i.indexed ? ' indexed' : ''}`).join(',')})`
  if (f.type === 'error') return `error ${f.name}(${types(f.inputs)})`
  return ''
}

describe('renzo ABIs equal the reference ABIs', () => {
  const cases: [string, Abi, string][] = [
    ['restake manager', [...renzoRestakeManagerAbi, ...renzoRestakeManagerErrorsAbi], 'RestakeManager.json'],
    ['oracle', renzoOracleAbi, 'RenzoOracle.json'],
    ['ezETH', renzoEzETHAbi, 'EzEthToken.json'],
    [
      'withdraw queue (HEAD)',
      [...renzoWithdrawQueueAbi, ...renzoWithdrawQueueErrorsAbi],
      'WithdrawQueue.json',
    ],
    ['withdraw queue (v1.7)', renzoWithdrawQueueV17Abi, 'WithdrawQueue.v1.7.json'],
  ]
  for (const [name, abi, file] of cases) {
    test(`${name} ⊂ ${file}`, () => {
      const reference = new Set(ref(file).map(sig))
      expect(abi.map(sig).filter((s) => !reference.has(s))).toEqual([])
    })
  }
  test('the v1.7 and HEAD forms differ where the README says: claim and WithdrawRequestCreated', () => {
    const head = ref('WithdrawQueue.json').map(sig)
    const v17 = ref('WithdrawQueue.v1.7.json').map(sig)
    expect(head).toContain('function claim(uint256,address):')
    expect(head).not.toContain('function claim(uint256):')
    expect(v17).toContain('function claim(uint256):')
    expect(v17).not.toContain('function claim(uint256,address):')
    expect(toFunctionSelector('claim(uint256,address)')).toBe('0xddd5e1b2')
    expect(toFunctionSelector('claim(uint256)')).toBe('0x379607f5')
    const created = (abi: Abi) =>
      abi.find((f) => f.type === 'event' && f.name === 'WithdrawRequestCreated') as AbiEvent
    expect(toEventSelector(created(renzoWithdrawQueueAbi)).slice(0, 10)).toBe('0x600d0955')
    expect(toEventSelector(created(renzoWithdrawQueueV17Abi)).slice(0, 10)).toBe('0x841b0903')
    // the staker calls the adapter sends have the fact sheet's selectors
    expect(toFunctionSelector('depositETH()')).toBe('0xf6326fb3')
    expect(toFunctionSelector('deposit(address,uint256)')).toBe('0x47e7ef24')
    expect(toFunctionSelector('withdraw(uint256,address)')).toBe('0x00f714ce')
    expect(toFunctionSelector('calculateTVLs()')).toBe('0xff9969cd')
  })
  test('mainnet addresses are checksummed, and marked unconfirmed (Renzo’s repository has no address list)', () => {
    for (const [key, value] of Object.entries(renzoDeployments[1])) {
      if (typeof value === 'string') expect(getAddress(value), key).toBe(value)
    }
    expect(renzoDeployments[1].unconfirmed).toBe(true)
  })
})

test('the module is exported from the root and the ./renzo subpath, with the glossary verbs', () => {
  expect(root.renzo).toBe(subpath.renzo)
  expect(root.renzo.id).toBe('renzo')
  expect(Object.keys(root.renzo.actions).sort()).toEqual([
    'claimWithdrawal',
    'claimWithdrawals',
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
  expect(Object.keys(root.renzo.prepare)).toEqual([
    'prepareDeposit',
    'prepareRequestWithdrawal',
    'prepareClaimWithdrawal',
  ])
  expect(subpath.deposit).toBe(root.renzo.actions.deposit)
  expect(root.RenzoQueuedWithdrawalNotFilledError).toBe(subpath.RenzoQueuedWithdrawalNotFilledError)
})
