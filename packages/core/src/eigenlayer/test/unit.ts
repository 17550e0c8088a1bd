// Unit-test helpers: clients that must not send any request.
import { type Chain, createPublicClient, createWalletClient, custom, defineChain } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { eigenlayerDeployments } from '../deployments.js'

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

export const devnetDeployment = eigenlayerDeployments[31337]
