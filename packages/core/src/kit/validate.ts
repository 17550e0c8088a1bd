import { type Address, getAddress, isAddress } from 'viem'
import {
  ArrayLengthMismatchError,
  InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
} from '../errors.js'

export function assertAddress(parameter: string, value: unknown): Address {
  if (typeof value !== 'string' || !isAddress(value, { strict: false }))
    throw new InvalidAddressError(parameter, value)
  return getAddress(value)
}

export function assertAmount(parameter: string, value: unknown): bigint {
  if (typeof value !== 'bigint' || value <= 0n) throw new InvalidAmountError(parameter, value)
  return value
}

export function assertNonEmpty<T>(parameter: string, value: readonly T[] | undefined): readonly T[] {
  if (!Array.isArray(value) || value.length === 0)
    throw new InvalidParameterError(parameter, 'must be a non-empty array')
  return value
}

export function assertSameLength(names: readonly string[], arrays: readonly (readonly unknown[])[]): void {
  const lengths = arrays.map((a) => a.length)
  if (new Set(lengths).size > 1) throw new ArrayLengthMismatchError(names, lengths)
}
