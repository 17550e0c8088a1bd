import type { Address, Hex } from 'viem'
import { InvalidParameterError, type ReadErrorType } from '../../errors.js'
import {
  assertAddress,
  type BatchRead,
  type BatchResult,
  type ReadPlan,
  readBatch,
  runPlan,
  stage,
  unwrap,
} from '../../kit/index.js'
import { karakCoreViewsAbi, karakVaultViewsAbi } from '../abis.js'
import { KARAK_HUNDRED_PERCENT_WAD, type KarakDeployment } from '../deployments.js'
import { KarakVaultNotFoundError } from '../errors.js'
import { karakSharesToAssets } from '../math.js'
import { type KarakVault, parseVault, vaultReads } from './getVault.js'
import {
  karakDeployment,
  optionalKarakDeployment,
  type QueuedRecord,
  queuedWithdrawal,
  type ReadClient,
  timestampOf,
  timestampRead,
  withdrawalDelay,
} from './internal.js'

/** A staker's queued Karak withdrawal (shares escrowed in the vault until `finishRedeem`). */
export type KarakQueuedWithdrawal = {
  vault: Address
  staker: Address
  /** The staker's withdrawal nonce in this vault; `withdrawalKey = keccak256(abi.encode(staker, nonce))`. */
  nonce: bigint
  withdrawalKey: Hex
  /** Who receives the assets at `finishRedeem` (Karak's `beneficiary`). */
  receiver: Address
  shares: bigint
  /** What the shares are worth now (`convertToAssets`); paid at the rate of the finishing block, so slashing lowers it. */
  amount: bigint
  /** Unix seconds the withdrawal was queued. */
  start: bigint
  /** A `finishRedeem` landing at the chain time of the read succeeds. */
  ready: boolean
  /** From when `finishRedeem` succeeds: `start + MIN_WITHDRAWAL_DELAY` (unix seconds). */
  readyAt: { timestamp: bigint }
}

/** A staker's position in one Karak vault. */
export type KarakPosition = {
  protocol: 'karak'
  vault: KarakVault
  staker: Address
  /** Shares the staker holds (not counting shares escrowed in queued withdrawals). */
  shares: bigint
  /** Their value in the vault's asset (`convertToAssets(shares)`), in the asset's base units. */
  amount: bigint
  queuedWithdrawals: KarakQueuedWithdrawal[]
  /** The vault's slashing exposure from Core, when the Core is known (a deployment). */
  exposure?: KarakVaultExposure
}

/** What Core says about a vault's slashing exposure. */
export type KarakVaultExposure = {
  /** How many DSSs the vault's stake is allocated to (Core `getLeverage` / 100 %): each may slash it. */
  dssCount: bigint
  /** A slashing of the vault is requested and not yet finalized or cancelled (`isVaultQueuedForSlashing`). */
  queuedForSlashing: boolean
}

export type KarakPositions = {
  staker: Address
  /** The chain time (unix seconds) readiness was judged at. */
  timestamp: bigint
  positions: KarakPosition[]
}

export type GetPositionsParameters = {
  staker: Address
  /** Vaults to read; default: the deployment's `vaults`. Core keeps no list of all vaults. */
  vaults?: readonly Address[]
  /**
   * Also read every vault of these operators (Core `getOperatorVaults`): one more round trip first,
   * so at most 3.
   */
  operators?: readonly Address[]
  /** Keep vaults where the staker has no shares and no queued withdrawal (default false). */
  includeEmpty?: boolean
  deployment?: KarakDeployment
}
export type GetPositionsReturnType = KarakPositions
export type GetPositionsErrorType = KarakVaultNotFoundError | InvalidParameterError | ReadErrorType

/**
 * The two-stage read plan behind `getPositions` (and Karak's share of the portfolio): stage 1
 * reads the vault totals, the staker's shares and withdrawal nonces and the chain time; stage 2
 * each queued withdrawal by nonce. Run on a `withReadBatching` client beside other plans, each
 * stage shares their `aggregate3`.
 */
