import type { Address } from 'viem'
import { InvalidParameterError, WithdrawalNotReadyError } from '../../errors.js'
import {
  assertAddress,
  assertNonEmpty,
  contractCall,
  defineWrite,
  isPlan,
  layer,
  type ReadPlan,
  stage,
  unwrap,
} from '../../kit/index.js'
import { symbioticVaultAbi } from '../abis.js'
import {
  AlreadyClaimedError,
  NothingToClaimError,
  SymbioticVaultNotFoundError,
  symbioticRevertMapper,
} from '../errors.js'
import { assertRecipient } from '../internal.js'
import { claimableAt, type EpochClock, isEpochClaimable } from '../math.js'
import { planPositions } from '../positions.js'

export type ClaimParameters = {
  vault: Address
  /** Who receives the collateral (the vault's `recipient`; default: the sender). */
  receiver?: Address
  /** One epoch, or several (`claimBatch`); omit both to claim every claimable epoch (not in `prepareClaim`). */
  epoch?: bigint
  epochs?: readonly bigint[]
  /** When claiming everything: how many epochs back to look (default 8). */
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
      throw new InvalidParameterError('epochs', `${String(e)} is not an epoch`)
  if (new Set(epochs).size !== epochs.length) throw new InvalidParameterError('epochs', 'contain duplicates')
  return epochs
}

/** Given epochs: one stage, the vault's clock and each epoch's bucket and claimed flag. */
function bucketsPlan(vault: Address, claimer: Address, epochs: readonly bigint[]): ReadPlan<ClaimState> {
  return stage(
    [
      { address: vault, abi: symbioticVaultAbi, functionName: 'currentEpoch' },
      { address: vault, abi: symbioticVaultAbi, functionName: 'epochDurationInit' },
      { address: vault, abi: symbioticVaultAbi, functionName: 'epochDuration' },
      ...epochs.flatMap((epoch) => [
        { address: vault, abi: symbioticVaultAbi, functionName: 'withdrawalsOf', args: [epoch, claimer] },
        {
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'isWithdrawalsClaimed',
          args: [epoch, claimer],
        },
      ]),
    ],
    (r) => {
      if (r.slice(0, 3).some((x) => x.status !== 'success')) throw new SymbioticVaultNotFoundError({ vault })
      const buckets = epochs.map((epoch, i) => ({
        epoch,
        amount: unwrap<bigint>(r[3 + 2 * i]),
        claimed: unwrap<boolean>(r[4 + 2 * i]),
      }))
      return {
        currentEpoch: unwrap<bigint>(r[0]),
        epochDurationInit: BigInt(unwrap<number>(r[1])),
        epochDuration: BigInt(unwrap<number>(r[2])),
        epochs,
        buckets,
        amount: buckets.reduce((sum, b) => sum + b.amount, 0n),
      }
    },
  )
}

/** A plan whose value is passed through `f` (pure, like the plan). */
function mapPlan<A, B>(plan: ReadPlan<A>, f: (value: A) => B): ReadPlan<B> {
  return stage(plan.reads, (results) => {
    const next = plan.next(results)
    return isPlan(next) ? mapPlan(next, f) : f(next)
  })
}

/** No epochs given: the claimer's position in the vault (two stages), its claimable epochs. */
function claimablePlan(vault: Address, claimer: Address, lookback: number | undefined): ReadPlan<ClaimState> {
  const plan = planPositions({
    staker: claimer,
    vaults: [vault],
    ...(lookback === undefined ? {} : { scan: { lookback } }),
  })
  return mapPlan(plan, ([p]) => ({
    currentEpoch: p!.currentEpoch,
    epochDurationInit: p!.epochDurationInit,
    epochDuration: p!.epochDuration,
    epochs: p!.claimableEpochs,
    buckets: undefined,
    amount: p!.claimable,
  }))
}

const claim_ = /* @__PURE__ */ defineWrite({
  name: 'symbiotic.claim',
  contract: 'Vault',
  resolve: (p: ClaimParameters, { sender }): Resolved => {
    const vault = assertAddress('vault', p.vault)
    if (p.epoch !== undefined && p.epochs !== undefined)
      throw new InvalidParameterError('epoch', 'pass epoch or epochs, not both')
    const given = p.epochs ?? (p.epoch === undefined ? undefined : [p.epoch])
    if (p.lookback !== undefined && (!Number.isInteger(p.lookback) || p.lookback < 0))
      throw new InvalidParameterError('lookback', 'must be an integer ≥ 0')
    return {
      vault,
      receiver: assertRecipient('receiver', p.receiver ?? sender),
      epochs: given === undefined ? undefined : assertEpochs(given),
      lookback: p.lookback,
    }
  },
  read: (a, { sender }) =>
    a.epochs ? bucketsPlan(a.vault, sender, a.epochs) : claimablePlan(a.vault, sender, a.lookback),
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
  call: (a, _ctx, s) => {
    const epochs = a.epochs ?? s?.epochs
    if (!epochs)
      throw new InvalidParameterError('epochs', 'prepareClaim reads nothing: pass `epoch` or `epochs`')
    return epochs.length === 1
      ? contractCall({
          address: a.vault,
          abi: symbioticVaultAbi,
          functionName: 'claim',
          args: [a.receiver, epochs[0]!],
        })
      : contractCall({
          address: a.vault,
          abi: symbioticVaultAbi,
          functionName: 'claimBatch',
          args: [a.receiver, epochs],
        })
  },
  revert: (a, s, { sender }) =>
    symbioticRevertMapper({
      vault: a.vault,
      account: sender as Address,
      ...(a.epochs ? { epochs: a.epochs } : s ? { epochs: s.epochs } : {}),
      ...(s ? { currentEpoch: s.currentEpoch, readyAt: (epoch: bigint) => claimableAt(s, epoch) } : {}),
    }),
  /** The epochs claimed and the collateral they pay out. */
  simulated: (_a, s, _result: bigint) => ({ epochs: s.epochs, amount: s.amount }),
  receipt: {
    abi: symbioticVaultAbi,
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
  },
})

/** Layer 1 (pure): `claim(receiver, epoch)`, or `claimBatch(receiver, epochs)` for several, as frozen calls. */
export const prepareClaim = /* @__PURE__ */ layer(claim_, 'prepare')
/**
 * Layer 2: checks each epoch (claimable now, not claimed, not empty) and simulates `claim` or
 * `claimBatch`; without epochs it finds every claimable one. `epochs` and `amount` say what it pays.
 */
export const simulateClaim = /* @__PURE__ */ layer(claim_, 'simulate')
/** Layer 3: checks, simulates and sends the claim. */
export const claim = /* @__PURE__ */ layer(claim_, 'send')
/** Layer 4: the receipt, the vault's events, and `claimed` (the epochs and the collateral paid out). */
export const waitForClaim = /* @__PURE__ */ layer(claim_, 'waitFor')

export type SimulateClaimReturnType = Awaited<ReturnType<typeof simulateClaim>>
export type WaitForClaimReturnType = Awaited<ReturnType<typeof waitForClaim>>
