import { describe, expect, it } from 'vitest'
import { analyzePosition, parseSnapshot } from '../src/snapshot.js'

const E = 10n ** 18n
const staker = '0x0400000000000000000000000000000000000001'
const vault = (i: number) => `0x060000000000000000000000000000000000000${i}`
const asset = '0x0100000000000000000000000000000000000001'
const operator = '0x0300000000000000000000000000000000000001'

const snap = parseSnapshot({
  version: 1,
  chainId: 31337,
  blockNumber: '1',
  karak: {
    withdrawalDelaySeconds: String(9 * 86400),
    stakers: [
      {
        address: staker,
        positions: [
          {
            vault: vault(1),
            asset,
            operator,
            assets: String(10n * E),
            queuedAssets: String(2n * E),
            dssCount: '2',
          },
          { vault: vault(2), asset, operator, assets: String(5n * E), queuedAssets: '0', dssCount: '0' },
          { vault: vault(3), asset, operator, assets: String(1n * E), queuedAssets: '0' },
        ],
      },
    ],
  },
})

describe('Karak positions in analyzePosition', () => {
  it('get a worst case (the whole balance when a DSS can slash) and typed warnings', () => {
    const p = analyzePosition(snap, { staker })
    expect(p.byProtocol.karak.positions.map((x) => [x.vault, x.balance, x.worstCase, x.dssCount])).toEqual([
      [vault(1), 12n * E, 12n * E, 2n],
      [vault(2), 5n * E, 0n, 0n],
      [vault(3), 1n * E, 1n * E, null],
    ])
    expect(p.byProtocol.karak.worstCase).toBe(13n * E)
    expect(p.exit?.exitSeconds).toBe(9n * 86400n) // Karak's withdrawal delay
    expect(p.warnings.map((w) => [w.code, w.protocol, w.vault])).toEqual([
      ['karakDssLimitsUnknown', 'karak', vault(1)],
      ['karakExposureUnknown', 'karak', vault(3)],
    ])
  })
  it('a staker without Karak positions has no warnings', () => {
    const p = analyzePosition(snap, { staker: '0x0400000000000000000000000000000000000009' })
    expect(p.warnings).toEqual([])
    expect(p.byProtocol.karak).toEqual({ positions: [], worstCase: 0n })
  })
  it('the Karak section is validated like the rest (field named)', () => {
    expect(() =>
      parseSnapshot({
        version: 1,
        chainId: 1,
        blockNumber: '1',
        karak: {
          stakers: [
            {
              address: staker,
              positions: [{ vault: vault(1), asset, operator, assets: '-1', queuedAssets: '0' }],
            },
          ],
        },
      }),
    ).toThrow(/snapshot\.karak\.stakers\[0\]\.positions\[0\]\.assets/)
  })
})
