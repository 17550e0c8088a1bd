// Symbiotic operator rewards on the real `DefaultOperatorRewards` of npm `@symbioticfi/rewards@2.0.0`:
// the tree is built by `@openzeppelin/merkle-tree` (the devnet's `symbioticOperatorRewardsTree`), the
// test plays the network's middleware, and claimed amounts are compared with the distribution's numbers.
import { setupSymbioticNetwork } from '@restakekit/avs/symbiotic/testing'
import { type Devnet, startDevnet, symbioticOperatorRewardsTree } from '@restakekit/devnet'
import { type Address, erc20Abi, type Hex, parseEther, zeroHash } from 'viem'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { InvalidClaimProofError, NoRewardsToClaimError } from '../../eigenlayer/rewards/errors.js'
import { InvalidParameterError } from '../../errors.js'
import { simulateWrite } from '../../kit/index.js'
import { symbioticOperatorRewardsAbi } from './abis.js'
import {
  NotNetworkMiddlewareError,
  operatorRewardsRevertMapper,
  SymbioticRewardsBalanceError,
  SymbioticRewardsNotFoundError,
  SymbioticRewardsRootNotSetError,
} from './errors.js'
import { verifySymbioticOperatorRewardsProof } from './merkle.js'
import {
  claimOperatorRewards,
  distributeOperatorRewards,
  getOperatorRewards,
  simulateClaimOperatorRewards,
  waitForClaimOperatorRewards,
  waitForDistributeOperatorRewards,
} from './operator.js'

const start = () => startDevnet({ karak: false, symbioticRewards: true })
let devnet: Devnet<Awaited<ReturnType<typeof start>>['deployments']>
let snap: Hex
beforeAll(async () => {
  devnet = await start()
}, 120_000)
afterAll(() => devnet?.stop())
beforeEach(async () => {
  snap = await devnet.snapshot()
})
afterEach(async () => {
  await devnet.revert(snap)
})

const mined = async (hash: Promise<Hex> | Hex) => {
  const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
  if (receipt.status !== 'success') throw new Error(`reverted: ${receipt.transactionHash}`)
  return receipt.transactionHash
}
const balanceOf = (token: Address, account: Address) =>
  devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [account],
  })
const nonce = (address: Address) => devnet.publicClient.getTransactionCount({ address })

async function setup(operatorCount: number) {
  const r = devnet.deployments.symbioticRewards
  const weth = devnet.deployments.tokens.weth
  const network = (await devnet.newAccount()).address
  const mwAccount = await devnet.newAccount({ tokens: { [weth]: parseEther('1000') } })
  await setupSymbioticNetwork(devnet, { network, middleware: mwAccount.address })
  const operators = []
  for (let i = 0; i < operatorCount; i++) {
    const account = await devnet.newAccount()
    operators.push({ address: account.address, wallet: devnet.walletClient(account) })
  }
  return {
    operatorRewards: r.operatorRewards,
    weth,
    network,
    middleware: devnet.walletClient(mwAccount),
    operators,
  }
}

