// A generic APR for any LRT: its rate read at two blocks, the growth annualized. Each adapter plugs
// its own `getRate(client, { blockNumber })` in (Kelp: `kelp.getApr`).
import { InvalidParameterError, type ReadClient } from '@restakekit/core'
import { getBlock } from 'viem/actions'
import { getAction } from 'viem/utils'
import { HistoricalStateUnavailableError } from './errors.js'

/** The window: from a block, or from the block `days` before the end (found by timestamp); to `toBlock` (default latest). */
export type AprWindow = ({ fromBlock: bigint; days?: never } | { days: number; fromBlock?: never }) & {
  toBlock?: bigint
}

/** A rate read as of a block (underlying per 1e18 of the token). */
export type RateAt = (client: ReadClient, params: { blockNumber: bigint }) => Promise<bigint>

export type GetAprParameters = AprWindow & {
  /** The LRT's rate reader, e.g. Kelp's `getRate`. */
  getRate: RateAt
  /** For errors (default 'the LRT'). */
  protocol?: string
}

/** An APR: simple annualization of the rate's growth between two blocks. */
export type LrtApr = {
  fromBlock: bigint
  toBlock: bigint
  fromTimestamp: bigint
  toTimestamp: bigint
  fromRate: bigint
  toRate: bigint
  /**
   * Exact: `(toRate − fromRate) × SECONDS_PER_YEAR / (fromRate × (toTimestamp − fromTimestamp))`,
   * reduced; the denominator is positive, the numerator negative when the rate fell (a slash).
   */
  apr: { numerator: bigint; denominator: bigint }
  /** `apr` as a float (for display only). */
  aprFloat: number
}

/** 365 days. */
export const SECONDS_PER_YEAR = 31_536_000n

const abs = (x: bigint) => (x < 0n ? -x : x)
function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [abs(a), abs(b)]
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

/** Nodes' ways of saying a block's state is not held (geth, erigon, reth, nethermind, anvil). */
const NO_STATE =
  /missing trie node|header not found|historical state|state (is )?not available|pruned|state histor|unknown block|block not found|BlockOutOfRange|no state|distance to target block/i

function isMissingState(error: unknown): boolean {
  for (
    let e = error as { message?: string; details?: string; cause?: unknown } | undefined, i = 0;
    e && i < 10;
    i++
  ) {
    if (NO_STATE.test(`${e.message ?? ''} ${e.details ?? ''}`)) return true
    e = e.cause as typeof e
  }
  return false
}

type Header = { number: bigint; timestamp: bigint }

/** The last block at or before `timestamp` (binary search over headers; ≈ log2(blocks) requests). */
async function blockAt(client: ReadClient, timestamp: bigint, latest: Header): Promise<Header> {
  const header = async (n: bigint): Promise<Header> => {
    const b = await getAction(client, getBlock, 'getBlock')({ blockNumber: n })
    return { number: b.number, timestamp: b.timestamp }
  }
  if (latest.timestamp <= timestamp) return latest
  let lo = await header(0n)
  if (lo.timestamp > timestamp)
    throw new InvalidParameterError({
      parameter: 'days',
      reason: `the chain has no block that old (its first is at unix ${lo.timestamp})`,
    })
  let hi = latest
  while (hi.number - lo.number > 1n) {
    const mid = await header((lo.number + hi.number) / 2n)
    if (mid.timestamp <= timestamp) lo = mid
    else hi = mid
  }
  return lo
}

/**
 * The rate's growth between two blocks, annualized (simple, not compounded), exact as a rational
 * plus a float. `{ days }` resolves its start block by timestamp. A node without the start block's
 * state is a `HistoricalStateUnavailableError`.
 */
export async function getApr(client: ReadClient, params: GetAprParameters): Promise<LrtApr> {
  const protocol = params.protocol ?? 'the LRT'
  const { fromBlock, days, toBlock } = params as { fromBlock?: bigint; days?: number; toBlock?: bigint }
  if (fromBlock !== undefined && (typeof fromBlock !== 'bigint' || fromBlock < 0n))
    throw new InvalidParameterError({ parameter: 'fromBlock', reason: 'must be a bigint ≥ 0' })
  if (fromBlock === undefined && (typeof days !== 'number' || !(days > 0)))
    throw new InvalidParameterError({ parameter: 'days', reason: 'must be a number > 0 (or pass fromBlock)' })
  const block = getAction(client, getBlock, 'getBlock')
  const end = await block(toBlock === undefined ? { blockTag: 'latest' } : { blockNumber: toBlock })
  const to: Header = { number: end.number, timestamp: end.timestamp }
  const from: Header =
    fromBlock !== undefined
      ? await block({ blockNumber: fromBlock }).then((b) => ({ number: b.number, timestamp: b.timestamp }))
      : await blockAt(client, to.timestamp - BigInt(Math.round((days as number) * 86_400)), to)
  if (from.number >= to.number)
    throw new InvalidParameterError({
      parameter: 'fromBlock',
      reason: `must be before the end block (${to.number})`,
    })
  const dt = to.timestamp - from.timestamp
  if (dt <= 0n)
    throw new InvalidParameterError({
      parameter: 'fromBlock',
      reason: 'the two blocks have the same timestamp',
    })
  const [fromRate, toRate] = await Promise.all([
    params.getRate(client, { blockNumber: from.number }).catch((error: unknown) => {
      throw isMissingState(error)
        ? new HistoricalStateUnavailableError({ protocol, blockNumber: from.number, cause: error })
        : error
    }),
    params.getRate(client, { blockNumber: to.number }),
  ])
  if (fromRate <= 0n)
    throw new InvalidParameterError({
      parameter: 'fromBlock',
      reason: `the rate at block ${from.number} is 0`,
    })
  let numerator = (toRate - fromRate) * SECONDS_PER_YEAR
  let denominator = fromRate * dt
  const g = gcd(numerator, denominator) || 1n
  numerator /= g
  denominator /= g
  const SCALE = 10n ** 18n
  return {
    fromBlock: from.number,
    toBlock: to.number,
    fromTimestamp: from.timestamp,
    toTimestamp: to.timestamp,
    fromRate,
    toRate,
    apr: { numerator, denominator },
    aprFloat: Number((numerator * SCALE) / denominator) / 1e18,
  }
}
