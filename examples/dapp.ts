// A dApp backend/frontend flow on EigenLayer, through restakekit's decorator and write layers:
//   1. read the user's portfolio (what the app shows on load),
//   2. approve, show the simulated deposit, deposit, wait for the typed `Deposit` event,
//   3. show the simulated delegation, delegate, wait for the typed `StakerDelegated` event,
//   4. show how a second "Delegate" click is refused before signing, and read the portfolio again.
//
// Run it: npx tsx examples/dapp.ts   (starts its own local chain; EigenLayer fixture required)

import { registerAsOperator } from '@restakekit/avs/eigenlayer'
import {
  AlreadyDelegatedError,
  ensureAllowance,
  type GetPortfolioReturnType,
  RestakeKitError,
  restakingActions,
} from '@restakekit/core'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, formatEther, type Hex, parseEther } from 'viem'

export type DappResult = {
  staker: Address
  operator: Address
  strategy: Address
  token: Address
  amount: bigint
  /** Shares the simulation promised, and the shares the `Deposit` event reported. */
  simulatedShares: bigint
  depositedShares: bigint | undefined
  /** The approval's hash, or null when the allowance already covered the amount. */
  approval: Hex | null
  depositHash: Hex
  delegateHash: Hex
  /** The operator named by the `StakerDelegated` event. */
  delegatedTo: Address | undefined
  /** What the app shows when the user tries to delegate a second time. */
  secondClick: string
  before: GetPortfolioReturnType
  after: GetPortfolioReturnType
}

export type ExampleOptions = {
  /** Use this devnet (left running) instead of starting and stopping one. */
  devnet?: Devnet
  /** Where the plain-words narration goes (default: console.log). */
  log?: (line: string) => void
}

export async function main(options: ExampleOptions = {}): Promise<DappResult> {
  const log = options.log ?? console.log
  const devnet = options.devnet ?? (await startDevnet({ symbiotic: false, karak: false }))
  try {
    const el = devnet.deployments.eigenlayer
    if (!el) throw new Error('This example needs the EigenLayer fixture (see docs/guides/devnet.md).')
    const { strategy, token } = el.fixture
    const amount = parseEther('5')

    // A read client for the app: one decorator gives every protocol's actions.
    // the devnet hands its EigenLayer deployment (from the state it loaded) to the SDK
    const client = devnet.publicClient.extend(restakingActions({ eigenlayer: el }))

    // The setting: a user holding 5 tokens, and an operator open for delegation.
    const user = await devnet.newAccount({ tokens: { [token]: amount } })
    const operator = await devnet.newAccount()
    // the operator side is @restakekit/avs (the metadata URI is checked before sending)
    const opHash = await registerAsOperator(devnet.walletClient(operator), {
      deployment: el,
      metadataURI: 'ipfs://restakekit-example-operator',
      allocationDelay: 0,
    })
    await devnet.publicClient.waitForTransactionReceipt({ hash: opHash })
    log(
      `User ${user.address} holds ${formatEther(amount)} tokens; operator ${operator.address} is registered.`,
    )

    // 1. What the app shows on load.
    const before = await client.restaking.eigenlayer.getPortfolio({ staker: user.address })
    log(
      `Portfolio at block ${before.blockNumber}: ${before.deposits.length} deposits, ` +
        `delegated to ${before.delegation.operator ?? 'nobody'}, ${before.queuedWithdrawals.length} queued withdrawals.`,
    )

    // The user's wallet: the same decorator on a wallet client.
    const wallet = devnet.walletClient(user).extend(restakingActions({ eigenlayer: el }))

    // 2. Deposit. The approval is its own, explicit step (exact amount, skipped if already enough).
    const approval = await ensureAllowance(wallet, { token, spender: el.strategyManager, amount })
    log(
      approval
        ? `Approved the StrategyManager for exactly ${formatEther(amount)} tokens (${approval}).`
        : 'The allowance already covers the deposit; no approval sent.',
    )
    // Simulate first and show the user what they will get, before asking them to sign.
    const simulated = await wallet.restaking.eigenlayer.simulateDeposit({ strategy, token, amount })
    log(
      `Simulation: depositing ${formatEther(amount)} tokens mints ${simulated.result} shares. Asking to sign…`,
    )
    const depositHash = await wallet.restaking.eigenlayer.deposit({ strategy, token, amount })
    const deposited = await client.restaking.eigenlayer.waitForDeposit(depositHash)
    const depositEvent = deposited.events.find((e) => e.eventName === 'Deposit')
    log(
      `Deposit mined in block ${deposited.receipt.blockNumber}: event ${depositEvent?.eventName} ` +
        `credited ${deposited.shares} shares in strategy ${strategy}.`,
    )

    // 3. Delegate, the same way: simulate (all checks run here), then send, then wait.
    await wallet.restaking.eigenlayer.simulateDelegateTo({ operator: operator.address })
    log(`Simulation: delegating to ${operator.address} would succeed (registered, no approver needed).`)
    const delegateHash = await wallet.restaking.eigenlayer.delegateTo({ operator: operator.address })
    const delegated = await client.restaking.eigenlayer.waitForDelegateTo(delegateHash)
    const moved = delegated.events.find((e) => e.eventName === 'OperatorSharesIncreased')
    log(
      `Delegation mined: StakerDelegated names ${delegated.operator}; the operator's shares grew by ` +
        `${moved ? (moved.args as { shares: bigint }).shares : 0n}.`,
    )

    // A second click on "Delegate" is caught before anything is signed: the simulate layer reads the
    // delegation first and throws a typed error the app turns into a hint.
    let secondClick = 'allowed'
    try {
      await wallet.restaking.eigenlayer.simulateDelegateTo({ operator: operator.address })
    } catch (error) {
      if (!(error instanceof AlreadyDelegatedError)) throw error
      secondClick = `Already delegated to ${error.operator}; use redelegate to move to another operator.`
    }
    log(`Delegating again: ${secondClick}`)

    // 4. Read again: what the app shows now.
    const after = await client.restaking.eigenlayer.getPortfolio({ staker: user.address })
    for (const d of after.deposits) {
      log(
        `Now: ${d.withdrawableShares} withdrawable shares in ${d.strategy} ` +
          `(worth ${formatEther(d.underlyingAmount)} tokens), delegated to ${after.delegation.operator}.`,
      )
    }

    return {
      staker: user.address,
      operator: operator.address,
      strategy,
      token,
      amount,
      simulatedShares: simulated.result,
      depositedShares: deposited.shares,
      approval,
      depositHash,
      delegateHash,
      delegatedTo: delegated.operator,
      secondClick,
      before,
      after,
    }
  } catch (error) {
    // Every failure the SDK can name is a RestakeKitError with a one-line message for the user.
    if (error instanceof RestakeKitError) log(`Stopped: ${error.shortMessage}`)
    throw error
  } finally {
    if (!options.devnet) await devnet.stop()
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main()
}
