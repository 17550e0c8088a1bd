import { readFileSync, writeFileSync } from 'node:fs'
import { artifact } from '@restakekit/devnet'
import { type Abi, type AbiParameter, createPublicClient, custom } from 'viem'
import { mainnet } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { getPositions } from './actions/getPositions.js'
import { getVault } from './actions/getVault.js'
import { symbioticDeployments } from './deployments.js'
import { SymbioticLensError } from './errors.js'
import {
  symbioticPositionsLensAbi,
  symbioticPositionsLensBytecode,
  symbioticVaultLensAbi,
  symbioticVaultLensBytecode,
} from './lens.js'

/** Constructor and error signatures with full tuple types (names and key order aside). */
function signatures(abi: Abi): string[] {
  const type = (p: AbiParameter): string => {
    const c = (p as { components?: readonly AbiParameter[] }).components
    return c ? p.type.replace('tuple', `(${c.map(type).join(',')})`) : p.type
  }
  return abi
    .filter((x) => x.type === 'constructor' || x.type === 'error')
    .map((x) => `${x.type} ${'name' in x ? x.name : ''}(${(x.inputs ?? []).map(type).join(',')})`)
    .sort()
}

const lenses = [
  [
    'SymbioticPositionsLens',
    'symbioticPositionsLensBytecode',
    symbioticPositionsLensAbi,
    symbioticPositionsLensBytecode,
  ],
  ['SymbioticVaultLens', 'symbioticVaultLensBytecode', symbioticVaultLensAbi, symbioticVaultLensBytecode],
] as const

describe('lenses', () => {
  test.each(lenses)(
    '%s: the embedded creation code and ABI equal a fresh compile of its source',
    (contract, constant, abi, bytecode) => {
      const compiled = artifact(contract)
      if (process.env.RESTAKEKIT_UPDATE_LENS === '1' && compiled.bytecode !== bytecode) {
        const file = new URL('./lens.ts', import.meta.url)
        const lines: string[] = []
        for (let i = 2; i < compiled.bytecode.length; i += 100)
          lines.push(`  '${compiled.bytecode.slice(i, i + 100)}',`)
        const pattern = new RegExp(`(export const ${constant}: Hex = \`0x\\$\\{\\[\\n)( {2}'[0-9a-f]+',\\n)+`)
        writeFileSync(file, readFileSync(file, 'utf8').replace(pattern, `$1${lines.join('\n')}\n`))
        return
      }
      expect(bytecode).toBe(compiled.bytecode)
      expect(signatures(abi)).toEqual(signatures(compiled.abi))
      expect(signatures(abi)).toHaveLength(2)
    },
    180_000,
  )
})

describe('lens calls', () => {
  const client = (answer: () => unknown) =>
    createPublicClient({ chain: mainnet, transport: custom({ request: async () => answer() }) })
  const account = '0x2222222222222222222222222222222222222222'

  test('a node that answers without the revert carrying the result is a SymbioticLensError', async () => {
    await expect(
      getPositions(
        client(() => '0x'),
        { staker: account },
      ),
    ).rejects.toThrow(SymbioticLensError)
    await expect(
      getVault(
        client(() => '0x'),
        { vault: symbioticDeployments[1].vaultConfigurator },
      ),
    ).rejects.toThrow(SymbioticLensError)
  })

  test('revert data that is not the lens result is a SymbioticLensError', async () => {
    const revert = () => {
      throw Object.assign(new Error('execution reverted'), { code: 3, data: '0x08c379a0deadbeef' })
    }
    await expect(getPositions(client(revert), { staker: account })).rejects.toThrow(SymbioticLensError)
  })
})
