import { decodeFunctionData, zeroAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { ArrayLengthMismatchError, InvalidParameterError } from '../../errors.js'
import { delegationManagerAbi } from '../abis.js'
import { account, devnetDeployment as d, silentClients } from '../test/unit.js'
import { completeWithdrawals, prepareCompleteWithdrawals } from './completeWithdrawals.js'

const withdrawal = {
  staker: account.address,
  delegatedTo: zeroAddress,
  withdrawer: account.address,
  nonce: 0n,
  startBlock: 10,
  strategies: [d.strategies.fixture.strategy],
  scaledShares: [5n],
}

describe('completeWithdrawals (unit)', () => {
  test('one withdrawal: completeQueuedWithdrawal; several: completeQueuedWithdrawals', () => {
    const token = d.strategies.fixture.token
    const [one] = prepareCompleteWithdrawals({
      deployment: d,
      withdrawals: [withdrawal],
      tokens: [[token]],
      receiveAsTokens: [true],
    })
    expect(decodeFunctionData({ abi: delegationManagerAbi, data: one!.data }).functionName).toBe(
      'completeQueuedWithdrawal',
    )
    const [two] = prepareCompleteWithdrawals({
      deployment: d,
      withdrawals: [withdrawal, { ...withdrawal, nonce: 1n }],
      tokens: [[token], [token]],
      receiveAsTokens: [true, false],
    })
    const decoded = decodeFunctionData({ abi: delegationManagerAbi, data: two!.data })
    expect(decoded.functionName).toBe('completeQueuedWithdrawals')
    expect(decoded.args?.[2]).toEqual([true, false])
  })

  test('length mismatches and bad roots: typed errors, no request', async () => {
    expect(() =>
      prepareCompleteWithdrawals({
        deployment: d,
        withdrawals: [withdrawal],
        tokens: [[], []],
        receiveAsTokens: [true],
      }),
    ).toThrow(ArrayLengthMismatchError)
    expect(() =>
      prepareCompleteWithdrawals({
        deployment: d,
        withdrawals: [withdrawal],
        tokens: [[]],
        receiveAsTokens: [true],
      }),
    ).toThrow(ArrayLengthMismatchError)
    const { walletClient, counter } = silentClients()
    await expect(
      completeWithdrawals(walletClient, { withdrawals: ['0x01', '0x02'], receiveAsTokens: [true] }),
    ).rejects.toBeInstanceOf(ArrayLengthMismatchError)
    await expect(completeWithdrawals(walletClient, { withdrawals: ['0x1234'] })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    await expect(completeWithdrawals(walletClient, { receiveAsTokens: [true] })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    expect(counter.requests).toBe(0)
  })
})
