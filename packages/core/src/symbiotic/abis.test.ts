import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { symbioticCorePackageDir } from '@restakekit/devnet'
import type { Abi, AbiParameter } from 'viem'
import { beforeAll, describe, expect, test } from 'vitest'
import {
  collateralErrorsAbi,
  symbioticDelegatorAbi,
  symbioticNetworkMiddlewareServiceAbi,
  symbioticOptInServiceAbi,
  symbioticRegistryAbi,
  symbioticSlasherAbi,
  symbioticVaultAbi,
  symbioticVaultFactoryAbi,
  symbioticVaultStakerViewsAbi,
  symbioticVaultTokenizedAbi,
  symbioticVaultViewsAbi,
  symbioticVaultWritesAbi,
} from './abis.js'

/**
 * The ABIs of @symbioticfi/core 1.0.3's contracts, compiled (ABI only) from the package's own
 * Solidity sources with solc-js 0.8.25, cached on disk by a hash of the input.
 */
function compiledAbis(): Record<string, Abi> {
  const pkg = symbioticCorePackageDir()
  const require = createRequire(join(pkg, 'package.json'))
  const sources: Record<string, { content: string }> = {}
  const walk = (dir: string) => {
    for (const f of readdirSync(join(pkg, dir)).sort()) {
      const rel = `${dir}/${f}`
      if (statSync(join(pkg, rel)).isDirectory()) walk(rel)
      else if (f.endsWith('.sol')) sources[rel] = { content: readFileSync(join(pkg, rel), 'utf8') }
    }
  }
  walk('src/contracts')
  sources['oz/ERC20.sol'] = {
    content:
      'pragma solidity 0.8.25;\nimport "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";\nimport "@openzeppelin/contracts/token/ERC20/ERC20.sol";\n',
  }
  const input = JSON.stringify({
    language: 'Solidity',
    sources,
    settings: { evmVersion: 'cancun', outputSelection: { '*': { '*': ['abi'] } } },
  })
  const key = createHash('sha256').update(input).digest('hex').slice(0, 24)
  const cacheDir = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    'node_modules',
    '.cache',
    'restakekit',
  )
  const cached = join(cacheDir, `symbiotic-abi-${key}.json`)
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8'))
  const solcjs = loadSolc()
  const findImports = (path: string) => {
    try {
      const file = path.startsWith('@') ? require.resolve(path) : join(pkg, path)
      return { contents: readFileSync(file, 'utf8') }
    } catch {
      return { error: `not found: ${path}` }
    }
  }
  const output = JSON.parse(solcjs.compile(input, { import: findImports })) as {
    errors?: { severity: string; formattedMessage: string }[]
    contracts: Record<string, Record<string, { abi: Abi }>>
  }
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length) throw new Error(errors.map((e) => e.formattedMessage).join('\n'))
  const abis: Record<string, Abi> = {}
  for (const file of Object.values(output.contracts))
    for (const [name, c] of Object.entries(file)) abis[name] = c.abi
  mkdirSync(cacheDir, { recursive: true })
  writeFileSync(cached, JSON.stringify(abis))
  return abis
}

function loadSolc(): { version(): string; compile(input: string, opts: unknown): string } {
  // solc-js is a dependency of @restakekit/devnet (packages/devnet beside this package)
  const devnetPackage = join(
    dirname(fileURLToPath(import.meta.url)),
    '..',
    '..',
    '..',
    'devnet',
    'package.json',
  )
  const solc = createRequire(devnetPackage)('solc')
  if (!solc.version().startsWith('0.8.25')) throw new Error(`solc 0.8.25 expected, got ${solc.version()}`)
  return solc
}

const param = (p: AbiParameter & { indexed?: boolean }): string => {
  const components = (p as { components?: readonly AbiParameter[] }).components
  const type = components ? p.type.replace('tuple', `(${components.map(param).join(',')})`) : p.type
  return p.indexed ? `${type} indexed` : type
}

