import type { Address, Hex } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import { assertAddress, type BatchRead, type BatchResult, readBatch } from '../../tx.js'
import { karakVaultAbi } from '../abis.js'
import type { ReadClient } from './internal.js'

export type KarakVault = {
  address: Address
  /** The underlying ERC-20 deposited into the vault. */
  asset: Address
  /** Decimals of the vault's shares (= the asset's). */
  decimals: number
  /** The operator the vault belongs to. */
  operator: Address
  name: string
  symbol: string
  extraData: Hex
  /** The Core that owns (and may slash) the vault; undefined if `owner()` failed. */
  core: Address | undefined
  /** `totalAssets()`: the vault's asset balance, lowered by slashing. */
  totalAssets: bigint
  /** `totalSupply()`: all shares, including shares escrowed in queued withdrawals. */
  totalSupply: bigint
}

export type GetKarakVaultParameters = { vault: Address }
export type GetKarakVaultReturnType = KarakVault
export type GetKarakVaultErrorType = InvalidParameterError | Error

/** The reads describing one vault (4 calls), for a larger batch. */
export function karakVaultReads(vault: Address): BatchRead[] {
  return [
    { address: vault, abi: karakVaultAbi, functionName: 'vaultConfig' },
    { address: vault, abi: karakVaultAbi, functionName: 'totalAssets' },
    { address: vault, abi: karakVaultAbi, functionName: 'totalSupply' },
    { address: vault, abi: karakVaultAbi, functionName: 'owner' },
  ]
}

/** Decodes `karakVaultReads` results; a failed `vaultConfig` means the address is not a Karak vault. */
export function parseKarakVault(vault: Address, results: readonly BatchResult[]): KarakVault {
  const [config, totalAssets, totalSupply, owner] = results
  if (
    config?.status !== 'success' ||
    totalAssets?.status !== 'success' ||
    totalSupply?.status !== 'success'
  ) {
    throw new InvalidParameterError('vault', `${vault} is not a Karak vault (vaultConfig/totalAssets failed)`)
  }
  const c = config.result as {
    asset: Address
    decimals: number
    operator: Address
    name: string
    symbol: string
    extraData: Hex
  }
  return {
    address: vault,
    asset: c.asset,
    decimals: c.decimals,
    operator: c.operator,
    name: c.name,
    symbol: c.symbol,
    extraData: c.extraData,
    core: owner?.status === 'success' ? (owner.result as Address) : undefined,
    totalAssets: totalAssets.result as bigint,
    totalSupply: totalSupply.result as bigint,
  }
}

/** A Karak vault's configuration and totals, in one `eth_call`. */
export async function getKarakVault(
  client: ReadClient,
  params: GetKarakVaultParameters,
): Promise<GetKarakVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  return parseKarakVault(vault, await readBatch(client, karakVaultReads(vault)))
}
