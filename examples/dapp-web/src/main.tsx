import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { defineChain } from 'viem'
import { createConfig, http, injected, WagmiProvider } from 'wagmi'
import { App } from './App.js'
import { loadConfig } from './lib/config.js'

const root = createRoot(document.getElementById('root') as HTMLElement)
try {
  const cfg = await loadConfig(window.location.search)
  const chain = defineChain({
    id: cfg.chainId,
    name: 'restakekit devnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: [cfg.rpcUrl] } },
    contracts: { multicall3: { address: '0xcA11bde05977b3631167028862bE2a173976CA11' } },
  })
  const wagmi = createConfig({
    chains: [chain],
    connectors: [injected()],
    transports: { [chain.id]: http(cfg.rpcUrl, { batch: true }) },
    pollingInterval: 100,
  })
  const queryClient = new QueryClient({
    // bigints in results: keys are made JSON-safe by the query layer; no structural sharing needed
    defaultOptions: { queries: { retry: false, structuralSharing: false, refetchOnWindowFocus: false } },
  })
  root.render(
    <StrictMode>
      <WagmiProvider config={wagmi}>
        <QueryClientProvider client={queryClient}>
          <App cfg={cfg} />
        </QueryClientProvider>
      </WagmiProvider>
    </StrictMode>,
  )
} catch (error) {
  root.render(<p className="error">{(error as Error).message}</p>)
}
