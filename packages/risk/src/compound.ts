import { InvalidGraphError } from './graph.js'
import { add, compare, format, min, mul, ONE, type Rational, sub, ZERO } from './rational.js'

export type SlashingSemantics = 'uniqueStake' | 'percentOfCurrent' | 'percentOfOriginal'

export type SlasherCap = {
  readonly slasher: string
  /**
   * Largest fraction of the position this slasher can take: under unique stake its allocation
   * f_j·alloc_j; otherwise its cap p_j (percent of current or of original balance).
   */
  readonly cap: Rational
}

export type CompoundedLoss = {
  readonly semantics: SlashingSemantics
  /** Worst-case fraction of the original position lost when every slasher slashes in full. */
  readonly loss: Rational
  /** What each slasher takes, as a fraction of the original position (the witness). */
  readonly steps: readonly { readonly slasher: string; readonly taken: Rational }[]
}

function validate(caps: readonly SlasherCap[]) {
  caps.forEach((c, i) => {
    if (c.cap.num < 0n || compare(c.cap, ONE) > 0)
      throw new InvalidGraphError([
        { field: `caps[${i}].cap`, message: `${format(c.cap)} must be in [0, 1]` },
      ])
  })
}

/**
 * Compounded worst-case loss: unique stake Σ f_j·alloc_j (disjoint slices; capped at 1),
 * percent-of-current 1 − Π(1 − p_j) (the order does not matter), percent-of-original min(1, Σ p_j).
 */
export function compoundedLoss(caps: readonly SlasherCap[], semantics: SlashingSemantics): CompoundedLoss {
  validate(caps)
  const steps: { slasher: string; taken: Rational }[] = []
  if (semantics === 'percentOfCurrent') {
    let remaining = ONE
    for (const c of caps) {
      const taken = mul(remaining, c.cap)
      steps.push({ slasher: c.slasher, taken })
      remaining = sub(remaining, taken)
    }
    return { semantics, loss: sub(ONE, remaining), steps }
  }
  let total = ZERO
  for (const c of caps) {
    const taken = min(c.cap, sub(ONE, total))
    steps.push({ slasher: c.slasher, taken })
    total = add(total, taken)
  }
  return { semantics, loss: total, steps }
}

/** All three semantics at once. */
export function compoundedLossAll(caps: readonly SlasherCap[]): Record<SlashingSemantics, CompoundedLoss> {
  return {
    uniqueStake: compoundedLoss(caps, 'uniqueStake'),
    percentOfCurrent: compoundedLoss(caps, 'percentOfCurrent'),
    percentOfOriginal: compoundedLoss(caps, 'percentOfOriginal'),
  }
}

export type ExitDelay =
  | {
      readonly protocol: 'eigenlayer'
      /** DelegationManager.minWithdrawalDelayBlocks() — read it from chain. */
      readonly withdrawalDelayBlocks: bigint
      /** Seconds per block (12 on Ethereum). */
      readonly blockTimeSeconds?: bigint
    }
  | {
      readonly protocol: 'symbiotic'
      readonly epochDuration: bigint
      /** Seconds already elapsed in the current epoch (worst case 0 when unknown). */
      readonly elapsedInEpoch?: bigint
    }
  | { readonly protocol: 'other'; readonly delaySeconds: bigint }

export type ExitWindow = {
  /** Seconds from the exit request until the assets are free. */
  readonly exitSeconds: bigint
  /** Seconds during which the exiting position can still be slashed (the whole exit, in all three protocols). */
  readonly slashableSeconds: bigint
  readonly parts: readonly { readonly label: string; readonly seconds: bigint }[]
}

/**
 * Exit time: the protocol's withdrawal delay plus any LRT queue. EigenLayer: queued withdrawals
 * stay slashable for the whole delay. Symbiotic: a withdrawal in epoch N is claimable once the
 * current epoch exceeds N + 1, i.e. 2 epochs minus the time already spent in epoch N.
 */
export function exitWindow(delay: ExitDelay, lrtQueueSeconds = 0n): ExitWindow {
  const parts: { label: string; seconds: bigint }[] = []
  if (delay.protocol === 'eigenlayer')
    parts.push({
      label: 'eigenlayer withdrawal delay',
      seconds: delay.withdrawalDelayBlocks * (delay.blockTimeSeconds ?? 12n),
    })
  else if (delay.protocol === 'symbiotic')
    parts.push({
      label: 'symbiotic epochs',
      seconds: 2n * delay.epochDuration - (delay.elapsedInEpoch ?? 0n),
    })
  else parts.push({ label: 'withdrawal delay', seconds: delay.delaySeconds })
  if (lrtQueueSeconds > 0n) parts.push({ label: 'LRT queue', seconds: lrtQueueSeconds })
  let t = 0n
  for (const p of parts) t += p.seconds
  return { exitSeconds: t, slashableSeconds: t, parts }
}