export function planPositions(params: {
  staker: Address
  vaults: readonly Address[]
  /** Withdrawal delay in seconds. */
  delay: bigint
  /** The chain-time read (Multicall3 `getCurrentBlockTimestamp`). */
  clock: BatchRead
  includeEmpty?: boolean
  /** Core's address: adds each vault's slashing exposure (2 more reads per vault, same round trip). */
  core?: Address
}): ReadPlan<KarakPositions> {
  const { staker, vaults, delay, core } = params
  const perVault = core ? 8 : 6
  const reads: BatchRead[] = vaults.flatMap((vault) => [
    ...vaultReads(vault),
    { address: vault, abi: karakVaultViewsAbi, functionName: 'balanceOf', args: [staker] },
    { address: vault, abi: karakVaultViewsAbi, functionName: 'getNextWithdrawNonce', args: [staker] },
    ...(core
      ? [
          { address: core, abi: karakCoreViewsAbi, functionName: 'getLeverage', args: [vault] },
          { address: core, abi: karakCoreViewsAbi, functionName: 'isVaultQueuedForSlashing', args: [vault] },
        ]
      : []),
  ])
  reads.push(params.clock)

  return stage(reads, (results: readonly BatchResult[]) => {
    const stage1 = vaults.map((vault, i) => {
      const r = results.slice(i * perVault, (i + 1) * perVault)
      const info = parseVault(vault, r)
      const balance = r[4]
      const nonce = r[5]
      if (balance?.status !== 'success' || nonce?.status !== 'success')
        throw new KarakVaultNotFoundError({ vault })
      const leverage = r[6]
      const queuedForSlashing = r[7]
      const exposure: KarakVaultExposure | undefined =
        leverage?.status === 'success' && queuedForSlashing?.status === 'success'
          ? {
              dssCount: (leverage.result as bigint) / KARAK_HUNDRED_PERCENT_WAD,
              queuedForSlashing: queuedForSlashing.result as boolean,
            }
          : undefined
      return { info, shares: balance.result as bigint, nextNonce: nonce.result as bigint, exposure }
    })
    const timestamp = timestampOf(results[vaults.length * perVault])
    const wanted = stage1.flatMap(({ info, nextNonce }) =>
      Array.from({ length: Number(nextNonce) }, (_, n) => ({ info, nonce: BigInt(n) })),
    )
    const reads2: BatchRead[] = wanted.map(({ info, nonce }) => ({
      address: info.address,
      abi: karakVaultViewsAbi,
      functionName: 'getQueuedWithdrawal',
      args: [staker, nonce],
    }))
    return stage(reads2, (results2) => {
      const queued = new Map<Address, KarakQueuedWithdrawal[]>()
      wanted.forEach(({ info, nonce }, i) => {
        const w = unwrap<QueuedRecord>(results2[i])
        if (w.start === 0n) return // finished
        const list = queued.get(info.address) ?? []
        list.push(queuedWithdrawal(info, staker, nonce, w, delay, timestamp))
        queued.set(info.address, list)
      })
      const positions = stage1
        .map(({ info, shares, exposure }) => ({
          protocol: 'karak' as const,
          vault: info,
          staker,
          shares,
          amount: karakSharesToAssets(info, shares),
          queuedWithdrawals: queued.get(info.address) ?? [],
          ...(exposure ? { exposure } : {}),
        }))
        .filter((p) => params.includeEmpty || p.shares > 0n || p.queuedWithdrawals.length > 0)
      return { staker, timestamp, positions }
    })
  })
}

async function resolveVaults(
  client: ReadClient,
  params: { vaults?: readonly Address[]; operators?: readonly Address[]; deployment?: KarakDeployment },
): Promise<Address[]> {
  const given =
    params.vaults ?? (params.operators ? [] : optionalKarakDeployment(client, params.deployment)?.vaults)
  if (!given) {
    throw new InvalidParameterError({
      parameter: 'vaults',
      reason: 'name the vaults (or operators) to read, or pass a deployment listing `vaults`',
    })
  }
  const vaults = given.map((v, i) => assertAddress(`vaults[${i}]`, v))
  if (params.operators && params.operators.length > 0) {
    const operators = params.operators.map((o, i) => assertAddress(`operators[${i}]`, o))
    const { core } = karakDeployment(client, params.deployment)
    const results = await readBatch(
      client,
      operators.map((operator) => ({
        address: core,
        abi: karakCoreViewsAbi,
        functionName: 'getOperatorVaults',
        args: [operator],
      })),
    )
    for (const r of results) vaults.push(...unwrap<readonly Address[]>(r))
  }
  return [...new Map(vaults.map((v) => [v.toLowerCase(), v])).values()]
}

/**
 * A staker's Karak positions: per vault the shares and their value, and every queued withdrawal
 * with its readiness. At most 2 JSON-RPC round trips (one `eth_call` per stage) whatever the
 * number of vaults and withdrawals; 1 when the staker never queued a withdrawal; one more first
 * when `operators` are given.
 */
export async function getPositions(
  client: ReadClient,
  params: GetPositionsParameters,
): Promise<GetPositionsReturnType> {
  const staker = assertAddress('staker', params.staker)
  const vaults = await resolveVaults(client, params)
  const core = optionalKarakDeployment(client, params.deployment)?.core
  return runPlan(
    client,
    planPositions({
      staker,
      vaults,
      delay: withdrawalDelay(client, params.deployment),
      clock: timestampRead(client),
      ...(params.includeEmpty === undefined ? {} : { includeEmpty: params.includeEmpty }),
      ...(core ? { core } : {}),
    }),
  )
}

export type GetQueuedWithdrawalsParameters = Omit<GetPositionsParameters, 'includeEmpty'>
export type GetQueuedWithdrawalsReturnType = KarakQueuedWithdrawal[]

/** A staker's queued Karak withdrawals across vaults, with readiness (≤ 2 round trips). */
export async function getQueuedWithdrawals(
  client: ReadClient,
  params: GetQueuedWithdrawalsParameters,
): Promise<GetQueuedWithdrawalsReturnType> {
  const { positions } = await getPositions(client, params)
  return positions.flatMap((p) => p.queuedWithdrawals)
}
