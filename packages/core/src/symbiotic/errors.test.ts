import { describe, expect, test } from 'vitest'
import {
  InsufficientAllowanceError,
  InsufficientBalanceError,
  RestakeKitError,
  WithdrawalNotReadyError,
} from '../errors.js'
import {
  AlreadyClaimedError,
  DepositLimitReachedError,
  InsufficientActiveBalanceError,
  NothingToClaimError,
  NotWhitelistedDepositorError,
  type SymbioticError,
  SymbioticLensError,
  SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from './errors.js'

const vault = '0x1111111111111111111111111111111111111111'
const account = '0x2222222222222222222222222222222222222222'
const token = '0x3333333333333333333333333333333333333333'

describe('Symbiotic errors', () => {
  test('DepositLimitReachedError says how much room is left', () => {
    const e = new DepositLimitReachedError({ vault, amount: 50n, activeStake: 80n, depositLimit: 100n })
    expect(e).toBeInstanceOf(RestakeKitError)
    expect(e.name).toBe('DepositLimitReachedError')
    expect(e.room).toBe(20n)
    expect([e.vault, e.amount, e.activeStake, e.depositLimit]).toEqual([vault, 50n, 80n, 100n])
    expect(e.shortMessage).toContain('at most 20 more')
    expect(
      new DepositLimitReachedError({ vault, amount: 1n, activeStake: 120n, depositLimit: 100n }).room,
    ).toBe(0n)
  })

  test('NotWhitelistedDepositorError names the account and the vault', () => {
    const e = new NotWhitelistedDepositorError({ vault, account })
    expect(e.shortMessage).toContain(account)
    expect(e.shortMessage).toContain(vault)
    expect(e.account).toBe(account)
    expect(e.docsPath).toBe('/errors#not-whitelisted-depositor')
  })

  test('InsufficientActiveBalanceError carries requested, available and the unit', () => {
    const e = new InsufficientActiveBalanceError({
      vault,
      account,
      requested: 10n,
      available: 7n,
      unit: 'shares',
    })
    expect([e.requested, e.available, e.unit]).toEqual([10n, 7n, 'shares'])
    expect(e.shortMessage).toContain('7 active shares')
  })

  test('AlreadyClaimedError, NothingToClaimError, SymbioticVaultNotFoundError, SymbioticLensError', () => {
    expect(new AlreadyClaimedError({ vault, account, epoch: 3n }).shortMessage).toContain(
      'already claimed epoch 3',
    )
    expect(new NothingToClaimError({ vault, account, epochs: [1n, 2n] }).shortMessage).toContain(
      'epochs 1, 2',
    )
    expect(new NothingToClaimError({ vault, account }).shortMessage).toContain('no claimable withdrawal')
    expect(new SymbioticVaultNotFoundError({ vault }).vault).toBe(vault)
    const cause = new Error('x')
    expect(new SymbioticLensError({ cause }).cause).toBe(cause)
  })

  test('`name` is a literal: a switch over SymbioticError narrows to the class', () => {
    const errors: SymbioticError[] = [
      new DepositLimitReachedError({ vault, amount: 1n, activeStake: 0n, depositLimit: 0n }),
      new AlreadyClaimedError({ vault, account, epoch: 4n }),
      new SymbioticVaultNotFoundError({ vault }),
    ]
    const seen = errors.map((e) => {
      switch (e.name) {
        case 'DepositLimitReachedError':
          return e.room
        case 'AlreadyClaimedError':
          return e.epoch
        case 'SymbioticVaultNotFoundError':
          return e.vault
        default:
          return undefined
      }
    })
    expect(seen).toEqual([0n, 4n, vault])
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
      readyAt: (epoch) => 1000n + epoch,
    })
    const limit = map('DepositLimitReached', [])
    expect(limit).toBeInstanceOf(DepositLimitReachedError)
    expect((limit as DepositLimitReachedError).room).toBe(5n)
    expect(map('NotWhitelistedDepositor', [])).toBeInstanceOf(NotWhitelistedDepositorError)
    const tooMuch = map('TooMuchWithdraw', []) as InsufficientActiveBalanceError
    expect([tooMuch.requested, tooMuch.available, tooMuch.unit]).toEqual([9n, 4n, 'assets'])
    expect((map('TooMuchRedeem', []) as InsufficientActiveBalanceError).unit).toBe('shares')
    // the first epoch not past the current one is the one not ready, with its time
    const early = map('InvalidEpoch', []) as WithdrawalNotReadyError
    expect(early).toBeInstanceOf(WithdrawalNotReadyError)
    expect([early.protocol, early.id, early.readyAt, early.location]).toEqual([
      'symbiotic',
      6n,
      { timestamp: 1006n },
      vault,
    ])
    expect(early.shortMessage).toContain('unix 1006')
    expect(map('AlreadyClaimed', [])).toBeInstanceOf(AlreadyClaimedError)
    expect(map('InsufficientClaim', [])).toBeInstanceOf(NothingToClaimError)
    expect(map('InvalidOnBehalfOf', [])).toBeUndefined()
    // without the collateral, the token's errors are left to the generic decoding
    expect(map('ERC20InsufficientAllowance', [vault, 1n, 2n])).toBeUndefined()
  })

  test("the collateral's ERC-20 errors map to the shared allowance and balance errors", () => {
    const map = symbioticRevertMapper({ vault, account, collateral: token })
    const allowance = map('ERC20InsufficientAllowance', [vault, 1n, 5n]) as InsufficientAllowanceError
    expect(allowance).toBeInstanceOf(InsufficientAllowanceError)
    expect([allowance.token, allowance.spender, allowance.allowance, allowance.required]).toEqual([
      token,
      vault,
      1n,
      5n,
    ])
    const balance = map('ERC20InsufficientBalance', [account, 2n, 7n]) as InsufficientBalanceError
    expect(balance).toBeInstanceOf(InsufficientBalanceError)
    expect([balance.token, balance.account, balance.balance, balance.required]).toEqual([
      token,
      account,
      2n,
      7n,
    ])
  })
})
