// The release probe on both real EigenLayer states: what each serves, the family it is placed in,
// "v0.0.0" read as no version, and the cache (a second call sends no request); then the actions
// that take their form from it, each checked for this state's release and the other one's form
// checked on the other state (v1.2 in `chain`, v1.3.0 in `chain-el-v1.3.0`).
import { haveEigenLayer } from '@restakekit/devnet'
import {
  createPublicClient,
  custom,
  decodeFunctionData,
  type EIP1193RequestFn,
  type Hex,
  multicall3Abi,
  parseEther,
  slice,
  toFunctionSelector,
} from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { InvalidParameterError } from '../errors.js'
import { burnShares } from './actions/burnShares.js'
import {
  clearBurnOrRedistributableShares,
  prepareClearBurnOrRedistributableShares,
} from './actions/clearBurnOrRedistributableShares.js'
import { delegateTo } from './actions/delegateTo.js'
import { deposit, waitForDeposit } from './actions/deposit.js'
import { getAllocations } from './actions/getAllocations.js'
import { getBurnableShares } from './actions/getBurnableShares.js'
import { UnsupportedReleaseError } from './errors.js'
import { WAD } from './math.js'
import { getRelease } from './release.js'
import { getEigenLayerDomain } from './signatures.js'
import { type Env, newAvs, newOperator, newStaker, registerAndAllocate, startEnv } from './test/helpers.js'

