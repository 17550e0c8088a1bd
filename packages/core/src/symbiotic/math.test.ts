import { symbioticSubnetwork } from '@restakekit/devnet'
import fc from 'fast-check'
import { getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidParameterError } from '../errors.js'
import {
  claimableAt,
  decodeSubnetwork,
  encodeSubnetwork,
  epochAt,
  epochStart,
  fullRestakeStake,
  isEpochClaimable,
  networkRestakeStake,
  operatorNetworkSpecificStake,
  operatorSpecificStake,
  previewDeposit,
  previewRedeem,
  previewWithdraw,
  withdrawalEpoch,
} from './math.js'

const network = '0x1111111111111111111111111111111111111111'

describe('subnetworks', () => {
  test('network address then the uint96 identifier, big-endian', () => {
    expect(encodeSubnetwork(network)).toBe(`0x${'11'.repeat(20)}${'00'.repeat(12)}`)
    expect(encodeSubnetwork(network, 1n)).toBe(`0x${'11'.repeat(20)}${'00'.repeat(11)}01`)
    expect(encodeSubnetwork(network, (1n << 96n) - 1n)).toBe(`0x${'11'.repeat(20)}${'ff'.repeat(12)}`)
    expect(() => encodeSubnetwork(network, 1n << 96n)).toThrow(InvalidParameterError)
    expect(() => encodeSubnetwork(network, -1n)).toThrow(InvalidParameterError)
    expect(() => decodeSubnetwork('0x1234')).toThrow(InvalidParameterError)
  })

  test('round trip, and equal to the devnet helper (an independent encoding)', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 20, maxLength: 20 }),
        fc.bigInt(0n, (1n << 96n) - 1n),
        (bytes, id) => {
          const addr = getAddress(`0x${Buffer.from(bytes).toString('hex')}`)
          const s = encodeSubnetwork(addr, id)
          expect(s).toBe(symbioticSubnetwork(addr, id))
          expect(decodeSubnetwork(s)).toEqual({ network: addr, identifier: id })
        },
      ),
    )
  })
})

describe('epochs', () => {
  const clock = { epochDurationInit: 1_000n, epochDuration: 100n }
  test('epochAt, epochStart, withdrawal bucket, claimability and its time', () => {
    expect(epochAt(clock, 1_000n)).toBe(0n)
    expect(epochAt(clock, 1_099n)).toBe(0n)
    expect(epochAt(clock, 1_100n)).toBe(1n)
    expect(() => epochAt(clock, 999n)).toThrow(InvalidParameterError)
    expect(epochStart(clock, 3n)).toBe(1_300n)
    // a withdrawal in epoch 3 lands in bucket 4, claimable from epoch 5 (t = 1500)
    expect(withdrawalEpoch(3n)).toBe(4n)
    expect(isEpochClaimable(4n, 4n)).toBe(false)
    expect(isEpochClaimable(4n, 5n)).toBe(true)
    expect(claimableAt(clock, 4n)).toBe(1_500n)
    expect(epochAt(clock, claimableAt(clock, 4n))).toBe(5n)
    expect(epochAt(clock, claimableAt(clock, 4n) - 1n)).toBe(4n)
  })

  test('property: a bucket is claimable exactly from claimableAt on', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 10n ** 10n),
        fc.bigInt(1n, 10n ** 7n),
        fc.bigInt(0n, 1000n),
        fc.bigInt(0n, 10n ** 9n),
        (init, duration, epoch, dt) => {
          const c = { epochDurationInit: init, epochDuration: duration }
          const t = init + dt
          expect(isEpochClaimable(epoch, epochAt(c, t))).toBe(t >= claimableAt(c, epoch))
        },
      ),
    )
  })
})

describe('share math (ERC-4626, decimals offset 0)', () => {
  test('values', () => {
    expect(previewDeposit(100n, 0n, 0n)).toBe(100n)
    expect(previewRedeem(100n, 100n, 100n)).toBe(100n)
    // after a 40% slash: 60 assets for 100 shares
    expect(previewRedeem(100n, 60n, 100n)).toBe(60n)
    expect(previewRedeem(50n, 60n, 100n)).toBe(30n)
    expect(previewWithdraw(30n, 100n, 60n)).toBe(50n)
    expect(previewWithdraw(31n, 100n, 60n)).toBe(52n) // rounds up: 31*101/61 = 51.33
    expect(previewDeposit(31n, 100n, 60n)).toBe(51n) // rounds down
  })
})

describe('stake formulas', () => {
  test('NetworkRestake: shares of min(active stake, network limit)', () => {
    const p = {
      activeStake: 1000n,
      networkLimit: 600n,
      operatorNetworkShares: 1n,
      totalOperatorNetworkShares: 3n,
    }
    expect(networkRestakeStake(p)).toBe(200n)
    expect(networkRestakeStake({ ...p, networkLimit: 5000n })).toBe(333n)
    expect(networkRestakeStake({ ...p, totalOperatorNetworkShares: 0n, operatorNetworkShares: 0n })).toBe(0n)
  })
  test('FullRestake: min of active stake, network limit, operator network limit', () => {
    expect(fullRestakeStake({ activeStake: 1000n, networkLimit: 600n, operatorNetworkLimit: 700n })).toBe(
      600n,
    )
    expect(fullRestakeStake({ activeStake: 500n, networkLimit: 600n, operatorNetworkLimit: 700n })).toBe(500n)
    expect(fullRestakeStake({ activeStake: 1000n, networkLimit: 800n, operatorNetworkLimit: 70n })).toBe(70n)
  })
  test('operator-specific types', () => {
    expect(operatorSpecificStake({ activeStake: 10n, networkLimit: 4n, isDelegatorOperator: true })).toBe(4n)
    expect(operatorSpecificStake({ activeStake: 10n, networkLimit: 4n, isDelegatorOperator: false })).toBe(0n)
    expect(
      operatorNetworkSpecificStake({
        activeStake: 3n,
        maxNetworkLimit: 4n,
        isDelegatorNetworkAndOperator: true,
      }),
    ).toBe(3n)
    expect(
      operatorNetworkSpecificStake({
        activeStake: 3n,
        maxNetworkLimit: 4n,
        isDelegatorNetworkAndOperator: false,
      }),
    ).toBe(0n)
  })
})
