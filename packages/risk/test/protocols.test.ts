import { describe, expect, it } from 'vitest'
import { exitWindow } from '../src/compound.js'
import { slashingFactor, WAD, withdrawableShares } from '../src/eigenlayer.js'
import { lrtExposure } from '../src/lrt.js'
import { rat } from '../src/rational.js'
import {
  restakingDegree,
  type SymbioticVaultState,
  symbioticSlash,
  symbioticStakes,
} from '../src/symbiotic.js'
import { str } from './helpers.js'

describe('Symbiotic delegators', () => {
  const nr: SymbioticVaultState = {
    vault: 'v',
    delegatorType: 'NetworkRestake',
    activeStake: 1000n,
    networks: [
      {
        subnetwork: 'n1',
        networkLimit: 600n,
        operators: [
          { operator: 'o1', shares: 1n },
          { operator: 'o2', shares: 2n },
        ],
      },
      { subnetwork: 'n2', networkLimit: 5000n, operators: [{ operator: 'o1', shares: 5n }] },
    ],
  }
  it('NetworkRestake: shares / Σ shares · min(activeStake, networkLimit)', () => {
    expect(symbioticStakes(nr).map((r) => r.stake)).toEqual([200n, 400n, 1000n])
    expect(str(restakingDegree(nr))).toBe('8/5')
  })
  it('FullRestake: min(activeStake, networkLimit, operatorNetworkLimit)', () => {
    const fr: SymbioticVaultState = {
      vault: 'v',
      delegatorType: 'FullRestake',
      activeStake: 1000n,
      networks: [
        {
          subnetwork: 'n1',
          networkLimit: 600n,
          operators: [
            { operator: 'o1', operatorNetworkLimit: 700n },
            { operator: 'o2', operatorNetworkLimit: 100n },
          ],
        },
        {
          subnetwork: 'n2',
          networkLimit: 900n,
          operators: [{ operator: 'o1', operatorNetworkLimit: 2000n }],
        },
      ],
    }
    expect(symbioticStakes(fr).map((r) => r.stake)).toEqual([600n, 100n, 900n])
    expect(str(restakingDegree(fr))).toBe('8/5')
    // n1 slashes 600 from o1: active 400; n2/o1 drops 900 → 400, n1/o2 stays 100
    const fx = symbioticSlash(fr, { subnetwork: 'n1', operator: 'o1', amount: 10_000n })
    expect(fx.slashed).toBe(600n)
    expect(fx.activeStakeAfter).toBe(400n)
    expect(fx.others.map((o) => [o.subnetwork, o.operator, o.after, o.loss])).toEqual([
      ['n1', 'o2', 100n, 0n],
      ['n2', 'o1', 400n, 500n],
    ])
    expect(fx.lossToOthers).toBe(500n)
  })
  it('NetworkRestake slash: other networks lose only when active stake drops below their cap', () => {
    const fx = symbioticSlash(nr, { subnetwork: 'n1', operator: 'o2', amount: 300n })
    expect(fx.activeStakeAfter).toBe(700n)
    expect(fx.others.map((o) => o.loss)).toEqual([0n, 300n])
  })
})

describe('exit window and LRT look-through', () => {
  it('EigenLayer: delay blocks × block time; Symbiotic: two epochs minus elapsed; plus the LRT queue', () => {
    expect(exitWindow({ protocol: 'eigenlayer', withdrawalDelayBlocks: 100_800n }).exitSeconds).toBe(
      1_209_600n,
    )
    const s = exitWindow({ protocol: 'symbiotic', epochDuration: 604_800n, elapsedInEpoch: 4_800n }, 86_400n)
    expect(s.exitSeconds).toBe(2n * 604_800n - 4_800n + 86_400n)
    expect(s.slashableSeconds).toBe(s.exitSeconds)
    expect(s.parts.map((p) => p.label)).toEqual(['symbiotic epochs', 'LRT queue'])
  })
  it('exposure per service = Σ_o delegated · slashable share', () => {
    const e = lrtExposure(
      [
        { operator: 'o1', amount: 100n },
        { operator: 'o2', amount: 300n },
      ],
      { o1: { A: rat(1, 5), B: rat(1, 2) }, o2: { A: rat(1, 3) } },
    )
    expect(e.map((x) => [x.service, str(x.exposure)])).toEqual([
      ['A', '120/1'],
      ['B', '50/1'],
    ])
    expect(e[0]!.through.map((t) => t.operator)).toEqual(['o1', 'o2'])
  })
  it('withdrawable shares and slashing factor use mulWad twice', () => {
    expect(withdrawableShares(1000n, 0n, WAD / 2n)).toBe(500n)
    expect(withdrawableShares(3n, (WAD * 3n) / 2n, (WAD * 9n) / 10n)).toBe(3n)
    expect(slashingFactor(WAD / 2n, WAD / 2n)).toBe(WAD / 4n)
  })
})

describe('math in one place: risk uses core protocol math', () => {
  it('the WAD arithmetic risk exports is core, and its formulas agree with core on the same inputs', async () => {
    const core = await import('@restakekit/core/eigenlayer')
    const sym = await import('@restakekit/core/symbiotic')
    const risk = await import('../src/index.js')
    expect(risk.WAD).toBe(core.WAD)
    expect(risk.mulWad).toBe(core.mulWad)
    expect(risk.divWad).toBe(core.divWad)
    const max = (9n * core.WAD) / 10n
    expect(risk.slashableShares(7n * core.WAD, core.WAD / 3n, max)).toBe(
      core.slashableShares(7n * core.WAD, core.WAD / 3n, max),
    )
    expect(risk.withdrawableShares(5n * core.WAD, 0n, max)).toBe(
      core.toWithdrawableShares({
        depositShares: 5n * core.WAD,
        depositScalingFactor: 0n,
        slashingFactor: max,
      }),
    )
    const vault = {
      vault: 'v',
      delegatorType: 'NetworkRestake' as const,
      activeStake: 1000n,
      networks: [
        {
          subnetwork: 'n',
          networkLimit: 700n,
          operators: [
            { operator: 'a', shares: 1n },
            { operator: 'b', shares: 2n },
          ],
        },
      ],
    }
    expect(risk.symbioticStakes(vault).map((r) => r.stake)).toEqual([
      sym.networkRestakeStake({
        activeStake: 1000n,
        networkLimit: 700n,
        operatorNetworkShares: 1n,
        totalOperatorNetworkShares: 3n,
      }),
      sym.networkRestakeStake({
        activeStake: 1000n,
        networkLimit: 700n,
        operatorNetworkShares: 2n,
        totalOperatorNetworkShares: 3n,
      }),
    ])
  })
})
