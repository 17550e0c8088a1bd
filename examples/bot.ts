// A keeper bot for a treasury that stakes from several accounts on EigenLayer, Symbiotic and Karak.
// Each run it scans every staker (`client.restaking.getPortfolio`: all three protocols, two round
// trips), completes or claims only what is ready, and reports what it left and when each item
// becomes ready. Nothing that is not ready is sent.
//
//   EigenLayer: queued withdrawals → `completeWithdrawals` (sent by the staker: the contract requires it)
//   Symbiotic:  claimable epochs  → `claim`              (sent by the staker: it claims its own buckets)
//   Karak:      ready withdrawals → `karak.finishRedeem`  (sent by the keeper: anyone may finish; assets go
//                                                        to the withdrawal's beneficiary)
//
// The example first makes the situation on a fresh devnet (deposits, withdrawals, and time passing),
// so one run finds some items ready and some not.
//
// Run it: npx tsx examples/bot.ts   (starts its own local chain with all three protocols)
import {
  type EigenLayerDeployment,
  type KarakDeployment,
  RestakeKitError,
  restakingActions,
  type SymbioticDeployment,
} from '@restakekit/core'
import { getOperatorVaults } from '@restakekit/core/karak'
import { createSymbioticVault, type Devnet, startDevnet } from '@restakekit/devnet'
import type { Account, Address, Hex } from 'viem'
import { formatEther, parseEther } from 'viem'
import type { ExampleOptions } from './dapp.js'

export type Protocol = string

/** One withdrawal the bot saw: what it is, whose, how much, and when it is (or was) ready. */
export type KeeperItem = {
  protocol: Protocol
  staker: Address
  /** The EigenLayer strategy (the first, for a multi-strategy withdrawal) or the vault. */
  location: Address
  /** EigenLayer withdrawal root, Symbiotic epoch (decimal), Karak withdrawal key. */
  id: string
  /** Underlying amount it pays out (token base units). */
  amount: bigint
  /** EigenLayer: the first block it can be completed in. */
  readyAtBlock?: bigint
  /** Symbiotic and Karak: unix seconds from which it can be claimed/finished (neither: no time knowable yet). */
  readyAt?: bigint
}

export type KeeperReport = {
  /** Where the scan read the chain. */
  block: bigint
  timestamp: bigint
  done: (KeeperItem & { hash: Hex })[]
  left: KeeperItem[]
  failed: (KeeperItem & { error: string })[]
}

export type KeeperConfig = {
  devnet: Devnet
  /** The accounts the bot manages (it holds their keys). */
  stakers: readonly Account[]
  /** The bot's own account (pays for Karak finishes). */
  keeper: Account
  /** The devnet's EigenLayer deployment (`devnet.deployments.eigenlayer`). */
  eigenlayer: EigenLayerDeployment
  symbiotic: SymbioticDeployment
  karak: KarakDeployment
  log: (line: string) => void
}

