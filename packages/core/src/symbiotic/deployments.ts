import type { Address } from 'viem'

/**
 * Where Symbiotic's core contracts live on a chain. Pass your own for a fork or a new testnet;
 * the devnet's `deployments.symbiotic` has the same keys (and satisfies this type).
 */
export type SymbioticDeployment = {
  readonly chainId?: number
  readonly vaultFactory: Address
  readonly delegatorFactory: Address
  readonly slasherFactory: Address
  readonly networkRegistry: Address
  readonly operatorRegistry: Address
  readonly networkMiddlewareService: Address
  readonly operatorVaultOptInService: Address
  readonly operatorNetworkOptInService: Address
  readonly vaultConfigurator: Address
  /** Absent where the chain has none (mainnet lists `address(0)`). */
  readonly networkMetadataService?: Address
  readonly operatorMetadataService?: Address
}

/**
 * Known Symbiotic core deployments by chain id: mainnet, Sepolia and Hoodi, from
 * symbioticfi/core `test/integration/SymbioticCoreConstants.sol` at v1.0.3 (npm
 * `@symbioticfi/core@1.0.3`), which also lists the retired Holesky (left out here, as for EigenLayer). The devnet deploys its own: pass `devnet.deployments.symbiotic`.
 */
export const symbioticDeployments = {
  1: {
    chainId: 1,
    vaultFactory: '0xAEb6bdd95c502390db8f52c8909F703E9Af6a346',
    delegatorFactory: '0x985Ed57AF9D475f1d83c1c1c8826A0E5A34E8C7B',
    slasherFactory: '0x685c2eD7D59814d2a597409058Ee7a92F21e48Fd',
    networkRegistry: '0xC773b1011461e7314CF05f97d95aa8e92C1Fd8aA',
    networkMiddlewareService: '0xD7dC9B366c027743D90761F71858BCa83C6899Ad',
    operatorRegistry: '0xAd817a6Bc954F678451A71363f04150FDD81Af9F',
    operatorVaultOptInService: '0xb361894bC06cbBA7Ea8098BF0e32EB1906A5F891',
    operatorNetworkOptInService: '0x7133415b33B438843D581013f98A08704316633c',
    vaultConfigurator: '0x29300b1d3150B4E2b12fE80BE72f365E200441EC',
  },
  11155111: {
    chainId: 11155111,
    vaultFactory: '0x407A039D94948484D356eFB765b3c74382A050B4',
    delegatorFactory: '0x890CA3f95E0f40a79885B7400926544B2214B03f',
    slasherFactory: '0xbf34bf75bb779c383267736c53a4ae86ac7bB299',
    networkRegistry: '0x7d03b7343BF8d5cEC7C0C27ecE084a20113D15C9',
    networkMetadataService: '0x0F7E58Cc4eA615E8B8BEB080dF8B8FDB63C21496',
    networkMiddlewareService: '0x62a1ddfD86b4c1636759d9286D3A0EC722D086e3',
    operatorRegistry: '0x6F75a4ffF97326A00e52662d82EA4FdE86a2C548',
    operatorMetadataService: '0x0999048aB8eeAfa053bF8581D4Aa451ab45755c9',
    operatorVaultOptInService: '0x95CC0a052ae33941877c9619835A233D21D57351',
    operatorNetworkOptInService: '0x58973d16FFA900D11fC22e5e2B6840d9f7e13401',
    vaultConfigurator: '0xD2191FE92987171691d552C219b8caEf186eb9cA',
  },
  560048: {
    chainId: 560048,
    vaultFactory: '0x407A039D94948484D356eFB765b3c74382A050B4',
    delegatorFactory: '0x890CA3f95E0f40a79885B7400926544B2214B03f',
    slasherFactory: '0xbf34bf75bb779c383267736c53a4ae86ac7bB299',
    networkRegistry: '0x7d03b7343BF8d5cEC7C0C27ecE084a20113D15C9',
    networkMetadataService: '0x0F7E58Cc4eA615E8B8BEB080dF8B8FDB63C21496',
    networkMiddlewareService: '0x62a1ddfD86b4c1636759d9286D3A0EC722D086e3',
    operatorRegistry: '0x6F75a4ffF97326A00e52662d82EA4FdE86a2C548',
    operatorMetadataService: '0x0999048aB8eeAfa053bF8581D4Aa451ab45755c9',
    operatorVaultOptInService: '0x95CC0a052ae33941877c9619835A233D21D57351',
    operatorNetworkOptInService: '0x58973d16FFA900D11fC22e5e2B6840d9f7e13401',
    vaultConfigurator: '0x94c344E816A53D07fC4c7F4a18f82b6Da87CFc8f',
  },
} as const satisfies Record<number, SymbioticDeployment>

/** Chain ids with a known Symbiotic deployment. */
export type SymbioticChainId = keyof typeof symbioticDeployments