/** Name, kind, input and output types, indexing and mutability: what must match (parameter names may differ). */
function shape(item: Abi[number]): string {
  const i = item as {
    type: string
    name?: string
    inputs?: readonly AbiParameter[]
    outputs?: readonly AbiParameter[]
    stateMutability?: string
  }
  return [
    i.type,
    i.name,
    `(${(i.inputs ?? []).map(param).join(',')})`,
    i.type === 'function' ? `(${(i.outputs ?? []).map(param).join(',')}) ${i.stateMutability}` : '',
  ].join(' ')
}

let abis: Record<string, Abi>
beforeAll(() => {
  abis = compiledAbis()
}, 120_000)

const cases: [string, Abi, string[]][] = [
  ['symbioticVaultAbi', symbioticVaultAbi, ['Vault']],
  ['symbioticVaultViewsAbi', symbioticVaultViewsAbi, ['Vault']],
  ['symbioticVaultStakerViewsAbi', symbioticVaultStakerViewsAbi, ['Vault']],
  ['symbioticVaultWritesAbi', symbioticVaultWritesAbi, ['Vault']],
  ['symbioticVaultTokenizedAbi', symbioticVaultTokenizedAbi, ['VaultTokenized']],
  [
    'symbioticDelegatorAbi',
    symbioticDelegatorAbi,
    [
      'NetworkRestakeDelegator',
      'FullRestakeDelegator',
      'OperatorSpecificDelegator',
      'OperatorNetworkSpecificDelegator',
    ],
  ],
  ['symbioticSlasherAbi', symbioticSlasherAbi, ['Slasher', 'VetoSlasher']],
  ['symbioticRegistryAbi', symbioticRegistryAbi, ['VaultFactory']],
  ['symbioticVaultFactoryAbi', symbioticVaultFactoryAbi, ['VaultFactory']],
  ['symbioticOptInServiceAbi', symbioticOptInServiceAbi, ['OptInService']],
  [
    'symbioticNetworkMiddlewareServiceAbi',
    symbioticNetworkMiddlewareServiceAbi,
    ['NetworkMiddlewareService'],
  ],
  ['collateralErrorsAbi', collateralErrorsAbi, ['ERC20', 'SafeERC20']],
]

describe('ABI fragments match the ABIs compiled from @symbioticfi/core 1.0.3', () => {
  test.each(cases)('%s', (_name, fragments, contracts) => {
    const known = new Set(contracts.flatMap((c) => (abis[c] ?? []).map(shape)))
    expect(known.size).toBeGreaterThan(0)
    for (const item of fragments) expect(known, shape(item)).toContain(shape(item))
  })

  test('every fragment of the vault ABI is also in VaultTokenized (version 2 shares the interface)', () => {
    const tokenized = new Set(abis.VaultTokenized!.map(shape))
    for (const item of symbioticVaultAbi) expect(tokenized).toContain(shape(item))
  })

  test('the check is not vacuous: a wrong fragment is told apart', () => {
    const known = new Set(abis.Vault!.map(shape))
    const wrong = { ...symbioticVaultAbi[0], outputs: [] } as Abi[number]
    expect(known).not.toContain(shape(wrong))
  })
})

describe('per-use cuts of the vault ABI', () => {
  const sig = (f: Abi[number]) => JSON.stringify(f)
  const full = new Set((symbioticVaultAbi as Abi).map(sig))
  test('each cut is fragments of symbioticVaultAbi; views and writes together are all of it', () => {
    for (const cut of [symbioticVaultViewsAbi, symbioticVaultStakerViewsAbi, symbioticVaultWritesAbi])
      for (const f of cut as Abi) expect(full.has(sig(f))).toBe(true)
    const union = new Set([...(symbioticVaultViewsAbi as Abi), ...(symbioticVaultWritesAbi as Abi)].map(sig))
    expect(union).toEqual(full)
  })
  test('the staker views are views only; the write cut has no views', () => {
    const mutability = (abi: Abi) =>
      new Set(abi.flatMap((f) => (f.type === 'function' ? [f.stateMutability] : [])))
    expect(mutability(symbioticVaultStakerViewsAbi as Abi)).toEqual(new Set(['view']))
    expect(mutability(symbioticVaultWritesAbi as Abi)).toEqual(new Set(['nonpayable']))
  })
})
