import { encodeAbiParameters, keccak256, parseEther, toFunctionSelector } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAddressError, InvalidAmountError, InvalidParameterError } from '../errors.js'
import { prepareDeposit } from './actions/deposit.js'
import { prepareFinishRedeem } from './actions/finishRedeem.js'
import { prepareStartRedeem } from './actions/startRedeem.js'
import { KARAK_MIN_WITHDRAWAL_DELAY, karakDeployments } from './deployments.js'
import {
  isKarakWithdrawalReady,
  karakAssetsToShares,
  karakFindWithdrawalNonce,
  karakMinSharesOut,
  karakSharesToAssets,
  karakWithdrawalKey,
  karakWithdrawalReadyAt,
} from './math.js'

const vault = '0x26f4a38E54D10cbFeD41B78b9014f2b231129BF3'
const staker = '0xe1C48006538E8F14E8D3F481FceA9a8387bFB9F3'

describe('ERC-4626 conversions (one virtual share and asset)', () => {
  test('an empty vault is 1:1', () => {
    const empty = { totalAssets: 0n, totalSupply: 0n }
    expect(karakAssetsToShares(empty, 123n)).toBe(123n)
    expect(karakSharesToAssets(empty, 123n)).toBe(123n)
  })

  test('after a 10 % slash: floor for deposits/redeems, ceil for mint', () => {
    const slashed = { totalAssets: parseEther('9'), totalSupply: parseEther('10') }
    // 6e18 · (9e18 + 1) / (10e18 + 1)
    const assets = (parseEther('6') * (parseEther('9') + 1n)) / (parseEther('10') + 1n)
    expect(karakSharesToAssets(slashed, parseEther('6'))).toBe(assets)
    expect(assets).toBe(parseEther('5.4')) // remainder 0.6e18 < 10e18 + 1: floors to 5.4e18
    const shares = karakAssetsToShares(slashed, 1n)
    expect(shares).toBe(1n) // 1 · (10e18+1)/(9e18+1) = 1.11… → 1
    expect(karakSharesToAssets(slashed, 1n, 'up')).toBe(1n)
    // 10 · (9e18 + 1) = 9 · (10e18 + 1) + 1: 9 down, 10 up
    expect(karakSharesToAssets(slashed, 10n, 'down')).toBe(9n)
    expect(karakSharesToAssets(slashed, 10n, 'up')).toBe(10n)
  })

  test('a donation before the first deposit: the virtual share keeps the depositor whole within 1 wei per share', () => {
    const donated = { totalAssets: 1_000n, totalSupply: 0n }
    // 1000 assets into a vault holding 1000 donated: shares = 1000·1/1001 = 0 → the deposit would mint 0
    expect(karakAssetsToShares(donated, 1_000n)).toBe(0n)
    expect(karakMinSharesOut(karakAssetsToShares(donated, 1_000n), 0n)).toBe(0n)
  })
})

describe('withdrawal keys and readiness', () => {
  test('key = keccak256(abi.encode(staker, nonce)) and its nonce is found back', () => {
    const expected = keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [staker, 7n]))
    expect(karakWithdrawalKey(staker, 7n)).toBe(expected)
    expect(karakFindWithdrawalNonce(staker, expected, 8n)).toBe(7n)
    expect(karakFindWithdrawalNonce(staker, expected.toUpperCase().replace('0X', '0x') as never, 8n)).toBe(7n)
    expect(karakFindWithdrawalNonce(staker, expected, 7n)).toBeUndefined()
    expect(karakFindWithdrawalNonce(vault, expected, 100n)).toBeUndefined()
  })

  test('ready from start + 9 days (inclusive), as the vault checks `start + delay > now`', () => {
    const start = 1_700_000_000n
    expect(KARAK_MIN_WITHDRAWAL_DELAY).toBe(777_600n)
    expect(karakWithdrawalReadyAt(start, KARAK_MIN_WITHDRAWAL_DELAY)).toBe(start + 777_600n)
    expect(isKarakWithdrawalReady(start, KARAK_MIN_WITHDRAWAL_DELAY, start + 777_599n)).toBe(false)
    expect(isKarakWithdrawalReady(start, KARAK_MIN_WITHDRAWAL_DELAY, start + 777_600n)).toBe(true)
  })

  test('slippage', () => {
    expect(karakMinSharesOut(10_000n, 50n)).toBe(9_950n)
    expect(karakMinSharesOut(999n, 1n)).toBe(998n) // 999 · 9999 / 10000 = 998.9 → 998
    expect(karakMinSharesOut(5n, 0n)).toBe(5n)
    expect(() => karakMinSharesOut(5n, 10_001n)).toThrow(RangeError)
  })
})

