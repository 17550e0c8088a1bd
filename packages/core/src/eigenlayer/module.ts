import type { AnyProtocolModule } from '../kit/index.js'
import { burnShares, prepareBurnShares, simulateBurnShares, waitForBurnShares } from './actions/burnShares.js'
import { prepareClearBurnOrRedistributableShares } from './actions/clearBurnOrRedistributableShares.js'
import {
  completeWithdrawals,
  prepareCompleteWithdrawals,
  simulateCompleteWithdrawals,
  waitForCompleteWithdrawals,
} from './actions/completeWithdrawals.js'
import { createPod, prepareCreatePod, simulateCreatePod, waitForCreatePod } from './actions/createPod.js'
import { delegateTo, prepareDelegateTo, simulateDelegateTo, waitForDelegateTo } from './actions/delegateTo.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import {
  depositWithSignature,
  prepareDepositWithSignature,
  simulateDepositWithSignature,
  waitForDepositWithSignature,
} from './actions/depositWithSignature.js'
import { getAllocations } from './actions/getAllocations.js'
import { getBurnableShares } from './actions/getBurnableShares.js'
import { getDelegation } from './actions/getDelegation.js'
import { getDeposits } from './actions/getDeposits.js'
import { getOperator } from './actions/getOperator.js'
import { getPod } from './actions/getPod.js'
import { getPortfolio } from './actions/getPortfolio.js'
import { getQueuedWithdrawals } from './actions/getQueuedWithdrawals.js'
import { getStrategy } from './actions/getStrategy.js'
import { getWithdrawalDelay } from './actions/getWithdrawalDelay.js'
import {
  prepareQueueWithdrawals,
  queueWithdrawals,
  simulateQueueWithdrawals,
  waitForQueueWithdrawals,
} from './actions/queueWithdrawals.js'
import { prepareRedelegate, redelegate, simulateRedelegate, waitForRedelegate } from './actions/redelegate.js'
import * as setClaimerForFile from './actions/setClaimerFor.js'
import { prepareUndelegate, simulateUndelegate, undelegate, waitForUndelegate } from './actions/undelegate.js'
import type { EigenLayerDeployment } from './deployments.js'
import type { EigenLayerWalletClient } from './internal.js'
import { eigenlayerPortfolio } from './portfolio.js'
import { signDelegationApproval, signDeposit } from './signatures.js'

const actions = {
  getBurnableShares,
  simulateBurnShares,
  burnShares,
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
  waitForBurnShares,
  waitForDeposit,
  waitForDepositWithSignature,
  waitForDelegateTo,
  waitForUndelegate,
  waitForRedelegate,
  waitForQueueWithdrawals,
  waitForCompleteWithdrawals,
  waitForCreatePod,
} as const

/**
 * Action files bound whole: each export named `prepareX` is a pure builder, every other export an
 * action taking `(client, params)`. Adding an action written with `defineWrite` is one entry here.
 */
const files = { ...setClaimerForFile }

type Files = typeof files
type PrepareKeys = Extract<keyof Files, `prepare${string}`>
const fileActions = pick(files, (k) => !k.startsWith('prepare')) as Omit<Files, PrepareKeys>
const filePrepare = pick(files, (k) => k.startsWith('prepare')) as Pick<Files, PrepareKeys>

function pick(from: object, keep: (key: string) => boolean): object {
  return Object.fromEntries(Object.entries(from).filter(([k]) => keep(k)))
}

/**
 * The EigenLayer protocol module: its reads, its writes' four layers and its portfolio part.
 * `restakingActions()` binds it as `client.restaking.eigenlayer`.
 */
export const eigenlayer = {
  ...eigenlayerPortfolio,
  actions: { ...actions, ...waits, ...fileActions },
  prepare: {
    ...filePrepare,
    prepareBurnShares,
    prepareClearBurnOrRedistributableShares,
    prepareCompleteWithdrawals,
    prepareCreatePod,
    prepareDelegateTo,
    prepareDeposit,
    prepareDepositWithSignature,
    prepareQueueWithdrawals,
    prepareRedelegate,
    prepareUndelegate,
  },
} as const satisfies AnyProtocolModule
