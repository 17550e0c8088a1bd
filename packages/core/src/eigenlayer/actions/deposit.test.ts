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
    const list = prepareDeposit({ deployment: d, strategy, token, amount: 5n })
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
    expect(() => prepareDeposit({ deployment: d, strategy, token, amount: 0n })).toThrow(InvalidAmountError)
    expect(() => prepareDeposit({ deployment: d, strategy: '0x1234', token, amount: 1n })).toThrow(
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

describe('Deposit event, both forms', () => {
  test('v1.2 (staker, token, strategy, shares) and v1.3+ (staker, strategy, shares) decode to the same shares', async () => {
    const { encodeAbiParameters, parseEventLogs, toEventSelector } = await import('viem')
    const { eigenlayerEventsAbi } = await import('../abis.js')
    const { depositSharesFromEvents } = await import('./deposit.js')
    const staker = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'
    const base = {
      address: d.strategyManager,
      blockHash: `0x${'00'.repeat(32)}`,
      blockNumber: 1n,
      logIndex: 0,
      transactionHash: `0x${'00'.repeat(32)}`,
      transactionIndex: 0,
      removed: false,
    } as const
    const v12 = {
      ...base,
      topics: [toEventSelector('Deposit(address,address,address,uint256)')] as [`0x${string}`],
      data: encodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }, { type: 'address' }, { type: 'uint256' }],
        [staker, token, strategy, 11n],
      ),
    }
    const v13 = {
      ...base,
      logIndex: 1,
      topics: [toEventSelector('Deposit(address,address,uint256)')] as [`0x${string}`],
      data: encodeAbiParameters(
        [{ type: 'address' }, { type: 'address' }, { type: 'uint256' }],
        [staker, strategy, 22n],
      ),
    }
    const [a, b] = parseEventLogs({ abi: eigenlayerEventsAbi, logs: [v12, v13], strict: true })
    expect(a?.args).toEqual({ staker, token, strategy, shares: 11n })
    expect(b?.args).toEqual({ staker, strategy, shares: 22n })
    expect(depositSharesFromEvents([a!])).toBe(11n)
    expect(depositSharesFromEvents([b!])).toBe(22n)
    // another contract's event of the same signature, first in the receipt, is not the deposit
    const [foreign] = parseEventLogs({
      abi: eigenlayerEventsAbi,
      logs: [
        {
          ...v13,
          address: token,
          data: encodeAbiParameters(
            [{ type: 'address' }, { type: 'address' }, { type: 'uint256' }],
            [staker, strategy, 99n],
          ),
        },
      ],
      strict: true,
    })
    expect(depositSharesFromEvents([foreign!, b!], d.strategyManager)).toBe(22n)
    expect(depositSharesFromEvents([b!, foreign!], d.strategyManager)).toBe(22n)
    expect(toEventSelector('Deposit(address,address,uint256)').slice(0, 10)).toBe('0x5548c837')
  })
})