/** Scans every staker and completes/claims what is ready. One run of the keeper. */
export async function runKeeper(cfg: KeeperConfig): Promise<KeeperReport> {
  const { devnet, log } = cfg
  const client = devnet.publicClient.extend(
    restakingActions({ eigenlayer: cfg.eigenlayer, symbiotic: cfg.symbiotic, karak: cfg.karak }),
  )
  const block = await devnet.publicClient.getBlock()
  const ready: KeeperItem[] = []
  const left: KeeperItem[] = []

  // ---- scan (reads only): one cross-protocol portfolio read per staker, 2 round trips each
  for (const { address: staker } of cfg.stakers) {
    const portfolio = await client.restaking.getPortfolio({
      staker,
      // A keeper looks far back: Symbiotic buckets older than `lookback` epochs are not scanned.
      symbiotic: { lookback: 64 },
    })
    for (const { protocol, reason } of portfolio.skipped)
      log(`  (${staker}: ${protocol} not read: ${reason})`)
    // One entry per withdrawal (an EigenLayer withdrawal lists one entry per strategy: add them up).
    const byId = new Map<string, KeeperItem & { ready: boolean }>()
    for (const w of portfolio.withdrawals) {
      const id = String(w.id)
      const key = `${w.protocol}:${w.location}:${id}`
      const seen = byId.get(key)
      if (seen) {
        seen.amount += w.amount
        continue
      }
      byId.set(key, {
        protocol: w.protocol,
        staker,
        location: w.location,
        id,
        amount: w.amount,
        ready: w.ready,
        // null: an LRT request waiting for its protocol to finalize it (no time knowable)
        ...(w.readyAt === null
          ? {}
          : 'block' in w.readyAt
            ? { readyAtBlock: w.readyAt.block }
            : { readyAt: w.readyAt.timestamp }),
      })
    }
    for (const { ready: isReady, ...item } of byId.values()) (isReady ? ready : left).push(item)
  }
  log(
    `Scan at block ${block.number} (${new Date(Number(block.timestamp) * 1000).toISOString()}): ` +
      `${ready.length} ready, ${left.length} not yet.`,
  )

  // ---- act on the ready ones only; one failure does not stop the run
  const done: KeeperReport['done'] = []
  const failed: KeeperReport['failed'] = []
  const walletOf = (staker: Address) => {
    const account = cfg.stakers.find((s) => s.address === staker)
    if (!account) throw new Error(`no key for ${staker}`)
    return devnet
      .walletClient(account)
      .extend(restakingActions({ eigenlayer: cfg.eigenlayer, symbiotic: cfg.symbiotic, karak: cfg.karak }))
  }
  const keeperWallet = devnet.walletClient(cfg.keeper).extend(restakingActions({ karak: cfg.karak }))

  const act = async (
    items: KeeperItem[],
    send: () => Promise<Hex>,
    wait: (hash: Hex) => Promise<unknown>,
  ) => {
    try {
      const hash = await send()
      await wait(hash)
      for (const item of items) {
        done.push({ ...item, hash })
        log(`  done ${label(item)} for ${item.staker}: ${formatEther(item.amount)} paid out (${hash})`)
      }
    } catch (error) {
      const message = error instanceof RestakeKitError ? error.shortMessage : String(error)
      for (const item of items) {
        failed.push({ ...item, error: message })
        log(`  FAILED ${label(item)}: ${message}`)
      }
    }
  }

  // EigenLayer: one completion per staker for all of its ready roots (`completeQueuedWithdrawals`).
  for (const { address: staker } of cfg.stakers) {
    const items = ready.filter((i) => i.protocol === 'eigenlayer' && i.staker === staker)
    if (items.length === 0) continue
    const wallet = walletOf(staker)
    await act(
      items,
      () => wallet.restaking.eigenlayer.completeWithdrawals({ withdrawals: items.map((i) => i.id as Hex) }),
      (hash) => client.restaking.eigenlayer.waitForCompleteWithdrawals(hash),
    )
  }
  // Symbiotic: per staker and vault, its claimable epochs in one `claimBatch` (or `claim`).
  for (const { address: staker } of cfg.stakers) {
    const items = ready.filter((i) => i.protocol === 'symbiotic' && i.staker === staker)
    for (const vault of new Set(items.map((i) => i.location))) {
      const mine = items.filter((i) => i.location === vault)
      const wallet = walletOf(staker)
      await act(
        mine,
        () => wallet.restaking.symbiotic.claim({ vault, epochs: mine.map((i) => BigInt(i.id)) }),
        (hash) => client.restaking.symbiotic.waitForClaim(hash),
      )
    }
  }
  // Karak: the keeper finishes each ready withdrawal itself.
  for (const item of ready.filter((i) => i.protocol === 'karak')) {
    await act(
      [item],
      () =>
        keeperWallet.restaking.karak.finishRedeem({
          vault: item.location,
          staker: item.staker,
          withdrawalKey: item.id as Hex,
        }),
      (hash) => client.restaking.karak.waitForFinishRedeem(hash),
    )
  }

  // ---- what is left, and when each becomes ready
  for (const item of left) {
    const when =
      item.readyAtBlock !== undefined
        ? `from block ${item.readyAtBlock} (${item.readyAtBlock - block.number} after the scan)`
        : item.readyAt !== undefined
          ? `at ${new Date(Number(item.readyAt) * 1000).toISOString()} (in ${formatDuration(item.readyAt - block.timestamp)})`
          : 'once its protocol finalizes it (no time knowable on chain)'
    log(`  left ${label(item)} for ${item.staker}: ${formatEther(item.amount)}, ready ${when}`)
  }
  return { block: block.number, timestamp: block.timestamp, done, left, failed }
}

/** How a withdrawal is named in the log. */
function label(item: KeeperItem): string {
  if (item.protocol === 'eigenlayer') return `EigenLayer withdrawal ${item.id}`
  if (item.protocol === 'symbiotic') return `Symbiotic vault ${item.location} epoch ${item.id}`
  return `Karak vault ${item.location} withdrawal ${item.id}`
}

function formatDuration(seconds: bigint): string {
  const s = seconds < 0n ? 0n : seconds
  const d = s / 86400n
  const h = (s % 86400n) / 3600n
  const m = (s % 3600n) / 60n
  return `${d}d ${h}h ${m}m`
}

export type BotResult = KeeperReport & {
  /** The keeper's configuration, to run it again later (`runKeeper(config)`). */
  config: KeeperConfig
  stakers: { alice: Address; bob: Address; carol: Address }
  keeper: Address
  symbioticVault: Address
  karakVault: Address
}

