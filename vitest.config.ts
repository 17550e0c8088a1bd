import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const pkg = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url))

// Tests import the workspace packages from source, never from dist.
const alias = [
  { find: /^@restakekit\/(core|lrt|avs|risk|devnet)$/, replacement: `${pkg('')}$1/src/index.ts` },
  { find: /^@restakekit\/(core|lrt|avs|risk|devnet)\/(.+)$/, replacement: `${pkg('')}$1/src/$2.ts` },
]

export default defineConfig({
  resolve: { alias },
  test: {
    // CI reads the JSON results to print "N passed, N failed"
    reporters:
      process.env.CI === 'true' ? ['default', ['json', { outputFile: '.vitest-results.json' }]] : ['default'],
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          // a few unit tests compile Solidity with solc-js on a cold cache (≈15 s on 2 busy cores)
          testTimeout: 60_000,
          hookTimeout: 120_000,
          include: ['packages/*/{src,test}/**/*.test.ts'],
          exclude: ['**/*.chain.test.ts', '**/node_modules/**'],
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'chain',
          sequence: { groupOrder: 1 },
          include: ['packages/*/{src,test}/**/*.chain.test.ts', 'examples/**/*.chain.test.ts'],
          // one anvil per test file; two cores on CI
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
