import { decodeFunctionData } from 'viem'
import { describe, expect, test } from 'vitest'
import { ArrayLengthMismatchError, InvalidAmountError, InvalidParameterError } from '../../errors.js'
import { delegationManagerAbi } from '../abis.js'
import { account, devnetDeployment as d, silentClients } from '../test/unit.js'
import { prepareQueueWithdrawals, queueWithdrawals, simulateQueueWithdrawals } from './queueWithdrawals.js'

const s1 = d.strategies.fixture.strategy
const s2 = d.strategies.beaconChainETH.strategy

describe('queueWithdrawals (unit)', () => {
  test('prepareQueueWithdrawals: one withdrawal for several strategies, in deposit shares, withdrawer = staker', () => {
    const [call] = prepareQueueWithdrawals({
      deployment: d,
      account: account.address,
      strategies: [s1, s2],
      depositShares: [3n, 4n],
    })
    expect(call!.to).toBe(d.delegationManager)
    expect(decodeFunctionData({ abi: delegationManagerAbi, data: call!.data })).toEqual({
      functionName: 'queueWithdrawals',
      args: [[{ strategies: [s1, s2], depositShares: [3n, 4n], __deprecated_withdrawer: account.address }]],
    })
  })

  test('array length mismatch, zero amounts, both or neither of shares/amounts: typed errors, no request', async () => {
    expect(() =>
      prepareQueueWithdrawals({
        deployment: d,
        account: account.address,
        strategies: [s1, s2],
        depositShares: [3n],
      }),
    ).toThrow(ArrayLengthMismatchError)
    const { walletClient, publicClient, counter } = silentClients()
    await expect(
      queueWithdrawals(walletClient, { strategies: [s1, s2], shares: [1n] }),
    ).rejects.toBeInstanceOf(ArrayLengthMismatchError)
    await expect(queueWithdrawals(walletClient, { strategies: [s1], shares: [0n] })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(
      simulateQueueWithdrawals(publicClient, { account, strategies: [s1], shares: [1n], amounts: [1n] }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    await expect(
      simulateQueueWithdrawals(publicClient, { account, strategies: [s1] }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    await expect(queueWithdrawals(walletClient, { strategies: [], shares: [] })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    expect(counter.requests).toBe(0)
  })
})
