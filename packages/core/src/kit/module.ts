import type { Address, Hex } from 'viem'

import type { ReadClient } from './write.js'

/**
 * One entry of a staker's cross-protocol portfolio. A discriminated union by `kind`, so new kinds
 * (LRT holdings, claimable rewards) join without changing the ones already there.
 */
export type PortfolioEntry = StakePosition | QueuedWithdrawal | TokenHolding | ClaimableReward

/** Stake restaked in a strategy or vault. */
export type StakePosition = {
  kind: 'stake'
  protocol: string
  /** The EigenLayer strategy, or the Symbiotic / Karak vault. */
  location: Address
  /** The token `amount` is in; `null` for EigenLayer beacon-chain ETH (native ETH). */
  asset: Address | null
  /** What the position is worth now in `asset` base units (after any slashing). */
  amount: bigint
  /**
   * Who the stake is delegated to: the staker's EigenLayer operator, the Karak vault's operator;
   * `null` when undelegated or, for Symbiotic, because the vault's delegator spreads it over operators.
   */
  operator: Address | null
}

/** A withdrawal on its way out (or an LRT withdrawal request). */
export type QueuedWithdrawal = {
  kind: 'withdrawal'
  protocol: string
  location: Address
  asset: Address | null
  /** What it pays out now, in `asset` base units (slashing until completion still applies). */
  amount: bigint
  /** EigenLayer withdrawal root, Symbiotic epoch, Karak withdrawal key, or an LRT request id. */
  id: Hex | bigint
  /** A transaction sent now to complete or claim it succeeds. */
  ready: boolean
  /**
   * When it becomes ready: a block (EigenLayer) or a unix time (Symbiotic, Karak, most LRTs);
   * `null` when no time is knowable yet because it waits for someone else (an LRT request waits
   * for the protocol's operator to finalize its batch: ether.fi, Puffer, Swell). A ready entry
   * always has a readiness.
   */
  readyAt: Readiness | null
}

/** A liquid token held (an LRT): its balance and what it is worth in the underlying. */
export type TokenHolding = {
  kind: 'token'
  protocol: string
  token: Address
  balance: bigint
  underlying: { asset: Address | null; amount: bigint } | null
}

/** Rewards the staker can claim now. */
export type ClaimableReward = {
  kind: 'reward'
  protocol: string
  token: Address
  amount: bigint
  /** Where they are claimed (a RewardsCoordinator, a staker-rewards contract). */
  source: Address
}

/** The one readiness shape (glossary): a block number or a unix time. */
export type Readiness = { block: bigint } | { timestamp: bigint }

/** What one protocol contributes to a portfolio: normalized entries and its own detailed view. */
export type PortfolioSection<detail = unknown> = { entries: PortfolioEntry[]; detail: detail }

/**
 * A protocol module: its id (the client namespace and the portfolio key), its known deployments,
 * its actions by their standalone names, and its share of the portfolio. `restakingActions`
 * binds every module the same way, and `getRestakingPortfolio` loops over them, so a package
 * outside core (`@restakekit/lrt`) joins both by passing its modules.
 */
export type ProtocolModule<
  id extends string = string,
  deployment = unknown,
  actions extends ActionSet = ActionSet,
  detail = unknown,
  options extends object = object,
> = {
  id: id
  /** Known deployments by chain id (real networks only). */
  deployments: Readonly<Record<number, deployment>>
  /** Actions taking `(client, params)`; `prepareX` builders (pure) are listed in `prepare`. */
  actions: actions
  /** Pure call builders (`prepareX`), bound as they are, with the chain and deployment filled in. */
  prepare?: Readonly<Record<string, (params: never) => unknown>>
  /**
   * Reads this protocol's share of a staker's portfolio. Run concurrently with the other modules on
   * one batching client, so each stage shares the other modules' `aggregate3`. Return `undefined`
   * with a reason to skip (e.g. nothing to read).
   */
  portfolio?: (
    client: ReadClient,
    params: { staker: Address; deployment: deployment; options: options },
  ) => Promise<PortfolioSection<detail> | { skip: string }>
}

/** The portfolio part of a module alone (what `getRestakingPortfolio` needs; no write code). */
export type PortfolioModule<
  id extends string = string,
  deployment = unknown,
  detail = unknown,
  options extends object = object,
> = Pick<ProtocolModule<id, deployment, ActionSet, detail, options>, 'id' | 'deployments' | 'portfolio'>

// biome-ignore lint/suspicious/noExplicitAny: an action's parameters are contravariant; `never` cannot express "any action"
type AnyAction = (client: any, ...rest: any[]) => unknown
export type ActionSet = Readonly<Record<string, AnyAction>>

/** An action with its client bound: `(client, params) => R` becomes `(params) => R`. */
export type Bound<action> = action extends (client: never, ...rest: infer rest) => infer result
  ? (...rest: rest) => result
  : never

/** Any protocol module (structural: modules of other packages, whatever their deployment type). */
export type AnyProtocolModule = {
  readonly id: string
  readonly deployments: object
  readonly actions: ActionSet
  readonly prepare?: Readonly<Record<string, (params: never) => unknown>>
  readonly portfolio?: unknown
}

export type BoundModule<module extends AnyProtocolModule> = {
  [K in keyof module['actions']]: Bound<module['actions'][K]>
} & { [K in keyof NonNullable<module['prepare']>]: NonNullable<module['prepare']>[K] }

/**
 * Binds a module's actions to a client: each `(client, params)` becomes `(params)`, and the
 * deployment (given, else none: the action picks the chain's known one) and the chain id fill
 * `deployment` / `chainId` where the caller left them out.
 */
export function bindModule<module extends AnyProtocolModule>(
  client: ReadClient,
  module: module,
  deployment?: unknown,
): BoundModule<module> {
  const fill = (params: unknown, withChain: boolean): unknown => {
    if (typeof params !== 'object' || params === null || Array.isArray(params)) return params
    const p = params as { deployment?: unknown; chainId?: number }
    return {
      ...p,
      ...(deployment !== undefined && p.deployment === undefined ? { deployment } : {}),
      ...(withChain && p.chainId === undefined && client.chain ? { chainId: client.chain.id } : {}),
    }
  }
  const bound: Record<string, unknown> = {}
  for (const [name, action] of Object.entries(module.actions)) {
    bound[name] = (params?: unknown, ...rest: unknown[]) => action(client, fill(params ?? {}, false), ...rest)
  }
  for (const [name, prepare] of Object.entries(module.prepare ?? {})) {
    bound[name] = (params: unknown) => (prepare as (p: unknown) => unknown)(fill(params, true))
  }
  return bound as BoundModule<module>
}
