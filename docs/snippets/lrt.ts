// The code of docs/guides/lrt.md, type-checked by `pnpm typecheck`: each `#region` is included in
// the page with VitePress's `<<< @/snippets/lrt.ts#name`.
import { defaultProtocolModules, getRestakingPortfolio, restakingActions, signPermit } from '@restakekit/core'
import { etherfi, kelp, puffer, renzo, swell } from '@restakekit/lrt'
import {
  etherfiDeployments,
  getExitOptions,
  instantExit,
  prepareRequestWithdrawal as prepareEtherFiRequest,
  requestWithdrawal as requestEtherFiWithdrawal,
} from '@restakekit/lrt/etherfi'
import {
  claimWithdrawal,
  deposit,
  ETH_ADDRESS,
  getApr,
  getBacking,
  getWithdrawalRequests,
  type KelpBackingStaker,
  requestWithdrawal,
  waitForDeposit,
} from '@restakekit/lrt/kelp'
import { lrtLookThrough } from '@restakekit/risk'
import { type Address, createPublicClient, createWalletClient, http, parseEther } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'

declare const key: `0x${string}`
declare const staker: Address

const publicClient = createPublicClient({ chain: mainnet, transport: http() })
const walletClient = createWalletClient({
  account: privateKeyToAccount(key),
  chain: mainnet,
  transport: http(),
})

// #region deposit
// 1 ETH into rsETH; minOut defaults to the preview less 0.5 %, and Kelp enforces it on chain too
const hash = await deposit(walletClient, { asset: ETH_ADDRESS, amount: parseEther('1') })
const minted = await waitForDeposit(publicClient, hash)
// #endregion deposit

// #region withdraw
// queue a withdrawal of the rsETH just minted, follow it, claim it once Kelp unlocks it
await requestWithdrawal(walletClient, { asset: ETH_ADDRESS, amount: parseEther('0.5') })
const requests = await getWithdrawalRequests(publicClient, { owner: staker })
for (const r of requests)
  if (r.status === 'claimable') await claimWithdrawal(walletClient, { asset: ETH_ADDRESS, request: r.id })
// #endregion withdraw

// #region exit
// ether.fi: the queue against the redemption manager's instant exit, for one amount. Every LRT
// answers with the same `ExitOptions` (the queue first; `readyAt: null` when an operator finalizes it)
const options = await getExitOptions(publicClient, { amount: parseEther('10') })
const instant = options.options.find((o) => o.kind === 'instant' && o.available)
if (instant) await instantExit(walletClient, { amount: parseEther('10'), minOut: instant.expectedOut })
// #endregion exit

// #region apr
// rsETH's rate growth over 30 days, annualized: exact rational and a float for display
const apr = await getApr(publicClient, { days: 30 })
console.log(apr.aprFloat, minted, options)
// #endregion apr

// #region backing
// rsETH's EigenLayer backing, page by page, then what each operator set can slash of it
const stakers: KelpBackingStaker[] = []
for (let offset: number | null = 0; offset !== null; ) {
  const page = await getBacking(publicClient, { offset, limit: 100 })
  stakers.push(...page.stakers)
  offset = page.nextOffset
}
const look = await lrtLookThrough(publicClient, { backing: { stakers } })
for (const s of look.strategies)
  for (const set of s.operatorSets) console.log(s.asset, set.service, set.operator, set.shares)
// #endregion backing

// #region portfolio
// the LRT modules join the cross-protocol portfolio: token balances (in the token and in ETH) and
// withdrawal requests with their readiness, beside EigenLayer, Symbiotic and Karak positions
const client = publicClient.extend(
  restakingActions({ protocols: [...defaultProtocolModules, kelp, renzo, etherfi, puffer, swell] }),
)
const portfolio = await client.restaking.getPortfolio({ staker })
const same = await getRestakingPortfolio(publicClient, { staker, protocols: [kelp, etherfi] })
// #endregion portfolio
console.log(portfolio, same)

// #region permit
// ether.fi: ONE transaction (requestWithdrawWithPermit) instead of approve + requestWithdraw; the
// wallet signs eETH's EIP-2612 permit after the checks (deadline: chain time + 1 hour by default)
await requestEtherFiWithdrawal(walletClient, { amount: parseEther('1'), permit: true })
// a wallet that batches, or a relayer: sign the permit first, then prepare the one call
const { eETH, liquidityPool } = etherfiDeployments[1]
const permit = await signPermit(walletClient, {
  token: eETH,
  spender: liquidityPool,
  amount: parseEther('1'),
})
const calls = prepareEtherFiRequest({ amount: parseEther('1'), permit, chainId: 1 })
// #endregion permit
console.log(calls)
