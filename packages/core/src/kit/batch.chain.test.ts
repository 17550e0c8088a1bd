// Prepared call lists (issue 11, "Batches" and "Stages") on the devnet: the list simulated as a
// whole before anything is sent, EIP-5792 `wallet_sendCalls` where the wallet takes it with a
// sequential fallback, a wallet refusal between an approval and the next call as a typed
// `UserRejectedError`, and a speed-up replacement reported as a `replaced` stage.
import { createSymbioticVault, type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createWalletClient,
  custom,
  encodeFunctionData,
  erc20Abi,
  type Hex,
  http,
  parseEther,
  toHex,
} from 'viem'
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest'
import { PreparedCallRevertedError, TransactionReplacedError, UserRejectedError } from '../errors.js'
import { symbioticVaultAbi } from '../symbiotic/abis.js'
import { deposit, prepareDeposit, waitForDeposit } from '../symbiotic/actions/deposit.js'
import { sendPreparedCalls, simulatePreparedCalls } from './batch.js'
import type { WriteStage } from './stages.js'

let devnet: Devnet
let vault: Address
let weth: Address
beforeAll(async () => {
  devnet = await startDevnet({ karak: false })
  weth = devnet.deployments.tokens.weth
  ;({ vault } = await createSymbioticVault(devnet, {
    collateral: weth,
    epochDuration: 3600,
    delegatorType: 0,
    slasherType: 0,
  }))
}, 120_000)
afterAll(() => devnet?.stop())

const nonceOf = (address: Address) => devnet.publicClient.getTransactionCount({ address })
const balanceOf = (token: Address, owner: Address) =>
  devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
  })
const allowanceOf = (owner: Address) =>
  devnet.publicClient.readContract({
    address: weth,
    abi: erc20Abi,
    functionName: 'allowance',
    args: [owner, vault],
  })
const activeOf = (owner: Address) =>
  devnet.publicClient.readContract({
    address: vault,
    abi: symbioticVaultAbi,
    functionName: 'activeBalanceOf',
    args: [owner],
  })

/**
 * An EIP-1193 wallet over the devnet for a JSON-RPC account (the node signs for the impersonated
 * address). `rejectSend: n` refuses the n-th `eth_sendTransaction` with code 4001, as a user
 * clicking "Reject"; `eip5792` makes it answer `wallet_getCapabilities` and take `wallet_sendCalls`
 * (each call sent as its own transaction, in order).
 */
function injectedWallet(
  address: Address,
  options: { rejectSend?: number; eip5792?: boolean; sendCallsUnsupported?: boolean } = {},
) {
  const node = http(devnet.rpcUrl, { retryCount: 0 })({ chain: devnet.chain })
  const log = { sends: 0, rejected: 0, methods: [] as string[] }
  const batches = new Map<string, Hex[]>()
  let impersonated = false
  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    log.methods.push(method)
    if (method === 'eth_sendTransaction') {
      if (options.rejectSend !== undefined && ++log.sends === options.rejectSend) {
        log.rejected++
        throw Object.assign(new Error('User rejected the request.'), { code: 4001 })
      }
      if (!impersonated) {
        await devnet.testClient.impersonateAccount({ address })
        impersonated = true
      }
    }
    if (options.eip5792 && method === 'wallet_getCapabilities')
      return { [toHex(devnet.chain.id)]: { atomic: { status: 'unsupported' } } }
    if (options.sendCallsUnsupported && method === 'wallet_sendCalls')
      throw Object.assign(new Error('Method not supported.'), { code: 4200 })
    if (options.eip5792 && method === 'wallet_sendCalls') {
      const [batch] = params as [{ calls: { to: Address; data: Hex; value?: Hex }[] }]
      const hashes: Hex[] = []
      for (const c of batch.calls) {
        const hash = (await request({
          method: 'eth_sendTransaction',
          params: [{ from: address, to: c.to, data: c.data, value: c.value ?? '0x0' }],
        })) as Hex
        await devnet.publicClient.waitForTransactionReceipt({ hash, pollingInterval: 50 })
        hashes.push(hash)
      }
      const id = toHex(batches.size + 1, { size: 32 })
      batches.set(id, hashes)
      return { id }
    }
    if (options.eip5792 && method === 'wallet_getCallsStatus') {
      const [id] = params as [string]
      const receipts = await Promise.all(
        (batches.get(id) ?? []).map((hash) =>
          node.request({ method: 'eth_getTransactionReceipt', params: [hash] } as never),
        ),
      )
      return { version: '2.0.0', id, chainId: toHex(devnet.chain.id), atomic: false, status: 200, receipts }
    }
    return node.request({ method, params } as never)
  }
  const wallet = createWalletClient({
    chain: devnet.chain,
    account: address,
    transport: custom({ request: request as never }),
    pollingInterval: 50,
  })
  return { wallet, log }
}

