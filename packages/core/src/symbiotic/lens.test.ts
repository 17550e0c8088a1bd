import { readFileSync, writeFileSync } from 'node:fs'
import { artifact } from '@restakekit/devnet'
import { type Abi, type AbiParameter, createPublicClient, custom } from 'viem'
import { mainnet } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { decodeLensPositions, getPositions } from './actions/getPositions.js'
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
          lines.push(`    '${compiled.bytecode.slice(i, i + 100)}',`)
        const pattern = new RegExp(
          `(export const ${constant}: Hex = /\\* @__PURE__ \\*/ \\(\\(\\) =>\\n {2}\`0x\\$\\{\\[\\n)( {4}'[0-9a-f]+',\\n)+`,
        )
        const before = readFileSync(file, 'utf8')
        const after = before.replace(pattern, `$1${lines.join('\n')}\n`)
        if (after === before) throw new Error(`${constant} not found in lens.ts`)
        writeFileSync(file, after)
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

describe('decodeLensPositions', () => {
  const vault = 0x55975d55467f4574b0313d54b50c18d665e2e567n
  const token = 0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2n
  test('reads the flat words: per position 9 words and 3 per bucket', () => {
    const words = [
      7n,
      2n,
      vault,
      token,
      5n,
      3600n,
      100n,
      10n,
      9n,
      8n,
      1n,
      4n,
      3n,
      3n,
      token,
      vault,
      1n,
      60n,
      0n,
      0n,
      0n,
      0n,
      0n,
    ]
    const { timestamp, totalVaults, positions } = decodeLensPositions(words)
    expect({ timestamp, totalVaults }).toEqual({ timestamp: 7n, totalVaults: 2n })
    expect(positions).toEqual([
      {
        vault: '0x55975d55467F4574B0313D54b50C18D665e2E567',
        collateral: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
        currentEpoch: 5n,
        epochDuration: 3600n,
        epochDurationInit: 100n,
        activeShares: 10n,
        activeBalance: 9n,
        slashableBalance: 8n,
        withdrawals: [{ epoch: 4n, amount: 3n, shares: 3n }],
      },
      {
        vault: '0xC02aaA39b223FE8D0A0e5C4F27eAD9083C756Cc2',
        collateral: '0x55975d55467F4574B0313D54b50C18D665e2E567',
        currentEpoch: 1n,
        epochDuration: 60n,
        epochDurationInit: 0n,
        activeShares: 0n,
        activeBalance: 0n,
        slashableBalance: 0n,
        withdrawals: [],
      },
    ])
    expect(decodeLensPositions([7n, 0n]).positions).toEqual([])
  })
  test('words that do not add up throw (getPositions wraps it in SymbioticLensError)', () => {
    expect(() => decodeLensPositions([7n, 0n, vault, token, 5n])).toThrow(/cut short/)
    expect(() => decodeLensPositions([7n, 0n, vault, token, 5n, 1n, 1n, 1n, 1n, 1n, 2n, 4n, 3n, 3n])).toThrow(
      /cut short/,
    )
  })
})
