import type { Address } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import { assertAddress, contractCall, defineWrite, layer, stage } from '../../kit/index.js'
import { eigenlayerEventsAbi, strategyManagerAbi } from '../abis.js'
import { eigenlayerRevertMapper, type PausedError } from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'

export type BurnSharesParameters = { strategy: Address } & DeploymentParameter

const burnShares_ = /* @__PURE__ */ defineWrite({
  name: 'eigenlayer.burnShares',
  contract: 'StrategyManager',
  deployment: lazyDeployment,
  resolve: (p: BurnSharesParameters, ctx) => ({
    strategy: assertAddress('strategy', p.strategy),
    strategyManager: deploymentOf(ctx).strategyManager,
  }),
  /** The strategy's burnable shares (`null`: the release has no `getBurnableShares`, v1.2 burns at once). */
  read: (a) =>
    stage(
      [
        {
          address: a.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'getBurnableShares',
          args: [a.strategy],
        },
      ],
      ([r]) => ({ shares: r?.status === 'success' ? (r.result as bigint) : null }),
    ),
  check: (a, s) => {
    if (s.shares === null)
      throw new InvalidParameterError(
        'deployment',
        'this release burns slashed shares at once (no burnShares)',
      )
    if (s.shares === 0n) throw new InvalidParameterError('strategy', `${a.strategy} has no burnable shares`)
  },
  call: (a) =>
    contractCall({
      address: a.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'burnShares',
      args: [a.strategy],
    }),
  revert: (a) => eigenlayerRevertMapper({ strategy: a.strategy, contract: 'StrategyManager' }),
  /** `shares`: the burnable shares the call burns. */
  simulated: (_a, s, _result: undefined) => ({ shares: s.shares ?? 0n }),
  receipt: {
    abi: eigenlayerEventsAbi,
    /** `BurnableSharesDecreased.shares`: the shares burned (their tokens went to the burn address). */
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === 'BurnableSharesDecreased')
      return { burned: ev ? (ev.args as { shares: bigint }).shares : 0n }
    },
  },
})

/** Layer 1 (pure): `StrategyManager.burnShares(strategy)` (permissionless; v1.3 and v1.4). */
export const prepareBurnShares = /* @__PURE__ */ layer(burnShares_, 'prepare')
/** Layer 2: refuses when nothing is burnable for the strategy (or the release has no burnable shares), then simulates. */
export const simulateBurnShares = /* @__PURE__ */ layer(burnShares_, 'simulate')
/** Layer 3: checks, simulates and sends `burnShares`. Anyone may call it. */
export const burnShares = /* @__PURE__ */ layer(burnShares_, 'send')
/** Layer 4: the receipt and the shares `burned` (`BurnableSharesDecreased`). */
export const waitForBurnShares = /* @__PURE__ */ layer(burnShares_, 'waitFor')

export type PrepareBurnSharesParameters = Parameters<typeof prepareBurnShares>[0]
export type PrepareBurnSharesReturnType = ReturnType<typeof prepareBurnShares>
export type SimulateBurnSharesReturnType = Awaited<ReturnType<typeof simulateBurnShares>>
export type BurnSharesReturnType = Awaited<ReturnType<typeof burnShares>>
export type WaitForBurnSharesReturnType = Awaited<ReturnType<typeof waitForBurnShares>>
export type BurnSharesErrorType = InvalidParameterError | PausedError
