import {
  type Abi,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  type Hex,
  parseAbi,
} from 'viem'
import { describe, expect, expectTypeOf, test } from 'vitest'
import {
  ArrayLengthMismatchError,
  ContractRevertError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  RestakeKitError,
  WithdrawalNotReadyError,
} from '../errors.js'
import { decodeRevert } from '../tx.js'
import {
  delegationManagerAbi,
  dmErrors,
  eigenPodManagerAbi,
  podManagerErrors,
  smErrors,
  strategyManagerAbi,
} from './abis.js'
import {
  AlreadyDelegatedError,
  CallerCannotUndelegateError,
  DepositCapExceededError,
  DepositTooSmallError,
  delegationManagerReverts,
  type EigenLayerError,
  type EigenLayerRevertTable,
  eigenlayerRevertMapper,
  eigenlayerReverts,
  eigenPodManagerReverts,
  FullySlashedError,
  InsufficientSharesError,
  InvalidSignatureError,
  MaxStrategiesExceededError,
  NotDelegatedError,
  NotDelegatedToVaultOperatorError,
  NothingToCompleteError,
  OperatorNotRegisteredError,
  OperatorsCannotUndelegateError,
  PausedError,
  PodAlreadyExistsError,
  SaltSpentError,
  SignatureExpiredError,
  StrategyNotWhitelistedError,
  strategyManagerReverts,
  UnsupportedReleaseError,
  VaultLockedError,
  WithdrawalNotQueuedError,
} from './errors.js'

