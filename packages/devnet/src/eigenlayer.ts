import { existsSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { type Address, getAddress } from 'viem'
import { packageDir } from './solidity.js'

/** The beacon-chain ETH "strategy" (a sentinel for EigenPod shares, not a contract). */
const BEACON_CHAIN_ETH_STRATEGY = '0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0' as const

/**
 * The EigenLayer deployment of the loaded state, read from the `addresses.json` beside it. It has
 * the keys of `@restakekit/core`'s `EigenLayerDeployment` (pass it as `restakingActions({ eigenlayer })`
 * or as an action's `deployment`), plus what the devnet knows about the state's test token.
 */
export type DevnetEigenLayer = {
  readonly chainId: number
  readonly delegationManager: Address
  readonly strategyManager: Address
  readonly eigenPodManager: Address
  readonly avsDirectory: Address
  readonly allocationManager: Address
  readonly rewardsCoordinator: Address
  readonly permissionController: Address
  /** Absent where the state has none (the v1.3.0 state: `strategyFactory: null`). */
  readonly strategyFactory?: Address
  /** Strategies known on this chain, by name: the state's test strategy and beacon-chain ETH. */
  readonly strategies: {
    readonly fixture: { readonly strategy: Address; readonly token: Address }
    readonly beaconChainETH: { readonly strategy: Address; readonly token: null }
  }
  /** The state file loaded. */
  readonly statePath: string
  /** The state's test token and its strategy. `fund` mints the token, or transfers it from `tokenHolder` where it has no mint. */
  readonly fixture: {
    readonly token: Address
    readonly strategy: Address
    readonly tokenHolder: Address
    /** The mock AVS of the v1.2 state; absent in states without one. */
    readonly mockAvsServiceManager?: Address
  }
}

/** How to provide the EigenLayer state, for messages when it is missing. */
export const EIGENLAYER_STATE_HELP =
  'EigenLayer state not found. Put the slashing-release anvil state at ../shared/fixtures/eigenlayer/anvil-state.json ' +
  '(beside this repository), or point RESTAKEKIT_EIGENLAYER_STATE (or startDevnet({ eigenlayerState })) at an anvil ' +
  'state dump with an addresses.json beside it (for example ../shared/fixtures/eigenlayer-v1.3.0/anvil-state.json).'

/**
 * Where the EigenLayer state dump is: the option, else `RESTAKEKIT_EIGENLAYER_STATE`, else
 * `../shared/fixtures/eigenlayer/anvil-state.json` beside the repository root (the v1.2 state).
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

/** Anvil's account 0, which holds the supply of the states' test tokens. */
const FIXTURE_TOKEN_HOLDER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

/** Reads `addresses.json` beside the state file into the devnet's EigenLayer deployment. */
export function readEigenLayerAddresses(statePath: string): DevnetEigenLayer {
  const file = join(dirname(statePath), 'addresses.json')
  if (!existsSync(file)) throw new Error(`addresses.json not found beside ${statePath}`)
  const raw = JSON.parse(readFileSync(file, 'utf8')) as {
    chainId?: number
    core?: Record<string, string | null>
    mockAvs?: Record<string, string | null>
  }
  const core = raw.core ?? {}
  const mock = raw.mockAvs ?? {}
  const a = (v: string | null | undefined, name: string) => {
    if (!v) throw new Error(`${file} lacks ${name}`)
    return getAddress(v)
  }
  const token = a(mock.token, 'mockAvs.token')
  const strategy = a(mock.strategy, 'mockAvs.strategy')
  const factory = core.strategyFactory ? getAddress(core.strategyFactory) : undefined
  const avs = mock.MockAvsServiceManager ? getAddress(mock.MockAvsServiceManager) : undefined
  return {
    chainId: raw.chainId ?? 31337,
    delegationManager: a(core.delegation, 'core.delegation'),
    strategyManager: a(core.strategyManager, 'core.strategyManager'),
    eigenPodManager: a(core.eigenPodManager, 'core.eigenPodManager'),
    avsDirectory: a(core.avsDirectory, 'core.avsDirectory'),
    allocationManager: a(core.allocationManager, 'core.allocationManager'),
    rewardsCoordinator: a(core.rewardsCoordinator, 'core.rewardsCoordinator'),
    permissionController: a(core.permissionController, 'core.permissionController'),
    ...(factory ? { strategyFactory: factory } : {}),
    strategies: {
      fixture: { strategy, token },
      beaconChainETH: { strategy: BEACON_CHAIN_ETH_STRATEGY, token: null },
    },
    statePath,
    fixture: {
      token,
      strategy,
      tokenHolder: FIXTURE_TOKEN_HOLDER,
      ...(avs ? { mockAvsServiceManager: avs } : {}),
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
