// Vitest global setup: compiles the devnet's Solidity test contracts once, before any test file
// starts, so a cold cache (a fresh clone in CI) is not compiled by several workers at once inside
// their `beforeAll` time limits. A warm cache reads one file.
import { compileContracts } from '../../packages/devnet/src/solidity.js'

export default function setup(): void {
  const started = Date.now()
  const count = Object.keys(compileContracts()).length
  const seconds = ((Date.now() - started) / 1000).toFixed(1)
  console.log(`devnet contracts: ${count} artifacts ready in ${seconds} s`)
}
