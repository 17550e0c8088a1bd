// A consumer file for the type-check cost measurement (examples/typecheck/run.sh): what a dApp writes
// with the decorator — one client extended with every protocol, a read, a write and the portfolio.
import { restakingActions } from '@restakekit/core'
import { createPublicClient, createWalletClient, http, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'

const account = privateKeyToAccount(`0x${'11'.repeat(32)}`)
const client = createPublicClient({ chain: mainnet, transport: http() }).extend(restakingActions())
const wallet = createWalletClient({ account, chain: mainnet, transport: http() }).extend(restakingActions())

export async function consumer() {
  const staker = account.address
  const deposits = await client.restaking.eigenlayer.getDeposits({ staker })
  const strategy = deposits[0]?.strategy ?? staker
  const hash = await wallet.restaking.eigenlayer.deposit({ strategy, token: staker, amount: parseEther('1') })
  const receipt = await client.restaking.eigenlayer.waitForDeposit(hash)
  const portfolio = await client.restaking.getPortfolio({ staker })
  return [receipt.shares, portfolio.positions.length, portfolio.withdrawals.map((w) => w.ready)] as const
}
