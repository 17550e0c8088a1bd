import { describe, expect, test } from 'vitest'
import { RestakeKitError } from '../errors.js'
import {
  AlreadyClaimedError,
  DepositLimitReachedError,
  EpochNotClaimableError,
  InsufficientActiveBalanceError,
  NothingToClaimError,
  NotWhitelistedDepositorError,
  SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from './errors.js'

const vault = '0x1111111111111111111111111111111111111111'
const account = '0x2222222222222222222222222222222222222222'

describe('Symbiotic errors', () => {
  test('DepositLimitReachedError says how much room is left', () => {
    const e = new DepositLimitReachedError(vault, 50n, 80n, 100n)
    expect(e).toBeInstanceOf(RestakeKitError)
    expect(e.name).toBe('DepositLimitReachedError')
    expect(e.room).toBe(20n)
    expect(e.shortMessage).toContain('at most 20 more')
    expect(new DepositLimitReachedError(vault, 1n, 120n, 100n).room).toBe(0n)
  })

  test('NotWhitelistedDepositorError names the account and the vault', () => {
    const e = new NotWhitelistedDepositorError(vault, account)
    expect(e.shortMessage).toContain(account)
    expect(e.shortMessage).toContain(vault)
    expect(e.docsPath).toBe('/errors#not-whitelisted-depositor')
  })

  test('InsufficientActiveBalanceError carries requested, available and the unit', () => {
    const e = new InsufficientActiveBalanceError(vault, account, 10n, 7n, 'shares')
    expect([e.requested, e.available, e.unit]).toEqual([10n, 7n, 'shares'])
    expect(e.shortMessage).toContain('7 active shares')
  })

  test('EpochNotClaimableError says when the epoch becomes claimable', () => {
    const e = new EpochNotClaimableError(vault, 5n, 4n, 1_700_000_000n)
    expect(e.claimableAt).toBe(1_700_000_000n)
    expect(e.shortMessage).toContain('2023-11-14T22:13:20.000Z')
    expect(e.shortMessage).toContain('unix 1700000000')
    expect(e.details).toContain('current epoch: 4')
  })

  test('AlreadyClaimedError, NothingToClaimError, SymbioticVaultNotFoundError', () => {
    expect(new AlreadyClaimedError(vault, account, 3n).shortMessage).toContain('already claimed epoch 3')
    expect(new NothingToClaimError(vault, account, [1n, 2n]).shortMessage).toContain('epochs 1, 2')
    expect(new NothingToClaimError(vault, account, undefined).shortMessage).toContain(
      'no claimable withdrawal',
    )
    expect(new SymbioticVaultNotFoundError(vault).vault).toBe(vault)
  })

  test('the revert mapper turns vault errors into the typed ones, and leaves others alone', () => {
    const map = symbioticRevertMapper({
      vault,
      account,
      amount: 9n,
      available: 4n,
      activeStake: 95n,
      depositLimit: 100n,
      epochs: [2n, 6n],
      currentEpoch: 5n,
      claimableAt: (epoch) => 1000n + epoch,
    })
    const limit = map('DepositLimitReached', [])
    expect(limit).toBeInstanceOf(DepositLimitReachedError)
    expect((limit as DepositLimitReachedError).room).toBe(5n)
    expect(map('NotWhitelistedDepositor', [])).toBeInstanceOf(NotWhitelistedDepositorError)
    const tooMuch = map('TooMuchWithdraw', []) as InsufficientActiveBalanceError
    expect([tooMuch.requested, tooMuch.available, tooMuch.unit]).toEqual([9n, 4n, 'assets'])
    expect((map('TooMuchRedeem', []) as InsufficientActiveBalanceError).unit).toBe('shares')
    const epoch = map('InvalidEpoch', []) as EpochNotClaimableError
    expect([epoch.epoch, epoch.claimableAt]).toEqual([6n, 1006n])
    expect(map('AlreadyClaimed', [])).toBeInstanceOf(AlreadyClaimedError)
    expect(map('InsufficientClaim', [])).toBeInstanceOf(NothingToClaimError)
    expect(map('InvalidOnBehalfOf', [])).toBeUndefined()
  })
})