describe.skipIf(!haveEigenLayer())('EigenLayer release probe (real EigenLayer state)', () => {
  let env: Env
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())

  let snap: Hex | undefined
  beforeEach(async () => {
    if (snap) await env.devnet.revert(snap)
    snap = await env.devnet.snapshot()
  })

  /** A client whose every JSON-RPC request is counted; `selectors` are those sent inside `eth_call`s. */
  function counted() {
    const seen: string[] = []
    const selectors: Hex[] = []
    const request = (async (args: { method: string; params?: unknown }) => {
      seen.push(args.method)
      if (args.method === 'eth_call') {
        const data = ((args.params as [{ data?: Hex; input?: Hex }])[0].data ??
          (args.params as [{ input?: Hex }])[0].input)!
        try {
          const { args: calls } = decodeFunctionData({ abi: multicall3Abi, data })
          for (const c of calls![0] as readonly { callData: Hex }[]) selectors.push(slice(c.callData, 0, 4))
        } catch {
          selectors.push(slice(data, 0, 4))
        }
      }
      return env.devnet.publicClient.request(args as never)
    }) as EIP1193RequestFn
    const client = createPublicClient({
      chain: env.devnet.publicClient.chain,
      transport: custom({ request }),
    })
    return { client, seen, selectors }
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

  const sel = (signature: string) => toFunctionSelector(signature)
  const getEncumbered = sel('getEncumberedMagnitude(address,address)')
  const encumbered12 = sel('encumberedMagnitude(address,address)')
  const allocatedStake = sel('getAllocatedStake((address,uint32),address[],address[])')
  const minimumSlashable = sel('getMinimumSlashableStake((address,uint32),address[],address[],uint32)')

  test('getAllocations reads only the views of the release, the probe beside its first round trip and then cached', async () => {
    const staker = await newStaker(env, parseEther('4'))
    const wallet = env.devnet.walletClient(staker)
    await waitForDeposit(
      env.devnet.publicClient,
      await deposit(wallet, {
        deployment: env.deployment,
        strategy: env.strategy,
        token: env.token,
        amount: parseEther('4'),
      }),
    )
    const operator = await newOperator(env)
    await env.devnet.publicClient.waitForTransactionReceipt({
      hash: await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
    })
    const avs = await newAvs(env, [env.strategy], 3)
    await registerAndAllocate(env, operator, avs, 3, [env.strategy], [WAD / 4n])

    const c = counted()
    const first = await getAllocations(c.client, { deployment: env.deployment, operator: operator.address })
    // three round trips plus the probe, sent alongside the first (4 eth_calls, 3 sequential steps)
    expect(c.seen.filter((m) => m === 'eth_call')).toHaveLength(4)
    const a = first.operatorSets[0]!.strategies[0]!
    expect(a.encumberedMagnitude).toBe(WAD / 4n)
    expect(a.allocatedStake).toBe(parseEther('1'))
    const firstSelectors = c.selectors.length
    // the probe is cached: the same read again is its three round trips only
    const again = await getAllocations(c.client, { deployment: env.deployment, operator: operator.address })
    expect(again).toEqual(first)
    expect(c.seen.filter((m) => m === 'eth_call')).toHaveLength(7)
    const sent = c.selectors.slice(firstSelectors)
    if (env.release === 'v1.2') {
      // v1.2: encumberedMagnitude and getMinimumSlashableStake at the current block; the v1.3+ views are never sent
      expect(sent).toContain(encumbered12)
      expect(sent).not.toContain(getEncumbered)
      expect(sent).not.toContain(allocatedStake)
      expect(sent.filter((x) => x === minimumSlashable)).toHaveLength(2)
    } else {
      // v1.3.0: getEncumberedMagnitude and getAllocatedStake; the v1.2 getter is never sent
      expect(sent).toContain(getEncumbered)
      expect(sent).toContain(allocatedStake)
      expect(sent).not.toContain(encumbered12)
      expect(sent.filter((x) => x === minimumSlashable)).toHaveLength(1)
    }
  })

  test('the EIP-712 domain takes the form of the release: no version on v1.2, a version field on v1.3+', async () => {
    for (const contract of [env.deployment.delegationManager, env.deployment.strategyManager]) {
      const domain = await getEigenLayerDomain(env.devnet.publicClient, { contract })
      expect(domain.name).toBe('EigenLayer')
      if (env.release === 'v1.2') expect(domain.version).toBeUndefined()
      else expect(domain.version).toBeDefined()
    }
  })

  test('burnable shares: v1.2 has none to report and refuses burnShares before sending; v1.3.0 reads them', async () => {
    const someone = await env.devnet.newAccount()
    const wallet = env.devnet.walletClient(someone)
    const pc = env.devnet.publicClient
    const nonce = await pc.getTransactionCount({ address: someone.address })
    const { burnable } = await getBurnableShares(pc, {
      deployment: env.deployment,
      strategies: [env.strategy],
    })
    const refused = await burnShares(wallet, { deployment: env.deployment, strategy: env.strategy }).catch(
      (e) => e,
    )
    if (env.release === 'v1.2') {
      expect(burnable).toBeNull()
      expect(refused).toBeInstanceOf(UnsupportedReleaseError)
      expect(refused).toMatchObject({ action: 'eigenlayer.burnShares', release: 'v1.2' })
      expect(refused.needs).toMatch(/^v1\.3\+/)
      expect(refused.message).toMatch(/needs EigenLayer v1\.3\+.*runs v1\.2/)
    } else {
      // nothing slashed yet: 0 burnable, and burnShares says so (the slash itself: slashing.chain.test.ts)
      expect(burnable).toEqual([{ strategy: env.strategy, shares: 0n }])
      expect(refused).toBeInstanceOf(InvalidParameterError)
      expect(refused.message).toMatch(/no burnable shares/)
    }
    expect(await pc.getTransactionCount({ address: someone.address })).toBe(nonce)
  })

  test('clearBurnOrRedistributableShares (v1.5+): refused on this release before sending, naming what to use', async () => {
    const someone = await env.devnet.newAccount()
    const wallet = env.devnet.walletClient(someone)
    const pc = env.devnet.publicClient
    const nonce = await pc.getTransactionCount({ address: someone.address })
    const operatorSet = { avs: someone.address, id: 1 }
    const refused = await clearBurnOrRedistributableShares(wallet, {
      deployment: env.deployment,
      operatorSet,
      slashId: 1n,
    }).catch((e) => e)
    expect(refused).toBeInstanceOf(UnsupportedReleaseError)
    expect(refused).toMatchObject({
      action: 'eigenlayer.clearBurnOrRedistributableShares',
      release: env.release === 'v1.2' ? 'v1.2' : 'v1.3-v1.4',
    })
    expect(refused.needs).toMatch(/^v1\.5\+/)
    // v1.3/1.4 points at burnShares; v1.2 has nothing to clear
    expect(refused.instead).toMatch(env.release === 'v1.2' ? /nothing to clear/ : /burnShares/)
    expect(await pc.getTransactionCount({ address: someone.address })).toBe(nonce)
    // the pure layer still encodes the v1.5+ call (for a v1.5+ deployment; not chain-tested)
    const [call] = prepareClearBurnOrRedistributableShares({
      deployment: env.deployment,
      operatorSet,
      slashId: 1n,
    })
    expect(call!.to).toBe(env.deployment.strategyManager)
    expect(call!.data.slice(0, 10)).toBe(
      toFunctionSelector('clearBurnOrRedistributableShares((address,uint32),uint256)'),
    )
  })
})
