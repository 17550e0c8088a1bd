import { type SymbioticCoreContract, symbioticCoreBytecode } from '@restakekit/devnet'
import { type Abi, toEventSelector, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  symbioticDelegatorAdminAbi,
  symbioticEntityRegistryAbi,
  symbioticMiddlewareServiceAbi,
  symbioticOptInAbi,
  symbioticSlashingAbi,
  symbioticVaultClockAbi,
} from './abis.js'

// Every function and event of the fragments must appear in the creation bytecode that the npm
// package @symbioticfi/core@1.0.3 ships (the bytecode the devnet deploys): a function selector as a
// PUSH operand (the dispatcher), an event topic as a PUSH operand. A misspelt signature fails.
// Error selectors are not always literal in the optimised code: the chain tests decode each error
// the SDK maps from a real revert instead.
const checks: [string, Abi, SymbioticCoreContract[]][] = [
  ['registries', symbioticEntityRegistryAbi, ['networkRegistry', 'operatorRegistry']],
  ['NetworkMiddlewareService', symbioticMiddlewareServiceAbi, ['networkMiddlewareService']],
  ['OptInService', symbioticOptInAbi, ['optInService']],
  [
    'delegators',
    symbioticDelegatorAdminAbi,
    [
      'networkRestakeDelegator',
      'fullRestakeDelegator',
      'operatorSpecificDelegator',
      'operatorNetworkSpecificDelegator',
    ],
  ],
  ['slashers', symbioticSlashingAbi, ['slasher', 'vetoSlasher']],
  ['Vault', symbioticVaultClockAbi, ['vault']],
]

/** The PUSHn instruction that puts `hex` on the stack (leading zero bytes dropped, as solc does). */
function push(hex: string): string {
  let v = hex.slice(2)
  while (v.startsWith('00')) v = v.slice(2)
  return (0x5f + v.length / 2).toString(16) + v
}

describe('Symbiotic network-side ABI fragments against the npm bytecode', () => {
  const code = symbioticCoreBytecode()
  for (const [label, abi, contracts] of checks) {
    test(label, () => {
      const bytecode = contracts.map((c) => code[c].toLowerCase()).join('')
      const missing: string[] = []
      for (const item of abi) {
        if (item.type === 'function') {
          if (!bytecode.includes(push(toFunctionSelector(item)))) missing.push(`function ${item.name}`)
        } else if (item.type === 'event') {
          if (!bytecode.includes(push(toEventSelector(item)))) missing.push(`event ${item.name}`)
        }
      }
      expect(missing).toEqual([])
    })
  }

  test('a misspelt signature is caught', () => {
    const bytecode = code.vetoSlasher.toLowerCase()
    expect(bytecode.includes(push(toFunctionSelector('vetoSlash(uint256,bytes)')))).toBe(true)
    expect(bytecode.includes(push(toFunctionSelector('vetoSlash(uint256)')))).toBe(false)
  })
})
