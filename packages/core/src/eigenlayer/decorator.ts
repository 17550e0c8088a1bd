import type { Chain, Client, Transport } from 'viem'
import {
  completeWithdrawals,
  simulateCompleteWithdrawals,
  waitForCompleteWithdrawals,
} from './actions/completeWithdrawals.js'
import { createPod, simulateCreatePod, waitForCreatePod } from './actions/createPod.js'
import { delegateTo, simulateDelegateTo, waitForDelegateTo } from './actions/delegateTo.js'
import { deposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import {
  depositWithSignature,
  simulateDepositWithSignature,
  waitForDepositWithSignature,
} from './actions/depositWithSignature.js'
import { getAllocations } from './actions/getAllocations.js'
import { getDelegation } from './actions/getDelegation.js'
import { getDeposits } from './actions/getDeposits.js'
import { getOperator } from './actions/getOperator.js'
import { getPod } from './actions/getPod.js'
import { getPortfolio } from './actions/getPortfolio.js'
import { getQueuedWithdrawals } from './actions/getQueuedWithdrawals.js'
import { getStrategy } from './actions/getStrategy.js'
import { getWithdrawalDelay } from './actions/getWithdrawalDelay.js'
import {
  queueWithdrawals,
  simulateQueueWithdrawals,
  waitForQueueWithdrawals,
} from './actions/queueWithdrawals.js'
import { redelegate, simulateRedelegate, waitForRedelegate } from './actions/redelegate.js'
import { simulateUndelegate, undelegate, waitForUndelegate } from './actions/undelegate.js'
import type { EigenLayerDeployment } from './deployments.js'
import type { EigenLayerWalletClient } from './internal.js'
import { signDelegationApproval, signDeposit } from './signatures.js'

type Tail<T extends readonly unknown[]> = T extends readonly [unknown, ...infer R] ? R : never
// biome-ignore lint/suspicious/noExplicitAny: matching any action signature
type AnyAction = (client: any, ...rest: any[]) => unknown
/** An action with its client argument bound. */
type Bound<F extends AnyAction> = (...args: Tail<Parameters<F>>) => ReturnType<F>

const actions = {
  getStrategy,
  getDeposits,
  getDelegation,
  getOperator,
  getQueuedWithdrawals,
  getWithdrawalDelay,
  getAllocations,
  getPortfolio,
  getPod,
  simulateDeposit,
  deposit,
  simulateDepositWithSignature,
  depositWithSignature,
  simulateDelegateTo,
  delegateTo,
  simulateUndelegate,
  undelegate,
  simulateRedelegate,
  redelegate,
  simulateQueueWithdrawals,
  queueWithdrawals,
  simulateCompleteWithdrawals,
  completeWithdrawals,
  simulateCreatePod,
  createPod,
  signDelegationApproval,
  signDeposit,
} as const

const waits = {
  waitForDeposit,
  waitForDepositWithSignature,
  waitForDelegateTo,
  waitForUndelegate,
  waitForRedelegate,
  waitForQueueWithdrawals,
  waitForCompleteWithdrawals,
  waitForCreatePod,
} as const

/** The EigenLayer actions bound to a client: `client.restaking.eigenlayer.getDeposits({ staker })`. */
export type EigenLayerActions = { [K in keyof typeof actions]: Bound<(typeof actions)[K]> } & {
  [K in keyof typeof waits]: Bound<(typeof waits)[K]>
}

/**
 * Binds every EigenLayer action to `client`. With `deployment`, each call uses it unless the call
 * passes its own. Write actions need a wallet client (with an account, or pass `account`).
 */
export function eigenlayerActions(
  client: Client<Transport, Chain | undefined>,
  deployment?: EigenLayerDeployment,
): EigenLayerActions {
  const bound: Record<string, unknown> = {}
  for (const [name, fn] of Object.entries(actions)) {
    bound[name] = (params?: Record<string, unknown>) =>
      (fn as (c: unknown, p: unknown) => unknown)(
        client as EigenLayerWalletClient,
        deployment && params?.deployment === undefined ? { ...params, deployment } : (params ?? {}),
      )
  }
  for (const [name, fn] of Object.entries(waits)) {
    bound[name] = (hash: unknown) => (fn as (c: unknown, h: unknown) => unknown)(client, hash)
  }
  return bound as EigenLayerActions
}
