import type { Address, Hex } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import { assertAddress, type BatchRead, type BatchResult, readBatch, unwrap } from '../../tx.js'
import { karakCoreAbi, karakVaultAbi } from '../abis.js'
import { KARAK_HUNDRED_PERCENT_WAD, type KarakDeployment } from '../deployments.js'
import {
  isKarakWithdrawalReady,
  karakSharesToAssets,
  karakWithdrawalKey,
  karakWithdrawalReadyAt,
} from '../math.js'
import { type KarakVault, karakVaultReads, parseKarakVault } from './getKarakVault.js'
import {
  karakDeployment,
  optionalKarakDeployment,
  type ReadClient,
  readTimestamp,
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
  beneficiary: Address
  shares: bigint
  /** What the shares are worth now (`convertToAssets`); paid at the rate of the finishing block, so slashing lowers it. */
  assets: bigint
  /** Unix seconds the withdrawal was queued. */
  start: bigint
  /** Unix seconds from which `finishRedeem` succeeds: `start + MIN_WITHDRAWAL_DELAY`. */
  readyAt: bigint
  /** Ready at the chain time of the read. */
  ready: boolean
}

/** A staker's position in one Karak vault. */
export type KarakPosition = {
  protocol: 'karak'
  vault: KarakVault
  staker: Address
  /** Shares the staker holds (not counting shares escrowed in queued withdrawals). */
  shares: bigint
  /** Their value in the vault's asset (`convertToAssets(shares)`), in the asset's base units. */
  assets: bigint
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

export type GetKarakPositionsParameters = {
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
export type GetKarakPositionsReturnType = KarakPositions

/**
 * The two-stage read plan behind `getKarakPositions`: stage 1 (vault totals, the staker's shares
 * and withdrawal nonces, the chain time), then stage 2 (each queued withdrawal by nonce). A
 * portfolio read merges the stages of several protocols into two `eth_call`s.
 */
export function planKarakPositions(params: {
  staker: Address
  vaults: readonly Address[]
  /** Withdrawal delay in seconds. */
  delay: bigint
  /** The chain-time read (Multicall3 `getCurrentBlockTimestamp`), or undefined to take `timestamp` later. */
  timestamp?: BatchRead
  includeEmpty?: boolean
  /** Core's address: adds each vault's slashing exposure (2 more reads per vault, same round trip). */
  core?: Address
}) {
  const { staker, vaults, delay, core } = params
  const perVault = core ? 8 : 6
  const reads: BatchRead[] = vaults.flatMap((vault) => [
    ...karakVaultReads(vault),
    { address: vault, abi: karakVaultAbi, functionName: 'balanceOf', args: [staker] },
    { address: vault, abi: karakVaultAbi, functionName: 'getNextWithdrawNonce', args: [staker] },
    ...(core
      ? [
          { address: core, abi: karakCoreAbi, functionName: 'getLeverage', args: [vault] },
          { address: core, abi: karakCoreAbi, functionName: 'isVaultQueuedForSlashing', args: [vault] },
        ]
      : []),
  ])
  if (params.timestamp) reads.push(params.timestamp)

  return {
    reads,
    /** Stage 2 from stage 1's results (in `reads` order). */
    next(results: readonly BatchResult[]) {
      const stage1 = vaults.map((vault, i) => {
        const r = results.slice(i * perVault, (i + 1) * perVault)
        const info = parseKarakVault(vault, r)
        const balance = r[4]
        const nonce = r[5]
        if (balance?.status !== 'success' || nonce?.status !== 'success') {
          throw new InvalidParameterError(
            'vaults',
            `${vault} is not a Karak vault (balanceOf/getNextWithdrawNonce failed)`,
          )
        }
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
      const timestampResult = params.timestamp ? results[vaults.length * perVault] : undefined
      const wanted = stage1.flatMap(({ info, nextNonce }) =>
        Array.from({ length: Number(nextNonce) }, (_, n) => ({ vault: info.address, nonce: BigInt(n) })),
      )
      const reads2: BatchRead[] = wanted.map(({ vault, nonce }) => ({
        address: vault,
        abi: karakVaultAbi,
        functionName: 'getQueuedWithdrawal',
        args: [staker, nonce],
      }))
      return {
        reads: reads2,
        timestampResult,
        /** The positions, given stage 2's results and the chain time. */
        finish(results2: readonly BatchResult[], timestamp: bigint): KarakPositions {
          const queued = new Map<Address, KarakQueuedWithdrawal[]>()
          wanted.forEach(({ vault, nonce }, i) => {
            const r = results2[i]
            if (r?.status !== 'success') throw r?.error ?? new Error('missing getQueuedWithdrawal result')
            const w = r.result as { staker: Address; start: bigint; shares: bigint; beneficiary: Address }
            if (w.start === 0n) return // finished
            const info = stage1.find((s) => s.info.address === vault)!.info
            const readyAt = karakWithdrawalReadyAt(w.start, delay)
            const list = queued.get(vault) ?? []
            list.push({
              vault,
              staker,
              nonce,
              withdrawalKey: karakWithdrawalKey(staker, nonce),
              beneficiary: w.beneficiary,
              shares: w.shares,
              assets: karakSharesToAssets(info, w.shares),
              start: w.start,
              readyAt,
              ready: isKarakWithdrawalReady(w.start, delay, timestamp),
            })
            queued.set(vault, list)
          })
          const positions = stage1
            .map(({ info, shares, exposure }) => ({
              protocol: 'karak' as const,
              vault: info,
              staker,
              shares,
              assets: karakSharesToAssets(info, shares),
              queuedWithdrawals: queued.get(info.address) ?? [],
              ...(exposure ? { exposure } : {}),
            }))
            .filter((p) => params.includeEmpty || p.shares > 0n || p.queuedWithdrawals.length > 0)
          return { staker, timestamp, positions }
        },
      }
    },
  }
}

async function resolveVaults(
  client: ReadClient,
  params: { vaults?: readonly Address[]; operators?: readonly Address[]; deployment?: KarakDeployment },
): Promise<Address[]> {
  const given =
    params.vaults ?? (params.operators ? [] : optionalKarakDeployment(client, params.deployment)?.vaults)
  if (!given) {
    throw new InvalidParameterError(
      'vaults',
      'name the vaults (or operators) to read, or pass a deployment listing `vaults`',
    )
  }
  const vaults = given.map((v, i) => assertAddress(`vaults[${i}]`, v))
  if (params.operators && params.operators.length > 0) {
    const operators = params.operators.map((o, i) => assertAddress(`operators[${i}]`, o))
    const { core } = karakDeployment(client, params.deployment)
    const results = await readBatch(
      client,
      operators.map((operator) => ({
        address: core,
        abi: karakCoreAbi,
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
 * with its ready time. At most 2 JSON-RPC round trips (one `eth_call` per stage) whatever the
 * number of vaults and withdrawals; 1 when the staker never queued a withdrawal; one more first
 * when `operators` are given.
 */
export async function getKarakPositions(
  client: ReadClient,
  params: GetKarakPositionsParameters,
): Promise<GetKarakPositionsReturnType> {
  const staker = assertAddress('staker', params.staker)
  const vaults = await resolveVaults(client, params)
  const core = optionalKarakDeployment(client, params.deployment)?.core
  const plan = planKarakPositions({
    staker,
    vaults,
    delay: withdrawalDelay(client, params.deployment),
    timestamp: timestampRead(client),
    ...(params.includeEmpty === undefined ? {} : { includeEmpty: params.includeEmpty }),
    ...(core ? { core } : {}),
  })
  const stage2 = plan.next(await readBatch(client, plan.reads))
  const timestamp = await readTimestamp(client, stage2.timestampResult)
  return stage2.finish(await readBatch(client, stage2.reads), timestamp)
}

export type GetKarakQueuedWithdrawalsParameters = Omit<GetKarakPositionsParameters, 'includeEmpty'>
export type GetKarakQueuedWithdrawalsReturnType = KarakQueuedWithdrawal[]

/** A staker's queued Karak withdrawals across vaults, with ready times (≤ 2 round trips). */
export async function getKarakQueuedWithdrawals(
  client: ReadClient,
  params: GetKarakQueuedWithdrawalsParameters,
): Promise<GetKarakQueuedWithdrawalsReturnType> {
  const { positions } = await getKarakPositions(client, params)
  return positions.flatMap((p) => p.queuedWithdrawals)
}
