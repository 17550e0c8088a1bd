// restakekit example: an AVS launches, end to end on the local chain, on EigenLayer and on Symbiotic.
//
// EigenLayer (real EigenLayer bytecode, the v1.2 state by default): the AVS creates an operator
// set, an operator registers and allocates, a staker deposits and delegates, the AVS pays a rewards
// submission, the rewards updater posts a root, the staker claims exactly its share, the AVS
// slashes, and the risk report shows the loss. Every step goes through the SDK's actions, with one
// exception: posting the root (`submitRoot`) is the protocol's rewards updater's job (EigenLayer's
// off-chain rewards service), which no SDK action wraps, so a raw `writeContract` from the devnet's
// updater (anvil account 0) stands in for it.
//
// Symbiotic (real Symbiotic core and `DefaultStakerRewards` from npm): a network registers and
// sets its middleware, an operator registers and opts in to the network and the vault, the vault's
// curator sets the network's and the operator's limits (as the vault's delegator type needs them),
// two stakers deposit, the middleware distributes staker rewards, a staker claims exactly its share,
// the middleware slashes the operator through the vault's instant `Slasher`, and the risk report
// shows the loss. Every step is an SDK action; the devnet only deploys (the vault, its staker
// rewards) and mints.
// Run: pnpm tsx examples/avs-launch.ts
import {
  createAVSRewardsSubmission,
  createOperatorSets,
  getAllocationDelay,
  getOperatorSplit,
  modifyAllocations,
  registerAsOperator,
  registerForOperatorSets,
  slashOperator,
  updateAVSMetadataURI,
  waitForCreateAVSRewardsSubmission,
  waitForCreateOperatorSets,
  waitForModifyAllocations,
  waitForRegisterForOperatorSets,
  waitForSlashOperator,
} from '@restakekit/avs/eigenlayer'
import {
  optIn,
  registerNetwork,
  registerOperator,
  setMaxNetworkLimit,
  setMiddleware,
  setNetworkLimit,
  setOperatorNetworkLimit,
  setOperatorNetworkShares,
  slash,
  subnetworkOf,
  waitForSlash,
} from '@restakekit/avs/symbiotic'
import {
  buildRewardsTree,
  claimRewards,
  type DistributionEntry,
  delegateTo,
  deposit,
  getRewards,
  waitForClaimRewards,
  waitForDeposit,
} from '@restakekit/core/eigenlayer'
import {
  claimRewards as claimSymbioticRewards,
  distributeRewards,
  getRewards as getSymbioticRewards,
  getVault,
  deposit as symbioticDeposit,
  waitForDistributeRewards,
  waitForClaimRewards as waitForSymbioticClaimRewards,
} from '@restakekit/core/symbiotic'
import { createSymbioticStakerRewards, createSymbioticVault, startDevnet } from '@restakekit/devnet'
import { analyzePosition, snapshotRestaking } from '@restakekit/risk'
import {
  type Address,
  erc20Abi,
  formatEther,
  formatUnits,
  type Hex,
  parseAbi,
  parseEther,
  parseUnits,
} from 'viem'

export type AvsLaunchResult = {
  avs: Address
  operator: Address
  staker: Address
  /** The rewards submission's amount, and the staker's and operator's parts of it (from the split). */
  rewardsPaid: bigint
  operatorSplitBips: number
  stakerShare: bigint
  operatorShare: bigint
  /** What `getRewards` reported claimable before the claim, and the staker's balance change. */
  claimableBefore: bigint
  stakerReceived: bigint
  claimableAfter: bigint
  /** Slash: the wad of the allocation slashed, and the operator's shares it removed. */
  sharesSlashed: bigint
  /** The risk report before and after the slash: the staker's shares and worst case. */
  before: { shares: bigint; worstCase: bigint }
  after: { shares: bigint; worstCase: bigint }
}

