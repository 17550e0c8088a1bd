import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const pkg = (p: string) => fileURLToPath(new URL(`./packages/${p}`, import.meta.url))

// The EigenLayer chain suites run once per real state: on the default (v1.2) state in the `chain`
// project, and again on the v1.3.0 state (900-block delays, v1.3 ABIs, EigenPods) in `chain-el-v1.3.0`.
const eigenlayerV13State = fileURLToPath(
  new URL('../shared/fixtures/eigenlayer-v1.3.0/anvil-state.json', import.meta.url),
)
const eigenlayerChainSuites = [
  'packages/core/src/eigenlayer/**/*.chain.test.ts',
  'packages/devnet/src/eigenlayer.chain.test.ts',
  'packages/avs/src/eigenlayer/**/*.chain.test.ts',
]

// Tests import the workspace packages from source, never from dist.
const alias = [
  { find: /^@restakekit\/(core|lrt|avs|risk|devnet|cli)$/, replacement: `${pkg('')}$1/src/index.ts` },
  { find: /^@restakekit\/(core|lrt|avs|risk|devnet|cli)\/(.+)$/, replacement: `${pkg('')}$1/src/$2.ts` },
]

export default defineConfig({
  resolve: { alias },
  test: {
    // the devnet's Solidity test contracts, compiled once before the workers start
    globalSetup: ['scripts/test/compile-contracts.ts'],
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
          setupFiles: ['scripts/test/chain-diagnostics.ts'],
          // one anvil per test file; two cores on CI
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'dapp-web',
          sequence: { groupOrder: 3 },
          // headless Chromium against a devnet (examples/dapp-web/test)
          include: ['examples/dapp-web/test/**/*.e2e.test.ts'],
          pool: 'forks',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'chain-el-v1.3.0',
          sequence: { groupOrder: 2 },
          include: eigenlayerChainSuites,
          exclude: ['**/*.fork.chain.test.ts', '**/node_modules/**'],
          env: { RESTAKEKIT_EIGENLAYER_STATE: eigenlayerV13State },
          setupFiles: ['scripts/test/chain-diagnostics.ts'],
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
})
