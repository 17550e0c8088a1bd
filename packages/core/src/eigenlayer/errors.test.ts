import { describe, expect, test } from 'vitest'
import { ArrayLengthMismatchError, RestakeKitError, WithdrawalNotReadyError } from '../errors.js'
import {
  AlreadyDelegatedError,
  CallerCannotUndelegateError,
  eigenlayerRevertMapper,
  FullySlashedError,
  InvalidSignatureError,
  MaxStrategiesExceededError,
  NotDelegatedError,
  NothingToCompleteError,
  OperatorNotRegisteredError,
  OperatorsCannotUndelegateError,
  SaltSpentError,
  SignatureExpiredError,
  StrategyNotWhitelistedError,
  WithdrawalNotQueuedError,
} from './errors.js'

describe('EigenLayer errors', () => {
  test('each contract custom error maps to its typed error', () => {
    const map = eigenlayerRevertMapper({
      staker: '0x0000000000000000000000000000000000000001',
      readyAtBlock: 12n,
    })
    const cases: [string, new (...args: never[]) => Error][] = [
      ['StrategyNotWhitelisted', StrategyNotWhitelistedError],
      ['NotActivelyDelegated', NotDelegatedError],
      ['ActivelyDelegated', AlreadyDelegatedError],
      ['OperatorNotRegistered', OperatorNotRegisteredError],
      ['SignatureExpired', SignatureExpiredError],
      ['SaltSpent', SaltSpentError],
      ['InvalidSignature', InvalidSignatureError],
      ['WithdrawalDelayNotElapsed', WithdrawalNotReadyError],
      ['WithdrawalNotQueued', WithdrawalNotQueuedError],
      ['OperatorsCannotUndelegate', OperatorsCannotUndelegateError],
      ['CallerCannotUndelegate', CallerCannotUndelegateError],
      ['MaxStrategiesExceeded', MaxStrategiesExceededError],
      ['FullySlashed', FullySlashedError],
      ['InputArrayLengthMismatch', ArrayLengthMismatchError],
    ]
    for (const [reason, cls] of cases) {
      const e = map(reason, [])
      expect(e, reason).toBeInstanceOf(cls)
      expect(e, reason).toBeInstanceOf(RestakeKitError)
    }
    expect(map('SomethingElse', [])).toBeUndefined()
  })

  test('WithdrawalNotReadyError names the ready block; NothingToCompleteError says why', () => {
    const e = new WithdrawalNotReadyError({
      protocol: 'eigenlayer',
      id: `0x${'ab'.repeat(32)}`,
      readyAt: { block: 120n },
      now: { block: 100n },
    })
    expect(e.readyAt).toEqual({ block: 120n })
    expect(e.message).toMatch(/from block 120/)
    expect(e.message).toMatch(/20 blocks to go/)
    expect(new NothingToCompleteError(undefined, 'no queued withdrawals').message).toMatch(
      /no queued withdrawals/,
    )
  })
})
