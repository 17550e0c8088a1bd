import type { Address } from 'viem'
import { assertAddress } from '../../tx.js'
import { SymbioticVaultNotFoundError } from '../errors.js'
import type { SymbioticReadClient } from '../internal.js'
import { type PositionScan, readPositions, type SymbioticVaultPosition } from '../positions.js'
import { getSymbioticPositions } from './getSymbioticPositions.js'

export type GetVaultPositionParameters = PositionScan & {
  vault: Address
  account: Address
  blockNumber?: bigint
}
export type GetVaultPositionReturnType = SymbioticVaultPosition
export type GetVaultPositionErrorType = SymbioticVaultNotFoundError | Error

/**
 * An account's position in a vault: active balance and shares, slashable balance, unclaimed
 * withdrawals per epoch with the time each becomes claimable, and the claimable epochs.
 * One round trip (the positions lens) scanning the `lookback` epochs (default 8) before the
 * current one up to `currentEpoch + 1`; with explicit `epochs`, two (`aggregate3` reads: the
 * vault's clock and active position, then those epochs' buckets).
 */
export async function getVaultPosition(
  client: SymbioticReadClient,
  params: GetVaultPositionParameters,
): Promise<GetVaultPositionReturnType> {
  const vault = assertAddress('vault', params.vault)
  const account = assertAddress('account', params.account)
  if (params.epochs) {
    const [position] = await readPositions(client, [vault], account, params)
    return position!
  }
  const [position] = await getSymbioticPositions(client, {
    account,
    vaults: [vault],
    includeEmpty: true,
    ...(params.lookback === undefined ? {} : { lookback: params.lookback }),
    ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
  })
  if (!position) throw new SymbioticVaultNotFoundError(vault)
  return position
}
