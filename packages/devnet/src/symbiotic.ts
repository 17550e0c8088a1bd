import type { Address } from 'viem'
import type { DevnetContext } from './context.js'

/** Symbiotic core 1.0.3 addresses on the devnet (same keys as `@restakekit/core`'s Symbiotic deployment). */
export type DevnetSymbiotic = {
  vaultFactory: Address
  delegatorFactory: Address
  slasherFactory: Address
  networkRegistry: Address
  operatorRegistry: Address
  operatorMetadataService: Address
  networkMetadataService: Address
  networkMiddlewareService: Address
  operatorVaultOptInService: Address
  operatorNetworkOptInService: Address
  vaultConfigurator: Address
}

/** Deploys the real Symbiotic core (npm `@symbioticfi/core@1.0.3`). TODO: implemented by the Symbiotic work. */
export async function deploySymbiotic(_ctx: DevnetContext): Promise<DevnetSymbiotic | undefined> {
  return undefined
}
