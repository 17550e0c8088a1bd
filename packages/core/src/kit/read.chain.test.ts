// Read plans see one block: a transfer landing between a plan's stages, or between the chunks of a
// split aggregate3, is not seen; every result equals plain viem's read at the first block.
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, custom, erc20Abi, type Hex, http, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runPlan, stage } from './plan.js'
import { type BatchRead, readBatch, unwrap, withReadBatching } from './read.js'

describe('reads pinned to one block', () => {
  let devnet: Devnet
  let token: Address
  let from: Awaited<ReturnType<Devnet['newAccount']>>
  let to: Address
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
    token = devnet.deployments.tokens.weth
    from = await devnet.newAccount({ tokens: { [token]: parseEther('10') } })
    to = (await devnet.newAccount()).address
  })
  afterAll(() => devnet?.stop())

  const balance = (account: Address): BatchRead => ({
    address: token,
    abi: erc20Abi as never,
    functionName: 'balanceOf',
    args: [account],
  })
  const balanceAt = (account: Address, blockNumber: bigint) =>
    devnet.publicClient.readContract({
      address: token,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [account],
      blockNumber,
    })
  /** Moves one token from `from` to `to` and waits for it to be mined. */
  async function transfer() {
    const hash: Hex = await devnet.walletClient(from).writeContract({
      address: token,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [to, parseEther('1')],
    })
    const r = await devnet.publicClient.waitForTransactionReceipt({ hash })
    expect(r.status).toBe('success')
  }
  const upstream = () => createPublicClient({ chain: devnet.chain, transport: http(devnet.rpcUrl) })

  test('runPlan: the second stage reads the first stage block', async () => {
    const up = upstream()
    let calls = 0
    let first: bigint | undefined
    const client = createPublicClient({
      chain: devnet.chain,
      transport: custom({
        async request({ method, params }: { method: string; params?: unknown }) {
          const answer = await up.request({ method, params } as never)
          if (method === 'eth_call' && ++calls === 1) {
            first = await up.getBlockNumber({ cacheTime: 0 })
            await transfer()
          }
          return answer
        },
      }),
    })
    const plan = stage([balance(from.address)], ([a]) =>
      stage([balance(to)], ([b]) => [unwrap<bigint>(a), unwrap<bigint>(b)] as const),
    )
    const [a, b] = await runPlan(client, plan)
    expect(calls).toBe(2)
    expect(a).toBe(await balanceAt(from.address, first!))
    expect(b).toBe(await balanceAt(to, first!))
    // the transfer did land: the latest state differs
    const latest = await devnet.publicClient.getBlockNumber()
    expect(await balanceAt(to, latest)).toBe(b + parseEther('1'))
  })

  test('a split aggregate3 whose chunks saw two blocks is read again at the first chunk block', async () => {
    const up = upstream()
    let calls = 0
    let firstAnswer: Promise<unknown> | undefined
    let first: bigint | undefined
    const client = createPublicClient({
      chain: devnet.chain,
      transport: custom({
        async request({ method, params }: { method: string; params?: unknown }) {
          if (method !== 'eth_call') return up.request({ method, params } as never)
          const n = ++calls
          if (n === 1) {
            firstAnswer = up.request({ method, params } as never)
            const answer = await firstAnswer
            first ??= await up.getBlockNumber({ cacheTime: 0 })
            return answer
          }
          if (n === 2) {
            // the second chunk goes out after the first answered and a transfer landed
            await firstAnswer
            first ??= await up.getBlockNumber({ cacheTime: 0 })
            await transfer()
          }
          return up.request({ method, params } as never)
        },
      }),
    })
    const capped = withReadBatching(client, { maxCalls: 2 })
    const reads = [balance(from.address), balance(to), balance(from.address), balance(to)]
    const results = (await readBatch(capped, reads)).map((r) => unwrap<bigint>(r))
    // two chunks, and the second one again at the first chunk's block
    expect(calls).toBe(3)
    const expected = [await balanceAt(from.address, first!), await balanceAt(to, first!)]
    expect(results).toEqual([...expected, ...expected])
  })
})
