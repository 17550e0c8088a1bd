import { describe, expect, test } from 'vitest'
import { InvalidAddressError, UnsupportedChainError } from '../../errors.js'
import { account, silentClients, unknownChain } from '../test/unit.js'
import { getDeposits } from './getDeposits.js'

describe('getDeposits (unit)', () => {
  test('a bad address or an unknown chain fails before any request', async () => {
    const { publicClient, counter } = silentClients()
    await expect(getDeposits(publicClient, { staker: '0xnot-an-address' as never })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    const other = silentClients(unknownChain)
    await expect(getDeposits(other.publicClient, { staker: account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
