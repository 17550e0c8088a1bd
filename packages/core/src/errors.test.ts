import type { Address } from 'viem'
import { describe, expect, expectTypeOf, it } from 'vitest'
import type { DepositErrorType } from './eigenlayer/actions/deposit.js'
import type { GetPortfolioErrorType } from './eigenlayer/actions/getPortfolio.js'
import {
  ArrayLengthMismatchError,
  ChainMismatchError,
  ContractRevertError,
  defineError,
  InsufficientAllowanceError,
  InsufficientBalanceError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  type InvalidParameterErrorName,
  RestakeKitError,
  StepFailedError,
  TransactionUnknownError,
  UnsupportedChainError,
} from './errors.js'

class ExampleLimitError extends /* @__PURE__ */ defineError('ExampleLimitError', {
  docsPath: '/errors#example-limit',
  message: (p: { vault: Address; amount: bigint; limit: bigint }) =>
    `${p.amount} exceeds ${p.vault}'s limit of ${p.limit}.`,
  details: (p) => [`room left: ${p.limit}`],
}) {}

describe('defineError', () => {
  const vault = '0x0000000000000000000000000000000000000001' as const

  it('keeps every parameter as a field, with a literal name, message, details and docs link', () => {
    const err = new ExampleLimitError({ vault, amount: 5n, limit: 3n })
    expect(err).toBeInstanceOf(ExampleLimitError)
    expect(err).toBeInstanceOf(RestakeKitError)
    expect(err).toBeInstanceOf(Error)
    expect(err.name).toBe('ExampleLimitError')
    expect(ExampleLimitError.name).toBe('ExampleLimitError')
    expect([err.vault, err.amount, err.limit]).toEqual([vault, 5n, 3n])
    expect(err.shortMessage).toBe(`5 exceeds ${vault}'s limit of 3.`)
    expect(err.details).toEqual(['room left: 3'])
    expect(err.docsPath).toBe('/errors#example-limit')
    expect(err.message).toContain('Docs: https://restakekit.dev/docs/errors#example-limit')
    expectTypeOf(err.name).toEqualTypeOf<'ExampleLimitError'>()
    expectTypeOf(err.amount).toEqualTypeOf<bigint>()
  })

  it('passes a cause through without making it a field of its own', () => {
    const cause = new Error('rpc down')
    const err = new ExampleLimitError({ vault, amount: 1n, limit: 0n, cause })
    expect(err.cause).toBe(cause)
    expect(err.walk()).toBe(cause)
    expect(Object.keys(err)).not.toContain('cause')
  })

  it('narrows a union on name (checked by tsc)', () => {
    class ExampleClosedError extends /* @__PURE__ */ defineError('ExampleClosedError', {
      docsPath: '/errors#example-closed',
      message: (p: { vault: Address }) => `${p.vault} is closed.`,
    }) {}
    const errors: (ExampleLimitError | ExampleClosedError)[] = [new ExampleClosedError({ vault })]
    const e = errors[0]!
    if (e.name === 'ExampleClosedError') {
      expectTypeOf(e).toEqualTypeOf<ExampleClosedError>()
      expect(e.vault).toBe(vault)
    } else {
      expectTypeOf(e).toEqualTypeOf<ExampleLimitError>()
      throw new Error('narrowed to the wrong class')
    }
  })
})

