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
    const e = new ChainMismatchError({ deployment: 1, client: 5 })
    expect([e.expected, e.actual, e.deployment, e.client, e.node]).toEqual([1, 5, 1, 5, undefined])
  })
})

describe('reserveNonce', () => {
  const who = '0x52908400098527886E0F7030069857D2E4169EE7'
  const settled = async (p: Promise<unknown>) => {
    let done = false
    void p.then(() => {
      done = true
    })
    await new Promise((r) => setTimeout(r, 10))
    return done
  }

  test('one ticket at a time per account: the next is handed out when the node answered the previous send', async () => {
    const { client, seen } = scripted(1, mainnet, { nonce: () => 7 })
    const first = await reserveNonce(client, who)
    const second = reserveNonce(client, who)
    const third = reserveNonce(client, who)
    expect(first.nonce).toBe(7)
    expect(await settled(second)).toBe(false)
    // another account's lane does not wait
    expect((await reserveNonce(client, '0x0000000000000000000000000000000000000001')).nonce).toBe(7)
    first.release(true)
    const t2 = await second
    expect(t2.nonce).toBe(8)
    expect(await settled(third)).toBe(false)
    t2.release(true)
    const t3 = await third
    expect(t3.nonce).toBe(9)
    // counted on from the accepted sends: one read for the lane, one for the other account
    expect(seen.eth_getTransactionCount).toBe(2)
    t3.release(true)
  })

  test('a refused nonce is neither skipped nor handed out twice: the node is read again', async () => {
    let count = 7
    const { client, seen } = scripted(1, mainnet, { nonce: () => count })
    const first = await reserveNonce(client, who)
    const queued = Array.from({ length: 3 }, () => reserveNonce(client, who))
    first.release(false) // the node refused nonce 7: it is still the next one
    const a = await queued[0]!
    expect(a.nonce).toBe(7)
    expect(seen.eth_getTransactionCount).toBe(2)
    a.release(true)
    const b = await queued[1]!
    expect(b.nonce).toBe(8)
    b.release(true)
    const c = await queued[2]!
    expect(c.nonce).toBe(9)
    c.release(true)
    count = 3 // idle lane: the node is read again (e.g. a reverted devnet)
    const d = await reserveNonce(client, who)
    expect(d.nonce).toBe(3)
    expect(seen.eth_getTransactionCount).toBe(3)
    d.release(true)
    d.release(false) // a second release changes nothing
    expect((await reserveNonce(client, who)).nonce).toBe(3)
  })

  test('a failed read frees the lane: the reservation queued behind it reads the node itself', async () => {
    let reads = 0
    const { client } = scripted(1, mainnet, {
      nonce: () => {
        if (++reads === 1) throw new Error('node down')
        return 5
      },
    })
    const failing = reserveNonce(client, who)
    const queued = reserveNonce(client, who)
    await expect(failing).rejects.toThrow()
    expect((await queued).nonce).toBe(5)
    expect(reads).toBe(2)
  })
})
