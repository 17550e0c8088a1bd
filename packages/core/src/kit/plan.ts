import type { Chain, Client, Transport } from 'viem'
import { type BatchRead, type BatchResult, oneBlock, type ReadAt, readBatch } from './read.js'

/**
 * A staged read: the reads of one stage, and what to do with their results — the value, or the
 * next stage. `next` is pure (no I/O), so a plan can be tested without a chain and several plans
 * can be run concurrently on a `withReadBatching` client, their stages merged into one `aggregate3` each.
 */
export type ReadPlan<T> = {
  readonly reads: readonly BatchRead[]
  readonly next: (results: readonly BatchResult[]) => T | ReadPlan<T>
  readonly [PLAN]: true
}

const PLAN = Symbol.for('restakekit.readPlan')

/** Builds one stage of a plan. */
export function stage<T>(
  reads: readonly BatchRead[],
  next: (results: readonly BatchResult[]) => T | ReadPlan<T>,
): ReadPlan<T> {
  return { reads, next, [PLAN]: true }
}

export function isPlan<T>(value: T | ReadPlan<T>): value is ReadPlan<T> {
  return typeof value === 'object' && value !== null && (value as { [PLAN]?: true })[PLAN] === true
}

/** The plan with its value mapped by `f` (pure, as `next` is): the same stages, the same reads. */
export function mapPlan<A, B>(plan: ReadPlan<A>, f: (value: A) => B): ReadPlan<B> {
  return stage(plan.reads, (results) => {
    const next = plan.next(results)
    return isPlan(next) ? mapPlan(next, f) : f(next)
  })
}

/**
 * Runs one plan: one `aggregate3` per stage (a stage without reads costs nothing). Read at
 * `latest` (no `at`), the plan sees one block: the first stage asks its block inside its own
 * `aggregate3` and every later stage reads that block (on a `pinBlock` client, the client's pinned
 * block, shared with every plan run on it). With a block or the `pending` tag, every stage reads it.
 */
export async function runPlan<T>(
  client: Client<Transport, Chain | undefined>,
  plan: ReadPlan<T>,
  at: ReadAt = {},
): Promise<T> {
  const reader = oneBlock(client, at)
  let current: T | ReadPlan<T> = plan
  while (isPlan(current)) {
    const results: BatchResult[] = current.reads.length > 0 ? await readBatch(reader, current.reads, at) : []
    current = current.next(results)
  }
  return current
}
