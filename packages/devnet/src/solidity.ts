import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Abi, Hex } from 'viem'

/** A compiled contract: ABI and creation bytecode. */
export type Artifact = { abi: Abi; bytecode: Hex; deployedBytecode: Hex }

const here = dirname(fileURLToPath(import.meta.url))
/** `packages/devnet` (works from `src/` and from `dist/`). */
export const packageDir = join(here, '..')
/** The Solidity sources of this package's test contracts. */
export const contractsDir = join(packageDir, 'contracts')
const cacheDir = process.env.RESTAKEKIT_CACHE_DIR ?? join(packageDir, '.cache', 'solc')

const SOLC_VERSION = '0.8.25'

type SolcOutput = {
  errors?: { severity: string; formattedMessage: string }[]
  contracts?: Record<
    string,
    Record<string, { abi: Abi; evm: { bytecode: { object: string }; deployedBytecode: { object: string } } }>
  >
}

let memo: { key: string; artifacts: Record<string, Artifact> } | undefined

/**
 * Compiles every `.sol` file in `contracts/` with solc-js (one standard-JSON input) and returns
 * the artifacts by contract name. The output is cached on disk by a hash of the full input, so a
 * warm start compiles nothing.
 */
export function compileContracts(): Record<string, Artifact> {
  const sources: Record<string, { content: string }> = {}
  for (const file of readdirSync(contractsDir).sort()) {
    if (file.endsWith('.sol')) sources[file] = { content: readFileSync(join(contractsDir, file), 'utf8') }
  }
  const input = {
    language: 'Solidity',
    sources,
    settings: {
      optimizer: { enabled: true, runs: 200 },
      evmVersion: 'cancun',
      outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } },
    },
  }
  const json = JSON.stringify(input)
  const key = createHash('sha256').update(SOLC_VERSION).update(json).digest('hex').slice(0, 32)
  if (memo?.key === key) return memo.artifacts
  const cached = join(cacheDir, `${key}.json`)
  if (existsSync(cached)) {
    const artifacts = JSON.parse(readFileSync(cached, 'utf8')) as Record<string, Artifact>
    memo = { key, artifacts }
    return artifacts
  }

  const require = createRequire(import.meta.url)
  const solc = require('solc') as {
    version(): string
    compile(
      input: string,
      opts: { import: (path: string) => { contents: string } | { error: string } },
    ): string
  }
  if (!solc.version().startsWith(SOLC_VERSION)) {
    throw new Error(`solc ${SOLC_VERSION} expected, got ${solc.version()}`)
  }
  const findImports = (path: string) => {
    try {
      return { contents: readFileSync(require.resolve(path), 'utf8') }
    } catch {
      return { error: `import not found: ${path}` }
    }
  }
  const output = JSON.parse(solc.compile(json, { import: findImports })) as SolcOutput
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error')
  if (errors.length > 0) throw new Error(`solc failed:\n${errors.map((e) => e.formattedMessage).join('\n')}`)

  const artifacts: Record<string, Artifact> = {}
  for (const [file, contracts] of Object.entries(output.contracts ?? {})) {
    if (!(file in sources)) continue
    for (const [name, c] of Object.entries(contracts)) {
      if (c.evm.bytecode.object) {
        artifacts[name] = {
          abi: c.abi,
          bytecode: `0x${c.evm.bytecode.object}`,
          deployedBytecode: `0x${c.evm.deployedBytecode.object}`,
        }
      }
    }
  }
  mkdirSync(cacheDir, { recursive: true })
  const tmp = `${cached}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(artifacts))
  renameSync(tmp, cached)
  memo = { key, artifacts }
  return artifacts
}

/** One compiled contract by name; throws if it is not in `contracts/`. */
export function artifact(name: string): Artifact {
  const a = compileContracts()[name]
  if (!a) throw new Error(`no compiled contract named ${name} in ${contractsDir}`)
  return a
}