describe('prepare layer (pure)', () => {
  test('deposit: frozen calls, approval only with the asset', () => {
    const only = prepareDeposit({ vault, amount: 5n, receiver: staker, minSharesOut: 4n })
    expect(Object.isFrozen(only)).toBe(true)
    expect(only).toHaveLength(1)
    expect(only[0]?.to).toBe(vault)
    expect(only[0]?.value).toBe(0n)
    expect(only[0]?.data.slice(0, 10)).toBe(toFunctionSelector('deposit(uint256,address,uint256)'))
    const withApproval = prepareDeposit({
      vault,
      asset: staker,
      amount: 5n,
      receiver: staker,
      minSharesOut: 0n,
    })
    expect(withApproval.map((c) => c.to)).toEqual([staker, vault])
  })

  test('startRedeem includes the share approval to the vault unless told not to', () => {
    const list = prepareStartRedeem({ vault, shares: 3n, receiver: staker })
    expect(list.map((c) => [c.to, c.data.slice(0, 10)])).toEqual([
      [vault, toFunctionSelector('approve(address,uint256)')],
      [vault, toFunctionSelector('startRedeem(uint256,address)')],
    ])
    expect(prepareStartRedeem({ vault, shares: 3n, receiver: staker, approve: false })).toHaveLength(1)
  })

  test('bad input is a typed error', () => {
    expect(() =>
      prepareDeposit({
        vault: '0xnope' as never,
        amount: 1n,
        receiver: staker,
        minSharesOut: 0n,
      }),
    ).toThrow(InvalidAddressError)
    expect(() => prepareDeposit({ vault, amount: 0n, receiver: staker, minSharesOut: 0n })).toThrow(
      InvalidAmountError,
    )
    expect(() => prepareDeposit({ vault, amount: 1n, receiver: staker, minSharesOut: -1n })).toThrow(
      InvalidAmountError,
    )
    expect(() => prepareDeposit({ vault, amount: 1 as never, receiver: staker, minSharesOut: 0n })).toThrow(
      InvalidAmountError,
    )
    expect(() => prepareStartRedeem({ vault, shares: 0n, receiver: staker })).toThrow(InvalidAmountError)
    expect(() => prepareFinishRedeem({ vault, withdrawalKey: '0x12' })).toThrow(InvalidParameterError)
    const byKey = prepareFinishRedeem({ vault, withdrawalKey: karakWithdrawalKey(staker, 1n) })
    expect(byKey).toHaveLength(1)
    expect(byKey[0]?.data.slice(0, 10)).toBe(toFunctionSelector('finishRedeem(bytes32)'))
    // by staker + nonce: the same call
    expect(prepareFinishRedeem({ vault, staker, nonce: 1n })).toEqual(byKey)
    expect(prepareFinishRedeem({ vault, nonce: 1n, account: staker })).toEqual(byKey)
    // a nonce without anyone to take it from
    expect(() => prepareFinishRedeem({ vault, nonce: 1n })).toThrow(InvalidParameterError)
    expect(() => prepareFinishRedeem({ vault, staker, nonce: -1n })).toThrow(InvalidParameterError)
    expect(() =>
      prepareFinishRedeem({ vault: '0x1' as never, withdrawalKey: karakWithdrawalKey(staker, 0n) }),
    ).toThrow(InvalidAddressError)
    // prepareDeposit cannot read previewDeposit: minSharesOut must be given
    expect(() => prepareDeposit({ vault, amount: 1n, receiver: staker })).toThrow(InvalidParameterError)
  })
})

test('known deployments: mainnet Core per karak-network/v2-contracts script/v2/config', () => {
  expect(karakDeployments[1].core).toBe('0x27e9C40128c77B157130Fc5fAEFcDe26D6194c15')
  for (const [id, d] of Object.entries(karakDeployments)) expect(d.chainId).toBe(Number(id))
})
