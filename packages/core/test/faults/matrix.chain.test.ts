// The bad-input matrix, generated from the package's exports: every public write (its `prepareX`
// layer, and its send layer where the devnet can run it) × every input class its parameters take
// (amounts, addresses and EIP-55 checksums, recipients, arrays, the chain). Each case must be a
// typed RestakeKitError, and no transaction may reach the node (counted at the fault proxy).
import * as root from '@restakekit/core'
import * as eigenlayer from '@restakekit/core/eigenlayer'
import * as karak from '@restakekit/core/karak'
import * as symbiotic from '@restakekit/core/symbiotic'
import { type Address, createWalletClient, getAddress, http, zeroAddress } from 'viem'
import { mainnet } from 'viem/chains'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { useSymbioticDevnet } from '../../src/symbiotic/test/helpers.js'
import { type FaultProxy, startFaultProxy } from './proxy.js'

const t = useSymbioticDevnet()
let proxy: FaultProxy
let ctx: {
  vault: Address
  strategy: Address
  token: Address
  someone: Address
  el: unknown
  karakVault: Address
}
let account: Awaited<ReturnType<typeof t.devnet.newAccount>>

beforeAll(async () => {
  proxy = await startFaultProxy(t.devnet.rpcUrl)
  const el = t.devnet.deployments.eigenlayer!
  const { vault } = await t.vault()
  account = await t.devnet.newAccount({ tokens: { [t.devnet.deployments.tokens.weth]: 10n ** 18n } })
  ctx = {
    vault,
    strategy: el.fixture.strategy,
    token: el.fixture.token,
    someone: t.devnet.accounts[7]!.address,
    el,
    karakVault: getAddress('0x5fbdb2315678afecb367f032d93f642f64180aa3'),
  }
})
afterAll(() => proxy?.close())

/** Where a write is exported: each protocol's subpath (its names clash in the root), the kit's in the root. */
const modules = { eigenlayer, symbiotic, karak, root } as unknown as Record<
  string,
  Record<string, (...a: unknown[]) => unknown>
>
type Module = 'eigenlayer' | 'symbiotic' | 'karak' | 'root'

type Kind = 'address' | 'recipient' | 'amount' | 'addresses' | 'amounts'
/** A public write: its export names, valid parameters, and the kind of each parameter to spoil. */
type Entry = {
  module: Module
  prepare: string
  send?: string
  params: () => Record<string, unknown>
  prepareParams?: () => Record<string, unknown>
  fields: Record<string, Kind>
  /** an EigenLayer write: takes `deployment` (wrong-chain deployment class) */
  eigenlayer?: boolean
}

const d = () => ctx.el
/**
 * Cases the exports are known to get wrong (an untyped error or a send), each to be fixed; any other
 * untyped case fails the test.
 */
