import { type Address, getAddress, isAddress } from 'viem'
import {
  ArrayLengthMismatchError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
} from '../errors.js'

/**
 * A 20-byte hex address, returned checksummed. All-lowercase and all-uppercase hex are accepted (they
 * carry no checksum); a mixed-case address must match its EIP-55 checksum, else it is an
 * `InvalidAddressError` (a mistyped address would otherwise be used as is).
 */
export function assertAddress(parameter: string, value: unknown): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false }))
    throw new InvalidAddressError({ parameter, value })
  const hex = value.slice(2)
  const checksummed = getAddress(value)
  if (hex !== hex.toLowerCase() && hex !== hex.toUpperCase() && checksummed !== value)
    throw new InvalidAddressError({
      parameter,
      value,
      reason: `has a wrong EIP-55 checksum (expected ${checksummed}); check the address, or pass it all lowercase`,
    })
  return checksummed
}

/**
 * An address that receives something (shares, a claim, an exit): a valid address and not the zero
 * address, which a contract would either revert on or send the funds to, lost.
 */
export function assertRecipient(parameter: string, value: unknown): Address {
  const address = assertAddress(parameter, value)
  if (BigInt(address) === 0n)
    throw new InvalidParameterError({ parameter, reason: 'must not be the zero address' })
  return address
}

/** A bigint amount greater than zero, else an `InvalidAmountError`. */
export function assertAmount(parameter: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value <= 0n) throw new InvalidAmountError({ parameter, value })
  return value
}

/** A non-empty array, else an `InvalidParameterError`. */
export function assertNonEmpty<T>(parameter: string, value: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidParameterError({ parameter, reason: 'must be a non-empty array' })
  return value
}

/** Arrays of equal length, else an `ArrayLengthMismatchError`. */
export function assertSameLength(names: readonly string[], arrays: readonly (readonly unknown[])[]): void {
  const lengths = arrays.map((a) => a.length)
  if (new Set(lengths).size > 1) throw new ArrayLengthMismatchError({ names, lengths })
}
