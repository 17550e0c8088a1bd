/**
 * Shared set-up of the Symbiotic chain tests (test-only: not exported, not built, not packed).
 * One devnet with the real Symbiotic core per test file, a snapshot per test, and the builders
 * every file uses: vaults, funded stakers with the restaking actions, a staked position, a client
 * that counts JSON-RPC requests, and direct views of the contracts to assert against.
 */
import {
  type CreateSymbioticVaultOptions,
  createSymbioticVault,
  type Devnet,
  type SymbioticVault,
  startDevnet,
} from '@restakekit/devnet'
import { type Address, createPublicClient, custom, erc20Abi, type Hex, http } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type RestakingActions, restakingActions } from '../../decorator.js'
import { symbioticVaultAbi } from '../abis.js'
import { deposit } from '../actions/deposit.js'

export type Staker = {
  account: Awaited<ReturnType<Devnet['newAccount']>>
  address: Address
  wallet: ReturnType<Devnet['walletClient']> & RestakingActions
}

export function useSymbioticDevnet() {
  const state: { devnet?: Devnet } = {}
  let snap: Hex
  beforeAll(async () => {
    state.devnet = await startDevnet({ karak: false })
  })
  afterAll(() => state.devnet?.stop())
  beforeEach(async () => {
    snap = await get().snapshot()
  })
  afterEach(async () => {
    await get().revert(snap)
  })
  const get = (): Devnet => {
    if (!state.devnet) throw new Error('the devnet is not started (use it inside a test)')
    return state.devnet
  }

  const t = {
    get devnet() {
      return get()
    },
    get deployment() {
      return get().deployments.symbiotic!
    },
    get weth() {
      return get().deployments.tokens.weth
    },
    /** A WETH vault (NetworkRestake, instant Slasher, 1 h epochs) unless told otherwise. */
    vault: (options: Partial<CreateSymbioticVaultOptions> = {}): Promise<SymbioticVault> =>
      createSymbioticVault(get(), {
        collateral: get().deployments.tokens.weth,
        epochDuration: 3600,
        delegatorType: 0,
        slasherType: 0,
        ...options,
      }),
    /** A fresh account holding `amount` WETH, and its wallet client extended with the restaking actions. */
    staker: async (amount: bigint, token?: Address): Promise<Staker> => {
      const account = await get().newAccount({ tokens: { [token ?? get().deployments.tokens.weth]: amount } })
      const wallet = get()
        .walletClient(account)
        .extend(restakingActions({ symbiotic: get().deployments.symbiotic! }))
      return { account, address: account.address, wallet }
    },
    /** A vault and a staker who deposited all of its `amount` WETH into it. */
    staked: async (amount: bigint, options: Partial<CreateSymbioticVaultOptions> = {}) => {
      const created = await t.vault(options)
      const staker = await t.staker(amount)
      await t.mined(deposit(staker.wallet, { vault: created.vault, amount }))
      return { ...created, ...staker }
    },
    balanceOf: (token: Address, account: Address) =>
      get().publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [account],
      }),
    allowance: (token: Address, owner: Address, spender: Address) =>
      get().publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'allowance',
        args: [owner, spender],
      }),
    /** The account's nonce: unchanged when a write was refused before sending. */
    nonce: (address: Address) => get().publicClient.getTransactionCount({ address }),
    /** Waits until a sent transaction is mined and succeeded (anvil mines after answering the send). */
    mined: async (hash: Promise<Hex> | Hex): Promise<Hex> => {
      const h = await hash
      const receipt = await get().publicClient.waitForTransactionReceipt({ hash: h })
      if (receipt.status !== 'success') throw new Error(`transaction reverted: ${h}`)
      return h
    },
    /** A direct view of the vault (for asserting against the contracts). */
    view: <T>(vault: Address, functionName: string, args: readonly unknown[] = []) =>
      get().publicClient.readContract({
        address: vault,
        abi: symbioticVaultAbi,
        functionName,
        args,
      } as never) as Promise<T>,
    /** A public client on the devnet whose `counter.requests` counts JSON-RPC requests (round trips). */
    counting: () => {
      const counter = { requests: 0 }
      const d = get()
      const inner = http(d.rpcUrl)({ chain: d.chain })
      const client = createPublicClient({
        chain: d.chain,
        transport: custom({
          async request(args) {
            counter.requests++
            return inner.request(args)
          },
        }),
      })
      return { client, counter }
    },
  }
  return t
}
