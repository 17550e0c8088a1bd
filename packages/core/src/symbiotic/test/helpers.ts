/**
 * Test fixture for the Symbiotic chain tests (not exported from the package): a devnet with the
 * real Symbiotic core, a snapshot per test, and small builders. Not shipped in the build.
 */
import {
  type CreateSymbioticVaultOptions,
  createSymbioticVault,
  type Devnet,
  type SymbioticVault,
  startDevnet,
} from '@restakekit/devnet'
import { type Address, erc20Abi, type Hex } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest'
import { type RestakingActions, restakingActions } from '../../decorator.js'
import { symbioticVaultAbi } from '../abis.js'

type Staker = {
  account: Awaited<ReturnType<Devnet['newAccount']>>
  address: Address
  wallet: ReturnType<Devnet['walletClient']> & RestakingActions
}

export function useSymbioticDevnet() {
  const state: { devnet: Devnet } = {} as never
  let snap: Hex
  beforeAll(async () => {
    state.devnet = await startDevnet({ karak: false })
  })
  afterAll(() => state.devnet?.stop())
  beforeEach(async () => {
    snap = await state.devnet.snapshot()
  })
  afterEach(async () => {
    await state.devnet.revert(snap)
  })
  const get = () => state.devnet
  return {
    get devnet() {
      return get()
    },
    get deployment() {
      return get().deployments.symbiotic!
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
    balanceOf: (token: Address, account: Address) =>
      get().publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [account],
      }),
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
  }
}
