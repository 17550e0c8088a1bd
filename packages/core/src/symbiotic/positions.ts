import type { Address } from 'viem'
import { InvalidParameterError } from '../errors.js'
import { type BatchRead, type ReadPlan, runPlan, stage, unwrap } from '../kit/index.js'
import { symbioticVaultAbi } from './abis.js'
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
type Bucket = Pick<SymbioticPendingWithdrawal, 'epoch' | 'amount' | 'shares'>

export type PositionScan = {
  /** Check exactly these epochs for withdrawals (default: a window ending at `currentEpoch + 1`). */
  epochs?: readonly bigint[]
  /** How many epochs before the current one the window reaches back (default 8). */
  lookback?: number
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
 * the scanned epochs (`withdrawalsOf`, `withdrawalSharesOf`, `isWithdrawalsClaimed`).
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
      abi: symbioticVaultAbi,
      functionName,
      args: functionName.endsWith('Of') ? [account] : [],
    })),
  )
  if (scan.lookback !== undefined && (!Number.isInteger(scan.lookback) || scan.lookback < 0))
    throw new InvalidParameterError('lookback', 'must be an integer ≥ 0')
  const lookback = BigInt(scan.lookback ?? 8)
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
      const from = currentEpoch > lookback ? currentEpoch - lookback : 0n
      const epochs = scan.epochs
        ? [...scan.epochs]
        : Array.from({ length: Number(currentEpoch + 2n - from) }, (_, k) => from + BigInt(k))
      partials.push({ position, epochs })
    })
    const reads2: BatchRead[] = partials.flatMap(({ position, epochs }) =>
      epochs.flatMap((epoch) => [
        {
          address: position.vault,
          abi: symbioticVaultAbi,
          functionName: 'withdrawalsOf',
          args: [epoch, account],
        },
        {
          address: position.vault,
          abi: symbioticVaultAbi,
          functionName: 'withdrawalSharesOf',
          args: [epoch, account],
        },
        {
          address: position.vault,
          abi: symbioticVaultAbi,
          functionName: 'isWithdrawalsClaimed',
          args: [epoch, account],
        },
      ]),
    )
    return stage(reads2, (second) => {
      let k = 0
      return partials.map(({ position, epochs }) => {
        const withdrawals: Bucket[] = []
        for (const epoch of epochs) {
          const amount = unwrap<bigint>(second[k++])
          const shares = unwrap<bigint>(second[k++])
          const claimed = unwrap<boolean>(second[k++])
          if (claimed || shares === 0n) continue
          withdrawals.push({ epoch, amount, shares })
        }
        return finishPosition(position, withdrawals)
      })
    })
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

/** Runs `planPositions`: two round trips (one `aggregate3` each) whatever the number of vaults. */
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
