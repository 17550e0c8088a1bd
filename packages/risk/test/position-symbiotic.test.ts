import { describe, expect, it } from 'vitest'
import { analyzePosition, parseSnapshot } from '../src/snapshot.js'

const E = 10n ** 18n
const staker = '0x0400000000000000000000000000000000000001'
const other = '0x0400000000000000000000000000000000000002'
const sub = `0x${'11'.repeat(20)}${'00'.repeat(12)}`
const op = '0x0300000000000000000000000000000000000001'

/** One NetworkRestake vault, one network with limit `limit`, one operator. */
const snapshot = (
  v: { active: bigint; total?: bigint; limit: bigint },
  positions: [string, bigint, bigint][],
) =>
  parseSnapshot({
    version: 1,
    chainId: 31337,
    blockNumber: '1',
    symbiotic: {
      vaults: [
        {
          address: '0x0500000000000000000000000000000000000001',
          collateral: '0x0100000000000000000000000000000000000001',
          delegatorType: 'NetworkRestake',
          activeStake: String(v.active),
          ...(v.total === undefined ? {} : { totalStake: String(v.total) }),
          epochDuration: '3600',
          networks: [
            { subnetwork: sub, networkLimit: String(v.limit), operators: [{ operator: op, shares: '1' }] },
          ],
        },
      ],
      stakers: positions.map(([address, active, slashable]) => ({
        address,
        vaults: [
          {
            vault: '0x0500000000000000000000000000000000000001',
            activeBalance: String(active),
            slashableBalance: String(slashable),
          },
        ],
      })),
    },
  })

const slashable = (s: ReturnType<typeof snapshot>, who = staker) =>
  analyzePosition(s, { staker: who }).exposures[0]!.slashable

describe('Symbiotic position with a pending withdrawal', () => {
  it('network limit binding: the slash is capped at the stake (2, was 2 · 4/3 = 2.67)', () => {
    // 3 active + 1 pending, limit 2: with and without the vault's totalStake in the snapshot
    expect(
      slashable(snapshot({ active: 3n * E, total: 4n * E, limit: 2n * E }, [[staker, 3n * E, 4n * E]])),
    ).toBe(2n * E)
    expect(slashable(snapshot({ active: 3n * E, limit: 2n * E }, [[staker, 3n * E, 4n * E]]))).toBe(2n * E)
  })
  it('limit not binding: the whole slashable balance (capture before the withdrawal)', () => {
    expect(
      slashable(snapshot({ active: 3n * E, total: 4n * E, limit: 100n * E }, [[staker, 3n * E, 4n * E]])),
    ).toBe(4n * E)
  })
  it('two depositors: the slash is spread pro rata over the slashable pool', () => {
    // staker 3 active + 1 pending, other 4 active: pool 8, stake at capture min(8, 2) = 2
    const s = snapshot({ active: 7n * E, total: 8n * E, limit: 2n * E }, [
      [staker, 3n * E, 4n * E],
      [other, 4n * E, 4n * E],
    ])
    expect(slashable(s)).toBe(1n * E)
    expect(slashable(s, other)).toBe(1n * E)
  })
  it('nothing pending: unchanged (stake × balance / activeStake)', () => {
    expect(
      slashable(snapshot({ active: 10n * E, total: 10n * E, limit: 6n * E }, [[staker, 5n * E, 5n * E]])),
    ).toBe(3n * E)
  })
})