export async function main(options: ExampleOptions = {}): Promise<BotResult> {
  const log = options.log ?? console.log
  const devnet = options.devnet ?? (await startDevnet())
  try {
    const el = devnet.deployments.eigenlayer
    const sym = devnet.deployments.symbiotic
    const k = devnet.deployments.karak
    if (!el || !sym || !k)
      throw new Error('This example needs EigenLayer, Symbiotic and Karak on the devnet.')
    const weth = devnet.deployments.tokens.weth
    const { strategy, token } = el.fixture
    const pc = devnet.publicClient

    // Karak keeps no list of all vaults: find the devnet operator's vaults through Core, and name them
    // in the deployment so position reads know where to look.
    const core = { chainId: devnet.chain.id, core: k.core } satisfies KarakDeployment
    const [{ vaults } = { vaults: [] }] = await getOperatorVaults(pc, {
      operator: k.operator,
      deployment: core,
    })
    const karak: KarakDeployment = { ...core, vaults }
    const karakVault = (
      await Promise.all(
        vaults.map((v) =>
          devnet.publicClient.extend(restakingActions()).restaking.karak.getVault({ vault: v }),
        ),
      )
    ).find((v) => v.asset.toLowerCase() === weth.toLowerCase())!.address
    // A Symbiotic WETH vault with 1-day epochs.
    const { vault: symbioticVault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 86_400,
      delegatorType: 0,
      slasherType: 0,
    })

    const fundEach = { [token]: parseEther('10'), [weth]: parseEther('10') }
    // One at a time: the devnet funds from one deployer account, and parallel funding races its nonce.
    const alice = await devnet.newAccount({ tokens: fundEach })
    const bob = await devnet.newAccount({ tokens: fundEach })
    const carol = await devnet.newAccount({ tokens: fundEach })
    const keeper = await devnet.newAccount()
    const w = (a: Account) =>
      devnet.walletClient(a).extend(restakingActions({ eigenlayer: el, symbiotic: sym, karak }))
    const mined = async (hash: Promise<Hex>, step = true) => {
      const r = await pc.waitForTransactionReceipt({ hash: await hash })
      if (r.status !== 'success') throw new Error(`reverted: ${r.transactionHash}`)
      // The devnet mines a block per transaction, often several in one second. Symbiotic's gas
      // depends on whether the clock moved since the last checkpoint, and the SDK sends with the
      // node's gas estimate, so a same-second estimate can be too low for the next block: step 1 s.
      if (step) await devnet.increaseTime(1)
    }
    log(
      `Stakers: alice ${alice.address}, bob ${bob.address}, carol ${carol.address}; keeper ${keeper.address}.`,
    )

    // Day 0: alice queues an EigenLayer withdrawal and a Symbiotic one; bob starts a Karak redemption.
    const aw = w(alice)
    await mined(aw.restaking.eigenlayer.deposit({ strategy, token, amount: parseEther('4') }))
    await mined(
      aw.restaking.eigenlayer.queueWithdrawals({ strategies: [strategy], amounts: [parseEther('1')] }),
    )
    await mined(aw.restaking.symbiotic.deposit({ vault: symbioticVault, amount: parseEther('3') }))
    await mined(aw.restaking.symbiotic.withdraw({ vault: symbioticVault, amount: parseEther('2') }))
    const bw = w(bob)
    await mined(bw.restaking.karak.deposit({ vault: karakVault, amount: parseEther('5') }))
    await mined(bw.restaking.karak.startRedeem({ vault: karakVault, shares: parseEther('2') }))
    await mined(bw.restaking.symbiotic.deposit({ vault: symbioticVault, amount: parseEther('4') }))
    log(
      'Day 0: alice queued 1 token on EigenLayer and 2 WETH on Symbiotic; bob started redeeming 2 kWETH on Karak.',
    )

    // Nine days pass: Karak's delay (9 days) and alice's Symbiotic epoch are over.
    await devnet.increaseTime(9n * 86_400n)
    log('Nine days later…')

    // Day 9: new withdrawals that will not be ready at the scan.
    const cw = w(carol)
    await mined(cw.restaking.karak.deposit({ vault: karakVault, amount: parseEther('3') }))
    await mined(cw.restaking.karak.startRedeem({ vault: karakVault, shares: parseEther('3') }))
    await mined(bw.restaking.symbiotic.withdraw({ vault: symbioticVault, amount: parseEther('1') }))
    await mined(cw.restaking.eigenlayer.deposit({ strategy, token, amount: parseEther('2') }))
    // Last: this devnet's EigenLayer delay is 0 blocks, so a withdrawal queued in the latest block can
    // be completed by a transaction sent now (it lands in the next block): the scan finds it ready.
    await mined(
      cw.restaking.eigenlayer.queueWithdrawals({ strategies: [strategy], amounts: [parseEther('2')] }),
      false, // no clock step: the scan must come in this very block
    )
    log(
      'Day 9: carol started a Karak redemption and queued an EigenLayer withdrawal; bob withdrew 1 WETH on Symbiotic.',
    )

    const config: KeeperConfig = {
      devnet,
      stakers: [alice, bob, carol],
      keeper,
      eigenlayer: el,
      symbiotic: sym,
      karak,
      log,
    }
    const report = await runKeeper(config)
    log(
      `Keeper run: ${report.done.length} completed, ${report.left.length} left, ${report.failed.length} failed.`,
    )
    return {
      ...report,
      config,
      stakers: { alice: alice.address, bob: bob.address, carol: carol.address },
      keeper: keeper.address,
      symbioticVault,
      karakVault,
    }
  } finally {
    if (!options.devnet) await devnet.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
