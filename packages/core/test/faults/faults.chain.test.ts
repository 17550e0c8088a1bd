// Fault tests through a local JSON-RPC proxy in front of the devnet: a lost answer to the send,
// 429/503, a slow node, a lagging node, an outage, the wrong network, and parallel writes. Each
// counts the transactions that reached the node (at the proxy) and the account's nonce.
import {
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  type Hex,
  http,
  parseEther,
} from 'viem'
import { mainnet } from 'viem/chains'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { getClaimer, setClaimerFor } from '../../src/eigenlayer/actions/setClaimerFor.js'
import {
  ChainMismatchError,
  NonceTakenError,
  RestakeKitError,
  RpcUnavailableError,
  TransactionPendingError,
  TransactionReplacedError,
  TransactionUnknownError,
} from '../../src/errors.js'
import { resumeSend } from '../../src/kit/index.js'
import { getRestakingPortfolio } from '../../src/portfolio.js'
import { deposit as depositToVault } from '../../src/symbiotic/actions/deposit.js'
import { withdraw } from '../../src/symbiotic/actions/withdraw.js'
import { useSymbioticDevnet } from '../../src/symbiotic/test/helpers.js'
import { type FaultProxy, startFaultProxy } from './proxy.js'

const t = useSymbioticDevnet()
let proxy: FaultProxy
beforeAll(async () => {
  proxy = await startFaultProxy(t.devnet.rpcUrl)
})
afterAll(() => proxy?.close())
beforeEach(() => proxy.reset())

/** A wallet client on the proxy (short timeouts; `retryCount` as given, viem's default 3). */
function wallet(
  account: Account | Address,
  opts: { retryCount?: number; timeout?: number; chain?: typeof mainnet } = {},
) {
  return createWalletClient({
    chain: opts.chain ?? t.devnet.chain,
    account,
    pollingInterval: 50,
    transport: http(proxy.url, {
      retryCount: opts.retryCount ?? 3,
      retryDelay: 20,
      timeout: opts.timeout ?? 5_000,
    }),
  })
}
function reader(opts: { retryCount?: number; timeout?: number; chain?: typeof mainnet } = {}) {
  return createPublicClient({
    chain: opts.chain ?? t.devnet.chain,
    pollingInterval: 50,
    transport: http(proxy.url, {
      retryCount: opts.retryCount ?? 3,
      retryDelay: 20,
      timeout: opts.timeout ?? 5_000,
    }),
  })
}
const nonceOf = (address: Address) => t.devnet.publicClient.getTransactionCount({ address })
const el = () => t.devnet.deployments.eigenlayer!
const sym = () => t.devnet.deployments.symbiotic!

/**
 * A zero-value send of `account` to itself with `nonce`, by another client (straight to the devnet,
 * outside the SDK's nonce lane): how a wallet cancels, or another process takes a nonce.
 */
function selfSend(
  account: Account,
  nonce: number,
  fees: { maxFeePerGas?: bigint; maxPriorityFeePerGas?: bigint } = {},
) {
  return createWalletClient({
    account,
    chain: t.devnet.chain,
    transport: http(t.devnet.rpcUrl),
  }).sendTransaction({
    to: account.address,
    value: 0n,
    nonce,
    gas: 21_000n,
    ...fees,
  })
}

/** A staker with `amount` WETH deposited in a fresh vault (deposited directly, not through the proxy). */
async function staked(amount = parseEther('5')) {
  const { vault } = await t.vault()
  const s = await t.staker(amount)
  await t.mined(depositToVault(s.wallet, { vault, amount }))
  return { vault, ...s }
}
const active = (vault: Address, who: Address) => t.view<bigint>(vault, 'activeBalanceOf', [who])

