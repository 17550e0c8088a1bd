import type { Address } from 'viem'
import { InvalidParameterError, WithdrawalNotReadyError } from '../../errors.js'
import {
  assertAddress,
  assertNonEmpty,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  mapPlan,
  prepareOf,
  type ReadPlan,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { symbioticVaultStakerViewsAbi, symbioticVaultWritesAbi } from '../abis.js'
import {
  AlreadyClaimedError,
  claimRevertMapper,
  NothingToClaimError,
  SymbioticVaultNotFoundError,
} from '../errors.js'
import { assertRecipient } from '../internal.js'
import { claimableAt, type EpochClock, isEpochClaimable } from '../math.js'
import { epochRange, planBuckets } from '../positions.js'

export type ClaimParameters = {
  vault: Address
  /** Who receives the collateral (the vault's `recipient`; default: the sender). */
  receiver?: Address
  /** One epoch, or several (`claimBatch`); omit both to claim every claimable epoch (not in `prepareClaim`). */
  epoch?: bigint
  epochs?: readonly bigint[]
  /**
   * When claiming everything: how many epochs back to look (default: every epoch since the
   * vault's first, `SYMBIOTIC_EPOCH_PAGE` epochs per round trip, newest first).
   */
  lookback?: number
}

type Resolved = {
  vault: Address
  receiver: Address
  /** The epochs asked for; `undefined`: every claimable one (found by the read). */
  epochs: readonly bigint[] | undefined
  lookback: number | undefined
}

/** One given epoch's bucket, as the landing block sees it. */
type Bucket = { epoch: bigint; amount: bigint; claimed: boolean }

/** What the claim checks and sends: the epochs, what they pay, and the vault's clock. */
type ClaimState = EpochClock & {
  currentEpoch: bigint
  /** The epochs to claim: the given ones, or every claimable one. */
  epochs: readonly bigint[]
  /** Given epochs only: their buckets (checked in `check`). */
  buckets: readonly Bucket[] | undefined
  /** The collateral the epochs pay out now. */
  amount: bigint
}

function assertEpochs(epochs: readonly bigint[]): readonly bigint[] {
  assertNonEmpty('epochs', epochs)
  for (const e of epochs)
    if (typeof e !== 'bigint' || e < 0n)
      throw new InvalidParameterError({ parameter: 'epochs', reason: `${String(e)} is not an epoch` })
  if (new Set(epochs).size !== epochs.length)
    throw new InvalidParameterError({ parameter: 'epochs', reason: 'contain duplicates' })
  return epochs
}

const clockReads = (vault: Address) =>
  (['currentEpoch', 'epochDurationInit', 'epochDuration'] as const).map((functionName) => ({
    address: vault,
    abi: symbioticVaultStakerViewsAbi,
    functionName,
  }))

const bucketReads = (vault: Address, claimer: Address, epochs: readonly bigint[]) =>
  epochs.flatMap((epoch) =>
    (['withdrawalsOf', 'isWithdrawalsClaimed'] as const).map((functionName) => ({
      address: vault,
      abi: symbioticVaultStakerViewsAbi,
      functionName,
      args: [epoch, claimer],
    })),
  )

/** The vault's clock from the three `clockReads` results (a vault that does not answer is not a vault). */
function clockOf(vault: Address, r: readonly BatchResult[]): EpochClock & { currentEpoch: bigint } {
  if (r.slice(0, 3).some((x) => x.status !== 'success')) throw new SymbioticVaultNotFoundError({ vault })
  return {
    currentEpoch: unwrap<bigint>(r[0]),
    epochDurationInit: BigInt(unwrap<number>(r[1])),
    epochDuration: BigInt(unwrap<number>(r[2])),
  }
}

/** The buckets of `epochs` from the `bucketReads` results. */
const bucketsOf = (epochs: readonly bigint[], r: readonly BatchResult[]): Bucket[] =>
  epochs.map((epoch, i) => ({
    epoch,
    amount: unwrap<bigint>(r[2 * i]),
    claimed: unwrap<boolean>(r[2 * i + 1]),
  }))

/** Given epochs: one stage, the vault's clock and each epoch's bucket and claimed flag (checked in `check`). */
function givenPlan(vault: Address, claimer: Address, epochs: readonly bigint[]): ReadPlan<ClaimState> {
  return stage([...clockReads(vault), ...bucketReads(vault, claimer, epochs)], (r) => {
    const buckets = bucketsOf(epochs, r.slice(3))
    const amount = buckets.reduce((sum, b) => sum + b.amount, 0n)
    return { ...clockOf(vault, r), epochs, buckets, amount }
  })
}

/**
 * No epochs given: the clock, then the buckets of the epochs before the current one (the only ones
 * that can be claimable): the last `lookback`, or by default every epoch since the vault's first,
 * paged (`planBuckets`); the claimable epochs are those not claimed and not empty, oldest first.
 */
function claimablePlan(vault: Address, claimer: Address, lookback?: number): ReadPlan<ClaimState> {
  return stage(clockReads(vault), (r) => {
    const clock = clockOf(vault, r)
    const back = lookback === undefined ? undefined : BigInt(lookback)
    const from = back === undefined || clock.currentEpoch <= back ? 0n : clock.currentEpoch - back
    const epochs = epochRange(from, clock.currentEpoch - 1n)
    return mapPlan(planBuckets([{ vault, account: claimer, epochs }]), ([found = []]) => {
      const open = found.filter((b) => b.amount > 0n).sort((a, b) => (a.epoch < b.epoch ? -1 : 1))
      const amount = open.reduce((sum, b) => sum + b.amount, 0n)
      return { ...clock, epochs: open.map((b) => b.epoch), buckets: undefined, amount }
    })
  })
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM = 'symbiotic.claim'
const claimCall = /* @__PURE__ */ defineCall({
  name: CLAIM,
  contract: 'Vault',
  resolve: (p: ClaimParameters, { sender }): Resolved => {
    const vault = assertAddress('vault', p.vault)
    if (p.epoch !== undefined && p.epochs !== undefined)
      throw new InvalidParameterError({ parameter: 'epoch', reason: 'pass epoch or epochs, not both' })
    const given = p.epochs ?? (p.epoch === undefined ? undefined : [p.epoch])
    if (p.lookback !== undefined && (!Number.isInteger(p.lookback) || p.lookback < 0))
      throw new InvalidParameterError({ parameter: 'lookback', reason: 'must be an integer ≥ 0' })
    return {
      vault,
      receiver: assertRecipient('receiver', p.receiver ?? sender),
      epochs: given === undefined ? undefined : assertEpochs(given),
      lookback: p.lookback,
    }
  },
  call: (a, _ctx, s: ClaimState | undefined) => {
    const epochs = a.epochs ?? s?.epochs
    if (!epochs)
      throw new InvalidParameterError({
        parameter: 'epochs',
        reason: 'prepareClaim reads nothing: pass `epoch` or `epochs`',
      })
    return epochs.length === 1
      ? contractCall({
          address: a.vault,
          abi: symbioticVaultWritesAbi,
          functionName: 'claim',
          args: [a.receiver, epochs[0]!],
        })
      : contractCall({
          address: a.vault,
          abi: symbioticVaultWritesAbi,
          functionName: 'claimBatch',
          args: [a.receiver, epochs],
        })
  },
})
const claimReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticVaultWritesAbi,
  /** What the `Claim` or `ClaimBatch` event says was paid out, and for which epochs. */
  decode: (_client, r) => {
    let amount = 0n
    const epochs: bigint[] = []
    for (const e of r.events) {
      if (e.eventName === 'Claim') {
        amount += e.args.amount
        epochs.push(e.args.epoch)
      } else if (e.eventName === 'ClaimBatch') {
        amount += e.args.amount
        epochs.push(...e.args.epochs)
      }
    }
    return { claimed: { epochs, amount } }
  },
})
const claim_ = /* @__PURE__ */ defineWrite(claimCall, {
  read: (a, { sender }) =>
    a.epochs ? givenPlan(a.vault, sender, a.epochs) : claimablePlan(a.vault, sender, a.lookback),
  /** Each epoch claimable now (else `WithdrawalNotReadyError` with `readyAt`), not claimed, not empty. */
  check: (a, s: ClaimState, { sender }) => {
    const account = sender as Address
    if (!s.buckets) {
      if (s.epochs.length === 0) throw new NothingToClaimError({ vault: a.vault, account })
      return
    }
    const empty: bigint[] = []
    for (const b of s.buckets) {
      if (!isEpochClaimable(b.epoch, s.currentEpoch))
        throw new WithdrawalNotReadyError({
          protocol: 'symbiotic',
          id: b.epoch,
          readyAt: { timestamp: claimableAt(s, b.epoch) },
          location: a.vault,
        })
      if (b.claimed) throw new AlreadyClaimedError({ vault: a.vault, account, epoch: b.epoch })
      if (b.amount === 0n) empty.push(b.epoch)
    }
    if (empty.length > 0) throw new NothingToClaimError({ vault: a.vault, account, epochs: empty })
  },
  revert: (a, s, { sender }) =>
    claimRevertMapper({
      vault: a.vault,
      account: sender as Address,
      ...(a.epochs ? { epochs: a.epochs } : s ? { epochs: s.epochs } : {}),
      ...(s ? { currentEpoch: s.currentEpoch, readyAt: (epoch: bigint) => claimableAt(s, epoch) } : {}),
    }),
  /** The epochs claimed and the collateral they pay out. */
  simulated: (_a, s, _result: bigint) => ({ epochs: s.epochs, amount: s.amount }),
  receipt: claimReceipt,
})

/** Layer 1 (pure): `claim(receiver, epoch)`, or `claimBatch(receiver, epochs)` for several, as frozen calls. */
export const prepareClaim = /* @__PURE__ */ prepareOf(claimCall)
/**
 * Layer 2: checks each epoch (claimable now, not claimed, not empty) and simulates `claim` or
 * `claimBatch`; without epochs it finds every claimable one. `epochs` and `amount` say what it pays.
 */
export const simulateClaim = /* @__PURE__ */ simulateOf(claim_)
/** Layer 3: checks, simulates and sends the claim. */
export const claim = /* @__PURE__ */ sendOf(claim_)
/** Layer 4: the receipt, the vault's events, and `claimed` (the epochs and the collateral paid out). */
export const waitForClaim = /* @__PURE__ */ waitForOf({ name: CLAIM }, claimReceipt)

export type SimulateClaimReturnType = Awaited<ReturnType<typeof simulateClaim>>
export type WaitForClaimReturnType = Awaited<ReturnType<typeof waitForClaim>>
