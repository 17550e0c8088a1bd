// Claimable Symbiotic staker rewards in the cross-protocol portfolio: `reward` entries equal to the
// amounts computed from the distribution, read without an extra round trip.
import { setupSymbioticNetwork } from '@restakekit/avs/symbiotic/testing'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, createPublicClient, type Hex, http, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { getRestakingPortfolio } from '../../portfolio.js'
import { deposit } from '../actions/deposit.js'
import { claimRewards, distributeRewards } from './staker.js'

const start = () => startDevnet({ karak: false, symbioticRewards: true })
let devnet: Devnet<Awaited<ReturnType<typeof start>>['deployments']>
beforeAll(async () => {
  devnet = await start()
}, 120_000)
afterAll(() => devnet?.stop())

const mined = async (hash: Promise<Hex> | Hex) => {
  const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
  if (receipt.status !== 'success') throw new Error(`reverted: ${receipt.transactionHash}`)
}

function counting() {
  const counter = { requests: 0 }
  const transport = http(devnet.rpcUrl, {
    onFetchRequest: () => {
      counter.requests++
    },
  })
  return { client: createPublicClient({ chain: devnet.chain, transport }), counter }
}

describe('Symbiotic staker rewards in the portfolio', () => {
  test('claimable rewards are reward entries, in the round trips of the positions alone', async () => {
    const r = devnet.deployments.symbioticRewards
    const { weth, usdc } = devnet.deployments.tokens
    const vault = r.vault.vault
    const network = (await devnet.newAccount()).address
    const mw = await devnet.newAccount({ tokens: { [weth]: parseEther('50') } })
    await setupSymbioticNetwork(devnet, { network, middleware: mw.address })
    const stakers: { address: Address; wallet: ReturnType<Devnet['walletClient']> }[] = []
    for (const amount of [parseEther('1'), parseEther('4')]) {
      const account = await devnet.newAccount({ tokens: { [weth]: amount } })
      const wallet = devnet.walletClient(account)
      await mined(deposit(wallet, { vault, amount }))
      stakers.push({ address: account.address, wallet })
    }
    await devnet.increaseTime(5)
    const ts = (await devnet.publicClient.getBlock()).timestamp
    await devnet.increaseTime(5)
    await mined(
      distributeRewards(devnet.walletClient(mw), {
        stakerRewards: r.stakerRewards,
        network,
        token: weth,
        amount: parseEther('50'),
        timestamp: ts,
      }),
    )
    // the staker with 4 of 5 WETH: 4/5 of 50 less the 10% fee
    const staker = stakers[1]!
    const want = (parseEther('4') * (parseEther('50') - parseEther('5'))) / parseEther('5')

    const base = {
      staker: staker.address,
      eigenlayer: false,
      karak: false,
    } as const
    const without = counting()
    const plain = await getRestakingPortfolio(without.client, {
      ...base,
      symbiotic: { deployment: devnet.deployments.symbiotic, vaults: [vault] },
    })
    expect(plain.rewards).toEqual([])

    const withRewards = counting()
    const portfolio = await getRestakingPortfolio(withRewards.client, {
      ...base,
      symbiotic: {
        deployment: devnet.deployments.symbiotic,
        vaults: [vault],
        rewards: [{ stakerRewards: r.stakerRewards, network, tokens: [weth, usdc] }],
      },
    })
    expect(withRewards.counter.requests).toBe(without.counter.requests)
    expect(portfolio.rewards).toEqual([
      { kind: 'reward', protocol: 'symbiotic', token: weth, amount: want, source: r.stakerRewards },
    ])
    expect(portfolio.positions).toHaveLength(1)

    // claimed: the entry is gone
    await mined(claimRewards(staker.wallet, { stakerRewards: r.stakerRewards, token: weth, network }))
    const after = await getRestakingPortfolio(devnet.publicClient, {
      ...base,
      symbiotic: {
        deployment: devnet.deployments.symbiotic,
        vaults: [vault],
        rewards: [{ stakerRewards: r.stakerRewards, network, tokens: [weth] }],
      },
    })
    expect(after.rewards).toEqual([])

    // bad input in the option is refused as itself
    await expect(
      getRestakingPortfolio(devnet.publicClient, {
        ...base,
        symbiotic: {
          deployment: devnet.deployments.symbiotic,
          vaults: [vault],
          rewards: [{ stakerRewards: '0xnope' as Address, network, tokens: [weth] }],
        },
      }),
    ).rejects.toThrow(/symbiotic\.rewards\[0\]\.stakerRewards/)
  })
})
