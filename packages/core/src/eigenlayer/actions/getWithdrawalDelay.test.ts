import { createPublicClient, custom } from 'viem'
import { describe, expect, test } from 'vitest'
import { ChainMismatchError, InvalidParameterError, UnsupportedChainError } from '../../errors.js'
import { devnetDeployment, silentClients, unknownChain } from '../test/unit.js'
import { getWithdrawalDelay } from './getWithdrawalDelay.js'

describe('getWithdrawalDelay (unit)', () => {
  test('unknown chain, chain mismatch and chainless client fail before any request', async () => {
    const other = silentClients(unknownChain)
    await expect(getWithdrawalDelay(other.publicClient)).rejects.toBeInstanceOf(UnsupportedChainError)
    await expect(
      getWithdrawalDelay(other.publicClient, { deployment: devnetDeployment }),
    ).rejects.toBeInstanceOf(ChainMismatchError)
    const chainless = createPublicClient({ transport: custom({ request: async () => 0 }) })
    await expect(getWithdrawalDelay(chainless)).rejects.toBeInstanceOf(InvalidParameterError)
    expect(other.counter.requests).toBe(0)
  })
})
