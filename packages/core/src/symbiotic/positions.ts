import type { Address } from 'viem'
import { InvalidParameterError } from '../errors.js'
import { type BatchRead, isPlan, mapPlan, type ReadPlan, runPlan, stage, unwrap } from '../kit/index.js'
import { symbioticVaultStakerViewsAbi } from './abis.js'
import { SymbioticVaultNotFoundError } from './errors.js'
import type { SymbioticReadClient } from './internal.js'
import { claimableAt, type EpochClock, isEpochClaimable } from './math.js'

/** A withdrawal bucket of an account, not yet claimed. */
export type SymbioticPendingWithdrawal = {
  /** The bucket's epoch (a withdrawal made in epoch N lands in N + 1). */
  epoch: bigint
  /** Collateral it pays out now (after any slashing of the bucket). */
  amount: bigint
  shares: bigint
  /** A claim sent now succeeds: `epoch < currentEpoch`. */
  ready: boolean
  /** When it becomes (or became) claimable: the start of epoch `epoch + 1`, unix seconds. */
  readyAt: { timestamp: bigint }
}

export type SymbioticVaultPosition = {
  protocol: 'symbiotic'
  vault: Address
  staker: Address
  collateral: Address
  currentEpoch: bigint
  epochDuration: bigint
  epochDurationInit: bigint
  activeShares: bigint
  /** Collateral the active shares are worth now. */
  activeBalance: bigint
  /** Active balance plus the withdrawals of the current and next epoch (what a slash can still reach). */
  slashableBalance: bigint
  /** Unclaimed withdrawal buckets with a non-zero amount, oldest first. */
  withdrawals: SymbioticPendingWithdrawal[]
  /** Epochs that can be claimed now. */
  claimableEpochs: bigint[]
  /** Sum of the claimable buckets. */
  claimable: bigint
  /** Sum of the buckets not claimable yet. */
  pending: bigint
}

/** An unclaimed bucket as read, before its readiness is known. */
export type Bucket = Pick<SymbioticPendingWithdrawal, 'epoch' | 'amount' | 'shares'>

export type PositionScan = {
  /** Check exactly these epochs for withdrawals (default: every epoch up to `currentEpoch + 1`). */
  epochs?: readonly bigint[]
  /**
   * How many epochs before the current one to look back (default: every epoch since the vault's
   * first, newest first, {@link SYMBIOTIC_EPOCH_PAGE} epochs per vault and round trip).
   */
  lookback?: number
}

/**
 * How many epochs of one vault a withdrawal scan reads per stage (three views each): a vault with
 * more epochs is read in more stages, newest first, so the scan is bounded per round trip whatever
 * the vault's age. Symbiotic keeps no list of an account's buckets: every epoch is looked at.
 */
export const SYMBIOTIC_EPOCH_PAGE = 128

/** Epochs `from` to `to` (inclusive), or none. */
export function epochRange(from: bigint, to: bigint): bigint[] {
  return to < from ? [] : Array.from({ length: Number(to - from + 1n) }, (_, k) => from + BigInt(k))
}

/** One vault's epochs to look at for an account's unclaimed buckets. */
export type BucketScan = { vault: Address; account: Address; epochs: readonly bigint[] }

const bucketViews = ['withdrawalsOf', 'withdrawalSharesOf', 'isWithdrawalsClaimed'] as const

/**
 * The unclaimed, non-empty buckets of each scan (in the scans' order), as a read plan: each stage
 * reads the next {@link SYMBIOTIC_EPOCH_PAGE} epochs of every scan, newest first, in one
 * `aggregate3`; a scan of at most one page costs one stage.
 */
export function planBuckets(scans: readonly BucketScan[]): ReadPlan<Bucket[][]> {
  const newestFirst = scans.map((s) => [...s.epochs].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0)))
  const found: Bucket[][] = scans.map(() => [])
  const page = (k: number): Bucket[][] | ReadPlan<Bucket[][]> => {
    const epochs = newestFirst.map((e) => e.slice(k * SYMBIOTIC_EPOCH_PAGE, (k + 1) * SYMBIOTIC_EPOCH_PAGE))
    if (epochs.every((e) => e.length === 0)) return found
    const reads: BatchRead[] = epochs.flatMap((list, i) =>
      list.flatMap((epoch) =>
        bucketViews.map((functionName) => ({
          address: scans[i]!.vault,
          abi: symbioticVaultStakerViewsAbi,
          functionName,
          args: [epoch, scans[i]!.account],
        })),
      ),
    )
    return stage(reads, (r) => {
      let at = 0
      epochs.forEach((list, i) => {
        for (const epoch of list) {
          const amount = unwrap<bigint>(r[at++])
          const shares = unwrap<bigint>(r[at++])
          const claimed = unwrap<boolean>(r[at++])
          if (!claimed && shares > 0n) found[i]!.push({ epoch, amount, shares })
        }
      })
      return page(k + 1)
    })
  }
  const first = page(0)
  return isPlan(first) ? first : stage([], () => first)
}

