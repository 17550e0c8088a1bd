import type { Address } from 'viem'
import { InvalidParameterError, type WriteErrorType } from '../../errors.js'
import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  waitForOf,
} from '../../kit/index.js'
import { eigenlayerEventsAbi, strategyManagerAbi } from '../abis.js'
import {
  eigenlayerReverts,
  type PausedError,
  strategyManagerReverts,
  UnsupportedReleaseError,
} from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'
import { type EigenLayerRelease, RELEASE_READS, releaseFromResults, releaseReads } from '../release.js'

export type BurnSharesParameters = { strategy: Address } & DeploymentParameter

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const BURN_SHARES = 'eigenlayer.burnShares'
const burnSharesCall = /* @__PURE__ */ defineCall({
  name: BURN_SHARES,
  contract: 'StrategyManager',
  deployment: lazyDeployment,
  resolve: (p: BurnSharesParameters, ctx) => {
    const strategy = assertAddress('strategy', p.strategy)
    const d = deploymentOf(ctx)
    return { strategy, strategyManager: d.strategyManager, deployment: d }
  },
  call: (a) =>
    contractCall({
      address: a.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'burnShares',
      args: [a.strategy],
    }),
})
const burnSharesReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** `BurnableSharesDecreased.shares`: the shares burned (their tokens went to the burn address). */
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'BurnableSharesDecreased')
    return { burned: ev ? (ev.args as { shares: bigint }).shares : 0n }
  },
})
const burnShares_ = /* @__PURE__ */ defineWrite(burnSharesCall, {
  /**
   * The release (the probe's reads, in the same batch: no round trip of its own) and the
   * strategy's burnable shares (`null` where the release has no `getBurnableShares`).
   */
  read: (a) =>
    stage(
      [
        ...releaseReads(a.deployment),
        {
          address: a.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'getBurnableShares',
          args: [a.strategy],
        },
      ],
      (r): { release: EigenLayerRelease; shares: bigint | null } => {
        const b = r[RELEASE_READS]
        return {
          release: releaseFromResults(r),
          shares: b?.status === 'success' ? (b.result as bigint) : null,
        }
      },
    ),
  check: (a, s) => {
    if (!s.release.features.burnableShares || s.shares === null)
      throw new UnsupportedReleaseError({
        action: 'eigenlayer.burnShares',
        release: s.release.family,
        needs: 'v1.3+ (StrategyManager.getBurnableShares and burnShares(strategy))',
        instead: 'v1.2 burns slashed shares in the slash itself: there is nothing left to burn.',
      })
    if (s.shares === 0n)
      throw new InvalidParameterError({
        parameter: 'strategy',
        reason: s.release.features.redistribution
          ? `${a.strategy} has no burnable shares (slashes on v1.5+ wait per slash: clearBurnOrRedistributableShares)`
          : `${a.strategy} has no burnable shares`,
      })
  },
  revert: (a) =>
    eigenlayerReverts([strategyManagerReverts], { strategy: a.strategy, contract: 'StrategyManager' }),
  /** `shares`: the burnable shares the call burns. */
  simulated: (_a, s, _result: undefined) => ({ shares: s.shares ?? 0n }),
  receipt: burnSharesReceipt,
})

/** Layer 1 (pure): `StrategyManager.burnShares(strategy)` (permissionless; v1.3 and v1.4). */
export const prepareBurnShares = /* @__PURE__ */ prepareOf(burnSharesCall)
/**
 * Layer 2: refuses when the release has no burnable shares (v1.2: `UnsupportedReleaseError`) or
 * nothing is burnable for the strategy, then simulates.
 */
export const simulateBurnShares = /* @__PURE__ */ simulateOf(burnShares_)
/** Layer 3: checks, simulates and sends `burnShares`. Anyone may call it. */
export const burnShares = /* @__PURE__ */ sendOf(burnShares_)
/** Layer 4: the receipt and the shares `burned` (`BurnableSharesDecreased`). */
export const waitForBurnShares = /* @__PURE__ */ waitForOf({ name: BURN_SHARES }, burnSharesReceipt)

export type PrepareBurnSharesParameters = Parameters<typeof prepareBurnShares>[0]
export type PrepareBurnSharesReturnType = ReturnType<typeof prepareBurnShares>
export type SimulateBurnSharesReturnType = Awaited<ReturnType<typeof simulateBurnShares>>
export type BurnSharesReturnType = Awaited<ReturnType<typeof burnShares>>
export type WaitForBurnSharesReturnType = Awaited<ReturnType<typeof waitForBurnShares>>
export type BurnSharesErrorType =
  | UnsupportedReleaseError
  | InvalidParameterError
  | PausedError
  | WriteErrorType
