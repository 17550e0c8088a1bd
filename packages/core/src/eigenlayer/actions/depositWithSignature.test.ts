import { decodeFunctionData } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAmountError, InvalidParameterError } from '../../errors.js'
import { strategyManagerAbi } from '../abis.js'
import { account, devnetDeployment as d, silentClients } from '../test/unit.js'
import { depositWithSignature, prepareDepositWithSignature } from './depositWithSignature.js'

const signed = {
  staker: account.address,
  strategy: d.strategies.fixture.strategy,
  token: d.strategies.fixture.token,
  amount: 7n,
  nonce: 0n,
  expiry: 1000n,
  signature: '0x1234' as const,
}

describe('depositWithSignature (unit)', () => {
  test('prepare: the submitter approval and depositIntoStrategyWithSignature for the staker', () => {
    const list = prepareDepositWithSignature({ deployment: d, signed })
    expect(decodeFunctionData({ abi: strategyManagerAbi, data: list[1]!.data })).toEqual({
      functionName: 'depositIntoStrategyWithSignature',
      args: [signed.strategy, signed.token, 7n, account.address, 1000n, '0x1234'],
    })
  })

  test('bad signed deposits fail before any request', async () => {
    const { walletClient, counter } = silentClients()
    await expect(
      depositWithSignature(walletClient, { signed: { ...signed, amount: 0n } }),
    ).rejects.toBeInstanceOf(InvalidAmountError)
    await expect(
      depositWithSignature(walletClient, { signed: { ...signed, expiry: 5 as unknown as bigint } }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(counter.requests).toBe(0)
  })
})
