import type { Chain, Client, Transport } from 'viem'
import { type EigenLayerActions, eigenlayerActions } from './eigenlayer/decorator.js'
import type { EigenLayerDeployment } from './eigenlayer/deployments.js'
import { type KarakActions, karakActions } from './karak/decorator.js'
import type { KarakDeployment } from './karak/deployments.js'
import {
  type GetRestakingPortfolioParameters,
  type GetRestakingPortfolioReturnType,
  getRestakingPortfolio,
} from './portfolio.js'
import { type SymbioticActions, symbioticActions } from './symbiotic/decorator.js'
import type { SymbioticDeployment } from './symbiotic/deployments.js'

export type RestakingActionsConfig = {
  /** EigenLayer deployment to use instead of the known one for the client's chain. */
  eigenlayer?: EigenLayerDeployment
  /** Symbiotic deployment (the devnet's: `devnet.deployments.symbiotic`). */
  symbiotic?: SymbioticDeployment
  /** Karak deployment; its `vaults` are what a portfolio read looks at. */
  karak?: KarakDeployment
}

export type RestakingActions = {
  restaking: {
    eigenlayer: EigenLayerActions
    symbiotic: SymbioticActions
    karak: KarakActions
    /** Every position of a staker across EigenLayer, Symbiotic and Karak (see `getRestakingPortfolio`). */
    getPortfolio: (params: GetRestakingPortfolioParameters) => Promise<GetRestakingPortfolioReturnType>
  }
}

/**
 * A viem client decorator: `client.extend(restakingActions())` gives
 * `client.restaking.eigenlayer.getDeposits(...)` and so on, each the standalone action bound to the client.
 */
export function restakingActions(config: RestakingActionsConfig = {}) {
  return <transport extends Transport, chain extends Chain | undefined>(
    client: Client<transport, chain>,
  ): RestakingActions => ({
    restaking: {
      eigenlayer: eigenlayerActions(client, config.eigenlayer),
      symbiotic: symbioticActions(client, config.symbiotic),
      karak: karakActions(client, config.karak),
      getPortfolio: (params) => getRestakingPortfolio(client, withDefaults(params, config)),
    },
  })
}

/** The caller's portfolio parameters, with the decorator's deployments as defaults. */
function withDefaults(
  params: GetRestakingPortfolioParameters,
  config: RestakingActionsConfig,
): GetRestakingPortfolioParameters {
  const out: GetRestakingPortfolioParameters = { ...params }
  if (params.eigenlayer !== false && config.eigenlayer) {
    out.eigenlayer = { deployment: config.eigenlayer, ...(params.eigenlayer ?? {}) }
  }
  if (params.symbiotic !== false && config.symbiotic) {
    out.symbiotic = { deployment: config.symbiotic, ...(params.symbiotic ?? {}) }
  }
  if (params.karak !== false && config.karak) {
    out.karak = { deployment: config.karak, ...(params.karak ?? {}) }
  }
  return out
}
