// #region keeper
import { RestakeKitError, restakingActions } from '@restakekit/core'
import { createPublicClient, createWalletClient, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'

// the key comes from the environment, never from a command line
const account = privateKeyToAccount(process.env.KEEPER_KEY as `0x${string}`)
const transport = http(process.env.RPC_URL, { retryCount: 3, timeout: 10_000 })
const client = createPublicClient({ chain: mainnet, transport }).extend(restakingActions())
const wallet = createWalletClient({ account, chain: mainnet, transport }).extend(restakingActions())

export async function completeReady() {
  const portfolio = await client.restaking.getPortfolio({ staker: account.address })
  // every protocol's withdrawals, each with `ready` (a transaction sent now succeeds) and `readyAt`
  const ready = portfolio.withdrawals.filter((w) => w.protocol === 'eigenlayer' && w.ready)
  if (ready.length === 0) return { done: 0, waiting: portfolio.withdrawals.length }
  try {
    // with no list, every ready withdrawal of the account; a not-ready one given by root is refused before sending
    const hash = await wallet.restaking.eigenlayer.completeWithdrawals({})
    await client.restaking.eigenlayer.waitForCompleteWithdrawals(hash)
    return { done: ready.length, waiting: portfolio.withdrawals.length - ready.length }
  } catch (error) {
    // typed: a lost race, a revert with its reason, a not-ready withdrawal — never a raw RPC string
    if (error instanceof RestakeKitError) console.error(error.name, error.shortMessage)
    throw error
  }
}
// #endregion keeper
