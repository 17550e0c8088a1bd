import { domainSeparator } from 'viem'
import { describe, expect, test } from 'vitest'
import { matchDomain, randomSalt } from './signatures.js'

const contract = '0x39053D51B77DC0d36036Fc1fCc8Cb819df8Ef37A'
describe('EIP-712 domain from chain', () => {
  test('v1.2 domain (no version) and v1.3+ domain (version = first character of version())', () => {
    const old = domainSeparator({ domain: { name: 'EigenLayer', chainId: 1, verifyingContract: contract } })
    expect(matchDomain([contract], 1, old, undefined)).toEqual({
      name: 'EigenLayer',
      chainId: 1,
      verifyingContract: contract,
    })
    const v13 = domainSeparator({
      domain: { name: 'EigenLayer', version: '1', chainId: 1, verifyingContract: contract },
    })
    expect(matchDomain([contract], 1, v13, '1.3.0')?.version).toBe('1')
    expect(matchDomain([contract], 1, v13, 'v1.3.0')?.version).toBe('1')
    // another chain or contract: no match (never a hard-coded guess)
    expect(matchDomain([contract], 17000, v13, '1.3.0')).toBeUndefined()
  })

  test('fresh salts are 32 random bytes', () => {
    const a = randomSalt()
    expect(a).toMatch(/^0x[0-9a-f]{64}$/)
    expect(randomSalt()).not.toBe(a)
  })
})
