import type { Address, Hex } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, type BatchRead, type BatchResult, readBatch } from '../../kit/index.js'
import { karakVaultViewsAbi } from '../abis.js'
import { KarakVaultNotFoundError } from '../errors.js'
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

export type GetVaultParameters = { vault: Address }
export type GetVaultReturnType = KarakVault
export type GetVaultErrorType = KarakVaultNotFoundError | ReadErrorType

/** The reads describing one vault (4 calls), for a larger batch. */
export function vaultReads(vault: Address): BatchRead[] {
  return [
    { address: vault, abi: karakVaultViewsAbi, functionName: 'vaultConfig' },
    { address: vault, abi: karakVaultViewsAbi, functionName: 'totalAssets' },
    { address: vault, abi: karakVaultViewsAbi, functionName: 'totalSupply' },
    { address: vault, abi: karakVaultViewsAbi, functionName: 'owner' },
  ]
}

/** Decodes `vaultReads` results; a failed `vaultConfig` means the address is not a Karak vault. */
export function parseVault(vault: Address, results: readonly BatchResult[]): KarakVault {
  const [config, totalAssets, totalSupply, owner] = results
  if (
    config?.status !== 'success' ||
    totalAssets?.status !== 'success' ||
    totalSupply?.status !== 'success'
  ) {
    throw new KarakVaultNotFoundError({ vault })
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

/** A Karak vault's configuration and totals, in one `eth_call`; `KarakVaultNotFoundError` for another address. */
export async function getVault(client: ReadClient, params: GetVaultParameters): Promise<GetVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  return parseVault(vault, await readBatch(client, vaultReads(vault)))
}
