import type { AnyProtocolModule } from '../kit/index.js'
import { burnShares, prepareBurnShares, simulateBurnShares, waitForBurnShares } from './actions/burnShares.js'
import {
  claimRewards,
  prepareClaimRewards,
  simulateClaimRewards,
  waitForClaimRewards,
} from './actions/claimRewards.js'
import {
  clearBurnOrRedistributableShares,
  prepareClearBurnOrRedistributableShares,
  simulateClearBurnOrRedistributableShares,
  waitForClearBurnOrRedistributableShares,
} from './actions/clearBurnOrRedistributableShares.js'
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
import { getPod, getValidator } from './actions/getPod.js'
import { getPortfolio } from './actions/getPortfolio.js'
import { getQueuedWithdrawals } from './actions/getQueuedWithdrawals.js'
import { getRewards } from './actions/getRewards.js'
import { getStrategy } from './actions/getStrategy.js'
import { getWithdrawalDelay } from './actions/getWithdrawalDelay.js'
import {
  prepareQueueWithdrawals,
  queueWithdrawals,
  simulateQueueWithdrawals,
  waitForQueueWithdrawals,
} from './actions/queueWithdrawals.js'
import { prepareRedelegate, redelegate, simulateRedelegate, waitForRedelegate } from './actions/redelegate.js'
import {
  getClaimer,
  prepareSetClaimerFor,
  setClaimerFor,
  simulateSetClaimerFor,
  waitForSetClaimerFor,
} from './actions/setClaimerFor.js'
import { prepareUndelegate, simulateUndelegate, undelegate, waitForUndelegate } from './actions/undelegate.js'
import { type EigenLayerDeployment, eigenlayerDeployments } from './deployments.js'
import { readEigenLayerSection } from './portfolio.js'
import { getRelease } from './release.js'
import { signDelegationApproval, signDeposit } from './signatures.js'

const actions = {
  waitForBurnShares,
  waitForClearBurnOrRedistributableShares,
  waitForDeposit,
  waitForDepositWithSignature,
  waitForDelegateTo,
  waitForUndelegate,
  waitForRedelegate,
  waitForQueueWithdrawals,
  waitForCompleteWithdrawals,
  waitForCreatePod,

  getBurnableShares,
  simulateBurnShares,
  burnShares,
  simulateClearBurnOrRedistributableShares,
  clearBurnOrRedistributableShares,
  getStrategy,
  getDeposits,
  getDelegation,
  getOperator,
  getQueuedWithdrawals,
  getWithdrawalDelay,
  getAllocations,
  getPortfolio,
  getPod,
  getValidator,
  getRelease,
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
  getClaimer,
  simulateSetClaimerFor,
  setClaimerFor,
  waitForSetClaimerFor,
  getRewards,
  simulateClaimRewards,
  claimRewards,
  waitForClaimRewards,
} as const

/**
 * The EigenLayer protocol module: its reads, its writes' four layers and its portfolio part.
 * `restakingActions()` binds it as `client.restaking.eigenlayer`.
 */
export const eigenlayer = {
  id: 'eigenlayer',
  deployments: eigenlayerDeployments as Readonly<Record<number, EigenLayerDeployment>>,
  portfolio: readEigenLayerSection,
  actions,
  prepare: {
    prepareSetClaimerFor,
    prepareClaimRewards,
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