const knownGaps = new Set<string>([
  // none since every write is on the kit's defineWrite (add one here only with an issue to fix it)
])
const table: Entry[] = [
  {
    module: 'eigenlayer',
    prepare: 'prepareDeposit',
    send: 'deposit',
    eigenlayer: true,
    params: () => ({ deployment: d(), strategy: ctx.strategy, token: ctx.token, amount: 1n }),
    fields: { strategy: 'address', token: 'address', amount: 'amount' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareDelegateTo',
    send: 'delegateTo',
    eigenlayer: true,
    params: () => ({ deployment: d(), operator: ctx.someone }),
    fields: { operator: 'address' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareRedelegate',
    send: 'redelegate',
    eigenlayer: true,
    params: () => ({ deployment: d(), operator: ctx.someone }),
    fields: { operator: 'address' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareQueueWithdrawals',
    send: 'queueWithdrawals',
    eigenlayer: true,
    params: () => ({ deployment: d(), strategies: [ctx.strategy], shares: [1n] }),
    prepareParams: () => ({
      deployment: d(),
      staker: ctx.someone,
      strategies: [ctx.strategy],
      depositShares: [1n],
    }),
    fields: { strategies: 'addresses', shares: 'amounts' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareUndelegate',
    send: 'undelegate',
    eigenlayer: true,
    params: () => ({ deployment: d(), staker: ctx.someone }),
    fields: { staker: 'address' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareBurnShares',
    send: 'burnShares',
    eigenlayer: true,
    params: () => ({ deployment: d(), strategy: ctx.strategy }),
    fields: { strategy: 'address' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareSetClaimerFor',
    send: 'setClaimerFor',
    eigenlayer: true,
    params: () => ({ deployment: d(), claimer: ctx.someone }),
    fields: { claimer: 'address' },
  },
  {
    module: 'eigenlayer',
    prepare: 'prepareCreatePod',
    send: 'createPod',
    eigenlayer: true,
    params: () => ({ deployment: d() }),
    fields: {},
  },
  {
    module: 'symbiotic',
    prepare: 'prepareDeposit',
    send: 'deposit',
    params: () => ({ vault: ctx.vault, amount: 1n, receiver: ctx.someone }),
    fields: { vault: 'address', amount: 'amount', receiver: 'recipient' },
  },
  {
    module: 'symbiotic',
    prepare: 'prepareWithdraw',
    send: 'withdraw',
    params: () => ({ vault: ctx.vault, amount: 1n, receiver: ctx.someone }),
    fields: { vault: 'address', amount: 'amount', receiver: 'recipient' },
  },
  {
    module: 'symbiotic',
    prepare: 'prepareRedeem',
    send: 'redeem',
    params: () => ({ vault: ctx.vault, shares: 1n, receiver: ctx.someone }),
    fields: { vault: 'address', shares: 'amount', receiver: 'recipient' },
  },
  {
    module: 'symbiotic',
    prepare: 'prepareClaimRewards',
    send: 'claimRewards',
    params: () => ({
      stakerRewards: ctx.vault,
      token: ctx.token,
      network: ctx.someone,
      receiver: ctx.someone,
    }),
    fields: { stakerRewards: 'address', token: 'address', network: 'address', receiver: 'recipient' },
  },
  {
    module: 'symbiotic',
    prepare: 'prepareDistributeRewards',
    send: 'distributeRewards',
    params: () => ({
      stakerRewards: ctx.vault,
      network: ctx.someone,
      token: ctx.token,
      amount: 1n,
      timestamp: 1n,
    }),
    fields: { stakerRewards: 'address', network: 'address', token: 'address', amount: 'amount' },
  },
  {
    module: 'symbiotic',
    prepare: 'prepareClaim',
    send: 'claim',
    params: () => ({ vault: ctx.vault, receiver: ctx.someone, epoch: 0n }),
    fields: { vault: 'address', receiver: 'recipient' },
  },
  {
    module: 'karak',
    prepare: 'prepareDeposit',
    params: () => ({ vault: ctx.karakVault, amount: 1n, receiver: ctx.someone, minSharesOut: 0n }),
    fields: { vault: 'address', amount: 'amount', receiver: 'recipient' },
  },
  {
    module: 'karak',
    prepare: 'prepareStartRedeem',
    params: () => ({ vault: ctx.karakVault, shares: 1n, receiver: ctx.someone }),
    fields: { vault: 'address', shares: 'amount', receiver: 'recipient' },
  },
  {
    module: 'karak',
    prepare: 'prepareFinishRedeem',
    params: () => ({ vault: ctx.karakVault, staker: ctx.someone, nonce: 0n }),
    fields: { vault: 'address', staker: 'address' },
  },
  {
    module: 'root',
    prepare: 'prepareApprove',
    params: () => ({ token: ctx.token, spender: ctx.someone, amount: 1n }),
    fields: { token: 'address', spender: 'address' },
  },
]
/** Exports with a `prepare` layer the matrix does not spoil field by field, and why. */
const notInMatrix: Record<string, string> = {
  'eigenlayer.prepareCompleteWithdrawals':
    'takes withdrawal structs read from chain (covered by the empty-array class below)',
  'eigenlayer.prepareDepositWithSignature': 'takes an EIP-712 signed deposit (its own tests)',
  'eigenlayer.prepareClearBurnOrRedistributableShares': 'operator-set admin call (its own tests)',
  'eigenlayer.prepareClaimRewards': 'takes a distribution and its Merkle proofs (its own tests)',
  'symbiotic.prepareClaimOperatorRewards': 'takes a Merkle proof against the posted root (its own tests)',
  'symbiotic.prepareDistributeOperatorRewards':
    "takes a Merkle root; the network middleware's call (its own tests)",
  'root.prepareOf':
    "the kit's builder of prepare layers (not an action; every layer it builds is in the matrix)",
}

/** The checksummed address with the case of its first letter flipped: a wrong EIP-55 checksum. */
function badChecksum(address: string): string {
  const a = getAddress(address)
  const i = [...a].findIndex((c, n) => n > 1 && /[a-fA-F]/.test(c))
  const c = a[i]!
  return a.slice(0, i) + (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase()) + a.slice(i + 1)
}
function spoil(kind: Kind, good: unknown): [string, unknown][] {
  const addr = good as string
  switch (kind) {
    case 'address':
    case 'recipient': {
      const out: [string, unknown][] = [
        ['not hex', 'nope'],
        ['too short', '0x1234'],
        ['too long', `${addr}00`],
        ['non-hex digits', `0x${'g'.repeat(40)}`],
        ['wrong EIP-55 checksum', badChecksum(addr)],
        ['a number', 42],
      ]
      // `null` for an optional recipient reads as "not given" (the sender); required addresses refuse it
      if (kind === 'address') out.push(['null', null])
      if (kind === 'recipient') out.push(['zero address', zeroAddress])
      return out
    }
    case 'amount':
      return [
        ['zero', 0n],
        ['negative', -1n],
        ['a number, not a bigint', 1],
        ['a string', '1'],
        ['missing', undefined],
      ]
    case 'addresses':
      return [
        ['empty array', []],
        ['a bad element', ['0x1234']],
        ['a wrong checksum element', [badChecksum(addr[0] as string)]],
      ]
    case 'amounts':
      return [
        ['a zero element', [0n]],
        ['a negative element', [-1n]],
        ['longer than its pair', [1n, 1n]],
      ]
  }
}

type Case = { name: string; run: () => unknown }
function cases(): Case[] {
  const out: Case[] = []
  const w = () =>
    createWalletClient({ chain: t.devnet.chain, account, transport: http(proxy.url, { retryCount: 0 }) })
  for (const e of table) {
    const api = modules[e.module]!
    const layers: [string, (p: Record<string, unknown>) => unknown, () => Record<string, unknown>][] = [
      [`${e.module}.${e.prepare}`, (p) => api[e.prepare]!(p), e.prepareParams ?? e.params],
    ]
    if (e.send) layers.push([`${e.module}.${e.send}`, (p) => api[e.send!]!(w(), p), e.params])
    for (const [fn, call, base] of layers) {
      const isPrepare = fn === `${e.module}.${e.prepare}`
      for (const [field, kind] of Object.entries(e.fields)) {
        const f = isPrepare && e.prepareParams && field === 'shares' ? 'depositShares' : field
        for (const [label, value] of spoil(kind, base()[f])) {
          if (
            isPrepare &&
            kind === 'recipient' &&
            label === 'zero address' &&
            e.prepare === 'prepareSetClaimerFor'
          )
            continue
          out.push({ name: `${fn}: ${f} ${label}`, run: () => call({ ...base(), [f]: value }) })
        }
      }
      // the account parameter (who sends) with a wrong checksum
      if (!isPrepare) {
        out.push({
          name: `${fn}: account wrong checksum`,
          run: () => call({ ...base(), account: badChecksum(account.address) }),
        })
      }
      if (e.eigenlayer) {
        out.push({
          name: `${fn}: a deployment for another chain`,
          run: () =>
            call({
              ...base(),
              deployment: { ...(ctx.el as object), chainId: 1 },
              ...(isPrepare ? { chainId: t.devnet.chain.id } : {}),
            }),
        })
      }
    }
    if (e.send) {
      const send = api[e.send]!
      out.push({
        name: `${e.module}.${e.send}: wrong chain (client says mainnet, node is the devnet)`,
        run: () =>
          send(
            createWalletClient({ chain: mainnet, account, transport: http(proxy.url, { retryCount: 0 }) }),
            {
              ...e.params(),
              ...(e.eigenlayer ? { deployment: undefined } : {}),
            },
          ),
      })
    }
  }
  // empty arrays for the list writes outside the field table
  const empties: [Module, string, Record<string, unknown>][] = [
    ['eigenlayer', 'prepareCompleteWithdrawals', { withdrawals: [], tokens: [], receiveAsTokens: [] }],
  ]
  for (const [m, fn, p] of empties)
    out.push({
      name: `${m}.${fn}: empty array`,
      run: () => modules[m]![fn]!({ deployment: ctx.el, ...p }),
    })
  return out
}

describe('bad-input matrix (generated from the exports)', () => {
  test('every prepareX export is in the matrix or listed with a reason', () => {
    // every protocol subpath's prepareX, and the root's own (those not re-exported from EigenLayer)
    const prepares = Object.entries(modules).flatMap(([m, api]) =>
      Object.keys(api)
        .filter((k) => /^prepare[A-Z]/.test(k))
        .filter((k) => m !== 'root' || !(k in eigenlayer))
        .map((k) => `${m}.${k}`),
    )
    const covered = new Set([...table.map((e) => `${e.module}.${e.prepare}`), ...Object.keys(notInMatrix)])
    expect(prepares.filter((p) => !covered.has(p))).toEqual([])
    for (const e of table) {
      expect(typeof modules[e.module]![e.prepare]).toBe('function')
      if (e.send) expect(typeof modules[e.module]![e.send]).toBe('function')
    }
  })

  test('each case is a typed RestakeKitError and no transaction reaches the node', async () => {
    const all = cases()
    const before = await t.devnet.publicClient.getTransactionCount({ address: account.address })
    const untyped: string[] = []
    const sent: string[] = []
    for (const c of all) {
      const forwarded = proxy.sendsForwarded
      let error: unknown
      try {
        await c.run()
      } catch (e) {
        error = e
      }
      if (!(error instanceof root.RestakeKitError))
        untyped.push(
          `${c.name} → ${error === undefined ? 'no error' : `${(error as Error).name}: ${(error as Error).message.split('\n')[0]}`}`,
        )
      if (proxy.sendsForwarded !== forwarded) sent.push(c.name)
    }
    console.log(
      `bad-input matrix: ${all.length} cases (${all.filter((c) => c.name.includes('.prepare')).length} prepare-layer, ${all.filter((c) => !c.name.includes('.prepare')).length} send-layer through the proxy)`,
    )
    const gaps = untyped.filter((u) => knownGaps.has(u.split(' → ')[0]!))
    if (gaps.length) console.log(`known gaps (not typed today):\n${gaps.join('\n')}`)
    expect(untyped.filter((u) => !knownGaps.has(u.split(' → ')[0]!))).toEqual([])
    expect(sent).toEqual([])
    expect(proxy.sendsForwarded).toBe(0)
    expect(await t.devnet.publicClient.getTransactionCount({ address: account.address })).toBe(before)
    expect(all.length - gaps.length).toBeGreaterThanOrEqual(150)
  })
})
