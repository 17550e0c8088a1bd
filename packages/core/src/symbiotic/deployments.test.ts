import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { symbioticCorePackageDir } from '@restakekit/devnet'
import { createPublicClient, getAddress, http, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { ChainMismatchError, UnsupportedChainError } from '../errors.js'
import { type SymbioticDeployment, symbioticDeployments } from './deployments.js'
import { symbioticDeployment } from './internal.js'

const chainIds = { 1: 'mainnet', 11155111: 'sepolia', 560048: 'hoodi' } as const
/** Listed by the package, left out here: the retired Holesky. */
const retired = [17000]

/** The `Core({...})` literals of SymbioticCoreConstants.sol in the installed npm package, by chain id. */
function constantsFromPackage(): Record<number, Record<string, string>> {
  const source = readFileSync(
    join(symbioticCorePackageDir(), 'test', 'integration', 'SymbioticCoreConstants.sol'),
    'utf8',
  )
  const core = source.slice(source.indexOf('function core()'), source.indexOf('function token('))
  const out: Record<number, Record<string, string>> = {}
  const blocks = core.split(/block\.chainid == /).slice(1)
  for (const block of blocks) {
    const id = Number(block.match(/^([\d_]+)/)![1]!.replaceAll('_', ''))
    const fields: Record<string, string> = {}
    for (const m of block.matchAll(/(\w+):\s*\w+\(\s*(0x[0-9a-fA-F]{40}|address\(0\))\s*\)/g))
      fields[m[1]!] = m[2] === 'address(0)' ? zeroAddress : m[2]!
    out[id] = fields
  }
  return out
}

describe('symbioticDeployments', () => {
  test('every address is checksummed', () => {
    for (const dep of Object.values(symbioticDeployments)) {
      for (const [key, value] of Object.entries(dep)) {
        if (key === 'chainId') continue
        expect(getAddress(value as string), key).toBe(value)
      }
    }
  })

  test('equal to SymbioticCoreConstants.sol of @symbioticfi/core 1.0.3, for mainnet, Sepolia, Hoodi (Holesky left out)', () => {
    const constants = constantsFromPackage()
    expect(Object.keys(constants).map(Number).sort()).toEqual(
      [...Object.keys(chainIds).map(Number), ...retired].sort(),
    )
    expect(Object.keys(symbioticDeployments).map(Number).sort()).toEqual(
      Object.keys(chainIds).map(Number).sort(),
    )
    for (const id of Object.keys(chainIds).map(Number)) {
      const ours = symbioticDeployments[id as keyof typeof symbioticDeployments] as SymbioticDeployment
      expect(ours.chainId).toBe(id)
      const theirs = constants[id]!
      expect(Object.keys(theirs)).toHaveLength(11)
      for (const [key, value] of Object.entries(theirs)) {
        const mine = (ours as Record<string, unknown>)[key]
        if (value === zeroAddress) expect(mine, `${id} ${key}`).toBeUndefined()
        else expect(mine, `${id} ${key}`).toBe(getAddress(value))
      }
    }
  })

  test('resolution: known chain, own deployment, unknown chain, mismatch', () => {
    const client = (id: number) =>
      createPublicClient({
        chain: {
          id,
          name: 'x',
          nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 },
          rpcUrls: { default: { http: ['http://127.0.0.1:1'] } },
        },
        transport: http('http://127.0.0.1:1'),
      })
    expect(symbioticDeployment(client(1)).vaultFactory).toBe('0xAEb6bdd95c502390db8f52c8909F703E9Af6a346')
    expect(() => symbioticDeployment(client(31337))).toThrow(UnsupportedChainError)
    const own = { ...symbioticDeployments[11155111], chainId: 31337 }
    expect(symbioticDeployment(client(31337), own)).toBe(own)
    expect(() => symbioticDeployment(client(1), own)).toThrow(ChainMismatchError)
  })
})
