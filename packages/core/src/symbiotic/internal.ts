import {
  type Account,
  type Address,
  BaseError,
  type Chain,
  type Client,
  type Hex,
  isHex,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem'
import { call, getBlock } from 'viem/actions'
import { getAction } from 'viem/utils'
import { InvalidParameterError } from '../errors.js'
import { knownPinnedBlock, type ReadPlan, readBatch, resolveDeployment, stage, unwrap } from '../kit/index.js'
import { symbioticVaultStakerViewsAbi } from './abis.js'
import { type SymbioticDeployment, symbioticDeployments } from './deployments.js'
import { SymbioticLensError, SymbioticVaultNotFoundError } from './errors.js'
import { claimableAt, epochAt, withdrawalEpoch } from './math.js'

/** Any viem client that can read (public, wallet or test client). */
export type SymbioticReadClient = Client<Transport, Chain | undefined>
/** A wallet client (its account or an `account` parameter sends). */
export type SymbioticWalletClient = WalletClient<Transport, Chain | undefined, Account | undefined>

/** An address that receives something: see the kit's `assertRecipient`. */
export { assertRecipient } from '../kit/index.js'

/** The deployment for the client's chain, or the given one. */
export function symbioticDeployment(
  client: SymbioticReadClient,
  deployment?: SymbioticDeployment,
): SymbioticDeployment {
  return resolveDeployment<SymbioticDeployment>(client, symbioticDeployments, 'Symbiotic', deployment)
}

/** What the writes check before sending, read in one round trip. */
export type VaultWriteState = {
  collateral: Address
  epochDurationInit: bigint
  epochDuration: bigint
  currentEpoch: bigint
  depositWhitelist: boolean
  isDepositorWhitelisted: boolean
  isDepositLimit: boolean
  depositLimit: bigint
  activeStake: bigint
  activeShares: bigint
  activeSharesOf: bigint
  activeBalanceOf: bigint
}

const VAULT_WRITE_STATE = [
  ['collateral', false],
  ['epochDurationInit', false],
  ['epochDuration', false],
  ['currentEpoch', false],
  ['depositWhitelist', false],
  ['isDepositorWhitelisted', true],
  ['isDepositLimit', false],
  ['depositLimit', false],
  ['activeStake', false],
  ['activeShares', false],
  ['activeSharesOf', true],
  ['activeBalanceOf', true],
] as const

/**
 * What the writes check, as one plan stage: the vault's configuration, epoch clock and the
 * account's active position (run at the landing block by the kit).
 */
export function vaultWriteStatePlan(vault: Address, account: Address): ReadPlan<VaultWriteState> {
  return stage(
    VAULT_WRITE_STATE.map(([functionName, withAccount]) => ({
      address: vault,
      abi: symbioticVaultStakerViewsAbi,
      functionName,
      args: withAccount ? [account] : [],
    })),
    (results) => {
      if (results[0]?.status !== 'success') throw new SymbioticVaultNotFoundError({ vault })
      const out: Record<string, unknown> = {}
      VAULT_WRITE_STATE.forEach(([name], i) => {
        const v = unwrap<unknown>(results[i])
        out[name] = typeof v === 'number' ? BigInt(v) : v
      })
      return out as VaultWriteState
    },
  )
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
 * Runs a lens: one `eth_call` of its creation code (no `to`), and returns the revert data that
 * carries its result. Without `blockNumber`, on a client pinned to a known block (`pinBlock`),
 * the lens reads that block.
 */
export async function callLens(
  client: SymbioticReadClient,
  data: Hex,
  options: { blockNumber?: bigint | undefined; gas?: bigint | undefined } = {},
): Promise<Hex> {
  const blockNumber = options.blockNumber ?? knownPinnedBlock(client)
  try {
    await call(client, {
      data,
      ...(blockNumber === undefined ? {} : { blockNumber }),
      ...(options.gas === undefined ? {} : { gas: options.gas }),
    })
  } catch (error) {
    if (!(error instanceof BaseError)) throw error
    const raw = revertData(error)
    if (raw) return raw
    throw new SymbioticLensError({ cause: error })
  }
  throw new SymbioticLensError()
}

/**
 * The withdrawal bucket a mined `withdraw`/`redeem` went to and when it becomes claimable, from the
 * block it landed in (a simulation only forecasts them: an epoch can begin before the transaction
 * is mined).
 */
export async function landedWithdrawalEpoch(
  client: SymbioticReadClient,
  receipt: TransactionReceipt,
): Promise<{ epoch: bigint; readyAt: { timestamp: bigint } }> {
  const vault = receipt.to
  if (!vault) throw new InvalidParameterError({ parameter: 'hash', reason: 'is not a call to a vault' })
  const [block, results] = await Promise.all([
    getAction(client, getBlock, 'getBlock')({ blockNumber: receipt.blockNumber }),
    readBatch(client, [
      { address: vault, abi: symbioticVaultStakerViewsAbi, functionName: 'epochDurationInit' },
      { address: vault, abi: symbioticVaultStakerViewsAbi, functionName: 'epochDuration' },
    ]),
  ])
  const clock = {
    epochDurationInit: BigInt(unwrap<number>(results[0])),
    epochDuration: BigInt(unwrap<number>(results[1])),
  }
  const epoch = withdrawalEpoch(epochAt(clock, block.timestamp))
  return { epoch, readyAt: { timestamp: claimableAt(clock, epoch) } }
}