const WAD = 10n ** 18n
const DAY = 86400n
const fmt = (x: bigint) => formatEther(x)
const submitRootAbi = parseAbi([
  'function submitRoot(bytes32 root, uint32 rewardsCalculationEndTimestamp)',
  'function rewardsUpdater() view returns (address)',
])

/** The EigenLayer half: an AVS, its operator set, an operator, a staker, a rewards submission and a slash. */
export async function launchOnEigenLayer(
  log: (line: string) => void = console.log,
): Promise<AvsLaunchResult> {
  const devnet = await startDevnet({ symbiotic: false, karak: false })
  try {
    const pc = devnet.publicClient
    const deployment = devnet.deployments.eigenlayer
    if (!deployment) throw new Error('the example needs the EigenLayer state (see README)')
    const { strategy, token } = deployment.fixture
    const balance = (who: Address) =>
      pc.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
    const mined = async (hash: Hex) => {
      const r = await pc.waitForTransactionReceipt({ hash })
      if (r.status !== 'success') throw new Error(`transaction ${hash} failed`)
      return r
    }
    const mineTo = async (block: bigint) => {
      const latest = await pc.getBlockNumber({ cacheTime: 0 })
      if (block > latest) await devnet.mine(Number(block - latest))
    }

    // ------------------------------------------------------------ the AVS sets up
    // the devnet's test AVS contract: its own registrar, accepting every operator; its calls are
    // sent from its (impersonated) address, as an AVS team's contract or multisig would send them
    const avs = await devnet.context.deployArtifact('EigenLayerTestAvs', [deployment.allocationManager])
    await devnet.testClient.setBalance({ address: avs, value: parseEther('10') })
    await devnet.testClient.impersonateAccount({ address: avs })
    const aw = devnet.walletClient(avs)
    await mined(
      await updateAVSMetadataURI(aw, { deployment, metadataURI: 'https://restakekit.dev/avs.json' }),
    )
    const created = await waitForCreateOperatorSets(
      pc,
      await createOperatorSets(aw, {
        deployment,
        operatorSets: [{ operatorSetId: 1, strategies: [strategy] }],
      }),
    )
    log(
      `1. AVS ${avs}: metadata URI set, operator set ${created.operatorSets[0]?.id} created for strategy ${strategy}`,
    )

    // ------------------------------------------------------------ the operator joins and allocates
    const operator = await devnet.newAccount()
    const ow = devnet.walletClient(operator)
    await mined(
      await registerAsOperator(ow, {
        deployment,
        metadataURI: 'https://restakekit.dev/operator.json',
        allocationDelay: 1,
      }),
    )
    const delay = await getAllocationDelay(pc, { deployment, operator: operator.address })
    if (delay.pending) await mineTo(delay.pending.readyAt.block)
    await waitForRegisterForOperatorSets(
      pc,
      await registerForOperatorSets(ow, { deployment, avs, operatorSetIds: [1] }),
    )
    const alloc = await waitForModifyAllocations(
      pc,
      await modifyAllocations(ow, {
        deployment,
        allocations: [{ avs, operatorSetId: 1, strategy, fraction: WAD / 2n }],
      }),
    )
    const effect = alloc.allocations[0]!.readyAt.block
    log(
      `2. operator ${operator.address} registered, joined set 1, allocated 50 % (slashable from block ${effect})`,
    )

    // ------------------------------------------------------------ the staker deposits and delegates
    const staker = await devnet.newAccount({ tokens: { [token]: parseEther('10') } })
    const sw = devnet.walletClient(staker)
    const dep = await waitForDeposit(
      pc,
      await deposit(sw, { deployment, strategy, token, amount: parseEther('10') }),
    )
    await mined(await delegateTo(sw, { deployment, operator: operator.address }))
    log(
      `3. staker ${staker.address} deposited 10 MCK (${fmt(dep.shares ?? 0n)} shares), delegated to the operator`,
    )

    // ------------------------------------------------------------ the AVS pays rewards
    const rewardsPaid = parseEther('1000')
    await devnet.fund(avs, { tokens: { [token]: rewardsPaid } })
    const now = (await pc.getBlock({ blockTag: 'latest' })).timestamp
    // the v1.2 state's limits: daily interval, 1-day duration, at most 1 s retroactive, so the
    // submission covers the next whole day
    const start = now - (now % DAY) + DAY
    const sub = await waitForCreateAVSRewardsSubmission(
      pc,
      await createAVSRewardsSubmission(aw, {
        deployment,
        submissions: [
          {
            strategiesAndMultipliers: [{ strategy, multiplier: WAD }],
            token,
            amount: rewardsPaid,
            startTimestamp: Number(start),
            duration: Number(DAY),
          },
        ],
      }),
    )
    log(
      `4. AVS rewards submission: ${fmt(rewardsPaid)} MCK over the day from ${new Date(Number(start) * 1000).toISOString()} (${sub.submissions.length} submission)`,
    )

    // ------------------------------------------------------------ the rewards updater posts a root
    // The staker is the operator's only delegator and the strategy the only one rewarded: the
    // operator takes its AVS split (bips, read from chain), the staker the rest.
    const operatorSplitBips = await getOperatorSplit(pc, { deployment, operator: operator.address, avs })
    const operatorShare = (rewardsPaid * BigInt(operatorSplitBips)) / 10000n
    const stakerShare = rewardsPaid - operatorShare
    const distribution: DistributionEntry[] = [
      { earner: staker.address, token, cumulativeEarnings: stakerShare },
      { earner: operator.address, token, cumulativeEarnings: operatorShare },
    ]
    const tree = buildRewardsTree(distribution)
    // the day must have elapsed before a root can cover it
    const end = start + DAY
    await devnet.increaseTime(end - (await pc.getBlock({ blockTag: 'latest' })).timestamp + 1n)
    const updater = devnet.accounts[0]!
    const rc = deployment.rewardsCoordinator
    const onChainUpdater = await pc.readContract({
      address: rc,
      abi: submitRootAbi,
      functionName: 'rewardsUpdater',
    })
    if (onChainUpdater.toLowerCase() !== updater.address.toLowerCase())
      throw new Error(`the rewards updater is ${onChainUpdater}, not anvil account 0: use the v1.2 state`)
    // no SDK action: submitting roots is the protocol's rewards updater's role
    await mined(
      await devnet.walletClient(updater).writeContract({
        address: rc,
        abi: submitRootAbi,
        functionName: 'submitRoot',
        args: [tree.root, Number(end)],
      }),
    )
    // the state's activation delay may be non-zero: wait for the posted root to be claimable
    const pending = await getRewards(pc, { deployment, earner: staker.address, distribution })
    if (pending.posted && !pending.posted.ready) {
      const t = (await pc.getBlock({ blockTag: 'latest' })).timestamp
      await devnet.increaseTime(pending.posted.readyAt.timestamp - t + 1n)
    }
    const rewards = await getRewards(pc, { deployment, earner: staker.address, distribution })
    const claimableBefore = rewards.tokens[0]?.claimable ?? 0n
    log(
      `5. root ${tree.root.slice(0, 18)}… posted (index ${rewards.posted?.rootIndex}, ready ${rewards.posted?.ready}); operator split ${operatorSplitBips} bips; staker's claimable ${fmt(claimableBefore)} MCK`,
    )

    // ------------------------------------------------------------ the staker claims
    const held = await balance(staker.address)
    const claim = await waitForClaimRewards(pc, await claimRewards(sw, { deployment, distribution }))
    const stakerReceived = (await balance(staker.address)) - held
    const claimableAfter =
      (await getRewards(pc, { deployment, earner: staker.address, distribution })).tokens[0]?.claimable ?? 0n
    log(
      `6. staker claimed ${fmt(stakerReceived)} MCK (processClaim, gas ${claim.receipt.gasUsed}); claimable now ${fmt(claimableAfter)}`,
    )

    // ------------------------------------------------------------ the AVS slashes; the risk report
    await mineTo(effect)
    const report = async () => {
      const snap = await snapshotRestaking(pc, {
        stakers: [staker.address],
        operatorSets: [{ avs, id: 1 }],
        eigenlayer: deployment,
        symbiotic: false,
        karak: false,
      })
      const p = analyzePosition(snap, { staker: staker.address }).byProtocol.eigenlayer
      return { shares: p.positions[0]?.shares ?? 0n, worstCase: p.worstCase }
    }
    const before = await report()
    log(
      `7. risk before the slash: ${fmt(before.shares)} shares, worst case ${fmt(before.worstCase)} slashable`,
    )
    const slashed = await waitForSlashOperator(
      pc,
      await slashOperator(aw, {
        deployment,
        operator: operator.address,
        operatorSetId: 1,
        strategies: [strategy],
        wadsToSlash: [WAD / 5n],
        description: 'missed attestations (example)',
      }),
    )
    const sharesSlashed = slashed.slashed[0]?.shares ?? 0n
    const after = await report()
    log(`8. AVS slashed 20 % of the allocation: ${fmt(sharesSlashed)} of the operator's shares removed`)
    log(
      `9. risk after the slash: ${fmt(after.shares)} shares (lost ${fmt(before.shares - after.shares)}), worst case ${fmt(after.worstCase)}`,
    )
    return {
      avs,
      operator: operator.address,
      staker: staker.address,
      rewardsPaid,
      operatorSplitBips,
      stakerShare,
      operatorShare,
      claimableBefore,
      stakerReceived,
      claimableAfter,
      sharesSlashed,
      before,
      after,
    }
  } finally {
    await devnet.stop()
  }
}