const basics = [
  'collateral',
  'currentEpoch',
  'epochDuration',
  'epochDurationInit',
  'activeSharesOf',
  'activeBalanceOf',
  'slashableBalanceOf',
] as const

type PartialPosition = Omit<
  SymbioticVaultPosition,
  'protocol' | 'withdrawals' | 'claimableEpochs' | 'claimable' | 'pending'
>

/**
 * The positions of one account in known vaults as a two-stage read plan, for callers that merge
 * several protocols' reads into the same `aggregate3` calls (a portfolio in two round trips):
 * stage 1 reads every vault's clock and the active position, stage 2 the withdrawal buckets of
 * the scanned epochs (`withdrawalsOf`, `withdrawalSharesOf`, `isWithdrawalsClaimed`): by default
 * every epoch since the vault's first, {@link SYMBIOTIC_EPOCH_PAGE} per vault and stage, newest
 * first (so a vault older than a page adds a stage).
 * Vaults that do not answer are skipped when `skipInvalid`, else an error.
 */
export function planPositions(params: {
  staker: Address
  vaults: readonly Address[]
  scan?: PositionScan
  skipInvalid?: boolean
}): ReadPlan<SymbioticVaultPosition[]> {
  const { staker: account, vaults, scan = {}, skipInvalid = false } = params
  const reads: BatchRead[] = vaults.flatMap((vault) =>
    basics.map((functionName) => ({
      address: vault,
      abi: symbioticVaultStakerViewsAbi,
      functionName,
      args: functionName.endsWith('Of') ? [account] : [],
    })),
  )
  if (scan.lookback !== undefined && (!Number.isInteger(scan.lookback) || scan.lookback < 0))
    throw new InvalidParameterError({ parameter: 'lookback', reason: 'must be an integer ≥ 0' })
  const lookback = scan.lookback === undefined ? undefined : BigInt(scan.lookback)
  return stage(reads, (first) => {
    const partials: { position: PartialPosition; epochs: bigint[] }[] = []
    vaults.forEach((vault, i) => {
      const rs = first.slice(i * basics.length, (i + 1) * basics.length)
      if (rs.length < basics.length || rs.some((r) => r.status !== 'success')) {
        if (skipInvalid) return
        throw new SymbioticVaultNotFoundError({ vault })
      }
      const get = <T>(name: (typeof basics)[number]) => unwrap<T>(rs[basics.indexOf(name)])
      const currentEpoch = get<bigint>('currentEpoch')
      const position: PartialPosition = {
        vault,
        staker: account,
        collateral: get<Address>('collateral'),
        currentEpoch,
        epochDuration: BigInt(get<number>('epochDuration')),
        epochDurationInit: BigInt(get<number>('epochDurationInit')),
        activeShares: get<bigint>('activeSharesOf'),
        activeBalance: get<bigint>('activeBalanceOf'),
        slashableBalance: get<bigint>('slashableBalanceOf'),
      }
      const from = lookback === undefined || currentEpoch <= lookback ? 0n : currentEpoch - lookback
      partials.push({
        position,
        epochs: scan.epochs ? [...scan.epochs] : epochRange(from, currentEpoch + 1n),
      })
    })
    const scans = partials.map(({ position, epochs }) => ({ vault: position.vault, account, epochs }))
    return mapPlan(planBuckets(scans), (buckets) =>
      partials.map(({ position }, i) => finishPosition(position, buckets[i] ?? [])),
    )
  })
}

/** Completes a position from its unclaimed buckets: readiness, claimable epochs and sums. */
export function finishPosition(
  position: PartialPosition,
  buckets: readonly Bucket[],
): SymbioticVaultPosition {
  const clock: EpochClock = {
    epochDurationInit: position.epochDurationInit,
    epochDuration: position.epochDuration,
  }
  const withdrawals = buckets
    .map((w) => ({
      epoch: w.epoch,
      amount: w.amount,
      shares: w.shares,
      ready: isEpochClaimable(w.epoch, position.currentEpoch),
      readyAt: { timestamp: claimableAt(clock, w.epoch) },
    }))
    .sort((a, b) => (a.epoch < b.epoch ? -1 : a.epoch > b.epoch ? 1 : 0))
  const claimableList = withdrawals.filter((w) => w.ready && w.amount > 0n)
  return {
    protocol: 'symbiotic',
    ...position,
    withdrawals,
    claimableEpochs: claimableList.map((w) => w.epoch),
    claimable: claimableList.reduce((sum, w) => sum + w.amount, 0n),
    pending: withdrawals.filter((w) => !w.ready).reduce((sum, w) => sum + w.amount, 0n),
  }
}

/** Runs `planPositions`: two round trips (one `aggregate3` each) whatever the number of vaults, more only for vaults older than a page of epochs. */
export async function readPositions(
  client: SymbioticReadClient,
  vaults: readonly Address[],
  staker: Address,
  scan: PositionScan = {},
  skipInvalid = false,
): Promise<SymbioticVaultPosition[]> {
  if (vaults.length === 0) return []
  return runPlan(client, planPositions({ staker, vaults, scan, skipInvalid }))
}
