import type { Client } from 'viem'
import { eigenlayer } from './eigenlayer/module.js'
import { karak } from './karak/module.js'
import { type AnyProtocolModule, type BoundModule, bindModule } from './kit/index.js'
import {
  type GetRestakingPortfolioParameters,
  type GetRestakingPortfolioReturnType,
  getRestakingPortfolio,
} from './portfolio.js'
import { symbiotic } from './symbiotic/module.js'

/** The protocols `restakingActions()` binds when none are named. */
export const defaultProtocolModules = [eigenlayer, symbiotic, karak] as const

type DeploymentOf<M> = M extends { deployments: Readonly<Record<number, infer D>> } ? D : never

export type RestakingActionsConfig<
  modules extends readonly AnyProtocolModule[] = typeof defaultProtocolModules,
> = {
  /** The protocol modules to bind (default `defaultProtocolModules`; add `@restakekit/lrt`'s here). */
  protocols?: modules | undefined
} & {
  /**
   * A deployment per protocol (by module id), used wherever a call passes none, instead of the
   * known one for the client's chain: `restakingActions({ symbiotic: devnet.deployments.symbiotic })`.
   */
  [M in modules[number] as M['id']]?: DeploymentOf<M> | undefined
}

export type RestakingActions<modules extends readonly AnyProtocolModule[] = typeof defaultProtocolModules> = {
  restaking: { [M in modules[number] as M['id']]: BoundModule<M> } & {
    /** Every position of a staker across the bound protocols (see `getRestakingPortfolio`). */
    getPortfolio: (
      params: GetRestakingPortfolioParameters<modules>,
    ) => Promise<GetRestakingPortfolioReturnType<modules>>
  }
}

/** The default protocols' namespace, as an interface (named, so type-checking a client is cheap). */
export interface DefaultRestakingNamespace {
  eigenlayer: BoundModule<typeof eigenlayer>
  symbiotic: BoundModule<typeof symbiotic>
  karak: BoundModule<typeof karak>
  /** Every position of a staker across EigenLayer, Symbiotic and Karak (see `getRestakingPortfolio`). */
  getPortfolio: (params: GetRestakingPortfolioParameters) => Promise<GetRestakingPortfolioReturnType>
}

/** What `restakingActions()` adds to a client with the default protocols. */
export type DefaultRestakingActions = { restaking: DefaultRestakingNamespace }

/**
 * The client a decorator receives: any viem client (public, wallet, test; any transport, chain and
 * account), since what the decorator returns does not depend on it. Deliberately not generic: a
 * `<transport, chain>(client: Client<transport, chain>)` signature makes `client.extend(...)` infer
 * both against the whole client type, which tripled the type-check cost of a consumer that binds its
 * own module list (`examples/typecheck/run.sh`).
 */
// biome-ignore lint/suspicious/noExplicitAny: `any` arguments spare the structural check of the caller's whole client type
type AnyClient = Client<any, any, any, any, any>

/**
 * A viem client decorator: `client.extend(restakingActions())` gives
 * `client.restaking.eigenlayer.getDeposits(...)` and so on — each protocol module bound the same
 * way (`bindModule`), and one portfolio over all of them. Pass `protocols` to add modules from
 * other packages; they join the namespace and the portfolio without core knowing them.
 */
export function restakingActions(
  config?: RestakingActionsConfig,
): (client: AnyClient) => DefaultRestakingActions
export function restakingActions<const modules extends readonly AnyProtocolModule[]>(
  config: RestakingActionsConfig<modules> & { protocols: modules },
): (client: AnyClient) => RestakingActions<modules>
export function restakingActions(config: { protocols?: readonly AnyProtocolModule[] | undefined } = {}) {
  const modules = config.protocols ?? defaultProtocolModules
  const deployments = config as unknown as Readonly<Record<string, unknown>>
  return (client: AnyClient) => {
    const restaking: Record<string, unknown> = {}
    for (const module of modules) restaking[module.id] = bindModule(client, module, deployments[module.id])
    restaking.getPortfolio = (params: object) =>
      getRestakingPortfolio(client, { protocols: modules, ...params } as never, deployments)
    return { restaking } as never
  }
}
