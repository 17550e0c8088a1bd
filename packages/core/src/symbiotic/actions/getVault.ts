import { type Address, zeroAddress } from 'viem'
import type { UnsupportedChainError } from '../../errors.js'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import {
  symbioticDelegatorAbi,
  symbioticRegistryAbi,
  symbioticSlasherAbi,
  symbioticVaultAbi,
  symbioticVaultTokenizedAbi,
} from '../abis.js'
import type { SymbioticDeployment } from '../deployments.js'
import { SymbioticVaultNotFoundError } from '../errors.js'
import { type SymbioticReadClient, symbioticDeployment } from '../internal.js'
import {
  SYMBIOTIC_DELEGATOR_TYPES,
  SYMBIOTIC_SLASHER_TYPES,
  type SymbioticDelegatorTypeName,
  type SymbioticSlasherTypeName,
} from '../math.js'

export type GetVaultParameters = {
  vault: Address
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
export type GetVaultErrorType = SymbioticVaultNotFoundError | UnsupportedChainError | Error

const vaultViews = [
  'collateral',
  'version',
  'burner',
  'epochDuration',
  'epochDurationInit',
  'currentEpoch',
  'currentEpochStart',
  'nextEpochStart',
  'depositWhitelist',
  'isDepositLimit',
  'depositLimit',
  'delegator',
  'slasher',
  'totalStake',
  'activeStake',
  'activeShares',
] as const

function knownDeployment(client: SymbioticReadClient, deployment?: SymbioticDeployment) {
  try {
    return symbioticDeployment(client, deployment)
  } catch (error) {
    if (deployment) throw error
    return undefined
  }
}

/**
 * A vault's configuration and stake: collateral, version (tokenized or not), epoch clock, deposit
 * whitelist and limit, delegator and slasher with their types, total and active stake.
 * Two round trips: the vault's views (one `aggregate3`), then its delegator's and slasher's types.
 */
export async function getVault(
  client: SymbioticReadClient,
  params: GetVaultParameters,
): Promise<GetVaultReturnType> {
  const vault = assertAddress('vault', params.vault)
  const deployment = knownDeployment(client, params.deployment)
  const reads = [
    ...vaultViews.map((functionName) => ({ address: vault, abi: symbioticVaultAbi, functionName })),
    ...(['name', 'symbol', 'decimals'] as const).map((functionName) => ({
      address: vault,
      abi: symbioticVaultTokenizedAbi,
      functionName,
    })),
    ...(deployment
      ? [
          {
            address: deployment.vaultFactory,
            abi: symbioticRegistryAbi,
            functionName: 'isEntity',
            args: [vault],
          },
        ]
      : []),
  ]
  const r = await readBatch(client, reads)
  if (r[0]?.status !== 'success') throw new SymbioticVaultNotFoundError(vault)
  if (
    deployment &&
    r[vaultViews.length + 3]?.status === 'success' &&
    !unwrap<boolean>(r[vaultViews.length + 3])
  )
    throw new SymbioticVaultNotFoundError(vault)
  const v = <T>(name: (typeof vaultViews)[number]) => unwrap<T>(r[vaultViews.indexOf(name)])
  const tokenized = r[vaultViews.length + 2]?.status === 'success'
  const delegator = v<Address>('delegator')
  const slasher = v<Address>('slasher')

  const second = await readBatch(client, [
    { address: delegator, abi: symbioticDelegatorAbi, functionName: 'TYPE' },
    ...(slasher === zeroAddress
      ? []
      : [
          { address: slasher, abi: symbioticSlasherAbi, functionName: 'TYPE' },
          { address: slasher, abi: symbioticSlasherAbi, functionName: 'vetoDuration' },
        ]),
  ])
  const delegatorType = second[0]?.status === 'success' ? Number(unwrap<bigint>(second[0])) : -1
  const slasherType = second[1]?.status === 'success' ? Number(unwrap<bigint>(second[1])) : -1
  const isDepositLimit = v<boolean>('isDepositLimit')
  return {
    address: vault,
    collateral: v<Address>('collateral'),
    version: v<bigint>('version'),
    tokenized,
    shareToken: tokenized
      ? {
          name: unwrap<string>(r[vaultViews.length]),
          symbol: unwrap<string>(r[vaultViews.length + 1]),
          decimals: unwrap<number>(r[vaultViews.length + 2]),
        }
      : null,
    burner: v<Address>('burner'),
    epochDuration: BigInt(v<number>('epochDuration')),
    epochDurationInit: BigInt(v<number>('epochDurationInit')),
    currentEpoch: v<bigint>('currentEpoch'),
    currentEpochStart: BigInt(v<number>('currentEpochStart')),
    nextEpochStart: BigInt(v<number>('nextEpochStart')),
    depositWhitelist: v<boolean>('depositWhitelist'),
    isDepositLimit,
    depositLimit: isDepositLimit ? v<bigint>('depositLimit') : null,
    delegator: {
      address: delegator,
      type: delegatorType,
      typeName:
        SYMBIOTIC_DELEGATOR_TYPES[delegatorType as keyof typeof SYMBIOTIC_DELEGATOR_TYPES] ?? 'unknown',
    },
    slasher:
      slasher === zeroAddress
        ? null
        : {
            address: slasher,
            type: slasherType,
            typeName:
              SYMBIOTIC_SLASHER_TYPES[slasherType as keyof typeof SYMBIOTIC_SLASHER_TYPES] ?? 'unknown',
            vetoDuration:
              slasherType === 1 && second[2]?.status === 'success' ? BigInt(unwrap<number>(second[2])) : null,
          },
    totalStake: v<bigint>('totalStake'),
    activeStake: v<bigint>('activeStake'),
    activeShares: v<bigint>('activeShares'),
  }
}
