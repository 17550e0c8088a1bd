// #region setup
import { restakingActions } from '@restakekit/core'
import { createPublicClient, createWalletClient, custom, http, parseEther } from 'viem'
import { mainnet } from 'viem/chains'

declare const window: { ethereum: Parameters<typeof custom>[0] }

const client = createPublicClient({ chain: mainnet, transport: http() }).extend(restakingActions())
const wallet = createWalletClient({ chain: mainnet, transport: custom(window.ethereum) }).extend(
  restakingActions(),
)
// #endregion setup

export async function showAndDeposit(strategy: `0x${string}`, token: `0x${string}`) {
  const [account] = await wallet.requestAddresses()
  if (!account) throw new Error('no account connected')
  // #region read
  const portfolio = await client.restaking.getPortfolio({ staker: account })
  for (const p of portfolio.positions) console.log(p.protocol, p.location, p.amount)
  for (const w of portfolio.withdrawals)
    console.log(w.protocol, w.id, w.ready ? 'ready' : (w.readyAt ?? 'when finalized'))
  // #endregion read

  // #region write
  const amount = parseEther('1')
  // simulate first: show the shares the deposit mints before asking for a signature
  const { result: shares } = await client.restaking.eigenlayer.simulateDeposit({
    account,
    strategy,
    token,
    amount,
  })
  console.log(`you will receive ${shares} shares`)
  const hash = await wallet.restaking.eigenlayer.deposit({
    account,
    strategy,
    token,
    amount,
    // progress for the UI: checks, approval sent/mined (only when the allowance is short), simulated, signing, sent
    onStage: (s) => console.log(s.stage),
  })
  const { shares: minted } = await client.restaking.eigenlayer.waitForDeposit(hash)
  // #endregion write
  return minted
}
