import { describe, expect, test } from 'vitest'
import { InvalidAddressError, UnsupportedChainError } from '../../errors.js'
import { account, silentClients, unknownChain } from '../test/unit.js'
import { getAllocations } from './getAllocations.js'

describe('getAllocations (unit)', () => {
  test('a bad address or an unknown chain fails before any request', async () => {
    const { publicClient, counter } = silentClients()
    await expect(
      getAllocations(publicClient, { operator: '0xnot-an-address' as never }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    const other = silentClients(unknownChain)
    await expect(getAllocations(other.publicClient, { operator: account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
