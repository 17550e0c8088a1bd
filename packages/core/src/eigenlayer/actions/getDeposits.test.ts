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

describe('beacon-chain ETH in deposits', () => {
  test('no strategy reads; 1 share = 1 wei, converted without any request', async () => {
    const { BEACON_CHAIN_ETH_STRATEGY } = await import('../deployments.js')
    const { decodeStrategyInfo, strategyReads, toUnderlying } = await import('./getDeposits.js')
    expect(strategyReads(BEACON_CHAIN_ETH_STRATEGY)).toEqual([])
    const info = decodeStrategyInfo(BEACON_CHAIN_ETH_STRATEGY, [], 0)
    expect(info).toMatchObject({ token: null, beacon: true })
    const { publicClient, counter } = silentClients()
    expect(await toUnderlying(publicClient, [{ info, shares: 32n * 10n ** 18n }])).toEqual([32n * 10n ** 18n])
    expect(counter.requests).toBe(0)
  })
})