describe('chain guard: a client whose chain says mainnet on a devnet RPC', () => {
  test('a write is a ChainMismatchError naming node, client and deployment chains; nothing sent', async () => {
    const { account, address, vault } = await staked()
    const w = wallet(account, { chain: mainnet })
    const before = await nonceOf(address)
    const e1 = await setClaimerFor(w, { claimer: t.devnet.accounts[4]!.address }).catch((e) => e)
    expect(e1).toBeInstanceOf(ChainMismatchError)
    expect([e1.node, e1.client, e1.deployment]).toEqual([t.devnet.chain.id, 1, 1])
    expect(e1.message).toContain(`node is on chain ${t.devnet.chain.id}`)
    const e2 = await withdraw(w, { vault, amount: 1n }).catch((e) => e)
    expect(e2).toBeInstanceOf(ChainMismatchError)
    expect([e2.node, e2.client]).toEqual([t.devnet.chain.id, 1])
    expect(await nonceOf(address)).toBe(before)
    expect(proxy.sendsForwarded).toBe(0)
  })

  test('the portfolio read is a ChainMismatchError (not "returned no data", not an empty portfolio)', async () => {
    const { address } = await staked()
    const err = await getRestakingPortfolio(reader({ chain: mainnet }), { staker: address }).catch((e) => e)
    expect(err).toBeInstanceOf(ChainMismatchError)
    expect(err.node).toBe(t.devnet.chain.id)
    expect(err.client).toBe(1)
  })

  test('eth_chainId is asked once per client', async () => {
    const { account, vault } = await staked()
    // counted at this client's transport (the proxy also sees stragglers of the tests before)
    let asked = 0
    const w = createWalletClient({
      chain: t.devnet.chain,
      account,
      pollingInterval: 50,
      transport: http(proxy.url, {
        onFetchRequest: async (request) => {
          if ((await request.clone().text()).includes('"eth_chainId"')) asked++
        },
      }),
    })
    await t.mined(withdraw(w, { vault, amount: 1n }))
    await t.mined(withdraw(w, { vault, amount: 1n }))
    expect(asked).toBe(1)
  })
})

