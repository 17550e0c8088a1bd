import { describe, expect, test } from 'vitest'
import { InvalidAddressError, UnsupportedChainError } from '../../errors.js'
import { account, silentClients, unknownChain } from '../test/unit.js'
import { getPod } from './getPod.js'

describe('getPod (unit)', () => {
  test('a bad address or an unknown chain fails before any request', async () => {
    const { publicClient, counter } = silentClients()
    await expect(getPod(publicClient, { owner: '0xnot-an-address' as never })).rejects.toBeInstanceOf(
      InvalidAddressError,
    )
    const other = silentClients(unknownChain)
    await expect(getPod(other.publicClient, { owner: account.address })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