export type SymbioticLaunchResult = {
  network: Address
  middleware: Address
  operator: Address
  vault: Address
  stakerRewards: Address
  /** The staker's and the other staker's deposits (collateral, WETH). */
  deposits: { staker: bigint; other: bigint }
  /** The rewards the middleware distributed (USDC), the admin fee taken, and what the stakers shared. */
  rewardsPaid: bigint
  adminFee: bigint
  distributed: bigint
  /** What `getRewards` reported claimable before the claim, and the staker's USDC balance change. */
  claimableBefore: bigint
  stakerReceived: bigint
  claimableAfter: bigint
  /** What the `ClaimRewards` event says was paid. */
  claimedEvent: bigint
  /** The collateral the `Slash` event says was slashed. */
  slashed: bigint
  /** The risk report before and after the slash: the staker's balance in the vault and worst case. */
  before: { balance: bigint; worstCase: bigint }
  after: { balance: bigint; worstCase: bigint }
}

/**
 * The Symbiotic half: a network with its middleware, an operator, a vault with an instant
 * `Slasher` and a `DefaultStakerRewards`, two stakers, a rewards distribution and a slash.
 */
export async function launchOnSymbiotic(
  log: (line: string) => void = console.log,
): Promise<SymbioticLaunchResult> {
  const devnet = await startDevnet({ karak: false, symbioticRewards: true })
  try {
    const pc = devnet.publicClient
    const deployment = devnet.deployments.symbiotic
    const { weth, usdc } = devnet.deployments.tokens
    const d = { deployment }
    const mined = async (hash: Hex) => {
      const r = await pc.waitForTransactionReceipt({ hash })
      if (r.status !== 'success') throw new Error(`transaction ${hash} failed`)
      return r
    }
    const balance = (token: Address, who: Address) =>
      pc.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
    const usd = (x: bigint) => formatUnits(x, 6)

    // ------------------------------------------------------------ the vault (deployed by the devnet)
    // The curator owns the vault (every role of it and of its delegator) and its staker rewards. A
    // NetworkRestake delegator with an instant Slasher, 7-day epochs; the rewards take a 10 % admin fee.
    const curator = await devnet.newAccount()
    const cw = devnet.walletClient(curator)
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 7 * 86400,
      delegatorType: 0,
      slasherType: 0,
      owner: curator.address,
    })
    const stakerRewards = await createSymbioticStakerRewards(devnet, {
      vault,
      adminFee: 1000n,
      owner: curator.address,
    })
    const info = await getVault(pc, { vault, deployment })
    const delegator = info.delegator.address
    const slasher = info.slasher!.address
    log(
      `1. vault ${vault}: ${info.delegator.typeName} delegator, ${info.slasher?.typeName} (instant), ${info.epochDuration / 86400n}-day epochs; staker rewards ${stakerRewards}`,
    )

    // ------------------------------------------------------------ the network registers
    // the network's middleware is the account that distributes its rewards and slashes for it
    const network = (await devnet.newAccount()).address
    const nw = devnet.walletClient(network)
    const middleware = await devnet.newAccount({ tokens: { [usdc]: parseUnits('1000', 6) } })
    const mw = devnet.walletClient(middleware)
    await mined(await registerNetwork(nw, d))
    await mined(await setMiddleware(nw, { middleware: middleware.address, ...d }))
    // the most stake the network takes from the vault for its subnetwork 0
    await mined(await setMaxNetworkLimit(nw, { delegator, amount: parseEther('100'), ...d }))
    const subnetwork = subnetworkOf(network, 0n)
    log(`2. network ${network} registered, middleware ${middleware.address}, max network limit 100 WETH`)

    // ------------------------------------------------------------ the operator registers and opts in
    const operator = (await devnet.newAccount()).address
    const ow = devnet.walletClient(operator)
    await mined(await registerOperator(ow, d))
    await mined(await optIn(ow, { network, ...d }))
    await mined(await optIn(ow, { vault, ...d }))
    log(`3. operator ${operator} registered, opted in to the network and the vault`)

    // ------------------------------------------------------------ the curator sets the limits
    // Which limits give the operator stake depends on the delegator type: NetworkRestake splits the
    // network's limit among operators by shares, FullRestake gives each operator its own limit,
    // OperatorSpecific has one operator and needs only the network limit (OperatorNetworkSpecific:
    // the network's max limit is all).
    const sub = { delegator, network, ...d }
    const networkLimit = parseEther('20')
    switch (info.delegator.typeName) {
      case 'NetworkRestake':
        await mined(await setNetworkLimit(cw, { ...sub, amount: networkLimit }))
        // the only operator: all the shares
        await mined(await setOperatorNetworkShares(cw, { ...sub, operator, shares: 1n }))
        break
      case 'FullRestake':
        await mined(await setNetworkLimit(cw, { ...sub, amount: networkLimit }))
        await mined(await setOperatorNetworkLimit(cw, { ...sub, operator, amount: networkLimit }))
        break
      case 'OperatorSpecific':
        await mined(await setNetworkLimit(cw, { ...sub, amount: networkLimit }))
        break
    }
    log(
      `4. curator set the network limit to ${fmt(networkLimit)} WETH and the operator's shares (${info.delegator.typeName})`,
    )

    // ------------------------------------------------------------ two stakers deposit
    const deposits = { staker: parseEther('10'), other: parseEther('30') }
    const staker = await devnet.newAccount({ tokens: { [weth]: deposits.staker } })
    const sw = devnet.walletClient(staker)
    const other = await devnet.newAccount({ tokens: { [weth]: deposits.other } })
    await mined(await symbioticDeposit(sw, { vault, amount: deposits.staker }))
    await mined(await symbioticDeposit(devnet.walletClient(other), { vault, amount: deposits.other }))
    log(
      `5. staker ${staker.address} deposited ${fmt(deposits.staker)} WETH, another staker ${fmt(deposits.other)} WETH`,
    )

    // ------------------------------------------------------------ the middleware distributes rewards
    // stakers share a distribution by their active shares at its capture time (here: a past block
    // after both deposits)
    await devnet.increaseTime(60)
    const captured = (await pc.getBlock({ blockTag: 'latest' })).timestamp
    await devnet.increaseTime(60)
    const rewardsPaid = parseUnits('1000', 6)
    const dist = await waitForDistributeRewards(
      pc,
      await distributeRewards(mw, {
        stakerRewards,
        network,
        token: usdc,
        amount: rewardsPaid,
        timestamp: captured,
      }),
    )
    const adminFee = dist.distributed?.adminFeeAmount ?? 0n
    const distributed = dist.distributed?.amount ?? 0n
    log(
      `6. middleware distributed ${usd(rewardsPaid)} USDC (captured at ${captured}): admin fee ${usd(adminFee)}, the stakers share ${usd(distributed)}`,
    )

    // ------------------------------------------------------------ the staker claims
    const claimable = async () =>
      (await getSymbioticRewards(pc, { stakerRewards, staker: staker.address, network, tokens: [usdc] }))
        .rewards[0]!.claimable
    const claimableBefore = await claimable()
    const held = await balance(usdc, staker.address)
    const claim = await waitForSymbioticClaimRewards(
      pc,
      await claimSymbioticRewards(sw, { stakerRewards, token: usdc, network }),
    )
    const stakerReceived = (await balance(usdc, staker.address)) - held
    const claimedEvent = claim.claimed?.amount ?? 0n
    const claimableAfter = await claimable()
    log(
      `7. staker had ${usd(claimableBefore)} USDC claimable, claimed ${usd(stakerReceived)} (ClaimRewards ${usd(claimedEvent)}); claimable now ${usd(claimableAfter)}`,
    )

    // ------------------------------------------------------------ the network slashes; the risk report
    const report = async () => {
      const snap = await snapshotRestaking(pc, {
        stakers: [staker.address],
        operators: [operator],
        vaults: [vault],
        subnetworks: [subnetwork],
        symbiotic: deployment,
        eigenlayer: false,
        karak: false,
      })
      const p = analyzePosition(snap, { staker: staker.address }).byProtocol.symbiotic
      return { balance: p.positions[0]?.balance ?? 0n, worstCase: p.worstCase }
    }
    const before = await report()
    log(
      `8. risk before the slash: ${fmt(before.balance)} WETH in the vault, worst case ${fmt(before.worstCase)} slashable`,
    )
    // the stake captured one second before the slash lands: the operator's 20 WETH
    const slashedEvent = await waitForSlash(
      pc,
      await slash(mw, { slasher, network, operator, amount: parseEther('4'), ...d }),
    )
    const slashed = slashedEvent.amount ?? 0n
    const after = await report()
    log(`9. middleware slashed ${fmt(slashed)} WETH of the operator's stake`)
    log(
      `10. risk after the slash: ${fmt(after.balance)} WETH (lost ${fmt(before.balance - after.balance)}), worst case ${fmt(after.worstCase)}`,
    )
    return {
      network,
      middleware: middleware.address,
      operator,
      vault,
      stakerRewards,
      deposits,
      rewardsPaid,
      adminFee,
      distributed,
      claimableBefore,
      stakerReceived,
      claimableAfter,
      claimedEvent,
      slashed,
      before,
      after,
    }
  } finally {
    await devnet.stop()
  }
}

/** Both halves, one devnet each. */
export async function main(log: (line: string) => void = console.log) {
  log('== EigenLayer ==')
  const eigenlayer = await launchOnEigenLayer(log)
  log('\n== Symbiotic ==')
  const symbiotic = await launchOnSymbiotic(log)
  return { eigenlayer, symbiotic }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error)
    process.exit(1)
  })
}
