import { readFileSync, writeFileSync } from 'node:fs'
import { artifact } from '@restakekit/devnet'
import type { Abi, AbiParameter } from 'viem'
import { describe, expect, test } from 'vitest'
import { symbioticPositionsLensAbi, symbioticPositionsLensBytecode } from './lens.js'

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

describe('SymbioticPositionsLens', () => {
  test('the embedded creation code and ABI equal a fresh compile of contracts/SymbioticPositionsLens.sol', () => {
    const compiled = artifact('SymbioticPositionsLens')
    if (process.env.RESTAKEKIT_UPDATE_LENS === '1' && compiled.bytecode !== symbioticPositionsLensBytecode) {
      const file = new URL('./lens.ts', import.meta.url)
      const lines: string[] = []
      for (let i = 2; i < compiled.bytecode.length; i += 100)
        lines.push(`  '${compiled.bytecode.slice(i, i + 100)}',`)
      const src = readFileSync(file, 'utf8').replace(
        /\[\n( {2}'[0-9a-f]+',\n)+\]/,
        `[\n${lines.join('\n')}\n]`,
      )
      writeFileSync(file, src)
      return
    }
    expect(symbioticPositionsLensBytecode).toBe(compiled.bytecode)
    expect(signatures(symbioticPositionsLensAbi)).toEqual(signatures(compiled.abi))
    expect(signatures(symbioticPositionsLensAbi)).toHaveLength(2)
  }, 180_000)
})