describe('Symbiotic operator rewards (DefaultOperatorRewards from npm, OpenZeppelin tree)', () => {
  test('the network posts a root, each operator claims its cumulative amount, a second root pays the difference', async () => {
    const { operatorRewards, weth, network, middleware, operators } = await setup(3)
    const amounts = [parseEther('10'), parseEther('25'), parseEther('65')]
    const tree = symbioticOperatorRewardsTree(
      operators.map((o, i) => ({ operator: o.address, totalClaimable: amounts[i]! })),
    )

    // the local checker agrees with the OpenZeppelin library's proofs, and rejects a wrong amount
    for (const [i, o] of operators.entries()) {
      const { totalClaimable, proof } = tree.proof(o.address)
      expect(totalClaimable).toBe(amounts[i])
      expect(
        verifySymbioticOperatorRewardsProof({ root: tree.root, operator: o.address, totalClaimable, proof }),
      ).toBe(true)
      expect(
        verifySymbioticOperatorRewardsProof({
          root: tree.root,
          operator: o.address,
          totalClaimable: totalClaimable + 1n,
          proof,
        }),
      ).toBe(false)
    }

    const hash = await distributeOperatorRewards(middleware, {
      operatorRewards,
      network,
      token: weth,
      amount: parseEther('100'),
      root: tree.root,
    })
    const d = await waitForDistributeOperatorRewards(devnet.publicClient, hash)
    expect(d.distributed).toEqual({ network, token: weth, amount: parseEther('100'), root: tree.root })
    expect(await balanceOf(weth, operatorRewards)).toBe(parseEther('100'))

    for (const [i, o] of operators.entries()) {
      const { totalClaimable, proof } = tree.proof(o.address)
      const sim = await simulateClaimOperatorRewards(o.wallet, {
        operatorRewards,
        network,
        token: weth,
        totalClaimable,
        proof,
      })
      expect(sim.amount).toBe(amounts[i])
      const h = await claimOperatorRewards(o.wallet, {
        operatorRewards,
        network,
        token: weth,
        totalClaimable,
        proof,
      })
      const done = await waitForClaimOperatorRewards(devnet.publicClient, h)
      expect(await balanceOf(weth, o.address)).toBe(amounts[i])
      expect(done.claimed).toEqual({ network, token: weth, amount: amounts[i], receiver: o.address })
    }
    expect(await balanceOf(weth, operatorRewards)).toBe(0n)

    // claimed in full: refused before sending
    const first = operators[0]!
    const n = await nonce(first.address)
    const again = await claimOperatorRewards(first.wallet, {
      operatorRewards,
      network,
      token: weth,
      ...tree.proof(first.address),
    }).catch((e) => e)
    expect(again).toBeInstanceOf(NoRewardsToClaimError)
    expect(await nonce(first.address)).toBe(n)

    // a second root: cumulative amounts grow; only the first operator's growth is funded (7 WETH)
    const next = symbioticOperatorRewardsTree(
      operators.map((o, i) => ({
        operator: o.address,
        totalClaimable: amounts[i]! + (i === 0 ? parseEther('7') : 0n),
      })),
    )
    await mined(
      distributeOperatorRewards(middleware, {
        operatorRewards,
        network,
        token: weth,
        amount: parseEther('7'),
        root: next.root,
      }),
    )
    const read = await getOperatorRewards(devnet.publicClient, {
      operatorRewards,
      operator: first.address,
      network,
      token: weth,
      totalClaimable: amounts[0]! + parseEther('7'),
    })
    expect(read).toEqual({
      root: next.root,
      balance: parseEther('7'),
      claimed: amounts[0],
      claimable: parseEther('7'),
    })
    await mined(
      claimOperatorRewards(first.wallet, {
        operatorRewards,
        network,
        token: weth,
        ...next.proof(first.address),
      }),
    )
    expect(await balanceOf(weth, first.address)).toBe(amounts[0]! + parseEther('7'))
  })

  test('claim refusals before sending: no root, a wrong proof, an old leaf, a short balance (nonce unchanged)', async () => {
    const { operatorRewards, weth, network, middleware, operators } = await setup(2)
    const [a, b] = operators as [(typeof operators)[0], (typeof operators)[0]]
    const tree = symbioticOperatorRewardsTree([
      { operator: a.address, totalClaimable: parseEther('5') },
      { operator: b.address, totalClaimable: parseEther('15') },
    ])
    const n = await nonce(a.address)

    const noRoot = await claimOperatorRewards(a.wallet, {
      operatorRewards,
      network,
      token: weth,
      ...tree.proof(a.address),
    }).catch((e) => e)
    expect(noRoot).toBeInstanceOf(SymbioticRewardsRootNotSetError)

    // only 10 of the 20 promised are funded
    await mined(
      distributeOperatorRewards(middleware, {
        operatorRewards,
        network,
        token: weth,
        amount: parseEther('10'),
        root: tree.root,
      }),
    )

    // b's leaf claimed by a: the proof does not verify for a
    const stolen = await claimOperatorRewards(a.wallet, {
      operatorRewards,
      network,
      token: weth,
      ...tree.proof(b.address),
    }).catch((e) => e)
    expect(stolen).toBeInstanceOf(InvalidClaimProofError)
    expect(stolen.earner).toBe(a.address)
    const wrongToken = await claimOperatorRewards(a.wallet, {
      operatorRewards,
      network,
      token: devnet.deployments.tokens.usdc,
      ...tree.proof(a.address),
    }).catch((e) => e)
    expect(wrongToken).toBeInstanceOf(SymbioticRewardsRootNotSetError)
    const notRewards = await claimOperatorRewards(a.wallet, {
      operatorRewards: weth,
      network,
      token: weth,
      ...tree.proof(a.address),
    }).catch((e) => e)
    expect(notRewards).toBeInstanceOf(SymbioticRewardsNotFoundError)
    const badProof = await claimOperatorRewards(a.wallet, {
      operatorRewards,
      network,
      token: weth,
      totalClaimable: 1n,
      proof: ['0x12'],
    }).catch((e) => e)
    expect(badProof).toBeInstanceOf(InvalidParameterError)
    expect(await nonce(a.address)).toBe(n)

    const nb = await nonce(b.address)
    const short = await claimOperatorRewards(b.wallet, {
      operatorRewards,
      network,
      token: weth,
      ...tree.proof(b.address),
    }).catch((e) => e)
    expect(short).toBeInstanceOf(SymbioticRewardsBalanceError)
    expect(short).toMatchObject({ required: parseEther('15'), balance: parseEther('10') })
    expect(await nonce(b.address)).toBe(nb)

    // a claims its 5; b still cannot (5 left)
    await mined(
      claimOperatorRewards(a.wallet, { operatorRewards, network, token: weth, ...tree.proof(a.address) }),
    )
    expect(await balanceOf(weth, a.address)).toBe(parseEther('5'))
  })

  test('distribution refusals before sending: not the middleware, a zero root; amount 0 only replaces the root', async () => {
    const { operatorRewards, weth, network, middleware, operators } = await setup(1)
    const o = operators[0]!
    const tree = symbioticOperatorRewardsTree([{ operator: o.address, totalClaimable: 1n }])
    const n = await nonce(o.address)
    const notMiddleware = await distributeOperatorRewards(o.wallet, {
      operatorRewards,
      network,
      token: weth,
      amount: 1n,
      root: tree.root,
    }).catch((e) => e)
    expect(notMiddleware).toBeInstanceOf(NotNetworkMiddlewareError)
    expect(await nonce(o.address)).toBe(n)
    const zero = await distributeOperatorRewards(middleware, {
      operatorRewards,
      network,
      token: weth,
      amount: 1n,
      root: zeroHash,
    }).catch((e) => e)
    expect(zero).toBeInstanceOf(InvalidParameterError)

    await mined(
      distributeOperatorRewards(middleware, {
        operatorRewards,
        network,
        token: weth,
        amount: 0n,
        root: tree.root,
      }),
    )
    const root = await devnet.publicClient.readContract({
      address: operatorRewards,
      abi: symbioticOperatorRewardsAbi,
      functionName: 'root',
      args: [network, weth],
    })
    expect(root).toBe(tree.root)
    expect(await balanceOf(weth, operatorRewards)).toBe(0n)
  })

  test("the contract's own reverts decode into the same typed errors", async () => {
    const { operatorRewards, weth, network, middleware, operators } = await setup(2)
    const [a, b] = operators as [(typeof operators)[0], (typeof operators)[0]]
    const tree = symbioticOperatorRewardsTree([
      { operator: a.address, totalClaimable: parseEther('5') },
      { operator: b.address, totalClaimable: parseEther('15') },
    ])
    const raw = (leaf: { totalClaimable: bigint; proof: Hex[] }) =>
      simulateWrite(devnet.publicClient, {
        account: a.address,
        address: operatorRewards,
        abi: symbioticOperatorRewardsAbi,
        functionName: 'claimRewards',
        args: [a.address, network, weth, leaf.totalClaimable, leaf.proof],
        contract: 'DefaultOperatorRewards',
        mapper: operatorRewardsRevertMapper({
          rewards: operatorRewards,
          account: a.address,
          network,
          token: weth,
        }),
      }).catch((e) => e)
    expect(await raw(tree.proof(a.address))).toBeInstanceOf(SymbioticRewardsRootNotSetError)
    await mined(
      distributeOperatorRewards(middleware, {
        operatorRewards,
        network,
        token: weth,
        amount: parseEther('1'),
        root: tree.root,
      }),
    )
    expect(await raw(tree.proof(b.address))).toBeInstanceOf(InvalidClaimProofError)
    expect(await raw(tree.proof(a.address))).toBeInstanceOf(SymbioticRewardsBalanceError)
  })
})
