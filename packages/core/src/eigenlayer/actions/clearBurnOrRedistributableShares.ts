// v1.5+ redistribution (mainnet v1.12). NOT CHAIN-TESTED on v1.5+: no devnet state runs v1.5+; the
// fragments are checked against the v1.12.0 ABIs (abis.test.ts) and the calls in unit tests. The
// refusal on older releases (UnsupportedReleaseError, nothing sent) is chain-tested on both states.
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
import { allocationManagerAbi, eigenlayerEventsAbi, strategyManagerAbi } from '../abis.js'
import {
  eigenlayerReverts,
  type PausedError,
  strategyManagerReverts,
  UnsupportedReleaseError,
} from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'
import { type EigenLayerRelease, RELEASE_READS, releaseFromResults, releaseReads } from '../release.js'
import type { OperatorSet } from './getAllocations.js'

export type ClearBurnOrRedistributableSharesParameters = {
  operatorSet: OperatorSet
  slashId: bigint
  /** One strategy (`clearBurnOrRedistributableSharesByStrategy`); default: all of the slash. */
  strategy?: Address
} & DeploymentParameter

type ClearState = {
  release: EigenLayerRelease
  /** What waits: the slash's strategy count, or the one strategy's shares (`null`: view absent). */
  waiting: bigint | null
  /** Where the tokens go: the set's redistribution recipient (the burn address when not redistributing). */
  recipient: Address | null
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLEAR = 'eigenlayer.clearBurnOrRedistributableShares'
const clearCall = /* @__PURE__ */ defineCall({
  name: CLEAR,
  contract: 'StrategyManager',
  deployment: lazyDeployment,
  resolve: (p: ClearBurnOrRedistributableSharesParameters, ctx) => {
    const operatorSet = {
      avs: assertAddress('operatorSet.avs', p.operatorSet.avs),
      id: p.operatorSet.id,
    }
    if (!Number.isInteger(operatorSet.id) || operatorSet.id < 0 || operatorSet.id > 0xffffffff)
      throw new InvalidParameterError({ parameter: 'operatorSet.id', reason: 'must be a uint32' })
    if (typeof p.slashId !== 'bigint' || p.slashId < 0n)
      throw new InvalidParameterError({ parameter: 'slashId', reason: 'must be a non-negative bigint' })
    const strategy = p.strategy === undefined ? undefined : assertAddress('strategy', p.strategy)
    return { operatorSet, slashId: p.slashId, strategy, deployment: deploymentOf(ctx) }
  },
  call: (a) =>
    a.strategy === undefined
      ? contractCall({
          address: a.deployment.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'clearBurnOrRedistributableShares',
          args: [a.operatorSet, a.slashId],
        })
      : contractCall({
          address: a.deployment.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'clearBurnOrRedistributableSharesByStrategy',
          args: [a.operatorSet, a.slashId, a.strategy],
        }),
})
const clearReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** `BurnOrRedistributableSharesDecreased` per strategy: the shares cleared. */
  decode: (_client, r) => ({
    cleared: r.events
      .filter((e) => e.eventName === 'BurnOrRedistributableSharesDecreased')
      .map((e) => {
        const args = e.args as { strategy: Address; shares: bigint }
        return { strategy: args.strategy, shares: args.shares }
      }),
  }),
})
const clear_ = /* @__PURE__ */ defineWrite(clearCall, {
  /** The release (the probe's reads, same batch), what waits for this slash, and its recipient. */
  read: (a) =>
    stage(
      [
        ...releaseReads(a.deployment),
        a.strategy === undefined
          ? {
              address: a.deployment.strategyManager,
              abi: strategyManagerAbi,
              functionName: 'getBurnOrRedistributableCount',
              args: [a.operatorSet, a.slashId],
            }
          : {
              address: a.deployment.strategyManager,
              abi: strategyManagerAbi,
              functionName: 'getBurnOrRedistributableShares',
              args: [a.operatorSet, a.slashId, a.strategy],
            },
        {
          address: a.deployment.allocationManager,
          abi: allocationManagerAbi,
          functionName: 'getRedistributionRecipient',
          args: [a.operatorSet],
        },
      ],
      (r): ClearState => {
        const w = r[RELEASE_READS]
        const rec = r[RELEASE_READS + 1]
        return {
          release: releaseFromResults(r),
          waiting: w?.status === 'success' ? (w.result as bigint) : null,
          recipient: rec?.status === 'success' ? (rec.result as Address) : null,
        }
      },
    ),
  check: (a, s) => {
    if (!s.release.features.redistribution || s.waiting === null)
      throw new UnsupportedReleaseError({
        action: 'eigenlayer.clearBurnOrRedistributableShares',
        release: s.release.family,
        needs: 'v1.5+ (slashed shares wait per operator set and slash id)',
        instead: s.release.features.burnableShares
          ? 'On this release slashed shares wait per strategy: use burnShares({ strategy }).'
          : 'This release burns slashed shares in the slash itself: there is nothing to clear.',
      })
    if (s.waiting === 0n)
      throw new InvalidParameterError({
        parameter: a.strategy === undefined ? 'slashId' : 'strategy',
        reason: `nothing waits to be burned or redistributed for slash ${a.slashId} of ${a.operatorSet.avs}/${a.operatorSet.id}${a.strategy ? ` in ${a.strategy}` : ''}`,
      })
  },
  revert: (a) =>
    eigenlayerReverts([strategyManagerReverts], { strategy: a.strategy, contract: 'StrategyManager' }),
  /** `recipient`: where the tokens go (the burn address unless the set redistributes). */
  simulated: (_a, s, _result: unknown) => ({ recipient: s.recipient }),
  receipt: clearReceipt,
})