describe('lost answer to the send (local account: the SDK signs)', () => {
  test('Symbiotic withdraw: TransactionPendingError with account, nonce and hash; exactly one transaction; resume keeps it one', async () => {
    const { account, address, vault } = await staked()
    const before = await nonceOf(address)
    const balance = await active(vault, address)
    proxy.set({ kind: 'drop-send', times: 1 })
    const stages: string[] = []
    const err = await withdraw(wallet(account, { retryCount: 0 }), {
      vault,
      amount: parseEther('1'),
      onStage: (s) => stages.push(s.stage),
    }).catch((e) => e)
    expect(err).toBeInstanceOf(TransactionPendingError)
    expect(err.account).toBe(address)
    expect(err.nonce).toBe(before)
    expect(err.hash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(err.raw).toMatch(/^0x/)
    // anvil mines on receipt, but the lookup may still see it in the pool
    expect(['mined', 'pending']).toContain(err.status)
    expect(err.message).not.toMatch(/nothing happened|still in the wallet/i)
    expect(stages).toContain('signing')
    expect(proxy.injected).toBe(1)
    expect(proxy.distinctSends).toBe(1)
    if (err.status === 'pending') expect(await err.resume()).toBe(err.hash)
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance - parseEther('1'))
    const tx = await t.devnet.publicClient.getTransaction({ hash: err.hash })
    expect(tx.from.toLowerCase()).toBe(address.toLowerCase())
    // resume: the same transaction, nothing new
    expect(await err.resume()).toBe(err.hash)
    expect(await resumeSend(t.devnet.publicClient, err)).toBe(err.hash)
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance - parseEther('1'))
    expect(proxy.distinctSends).toBe(1)
  })

  test("Symbiotic withdraw with the transport's default retries: the send is not retried blindly; one lands", async () => {
    const { account, address, vault } = await staked()
    const before = await nonceOf(address)
    const balance = await active(vault, address)
    proxy.set({ kind: 'drop-send', times: 5 })
    const err = await withdraw(wallet(account), { vault, amount: parseEther('2') }).catch((e) => e)
    expect(err).toBeInstanceOf(TransactionPendingError)
    expect(proxy.distinctSends).toBe(1)
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance - parseEther('2'))
  })

  /** A staker's withdrawal whose signed transaction never reaches the node: the TransactionUnknownError. */
  async function unreachedWithdrawal() {
    const { account, address, vault } = await staked()
    const before = await nonceOf(address)
    const balance = await active(vault, address)
    proxy.set({ kind: 'outage', methods: ['eth_sendRawTransaction'] })
    const err = await withdraw(wallet(account, { retryCount: 0 }), { vault, amount: parseEther('1') }).catch(
      (e) => e,
    )
    expect(err).toBeInstanceOf(TransactionUnknownError)
    return { account, address, vault, before, balance, err: err as TransactionUnknownError }
  }

  test('the send never reached the node: TransactionUnknownError; resume re-broadcasts the same transaction, once', async () => {
    const { address, vault, before, balance, err } = await unreachedWithdrawal()
    expect([err.account, err.nonce]).toEqual([address, before])
    expect(err.hash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(await nonceOf(address)).toBe(before)
    expect(await active(vault, address)).toBe(balance)
    proxy.set({ kind: 'none' })
    const hash: Hex = await err.resume()
    expect(hash).toBe(err.hash)
    await t.mined(hash)
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance - parseEther('1'))
    // resuming again cannot send a second one
    await err.resume().catch(() => undefined)
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance - parseEther('1'))
  })

  test('the send never reached the node and another transaction then took its nonce: resume() is NonceTakenError', async () => {
    const { account, address, vault, before, balance, err } = await unreachedWithdrawal()
    proxy.reset()
    // another client of the account (not the SDK's lane) sends first with that nonce
    await t.mined(selfSend(account, before))
    const resumed = await err.resume().catch((e: unknown) => e)
    expect(resumed).toBeInstanceOf(NonceTakenError)
    expect(resumed).toMatchObject({ account: address, nonce: before })
    expect(await nonceOf(address)).toBe(before + 1)
    expect(await active(vault, address)).toBe(balance)
  })

  test('EigenLayer setClaimerFor: lost answer is TransactionPendingError; one transaction; the claimer is set', async () => {
    const staker = await t.devnet.newAccount()
    const claimer = t.devnet.accounts[5]!.address
    const before = await nonceOf(staker.address)
    proxy.set({ kind: 'drop-send', times: 1 })
    const err = await setClaimerFor(wallet(staker, { retryCount: 0 }), { deployment: el(), claimer }).catch(
      (e) => e,
    )
    expect(err).toBeInstanceOf(TransactionPendingError)
    expect(err.nonce).toBe(before)
    expect(await err.resume()).toBe(err.hash)
    expect(await nonceOf(staker.address)).toBe(before + 1)
    expect(await getClaimer(t.devnet.publicClient, { deployment: el(), earner: staker.address })).toBe(
      claimer,
    )
    expect(proxy.distinctSends).toBe(1)
  })
})

describe('lost answer, then the transaction is cancelled', () => {
  test('resume() of a pending lost send that a cancel replaces is TransactionReplacedError, not "landed"', async () => {
    const { account, address, vault } = await staked()
    const balance = await active(vault, address)
    await t.devnet.testClient.setAutomine(false)
    try {
      proxy.set({ kind: 'drop-send', times: 1 })
      const err = await withdraw(wallet(account, { retryCount: 0 }), {
        vault,
        amount: parseEther('1'),
      }).catch((e) => e)
      expect(err).toBeInstanceOf(TransactionPendingError)
      expect(err.status).toBe('pending')
      proxy.reset()
      const resuming = err.resume().catch((e: unknown) => e)
      // let the wait see the original pending first
      await new Promise((r) => setTimeout(r, 1_500))
      const tx = await t.devnet.publicClient.getTransaction({ hash: err.hash })
      const cancel = await selfSend(account, tx.nonce, {
        maxFeePerGas: tx.maxFeePerGas! * 2n,
        maxPriorityFeePerGas: tx.maxPriorityFeePerGas! * 2n + 1n,
      })
      await t.devnet.testClient.mine({ blocks: 1 })
      const resumed = await resuming
      expect(resumed).toBeInstanceOf(TransactionReplacedError)
      expect(resumed).toMatchObject({ hash: err.hash, replacedBy: cancel, reason: 'cancelled' })
      // the withdrawal never happened
      expect(await active(vault, address)).toBe(balance)
    } finally {
      await t.devnet.testClient.setAutomine(true)
    }
  })
})

