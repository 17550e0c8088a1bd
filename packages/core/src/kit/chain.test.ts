import { type Chain, createPublicClient, custom, HttpRequestError } from 'viem'
import { foundry, mainnet } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { ChainMismatchError, RpcUnavailableError } from '../errors.js'
import { assertChain, isTransportFailure, nodeChainId } from './chain.js'
import { reserveNonce } from './nonce.js'

/** A client on a scripted node: answers `eth_chainId` with `chainId`, counts requests by method. */
function scripted(
  chainId: number,
  chain: Chain = mainnet,
  opts: { down?: boolean; nonce?: () => number } = {},
) {
  const seen: Record<string, number> = {}
  const client = createPublicClient({
    chain,
    transport: custom(
      {
        async request({ method }) {
          seen[method] = (seen[method] ?? 0) + 1
          if (opts.down) throw new HttpRequestError({ url: 'http://127.0.0.1:1', details: 'fetch failed' })
          if (method === 'eth_chainId') return `0x${chainId.toString(16)}`
          if (method === 'eth_getTransactionCount') return `0x${(opts.nonce?.() ?? 7).toString(16)}`
          throw new Error(`unexpected ${method}`)
        },
      },
      { retryCount: 0 },
    ),
  })
  return { client, seen }
}

describe('chain guard', () => {
  test('asks eth_chainId once per client; a match passes', async () => {
    const { client, seen } = scripted(1)
    await Promise.all([assertChain(client, 1), assertChain(client), nodeChainId(client)])
    await assertChain(client, 1)
    expect(seen.eth_chainId).toBe(1)
  })

  test('node ≠ client chain: ChainMismatchError naming node, client and deployment', async () => {
    const { client } = scripted(31337, mainnet)
    const err = await assertChain(client, 1).catch((e) => e)
    expect(err).toBeInstanceOf(ChainMismatchError)
    expect([err.node, err.client, err.deployment]).toEqual([31337, 1, 1])
    expect(err.message).toContain('node is on chain 31337')
  })

  test('node = client chain but the deployment is for another chain', async () => {
    const { client } = scripted(31337, foundry)
    const err = await assertChain(client, 1).catch((e) => e)
    expect(err).toBeInstanceOf(ChainMismatchError)
    expect([err.node, err.client, err.deployment]).toEqual([31337, 31337, 1])
  })

  test('a node that does not answer: RpcUnavailableError, not cached (asked again next time)', async () => {
    const { client, seen } = scripted(1, mainnet, { down: true })
    await expect(assertChain(client)).rejects.toBeInstanceOf(RpcUnavailableError)
    await expect(assertChain(client)).rejects.toBeInstanceOf(RpcUnavailableError)
    expect(seen.eth_chainId).toBe(2)
    expect(isTransportFailure(new HttpRequestError({ url: 'x' }))).toBe(true)
    expect(isTransportFailure(new Error('execution reverted'))).toBe(false)
  })

  test('the positional form (deployment, client) still works', () => {
    const e = new ChainMismatchError(1, 5)
    expect([e.expected, e.actual, e.deployment, e.client, e.node]).toEqual([1, 5, 1, 5, undefined])
  })
})

describe('reserveNonce', () => {
  test('parallel reservations get consecutive nonces from one read; once idle, the node is read again', async () => {
    let count = 7
    const { client, seen } = scripted(1, mainnet, { nonce: () => count })
    const who = '0x52908400098527886E0F7030069857D2E4169EE7'
    const tickets = await Promise.all(Array.from({ length: 5 }, () => reserveNonce(client, who)))
    expect(tickets.map((t) => t.nonce)).toEqual([7, 8, 9, 10, 11])
    expect(seen.eth_getTransactionCount).toBe(1)
    for (const t of tickets) t.release(true)
    count = 3 // e.g. a reverted devnet
    const next = await reserveNonce(client, who)
    expect(next.nonce).toBe(3)
    expect(seen.eth_getTransactionCount).toBe(2)
    // a nonce the node refused is given back: the next one reads the node again
    const other = await reserveNonce(client, who)
    expect(other.nonce).toBe(4)
    other.release(false)
    next.release(true)
    expect((await reserveNonce(client, who)).nonce).toBe(3)
  })
})
