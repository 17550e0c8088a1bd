// restakekit demo: starts the local restaking chain (real EigenLayer and Symbiotic contracts, Karak
// test doubles) and walks one staker through each protocol with the SDK, printing every step; it
// ends with an EigenLayer rewards claim (an AVS pays, a root is posted, the portfolio shows it), then
// an LRT: a Kelp rsETH deposit, a withdrawal request and its claim (Kelp test doubles).
// Run: pnpm demo
import { createAVSRewardsSubmission, getOperatorSplit, registerAsOperator } from '@restakekit/avs/eigenlayer'
import {
  defaultPortfolioModules,
  getRestakingPortfolio,
  type RestakeKitError,
  restakingActions,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import {
  buildRewardsTree,
  claimRewards,
  completeWithdrawals,
  type DistributionEntry,
  delegateTo,
  deposit,
  getRewards,
  queueWithdrawals,
  waitForClaimRewards,
  waitForCompleteWithdrawals,
  waitForDeposit,
  waitForQueueWithdrawals,
} from '@restakekit/core/eigenlayer'
import {
  deposit as depositToKarak,
  finishRedeem,
  startRedeem,
  waitForStartRedeem,
} from '@restakekit/core/karak'
import { claim, deposit as symbioticDeposit, withdraw } from '@restakekit/core/symbiotic'
import { createSymbioticVault, kelpUnlockQueue, startDevnet } from '@restakekit/devnet'
import {
  claimWithdrawal as claimKelpWithdrawal,
  deposit as depositToKelp,
  ETH_ADDRESS,
  getWithdrawalRequests as getKelpWithdrawalRequests,
  type KelpDeployment,
  kelp,
  requestWithdrawal as requestKelpWithdrawal,
  waitForClaimWithdrawal as waitForKelpClaim,
  waitForDeposit as waitForKelpDeposit,
  waitForRequestWithdrawal as waitForKelpRequest,
} from '@restakekit/lrt/kelp'
import { type Address, erc20Abi, formatEther, type Hex, parseAbi, parseEther } from 'viem'

export type DemoResult = {
  staker: Address
  /** Token balances of the staker at the end, by protocol flow. */
  eigenlayerTokenBack: bigint
  symbioticClaimed: bigint
  karakFinished: bigint
  positions: number
  /** The AVS rewards paid, the staker's share of them (after the operator's split), and what it claimed. */
  rewardsPaid: bigint
  rewardsShare: bigint
  /** The `reward` entry of the portfolio, and the staker's token balance change of the claim. */
  rewardsInPortfolio: bigint
  rewardsClaimed: bigint
  /** The portfolio's Kelp entries: rsETH holdings and withdrawal requests ready to claim. */
  lrtHoldings: number
  readyWithdrawals: number
  /** Kelp: the rsETH minted for the ETH deposit, the rsETH requested out, and the ETH its claim paid. */
  kelpMinted: bigint
  kelpRequested: bigint
  kelpClaimed: bigint
}

const DAY = 86400n
const submitRootAbi = parseAbi([
  'function submitRoot(bytes32 root, uint32 rewardsCalculationEndTimestamp)',
  'function rewardsUpdater() view returns (address)',
])

const fmt = (x: bigint) => formatEther(x)

export async function main(log: (line: string) => void = console.log): Promise<DemoResult> {
  const t0 = performance.now()
  const devnet = await startDevnet({ kelp: true })
  try {
    const pc = devnet.publicClient
    const el = devnet.deployments.eigenlayer
    if (!el) throw new Error('the demo needs the EigenLayer state (see README: RESTAKEKIT_EIGENLAYER_STATE)')
    const symbiotic = devnet.deployments.symbiotic!
    const karak = devnet.deployments.karak!
    const { weth } = devnet.deployments.tokens
    log(`Local restaking chain up in ${Math.round(performance.now() - t0)} ms at ${devnet.rpcUrl}`)
    log('  EigenLayer: real slashing-release bytecode; Symbiotic: real core 1.0.3; Karak: test doubles\n')

    const client = pc.extend(restakingActions({ eigenlayer: el, symbiotic, karak }))
    const balance = (token: Address, who: Address) =>
      pc.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
    const mined = async (hash: Hex) => {
      const r = await pc.waitForTransactionReceipt({ hash })
      if (r.status !== 'success') throw new Error(`transaction ${hash} failed`)
      return r
    }

    const staker = await devnet.newAccount({
      tokens: { [el.fixture.token]: parseEther('10'), [weth]: parseEther('8') },
    })
    const wallet = devnet.walletClient(staker)
    log(`Staker ${staker.address}: 10 MCK (EigenLayer fixture token), 8 WETH\n`)

    // ---------------------------------------------------------------- EigenLayer
    log('== EigenLayer ==')
    const dep = await waitForDeposit(
      pc,
      await deposit(wallet, {
        deployment: el,
        strategy: el.fixture.strategy,
        token: el.fixture.token,
        amount: parseEther('10'),
      }),
    )
    log(
      `1. deposit 10 MCK (approval + depositIntoStrategy, simulated first): ${fmt(dep.shares ?? 0n)} shares`,
    )

    // the operator side (registration) is @restakekit/avs
    const operator = await devnet.newAccount()
    await mined(
      await registerAsOperator(devnet.walletClient(operator), {
        deployment: el,
        metadataURI: 'ipfs://demo-operator',
        allocationDelay: 0,
      }),
    )
    await mined(await delegateTo(wallet, { deployment: el, operator: operator.address }))
    log(`2. delegate to operator ${operator.address}`)

    const queued = await waitForQueueWithdrawals(
      pc,
      await queueWithdrawals(wallet, {
        deployment: el,
        strategies: [el.fixture.strategy],
        amounts: [parseEther('4')],
      }),
    )
    const w = queued.withdrawals[0]!
    const delay = await client.restaking.eigenlayer.getWithdrawalDelay()
    log(
      `3. queue a withdrawal of 4 MCK: root ${w.root.slice(0, 18)}…, delay ${delay.withdrawalDelayBlocks} blocks (read from chain)`,
    )
    // readiness is judged for the block a transaction sent now lands in (the fixture's delay is 0)
    const [status] = (await client.restaking.eigenlayer.getQueuedWithdrawals({ staker: staker.address }))
      .withdrawals
    log(
      `4. readiness from chain: ${status?.ready ? 'a completion sent now succeeds' : `ready from block ${status?.readyAt.block}`}`,
    )
    if (status && !status.ready) await devnet.mine(Number(status.blocksRemaining))
    const done = await waitForCompleteWithdrawals(
      pc,
      await completeWithdrawals(wallet, { deployment: el, withdrawals: [w.root] }),
    )
    const back = await balance(el.fixture.token, staker.address)
    log(`5. completed (${done.receipt.status}); staker holds ${fmt(back)} MCK again`)
    const deposits = await client.restaking.eigenlayer.getDeposits({ staker: staker.address })
    log(
      `6. still restaked: ${fmt(deposits[0]?.underlyingAmount ?? 0n)} MCK (withdrawable shares ${fmt(deposits[0]?.withdrawableShares ?? 0n)})\n`,
    )

    // ---------------------------------------------------------------- Symbiotic
    log('== Symbiotic ==')
    const epoch = 3600
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: epoch,
      delegatorType: 0,
    })
    log(`1. a vault (NetworkRestake delegator, ${epoch / 60}-minute epochs) for WETH: ${vault}`)
    await mined(await symbioticDeposit(wallet, { vault, amount: parseEther('5') }))
    const pos = await client.restaking.symbiotic.getPosition({ vault, staker: staker.address })
    log(`2. deposit 5 WETH: active balance ${fmt(pos.activeBalance)}, slashable ${fmt(pos.slashableBalance)}`)
    await mined(await withdraw(wallet, { vault, amount: parseEther('2') }))
    const pending = await client.restaking.symbiotic.getPosition({ vault, staker: staker.address })
    const bucket = pending.withdrawals[0]!
    log(
      `3. withdraw 2 WETH: bucket epoch ${bucket.epoch}, claimable at ${new Date(Number(bucket.readyAt.timestamp) * 1000).toISOString()}`,
    )
    try {
      await claim(wallet, { vault, epoch: bucket.epoch })
    } catch (error) {
      if (!(error instanceof WithdrawalNotReadyError)) throw error
      log(`4. claiming now is refused before sending: ${error.shortMessage}`)
    }
    await devnet.increaseTime(2 * epoch)
    const before = await balance(weth, staker.address)
    await mined(await claim(wallet, { vault }))
    const symbioticClaimed = (await balance(weth, staker.address)) - before
    log(`5. two epochs later: claimed ${fmt(symbioticClaimed)} WETH\n`)

    // ---------------------------------------------------------------- Karak
    log('== Karak (test doubles of v2 Core and Vault) ==')
    const kvault = karak.vaultsByAsset.weth
    await mined(await depositToKarak(wallet, { vault: kvault, amount: parseEther('3') }))
    log(`1. deposit 3 WETH into the operator's vault ${kvault} (minSharesOut from previewDeposit less 0.5 %)`)
    const redeem = await waitForStartRedeem(
      pc,
      await startRedeem(wallet, { vault: kvault, shares: parseEther('1') }),
    )
    const key = redeem.withdrawals[0]!.withdrawalKey
    log(`2. start redeeming 1 share: withdrawal key ${key.slice(0, 18)}…`)
    try {
      await finishRedeem(wallet, { vault: kvault, withdrawalKey: key })
    } catch (error) {
      if (!(error instanceof WithdrawalNotReadyError)) throw error
      log(`3. finishing now is refused before sending: ${(error as RestakeKitError).shortMessage}`)
    }
    await devnet.increaseTime(9 * 24 * 3600)
    const kBefore = await balance(weth, staker.address)
    await mined(await finishRedeem(wallet, { vault: kvault, withdrawalKey: key }))
    const karakFinished = (await balance(weth, staker.address)) - kBefore
    log(`4. nine days later: finished, ${fmt(karakFinished)} WETH back\n`)

    // ---------------------------------------------------------------- EigenLayer rewards
    log('== EigenLayer rewards ==')
    // an AVS pays rewards to the strategy's stakers for the next whole day (v1.2 state: daily interval)
    const rewardsPaid = parseEther('100')
    const avs = await devnet.newAccount({ tokens: { [el.fixture.token]: rewardsPaid } })
    const start = (await pc.getBlock({ blockTag: 'latest' })).timestamp
    const day = start - (start % DAY) + DAY
    await mined(
      await createAVSRewardsSubmission(devnet.walletClient(avs), {
        deployment: el,
        submissions: [
          {
            strategiesAndMultipliers: [{ strategy: el.fixture.strategy, multiplier: 10n ** 18n }],
            token: el.fixture.token,
            amount: rewardsPaid,
            startTimestamp: Number(day),
            duration: Number(DAY),
          },
        ],
      }),
    )
    log(
      `1. an AVS pays ${fmt(rewardsPaid)} MCK to the strategy's stakers for the day from ${new Date(Number(day) * 1000).toISOString()}`,
    )
    // the staker is the operator's only delegator: the operator keeps its split, the staker the rest
    const split = await getOperatorSplit(pc, { deployment: el, operator: operator.address, avs: avs.address })
    const operatorPart = (rewardsPaid * BigInt(split)) / 10000n
    const rewardsShare = rewardsPaid - operatorPart
    const distribution: DistributionEntry[] = [
      { earner: staker.address, token: el.fixture.token, cumulativeEarnings: rewardsShare },
      { earner: operator.address, token: el.fixture.token, cumulativeEarnings: operatorPart },
    ]
    // once the day is over, the rewards updater (EigenLayer's off-chain service; anvil account 0 on
    // the v1.2 state) posts the root: no SDK action wraps that role, so a raw call stands in
    await devnet.increaseTime(day + DAY - (await pc.getBlock({ blockTag: 'latest' })).timestamp + 1n)
    const updater = devnet.accounts[0]!
    const onChain = await pc.readContract({
      address: el.rewardsCoordinator,
      abi: submitRootAbi,
      functionName: 'rewardsUpdater',
    })
    if (onChain.toLowerCase() !== updater.address.toLowerCase())
      throw new Error(
        `the rewards updater is ${onChain}, not anvil account 0: run the demo on the v1.2 state`,
      )
    await mined(
      await devnet.walletClient(updater).writeContract({
        address: el.rewardsCoordinator,
        abi: submitRootAbi,
        functionName: 'submitRoot',
        args: [buildRewardsTree(distribution).root, Number(day + DAY)],
      }),
    )
    const posted = await getRewards(pc, { deployment: el, earner: staker.address, distribution })
    if (posted.posted && !posted.posted.ready)
      await devnet.increaseTime(
        posted.posted.readyAt.timestamp - (await pc.getBlock({ blockTag: 'latest' })).timestamp + 1n,
      )
    log(
      `2. root ${posted.root.slice(0, 18)}… posted; the staker's share (operator split ${split} bips): ${fmt(rewardsShare)} MCK\n`,
    )

    // ---------------------------------------------------------------- an LRT: Kelp rsETH
    log('== Kelp rsETH (test doubles: ETH stays in the pool, LSTs restake into the real EigenLayer) ==')
    const k = devnet.deployments.kelp
    const kelpDeployment: KelpDeployment = {
      chainId: devnet.chain.id,
      lrtConfig: k.lrtConfig,
      rsETH: k.rsETH,
      lrtOracle: k.lrtOracle,
      lrtDepositPool: k.lrtDepositPool,
      lrtWithdrawalManager: k.lrtWithdrawalManager,
    }
    const minted = await waitForKelpDeposit(
      pc,
      await depositToKelp(wallet, {
        asset: ETH_ADDRESS,
        amount: parseEther('2'),
        deployment: kelpDeployment,
      }),
    )
    const kelpMinted = await balance(k.rsETH, staker.address)
    log(`1. deposit 2 ETH → ${fmt(kelpMinted)} rsETH (gas ${minted.receipt.gasUsed})`)
    const requested = await waitForKelpRequest(
      pc,
      await requestKelpWithdrawal(wallet, {
        asset: ETH_ADDRESS,
        amount: parseEther('1'),
        deployment: kelpDeployment,
      }),
    )
    const kelpRequested = requested.request?.rsETHAmount ?? 0n
    const [kelpPending] = await getKelpWithdrawalRequests(pc, {
      owner: staker.address,
      deployment: kelpDeployment,
    })
    log(
      `2. request ${fmt(kelpRequested)} rsETH → ETH (rsETH approved and pulled): request ${kelpPending?.id}, ${kelpPending?.status}, earliest claim block ${kelpPending?.readyAt.block}`,
    )
    const early = await claimKelpWithdrawal(wallet, {
      asset: ETH_ADDRESS,
      deployment: kelpDeployment,
    }).catch((e: RestakeKitError) => e)
    log(
      `3. a claim now is not sent: ${early instanceof WithdrawalNotReadyError ? early.shortMessage : early}`,
    )
    await devnet.mine(Number(k.withdrawalDelayBlocks))
    await kelpUnlockQueue(devnet.context, k, ETH_ADDRESS)
    const [unlocked] = await getKelpWithdrawalRequests(pc, {
      owner: staker.address,
      deployment: kelpDeployment,
    })
    log(
      `4. after ${k.withdrawalDelayBlocks} blocks Kelp's operator unlocks the queue: the request is ${unlocked?.status}\n`,
    )

    // ---------------------------------------------------------------- one portfolio
    log('== One portfolio across protocols (EigenLayer, Symbiotic, Karak and Kelp in one read) ==')
    const portfolio = await getRestakingPortfolio(pc, {
      staker: staker.address,
      protocols: [...defaultPortfolioModules, kelp],
      eigenlayer: { deployment: el, rewards: buildRewardsTree(distribution) },
      symbiotic: { deployment: symbiotic, vaults: [vault] },
      karak: { deployment: karak },
      kelp: { deployment: kelpDeployment },
    })
    for (const p of portfolio.positions) {
      log(
        `  ${p.protocol.padEnd(10)} ${p.location}  ${fmt(p.amount).padStart(6)} of ${p.asset}  operator ${p.operator ?? '-'}`,
      )
    }
    for (const h of portfolio.holdings)
      log(
        `  ${h.protocol.padEnd(10)} holds ${fmt(h.balance)} of ${h.token}${h.underlying ? ` (${fmt(h.underlying.amount)} ${h.underlying.asset ?? 'ETH'} underlying)` : ''}`,
      )
    for (const w of portfolio.withdrawals)
      log(
        `  ${w.protocol.padEnd(10)} withdrawal ${w.id}: ${fmt(w.amount)} ${w.ready ? 'ready to claim' : `not ready (${JSON.stringify(w.readyAt, (_, v) => (typeof v === 'bigint' ? String(v) : v))})`}`,
      )
    for (const r of portfolio.rewards)
      log(`  ${r.protocol.padEnd(10)} claimable ${fmt(r.amount)} of ${r.token} at ${r.source}`)
    const rewardsInPortfolio = portfolio.rewards.reduce((sum, r) => sum + r.amount, 0n)
    const lrtHoldings = portfolio.holdings.filter((h) => h.protocol === 'kelp').length
    const readyWithdrawals = portfolio.withdrawals.filter((w) => w.protocol === 'kelp' && w.ready).length

    // ---------------------------------------------------------------- the claims
    log('\n== Claims ==')
    const ethBefore = await pc.getBalance({ address: staker.address })
    const claimedKelp = await waitForKelpClaim(
      pc,
      await claimKelpWithdrawal(wallet, { asset: ETH_ADDRESS, deployment: kelpDeployment }),
    )
    const kelpClaimed = claimedKelp.claimed?.amount ?? 0n
    const gasPaid = claimedKelp.receipt.gasUsed * claimedKelp.receipt.effectiveGasPrice
    if ((await pc.getBalance({ address: staker.address })) !== ethBefore + kelpClaimed - gasPaid)
      throw new Error('the Kelp claim did not pay what its event says')
    log(`  Kelp withdrawal claimed → ${fmt(kelpClaimed)} ETH paid`)
    const held = await balance(el.fixture.token, staker.address)
    const claimed = await waitForClaimRewards(
      pc,
      await claimRewards(wallet, { deployment: el, distribution }),
    )
    const rewardsClaimed = (await balance(el.fixture.token, staker.address)) - held
    log(
      `  claimed ${fmt(rewardsClaimed)} MCK of EigenLayer rewards (processClaim with a locally built proof, gas ${claimed.receipt.gasUsed})`,
    )

    return {
      staker: staker.address,
      eigenlayerTokenBack: back,
      symbioticClaimed,
      karakFinished,
      positions: portfolio.positions.length,
      rewardsPaid,
      rewardsShare,
      rewardsInPortfolio,
      rewardsClaimed,
      lrtHoldings,
      readyWithdrawals,
      kelpMinted,
      kelpRequested,
      kelpClaimed,
    }
  } finally {
    await devnet.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
