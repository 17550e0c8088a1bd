// Which EigenLayer release a deployment runs, from what its contracts answer (never from the
// `version()` string alone: devnet builds serve "v0.0.0"). Probed once per client and deployment,
// in one batched round trip, and cached.
import { type Address, parseAbi, zeroAddress } from 'viem'
import { type BatchRead, type BatchResult, readBatch } from '../kit/index.js'
import type { EigenLayerDeployment } from './deployments.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from './internal.js'

/**
 * The release families the SDK tells apart, by the surface they add:
 * - `v1.2`: the first slashing release (no `version()`, `encumberedMagnitude`, no allocated-stake view);
 * - `v1.3-v1.4`: `version()`, `getAllocatedStake`, burnable shares (`getBurnableShares`, `burnShares`);
 * - `v1.5-v1.8`: redistributing operator sets; slashed shares wait for `clearBurnOrRedistributableShares`;
 * - `v1.9+`: the AllocationManager's views split into AllocationManagerView.
 * `v1.2` and `v1.3-v1.4` are chain-tested here; the newer two are recognised from the v1.12 ABI
 * (probe tests only: no v1.5+ state runs on these machines).
 */
export type EigenLayerReleaseFamily = 'v1.2' | 'v1.3-v1.4' | 'v1.5-v1.8' | 'v1.9+'

export type EigenLayerRelease = {
  family: EigenLayerReleaseFamily
  /**
   * `DelegationManager.version()` when it names a release (`"1.12.0"`, `"v1.3.0"`); `null` when
   * absent (v1.2) or a placeholder such as the devnet's `"v0.0.0"`, which names none.
   */
  version: string | null
  /** What the deployment serves, each probed directly. */
  features: {
    /** `version()` answers (v1.3+; the EIP-712 domain then has a `version` field). */
    versionView: boolean
    /** `AllocationManager.getAllocatedStake` (v1.3+); else `getMinimumSlashableStake` only. */
    allocatedStake: boolean
    /** The encumbered-magnitude getter's name: `getEncumberedMagnitude` (v1.3+) or `encumberedMagnitude` (v1.2). */
    encumberedMagnitude: 'getEncumberedMagnitude' | 'encumberedMagnitude'
    /** `StrategyManager.getBurnableShares` (v1.3+): slashed shares wait to be burned. */
    burnableShares: boolean
    /** Redistributing operator sets and `clearBurnOrRedistributableShares` (v1.5+). */
    redistribution: boolean
    /** `AllocationManager.viewImplementation()` (v1.9+: views served by AllocationManagerView). */
    allocationManagerView: boolean
  }
}

const probeAbi = /* @__PURE__ */ parseAbi([
  'function version() view returns (string)',
  'function getAllocatedStake((address avs, uint32 id) operatorSet, address[] operators, address[] strategies) view returns (uint256[][])',
  'function getEncumberedMagnitude(address operator, address strategy) view returns (uint64)',
  'function encumberedMagnitude(address operator, address strategy) view returns (uint64)',
  'function getBurnableShares(address strategy) view returns (uint256)',
  'function isRedistributingOperatorSet((address avs, uint32 id) operatorSet) view returns (bool)',
  'function viewImplementation() view returns (address)',
])

/** A `version()` that names a release, or `null` ("v0.0.0" and other placeholders name none). */
export function releaseVersion(served: string | undefined): string | null {
  if (served === undefined) return null
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(served.trim())
  if (!m || (m[1] === '0' && m[2] === '0' && m[3] === '0')) return null
  return served.trim()
}

/** The family from the probed features (the newest surface present wins). */
export function releaseFamily(f: EigenLayerRelease['features']): EigenLayerReleaseFamily {
  if (f.allocationManagerView) return 'v1.9+'
  if (f.redistribution) return 'v1.5-v1.8'
  if (f.allocatedStake || f.burnableShares || f.versionView) return 'v1.3-v1.4'
  return 'v1.2'
}

const cache = /* @__PURE__ */ new WeakMap<object, Map<string, Promise<EigenLayerRelease>>>()

/**
 * The release of the client's EigenLayer deployment: one batched read of seven probes (a view a
 * release lacks reverts with no data), cached per client and deployment. A failed read (an RPC
 * error) is not cached, so the next call probes again.
 */
export async function getRelease(
  client: EigenLayerReadClient,
  params: DeploymentParameter = {},
): Promise<EigenLayerRelease> {
  const d = getDeployment(client, params.deployment)
  let byDeployment = cache.get(client)
  if (!byDeployment) {
    byDeployment = new Map()
    cache.set(client, byDeployment)
  }
  const key = `${client.chain?.id ?? '?'}:${d.delegationManager.toLowerCase()}:${d.allocationManager.toLowerCase()}`
  let hit = byDeployment.get(key)
  if (!hit) {
    hit = probeRelease(client, d)
    byDeployment.set(key, hit)
    hit.catch(() => byDeployment.delete(key))
  }
  return hit
}

async function probeRelease(
  client: EigenLayerReadClient,
  d: EigenLayerDeployment,
): Promise<EigenLayerRelease> {
  return releaseFromResults(await readBatch(client, releaseReads(d)))
}

/**
 * @internal The probe's seven reads, for a write's check plan to carry in its own batch (no round
 * trip of its own): pass the results to `releaseFromResults`.
 */
export function releaseReads(d: EigenLayerDeployment): BatchRead[] {
  const none = { avs: zeroAddress, id: 0 } as const
  const am = d.allocationManager
  return [
    { address: d.delegationManager, abi: probeAbi, functionName: 'version' },
    { address: am, abi: probeAbi, functionName: 'getAllocatedStake', args: [none, [], []] },
    { address: am, abi: probeAbi, functionName: 'getEncumberedMagnitude', args: [zeroAddress, zeroAddress] },
    { address: am, abi: probeAbi, functionName: 'encumberedMagnitude', args: [zeroAddress, zeroAddress] },
    { address: d.strategyManager, abi: probeAbi, functionName: 'getBurnableShares', args: [zeroAddress] },
    { address: am, abi: probeAbi, functionName: 'isRedistributingOperatorSet', args: [none] },
    { address: am, abi: probeAbi, functionName: 'viewImplementation' },
  ]
}

/** How many results `releaseFromResults` takes (the length of `releaseReads`). */
export const RELEASE_READS = 7

/** @internal The release from the results of `releaseReads` (a view a release lacks reverts). */
export function releaseFromResults(r: readonly (BatchResult | undefined)[]): EigenLayerRelease {
  const ok = (i: number) => r[i]?.status === 'success'
  const value = <T>(i: number): T | undefined => {
    const x = r[i]
    return x?.status === 'success' ? (x.result as T) : undefined
  }
  const served = value<string>(0)
  const features: EigenLayerRelease['features'] = {
    versionView: ok(0),
    allocatedStake: ok(1),
    encumberedMagnitude: ok(2) || !ok(3) ? 'getEncumberedMagnitude' : 'encumberedMagnitude',
    burnableShares: ok(4),
    redistribution: ok(5),
    allocationManagerView: ok(6) && value<Address>(6) !== zeroAddress,
  }
  return { family: releaseFamily(features), version: releaseVersion(served), features }
}
