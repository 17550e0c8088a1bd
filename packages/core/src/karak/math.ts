import { type Address, encodeAbiParameters, type Hex, keccak256 } from 'viem'

/**
 * Pure Karak vault math. A Karak vault is an ERC-4626 vault with no decimals offset and one virtual
 * share and asset (Solady's ERC4626 defaults), so for `totalAssets = A`, `totalSupply = S`:
 * shares for assets = assets·(S+1)/(A+1), assets for shares = shares·(A+1)/(S+1).
 */
export type KarakVaultState = {
  /** `totalAssets()`: the vault's balance of its asset (lowered by slashing). */
  totalAssets: bigint
  /** `totalSupply()`: all shares, including those escrowed in queued withdrawals. */
  totalSupply: bigint
}

export type Rounding = 'down' | 'up'

function mulDiv(x: bigint, y: bigint, d: bigint, rounding: Rounding): bigint {
  const p = x * y
  const q = p / d
  return rounding === 'up' && q * d !== p ? q + 1n : q
}

/** `convertToShares` / `previewDeposit` (rounding down) or `previewWithdraw` (up). */
export function karakAssetsToShares(
  state: KarakVaultState,
  assets: bigint,
  rounding: Rounding = 'down',
): bigint {
  return mulDiv(assets, state.totalSupply + 1n, state.totalAssets + 1n, rounding)
}

/** `convertToAssets` / `previewRedeem` (rounding down) or `previewMint` (up). */
export function karakSharesToAssets(
  state: KarakVaultState,
  shares: bigint,
  rounding: Rounding = 'down',
): bigint {
  return mulDiv(shares, state.totalAssets + 1n, state.totalSupply + 1n, rounding)
}

/** Basis points in a whole (100 %). */
export const BPS = 10_000n

/** The least shares to accept for `expectedShares` with `slippageBps` tolerance (rounded down). */
export function karakMinSharesOut(expectedShares: bigint, slippageBps: bigint): bigint {
  if (slippageBps < 0n || slippageBps > BPS)
    throw new RangeError(`slippageBps ${slippageBps} must be in [0, 10000]`)
  return (expectedShares * (BPS - slippageBps)) / BPS
}

/** A withdrawal's key: `keccak256(abi.encode(staker, nonce))`, the staker's nonce counting from 0 per vault. */
export function karakWithdrawalKey(staker: Address, nonce: bigint): Hex {
  return keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [staker, nonce]))
}

/** The nonce under which `staker` queued `withdrawalKey`, searching nonces `[0, nextNonce)`; undefined if none. */
export function karakFindWithdrawalNonce(
  staker: Address,
  withdrawalKey: Hex,
  nextNonce: bigint,
): bigint | undefined {
  const key = withdrawalKey.toLowerCase()
  for (let n = nextNonce - 1n; n >= 0n; n--) {
    if (karakWithdrawalKey(staker, n) === key) return n
  }
  return undefined
}

/** When a withdrawal started at `start` (unix seconds) can be finished: `start + delay`. */
export function karakWithdrawalReadyAt(start: bigint, delay: bigint): bigint {
  return start + delay
}

/** Whether `finishRedeem` succeeds at `timestamp`: the vault reverts while `start + delay > timestamp`. */
export function isKarakWithdrawalReady(start: bigint, delay: bigint, timestamp: bigint): boolean {
  return start + delay <= timestamp
}
