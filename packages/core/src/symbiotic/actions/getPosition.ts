import type { Address } from 'viem'
import type { InvalidParameterError, ReadErrorType, UnsupportedChainError } from '../../errors.js'
import { assertAddress } from '../../kit/index.js'
import { type SymbioticLensError, SymbioticVaultNotFoundError } from '../errors.js'
import type { SymbioticReadClient } from '../internal.js'
import { type PositionScan, readPositions, type SymbioticVaultPosition } from '../positions.js'
import { getPositions } from './getPositions.js'

export type GetPositionParameters = PositionScan & {
  vault: Address
  /** Whose position. */
  staker: Address
  blockNumber?: bigint
}
export type GetPositionReturnType = SymbioticVaultPosition
export type GetPositionErrorType =
  | SymbioticVaultNotFoundError
  | SymbioticLensError
  | InvalidParameterError
  | UnsupportedChainError
  | ReadErrorType

/**
 * A staker's position in one vault: active balance and shares, slashable balance, unclaimed
 * withdrawals per epoch with their readiness (`ready`, `readyAt: { timestamp }`), and the claimable
 * epochs. One round trip (the positions lens) scanning the `lookback` epochs (default 8) before the
 * current one up to `currentEpoch + 1`; with explicit `epochs`, two (`aggregate3` reads: the
 * vault's clock and active position, then those epochs' buckets).
 */
export async function getPosition(
  client: SymbioticReadClient,
  params: GetPositionParameters,
): Promise<GetPositionReturnType> {
  const vault = assertAddress('vault', params.vault)
  const staker = assertAddress('staker', params.staker)
  if (params.epochs) {
    const [position] = await readPositions(client, [vault], staker, params)
    return position!
  }
  const [position] = await getPositions(client, {
    staker,
    vaults: [vault],
    includeEmpty: true,
    ...(params.lookback === undefined ? {} : { lookback: params.lookback }),
    ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
  })
  if (!position) throw new SymbioticVaultNotFoundError({ vault })
  return position
}