describe('EigenLayer errors', () => {
  test('each contract custom error maps to its typed error', () => {
    const map = eigenlayerRevertMapper({
      staker: '0x0000000000000000000000000000000000000001',
      readyAt: { block: 12n },
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
    expect(e.message).toMatch(/a transaction sent now lands in block 101: 19 more block\(s\) to go/)
    expect(new NothingToCompleteError({ reason: 'no queued withdrawals' }).message).toMatch(
      /no queued withdrawals/,
    )
  })
})

/** What viem raises for a reverted `eth_call` whose revert data is `data`, decoded against `abi`. */
function revertOf(abi: Abi, functionName: string, data: Hex) {
  const cause = new ContractFunctionRevertedError({ abi, data, functionName })
  return new ContractFunctionExecutionError(cause, { abi, functionName, args: [], contractAddress: strategy })
}
const strategy = '0x00000000000000000000000000000000000000a1' as const
const staker = '0x00000000000000000000000000000000000000b2' as const

describe('errors a staker call can hit on v1.12, from encoded revert data', () => {
  // [call's ABI, function, error, typed error]; the error comes from the contract the call reaches
  const cases: [Abi, string, string, new (...args: never[]) => Error][] = [
    [strategyManagerAbi, 'depositIntoStrategy', 'BalanceExceedsMaxTotalDeposits', DepositCapExceededError],
    [strategyManagerAbi, 'depositIntoStrategy', 'MaxPerDepositExceedsMax', DepositCapExceededError],
    [strategyManagerAbi, 'depositIntoStrategy', 'DepositExceedsMaxPerDeposit', DepositCapExceededError],
    [strategyManagerAbi, 'depositIntoStrategy', 'TotalSharesExceedsMax', DepositCapExceededError],
    [strategyManagerAbi, 'depositIntoStrategy', 'NewSharesZero', DepositTooSmallError],
    [strategyManagerAbi, 'depositIntoStrategy', 'DepositsLocked', VaultLockedError],
    [
      strategyManagerAbi,
      'depositIntoStrategy',
      'MustBeDelegatedToVaultOperator',
      NotDelegatedToVaultOperatorError,
    ],
    [strategyManagerAbi, 'depositIntoStrategy', 'StrategyNotWhitelisted', StrategyNotWhitelistedError],
    [strategyManagerAbi, 'depositIntoStrategy', 'MaxStrategiesExceeded', MaxStrategiesExceededError],
    [strategyManagerAbi, 'depositIntoStrategyWithSignature', 'SignatureExpired', SignatureExpiredError],
    [strategyManagerAbi, 'depositIntoStrategy', 'CurrentlyPaused', PausedError],
    [delegationManagerAbi, 'delegateTo', 'MustBeDelegatedToVaultOperator', NotDelegatedToVaultOperatorError],
    [delegationManagerAbi, 'queueWithdrawals', 'WithdrawalsLockedDuringAllocations', VaultLockedError],
    [delegationManagerAbi, 'completeQueuedWithdrawal', 'WithdrawalDelayNotElapsed', WithdrawalNotReadyError],
    [delegationManagerAbi, 'delegateTo', 'ActivelyDelegated', AlreadyDelegatedError],
    [delegationManagerAbi, 'undelegate', 'OperatorsCannotUndelegate', OperatorsCannotUndelegateError],
    [delegationManagerAbi, 'delegateTo', 'FullySlashed', FullySlashedError],
    [eigenPodManagerAbi, 'createPod', 'EigenPodAlreadyExists', PodAlreadyExistsError],
    [eigenPodManagerAbi, 'createPod', 'CurrentlyPaused', PausedError],
    // refused input the SDK's own checks normally catch first (still typed when the chain is the judge)
    [strategyManagerAbi, 'depositIntoStrategy', 'OnlyUnderlyingToken', InvalidParameterError],
    [strategyManagerAbi, 'depositIntoStrategyWithSignature', 'InputAddressZero', InvalidAddressError],
    [delegationManagerAbi, 'queueWithdrawals', 'SharesAmountZero', InvalidAmountError],
    [delegationManagerAbi, 'queueWithdrawals', 'SharesAmountTooHigh', InvalidParameterError],
    [delegationManagerAbi, 'queueWithdrawals', 'StrategyNotFound', InvalidParameterError],
    [delegationManagerAbi, 'queueWithdrawals', 'InputArrayLengthZero', InvalidParameterError],
    [delegationManagerAbi, 'completeQueuedWithdrawal', 'WithdrawerNotCaller', InvalidParameterError],
    [
      delegationManagerAbi,
      'completeQueuedWithdrawal',
      'WithdrawalAmountExceedsTotalDeposits',
      InvalidParameterError,
    ],
  ]
  for (const [abi, fn, errorName, cls] of cases) {
    test(`${fn} reverting ${errorName}() decodes to ${cls.name}, raw data kept`, () => {
      const data = encodeErrorResult({ abi, errorName } as never)
      expect(data).toHaveLength(10)
      const err = decodeRevert(
        revertOf(abi, fn, data),
        'contract',
        fn,
        eigenlayerRevertMapper({ strategy, staker }),
      )
      expect(err).toBeInstanceOf(cls)
      expect(err).toBeInstanceOf(RestakeKitError)
      const raw = (err.cause as ContractFunctionExecutionError).walk(
        (e) => e instanceof ContractFunctionRevertedError,
      ) as ContractFunctionRevertedError
      expect(raw.raw).toBe(data)
    })
  }

  test('the typed errors name the strategy and what is locked or capped', () => {
    const e = decodeRevert(
      revertOf(
        strategyManagerAbi,
        'depositIntoStrategy',
        encodeErrorResult({ abi: strategyManagerAbi, errorName: 'BalanceExceedsMaxTotalDeposits' }),
      ),
      'StrategyManager',
      'depositIntoStrategy',
      eigenlayerRevertMapper({ strategy }),
    ) as DepositCapExceededError
    expect(e).toMatchObject({ strategy, cap: 'totalDeposits' })
    expect(e.message).toMatch(/total deposit limit/)
    const v = new VaultLockedError({ strategy, locked: 'withdrawals' })
    expect(v.message).toMatch(/withdrawals are closed/)
  })

  test('every error a staker call can reach on v1.12 is typed: each error of the v1.12 StrategyManager, DelegationManager, StrategyBase and DurationVaultStrategy that the shipped staker ABIs carry maps', () => {
    const shipped = new Set(
      [...strategyManagerAbi, ...delegationManagerAbi, ...eigenPodManagerAbi]
        .filter((x) => x.type === 'error')
        .map((x) => (x as { name: string }).name),
    )
    const map = eigenlayerRevertMapper({ strategy, staker })
    const untyped = [...shipped].filter((name) => map(name, []) === undefined)
    expect(untyped).toEqual([])
  })

  test('each write maps through the table of the contract it calls: every error of that group maps there', () => {
    const groups: [string, readonly string[], EigenLayerRevertTable][] = [
      ['StrategyManager', smErrors, strategyManagerReverts],
      ['DelegationManager', dmErrors, delegationManagerReverts],
      ['EigenPodManager', podManagerErrors, eigenPodManagerReverts],
    ]
    for (const [contract, errors, table] of groups) {
      const map = eigenlayerReverts([table], { strategy, staker, contract })
      const names = parseAbi(errors).map((x) => (x as { name: string }).name)
      expect(
        names.filter((name) => map(name, []) === undefined),
        contract,
      ).toEqual([])
      // the table names nothing its contract's ABI does not carry (a class no call can raise)
      expect(
        Object.keys(table).filter((name) => !names.includes(name)),
        contract,
      ).toEqual([])
      // the same typed error as the EigenLayer-wide mapping
      const all = eigenlayerRevertMapper({ strategy, staker, contract })
      for (const name of names) expect(map(name, [])?.message, name).toBe(all(name, [])?.message)
    }
    const map = eigenlayerReverts([strategyManagerReverts])
    expect(map('constructor', [])).toBeUndefined()
    expect(map('toString', [])).toBeUndefined()
  })

  test('an error the shipped ABI does not know stays a generic revert with its raw data', () => {
    const data = '0xdeadbeef' as Hex
    const err = decodeRevert(
      revertOf(strategyManagerAbi, 'depositIntoStrategy', data),
      'StrategyManager',
      'depositIntoStrategy',
      eigenlayerRevertMapper(),
    )
    expect(err).toBeInstanceOf(ContractRevertError)
    expect((err as ContractRevertError).data).toBe(data)
  })
})

describe('EigenLayerError', () => {
  test('narrows on the literal name; constructors take one object', () => {
    const errors: EigenLayerError[] = [
      new InsufficientSharesError({ strategy, requested: 2n, available: 1n }),
      new PodAlreadyExistsError({ owner: staker }),
      new WithdrawalNotReadyError({ protocol: 'eigenlayer', readyAt: { block: 9n } }),
    ]
    const seen: string[] = []
    for (const e of errors) {
      switch (e.name) {
        case 'InsufficientSharesError':
          expectTypeOf(e).toEqualTypeOf<InsufficientSharesError>()
          seen.push(`${e.requested} > ${e.available}`)
          break
        case 'PodAlreadyExistsError':
          seen.push(`pod of ${e.owner}`)
          break
        case 'WithdrawalNotReadyError':
          seen.push(`ready at ${JSON.stringify(e.readyAt, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`)
          break
        default:
          seen.push('other')
      }
    }
    expect(seen).toEqual(['2 > 1', `pod of ${staker}`, 'ready at {"block":"9"}'])
    expectTypeOf(
      new InsufficientSharesError({ strategy, requested: 1n, available: 0n }).name,
    ).toEqualTypeOf<'InsufficientSharesError'>()
  })
})

describe('UnsupportedReleaseError', () => {
  test('names the action, the release and what needs which; a literal name and a docsPath', () => {
    const e = new UnsupportedReleaseError({
      action: 'eigenlayer.burnShares',
      release: 'v1.2',
      needs: 'v1.3+',
      instead: 'nothing to burn',
    })
    expectTypeOf(e.name).toEqualTypeOf<'UnsupportedReleaseError'>()
    expect(e).toBeInstanceOf(RestakeKitError)
    expect(e).toMatchObject({ action: 'eigenlayer.burnShares', release: 'v1.2', needs: 'v1.3+' })
    expect(e.docsPath).toBe('/errors#unsupported-release')
    expect(e.message).toMatch(/eigenlayer\.burnShares needs EigenLayer v1\.3\+; this deployment runs v1\.2/)
    expect(e.message).toMatch(/nothing to burn/)
  })
})
