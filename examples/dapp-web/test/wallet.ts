// A real EIP-1193 wallet for the browser test: the page's `window.ethereum` forwards every request
// to Node (page.exposeFunction), where transactions are signed with a devnet key (a viem local
// account) and sent raw to anvil; every other method is proxied to the RPC. It can be told to
// reject an upcoming send with EIP-1193 code 4001 (user rejected), as a user clicking "Reject".
import type { Page } from 'playwright-core'
import { type Account, type Chain, createWalletClient, type Hex, hexToBigInt, http, toHex } from 'viem'

type Rpc = { method: string; params?: unknown[] }
type Answer = { result?: unknown; error?: { code: number; message: string; data?: unknown } }

export type TestWallet = {
  /** Reject the n-th `eth_sendTransaction` from now (1 = the next one). */
  rejectSend: (n: number) => void
  /** Every `eth_sendTransaction` the page asked for, and what the wallet did. */
  sends: { to: string; data: Hex; outcome: 'sent' | 'rejected'; hash?: Hex }[]
}

/** Installs the wallet in the page (before any script of the page runs). */
export async function installWallet(
  page: Page,
  account: Account,
  chain: Chain,
  rpcUrl: string,
): Promise<TestWallet> {
  const wallet = createWalletClient({ account, chain, transport: http(rpcUrl) })
  let rejectIn = 0
  const state: TestWallet = {
    rejectSend: (n) => {
      rejectIn = n
    },
    sends: [],
  }
  let id = 0
  const proxy = async (req: Rpc): Promise<Answer> => {
    const res = await fetch(rpcUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++id, method: req.method, params: req.params ?? [] }),
    })
    const body = (await res.json()) as Answer
    return body.error ? { error: body.error } : { result: body.result }
  }
  await page.exposeFunction('__restakekitWallet', async (req: Rpc): Promise<Answer> => {
    switch (req.method) {
      case 'eth_requestAccounts':
      case 'eth_accounts':
        return { result: [account.address] }
      case 'eth_chainId':
        return { result: toHex(chain.id) }
      case 'wallet_switchEthereumChain':
        return { result: null }
      case 'eth_sendTransaction': {
        const tx = (req.params?.[0] ?? {}) as Record<string, Hex | undefined>
        const data = (tx.data ?? tx.input ?? '0x') as Hex
        if (rejectIn > 0 && --rejectIn === 0) {
          state.sends.push({ to: String(tx.to), data, outcome: 'rejected' })
          return { error: { code: 4001, message: 'User rejected the request.' } }
        }
        if (tx.from && tx.from.toLowerCase() !== account.address.toLowerCase())
          return { error: { code: 4100, message: `Unknown account ${tx.from}` } }
        try {
          const hash = await wallet.sendTransaction({
            account,
            chain,
            to: tx.to as Hex,
            data,
            ...(tx.value ? { value: hexToBigInt(tx.value) } : {}),
            ...(tx.gas ? { gas: hexToBigInt(tx.gas) } : {}),
          })
          state.sends.push({ to: String(tx.to), data, outcome: 'sent', hash })
          return { result: hash }
        } catch (error) {
          return { error: { code: -32603, message: (error as Error).message } }
        }
      }
      default:
        return proxy(req)
    }
  })
  await page.addInitScript(() => {
    const w = window as unknown as {
      __restakekitWallet: (
        req: unknown,
      ) => Promise<{ result?: unknown; error?: { code: number; message: string } }>
      ethereum: unknown
    }
    w.ethereum = {
      isRestakekitTestWallet: true,
      async request(req: { method: string; params?: unknown[] }) {
        const answer = await w.__restakekitWallet({ method: req.method, params: req.params ?? [] })
        if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error)
        return answer.result
      },
      on() {},
      removeListener() {},
    }
  })
  return state
}