describe('the core error classes', () => {
  const token = '0x0000000000000000000000000000000000000001' as const
  const account = '0x0000000000000000000000000000000000000002' as const

  it('take one object and keep its fields', () => {
    const balance = new InsufficientBalanceError({ token, required: 2n, balance: 1n, account })
    expect([balance.token, balance.required, balance.balance, balance.account]).toEqual([
      token,
      2n,
      1n,
      account,
    ])
    expect(balance.shortMessage).toBe(`Insufficient balance: ${account} holds 1 of ${token}, needs 2.`)
    const allowance = new InsufficientAllowanceError({ token, spender: account, required: 5n, allowance: 0n })
    expect([allowance.spender, allowance.required, allowance.allowance]).toEqual([account, 5n, 0n])
    const amount = new InvalidAmountError({ parameter: 'amount', value: 0n })
    expect([amount.parameter, amount.value]).toEqual(['amount', 0n])
    expect(amount.shortMessage).toBe('Invalid amount: 0 must be a bigint greater than zero.')
    expect(new InvalidAddressError({ parameter: 'vault', value: '0x12' }).shortMessage).toBe(
      'Invalid vault: 0x12 is not an address.',
    )
    const lengths = new ArrayLengthMismatchError({ names: ['strategies', 'amounts'], lengths: [2, 1] })
    expect([lengths.parameter, lengths.lengths]).toEqual(['strategies, amounts', [2, 1]])
    const chain = new UnsupportedChainError({ chainId: 5, protocol: 'Karak' })
    expect([chain.chainId, chain.protocol]).toEqual([5, 'Karak'])
    const revert = new ContractRevertError({
      contract: 'Vault',
      functionName: 'deposit',
      reason: 'InsufficientDeposit',
      args: [],
      data: '0x12345678',
    })
    expect(revert.shortMessage).toBe('Vault.deposit reverted with InsufficientDeposit.')
    expect(revert.details).toEqual(['Revert data: 0x12345678'])
    const cause = new Error('rpc down')
    const step = new StepFailedError({
      step: 'deposit',
      completed: [],
      holdings: 'tokens in the wallet',
      cause,
    })
    expect([step.step, step.completed, step.holdings, step.cause]).toEqual([
      'deposit',
      [],
      'tokens in the wallet',
      cause,
    ])
    const mismatch = new ChainMismatchError({ deployment: 1, client: 5 })
    expect([mismatch.expected, mismatch.actual]).toEqual([1, 5])
  })

  it('have literal names, so a write error union narrows on name (checked by tsc)', () => {
    const errors: (
      | InsufficientBalanceError
      | InsufficientAllowanceError
      | StepFailedError
      | InvalidAmountError
      | ChainMismatchError
    )[] = [new InsufficientAllowanceError({ token, spender: account, required: 1n, allowance: 0n })]
    const e = errors[0]!
    expectTypeOf(e.name).toEqualTypeOf<
      | 'InsufficientBalanceError'
      | 'InsufficientAllowanceError'
      | 'StepFailedError'
      | 'InvalidAmountError'
      | 'ChainMismatchError'
    >()
    if (e.name === 'InsufficientAllowanceError') {
      expectTypeOf(e).toEqualTypeOf<InsufficientAllowanceError>()
      expect(e.allowance).toBe(0n)
    } else throw new Error('narrowed to the wrong class')
    // an InvalidParameterError may be any of its subclasses: its name is their union
    expectTypeOf<InvalidParameterError['name']>().toEqualTypeOf<InvalidParameterErrorName>()
    expectTypeOf<InvalidAddressError['name']>().toEqualTypeOf<'InvalidAddressError'>()
    expect(new InvalidAddressError({ parameter: 'x', value: 1 })).toBeInstanceOf(InvalidParameterError)
  })
})

describe('action error unions', () => {
  it('a write names its own checks and the send pipeline; a read its own and the read errors (checked by tsc)', () => {
    type Name<E> = E extends { name: infer N } ? N : never
    expectTypeOf<'TransactionPendingError'>().toExtend<Name<DepositErrorType>>()
    expectTypeOf<'TransactionUnknownError'>().toExtend<Name<DepositErrorType>>()
    expectTypeOf<'UserRejectedError'>().toExtend<Name<DepositErrorType>>()
    expectTypeOf<'InsufficientBalanceError'>().toExtend<Name<DepositErrorType>>()
    expectTypeOf<'ContractFunctionExecutionError'>().toExtend<Name<GetPortfolioErrorType>>()
    expectTypeOf<'RpcUnavailableError'>().toExtend<Name<GetPortfolioErrorType>>()
    // a lost send narrows to its class, resume() and all
    const e = new TransactionUnknownError({
      action: 'eigenlayer.deposit',
      account: '0x0000000000000000000000000000000000000002',
      nonce: 3,
      hash: undefined,
      raw: undefined,
      to: '0x0000000000000000000000000000000000000001',
      data: '0x',
      value: 0n,
      resume: async () => '0x01',
    }) as DepositErrorType
    if (e.name === 'TransactionUnknownError') {
      expectTypeOf(e).toEqualTypeOf<TransactionUnknownError>()
      expect(e.nonce).toBe(3)
    } else throw new Error('narrowed to the wrong class')
  })
})
