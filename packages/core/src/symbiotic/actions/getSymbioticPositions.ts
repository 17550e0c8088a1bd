import {
  type Address,
  BaseError,
  decodeErrorResult,
  encodeDeployData,
  type Hex,
  isHex,
  zeroAddress,
} from 'viem'
import { call } from 'viem/actions'
import { RestakeKitError, type UnsupportedChainError } from '../../errors.js'
import { assertAddress } from '../../tx.js'
import type { SymbioticDeployment } from '../deployments.js'
import { type SymbioticReadClient, symbioticDeployment } from '../internal.js'
import { symbioticPositionsLensAbi, symbioticPositionsLensBytecode } from '../lens.js'
import { finishPosition, type SymbioticVaultPosition } from '../positions.js'

export type GetSymbioticPositionsParameters = {
  account: Address
  /** Vaults to look at (default: every vault of the deployment's VaultFactory). */
  vaults?: readonly Address[]
  deployment?: SymbioticDeployment
  /** How many epochs before the current one to look for unclaimed withdrawals (default 8). */
  lookback?: number
  /** Keep vaults where the account holds nothing (default false). */
  includeEmpty?: boolean
  /** Read at this block (default: latest). */
  blockNumber?: bigint
  /**
   * Gas for the lens call (default: the node's eth_call cap). It costs about 50k gas per vault
   * with the default lookback; a node with a low cap needs fewer vaults per call or a smaller lookback.
   */
  gas?: bigint
}
export type GetSymbioticPositionsReturnType = SymbioticVaultPosition[]
export type GetSymbioticPositionsErrorType = UnsupportedChainError | RestakeKitError | Error

/** The lens answered with something other than its result. */
export class SymbioticLensError extends RestakeKitError {
  override name = 'SymbioticLensError'
  constructor(cause: unknown) {
    super('The Symbiotic positions lens returned no result.', {
      details: ['The node must support eth_call without `to` (contract creation) and return revert data.'],
      docsPath: '/errors#symbiotic-lens',
      cause,
    })
  }
}

function revertData(error: unknown): Hex | undefined {
  let e: unknown = error
  while (e) {
    const data = (e as { data?: unknown }).data
    if (typeof data === 'string' && isHex(data) && data.length > 10) return data
    if (data && typeof data === 'object' && typeof (data as { data?: unknown }).data === 'string')
      return (data as { data: Hex }).data
    e = (e as { cause?: unknown }).cause
  }
  return undefined
}

/**
 * Every Symbiotic position of one account, for the given vaults or every vault of the
 * VaultFactory: active balance and shares, slashable balance, unclaimed withdrawals with their
 * readiness. ONE round trip whatever the number of vaults: a single `eth_call` of the
 * `SymbioticPositionsLens` creation code (never deployed; see `lens.ts`). Vaults that do not
 * answer the vault interface are left out. (To merge Symbiotic reads into other `aggregate3`
 * stages, see `planSymbioticPositions`.)
 */
export async function getSymbioticPositions(
  client: SymbioticReadClient,
  params: GetSymbioticPositionsParameters,
): Promise<GetSymbioticPositionsReturnType> {
  const account = assertAddress('account', params.account)
  const vaults = params.vaults?.map((v, i) => assertAddress(`vaults[${i}]`, v))
  if (vaults && vaults.length === 0) return []
  const factory = vaults ? zeroAddress : symbioticDeployment(client, params.deployment).vaultFactory
  const data = encodeDeployData({
    abi: symbioticPositionsLensAbi,
    bytecode: symbioticPositionsLensBytecode,
    args: [factory, vaults ?? [], account, BigInt(params.lookback ?? 8), params.includeEmpty ?? false],
  })
  let raw: Hex | undefined
  try {
    await call(client, {
      data,
      ...(params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber }),
    })
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    raw = revertData(error)
    if (!raw) throw new SymbioticLensError(error)
  }
  if (!raw) throw new SymbioticLensError(undefined)
  let decoded: ReturnType<typeof decodeErrorResult<typeof symbioticPositionsLensAbi>>
  try {
    decoded = decodeErrorResult({ abi: symbioticPositionsLensAbi, data: raw })
  } catch (error) {
    throw new SymbioticLensError(error)
  }
  const [, positions] = decoded.args
  return positions.map((p) =>
    finishPosition(
      {
        vault: p.vault,
        account,
        collateral: p.collateral,
        currentEpoch: p.currentEpoch,
        epochDuration: p.epochDuration,
        epochDurationInit: p.epochDurationInit,
        activeShares: p.activeShares,
        activeBalance: p.activeBalance,
        slashableBalance: p.slashableBalance,
      },
      p.withdrawals,
    ),
  )
}
