// planBuckets (pure): pages of SYMBIOTIC_EPOCH_PAGE epochs per vault and stage, newest first; the
// buckets kept are the unclaimed ones with shares. Results are fed by hand: no chain is needed to
// check how the plan pages its reads (the chain tests check what the vaults answer).
import type { Address } from 'viem'
import { describe, expect, test } from 'vitest'
import { type BatchResult, isPlan, type ReadPlan } from '../kit/index.js'
import { epochRange, planBuckets, SYMBIOTIC_EPOCH_PAGE } from './positions.js'

const vaultA = '0x00000000000000000000000000000000000000aa' as Address
const vaultB = '0x00000000000000000000000000000000000000bb' as Address
const account = '0x0000000000000000000000000000000000000001' as Address
const ok = (result: unknown): BatchResult => ({ status: 'success', result })

describe('planBuckets', () => {
  test('one stage per page of the longest scan, newest epochs first; buckets with shares and unclaimed', () => {
    const long = epochRange(0n, BigInt(SYMBIOTIC_EPOCH_PAGE) + 4n) // a page and 5 epochs
    const short = epochRange(3n, 5n)
    let plan: ReadPlan<unknown> | unknown = planBuckets([
      { vault: vaultA, account, epochs: long },
      { vault: vaultB, account, epochs: short },
    ])
    const stages: { epochs: bigint[]; vaults: Address[] }[] = []
    while (isPlan(plan)) {
      const p = plan as ReadPlan<unknown>
      stages.push({
        epochs: p.reads.filter((_, i) => i % 3 === 0).map((r) => r.args?.[0] as bigint),
        vaults: [...new Set(p.reads.map((r) => r.address))],
      })
      // epoch 2 of A: 7 collateral for 7 shares, unclaimed; epoch 4 of B: claimed; the rest empty
      plan = p.next(
        p.reads.map((r, i) => {
          const epoch = r.args?.[0] as bigint
          const open = r.address === vaultA && epoch === 2n
          const claimed = r.address === vaultB && epoch === 4n
          const kind = i % 3 // withdrawalsOf, withdrawalSharesOf, isWithdrawalsClaimed
          if (kind === 2) return ok(claimed)
          return ok(open || claimed ? 7n : 0n)
        }),
      )
    }
    expect(stages).toHaveLength(2)
    expect(stages[0]!.epochs.slice(0, 2)).toEqual([
      BigInt(SYMBIOTIC_EPOCH_PAGE) + 4n,
      BigInt(SYMBIOTIC_EPOCH_PAGE) + 3n,
    ])
    expect(stages[0]!.epochs).toHaveLength(SYMBIOTIC_EPOCH_PAGE + short.length)
    expect(stages[0]!.vaults).toEqual([vaultA, vaultB])
    expect(stages[1]!.epochs).toEqual([4n, 3n, 2n, 1n, 0n])
    expect(stages[1]!.vaults).toEqual([vaultA])
    expect(plan).toEqual([[{ epoch: 2n, amount: 7n, shares: 7n }], []])
  })

  test('nothing to scan: a plan without reads', () => {
    const plan = planBuckets([{ vault: vaultA, account, epochs: [] }])
    expect(plan.reads).toEqual([])
    expect(plan.next([])).toEqual([[]])
    expect(epochRange(5n, 4n)).toEqual([])
  })
})
