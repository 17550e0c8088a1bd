// A portfolio is one block's state: writes mined between its two round trips (from a transport hook,
// after the first stage's answer came back) are not seen by the second stage. Before pinning, a
// Symbiotic withdrawal landing in between counted the withdrawn collateral twice (active + bucket)
// and an EigenLayer queued withdrawal did the same with its shares.
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  createPublicClient,
  custom,
  type EIP1193RequestFn,
  type Hex,
  http,
  parseAbi,
  parseEther,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { deposit } from './eigenlayer/actions/deposit.js'
import { getDeposits } from './eigenlayer/actions/getDeposits.js'
import { getPortfolio } from './eigenlayer/actions/getPortfolio.js'
import { queueWithdrawals } from './eigenlayer/actions/queueWithdrawals.js'
import { type GetRestakingPortfolioReturnType, getRestakingPortfolio } from './portfolio.js'
import { deposit as symbioticDeposit } from './symbiotic/actions/deposit.js'
import { withdraw } from './symbiotic/actions/withdraw.js'

const vaultViews = parseAbi([
  'function activeBalanceOf(address) view returns (uint256)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
  'function currentEpoch() view returns (uint256)',
])
const delegationViews = parseAbi([
  'function getWithdrawableShares(address staker, address[] strategies) view returns (uint256[] withdrawableShares, uint256[] depositShares)',
])

