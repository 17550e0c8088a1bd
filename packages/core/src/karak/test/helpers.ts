// Shared set-up for the Karak chain tests: one devnet per test file (Karak test doubles, no
// Symbiotic), every test starting from the same snapshot, and the helpers the tests share.
import { type Devnet, type DevnetKarak, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, custom, erc20Abi, type Hex, http, parseEther } from 'viem'
import { afterAll, beforeAll, beforeEach, expect } from 'vitest'
import { karakVaultAbi } from '../abis.js'
import { deposit, waitForDeposit } from '../actions/deposit.js'
import type { KarakDeployment } from '../deployments.js'

export const DAY = 24n * 60n * 60n

export type KarakEnv = {
  devnet: Devnet
  karak: DevnetKarak
  /** The devnet's Core and its two vaults (weth, steth). */
  deployment: KarakDeployment
  weth: Address
  /** The weth vault. */
  vault: Address
}

/**
 * The set-up of a Karak chain test file, in one call inside its `describe`: one devnet for the
 * file (stopped after it), each test starting from the same snapshot, and helpers bound to it.
 */
export function useKarakEnv() {
  let env: KarakEnv | undefined
  let snap: Hex | undefined
  beforeAll(async () => {
    const devnet = await startDevnet({ symbiotic: false })
    const karak = devnet.deployments.karak
    if (!karak) throw new Error('the devnet has no Karak doubles')
    env = {
      devnet,
      karak,
      weth: devnet.deployments.tokens.weth,
      vault: karak.vaultsByAsset.weth,
      deployment: {
        chainId: devnet.chain.id,
        core: karak.core,
        vaults: [karak.vaultsByAsset.weth, karak.vaultsByAsset.steth],
      },
    }
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env!.devnet.revert(snap)
    snap = await env!.devnet.snapshot()
  })
  const e = (): KarakEnv => {
    if (!env) throw new Error('useKarakEnv: the env is started in beforeAll')
    return env
  }
  const pc = () => e().devnet.publicClient

  /** Waits until a sent transaction is mined and checks it succeeded (anvil mines asynchronously). */
  async function mined(hash: Hex | Promise<Hex>) {
    const receipt = await pc().waitForTransactionReceipt({ hash: await hash })
    expect(receipt.status).toBe('success')
    return receipt
  }
  const balanceOf = (token: Address, owner: Address) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] })
  const allowance = (token: Address, owner: Address, spender: Address) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] })
  const nonceOf = (address: Address) => pc().getTransactionCount({ address })
  const vaultRead = <T>(functionName: string, args: readonly unknown[] = [], address: Address = e().vault) =>
    pc().readContract({ address, abi: karakVaultAbi, functionName, args } as never) as Promise<T>

  /** A staker holding `amount` weth, with a wallet client. */
  async function staker(amount = parseEther('10')) {
    const account = await e().devnet.newAccount({ tokens: { [e().weth]: amount } })
    return { account, wallet: e().devnet.walletClient(account) }
  }
  /** A staker who deposited `amount` weth into the weth vault. */
  async function deposited(amount = parseEther('10')) {
    const s = await staker(amount)
    await waitForDeposit(pc(), await deposit(s.wallet, { vault: e().vault, amount }))
    return s
  }
  /** A public client whose transport counts JSON-RPC requests (one HTTP request = one round trip). */
  function countingClient() {
    const counter = { requests: 0 }
    const inner = http(e().devnet.rpcUrl)({ chain: e().devnet.chain })
    const transport = custom({
      async request(args) {
        counter.requests++
        return inner.request(args)
      },
    })
    return { client: createPublicClient({ chain: e().devnet.chain, transport }), counter }
  }

  return {
    get env() {
      return e()
    },
    pc,
    mined,
    balanceOf,
    allowance,
    nonceOf,
    vaultRead,
    staker,
    deposited,
    countingClient,
  }
}
