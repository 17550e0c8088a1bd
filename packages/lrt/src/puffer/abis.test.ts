// Every fragment the Puffer adapter ships equals one of the reference ABI's (same name, input and
// output types, indexed flags): the same selectors as Puffer's contracts, in both vault forms.
import { readFileSync } from 'node:fs'
import * as root from '@restakekit/lrt'
import * as subpath from '@restakekit/lrt/puffer'
import { type Abi, type AbiParameter, getAddress, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  pufferVaultAbi,
  pufferVaultErrorsAbi,
  pufferVaultTreasuryAbi,
  pufferWithdrawalManagerAbi,
  pufferWithdrawalManagerErrorsAbi,
} from './abis.js'
import { pufferDeployments } from './deployments.js'
import { pufferVaultPermitAbi, pufferWithdrawalManagerPermitAbi } from './permit.js'

const ref = (file: string) =>
  JSON.parse(
    readFileSync(new URL(`../../../../../shared/reference/abi/lrt/puffer/${file}`, import.meta.url), 'utf8'),
  ) as Abi
const types = (ps: readonly AbiParameter[]): string =>
  ps
    .map((p) =>
      p.type.startsWith('tuple') && 'components' in p
        ? `(${types(p.components as readonly AbiParameter[])})${p.type.slice(5)}`
        : p.type,
    )
    .join(',')
const sig = (f: Abi[number]) => {
  if (f.type === 'function') return `function ${f.name}(${types(f.inputs)}):${types(f.outputs)}`
  if (f.type === 'event')
    return `event ${f.name}(${f.inputs.map((i) => `${i.type}${i.indexed ? ' indexed' : ''}`).join(',')})`
  if (f.type === 'error') return `error ${f.name}(${types(f.inputs)})`
  return ''
}

describe('puffer ABIs equal the reference ABIs', () => {
  const cases: [string, Abi, string[]][] = [
    [
      'vault (both forms)',
      [...pufferVaultAbi, ...pufferVaultErrorsAbi],
      ['PufferVaultV5.json', 'PufferVaultV5.v1.5.0.json'],
    ],
    ['vault treasury exit fee (v1.6.0+ only)', pufferVaultTreasuryAbi, ['PufferVaultV5.json']],
    [
      'withdrawal manager',
      [...pufferWithdrawalManagerAbi, ...pufferWithdrawalManagerErrorsAbi],
      ['PufferWithdrawalManager.json'],
    ],
  ]
  for (const [name, abi, files] of cases) {
    for (const file of files) {
      test(`${name} ⊂ ${file}`, () => {
        const reference = new Set(ref(file).map(sig))
        expect(abi.length).toBeGreaterThan(1)
        expect(abi.map(sig).filter((s) => !reference.has(s))).toEqual([])
      })
    }
  }
  test('the v1.5.0 vault has no treasury exit fee: the probe’s target selector is absent there', () => {
    const v150 = new Set(ref('PufferVaultV5.v1.5.0.json').map(sig))
    expect(pufferVaultTreasuryAbi.map(sig).filter((s) => v150.has(s))).toEqual([])
  })
  test('mainnet addresses are checksummed', () => {
    for (const [key, value] of Object.entries(pufferDeployments[1])) {
      if (typeof value === 'string') expect(getAddress(value), key).toBe(value)
    }
  })
})

test('the module is exported from the root and the ./puffer subpath, with the glossary verbs', () => {
  expect(root.puffer).toBe(subpath.puffer)
  expect(root.puffer.id).toBe('puffer')
  expect(Object.keys(root.puffer.actions).sort()).toEqual([
    'claimWithdrawal',
    'deposit',
    'getApr',
    'getBacking',
    'getExitOptions',
    'getRate',
    'getSupportedAssets',
    'getWithdrawalRequests',
    'instantExit',
    'previewDeposit',
    'previewWithdrawal',
    'requestWithdrawal',
    'simulateClaimWithdrawal',
    'simulateDeposit',
    'simulateInstantExit',
    'simulateRequestWithdrawal',
    'waitForClaimWithdrawal',
    'waitForDeposit',
    'waitForInstantExit',
    'waitForRequestWithdrawal',
  ])
  expect(Object.keys(root.puffer.prepare).sort()).toEqual([
    'prepareClaimWithdrawal',
    'prepareClaimWithdrawals',
    'prepareDeposit',
    'prepareInstantExit',
    'prepareRequestWithdrawal',
  ])
  expect(subpath.deposit).toBe(root.puffer.actions.deposit)
})

describe('puffer permit fragments equal the reference ABIs: selectors and Permit (deadline first)', () => {
  test('pufETH permit, nonces, DOMAIN_SEPARATOR, eip712Domain and ERC2612 errors ⊂ both vault forms', () => {
    for (const file of ['PufferVaultV5.json', 'PufferVaultV5.v1.5.0.json']) {
      const reference = new Set(ref(file).map(sig))
      expect(pufferVaultPermitAbi.map(sig).filter((s) => !reference.has(s))).toEqual([])
    }
  })
  test('requestWithdrawalWithPermit: the reference selector and its Permit tuple order', () => {
    const reference = ref('PufferWithdrawalManager.json').find(
      (f) => f.type === 'function' && f.name === 'requestWithdrawalWithPermit',
    ) as Extract<Abi[number], { type: 'function' }>
    const ours = pufferWithdrawalManagerPermitAbi.find((f) => f.type === 'function')!
    expect(toFunctionSelector(ours)).toBe(toFunctionSelector(reference))
    const names = (f: { inputs: readonly AbiParameter[] }) =>
      (f.inputs[0] as { components: readonly AbiParameter[] }).components.map((c) => c.name)
    expect(names(ours)).toEqual(['deadline', 'amount', 'v', 'r', 's'])
    expect(names(reference)).toEqual(['deadline', 'amount', 'v', 'r', 's'])
  })
})
