import type { Address } from 'viem'
import type { UnsupportedChainError } from '../../errors.js'
import { assertAddress } from '../../tx.js'
import type { SymbioticDeployment } from '../deployments.js'
import type { SymbioticReadClient } from '../internal.js'
import { type PositionScan, readPositions, type SymbioticVaultPosition } from '../positions.js'
import { listVaults } from './listVaults.js'

export type GetSymbioticPositionsParameters = PositionScan & {
  account: Address
  /** Vaults to look at (default: every vault of the VaultFactory). */
  vaults?: readonly Address[]
  deployment?: SymbioticDeployment
  /** Keep vaults where the account holds nothing (default false). */
  includeEmpty?: boolean
}
export type GetSymbioticPositionsReturnType = SymbioticVaultPosition[]
export type GetSymbioticPositionsErrorType = UnsupportedChainError | Error

/**
 * Every Symbiotic position of one account: for each vault (given, or all of the VaultFactory),
 * active balance and shares, slashable balance, unclaimed withdrawals with their readiness.
 * Vaults that do not answer the vault interface are skipped.
 */
export async function getSymbioticPositions(
  client: SymbioticReadClient,
  params: GetSymbioticPositionsParameters,
): Promise<GetSymbioticPositionsReturnType> {
  const account = assertAddress('account', params.account)
  const vaults = params.vaults
    ? params.vaults.map((v, i) => assertAddress(`vaults[${i}]`, v))
    : await listVaults(client, params.deployment ? { deployment: params.deployment } : {})
  const positions = await readPositions(client, vaults, account, params, true)
  return params.includeEmpty
    ? positions
    : positions.filter((p) => p.activeShares > 0n || p.withdrawals.length > 0)
}
