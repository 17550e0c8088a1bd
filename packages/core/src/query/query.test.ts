import { createPublicClient, http } from 'viem'
import { foundry, mainnet } from 'viem/chains'
import { describe, expect, test } from 'vitest'
import { portfolioQueryOptions, restakekitKey, toKeyPart, withdrawalsQueryOptions } from './index.js'

const onMainnet = createPublicClient({ chain: mainnet, transport: http('http://127.0.0.1:1') })
const onFoundry = createPublicClient({ chain: foundry, transport: http('http://127.0.0.1:1') })
const staker = '0xF39Fd6e51aad88F6F4ce6aB8827279cffFb92266'

describe('query keys', () => {
  test('bigints become strings, so TanStack can hash the key with JSON.stringify', () => {
    const key = restakekitKey('x', onMainnet, { amount: 10n ** 30n, epochs: [1n, 2n] })
    expect(key).toEqual([
      'restakekit',
      'x',
      { amount: '1000000000000000000000000000000n', chainId: 1, epochs: ['1n', '2n'] },
    ])
    expect(() => JSON.stringify(key)).not.toThrow()
    // a number and a bigint of the same value do not collide
    expect(JSON.stringify(toKeyPart({ a: 1 }))).not.toBe(JSON.stringify(toKeyPart({ a: 1n })))
  })

  test('stable: field order, address case and undefined fields do not change the key', () => {
    const a = JSON.stringify(
      restakekitKey('x', onMainnet, { staker, vault: staker.toLowerCase(), epoch: undefined }),
    )
    const b = JSON.stringify(restakekitKey('x', onMainnet, { vault: staker, staker: staker.toLowerCase() }))
    expect(a).toBe(b)
    // non-address hex (a root) keeps its case; plain strings are untouched
    expect(toKeyPart('0xABCD')).toBe('0xABCD')
  })

  test('the chain and the query name are part of the key', () => {
    const m = portfolioQueryOptions(onMainnet, { staker }).queryKey
    const f = portfolioQueryOptions(onFoundry, { staker }).queryKey
    expect(m).toEqual(['restakekit', 'portfolio', { chainId: 1, staker: staker.toLowerCase() }])
    expect(f[2]).toEqual({ chainId: 31337, staker: staker.toLowerCase() })
    expect(withdrawalsQueryOptions(onMainnet, { staker }).queryKey[1]).toBe('withdrawals')
    expect(
      JSON.stringify(portfolioQueryOptions(onMainnet, { staker: staker.toLowerCase() as never }).queryKey),
    ).toBe(JSON.stringify(m))
  })
})