describe.skipIf(!haveEigenLayer())('getRestakingPortfolio reads one block', () => {
  let devnet: Devnet
  let wallet: ReturnType<Devnet['walletClient']>
  let staker: Address
  let symVault: Address
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false })
    const el = devnet.deployments.eigenlayer!
    const { weth } = devnet.deployments.tokens
    const account = await devnet.newAccount({
      tokens: { [el.fixture.token]: parseEther('10'), [weth]: parseEther('5') },
    })
    staker = account.address
    wallet = devnet.walletClient(account)
    await mined(
      deposit(wallet, {
        deployment: el,
        strategy: el.fixture.strategy,
        token: el.fixture.token,
        amount: parseEther('10'),
      }),
    )
    ;({ vault: symVault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
    }))
    await mined(symbioticDeposit(wallet, { vault: symVault, amount: parseEther('5') }))
  })
  afterAll(() => devnet?.stop())

  async function mined(hash: Promise<Hex>) {
    const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
    expect(r.status).toBe('success')
  }

  /** The staker withdraws 1 WETH from the vault and queues 4 of its EigenLayer shares: two blocks. */
  async function writesBetween() {
    const el = devnet.deployments.eigenlayer!
    await mined(withdraw(wallet, { vault: symVault, amount: parseEther('1') }))
    await mined(
      queueWithdrawals(wallet, {
        deployment: el,
        strategies: [el.fixture.strategy],
        amounts: [parseEther('4')],
      }),
    )
  }

  /** Counts requests; after the answer to the first `aggregate3`, mines the writes before handing it over. */
  function hooked() {
    const counter = { requests: 0, aggregates: 0 }
    const inner = http(devnet.rpcUrl)({ chain: devnet.chain })
    const request: EIP1193RequestFn = async (args) => {
      counter.requests++
      const answer = await inner.request(args as never)
      const to = (args.params as [{ to?: string }] | undefined)?.[0]?.to?.toLowerCase()
      const aggregate3 = args.method === 'eth_call' && to === devnet.deployments.multicall3.toLowerCase()
      if (aggregate3 && ++counter.aggregates === 1) await writesBetween()
      return answer as never
    }
    return { client: createPublicClient({ chain: devnet.chain, transport: custom({ request }) }), counter }
  }

  const sum = (xs: { amount: bigint }[]) => xs.reduce((s, x) => s + x.amount, 0n)
  const totals = (p: Pick<GetRestakingPortfolioReturnType, 'positions' | 'withdrawals'>, protocol: string) =>
    sum(p.positions.filter((x) => x.protocol === protocol)) +
    sum(p.withdrawals.filter((x) => x.protocol === protocol))

  for (const discovery of ['vaults given', 'lens'] as const) {
    test(`writes between the round trips are not seen (Symbiotic ${discovery}); still the same requests`, async () => {
      const id = await devnet.snapshot()
      try {
        const start = await devnet.publicClient.getBlockNumber()
        // stage 1 is one aggregate3 (and, with the lens, the lens eth_call beside it)
        const { client, counter } = hooked()
        const p = await getRestakingPortfolio(client, {
          staker,
          eigenlayer: { deployment: devnet.deployments.eigenlayer! },
          symbiotic: {
            deployment: devnet.deployments.symbiotic!,
            ...(discovery === 'lens' ? {} : { vaults: [symVault] }),
          },
        })
        // the writes landed (two blocks) while the portfolio was being read
        expect(await devnet.publicClient.getBlockNumber()).toBe(start + 2n)
        // the figures are the pinned block's: 10 restaked, nothing queued; 5 active, no bucket
        expect(totals(p, 'eigenlayer')).toBe(parseEther('10'))
        expect(p.withdrawals.filter((w) => w.protocol === 'eigenlayer')).toEqual([])
        expect(totals(p, 'symbiotic')).toBe(parseEther('5'))
        expect(p.positions.find((x) => x.protocol === 'symbiotic')?.amount).toBe(
          await devnet.publicClient.readContract({
            address: symVault,
            abi: vaultViews,
            functionName: 'activeBalanceOf',
            args: [staker],
            blockNumber: start,
          }),
        )
        expect(p.withdrawals.filter((w) => w.protocol === 'symbiotic')).toEqual([])
        expect(p.blockNumber).toBe(start)
        // the same request count as before pinning: 2 (vaults given), 3 (the lens beside stage 1)
        expect(counter.requests).toBe(discovery === 'lens' ? 3 : 2)

        // read again now: the writes are there, in both protocols, and totals are unchanged
        const now = await getRestakingPortfolio(devnet.publicClient, {
          staker,
          eigenlayer: { deployment: devnet.deployments.eigenlayer! },
          symbiotic: { deployment: devnet.deployments.symbiotic!, vaults: [symVault] },
        })
        expect(now.blockNumber).toBe(start + 2n)
        expect(sum(now.withdrawals.filter((w) => w.protocol === 'symbiotic'))).toBe(parseEther('1'))
        expect(sum(now.withdrawals.filter((w) => w.protocol === 'eigenlayer'))).toBe(parseEther('4'))
        expect(totals(now, 'symbiotic')).toBe(parseEther('5'))
        expect(totals(now, 'eigenlayer')).toBe(parseEther('10'))
      } finally {
        await devnet.revert(id)
      }
    })
  }
  // The same for EigenLayer's own multi-round reads, alone: before they read through `oneBlock`, a
  // queued withdrawal landing between the rounds left 6 of 10 shares in the portfolio and 0 in the
  // queue (4 gone), and getDeposits reported the later block's shares.
  test("EigenLayer getPortfolio and getDeposits alone: every round reads the first round's block", async () => {
    const deployment = devnet.deployments.eigenlayer!
    const strategy = deployment.fixture.strategy
    for (const read of ['getPortfolio', 'getDeposits'] as const) {
      const id = await devnet.snapshot()
      try {
        const start = await devnet.publicClient.getBlockNumber()
        const [[before = 0n]] = await devnet.publicClient.readContract({
          address: deployment.delegationManager,
          abi: delegationViews,
          functionName: 'getWithdrawableShares',
          args: [staker, [strategy]],
          blockNumber: start,
        })
        expect(before).toBeGreaterThan(0n)
        const { client, counter } = hooked()
        const deposits =
          read === 'getPortfolio'
            ? await getPortfolio(client, { staker, deployment }).then((p) => {
                expect(p.blockNumber).toBe(start)
                expect(p.queuedWithdrawals).toEqual([])
                return p.deposits
              })
            : await getDeposits(client, { staker, deployment })
        // the queue landed (two blocks) while the read ran; the read saw none of it
        expect(await devnet.publicClient.getBlockNumber()).toBe(start + 2n)
        expect(deposits.find((d) => d.strategy === strategy)?.withdrawableShares, read).toBe(before)
        expect(counter.requests, read).toBe(2)

        // read again now: 4 tokens' worth of shares left the deposit and wait in the queue
        const now = await getPortfolio(devnet.publicClient, { staker, deployment })
        const queued = now.queuedWithdrawals.flatMap((w) => w.shares).reduce((a, b) => a + b, 0n)
        expect(queued).toBeGreaterThan(0n)
        expect(now.deposits.find((d) => d.strategy === strategy)?.withdrawableShares).toBe(before - queued)
      } finally {
        await devnet.revert(id)
      }
    }
  })
})
