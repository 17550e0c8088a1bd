// A plain viem client (default pollingInterval 4 s) waiting on a write: the kit polls at least
// every second, so a transaction mined 300 ms after the wait starts is seen within about a second.
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { createPublicClient, http, parseAbi } from 'viem'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { RECEIPT_POLLING_MS, waitForEvents } from './receipt.js'

let devnet: Devnet
beforeAll(async () => {
  devnet = await startDevnet({ symbiotic: false, karak: false })
})
afterAll(() => devnet?.stop())

test('waitForEvents on a plain viem client sees a mined transaction within ~1 s, not viem default 4 s', async () => {
  const plain = createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) })
  expect(plain.pollingInterval).toBe(4_000)
  const sender = await devnet.newAccount()
  await devnet.testClient.setAutomine(false)
  try {
    const hash = await devnet.walletClient(sender).sendTransaction({ to: sender.address, value: 1n })
    const started = Date.now()
    setTimeout(() => void devnet.testClient.mine({ blocks: 1 }), 300)
    const { receipt } = await waitForEvents(plain, hash, parseAbi(['event Noop()']))
    const waited = Date.now() - started
    expect(receipt.status).toBe('success')
    expect(waited).toBeLessThan(300 + RECEIPT_POLLING_MS + 700)
  } finally {
    await devnet.testClient.setAutomine(true)
  }
})
