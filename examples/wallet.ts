// A wallet / Safe team adding restaking: the SDK builds the calls, the wallet decides how to send them.
//   1. `prepareX` call lists (frozen `{ to, data, value }`): approve + EigenLayer deposit, approve + Symbiotic deposit,
//      approve + a Kelp rsETH deposit of an LST (an LRT; its minOut from the preview travels in the call),
//   2. how a Safe (MultiSend) or an EIP-5792 wallet (`wallet_sendCalls`) would batch them,
//   3. execute them one by one from the wallet's account, and read the positions back to prove them right,
//   4. pre-flight checks: typed errors (amount above balance, withdrawal not ready: an EigenLayer delay, a Symbiotic epoch)
//      turned into messages for the user, before anything is sent.
//
// Run it: npx tsx examples/wallet.ts   (starts its own local chain with EigenLayer, Symbiotic and the Kelp doubles)
import {
  type Call,
  getDeposits,
  getQueuedWithdrawals,
  InsufficientActiveBalanceError,
  InsufficientBalanceError,
  prepareDeposit,
  prepareQueueWithdrawals,
  RestakeKitError,
  type SymbioticVaultPosition,
  simulateCompleteWithdrawals,
  simulateDeposit,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import {
  getPosition,
  prepareDeposit as prepareSymbioticDeposit,
  prepareWithdraw,
  simulateClaim,
  simulateDeposit as simulateSymbioticDeposit,
} from '@restakekit/core/symbiotic'
import { createSymbioticVault, type Devnet, startDevnet } from '@restakekit/devnet'
import {
  KELP_DEFAULT_SLIPPAGE_BPS,
  type KelpDeployment,
  prepareDeposit as prepareKelpDeposit,
  previewDeposit as previewKelpDeposit,
} from '@restakekit/lrt/kelp'
import {
  type Address,
  concatHex,
  decodeFunctionData,
  encodeFunctionData,
  encodePacked,
  erc20Abi,
  formatEther,
  type Hex,
  parseAbi,
  parseEther,
  size,
} from 'viem'
import type { ExampleOptions } from './dapp.js'

/** What the wallet shows the user for an error the SDK raised before sending. */
export function toUserMessage(error: unknown): string {
  if (error instanceof InsufficientBalanceError)
    return `Not enough funds: you have ${formatEther(error.balance)}, this needs ${formatEther(error.required)}.`
  if (error instanceof InsufficientActiveBalanceError)
    return `You can withdraw at most ${formatEther(error.available)} from this vault.`
  if (error instanceof WithdrawalNotReadyError) {
    const at = error.readyAt
    const now = error.now
    const when =
      at === undefined
        ? 'later'
        : 'block' in at
          ? `from block ${at.block}`
          : `at ${new Date(Number(at.timestamp) * 1000).toUTCString()} (unix ${at.timestamp})`
    const wait =
      at && now && 'block' in at && 'block' in now ? ` (${at.block - now.block} block(s) from now)` : ''
    return `This withdrawal is still in its delay; you can complete it ${when}${wait}.`
  }
  if (error instanceof RestakeKitError) return error.shortMessage
  return 'Something went wrong; nothing was sent.'
}

export type WalletCheck = { check: string; error: string; message: string }

export type WalletResult = {
  account: Address
  vault: Address
  eigenlayerCalls: readonly Call[]
  symbioticCalls: readonly Call[]
  /** Approve + Kelp `depositAsset(lst, amount, minOut, referralId)`: an LRT deposit as a call list. */
  kelpCalls: readonly Call[]
  /** The Kelp deployment (the devnet's doubles) and the LST deposited. */
  kelp: { deployment: KelpDeployment; lst: Address; amount: bigint; preview: bigint; minOut: bigint }
  /** The account's rsETH after the calls were sent. */
  rsETH: bigint
  /** The Safe MultiSend call data batching all six calls. */
  multiSendData: Hex
  /** One receipt status per call sent, in order. */
  statuses: ('success' | 'reverted')[]
  eigenlayerShares: bigint
  symbioticPosition: SymbioticVaultPosition
  checks: WalletCheck[]
  /** The account's nonce just before and just after the pre-flight checks (equal: nothing was sent). */
  nonceBeforeChecks: number
  nonceAfterChecks: number
}

const strategyManagerFunctions = parseAbi([
  'function depositIntoStrategy(address strategy, address token, uint256 amount)',
])
const vaultFunctions = parseAbi(['function deposit(address onBehalfOf, uint256 amount)'])
const kelpPoolFunctions = parseAbi([
  'function depositAsset(address asset, uint256 depositAmount, uint256 minRSETHAmountExpected, string referralId)',
])

const multiSendAbi = parseAbi(['function multiSend(bytes transactions)'])

/**
 * The data of a Safe `MultiSend.multiSend` call for a list of calls: each call packed as
 * `operation (uint8, 0 = call) · to · value · data length · data`, all concatenated.
 */
export function encodeMultiSend(list: readonly Call[]): Hex {
  const packed = concatHex(
    list.map((c) =>
      encodePacked(
        ['uint8', 'address', 'uint256', 'uint256', 'bytes'],
        [0, c.to, c.value, BigInt(size(c.data)), c.data],
      ),
    ),
  )
  return encodeFunctionData({ abi: multiSendAbi, functionName: 'multiSend', args: [packed] })
}

/** A one-line description of a call, decoded against the ABIs the wallet knows. */
function describeCall(call: Call): string {
  for (const abi of [erc20Abi, strategyManagerFunctions, vaultFunctions, kelpPoolFunctions]) {
    try {
      const { functionName, args } = decodeFunctionData({ abi, data: call.data })
      return `${call.to}.${functionName}(${(args ?? []).map(String).join(', ')})`
    } catch {
      // not this ABI
    }
  }
  return `${call.to} data ${call.data.slice(0, 10)}…`
}

export async function main(options: ExampleOptions = {}): Promise<WalletResult> {
  const log = options.log ?? console.log
  const devnet: Devnet = options.devnet ?? (await startDevnet({ karak: false, kelp: true }))
  try {
    const el = devnet.deployments.eigenlayer
    if (!el) throw new Error('This example needs the EigenLayer fixture (see docs/guides/devnet.md).')
    const weth = devnet.deployments.tokens.weth
    const { strategy, token } = el.fixture
    const pc = devnet.publicClient
    const chainId = devnet.chain.id

    const k = devnet.deployments.kelp
    if (!k) throw new Error('This example needs the Kelp doubles (startDevnet({ kelp: true })).')
    const kelpDeployment: KelpDeployment = {
      chainId,
      lrtConfig: k.lrtConfig,
      rsETH: k.rsETH,
      lrtOracle: k.lrtOracle,
      lrtDepositPool: k.lrtDepositPool,
      lrtWithdrawalManager: k.lrtWithdrawalManager,
    }
    // Kelp's LST on the devnet is the EigenLayer test token (a stand-in, restaked by Kelp's node delegator)
    const lst = k.assets.lst

    const elAmount = parseEther('3')
    const symAmount = parseEther('2')
    const kelpAmount = parseEther('1.5')
    // The account holds a little more than it deposits, so the balance errors below have numbers to show.
    const user = await devnet.newAccount({
      tokens: {
        [token]: elAmount + parseEther('1') + (lst === token ? kelpAmount : 0n),
        [weth]: symAmount + parseEther('0.5'),
        ...(lst === token ? {} : { [lst]: kelpAmount }),
      },
    })
    // A Symbiotic WETH vault with 1-hour epochs (the vault curator's side, a devnet helper).
    const { vault } = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    log(
      `Wallet account ${user.address}: ${formatEther(elAmount + parseEther('1'))} EigenLayer test tokens, ` +
        `${formatEther(symAmount + parseEther('0.5'))} WETH. It will deposit ${formatEther(elAmount)} and ${formatEther(symAmount)}.`,
    )

    // 1. The call lists. Pure: no client, no network; the deployment is the devnet's (on a public
    // network, `chainId` alone picks the SDK's known deployment).
    const eigenlayerCalls = prepareDeposit({ deployment: el, strategy, token, amount: elAmount })
    const symbioticCalls = prepareSymbioticDeposit({
      vault,
      amount: symAmount,
      receiver: user.address,
      collateral: weth,
    })
    // An LRT deposit: Kelp takes a min-out argument (`minRSETHAmountExpected`), so the call list carries
    // the user's floor itself. The wallet reads the preview once and allows 0.5 % of slippage.
    const kelpPreview = await previewKelpDeposit(pc, {
      asset: lst,
      amount: kelpAmount,
      deployment: kelpDeployment,
    })
    const kelpMinOut = kelpPreview - (kelpPreview * KELP_DEFAULT_SLIPPAGE_BPS) / 10_000n
    const kelpCalls = prepareKelpDeposit({
      deployment: kelpDeployment,
      asset: lst,
      amount: kelpAmount,
      minOut: kelpMinOut,
    })
    log(`EigenLayer deposit, ${eigenlayerCalls.length} calls (frozen: ${Object.isFrozen(eigenlayerCalls)}):`)
    for (const c of eigenlayerCalls) log(`  ${describeCall(c)}`)
    log(`Symbiotic deposit, ${symbioticCalls.length} calls:`)
    for (const c of symbioticCalls) log(`  ${describeCall(c)}`)
    log(
      `Kelp rsETH deposit of ${formatEther(kelpAmount)} LST (preview ${formatEther(kelpPreview)} rsETH, ` +
        `minOut ${formatEther(kelpMinOut)}), ${kelpCalls.length} calls:`,
    )
    for (const c of kelpCalls) log(`  ${describeCall(c)}`)

    // 2. Batching: the lists are already in the shape batchers take.
    const all = [...eigenlayerCalls, ...symbioticCalls, ...kelpCalls]
    const sendCalls = {
      version: '2.0.0',
      chainId: `0x${chainId.toString(16)}`,
      from: user.address,
      atomicRequired: true,
      calls: all.map((c) => ({ to: c.to, data: c.data, value: `0x${c.value.toString(16)}` })),
    }
    const multiSendData = encodeMultiSend(all)
    log(
      `Batched for a Safe: one delegatecall to MultiSend with ${size(multiSendData)} bytes of data ` +
        `(${multiSendData.slice(0, 10)}…), the ${all.length} calls packed in order.`,
    )
    log('Batched for an EIP-5792 wallet: this wallet_sendCalls request:')
    log(JSON.stringify(sendCalls, null, 2))

    // 3. This wallet has no batching, so it sends them one by one, in order, and checks each receipt.
    const wallet = devnet.walletClient(user)
    const statuses: ('success' | 'reverted')[] = []
    for (const c of all) {
      const hash: Hex = await wallet.sendTransaction({ to: c.to, data: c.data, value: c.value })
      const receipt = await pc.waitForTransactionReceipt({ hash })
      statuses.push(receipt.status)
      log(`  sent ${describeCall(c).split('(')[0]} → ${receipt.status} (block ${receipt.blockNumber})`)
    }
    const [deposit] = await getDeposits(pc, { deployment: el, staker: user.address })
    const symbioticPosition = await getPosition(pc, { vault, staker: user.address })
    const rsETH = await pc.readContract({
      address: k.rsETH,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [user.address],
    })
    log(
      `Proof: EigenLayer now credits ${deposit?.depositShares ?? 0n} shares ` +
        `(worth ${formatEther(deposit?.underlyingAmount ?? 0n)} tokens); the Symbiotic vault holds ` +
        `${formatEther(symbioticPosition.activeBalance)} WETH active for the account; it holds ` +
        `${formatEther(rsETH)} rsETH.`,
    )

    // Set up the situations a wallet must explain: a queued EigenLayer withdrawal and a Symbiotic withdrawal,
    // both sent from prepared calls as above.
    const withdrawCalls = [
      ...prepareQueueWithdrawals({
        deployment: el,
        account: user.address,
        strategies: [strategy],
        depositShares: [(deposit?.depositShares ?? 0n) / 3n],
      }),
      ...prepareWithdraw({ vault, amount: parseEther('1'), receiver: user.address }),
    ]
    // The devnet mines several blocks per second; Symbiotic's gas depends on whether the clock moved
    // since the deposit, and a same-second gas estimate can be too low for the next block: step 1 s.
    await devnet.increaseTime(1)
    // Symbiotic first, so the EigenLayer withdrawal is queued in the latest block (the devnet's delay is 0 blocks).
    for (const c of [...withdrawCalls].reverse()) {
      const receipt = await pc.waitForTransactionReceipt({ hash: await wallet.sendTransaction(c) })
      statuses.push(receipt.status)
    }
    log('Queued an EigenLayer withdrawal of 1/3 of the shares and a Symbiotic withdrawal of 1 WETH.')

    // 4. Pre-flight: every check below runs before the wallet would ask for a signature.
    const nonceBeforeChecks = await pc.getTransactionCount({ address: user.address })
    const checks: WalletCheck[] = []
    const expectTypedError = async (check: string, attempt: () => Promise<unknown>) => {
      try {
        await attempt()
        checks.push({ check, error: 'none', message: 'ok to sign' })
        log(`  ${check}: ok to sign`)
      } catch (error) {
        if (!(error instanceof RestakeKitError)) throw error
        const message = toUserMessage(error)
        checks.push({ check, error: error.name, message })
        log(`  ${check}: ${error.name} → "${message}"`)
      }
    }
    log('Pre-flight checks (nothing is sent):')
    await expectTypedError('deposit 100 tokens into EigenLayer', () =>
      simulateDeposit(pc, {
        deployment: el,
        account: user.address,
        strategy,
        token,
        amount: parseEther('100'),
      }),
    )
    await expectTypedError('deposit 100 WETH into the Symbiotic vault', () =>
      simulateSymbioticDeposit(pc, { account: user.address, vault, amount: parseEther('100') }),
    )
    const queued = await getQueuedWithdrawals(pc, { deployment: el, staker: user.address })
    await expectTypedError('complete the EigenLayer withdrawal now', () =>
      simulateCompleteWithdrawals(pc, {
        deployment: el,
        account: user.address,
        withdrawals: queued.withdrawals.map((w) => w.root),
      }),
    )
    const pending = await getPosition(pc, { vault, staker: user.address })
    const bucket = pending.withdrawals[0]?.epoch ?? pending.currentEpoch + 1n
    await expectTypedError(`claim Symbiotic epoch ${bucket} now`, () =>
      simulateClaim(pc, { account: user.address, vault, epoch: bucket }),
    )
    const nonceAfterChecks = await pc.getTransactionCount({ address: user.address })
    log(`Nonce before the checks ${nonceBeforeChecks}, after ${nonceAfterChecks}: nothing was sent.`)

    return {
      account: user.address,
      vault,
      eigenlayerCalls,
      symbioticCalls,
      kelpCalls,
      kelp: { deployment: kelpDeployment, lst, amount: kelpAmount, preview: kelpPreview, minOut: kelpMinOut },
      rsETH,
      multiSendData,
      statuses,
      eigenlayerShares: deposit?.depositShares ?? 0n,
      symbioticPosition,
      checks,
      nonceBeforeChecks,
      nonceAfterChecks,
    }
  } finally {
    if (!options.devnet) await devnet.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
