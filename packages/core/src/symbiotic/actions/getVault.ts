import { type Address, decodeErrorResult, encodeDeployData, zeroAddress } from 'viem'
import type { InvalidParameterError, ReadErrorType, UnsupportedChainError } from '../../errors.js'
import { assertAddress } from '../../kit/index.js'
import type { SymbioticDeployment } from '../deployments.js'
import { SymbioticLensError, SymbioticVaultNotFoundError } from '../errors.js'
import { callLens, type SymbioticReadClient, symbioticDeployment } from '../internal.js'
import { symbioticVaultLensAbi, symbioticVaultLensBytecode } from '../lens.js'
import {
  SYMBIOTIC_DELEGATOR_TYPES,
  SYMBIOTIC_SLASHER_TYPES,
  type SymbioticDelegatorTypeName,
  type SymbioticSlasherTypeName,
} from '../math.js'

export type GetVaultParameters = {
  vault: Address
  /** Read at this block (default: latest). */
  blockNumber?: bigint
  /**
   * Check the vault is an entity of this deployment's VaultFactory. Default: the known deployment
   * of the client's chain when there is one (no check otherwise).
   */
  deployment?: SymbioticDeployment
}

export type SymbioticVaultInfo = {
  address: Address
  collateral: Address
  /** Factory version: 1 `Vault`, 2 `VaultTokenized`. */
  version: bigint
  /** True if the vault's active shares are an ERC-20 (`VaultTokenized`). */
  tokenized: boolean
  /** The share token's name, symbol and decimals (tokenized vaults only). */
  shareToken: { name: string; symbol: string; decimals: number } | null
  burner: Address
  /** Seconds. */
  epochDuration: bigint
  /** The vault's creation time (epoch 0 starts here), unix seconds. */
  epochDurationInit: bigint
  currentEpoch: bigint
  currentEpochStart: bigint
  nextEpochStart: bigint
  depositWhitelist: boolean
  isDepositLimit: boolean
  /** The limit on active stake, or `null` when the vault has none. */
  depositLimit: bigint | null
  delegator: { address: Address; type: number; typeName: SymbioticDelegatorTypeName | 'unknown' }
  slasher: {
    address: Address
    type: number
    typeName: SymbioticSlasherTypeName | 'unknown'
    vetoDuration: bigint | null
  } | null
  /** Active stake plus the withdrawals of the current and next epoch (all still slashable). */
  totalStake: bigint
  activeStake: bigint
  activeShares: bigint
}

export type GetVaultReturnType = SymbioticVaultInfo
export type GetVaultErrorType =
  | SymbioticVaultNotFoundError
  | SymbioticLensError
  | UnsupportedChainError
  | InvalidParameterError
  | ReadErrorType

function knownDeployment(client: SymbioticReadClient, deployment?: SymbioticDeployment) {
  try {
    return symbioticDeployment(client, deployment)
  } catch (error) {
    if (deployment) throw error
    return undefined
  }
}

const UNKNOWN = (1n << 256n) - 1n

/**
 * A vault's configuration and stake: collateral, version (tokenized or not), epoch clock, deposit
 * whitelist and limit, delegator and slasher with their types, total and active stake.
 * One round trip: a single `eth_call` of the never-deployed `SymbioticVaultLens` (see `lens.ts`),
 * which follows the vault to its delegator and slasher. With a deployment (given, or known for
 * the client's chain) the vault must be an entity of its VaultFactory.
 */
export async function getVault(
  client: SymbioticReadClient,
  params: GetVaultParameters,
): Promise<GetVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  const deployment = knownDeployment(client, params.deployment)
  const raw = await callLens(
    client,
    encodeDeployData({
      abi: symbioticVaultLensAbi,
      bytecode: symbioticVaultLensBytecode,
      args: [vault, deployment?.vaultFactory ?? zeroAddress],
    }),
    params,
  )
  let info: ReturnType<typeof decodeErrorResult<typeof symbioticVaultLensAbi>>['args'][0]
  try {
    info = decodeErrorResult({ abi: symbioticVaultLensAbi, data: raw }).args[0]
  } catch (error) {
    throw new SymbioticLensError({ cause: error })
  }
  if (!info.ok || !info.isEntity) throw new SymbioticVaultNotFoundError({ vault })
  const delegatorType = info.delegatorType === UNKNOWN ? -1 : Number(info.delegatorType)
  const slasherType = info.slasherType === UNKNOWN ? -1 : Number(info.slasherType)
  return {
    address: vault,
    collateral: info.collateral,
    version: info.version,
    tokenized: info.tokenized,
    shareToken: info.tokenized
      ? { name: info.name, symbol: info.symbol, decimals: Number(info.decimals) }
      : null,
    burner: info.burner,
    epochDuration: info.epochDuration,
    epochDurationInit: info.epochDurationInit,
    currentEpoch: info.currentEpoch,
    currentEpochStart: info.currentEpochStart,
    nextEpochStart: info.nextEpochStart,
    depositWhitelist: info.depositWhitelist,
    isDepositLimit: info.isDepositLimit,
    depositLimit: info.isDepositLimit ? info.depositLimit : null,
    delegator: {
      address: info.delegator,
      type: delegatorType,
      typeName:
        SYMBIOTIC_DELEGATOR_TYPES[delegatorType as keyof typeof SYMBIOTIC_DELEGATOR_TYPES] ?? 'unknown',
    },
    slasher:
      info.slasher === zeroAddress
        ? null
        : {
            address: info.slasher,
            type: slasherType,
            typeName:
              SYMBIOTIC_SLASHER_TYPES[slasherType as keyof typeof SYMBIOTIC_SLASHER_TYPES] ?? 'unknown',
            vetoDuration: slasherType === 1 ? info.vetoDuration : null,
          },
    totalStake: info.totalStake,
    activeStake: info.activeStake,
    activeShares: info.activeShares,
  }
}
