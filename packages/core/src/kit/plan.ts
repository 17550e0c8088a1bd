import type { Chain, Client, Transport } from 'viem'
import { type BatchRead, type BatchResult, type ReadAt, readBatch } from './read.js'

/**
 * A staged read: the reads of one stage, and what to do with their results — the value, or the
 * next stage. `next` is pure (no I/O), so a plan can be tested without a chain and several plans
 * can be run in lockstep, their stages merged into one `aggregate3` each (`runPlans`).
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

/** A plan that needs no read (its value is known). */
export function done<T>(value: T): ReadPlan<T> {
  return stage([], () => value)
}

export function isPlan<T>(value: T | ReadPlan<T>): value is ReadPlan<T> {
  return typeof value === 'object' && value !== null && (value as { [PLAN]?: true })[PLAN] === true
}

/** Maps a plan's value (pure). */
export function mapPlan<T, U>(plan: ReadPlan<T>, fn: (value: T) => U): ReadPlan<U> {
  return stage(plan.reads, (results) => {
    const out = plan.next(results)
    return isPlan(out) ? mapPlan(out, fn) : fn(out)
  })
}

/** Runs one plan: one `aggregate3` per stage (a stage without reads costs nothing). */
export async function runPlan<T>(
  client: Client<Transport, Chain | undefined>,
  plan: ReadPlan<T>,
  at: ReadAt = {},
): Promise<T> {
  let current: T | ReadPlan<T> = plan
  while (isPlan(current)) {
    const results: BatchResult[] = current.reads.length > 0 ? await readBatch(client, current.reads, at) : []
    current = current.next(results)
  }
  return current
}

/**
 * Runs several plans in lockstep: stage k of every plan still running goes out as ONE
 * `aggregate3`, so reading many protocols costs as many round trips as the deepest plan. A plan
 * whose `next` throws ends with that error (`status: 'failure'`) without spoiling the others; a
 * failed round trip fails every plan in it.
 */
export async function runPlans<const plans extends readonly ReadPlan<unknown>[]>(
  client: Client<Transport, Chain | undefined>,
  plans: plans,
  at: ReadAt = {},
): Promise<{ -readonly [K in keyof plans]: PlanOutcome<plans[K] extends ReadPlan<infer T> ? T : never> }> {
  const outcomes: PlanOutcome<unknown>[] = plans.map(() => ({
    status: 'failure',
    error: new Error('not run'),
  }))
  let running = plans.map((plan, i) => ({ i, plan: plan as ReadPlan<unknown> }))
  while (running.length > 0) {
    const reads = running.flatMap((r) => r.plan.reads)
    let results: BatchResult[] = []
    if (reads.length > 0) {
      try {
        results = await readBatch(client, reads, at)
      } catch (error) {
        for (const r of running) outcomes[r.i] = { status: 'failure', error: error as Error }
        break
      }
    }
    const still: typeof running = []
    let offset = 0
    for (const r of running) {
      const mine = results.slice(offset, offset + r.plan.reads.length)
      offset += r.plan.reads.length
      try {
        const out = r.plan.next(mine)
        if (isPlan(out)) still.push({ i: r.i, plan: out })
        else outcomes[r.i] = { status: 'success', result: out }
      } catch (error) {
        outcomes[r.i] = { status: 'failure', error: error as Error }
      }
    }
    running = still
  }
  return outcomes as never
}

export type PlanOutcome<T> = { status: 'success'; result: T } | { status: 'failure'; error: Error }