describe('lost answer to a deposit after its approval landed', () => {
  test('Symbiotic deposit: the approval lands, the deposit answer is lost: the error says so, one deposit', async () => {
    const { vault } = await t.vault()
    const amount = parseEther('2')
    const s = await t.staker(amount)
    const before = await nonceOf(s.address)
    // the first send (the approval) answered, the second (the deposit) forwarded and its answer lost
    proxy.set({ kind: 'drop-send', times: 1, after: 1 })
    const err = await depositToVault(wallet(s.account, { retryCount: 0 }), { vault, amount }).catch((e) => e)
    // not a failed step: the deposit went out; the error names it and resumes it (never "still in the wallet")
    expect(err, String(err?.stack ?? err)).toBeInstanceOf(TransactionPendingError)
    const lost = err as TransactionPendingError
    expect(lost.message).toMatch(/answer to sending symbiotic\.deposit was lost/)
    expect(err.message).not.toMatch(/still in (the|your) wallet/i)
    expect(await nonceOf(s.address)).toBe(before + 2)
    expect(await active(vault, s.address)).toBe(amount)
    expect(await lost.resume()).toBe(lost.hash)
    expect(await active(vault, s.address)).toBe(amount)
    expect(await nonceOf(s.address)).toBe(before + 2)
  })

  test('EigenLayer deposit: lost answer to the deposit: TransactionPendingError, exactly one deposit', async () => {
    const e = el()
    const amount = parseEther('1')
    const s = await t.devnet.newAccount({ tokens: { [e.fixture.token]: amount } })
    const { deposit } = await import('../../src/eigenlayer/actions/deposit.js')
    const before = await nonceOf(s.address)
    proxy.set({ kind: 'drop-send', times: 1, after: 1 })
    const err = await deposit(wallet(s, { retryCount: 0 }), {
      deployment: e,
      strategy: e.fixture.strategy,
      token: e.fixture.token,
      amount,
    }).catch((x) => x)
    expect(err, String(err?.stack ?? err)).toBeInstanceOf(TransactionPendingError)
    const lost = err as TransactionPendingError
    // found by its hash: 'mined' when the receipt is back within the lookup, 'pending' when a loaded
    // machine answers later; either way it is the same transaction, sent once (nonce +2 below)
    expect(['mined', 'pending']).toContain(lost.status)
    expect(lost.hash).toBeDefined()
    expect(err.message).not.toMatch(/still in (the|your) wallet/i)
    expect(await nonceOf(s.address)).toBe(before + 2)
    expect(await lost.resume()).toBe(lost.hash)
    expect(await nonceOf(s.address)).toBe(before + 2)
  })
})

describe('lost answer to the send (JSON-RPC wallet: the node signs)', () => {
  test('setClaimerFor from an unlocked account: found by nonce, TransactionPendingError with the hash; transport retries send nothing twice', async () => {
    const from = t.devnet.accounts[3]!.address
    const claimer = t.devnet.accounts[6]!.address
    const before = await nonceOf(from)
    proxy.set({ kind: 'drop-send', times: 1 })
    const err = await setClaimerFor(wallet(from), { deployment: el(), claimer }).catch((e) => e)
    expect(err).toBeInstanceOf(TransactionPendingError)
    expect([err.account, err.nonce, err.raw]).toEqual([from, before, undefined])
    // found by its nonce: 'mined' (with the mined transaction's hash) when the node counts it mined
    // within the lookup, 'pending' (no hash known yet) when a loaded machine answers later; either
    // way resume() waits for that same transaction and returns its hash, and nothing is sent twice
    expect(['mined', 'pending']).toContain(err.status)
    if (err.status === 'mined') expect(err.hash).toMatch(/^0x[0-9a-f]{64}$/)
    const hash = await err.resume()
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/)
    if (err.hash) expect(hash).toBe(err.hash)
    expect((await t.devnet.publicClient.getTransaction({ hash })).nonce).toBe(before)
    expect(await nonceOf(from)).toBe(before + 1)
    expect(await getClaimer(t.devnet.publicClient, { deployment: el(), earner: from })).toBe(claimer)
  })
})