async function staker(amount = parseEther('10')) {
  return devnet.newAccount({ tokens: { [weth]: amount } })
}

describe('simulatePreparedCalls: the list simulated as a whole (eth_simulateV1)', () => {
  test('an approval and the deposit it enables simulate together; the deposit alone fails at index 0', async () => {
    const s = await staker()
    const calls = prepareDeposit({ vault, amount: parseEther('2'), receiver: s.address, collateral: weth })
    expect(calls).toHaveLength(2)
    const results = await simulatePreparedCalls(devnet.publicClient, { account: s.address, calls })
    expect(results.map((r) => r.index)).toEqual([0, 1])
    expect(results[1]!.gasUsed).toBeGreaterThan(21_000n)
    const alone = await simulatePreparedCalls(devnet.publicClient, {
      account: s.address,
      calls: [calls[1]!],
    }).catch((e: unknown) => e)
    expect(alone).toBeInstanceOf(PreparedCallRevertedError)
    expect((alone as PreparedCallRevertedError).index).toBe(0)
    expect(await nonceOf(s.address)).toBe(0)
  })

  test('bad input (an empty list, a wrong checksum) is a typed error before anything is read or sent', async () => {
    const s = await staker()
    const { wallet, log } = injectedWallet(s.address)
    const empty = await sendPreparedCalls(wallet, { calls: [] }).catch((e: unknown) => e)
    expect((empty as Error).name).toBe('InvalidParameterError')
    const [approve, call] = prepareDeposit({ vault, amount: 1n, receiver: s.address, collateral: weth })
    // the vault's address with the case of one letter flipped: a wrong EIP-55 checksum
    const i = [...vault].findIndex((ch, n) => n > 1 && /[a-fA-F]/.test(ch))
    const flipped = vault[i] === vault[i]!.toLowerCase() ? vault[i]!.toUpperCase() : vault[i]!.toLowerCase()
    const badTo = `${vault.slice(0, i)}${flipped}${vault.slice(i + 1)}` as Address
    const bad = await sendPreparedCalls(wallet, { calls: [approve!, { ...call!, to: badTo }] }).catch(
      (e: unknown) => e,
    )
    expect((bad as Error).name).toBe('InvalidAddressError')
    expect((bad as Error).message).toContain('calls[1].to')
    expect(log.methods).toEqual([])
    expect(await nonceOf(s.address)).toBe(0)
  })

  test('a deposit above the balance is refused at index 1 with the decoded revert; nothing is sent', async () => {
    const s = await staker(parseEther('1'))
    const calls = prepareDeposit({ vault, amount: parseEther('5'), receiver: s.address, collateral: weth })
    const { wallet, log } = injectedWallet(s.address)
    const error = await sendPreparedCalls(wallet, { calls }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(PreparedCallRevertedError)
    const e = error as PreparedCallRevertedError
    expect(e.name).toBe('PreparedCallRevertedError')
    expect(e.index).toBe(1)
    expect(e.to).toBe(vault)
    expect(e.revert.name).toBe('ContractRevertError')
    // the vault's transferFrom bubbles up the token's OpenZeppelin 5 error, decoded by the kit
    expect((e.revert as { reason?: string }).reason).toBe('ERC20InsufficientBalance')
    expect(e.message).toContain('index 1')
    expect(log.methods).not.toContain('eth_sendTransaction')
    expect(await nonceOf(s.address)).toBe(0)
    expect(await allowanceOf(s.address)).toBe(0n)
  })
})

describe('sendPreparedCalls', () => {
  test('a local account: sequential, each call mined, the deposit lands', async () => {
    const s = await staker()
    const calls = prepareDeposit({ vault, amount: parseEther('1'), receiver: s.address, collateral: weth })
    const stages: WriteStage[] = []
    const sent = await sendPreparedCalls(devnet.walletClient(s), { calls, onStage: (x) => stages.push(x) })
    expect(sent.mode).toBe('sequential')
    expect(sent.id).toBeUndefined()
    const { receipts } = await sent.waitFor()
    expect(receipts.map((r) => r.status)).toEqual(['success', 'success'])
    expect(sent.hashes).toEqual(receipts.map((r) => r.transactionHash))
    expect(stages.filter((x) => x.stage === 'mined')).toHaveLength(2)
    expect(await activeOf(s.address)).toBe(parseEther('1'))
    expect(await nonceOf(s.address)).toBe(2)
  })

  test('a wallet with EIP-5792: one wallet_sendCalls, the call-batch id, waitFor gives the receipts', async () => {
    const s = await staker()
    const calls = prepareDeposit({ vault, amount: parseEther('3'), receiver: s.address, collateral: weth })
    const { wallet, log } = injectedWallet(s.address, { eip5792: true })
    const sent = await sendPreparedCalls(wallet, { calls })
    expect(sent.mode).toBe('sendCalls')
    expect(sent.id).toMatch(/^0x[0-9a-f]{64}$/)
    expect(log.methods.filter((m) => m === 'wallet_sendCalls')).toHaveLength(1)
    const { hashes, receipts } = await sent.waitFor()
    expect(hashes).toHaveLength(2)
    expect(receipts.map((r) => r.status)).toEqual(['success', 'success'])
    expect(await activeOf(s.address)).toBe(parseEther('3'))
    expect(await nonceOf(s.address)).toBe(2)
  })

  test('capabilities listed but wallet_sendCalls unsupported (4200): the sequential fallback sends the list', async () => {
    const s = await staker()
    const calls = prepareDeposit({ vault, amount: parseEther('2'), receiver: s.address, collateral: weth })
    const { wallet, log } = injectedWallet(s.address, { eip5792: true, sendCallsUnsupported: true })
    const sent = await sendPreparedCalls(wallet, { calls })
    expect(sent.mode).toBe('sequential')
    expect(log.methods.filter((m) => m === 'wallet_sendCalls')).toHaveLength(1)
    expect(log.methods.filter((m) => m === 'eth_sendTransaction')).toHaveLength(2)
    expect(sent.hashes).toHaveLength(2)
    expect(await activeOf(s.address)).toBe(parseEther('2'))
    expect(await nonceOf(s.address)).toBe(2)
  })

  test('a refusal of the 2nd call after the approval landed is a UserRejectedError saying what the user holds', async () => {
    const s = await staker(parseEther('4'))
    const amount = parseEther('1.5')
    const calls = prepareDeposit({ vault, amount, receiver: s.address, collateral: weth })
    const { wallet, log } = injectedWallet(s.address, { rejectSend: 2 })
    const error = await sendPreparedCalls(wallet, { calls }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserRejectedError)
    const e = error as UserRejectedError
    expect(e.name).toBe('UserRejectedError')
    expect(e.step).toBe('call 2 of 2')
    expect(e.completed).toHaveLength(1)
    expect(log.rejected).toBe(1)
    // the fresh read: the whole balance still in the wallet, the approval standing
    expect(await balanceOf(weth, s.address)).toBe(parseEther('4'))
    expect(await allowanceOf(s.address)).toBe(amount)
    expect(e.holdings).toContain(`holds ${parseEther('4')} of ${weth}`)
    expect(e.holdings).toContain(`may spend ${amount}`)
    expect(e.docsPath).toBe('/errors#user-rejected')
    // the approval only: the refused call did not use a nonce
    expect(await nonceOf(s.address)).toBe(1)
    expect(await activeOf(s.address)).toBe(0n)
  })
})

describe('defineWrite: a refusal between the approval and the call', () => {
  test('symbiotic deposit: the approval lands, the deposit is refused: UserRejectedError with the holdings', async () => {
    const s = await staker(parseEther('2'))
    const amount = parseEther('0.75')
    const { wallet, log } = injectedWallet(s.address, { rejectSend: 2 })
    const stages: WriteStage[] = []
    const error = await deposit(wallet, { vault, amount, onStage: (x) => stages.push(x) }).catch(
      (e: unknown) => e,
    )
    expect(error).toBeInstanceOf(UserRejectedError)
    const e = error as UserRejectedError
    expect(e.action).toBe('symbiotic.deposit')
    expect(e.completed.map((c) => c.step)).toEqual(['approve'])
    expect(e.holdings).toContain(`holds ${parseEther('2')} of ${weth}`)
    expect(log.rejected).toBe(1)
    expect(stages.some((x) => x.stage === 'approval-mined')).toBe(true)
    expect(await nonceOf(s.address)).toBe(1)
    expect(await allowanceOf(s.address)).toBe(amount)
    // called again: only the deposit is sent (the approval stands)
    const { wallet: again, log: log2 } = injectedWallet(s.address)
    const hash = await deposit(again, { vault, amount })
    await waitForDeposit(devnet.publicClient, hash)
    expect(log2.methods.filter((m) => m === 'eth_sendTransaction')).toHaveLength(1)
    expect(await activeOf(s.address)).toBe(amount)
  })

  test('the approval itself refused: UserRejectedError, nothing sent, nonce unchanged', async () => {
    const s = await staker(parseEther('2'))
    const { wallet } = injectedWallet(s.address, { rejectSend: 1 })
    const error = await deposit(wallet, { vault, amount: parseEther('1') }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UserRejectedError)
    expect((error as UserRejectedError).step).toBe('approve')
    expect((error as UserRejectedError).completed).toEqual([])
    expect(await nonceOf(s.address)).toBe(0)
    expect(await allowanceOf(s.address)).toBe(0n)
  })
})

/**
 * A staker with a mined approval whose 1 WETH deposit is sent while automining is off (so it stays
 * pending), and `replace(call)`: `call` sent with the deposit's nonce at twice its fees.
 */
async function pendingDeposit() {
  const s = await staker()
  const amount = parseEther('1')
  const wallet = devnet.walletClient(s)
  await devnet.publicClient.waitForTransactionReceipt({
    hash: await wallet.writeContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'approve',
      args: [vault, amount],
    }),
  })
  await devnet.testClient.setAutomine(false)
  const hash = await deposit(wallet, { vault, amount })
  const tx = await devnet.publicClient.getTransaction({ hash })
  const replace = (call: { to: Address; data?: Hex; value?: bigint; gas: bigint }) =>
    wallet.sendTransaction({
      account: s,
      chain: devnet.chain,
      ...call,
      nonce: tx.nonce,
      maxFeePerGas: tx.maxFeePerGas! * 2n,
      maxPriorityFeePerGas: tx.maxPriorityFeePerGas! * 2n + 1n,
    })
  return { s, amount, hash, tx, replace }
}

