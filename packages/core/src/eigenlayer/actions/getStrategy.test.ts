import { describe, expect, test } from 'vitest'
import { InvalidAddressError, UnsupportedChainError } from '../../errors.js'
import { account, silentClients, unknownChain } from '../test/unit.js'
import { getStrategy } from './getStrategy.js'

describe('getStrategy (unit)', () => {
  test('a bad address or an unknown chain fails before any request', async () => {
    const { publicClient, counter } = silentClients()
    await expect(getStrategy(publicClient, { strategy: '0xnot-an-address' as never })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    const other = silentClients(unknownChain)
    await expect(getStrategy(other.publicClient, { strategy: account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
