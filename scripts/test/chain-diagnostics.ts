// Chain-suite setup: when a test fails (a timeout included), print what every anvil of this test
// file holds in its transaction pool, so that a transaction stuck behind a nonce gap, or one the
// node never mined, shows in the CI log instead of a bare timeout.
import { runningAnvils } from '@restakekit/devnet'
import { beforeEach } from 'vitest'

async function rpc(url: string, method: string): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [] }),
    signal: AbortSignal.timeout(2_000),
  })
  return ((await res.json()) as { result?: unknown; error?: unknown }).result
}

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    for (const url of runningAnvils()) {
      try {
        const [status, inspect, block] = await Promise.all([
          rpc(url, 'txpool_status'),
          rpc(url, 'txpool_inspect'),
          rpc(url, 'eth_blockNumber'),
        ])
        console.error(
          `[chain diagnostics] "${task.name}" failed; anvil ${url} at block ${block}: txpool ${JSON.stringify(status)} ${JSON.stringify(inspect)}`,
        )
      } catch (error) {
        console.error(`[chain diagnostics] anvil ${url} did not answer: ${String(error)}`)
      }
    }
  })
})