describe('transport faults', () => {
  for (const kind of ['429', '503'] as const) {
    test(`HTTP ${kind}: retried by the transport; the write lands once and the portfolio reads right`, async () => {
      const { account, address, vault } = await staked()
      const before = await nonceOf(address)
      const balance = await active(vault, address)
      proxy.set({ kind, times: 2 })
      await t.mined(withdraw(wallet(account), { vault, amount: 1n }))
      expect(proxy.injected).toBe(2)
      expect(await nonceOf(address)).toBe(before + 1)
      expect(await active(vault, address)).toBe(balance - 1n)
      proxy.set({ kind, times: 2 })
      const p = await getRestakingPortfolio(reader(), {
        staker: address,
        eigenlayer: { deployment: el() },
        symbiotic: { deployment: sym(), vaults: [vault] },
        karak: false,
      } as never)
      expect(proxy.injected).toBe(4)
      const pos = p.positions.find((x) => x.protocol === 'symbiotic')
      expect(pos?.amount).toBe(balance - 1n)
    })
  }

  test('outage during the checks: RpcUnavailableError (never "vault not found"); nothing sent', async () => {
    const { account, address, vault } = await staked()
    const before = await nonceOf(address)
    proxy.set({ kind: 'outage' })
    const e1 = await withdraw(wallet(account, { retryCount: 1 }), { vault, amount: 1n }).catch((e) => e)
    expect(e1).toBeInstanceOf(RpcUnavailableError)
    const e2 = await setClaimerFor(wallet(account, { retryCount: 1 }), {
      deployment: el(),
      claimer: t.devnet.accounts[4]!.address,
    }).catch((e) => e)
    expect(e2).toBeInstanceOf(RpcUnavailableError)
    const e3 = await getRestakingPortfolio(reader({ retryCount: 1 }), {
      staker: address,
      eigenlayer: { deployment: el() },
      symbiotic: { deployment: sym(), vaults: [vault] },
      karak: false,
    } as never).catch((e) => e)
    expect(e3).toBeInstanceOf(RpcUnavailableError)
    expect(proxy.sendsForwarded).toBe(0)
    expect(await nonceOf(address)).toBe(before)
  })

  test('outage of eth_call only, once the chain id is known: the check read is RpcUnavailableError', async () => {
    const { account, address, vault } = await staked()
    const w = wallet(account, { retryCount: 0 })
    await t.mined(withdraw(w, { vault, amount: 1n }))
    const before = await nonceOf(address)
    proxy.set({ kind: 'outage', methods: ['eth_call'] })
    const err = await withdraw(w, { vault, amount: 1n }).catch((e) => e)
    expect(err).toBeInstanceOf(RpcUnavailableError)
    expect(err.name).toBe('RpcUnavailableError')
    expect(await nonceOf(address)).toBe(before)
  })

  test('a slow node: answers later than the timeout are RpcUnavailableError at the checks; nothing sent', async () => {
    const { account, address, vault } = await staked()
    proxy.set({ kind: 'delay', ms: 400 })
    const err = await withdraw(wallet(account, { retryCount: 0, timeout: 100 }), { vault, amount: 1n }).catch(
      (e) => e,
    )
    expect(err).toBeInstanceOf(RpcUnavailableError)
    proxy.set({ kind: 'none' })
    await new Promise((r) => setTimeout(r, 500))
    expect(proxy.sendsForwarded).toBe(0)
    expect(await nonceOf(address)).toBe(await t.devnet.publicClient.getTransactionCount({ address }))
  })

  test('a lagging node (reads 3 blocks behind): the write is a typed error and nothing is sent', async () => {
    const { vault } = await t.vault()
    const s = await t.staker(parseEther('1'))
    await t.mined(depositToVault(s.wallet, { vault, amount: parseEther('1') }))
    const before = await nonceOf(s.address)
    proxy.set({ kind: 'lag', blocks: 3 })
    const err = await withdraw(wallet(s.account), { vault, amount: parseEther('1') }).catch((e) => e)
    expect(err).toBeInstanceOf(RestakeKitError)
    expect(proxy.sendsForwarded).toBe(0)
    expect(await nonceOf(s.address)).toBe(before)
  })
})

