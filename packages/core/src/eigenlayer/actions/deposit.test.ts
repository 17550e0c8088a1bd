import { decodeFunctionData, erc20Abi } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAddressError, InvalidAmountError, UnsupportedChainError } from '../../errors.js'
import { strategyManagerAbi } from '../abis.js'
import { devnetDeployment as d, silentClients, unknownChain } from '../test/unit.js'
import { deposit, prepareDeposit, simulateDeposit } from './deposit.js'

const strategy = d.strategies.fixture.strategy
const token = d.strategies.fixture.token

describe('deposit (unit)', () => {
  test('prepareDeposit: frozen approve + depositIntoStrategy calls, amount in token units', () => {
    const list = prepareDeposit({ chainId: 31337, strategy, token, amount: 5n })
    expect(Object.isFrozen(list)).toBe(true)
    expect(list.every((c) => Object.isFrozen(c))).toBe(true)
    expect(list[0]).toMatchObject({ to: token, value: 0n })
    expect(decodeFunctionData({ abi: erc20Abi, data: list[0]!.data }).args).toEqual([d.strategyManager, 5n])
    expect(list[1]!.to).toBe(d.strategyManager)
    expect(decodeFunctionData({ abi: strategyManagerAbi, data: list[1]!.data })).toEqual({
      functionName: 'depositIntoStrategy',
      args: [strategy, token, 5n],
    })
    expect(prepareDeposit({ deployment: d, strategy, token, amount: 5n, approve: false })).toHaveLength(1)
  })

  test('bad input and unknown chains fail before any request', async () => {
    expect(() => prepareDeposit({ chainId: 31337, strategy, token, amount: 0n })).toThrow(InvalidAmountError)
    expect(() => prepareDeposit({ chainId: 31337, strategy: '0x1234', token, amount: 1n })).toThrow(
      InvalidAddressError,
    )
    expect(() => prepareDeposit({ chainId: 5, strategy, token, amount: 1n })).toThrow(UnsupportedChainError)
    const { walletClient, publicClient, counter } = silentClients()
    await expect(deposit(walletClient, { strategy, token, amount: -1n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(simulateDeposit(publicClient, { strategy, token, amount: 1n })).rejects.toThrow(/account/)
    const other = silentClients(unknownChain)
    await expect(deposit(other.walletClient, { strategy, token, amount: 1n })).rejects.toBeInstanceOf(
      UnsupportedChainError,
    )
    expect(counter.requests + other.counter.requests).toBe(0)
  })
})
