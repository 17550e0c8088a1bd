// The devnet's wallet clients and typed deployments: an address without a key sends (impersonated),
// and the deployments a devnet has are typed as present when its options guarantee them.
import { type Address, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, expectTypeOf, test } from 'vitest'
import { type Devnet, type DevnetDeploymentsOf, startDevnet } from './index.js'
import type { DevnetKarak } from './karak.js'
import type { DevnetSymbiotic } from './symbiotic.js'

describe('devnet wallet clients', () => {
  let devnet: Devnet<DevnetDeploymentsOf<{ karak: false; symbiotic: false }>>
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false, symbiotic: false })
  })
  afterAll(() => devnet?.stop())

  test('walletClient(address) impersonates: an address with no key known to the node sends a transaction', async () => {
    const from = '0x000000000000000000000000000000000000bEEF' as Address
    const to = (await devnet.newAccount({ eth: 0n })).address
    await devnet.testClient.setBalance({ address: from, value: parseEther('2') })
    const hash = await devnet.walletClient(from).sendTransaction({ to, value: parseEther('1') })
    const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash })
    expect(receipt.status).toBe('success')
    expect(receipt.from.toLowerCase()).toBe(from.toLowerCase())
    expect(await devnet.publicClient.getBalance({ address: to })).toBe(parseEther('1'))
    // a second client for the same address sends too (impersonation is per node, asked again harmlessly)
    const again = await devnet.walletClient(from).sendTransaction({ to, value: 1n })
    expect((await devnet.publicClient.waitForTransactionReceipt({ hash: again })).status).toBe('success')
  })

  test('deployments are typed by the options: present unless turned off', () => {
    expectTypeOf(devnet.deployments.karak).toEqualTypeOf<DevnetKarak | undefined>()
    type Full = DevnetDeploymentsOf<Record<never, never>>
    expectTypeOf<Full['symbiotic']>().toEqualTypeOf<DevnetSymbiotic>()
    expectTypeOf<Full['karak']>().toEqualTypeOf<DevnetKarak>()
    type Required = DevnetDeploymentsOf<{ requireEigenLayer: true; karak: false }>
    expectTypeOf<Required['eigenlayer']>().not.toEqualTypeOf<undefined>()
    expect(devnet.deployments.karak).toBeUndefined()
    expect(devnet.deployments.symbiotic).toBeUndefined()
  })
})
