// Issue 14 regression: a write must be simulated and its gas estimated against the block it lands
// in, not the latest one. A Symbiotic vault keeps timestamp-keyed checkpoints: a deposit estimated
// in the same second as the previous checkpoint write overwrites entries (cheap), while the same
// deposit mined one second later appends new ones (more than twice the gas). With the estimate
// taken at `latest`/`pending` only, the send went out with too little gas and was mined reverted
// (seen about once in 40 deposits on a loaded machine). Here the clock is pinned so the estimate
// always runs in the old second and the transaction always lands in the next one.
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
} from 'viem'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { TransactionRevertedError } from './errors.js'
import { symbioticVaultAbi } from './symbiotic/abis.js'
import { deposit, prepareDeposit, waitForDeposit } from './symbiotic/actions/deposit.js'
import { explainRevert, sendPreparedCalls, waitForEvents } from './tx.js'

let devnet: Devnet
beforeAll(async () => {
  devnet = await startDevnet({ karak: false })
})
afterAll(() => devnet?.stop())

/** Freezes anvil's clock at the latest block's second: every estimate and call runs in that second. */
async function freezeClock(): Promise<bigint> {
  const { timestamp } = await devnet.publicClient.getBlock()
  await devnet.testClient.request({ method: 'anvil_setBlockTimestampInterval', params: [0] } as never)
  await devnet.testClient.setNextBlockTimestamp({ timestamp })
  await devnet.testClient.mine({ blocks: 1 })
  return timestamp
}

beforeEach(async () => {
  // undo a frozen clock left by a previous test (anvil keeps it across evm_revert)
  await devnet.testClient.request({ method: 'anvil_removeBlockTimestampInterval', params: [] } as never)
})

/**
 * A wallet client whose transport moves the clock one second forward right before the signed
 * transaction reaches the node: what happens when the second ticks between estimate and mining.
 */
function walletWithClockTick(account: Parameters<Devnet['walletClient']>[0], tick: bigint) {
  const inner = http(devnet.rpcUrl, { retryCount: 0 })({ chain: devnet.chain })
  const transport = custom({
    async request({ method, params }) {
      if (method === 'eth_sendRawTransaction' || method === 'eth_sendTransaction') {
        await devnet.testClient.setNextBlockTimestamp({ timestamp: tick })
      }
      return inner.request({ method, params } as never)
    },
  })
  const acc = typeof account === 'string' ? devnet.walletClient(account).account : account
  return createWalletClient({ chain: devnet.chain, transport, account: acc as never, pollingInterval: 50 })
}

async function vaultWithOneDeposit() {
  const { weth } = devnet.deployments.tokens
  const { vault } = await createSymbioticVault(devnet, {
    collateral: weth,
    epochDuration: 3600,
    delegatorType: 0,
    slasherType: 0,
  })
  const staker = await devnet.newAccount({ tokens: { [weth]: parseEther('10') } })
  const first = devnet.walletClient(staker)
  await devnet.publicClient.waitForTransactionReceipt({
    hash: await deposit(first, { vault, amount: parseEther('1') }),
  })
  // the approval for the second deposit, so the deposit itself is the only send under test
  await devnet.publicClient.waitForTransactionReceipt({
    hash: await first.writeContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'approve',
      args: [vault, parseEther('1')],
    }),
  })
  return { vault, staker }
}

