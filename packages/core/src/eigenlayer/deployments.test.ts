import { getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { BEACON_CHAIN_ETH_STRATEGY, type EigenLayerDeployment, eigenlayerDeployments } from './deployments.js'

const contracts = [
  'delegationManager',
  'strategyManager',
  'eigenPodManager',
  'avsDirectory',
  'allocationManager',
  'rewardsCoordinator',
  'permissionController',
  'strategyFactory',
] as const

describe('eigenlayerDeployments', () => {
  test('mainnet, Sepolia, Hoodi: live networks only (no retired Holesky 17000, no devnet 31337 entry)', () => {
    expect(
      Object.keys(eigenlayerDeployments)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([1, 560048, 11155111].sort((a, b) => a - b))
  })

  for (const [chainId, d] of Object.entries(eigenlayerDeployments) as [string, EigenLayerDeployment][]) {
    test(`chain ${chainId}: every address checksummed, all core contracts present and distinct`, () => {
      expect(d.chainId).toBe(Number(chainId))
      const addresses = contracts.map((c) => d[c]!)
      for (const a of addresses) expect(getAddress(a)).toBe(a)
      expect(new Set(addresses.map((a) => a.toLowerCase())).size).toBe(contracts.length)
      for (const [name, s] of Object.entries(d.strategies ?? {})) {
        expect(getAddress(s.strategy), name).toBe(s.strategy)
        if (s.token) expect(getAddress(s.token), name).toBe(s.token)
      }
      // every unconfirmed entry names a real path
      for (const entry of d.unconfirmed ?? []) {
        const path = entry.split(' ')[0]!
        const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], d)
        expect(value, entry).not.toBeUndefined()
      }
    })
  }

  test('mainnet LST strategies with their underlying tokens, the EIGEN strategy and the beacon-chain sentinel', () => {
    const s = eigenlayerDeployments[1].strategies
    expect(Object.keys(s).sort()).toEqual(
      [
        'stETH',
        'rETH',
        'cbETH',
        'ETHx',
        'ankrETH',
        'OETH',
        'osETH',
        'swETH',
        'wBETH',
        'sfrxETH',
        'lsETH',
        'mETH',
        'EIGEN',
        'beaconChainETH',
      ].sort(),
    )
    expect(s.stETH).toEqual({
      strategy: '0x93c4b944D05dfe6df7645A86cd2206016c51564D',
      token: '0xae7ab96520DE3A18E5e111B5EaAb095312D7fE84',
    })
    expect(s.EIGEN.token).toBe('0xec53bF9167f50cDEB3Ae105f56099aaaB9061F83')
    for (const [name, v] of Object.entries(s))
      if (name !== 'beaconChainETH') expect(v.token, name).not.toBeNull()
    expect(BEACON_CHAIN_ETH_STRATEGY).toBe('0xbeaC0eeEeeeeEEeEeEEEEeeEEeEeeeEeeEEBEaC0')
    expect(getAddress(BEACON_CHAIN_ETH_STRATEGY)).toBe(BEACON_CHAIN_ETH_STRATEGY)
  })
})
