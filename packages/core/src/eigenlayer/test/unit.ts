// Unit-test helpers: clients that must not send any request.
import { type Chain, createPublicClient, createWalletClient, custom, defineChain } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { BEACON_CHAIN_ETH_STRATEGY, type EigenLayerDeployment } from '../deployments.js'

export const devnetChain = defineChain({
  id: 31337,
  name: 'devnet',
  nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
  rpcUrls: { default: { http: ['http://127.0.0.1:1'] } },
})
export const unknownChain = defineChain({ ...devnetChain, id: 5 })

export const account = privateKeyToAccount(
  '0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d',
)

/** Clients whose transport fails the test on any request (validation must come first). */
export function silentClients(chain: Chain = devnetChain) {
  const counter = { requests: 0 }
  const transport = custom({
    async request() {
      counter.requests++
      throw new Error('no request expected')
    },
  })
  return {
    counter,
    publicClient: createPublicClient({ chain, transport }),
    walletClient: createWalletClient({ chain, transport, account }),
  }
}

/**
 * A deployment on chain 31337 for unit tests (no chain behind it; the SDK has no 31337 table, so
 * tests pass it explicitly, as a devnet user passes `devnet.deployments.eigenlayer`).
 */
export const devnetDeployment = {
  chainId: 31337,
  delegationManager: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9',
  strategyManager: '0xa513E6E4b8f2a923D98304ec87F64353C4D5C853',
  eigenPodManager: '0x59b670e9fA9D0A427751Af201D676719a970857b',
  avsDirectory: '0xB7f8BC63BbcaD18155201308C8f3540b07f84F5e',
  allocationManager: '0x8A791620dd6260079BF849Dc5567aDC3F2FdC318',
  rewardsCoordinator: '0x0DCd1Bf9A1b36cE34237eEaFef220932846BCD82',
  permissionController: '0x322813Fd9A801c5507c9de605d63CEA4f2CE6c44',
  strategyFactory: '0x3Aa5ebB10DC797CAC828524e59A333d0A371443c',
  strategies: {
    fixture: {
      strategy: '0xeC4cFde48EAdca2bC63E94BB437BbeAcE1371bF3',
      token: '0x36C02dA8a0983159322a80FFE9F24b1acfF8B570',
    },
    beaconChainETH: { strategy: BEACON_CHAIN_ETH_STRATEGY, token: null },
  },
} as const satisfies EigenLayerDeployment
