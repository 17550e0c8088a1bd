import { getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { prepareSetClaimerFor } from '../eigenlayer/actions/setClaimerFor.js'
import { eigenlayerDeployments } from '../eigenlayer/deployments.js'
import { InvalidAddressError, InvalidAmountError } from '../errors.js'
import { prepareWithdraw } from '../symbiotic/actions/withdraw.js'
import { assertAddress, assertAmount } from './validate.js'

const lower = '0x52908400098527886e0f7030069857d2e4169ee7'
const good = getAddress(lower) // 0x52908400098527886E0F7030069857D2E4169EE7
/** The checksummed address with the case of one letter flipped: a wrong EIP-55 checksum. */
function flipOne(address: string): string {
  const i = [...address].findIndex((c, n) => n > 1 && /[a-fA-F]/.test(c))
  const c = address[i]!
  const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()
  return address.slice(0, i) + flipped + address.slice(i + 1)
}

describe('assertAddress: EIP-55 checksums', () => {
  test('all-lowercase, all-uppercase and correctly checksummed addresses are accepted, returned checksummed', () => {
    expect(assertAddress('a', lower)).toBe(good)
    expect(assertAddress('a', `0x${lower.slice(2).toUpperCase()}`)).toBe(good)
    expect(assertAddress('a', good)).toBe(good)
  })

  test('a mixed-case address with a wrong checksum is an InvalidAddressError naming the parameter and the right checksum', () => {
    const bad = flipOne(good)
    expect(bad.toLowerCase()).toBe(lower)
    let err: unknown
    try {
      assertAddress('receiver', bad)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(InvalidAddressError)
    expect((err as InvalidAddressError).name).toBe('InvalidAddressError')
    expect((err as InvalidAddressError).parameter).toBe('receiver')
    expect((err as Error).message).toContain('checksum')
    expect((err as Error).message).toContain(good)
  })

  test('non-addresses stay InvalidAddressError', () => {
    for (const v of ['0x12', 'nope', 12, undefined, null, `${lower}00`, `0x${'g'.repeat(40)}`])
      expect(() => assertAddress('a', v)).toThrow(InvalidAddressError)
  })

  test('amounts: 0, negative and non-bigint are InvalidAmountError', () => {
    for (const v of [0n, -1n, 1, '1', 1.5, undefined])
      expect(() => assertAmount('amount', v)).toThrow(InvalidAmountError)
    expect(assertAmount('amount', 1n)).toBe(1n)
  })

  test('kit writes refuse a wrong checksum in an address parameter and in a recipient', () => {
    const d = eigenlayerDeployments[1]
    expect(() => prepareSetClaimerFor({ deployment: d, claimer: flipOne(good) as never })).toThrow(
      InvalidAddressError,
    )
    expect(() => prepareWithdraw({ vault: flipOne(good) as never, amount: 1n, receiver: good })).toThrow(
      InvalidAddressError,
    )
    expect(() => prepareWithdraw({ vault: good, amount: 1n, receiver: flipOne(good) as never })).toThrow(
      InvalidAddressError,
    )
    expect(() => prepareWithdraw({ vault: good, amount: 1n, account: flipOne(good) as never })).toThrow(
      InvalidAddressError,
    )
  })
})
