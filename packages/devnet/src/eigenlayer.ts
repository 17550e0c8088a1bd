import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Address, getAddress } from 'viem'
import { packageDir } from './solidity.js'

/** EigenLayer core addresses on the devnet (same keys as `@restakekit/core`'s EigenLayer deployment). */
export type DevnetEigenLayer = {
  delegationManager: Address
  strategyManager: Address
  eigenPodManager: Address
  avsDirectory: Address
  allocationManager: Address
  rewardsCoordinator: Address
  permissionController: Address
  strategyFactory: Address
  /** Strategies known on this chain, by name. */
  strategies: Record<string, { strategy: Address; token: Address }>
  /** Fixture extras: the mock AVS and its token (an open-mint mock ERC-20; `fund` mints it). */
  fixture: { token: Address; strategy: Address; tokenHolder: Address; mockAvsServiceManager: Address }
}

/** How to provide the EigenLayer state, for messages when it is missing. */
export const EIGENLAYER_STATE_HELP =
  'EigenLayer state not found. Put the slashing-release anvil state at ../shared/fixtures/eigenlayer/anvil-state.json ' +
  '(beside this repository), or point RESTAKEKIT_EIGENLAYER_STATE (or startDevnet({ eigenlayerState })) at an anvil ' +
  'state dump with an addresses.json beside it.'

/**
 * Where the EigenLayer state dump is: the option, else `RESTAKEKIT_EIGENLAYER_STATE`, else
 * `../shared/fixtures/eigenlayer/anvil-state.json` beside the repository root.
 */
export function eigenlayerStatePath(option?: string): string {
  if (option) return resolve(option)
  const env = process.env.RESTAKEKIT_EIGENLAYER_STATE
  if (env) return resolve(env)
  // packages/devnet -> repository root -> ../shared
  return resolve(packageDir, '..', '..', '..', 'shared', 'fixtures', 'eigenlayer', 'anvil-state.json')
}

/** True if the EigenLayer state file exists. */
export function hasEigenLayerState(option?: string): boolean {
  return existsSync(eigenlayerStatePath(option))
}

/** Anvil's account 0, which holds the fixture token's supply. */
const FIXTURE_TOKEN_HOLDER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/** Reads `addresses.json` beside the state file into the devnet's EigenLayer deployment. */
export function readEigenLayerAddresses(statePath: string): DevnetEigenLayer {
  const file = join(dirname(statePath), 'addresses.json')
  if (!existsSync(file)) throw new Error(`addresses.json not found beside ${statePath}`)
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    core: Record<string, string>
    mockAvs: Record<string, string>
  }
  const a = (v: string | undefined, name: string) => {
    if (!v) throw new Error(`addresses.json lacks ${name}`)
    return getAddress(v)
  }
  const token = a(raw.mockAvs.token, 'mockAvs.token')
  const strategy = a(raw.mockAvs.strategy, 'mockAvs.strategy')
  return {
    delegationManager: a(raw.core.delegation, 'core.delegation'),
    strategyManager: a(raw.core.strategyManager, 'core.strategyManager'),
    eigenPodManager: a(raw.core.eigenPodManager, 'core.eigenPodManager'),
    avsDirectory: a(raw.core.avsDirectory, 'core.avsDirectory'),
    allocationManager: a(raw.core.allocationManager, 'core.allocationManager'),
    rewardsCoordinator: a(raw.core.rewardsCoordinator, 'core.rewardsCoordinator'),
    permissionController: a(raw.core.permissionController, 'core.permissionController'),
    strategyFactory: a(raw.core.strategyFactory, 'core.strategyFactory'),
    strategies: { fixture: { strategy, token } },
    fixture: {
      token,
      strategy,
      tokenHolder: FIXTURE_TOKEN_HOLDER,
      mockAvsServiceManager: a(raw.mockAvs.MockAvsServiceManager, 'mockAvs.MockAvsServiceManager'),
    },
  }
}

/**
 * For test suites: true when the EigenLayer state is there. When it is missing, warns with how to
 * provide it and returns false (so EigenLayer tests skip), except under `CI=true`, where it throws.
 * Use as `describe.skipIf(!haveEigenLayer())(...)`.
 */
export function haveEigenLayer(option?: string): boolean {
  if (hasEigenLayerState(option)) return true
  if (process.env.CI === 'true') throw new Error(`CI=true and ${EIGENLAYER_STATE_HELP}`)
  console.warn(`Skipping EigenLayer chain tests. ${EIGENLAYER_STATE_HELP}`)
  return false
}
