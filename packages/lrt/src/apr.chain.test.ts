// The generic LRT APR on a node that keeps no history (anvil --prune-history): a start block whose
// state is gone is a typed HistoricalStateUnavailableError, while the same read at the latest block works.
import { startAnvil } from '@restakekit/devnet'
import { createTestClient, http, parseEther, publicActions } from 'viem'
import { getBalance } from 'viem/actions'
import { foundry } from 'viem/chains'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { getApr, type RateAt } from './apr.js'
import { HistoricalStateUnavailableError } from './errors.js'

let anvil: Awaited<ReturnType<typeof startAnvil>>
beforeAll(async () => {
  anvil = await startAnvil({ args: ['--prune-history'] })
})
afterAll(() => anvil?.stop())

test('a pruned start block is a HistoricalStateUnavailableError, the latest block still reads', async () => {
  const client = createTestClient({ mode: 'anvil', chain: foundry, transport: http(anvil.rpcUrl) }).extend(
    publicActions,
  )
  const who = '0x000000000000000000000000000000000000a11c' as const
  // a "rate" that grows: an account's balance, read at a block (any getRate({ blockNumber }) plugs in)
  const rate: RateAt = (c, { blockNumber }) => getBalance(c, { address: who, blockNumber })
  await client.setBalance({ address: who, value: parseEther('1') })
  await client.mine({ blocks: 1 })
  const start = await client.getBlockNumber()
  for (let i = 0; i < 40; i++) await client.mine({ blocks: 1, interval: 12 })
  await client.setBalance({ address: who, value: parseEther('1.01') })
  await client.mine({ blocks: 1 })
  const error = await getApr(client, { fromBlock: start, getRate: rate, protocol: 'Test' }).catch((e) => e)
  expect(error).toBeInstanceOf(HistoricalStateUnavailableError)
  expect(error).toMatchObject({
    name: 'HistoricalStateUnavailableError',
    blockNumber: start,
    protocol: 'Test',
  })
  expect(error.docsPath).toBe('/errors#historical-state-unavailable')
  // the latest state is held: the same reader works there
  expect(await rate(client, { blockNumber: await client.getBlockNumber({ cacheTime: 0 }) })).toBe(
    parseEther('1.01'),
  )
})
