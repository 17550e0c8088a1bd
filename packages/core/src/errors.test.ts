import type { Address } from 'viem'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { defineError, RestakeKitError } from './errors.js'

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