/** Waits for the deposit with its stages recorded; the result, or the error it raised. */
function waitRecorded(hash: Hex) {
  const stages: WriteStage[] = []
  const result = waitForDeposit(devnet.publicClient, hash, { onStage: (x) => stages.push(x) }).catch(
    (e: unknown) => e as Error,
  )
  return { stages, result }
}

describe('a replacement while (or before) waitFor waits', () => {
  afterEach(() => devnet.testClient.setAutomine(true))
  // lets viem's wait see the original pending before it is replaced
  const seen = () => new Promise((r) => setTimeout(r, 1_500))

  test('a speed-up (same nonce, higher fee): stage replaced (repriced), the replacement receipt', async () => {
    const { s, amount, hash, tx, replace } = await pendingDeposit()
    const { stages, result } = waitRecorded(hash)
    await seen()
    const speedUp = await replace({ to: tx.to!, data: tx.input, gas: tx.gas })
    expect(speedUp).not.toBe(hash)
    await devnet.testClient.mine({ blocks: 1 })
    const out = await result
    expect(out).not.toBeInstanceOf(Error)
    expect((out as { receipt: { transactionHash: Hex } }).receipt.transactionHash).toBe(speedUp)
    expect(stages.find((x) => x.stage === 'replaced')).toMatchObject({
      hash,
      replacedBy: speedUp,
      reason: 'repriced',
    })
    expect(await activeOf(s.address)).toBe(amount)
    expect(await nonceOf(s.address)).toBe(2)
    expect(tx.nonce).toBe(1)
  })

  test('a cancellation (a zero-value self-send): TransactionReplacedError, never the cancel receipt as the deposit', async () => {
    const { s, hash, replace } = await pendingDeposit()
    const { stages, result } = waitRecorded(hash)
    await seen()
    const cancel = await replace({ to: s.address, value: 0n, gas: 21_000n })
    await devnet.testClient.mine({ blocks: 1 })
    const error = await result
    expect(error).toBeInstanceOf(TransactionReplacedError)
    expect(error).toMatchObject({
      action: 'symbiotic.deposit',
      hash,
      replacedBy: cancel,
      reason: 'cancelled',
    })
    expect((error as Error).message).toContain('did not happen')
    expect(stages.find((x) => x.stage === 'replaced')).toMatchObject({ reason: 'cancelled' })
    expect(stages.some((x) => x.stage === 'mined')).toBe(false)
    // the deposit never happened: nothing active, the collateral still held
    expect(await activeOf(s.address)).toBe(0n)
    expect(await nonceOf(s.address)).toBe(2)
  })

  test('another call replaces it before any wait saw it: TransactionReplacedError within seconds, not a wait to the timeout', async () => {
    const { s, hash, replace } = await pendingDeposit()
    const other = await replace({
      to: weth,
      data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [vault, 0n] }),
      gas: 100_000n,
    })
    await devnet.testClient.mine({ blocks: 1 })
    await devnet.testClient.setAutomine(true)
    const started = Date.now()
    const error = await waitRecorded(hash).result
    expect(error).toBeInstanceOf(TransactionReplacedError)
    expect(error).toMatchObject({ action: 'symbiotic.deposit', hash, replacedBy: other, reason: 'replaced' })
    expect(Date.now() - started).toBeLessThan(15_000)
    expect(await activeOf(s.address)).toBe(0n)
  }, 30_000)
})
