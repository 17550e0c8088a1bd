import { type Address, getAddress, type Hex, isHex } from 'viem'
import { InvalidParameterError } from '../errors.js'

/**
 * Pure Symbiotic arithmetic: subnetworks, epochs, share conversions and the delegators' stake
 * formulas, exactly as the 1.0.3 contracts compute them (bigint, floor/ceil as on chain).
 */

const MAX_UINT96 = (1n << 96n) - 1n

// ---------------------------------------------------------------- subnetworks

/**
 * A subnetwork id: `bytes32(uint256(uint160(network)) << 96 | identifier)`, i.e. the 20-byte
 * network address followed by the 12-byte big-endian uint96 identifier (0 is the default).
 */
export function encodeSubnetwork(network: Address, identifier: bigint | number = 0n): Hex {
  const id = BigInt(identifier)
  if (id < 0n || id > MAX_UINT96)
    throw new InvalidParameterError({ parameter: 'identifier', reason: `${id} is not a uint96` })
  const value = (BigInt(getAddress(network)) << 96n) | id
  return `0x${value.toString(16).padStart(64, '0')}`
}

/** The network and identifier of a subnetwork id. */
export function decodeSubnetwork(subnetwork: Hex): { network: Address; identifier: bigint } {
  if (!isHex(subnetwork) || subnetwork.length !== 66)
    throw new InvalidParameterError({ parameter: 'subnetwork', reason: `${subnetwork} is not a bytes32` })
  const value = BigInt(subnetwork)
  const network = getAddress(`0x${(value >> 96n).toString(16).padStart(40, '0')}`)
  return { network, identifier: value & MAX_UINT96 }
}

// ---------------------------------------------------------------- epochs

/** A vault's epoch clock: `epochDurationInit` (creation time) and `epochDuration`, in seconds. */
export type EpochClock = { epochDurationInit: bigint; epochDuration: bigint }

/** `epochAt(t) = (t - epochDurationInit) / epochDuration` (the vault reverts for t before its creation). */
export function epochAt(clock: EpochClock, timestamp: bigint): bigint {
  if (timestamp < clock.epochDurationInit)
    throw new InvalidParameterError({
      parameter: 'timestamp',
      reason: `${timestamp} is before the vault's first epoch`,
    })
  return (timestamp - clock.epochDurationInit) / clock.epochDuration
}

/** When `epoch` starts: `epochDurationInit + epoch * epochDuration`. */
export function epochStart(clock: EpochClock, epoch: bigint): bigint {
  return clock.epochDurationInit + epoch * clock.epochDuration
}

/** The bucket a withdrawal made now goes to: `currentEpoch + 1`. */
export function withdrawalEpoch(currentEpoch: bigint): bigint {
  return currentEpoch + 1n
}

/** A withdrawal bucket can be claimed once `epoch < currentEpoch`. */
export function isEpochClaimable(epoch: bigint, currentEpoch: bigint): boolean {
  return epoch < currentEpoch
}

/** The time a withdrawal bucket becomes claimable: the start of epoch `epoch + 1`. */
export function claimableAt(clock: EpochClock, epoch: bigint): bigint {
  return epochStart(clock, epoch + 1n)
}

// ---------------------------------------------------------------- ERC-4626 share math (decimals offset 0)

/** The smaller of two bigints (`Math.min` does not take bigints). */
function minOf(a: bigint, ...rest: bigint[]): bigint {
  let m = a
  for (const x of rest) if (x < m) m = x
  return m
}

function mulDiv(x: bigint, y: bigint, d: bigint, ceil: boolean): bigint {
  const p = x * y
  const q = p / d
  return ceil && q * d !== p ? q + 1n : q
}

/** Shares minted for `assets` (floor): `assets * (totalShares + 1) / (totalAssets + 1)`. */
export function previewDeposit(assets: bigint, totalShares: bigint, totalAssets: bigint): bigint {
  return mulDiv(assets, totalShares + 1n, totalAssets + 1n, false)
}

/** Shares burned to withdraw `assets` (ceil). */
export function previewWithdraw(assets: bigint, totalShares: bigint, totalAssets: bigint): bigint {
  return mulDiv(assets, totalShares + 1n, totalAssets + 1n, true)
}

/** Assets for `shares` (floor): `shares * (totalAssets + 1) / (totalShares + 1)`. */
export function previewRedeem(shares: bigint, totalAssets: bigint, totalShares: bigint): bigint {
  return mulDiv(shares, totalAssets + 1n, totalShares + 1n, false)
}

// ---------------------------------------------------------------- delegator stake formulas

/** NetworkRestake (type 0): `operatorShares * min(activeStake, networkLimit) / totalOperatorShares` (0 if no shares). */
export function networkRestakeStake(p: {
  activeStake: bigint
  networkLimit: bigint
  operatorNetworkShares: bigint
  totalOperatorNetworkShares: bigint
}): bigint {
  if (p.totalOperatorNetworkShares === 0n) return 0n
  const limit = minOf(p.activeStake, p.networkLimit)
  return mulDiv(p.operatorNetworkShares, limit, p.totalOperatorNetworkShares, false)
}

/** FullRestake (type 1): `min(activeStake, networkLimit, operatorNetworkLimit)`. */
export function fullRestakeStake(p: {
  activeStake: bigint
  networkLimit: bigint
  operatorNetworkLimit: bigint
}): bigint {
  return minOf(p.activeStake, p.networkLimit, p.operatorNetworkLimit)
}

/** OperatorSpecific (type 2): `min(activeStake, networkLimit)` for its operator, 0 for any other. */
export function operatorSpecificStake(p: {
  activeStake: bigint
  networkLimit: bigint
  isDelegatorOperator: boolean
}): bigint {
  if (!p.isDelegatorOperator) return 0n
  return minOf(p.activeStake, p.networkLimit)
}

/** OperatorNetworkSpecific (type 3): `min(activeStake, maxNetworkLimit)` for its network and operator, else 0. */
export function operatorNetworkSpecificStake(p: {
  activeStake: bigint
  maxNetworkLimit: bigint
  isDelegatorNetworkAndOperator: boolean
}): bigint {
  if (!p.isDelegatorNetworkAndOperator) return 0n
  return minOf(p.activeStake, p.maxNetworkLimit)
}

/** Delegator type names by `TYPE()`. */
export const SYMBIOTIC_DELEGATOR_TYPES = {
  0: 'NetworkRestake',
  1: 'FullRestake',
  2: 'OperatorSpecific',
  3: 'OperatorNetworkSpecific',
} as const
export type SymbioticDelegatorTypeName =
  (typeof SYMBIOTIC_DELEGATOR_TYPES)[keyof typeof SYMBIOTIC_DELEGATOR_TYPES]

/** Slasher type names by `TYPE()`. */
export const SYMBIOTIC_SLASHER_TYPES = { 0: 'Slasher', 1: 'VetoSlasher' } as const
export type SymbioticSlasherTypeName = (typeof SYMBIOTIC_SLASHER_TYPES)[keyof typeof SYMBIOTIC_SLASHER_TYPES]
