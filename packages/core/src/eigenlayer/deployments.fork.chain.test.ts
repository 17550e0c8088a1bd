// Optional: checks the mainnet deployment table against a mainnet fork (RESTAKEKIT_FORK_URL).
// Skipped without it (no network on these machines).
import { type Devnet, startDevnet } from '@restakekit/devnet'
import type { Address } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { readBatch, unwrap } from '../tx.js'
import { eigenlayerStrategyAbi, strategyManagerAbi } from './abis.js'
import { getWithdrawalDelay } from './actions/getWithdrawalDelay.js'
import { BEACON_CHAIN_ETH_STRATEGY, eigenlayerDeployments } from './deployments.js'
import { getEigenLayerDomain } from './signatures.js'

const forkUrl = process.env.RESTAKEKIT_FORK_URL

describe.skipIf(!forkUrl)('mainnet deployment on a fork', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ forkUrl: forkUrl!, symbiotic: false, karak: false })
  })
  afterAll(() => devnet?.stop())
  const d = eigenlayerDeployments[1]

  test('every listed strategy is whitelisted and holds the listed underlying token', async () => {
    const entries = Object.entries(d.strategies).filter(([, s]) => s.strategy !== BEACON_CHAIN_ETH_STRATEGY)
    const results = await readBatch(
      devnet.publicClient,
      entries.flatMap(([, s]) => [
        { address: s.strategy as Address, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' },
        {
          address: d.strategyManager,
          abi: strategyManagerAbi,
          functionName: 'strategyIsWhitelistedForDeposit',
          args: [s.strategy],
        },
      ]),
    )
    entries.forEach(([name, s], i) => {
      expect(unwrap<Address>(results[2 * i]), name).toBe(s.token)
      expect(unwrap<boolean>(results[2 * i + 1]), name).toBe(true)
    })
  })

  test('delays from chain and the v1.3+ EIP-712 domain (with version)', async () => {
    const delay = await getWithdrawalDelay(devnet.publicClient)
    expect(delay.withdrawalDelayBlocks).toBeGreaterThan(0)
    const domain = await getEigenLayerDomain(devnet.publicClient, { contract: d.delegationManager })
    expect(domain.version).toBeDefined()
  })
})