describe('nonces', () => {
  test('ten parallel writes from one local account all land (the kit reserves a nonce per write)', async () => {
    const { account, address, vault } = await staked(parseEther('10'))
    const w = wallet(account)
    const before = await nonceOf(address)
    const balance = await active(vault, address)
    const hashes = await Promise.all(
      Array.from({ length: 10 }, () => withdraw(w, { vault, amount: parseEther('0.5') })),
    )
    const receipts = await Promise.all(
      hashes.map((hash) => t.devnet.publicClient.waitForTransactionReceipt({ hash })),
    )
    expect(receipts.map((r) => r.status)).toEqual(Array(10).fill('success'))
    expect(new Set(hashes).size).toBe(10)
    expect(await nonceOf(address)).toBe(before + 10)
    expect(await active(vault, address)).toBe(balance - parseEther('5'))
  })

  test('a refused send among parallel writes leaves no gap and no twice-used nonce: the others land', async () => {
    const { account, address, vault } = await staked(parseEther('10'))
    const w = wallet(account, { retryCount: 0 })
    const before = await nonceOf(address)
    const balance = await active(vault, address)
    proxy.set({ kind: 'refuse-send', times: 1, after: 1 })
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => withdraw(w, { vault, amount: parseEther('0.5') })),
    )
    const refused = results.filter((r) => r.status === 'rejected')
    expect(refused).toHaveLength(1)
    expect(String((refused[0] as PromiseRejectedResult).reason)).toContain('transaction pool is full')
    expect(proxy.injected).toBe(1)
    const hashes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    // every accepted one is mined (a gap would leave those above it queued forever)
    const receipts = await Promise.all(
      hashes.map((hash) => t.devnet.publicClient.waitForTransactionReceipt({ hash, timeout: 15_000 })),
    )
    expect(receipts.map((r) => r.status)).toEqual(Array(4).fill('success'))
    const nonces = await Promise.all(hashes.map((hash) => t.devnet.publicClient.getTransaction({ hash })))
    expect(nonces.map((tx) => tx.nonce).sort((a, b) => a - b)).toEqual([0, 1, 2, 3].map((i) => before + i))
    expect(proxy.distinctSends).toBe(4)
    expect(await nonceOf(address)).toBe(before + 4)
    expect(await active(vault, address)).toBe(balance - parseEther('2'))
  })

  test('JSON-RPC wallet: a refused eth_sendTransaction among parallel writes leaves no gap either', async () => {
    const from = t.devnet.accounts[4]!.address
    const claimers = t.devnet.accounts.slice(0, 4).map((a) => a.address)
    const before = await nonceOf(from)
    proxy.set({ kind: 'refuse-send', times: 1, after: 1 })
    const w = wallet(from, { retryCount: 0 })
    const results = await Promise.allSettled(
      claimers.map((claimer) => setClaimerFor(w, { deployment: el(), claimer })),
    )
    expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1)
    const hashes = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const receipts = await Promise.all(
      hashes.map((hash) => t.devnet.publicClient.waitForTransactionReceipt({ hash, timeout: 15_000 })),
    )
    expect(receipts.every((r) => r.status === 'success')).toBe(true)
    const txs = await Promise.all(hashes.map((hash) => t.devnet.publicClient.getTransaction({ hash })))
    expect(txs.map((tx) => tx.nonce).sort((a, b) => a - b)).toEqual([0, 1, 2].map((i) => before + i))
    expect(await nonceOf(from)).toBe(before + 3)
  })

  test('two clients of one unlocked account race for a nonce: the loser gets the refusal, not "your transaction landed"', async () => {
    const from = t.devnet.accounts[5]!.address
    const [c1, c2] = t.devnet.accounts.slice(7, 9).map((a) => a.address)
    const before = await nonceOf(from)
    // two wallet clients (two nonce lanes) both read the same pending nonce and send with it
    const results = await Promise.allSettled([
      setClaimerFor(wallet(from, { retryCount: 0 }), { deployment: el(), claimer: c1! }),
      setClaimerFor(wallet(from, { retryCount: 0 }), { deployment: el(), claimer: c2! }),
    ])
    const sent = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []))
    const lost = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []))
    expect(sent.length).toBeGreaterThanOrEqual(1)
    // both may be accepted, the later one replacing the earlier in the pool: count what was mined
    const mined = await Promise.all(
      sent.map((hash) =>
        t.devnet.publicClient.waitForTransactionReceipt({ hash, timeout: 5_000 }).then(
          (r) => r.status === 'success',
          () => false,
        ),
      ),
    )
    const landed = mined.filter(Boolean).length
    expect(landed).toBeGreaterThanOrEqual(1)
    expect(await nonceOf(from)).toBe(before + landed)
    for (const error of lost) {
      // a refusal by the node (nonce too low / replacement), never a TransactionPendingError for the winner's hash
      expect(error).not.toBeInstanceOf(TransactionPendingError)
      expect(error).not.toBeInstanceOf(TransactionUnknownError)
    }
    expect([c1, c2]).toContain(await getClaimer(t.devnet.publicClient, { deployment: el(), earner: from }))
  })

  /**
   * An unlocked account's `setClaimerFor` whose `eth_sendTransaction` never reaches the node (its
   * connection drops: nothing known of it): the TransactionUnknownError, with the claimers to use.
   */
  async function lostWalletSend(index: number) {
    const from = t.devnet.accounts[index]!.address
    const [mine, theirs] = t.devnet.accounts.slice(7, 9).map((a) => a.address as Address)
    const before = await nonceOf(from)
    proxy.set({ kind: 'outage', methods: ['eth_sendTransaction'] })
    const err = await setClaimerFor(wallet(from, { retryCount: 0 }), {
      deployment: el(),
      claimer: mine!,
    }).catch((e) => e)
    expect(err).toBeInstanceOf(TransactionUnknownError)
    expect(err.nonce).toBe(before)
    proxy.reset()
    return { from, mine: mine!, theirs: theirs!, before, err: err as TransactionUnknownError }
  }

  test('a lost wallet send whose nonce another client then used: resume() is NonceTakenError, not the other hash', async () => {
    const { from, theirs, before, err } = await lostWalletSend(6)
    // another client of the account sends a different transaction with that nonce
    await t.mined(setClaimerFor(t.devnet.walletClient(from), { deployment: el(), claimer: theirs }))
    expect(await nonceOf(from)).toBe(before + 1)
    const resumed = await err.resume().catch((e: unknown) => e)
    expect(resumed).toBeInstanceOf(NonceTakenError)
    expect((resumed as NonceTakenError).nonce).toBe(before)
    expect(await getClaimer(t.devnet.publicClient, { deployment: el(), earner: from })).toBe(theirs)
  })

  test('a lost wallet send the wallet numbered itself (its nonce went to another transaction): resume() finds it by its contents', async () => {
    const { from, mine, theirs, before, err } = await lostWalletSend(9)
    const w = t.devnet.walletClient(from)
    // another transaction takes the nonce; then this write's transaction lands with the next one
    await t.mined(setClaimerFor(w, { deployment: el(), claimer: theirs }))
    const renumbered = await t.mined(
      w.sendTransaction({
        account: from,
        chain: t.devnet.chain,
        to: err.send.to,
        data: err.send.data,
        value: err.send.value,
        nonce: before + 1,
      }),
    )
    // told "found", so it is not sent a second time
    expect(await err.resume()).toBe(renumbered)
    expect(await getClaimer(t.devnet.publicClient, { deployment: el(), earner: from })).toBe(mine)
  })

  test('ten parallel writes on EigenLayer (setClaimerFor) land too', async () => {
    const staker = await t.devnet.newAccount()
    const w = wallet(staker)
    const before = await nonceOf(staker.address)
    const claimers = t.devnet.accounts.slice(0, 10).map((a) => a.address)
    const hashes = await Promise.all(
      claimers.map((claimer) => setClaimerFor(w, { deployment: el(), claimer })),
    )
    const receipts = await Promise.all(
      hashes.map((hash) => t.devnet.publicClient.waitForTransactionReceipt({ hash })),
    )
    expect(receipts.every((r) => r.status === 'success')).toBe(true)
    expect(await nonceOf(staker.address)).toBe(before + 10)
  })
})
