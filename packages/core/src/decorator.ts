import type { Chain, Client, Transport } from 'viem'
import { type EigenLayerActions, eigenlayerActions } from './eigenlayer/decorator.js'
import { type KarakActions, karakActions } from './karak/decorator.js'
import { type SymbioticActions, symbioticActions } from './symbiotic/decorator.js'

export type RestakingActionsConfig = {
  /** EigenLayer deployment to use instead of the known one for the client's chain. */
  eigenlayer?: Parameters<typeof eigenlayerActions>[1]
  symbiotic?: Parameters<typeof symbioticActions>[1]
  karak?: Parameters<typeof karakActions>[1]
}

export type RestakingActions = {
  restaking: {
    eigenlayer: EigenLayerActions
    symbiotic: SymbioticActions
    karak: KarakActions
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
    },
  })
}
