// v1.5+ redistribution: NOT CHAIN-TESTED (no devnet state runs v1.5+). The pure layer's calls are
// checked against the v1.12.0 StrategyManager ABI; bad input is a typed error before any request.
// The refusal on v1.2 and v1.3-v1.4 is chain-tested in release.chain.test.ts.
import { readFileSync } from 'node:fs'
import { type Abi, decodeFunctionData, getAddress } from 'viem'
import { describe, expect, test } from 'vitest'
import { InvalidAddressError, InvalidParameterError } from '../../errors.js'
import { eigenlayerDeployments } from '../deployments.js'
import { silentClients } from '../test/unit.js'
import {
  clearBurnOrRedistributableShares,
  prepareClearBurnOrRedistributableShares,
  simulateClearBurnOrRedistributableShares,
} from './clearBurnOrRedistributableShares.js'

const v112StrategyManager = JSON.parse(
  readFileSync(
    new URL('../../../../../../shared/reference/abi/eigenlayer-v1.12/StrategyManager.json', import.meta.url),
    'utf8',
  ),
)
const referenceAbi = (
  Array.isArray(v112StrategyManager) ? v112StrategyManager : v112StrategyManager.abi
) as Abi
const operatorSet = { avs: getAddress('0x00000000000000000000000000000000000000a5'), id: 3 }
const strategy = '0x93c4b944D05dfe6df7645A86cd2206016c51564D' as const

describe('clearBurnOrRedistributableShares (unit; v1.5+, not chain-tested)', () => {
  test('the pure layer encodes both v1.12 forms, decoded with the reference ABI', () => {
    const [all] = prepareClearBurnOrRedistributableShares({ chainId: 1, operatorSet, slashId: 7n })
    expect(all!.to).toBe(eigenlayerDeployments[1].strategyManager)
    const a = decodeFunctionData({ abi: referenceAbi, data: all!.data })
    expect(a.functionName).toBe('clearBurnOrRedistributableShares')
    expect(a.args).toEqual([operatorSet, 7n])
    const [one] = prepareClearBurnOrRedistributableShares({ chainId: 1, operatorSet, slashId: 7n, strategy })
    const b = decodeFunctionData({ abi: referenceAbi, data: one!.data })
    expect(b.functionName).toBe('clearBurnOrRedistributableSharesByStrategy')
    expect(b.args).toEqual([operatorSet, 7n, strategy])
  })

  test('bad input is a typed error before any request', async () => {
    const { walletClient, publicClient, counter } = silentClients({
      ...walletChain(),
    })
    await expect(
      clearBurnOrRedistributableShares(walletClient, {
        deployment: eigenlayerDeployments[1],
        operatorSet: { avs: '0xnope' as never, id: 1 },
        slashId: 1n,
      }),
    ).rejects.toBeInstanceOf(InvalidAddressError)
    await expect(
      simulateClearBurnOrRedistributableShares(publicClient, {
        deployment: eigenlayerDeployments[1],
        account: walletClient.account.address,
        operatorSet,
        slashId: -1n,
      }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(() =>
      prepareClearBurnOrRedistributableShares({
        chainId: 1,
        operatorSet: { ...operatorSet, id: -1 },
        slashId: 1n,
      }),
    ).toThrow(InvalidParameterError)
    expect(counter.requests).toBe(0)
  })
})

function walletChain() {
  return {
    id: 1,
    name: 'mainnet',
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    rpcUrls: { default: { http: ['http://127.0.0.1:1'] } },
  }
}