describe('writes are estimated against the block they land in (issue 14)', () => {
  test('a Symbiotic deposit estimated in one second and mined in the next succeeds', async () => {
    const snap = await devnet.snapshot()
    try {
      const { vault, staker } = await vaultWithOneDeposit()
      // the previous deposit's checkpoints were written in this second; the clock stays on it
      const frozen = await freezeClock()
      await deposit(devnet.walletClient(staker), { vault, amount: parseEther('0.5') }).then((h) =>
        devnet.publicClient.waitForTransactionReceipt({ hash: h }),
      )
      const wallet = walletWithClockTick(staker, frozen + 1n)
      const hash = await deposit(wallet, { vault, amount: parseEther('0.5') })
      const { receipt } = await waitForDeposit(devnet.publicClient, hash)
      expect(receipt.status).toBe('success')
      const block = await devnet.publicClient.getBlock({ blockNumber: receipt.blockNumber })
      expect(block.timestamp).toBe(frozen + 1n)
      expect(
        await devnet.publicClient.readContract({
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'activeBalanceOf',
          args: [staker.address],
        }),
      ).toBe(parseEther('2'))
    } finally {
      await devnet.revert(snap)
    }
  })

  test('prepared calls sent with sendPreparedCalls carry the landing-block gas too', async () => {
    const snap = await devnet.snapshot()
    try {
      const { vault, staker } = await vaultWithOneDeposit()
      const frozen = await freezeClock()
      await deposit(devnet.walletClient(staker), { vault, amount: parseEther('0.5') }).then((h) =>
        devnet.publicClient.waitForTransactionReceipt({ hash: h }),
      )
      const calls = prepareDeposit({
        vault,
        amount: parseEther('0.5'),
        receiver: staker.address,
        collateral: devnet.deployments.tokens.weth,
      })
      const { hashes } = await sendPreparedCalls(walletWithClockTick(staker, frozen + 1n), { calls })
      expect(hashes).toHaveLength(2)
      for (const hash of hashes) {
        expect((await devnet.publicClient.getTransactionReceipt({ hash })).status).toBe('success')
      }
      expect(
        await devnet.publicClient.readContract({
          address: vault,
          abi: symbioticVaultAbi,
          functionName: 'activeBalanceOf',
          args: [staker.address],
        }),
      ).toBe(parseEther('2'))
    } finally {
      await devnet.revert(snap)
    }
  })

  test('the same send with the bare same-second estimate runs out of gas: a TransactionRevertedError that says so', async () => {
    const snap = await devnet.snapshot()
    try {
      const { vault, staker } = await vaultWithOneDeposit()
      const frozen = await freezeClock()
      const data = encodeFunctionData({
        abi: symbioticVaultAbi,
        functionName: 'deposit',
        args: [staker.address, parseEther('0.5')],
      })
      await devnet.publicClient.waitForTransactionReceipt({
        hash: await devnet.walletClient(staker).sendTransaction({ to: vault, data }),
      })
      // what the pipeline did before: the node's estimate (same second) plus a 25 % margin
      const estimate = await devnet.publicClient.estimateGas({ account: staker.address, to: vault, data })
      const wallet = walletWithClockTick(staker, frozen + 1n)
      const hash: Hex = await wallet.sendTransaction({ to: vault, data, gas: estimate + estimate / 4n })
      const error = await waitForEvents(devnet.publicClient, hash, symbioticVaultAbi).catch((e) => e)
      expect(error).toBeInstanceOf(TransactionRevertedError)
      expect(error.gasLimit).toBe(estimate + estimate / 4n)
      // the replay names it (an inner call ran out; the 1/64 kept back lets the outer frame revert)
      expect(error.reason).toMatch(/out of gas/i)
      expect(error.message).toMatch(/out of gas/i)
    } finally {
      await devnet.revert(snap)
    }
  })

  test('a revert mined on chain is explained with its decoded reason and the gas used against the limit', async () => {
    const { weth } = devnet.deployments.tokens
    const owner = await devnet.newAccount()
    const hash = await devnet.walletClient(owner).writeContract({
      address: weth,
      abi: erc20Abi,
      functionName: 'transfer',
      args: [devnet.accounts[3]!.address as Address, 1n],
      gas: 100_000n,
    })
    const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash })
    const error = await explainRevert(devnet.publicClient, receipt, erc20Abi)
    expect(error.gasLimit).toBe(100_000n)
    expect(error.gasUsed).toBeLessThan(100_000n)
    expect(error.reason).toMatch(/revert/i)
    expect(error.message).toContain(hash)
  })
})
