import { describe, expect, test } from 'vitest'
import { InvalidClaimProofError, NoRewardsToClaimError } from '../../eigenlayer/rewards/errors.js'
import { InsufficientBalanceError, InvalidParameterError, RestakeKitError } from '../../errors.js'
import {
  NotNetworkMiddlewareError,
  operatorRewardsRevertMapper,
  SymbioticNothingClaimableError,
  SymbioticRewardsBalanceError,
  type SymbioticRewardsError,
  SymbioticRewardsNotFoundError,
  type SymbioticRewardsRevertContext,
  SymbioticRewardsRootNotSetError,
  SymbioticRewardTokenError,
  stakerRewardsRevertMapper,
} from './errors.js'

const rewards = '0x1111111111111111111111111111111111111111'
const account = '0x2222222222222222222222222222222222222222'
const token = '0x3333333333333333333333333333333333333333'
const network = '0x4444444444444444444444444444444444444444'
const middleware = '0x5555555555555555555555555555555555555555'

describe('Symbiotic rewards errors', () => {
  test('each names what it is about and links its docs anchor', () => {
    const all: [RestakeKitError, string, string][] = [
      [
        new SymbioticRewardsNotFoundError({ rewards, kind: 'staker' }),
        'SymbioticRewardsNotFoundError',
        'symbiotic-rewards-not-found',
      ],
      [
        new SymbioticRewardTokenError({ rewards, token, network }),
        'SymbioticRewardTokenError',
        'symbiotic-reward-token',
      ],
      [
        new SymbioticNothingClaimableError({ rewards, account, token, network }),
        'SymbioticNothingClaimableError',
        'symbiotic-nothing-claimable',
      ],
      [
        new NotNetworkMiddlewareError({ network, sender: account, middleware }),
        'NotNetworkMiddlewareError',
        'not-network-middleware',
      ],
      [
        new SymbioticRewardsRootNotSetError({ rewards, network, token }),
        'SymbioticRewardsRootNotSetError',
        'symbiotic-rewards-root-not-set',
      ],
      [
        new SymbioticRewardsBalanceError({ rewards, network, token, required: 5n, balance: 2n }),
        'SymbioticRewardsBalanceError',
        'symbiotic-rewards-balance',
      ],
    ]
    for (const [e, name, anchor] of all) {
      expect(e).toBeInstanceOf(RestakeKitError)
      expect(e.name).toBe(name)
      expect(e.docsPath).toBe(`/errors#${anchor}`)
    }
    expect(new NotNetworkMiddlewareError({ network, sender: account, middleware: null }).details[0]).toMatch(
      /no middleware/,
    )
    expect(
      new SymbioticRewardsBalanceError({ rewards, network, token, required: 5n, balance: 2n }).shortMessage,
    ).toContain('holds 2')
  })

  test('a switch over the union narrows by name', () => {
    const e = new SymbioticRewardsBalanceError({
      rewards,
      network,
      token,
      required: 5n,
      balance: 2n,
    }) as SymbioticRewardsError
    switch (e.name) {
      case 'SymbioticRewardsBalanceError':
        expect(e.required - e.balance).toBe(3n)
        break
      default:
        throw new Error('not narrowed')
    }
  })

  test('the revert mappers map the contracts’ errors, and the token’s ERC-20 ones', () => {
    const staker = stakerRewardsRevertMapper({ rewards, account, network, token, middleware })
    expect(staker('NoRewardsToClaim', [])).toBeInstanceOf(SymbioticNothingClaimableError)
    expect(staker('NotNetworkMiddleware', [])).toMatchObject({ middleware, sender: account })
    expect(staker('InvalidRecipient', [])).toBeInstanceOf(InvalidParameterError)
    expect(staker('HighAdminFee', [])).toMatchObject({ parameter: 'maxAdminFee' })
    expect(staker('ERC20InsufficientBalance', [account, 1n, 2n])).toBeInstanceOf(InsufficientBalanceError)
    expect(staker('Unknown', [])).toBeUndefined()
    const operator = operatorRewardsRevertMapper({
      rewards,
      account,
      network,
      token,
      required: 4n,
      balance: 1n,
    })
    expect(operator('RootNotSet', [])).toBeInstanceOf(SymbioticRewardsRootNotSetError)
    expect(operator('InvalidProof', [])).toBeInstanceOf(InvalidClaimProofError)
    expect(operator('InsufficientTotalClaimable', [])).toBeInstanceOf(NoRewardsToClaimError)
    expect(operator('InsufficientBalance', [])).toMatchObject({ required: 4n, balance: 1n })
  })

  test('each keeps exactly its own fields (defineError): a mapper does not leak the call context into them', () => {
    // the error's own fields, without RestakeKitError's (name, shortMessage, details, docsPath)
    const base = new Set(['name', 'shortMessage', 'details', 'docsPath'])
    const fields = (x: unknown) =>
      Object.fromEntries(Object.entries(x as object).filter(([k]) => !base.has(k)))
    const cause = new Error('revert')
    const e = new SymbioticRewardsBalanceError({ rewards, network, token, required: 5n, balance: 2n, cause })
    expect(fields(e)).toEqual({ rewards, network, token, required: 5n, balance: 2n })
    expect(e.cause).toBe(cause)
    expect(e.details).toEqual(['The network must distribute the tokens its root promises.'])
    const ctx: SymbioticRewardsRevertContext = {
      rewards,
      account,
      network,
      token,
      middleware,
      required: 4n,
      balance: 1n,
    }
    expect(fields(stakerRewardsRevertMapper(ctx)('NoRewardsToClaim', []))).toEqual({
      rewards,
      account,
      network,
      token,
    })
    expect(fields(operatorRewardsRevertMapper(ctx)('RootNotSet', []))).toEqual({ rewards, network, token })
    expect(fields(operatorRewardsRevertMapper(ctx)('InsufficientBalance', []))).toEqual({
      rewards,
      network,
      token,
      required: 4n,
      balance: 1n,
    })
    expect(fields(new NotNetworkMiddlewareError({ network, sender: account, middleware: null }))).toEqual({
      network,
      sender: account,
      middleware: null,
    })
    expect(fields(new SymbioticRewardsNotFoundError({ rewards, kind: 'operator' }))).toEqual({
      rewards,
      kind: 'operator',
    })
  })
})
