import { describe, expect, test } from 'vitest'
import { InvalidAddressError, UnsupportedChainError } from '../../errors.js'
import { account, silentClients, unknownChain } from '../test/unit.js'
import { getPortfolio } from './getPortfolio.js'

describe('getPortfolio (unit)', () => {
  test('a bad address or an unknown chain fails before any request', async () => {
    const { publicClient, counter } = silentClients()
    await expect(getPortfolio(publicClient, { staker: '0xnot-an-address' as never })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    const other = silentClients(unknownChain)
    await expect(getPortfolio(other.publicClient, { staker: account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