/**
 * Layer 1 (pure), v1.5+, not chain-tested: `StrategyManager.clearBurnOrRedistributableShares(set,
 * slashId)` (permissionless; `…ByStrategy` with `strategy`): sends a slash's shares to the burn
 * address, or to the set's redistribution recipient for a redistributing set.
 */
export const prepareClearBurnOrRedistributableShares = /* @__PURE__ */ prepareOf(clearCall)
/**
 * Layer 2 (v1.5+, not chain-tested): refuses before v1.5 (`UnsupportedReleaseError`, naming the
 * release and what to use there) and when nothing waits for the slash, then simulates.
 */
export const simulateClearBurnOrRedistributableShares = /* @__PURE__ */ simulateOf(clear_)
/** Layer 3 (v1.5+, not chain-tested): the same checks, simulates and sends. Anyone may call it. */
export const clearBurnOrRedistributableShares = /* @__PURE__ */ sendOf(clear_)
/** Layer 4 (v1.5+, not chain-tested): the receipt and the shares `cleared` per strategy. */
export const waitForClearBurnOrRedistributableShares = /* @__PURE__ */ waitForOf(
  { name: CLEAR },
  clearReceipt,
)

export type PrepareClearBurnOrRedistributableSharesParameters = Parameters<
  typeof prepareClearBurnOrRedistributableShares
>[0]
export type PrepareClearBurnOrRedistributableSharesReturnType = ReturnType<
  typeof prepareClearBurnOrRedistributableShares
>
export type SimulateClearBurnOrRedistributableSharesReturnType = Awaited<
  ReturnType<typeof simulateClearBurnOrRedistributableShares>
>
export type ClearBurnOrRedistributableSharesReturnType = Awaited<
  ReturnType<typeof clearBurnOrRedistributableShares>
>
export type WaitForClearBurnOrRedistributableSharesReturnType = Awaited<
  ReturnType<typeof waitForClearBurnOrRedistributableShares>
>
export type ClearBurnOrRedistributableSharesErrorType =
  | UnsupportedReleaseError
  | InvalidParameterError
  | PausedError
  | WriteErrorType
