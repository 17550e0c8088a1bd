// The code of the guides (docs/guides/*.md, docs/errors.md), type-checked by `pnpm typecheck`:
// each `#region` is included in its page with VitePress's `<<< @/snippets/guides.ts#name`.
import {
  InsufficientBalanceError,
  RestakeKitError,
  restakingActions,
  StepFailedError,
  WithdrawalNotReadyError,
} from '@restakekit/core'
import { prepareDeposit as prepareEigenLayerDeposit } from '@restakekit/core/eigenlayer'
import type { KarakDeployment } from '@restakekit/core/karak'
import type { SymbioticDeployment } from '@restakekit/core/symbiotic'
import { prepareDeposit as prepareSymbioticDeposit } from '@restakekit/core/symbiotic'
import {
  type Address,
  ContractFunctionRevertedError,
  createPublicClient,
  createWalletClient,
  http,
} from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'

declare const staker: Address
declare const strategy: Address
declare const token: Address
declare const vault: Address
declare const collateral: Address
declare const safe: Address
declare const core: Address
declare const vaults: readonly Address[]
declare const amount: bigint
declare const symbioticDeployment: SymbioticDeployment
declare function showToast(message: string): void

const publicClient = createPublicClient({ chain: mainnet, transport: http() })
const account = privateKeyToAccount(`0x${'11'.repeat(32)}`)
const client = publicClient.extend(restakingActions())
const wallet = createWalletClient({ account, chain: mainnet, transport: http() }).extend(restakingActions())

export async function errorsGuide() {
  // #region errors
  try {
    await client.restaking.eigenlayer.simulateCompleteWithdrawals({ account: account.address })
  } catch (error) {
    if (error instanceof WithdrawalNotReadyError) showToast(`Ready: ${JSON.stringify(error.readyAt)}`)
    else if (error instanceof InsufficientBalanceError) showToast('Not enough tokens')
    else if (error instanceof RestakeKitError) showToast(error.shortMessage)
    else throw error // not a failure the SDK knows: network, bug
  }
  // #endregion errors
}

export async function devnetGuide() {
  // #region devnet
  const { startDevnet } = await import('@restakekit/devnet')
  const devnet = await startDevnet() // ≈ 1–2 s warm
  const alice = await devnet.newAccount({ tokens: { [devnet.deployments.tokens.weth]: 10n ** 18n } })
  const aliceWallet = devnet.walletClient(alice).extend(
    restakingActions({
      eigenlayer: devnet.deployments.eigenlayer,
      symbiotic: devnet.deployments.symbiotic,
    }),
  )
  const id = await devnet.snapshot()
  // ... transactions, e.g. aliceWallet.restaking.symbiotic.deposit({ vault, amount }) ...
  await devnet.revert(id) // back to the snapshot
  await devnet.mine(10) // blocks
  await devnet.increaseTime(7 * 24 * 3600) // seconds, then one block
  await devnet.stop()
  // #endregion devnet
  return aliceWallet
}

export async function portfolioGuide() {
  const karak: KarakDeployment = { core, vaults }
  // #region portfolio
  const client = publicClient.extend(
    restakingActions({ symbiotic: symbioticDeployment, karak }), // where the SDK has no known deployment
  )
  const everything = await client.restaking.getPortfolio({ staker }) // all three protocols
  const el = await client.restaking.eigenlayer.getPortfolio({ staker }) // EigenLayer in detail
  const sym = await client.restaking.symbiotic.getPositions({ staker })
  const karakPositions = await client.restaking.karak.getPositions({ staker })
  // #endregion portfolio
  return [everything, el, sym, karakPositions]
}

export function prepareGuide() {
  // #region prepare
  // import { prepareDeposit as prepareEigenLayerDeposit } from '@restakekit/core/eigenlayer'
  // import { prepareDeposit as prepareSymbioticDeposit } from '@restakekit/core/symbiotic'
  const calls = [
    ...prepareEigenLayerDeposit({ chainId: 1, strategy, token, amount }), // [approve, depositIntoStrategy]
    ...prepareSymbioticDeposit({ vault, amount, receiver: safe, collateral }), // [approve, deposit]
  ]
  // calls: readonly { to, data, value }[] — hand them to MultiSend, wallet_sendCalls, a UserOperation…
  // #endregion prepare
  return calls
}

export async function simulateGuide() {
  // #region simulate
  const { result, request } = await client.restaking.eigenlayer.simulateDeposit({
    account: account.address,
    strategy,
    token,
    amount,
  })
  // result: the shares the deposit will mint — show it, then ask for the signature
  // #endregion simulate
  return [result, request]
}

export async function sendGuide() {
  // #region send
  const hash = await wallet.restaking.eigenlayer.deposit({
    strategy,
    token,
    amount,
    onStage: (s) => console.log(s.stage), // checks, approval-sent, approval-mined, simulated, signing, sent…
  })
  // #endregion send
  // #region waitFor
  const { receipt, events, shares } = await client.restaking.eigenlayer.waitForDeposit(hash)
  const deposit = events.find((e) => e.eventName === 'Deposit') // e.args is typed
  // #endregion waitFor
  return [receipt, shares, deposit]
}

export async function stepFailedGuide() {
  // #region stepFailed
  try {
    await wallet.restaking.symbiotic.deposit({ vault, amount })
  } catch (error) {
    if (error instanceof StepFailedError) {
      error.step // 'symbiotic.deposit' — the step that failed
      error.completed // [{ step: 'approve', hash }] — what landed
      error.holdings // what the user holds now, read after the failure
      error.cause // why: often a typed error (DepositLimitReachedError, …) or a ContractRevertError
    }
  }
  // #endregion stepFailed
}

export function walkGuide(error: unknown) {
  // #region walk
  const raw = (error as RestakeKitError).walk((e) => e instanceof ContractFunctionRevertedError)
  // #endregion walk
  return raw
}
