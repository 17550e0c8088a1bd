import type { Readiness } from '@restakekit/core'
import type { Address } from 'viem'

/** What every way out of an LRT says, queue or instant. */
type ExitOptionFields = {
  /** The asset it pays (the ETH sentinel `0xEeee…EEeE`, WETH, an LST). */
  asset: Address
  /** What it pays, in `asset` base units: exact for an instant exit; for a queue, at most (today's rate). */
  expectedOut: bigint
  /** What it keeps as its fee, in `asset` base units: the amount's value less `expectedOut` (0 for a queue). */
  fee: bigint
  /** The fee's rate in basis points (0 for a queue). */
  feeBps: bigint
  /** The path takes the amount now: within its minimum and maximum, and its liquidity. */
  available: boolean
  /** Why not, when `available` is false (a sentence); `null` when it is. */
  reason: string | null
}

/**
 * One way out of an LRT for an amount (glossary: `getExitOptions`). `queue`: request, wait, claim;
 * its `readyAt` is the earliest claim if requested now, or `null` when no time is knowable (the
 * protocol's operator finalizes it, or it waits for liquidity). `instant`: paid in the transaction.
 */
export type ExitOption =
  | (ExitOptionFields & { kind: 'queue'; readyAt: Readiness | null })
  | (ExitOptionFields & { kind: 'instant' })

/** Every way out of an LRT for one amount, the queue first: what `getExitOptions` returns on every LRT. */
export type ExitOptions = {
  /** The LRT amount asked about, in the token's base units. */
  amount: bigint
  /** Its value now in the options' asset, before any fee. */
  value: bigint
  options: readonly ExitOption[]
}
