// The staker flows the stress run repeats: each builds its own accounts on a shared devnet, goes
// through the SDK's write layers, and checks the balances it should end with.

import { sendPreparedCalls } from '@restakekit/core'
import {
  completeWithdrawals,
  delegateTo,
  deposit,
  queueWithdrawals,
  waitForCompleteWithdrawals,
} from '@restakekit/core/eigenlayer'
import {
  claim,
  prepareDeposit as prepareSymbioticDeposit,
  deposit as symbioticDeposit,
  waitForWithdraw,
  withdraw,
} from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet } from '@restakekit/devnet'
import { type Address, erc20Abi, type Hex, parseAbi, parseEther, zeroAddress } from 'viem'

const registerAsOperatorAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])

export type FlowName = 'eigenlayer' | 'symbiotic' | 'prepared' | 'helpers'
export const FLOWS: readonly FlowName[] = ['eigenlayer', 'symbiotic', 'prepared', 'helpers']

async function mined(devnet: Devnet, hash: Hex | Promise<Hex>): Promise<void> {
  const receipt = await devnet.publicClient.waitForTransactionReceipt({ hash: await hash })
  if (receipt.status !== 'success') throw new Error(`transaction ${receipt.transactionHash} reverted`)
}

async function balanceOf(devnet: Devnet, token: Address, owner: Address): Promise<bigint> {
  return devnet.publicClient.readContract({
    address: token,
    abi: erc20Abi,
    functionName: 'balanceOf',
    args: [owner],
  })
}

function expectEqual(what: string, actual: bigint, expected: bigint): void {
  if (actual !== expected) throw new Error(`${what}: ${actual}, expected ${expected}`)
}

/** EigenLayer: deposit → delegate → queue → complete; the tokens come back. */
async function eigenlayerFlow(devnet: Devnet): Promise<void> {
  const el = devnet.deployments.eigenlayer
  if (!el) throw new Error('the EigenLayer fixture is required')
  const { strategy, token } = el.fixture
  const amount = parseEther('2')
  const staker = await devnet.newAccount({ tokens: { [token]: amount } })
  const operator = await devnet.newAccount()
  await mined(
    devnet,
    devnet.walletClient(operator).writeContract({
      address: el.delegationManager,
      abi: registerAsOperatorAbi,
      functionName: 'registerAsOperator',
      args: [zeroAddress, 0, 'ipfs://restakekit-stress-operator'],
    }),
  )
  const wallet = devnet.walletClient(staker)
  await mined(devnet, deposit(wallet, { deployment: el, strategy, token, amount }))
  await mined(devnet, delegateTo(wallet, { deployment: el, operator: operator.address }))
  await mined(devnet, queueWithdrawals(wallet, { deployment: el, strategies: [strategy], amounts: [amount] }))
  await devnet.mine(1)
  const hash = await completeWithdrawals(wallet, { deployment: el })
  await waitForCompleteWithdrawals(devnet.publicClient, hash)
  expectEqual('EigenLayer tokens back', await balanceOf(devnet, token, staker.address), amount)
}

async function symbioticSetup(devnet: Devnet, amount: bigint) {
  const weth = devnet.deployments.tokens.weth
  const { vault } = await createSymbioticVault(devnet, {
    collateral: weth,
    epochDuration: 3600,
    delegatorType: 0,
    slasherType: 0,
  })
  const staker = await devnet.newAccount({ tokens: { [weth]: amount } })
  return { weth, vault, staker, wallet: devnet.walletClient(staker) }
}

/** Symbiotic: deposit → withdraw → the clock past `readyAt` → claim; the collateral comes back. */
async function symbioticFlow(devnet: Devnet): Promise<void> {
  const amount = parseEther('3')
  const { weth, vault, staker, wallet } = await symbioticSetup(devnet, amount)
  // two deposits back to back: the second often meets checkpoints written in the same second
  await mined(devnet, symbioticDeposit(wallet, { vault, amount: amount / 2n }))
  await mined(devnet, symbioticDeposit(wallet, { vault, amount: amount - amount / 2n }))
  await withdrawAndClaim(devnet, wallet, vault, amount)
  expectEqual('Symbiotic collateral back', await balanceOf(devnet, weth, staker.address), amount)
}

async function withdrawAndClaim(
  devnet: Devnet,
  wallet: ReturnType<Devnet['walletClient']>,
  vault: Address,
  amount: bigint,
): Promise<void> {
  // the bucket comes from the block the withdrawal landed in, not from the simulation's forecast
  const { readyAt } = await waitForWithdraw(devnet.publicClient, await withdraw(wallet, { vault, amount }))
  const now = (await devnet.publicClient.getBlock()).timestamp
  // other flows move the clock too: only move it if this withdrawal is not claimable yet
  if (now <= readyAt.timestamp) await devnet.increaseTime(readyAt.timestamp - now + 1n)
  await mined(devnet, claim(wallet, { vault }))
}

/**
 * The prepared-call path: Symbiotic `prepareDeposit` (approval + deposit) sent with
 * `sendPreparedCalls` (landing-block gas), two deposits back to back, then withdraw and claim. With
 * `STRESS_WALLET_ESTIMATE=1` the calls go out with the wallet's own gas estimate instead.
 */
async function preparedFlow(devnet: Devnet): Promise<void> {
  const amount = parseEther('2')
  const { weth, vault, staker, wallet } = await symbioticSetup(devnet, amount)
  for (const part of [amount / 2n, amount - amount / 2n]) {
    const calls = prepareSymbioticDeposit({ vault, amount: part, receiver: staker.address, collateral: weth })
    if (process.env.STRESS_WALLET_ESTIMATE === '1') {
      // what a wallet does that estimates the calls itself (at `latest`), for comparison
      for (const call of calls) await mined(devnet, wallet.sendTransaction(call))
    } else {
      await sendPreparedCalls(wallet, { calls })
    }
  }
  await withdrawAndClaim(devnet, wallet, vault, amount)
  expectEqual('prepared-path collateral back', await balanceOf(devnet, weth, staker.address), amount)
}

/** Devnet helpers under concurrency: funding several accounts at once from the one deployer. */
async function helpersFlow(devnet: Devnet): Promise<void> {
  const { weth, usdc } = devnet.deployments.tokens
  const accounts = await Promise.all(
    [1n, 2n, 3n].map((n) => devnet.newAccount({ tokens: { [weth]: n * 10n, [usdc]: n } })),
  )
  for (const [i, a] of accounts.entries()) {
    expectEqual('funded WETH', await balanceOf(devnet, weth, a.address), BigInt(i + 1) * 10n)
    expectEqual('funded USDC', await balanceOf(devnet, usdc, a.address), BigInt(i + 1))
  }
}

export const flows: Record<FlowName, (devnet: Devnet) => Promise<void>> = {
  eigenlayer: eigenlayerFlow,
  symbiotic: symbioticFlow,
  prepared: preparedFlow,
  helpers: helpersFlow,
}
