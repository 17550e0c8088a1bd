// What a dApp writes, type-checked as a consumer would: options spelled as the docs write them, under
// `exactOptionalPropertyTypes`, against the packed packages' declaration files.
import { restakingActions } from '@restakekit/core'
import { type EigenLayerDeployment, prepareSetClaimerFor } from '@restakekit/core/eigenlayer'
import { analyzePosition, snapshotRestaking } from '@restakekit/risk'
import { createPublicClient, createWalletClient, http, parseEther, zeroAddress } from 'viem'
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
  const calls = prepareSetClaimerFor({ account: staker, chainId: mainnet.id, claimer: zeroAddress })
  return [receipt.shares, portfolio.positions.length, calls.length] as const
}

/**
 * Options as the README and guides write them, where a value may be undefined (a deployment from
 * config or from the devnet, which has none without its state): these must compile under
 * `exactOptionalPropertyTypes`.
 */
export async function withOptions(eigenlayer: EigenLayerDeployment | undefined, fromBlock?: bigint) {
  const staker = account.address
  const local = createPublicClient({ chain: mainnet, transport: http() }).extend(
    restakingActions({ eigenlayer }),
  )
  const portfolio = await local.restaking.getPortfolio({
    staker,
    allowPartial: true,
    eigenlayer: { deployment: eigenlayer },
    karak: false,
  })
  const snapshot = await snapshotRestaking(local, { stakers: [staker], eigenlayer, fromBlock })
  const position = analyzePosition(snapshot, { staker })
  return [portfolio.skipped.length, position.exposures.length] as const
}
