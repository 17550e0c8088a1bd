import { symbioticSubnetwork } from '@restakekit/devnet'
import { type Address, getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { delegatorTypeName } from './actions/limits.js'
import { prepareOptIn, prepareOptOut } from './actions/optIn.js'
import { prepareExecuteSlash, prepareRequestSlash, slasherTypeName } from './actions/slashing.js'
import * as errors from './errors.js'
import { assertIdentifier, parseSubnetwork, subnetworkOf } from './internal.js'
import { symbioticAvsRevertMapper } from './revert.js'

const A = getAddress('0x00000000000000000000000000000000000000a1')
const B = getAddress('0x00000000000000000000000000000000000000b2')
const deployment = {
  vaultFactory: A,
  delegatorFactory: A,
  slasherFactory: A,
  networkRegistry: A,
  operatorRegistry: A,
  networkMiddlewareService: A,
  operatorVaultOptInService: getAddress('0x00000000000000000000000000000000000000c3'),
  operatorNetworkOptInService: getAddress('0x00000000000000000000000000000000000000d4'),
  vaultConfigurator: A,
} as const

describe('subnetworks', () => {
  test('network ‖ uint96 identifier, the same key the devnet computes, and back', () => {
    for (const id of [0n, 1n, 7n, (1n << 96n) - 1n]) {
      const key = subnetworkOf(B, id)
      expect(key).toBe(symbioticSubnetwork(B, id))
      expect(parseSubnetwork(key)).toEqual({ network: B, identifier: id })
    }
    expect(() => assertIdentifier(1n << 96n)).toThrow(/2\^96/)
    expect(() => assertIdentifier(-1)).toThrow()
  })
})

describe('type names', () => {
  test('delegator and slasher TYPE() values', () => {
    expect([0, 1, 2, 3].map(delegatorTypeName)).toEqual([
      'NetworkRestake',
      'FullRestake',
      'OperatorSpecific',
      'OperatorNetworkSpecific',
    ])
    expect(delegatorTypeName(9n)).toBe('unknown type 9')
    expect([0, 1].map(slasherTypeName)).toEqual(['Slasher', 'VetoSlasher'])
  })
})

describe('prepare (pure)', () => {
  test('opt-ins go to the service of the target; exactly one target', () => {
    expect(prepareOptIn({ vault: B, deployment })[0]!.to).toBe(deployment.operatorVaultOptInService)
    expect(prepareOptOut({ network: B, deployment })[0]!.to).toBe(deployment.operatorNetworkOptInService)
    expect(() => prepareOptIn({ deployment } as never)).toThrow(/exactly one/)
  })
  test('slash requests: bad index and hints refused, calls to the slasher', () => {
    expect(prepareExecuteSlash({ slasher: B, slashIndex: 2n, deployment })[0]!.to).toBe(B)
    expect(() => prepareExecuteSlash({ slasher: B, slashIndex: -1n, deployment })).toThrow(/slashIndex/)
    expect(() =>
      prepareRequestSlash({
        slasher: B,
        network: A,
        operator: A,
        amount: 1n,
        captureTimestamp: 1n,
        hints: '0x1' as `0x${string}`,
        deployment,
      }),
    ).toThrow(/hints/)
  })
})

describe('revert mapper', () => {
  const map = symbioticAvsRevertMapper({ sender: A, contract: B, slashIndex: 3n, operator: A as Address })
  const cases: [string, abstract new (...args: never[]) => Error][] = [
    ['NetworkAlreadyRegistered', errors.SymbioticAlreadyRegisteredError],
    ['OperatorAlreadyRegistered', errors.SymbioticAlreadyRegisteredError],
    ['NotNetwork', errors.SymbioticNotRegisteredError],
    ['NotWho', errors.SymbioticNotRegisteredError],
    ['NotWhereEntity', errors.SymbioticNotRegisteredError],
    ['AlreadyOptedIn', errors.OptInStateError],
    ['NotOptedIn', errors.OptInStateError],
    ['OptOutCooldown', errors.OptOutCooldownError],
    ['ExpiredSignature', errors.OptInSignatureError],
    ['InvalidSignature', errors.OptInSignatureError],
    ['AlreadySet', errors.SymbioticAlreadySetError],
    ['ExceedsMaxNetworkLimit', errors.ExceedsMaxNetworkLimitError],
    ['InvalidNetwork', errors.NotDelegatorNetworkError],
    ['AccessControlUnauthorizedAccount', errors.MissingRoleError],
    ['NotNetworkMiddleware', errors.NotNetworkMiddlewareError],
    ['InvalidCaptureTimestamp', errors.InvalidCaptureTimestampError],
    ['InsufficientSlash', errors.NothingToSlashError],
    ['SlashRequestNotExist', errors.SlashRequestNotFoundError],
    ['SlashRequestCompleted', errors.SlashRequestCompletedError],
    ['VetoPeriodNotEnded', errors.VetoPeriodNotEndedError],
    ['SlashPeriodEnded', errors.SlashPeriodEndedError],
    ['VetoPeriodEnded', errors.VetoPeriodEndedError],
    ['NoResolver', errors.NotResolverError],
    ['NotResolver', errors.NotResolverError],
  ]
  test.each(cases)('%s', (reason, cls) => {
    const e = map(reason, [A, '0x01'])
    expect(e).toBeInstanceOf(cls)
    expect(e!.name).toBe(cls.name)
  })
  test('an unknown reason is left to the kit', () => {
    expect(map('SomethingElse', [])).toBeUndefined()
  })
  test('every error has a literal name and a docs path under /errors#', () => {
    const e = new errors.VetoPeriodNotEndedError({ slasher: B, slashIndex: 1n, readyAt: { timestamp: 9n } })
    expect(e.name).toBe('VetoPeriodNotEndedError')
    expect(e.readyAt).toEqual({ timestamp: 9n })
    expect(e.docsPath).toBe('/errors#veto-period-not-ended')
  })
})
