import type { Address } from 'viem'
import { assertAddress } from '../../tx.js'
import type { SymbioticVaultNotFoundError } from '../errors.js'
import type { SymbioticReadClient } from '../internal.js'
import { type PositionScan, readPositions, type SymbioticVaultPosition } from '../positions.js'

export type GetVaultPositionParameters = PositionScan & { vault: Address; account: Address }
export type GetVaultPositionReturnType = SymbioticVaultPosition
export type GetVaultPositionErrorType = SymbioticVaultNotFoundError | Error

/**
 * An account's position in a vault: active balance and shares, slashable balance, unclaimed
 * withdrawals per epoch with the time each becomes claimable, and the claimable epochs.
 * Two round trips: the vault's clock and the active position, then the withdrawal buckets of
 * the scanned epochs (by default the 8 before the current one up to `currentEpoch + 1`).
 */
export async function getVaultPosition(
  client: SymbioticReadClient,
  params: GetVaultPositionParameters,
): Promise<GetVaultPositionReturnType> {
  const vault = assertAddress('vault', params.vault)
  const account = assertAddress('account', params.account)
  const [position] = await readPositions(client, [vault], account, params)
  return position!
}
