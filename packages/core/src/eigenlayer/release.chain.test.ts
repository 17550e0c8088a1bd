// The release probe on both real EigenLayer states: what each serves, the family it is placed in,
// "v0.0.0" read as no version, and the cache (a second call sends no request).
import { haveEigenLayer } from '@restakekit/devnet'
import { createPublicClient, custom, type EIP1193RequestFn } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getRelease } from './release.js'
import { type Env, startEnv } from './test/helpers.js'

describe.skipIf(!haveEigenLayer())('EigenLayer release probe (real EigenLayer state)', () => {
  let env: Env
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())

  /** A client whose every JSON-RPC request is counted. */
  function counted() {
    const seen: string[] = []
    const request = (async (args: { method: string; params?: unknown }) => {
      seen.push(args.method)
      return env.devnet.publicClient.request(args as never)
    }) as EIP1193RequestFn
    const client = createPublicClient({
      chain: env.devnet.publicClient.chain,
      transport: custom({ request }),
    })
    return { client, seen }
  }

  test('the family and features each state serves; a placeholder version is no version', async () => {
    const { client, seen } = counted()
    const r = await getRelease(client, { deployment: env.deployment })
    expect(seen).toEqual(['eth_call']) // one batched round trip
    if (env.release === 'v1.2') {
      // v1.2: no version(), the v1.2 getter name, no allocated-stake or burnable-shares views
      expect(r).toEqual({
        family: 'v1.2',
        version: null,
        features: {
          versionView: false,
          allocatedStake: false,
          encumberedMagnitude: 'encumberedMagnitude',
          burnableShares: false,
          redistribution: false,
          allocationManagerView: false,
        },
      })
    } else {
      // v1.3.0 (devkit build): version() answers "v0.0.0", which names no release
      expect(r).toEqual({
        family: 'v1.3-v1.4',
        version: null,
        features: {
          versionView: true,
          allocatedStake: true,
          encumberedMagnitude: 'getEncumberedMagnitude',
          burnableShares: true,
          redistribution: false,
          allocationManagerView: false,
        },
      })
    }
  })

  test('probed once per client and deployment: the second call sends nothing; another client probes again', async () => {
    const a = counted()
    const first = await getRelease(a.client, { deployment: env.deployment })
    const again = await Promise.all([1, 2, 3].map(() => getRelease(a.client, { deployment: env.deployment })))
    expect(a.seen).toHaveLength(1)
    for (const x of again) expect(x).toBe(first)
    const b = counted()
    expect(await getRelease(b.client, { deployment: env.deployment })).toEqual(first)
    expect(b.seen).toHaveLength(1)
  })
})
