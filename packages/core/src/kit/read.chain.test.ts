// Reads pinned to one block and aggregate3 split under the gas cap, on a real anvil with the devnet's
// Multicall3: a write mined between two stages (from a transport hook) is not seen by the second
// stage; stages cost no extra request; a large batch goes out as several aggregate3s in ONE HTTP body.
import { type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  custom,
  type EIP1193RequestFn,
  erc20Abi,
  http,
  parseAbi,
  parseEther,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { runPlan, stage } from './plan.js'
import {
  type BatchRead,
  DEFAULT_CALL_GAS,
  pinBlock,
  pinnedBlock,
  readBatch,
  unwrap,
  withReadBatching,
} from './read.js'

const multicallViews = parseAbi(['function getBlockNumber() view returns (uint256)'])

describe('pinned reads and split aggregate3', () => {
  let devnet: Devnet
  let weth: Address
  let holder: Address
  let sender: Awaited<ReturnType<Devnet['newAccount']>>
  beforeAll(async () => {
    devnet = await startDevnet({ symbiotic: false, karak: false })
    weth = devnet.deployments.tokens.weth
    holder = (await devnet.newAccount()).address
    sender = await devnet.newAccount({ tokens: { [weth]: parseEther('100') } })
  })
  afterAll(() => devnet?.stop())

  /** Sends 1 WETH from another account to `holder` and waits until it is mined. */
  async function writeBetween() {
    const hash = await devnet.walletClient(sender).writeContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [holder, parseEther('1')],
    })
    await devnet.publicClient.waitForTransactionReceipt({ hash })
  }

  /**
   * A client whose transport counts JSON-RPC requests and, after the answer to the `after`-th
   * `eth_call` came back, mines a write from another account before handing the answer over.
   */
  function hooked(after: number) {
    const counter = { requests: 0, calls: 0 }
    const inner = http(devnet.rpcUrl)({ chain: devnet.chain })
    const request: EIP1193RequestFn = async (args) => {
      counter.requests++
      const answer = await inner.request(args as never)
      if (args.method === 'eth_call' && ++counter.calls === after) await writeBetween()
      return answer as never
    }
    return { client: createPublicClient({ chain: devnet.chain, transport: custom({ request }) }), counter }
  }

  const balance = (account: Address): BatchRead => ({
    address: weth,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })

  const twoStages = () =>
    stage([balance(holder)], (first) => {
      const before = unwrap<bigint>(first[0])
      return stage([balance(holder)], (second) => ({ before, after: unwrap<bigint>(second[0]) }))
    })

  test('without a pin the hook tears the read: the second stage sees the write', async () => {
    const { client, counter } = hooked(1)
    const first = await readBatch(client, [balance(holder)])
    const second = await readBatch(client, [balance(holder)])
    expect(unwrap<bigint>(second[0]) - unwrap<bigint>(first[0])).toBe(parseEther('1'))
    expect(counter.requests).toBe(2)
  })

  test('runPlan reads every stage at the first stage block: the write in between is not seen', async () => {
    const { client, counter } = hooked(1)
    const start = await devnet.publicClient.getBlockNumber()
    const { before, after } = await runPlan(client, twoStages())
    expect(after).toBe(before)
    // the write did land, one block later
    expect(await devnet.publicClient.getBlockNumber()).toBe(start + 1n)
    const now = await devnet.publicClient.readContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [holder],
    })
    expect(now).toBe(before + parseEther('1'))
    // two stages, two requests: the block is asked inside the first aggregate3 (and so is the chain id)
    expect(counter.requests).toBe(2)
  })

  test('a pinned client shares one block across plans and plain reads; the pin is the block read', async () => {
    const { client, counter } = hooked(1)
    const start = await devnet.publicClient.getBlockNumber()
    const pinned = pinBlock(withReadBatching(client))
    const [a, b] = await Promise.all([runPlan(pinned, twoStages()), runPlan(pinned, twoStages())])
    const later = await readBatch(pinned, [balance(holder)])
    expect(b).toEqual(a)
    expect(unwrap<bigint>(later[0])).toBe(a.before)
    expect(await pinnedBlock(pinned)).toEqual({
      blockNumber: start,
      timestamp: (await devnet.publicClient.getBlock({ blockNumber: start })).timestamp,
    })
    // Multicall3's own view agrees: the pin is the block the first aggregate3 executed in
    const [seen] = await readBatch(pinned, [
      { address: devnet.deployments.multicall3, abi: multicallViews, functionName: 'getBlockNumber' },
    ])
    expect(unwrap<bigint>(seen)).toBe(start)
    // both plans merged: stage 1 one aggregate3, stage 2 one aggregate3, then the two plain reads
    expect(counter.requests).toBe(4)
    // a given pin reads that block, and `pending` is never pinned
    const old = pinBlock(client, start - 1n)
    expect(await pinnedBlock(old)).toEqual({ blockNumber: start - 1n, timestamp: undefined })
    const [pending] = await readBatch(old, [balance(holder)], { blockTag: 'pending' })
    expect(unwrap<bigint>(pending)).toBe(a.before + parseEther('1'))
  })

  test('a batch above the gas cap goes out as several aggregate3s in one HTTP request', async () => {
    const bodies: unknown[][] = []
    const transport = http(devnet.rpcUrl, {
      batch: true,
      onFetchRequest: async (request) => {
        const body = (await request.clone().json()) as unknown
        bodies.push(Array.isArray(body) ? body : [body])
      },
    })
    const client = createPublicClient({ chain: devnet.chain, transport })
    await readBatch(client, [balance(holder)]) // the chain id is learned: only aggregate3s below
    bodies.length = 0
    const accounts = [
      holder,
      sender.address,
      ...Array.from({ length: 298 }, (_, i) => `0x${(i + 1).toString(16).padStart(40, '0')}` as Address),
    ]
    const reads = accounts.map(balance)
    // about 43k estimated gas per balanceOf: a 1M cap fits 23 per aggregate3, so 300 reads make 14
    const small = withReadBatching(client, { maxGas: 1_000_000n })
    const results = await readBatch(small, reads)
    expect(bodies.length).toBe(1)
    const calls = bodies[0] as { method: string; params: [{ to: string }, string] }[]
    expect(calls.length).toBeGreaterThan(1)
    expect(calls.every((c) => c.method === 'eth_call')).toBe(true)
    expect(new Set(calls.map((c) => c.params[0].to.toLowerCase()))).toEqual(
      new Set([devnet.deployments.multicall3.toLowerCase()]),
    )
    expect(calls.length).toBe(Math.ceil(300 / Math.floor(1_000_000 / Number(DEFAULT_CALL_GAS + 16n * 196n))))
    // every result in order, each the token's own answer
    expect(results).toHaveLength(300)
    const direct = await Promise.all(
      accounts.slice(0, 3).map((a) =>
        devnet.publicClient.readContract({
          address: weth,
          abi: erc20Abi,
          functionName: 'balanceOf',
          args: [a],
        }),
      ),
    )
    expect(results.slice(0, 3).map((r) => unwrap<bigint>(r))).toEqual(direct)
    expect(results.slice(3).every((r) => unwrap<bigint>(r) === 0n)).toBe(true)
    // the chunks of one read at latest agree on a block (no chunk is read again when none moved)
    expect(bodies.length).toBe(1)

    // the default cap keeps the same 300 reads (and 513-call reads) in one aggregate3
    bodies.length = 0
    await readBatch(client, [...reads, ...reads.slice(0, 213)])
    expect(bodies.length).toBe(1)
    expect(bodies[0]).toHaveLength(1)
  })

  test('a pinned first stage split into chunks pins the block of the first chunk', async () => {
    const { client, counter } = hooked(1)
    const start = await devnet.publicClient.getBlockNumber()
    const pinned = pinBlock(withReadBatching(client, { maxGas: 200_000n }))
    const reads = Array.from({ length: 12 }, () => balance(holder))
    const first = await readBatch(pinned, reads)
    const second = await readBatch(pinned, reads)
    expect(await pinnedBlock(pinned)).toMatchObject({ blockNumber: start })
    // the write mined after the first chunk's answer: the other chunks were read again at its block
    expect(new Set([...first, ...second].map((r) => unwrap<bigint>(r))).size).toBe(1)
    expect(counter.requests).toBeGreaterThanOrEqual(3)
  })
})
