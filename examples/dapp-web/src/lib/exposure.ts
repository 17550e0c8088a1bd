// Exposure query options for the page. They live here, not in @restakekit/core/query, because
// @restakekit/risk depends on core (core cannot import risk); a dApp copies this small file.
import { toKeyPart } from '@restakekit/core/query'
import { analyzePosition, type PositionAnalysis, snapshotRestaking } from '@restakekit/risk'
import type { Address, Chain, Client, Hex, Transport } from 'viem'
import type { PageConfig } from './config.js'

export type ExposureQueryParameters = {
  staker: Address
  vaults?: readonly Address[]
  subnetworks?: readonly Hex[]
  operators?: readonly Address[]
  deployments: Pick<PageConfig, 'eigenlayer' | 'symbiotic'>
}

/** Query options for what each of the staker's positions can lose, per service (`@restakekit/risk`). */
export function exposureQueryOptions(
  client: Client<Transport, Chain | undefined>,
  params: ExposureQueryParameters,
) {
  const { staker, vaults = [], subnetworks = [], operators = [], deployments } = params
  return {
    queryKey: [
      'restakekit',
      'exposure',
      toKeyPart({ chainId: client.chain?.id ?? null, staker, vaults, subnetworks, operators }),
    ] as const,
    queryFn: async (): Promise<PositionAnalysis> => {
      const snapshot = await snapshotRestaking(client, {
        stakers: [staker],
        vaults,
        subnetworks,
        operators,
        eigenlayer: deployments.eigenlayer ?? false,
        symbiotic: deployments.symbiotic ?? false,
        karak: false,
      })
      return analyzePosition(snapshot, { staker })
    },
  }
}
