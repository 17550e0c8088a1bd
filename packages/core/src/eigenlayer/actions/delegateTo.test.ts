import { decodeFunctionData, zeroHash } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAddressError, InvalidParameterError } from '../../errors.js'
import { delegationManagerAbi } from '../abis.js'
import { account, devnetDeployment as d, silentClients } from '../test/unit.js'
import { delegateTo, prepareDelegateTo } from './delegateTo.js'
import { prepareRedelegate } from './redelegate.js'
import { prepareUndelegate } from './undelegate.js'

const operator = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'

describe('delegateTo / redelegate / undelegate (unit)', () => {
  test('prepare: empty signature without an approver; the approver signature and salt otherwise', () => {
    const [open] = prepareDelegateTo({ deployment: d, operator })
    expect(decodeFunctionData({ abi: delegationManagerAbi, data: open!.data }).args).toEqual([
      operator,
      { signature: '0x', expiry: 0n },
      zeroHash,
    ])
    const sig = { signature: '0xabcd' as const, expiry: 99n, salt: `0x${'11'.repeat(32)}` as const }
    const [signed] = prepareRedelegate({ deployment: d, operator, approverSignature: sig })
    expect(decodeFunctionData({ abi: delegationManagerAbi, data: signed!.data })).toEqual({
      functionName: 'redelegate',
      args: [operator, { signature: '0xabcd', expiry: 99n }, sig.salt],
    })
    const [u] = prepareUndelegate({ deployment: d, staker: account.address })
    expect(decodeFunctionData({ abi: delegationManagerAbi, data: u!.data })).toEqual({
      functionName: 'undelegate',
      args: [account.address],
    })
  })

  test('bad operator or salt: typed errors before any request', async () => {
    expect(() => prepareDelegateTo({ deployment: d, operator: 'nope' as never })).toThrow(InvalidAddressError)
    const { walletClient, counter } = silentClients()
    await expect(
      delegateTo(walletClient, {
        operator,
        approverSignature: { signature: '0x', expiry: 1n, salt: '0x12' },
      }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(counter.requests).toBe(0)
  })
})
