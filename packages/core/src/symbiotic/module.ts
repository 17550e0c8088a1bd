import type { AnyProtocolModule } from '../kit/index.js'
import { claim, prepareClaim, simulateClaim, waitForClaim } from './actions/claim.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import { getPosition } from './actions/getPosition.js'
import { getPositions } from './actions/getPositions.js'
import { getStake } from './actions/getStake.js'
import { getVault } from './actions/getVault.js'
import { listVaults } from './actions/listVaults.js'
import {
  prepareRedeem,
  prepareWithdraw,
  redeem,
  simulateRedeem,
  simulateWithdraw,
  waitForRedeem,
  waitForWithdraw,
  withdraw,
} from './actions/withdraw.js'
import { type SymbioticDeployment, symbioticDeployments } from './deployments.js'
import { readSymbioticSection } from './portfolio.js'
import {
  claimOperatorRewards,
  distributeOperatorRewards,
  getOperatorRewards,
  prepareClaimOperatorRewards,
  prepareDistributeOperatorRewards,
  simulateClaimOperatorRewards,
  simulateDistributeOperatorRewards,
  waitForClaimOperatorRewards,
  waitForDistributeOperatorRewards,
} from './rewards/operator.js'
import {
  claimRewards,
  distributeRewards,
  getRewards,
  prepareClaimRewards,
  prepareDistributeRewards,
  simulateClaimRewards,
  simulateDistributeRewards,
  waitForClaimRewards,
  waitForDistributeRewards,
} from './rewards/staker.js'

/**
 * The Symbiotic protocol module: its reads, its writes' four layers and its portfolio part.
 * `restakingActions()` binds it as `client.restaking.symbiotic`.
 */
export const symbiotic = {
  id: 'symbiotic',
  deployments: symbioticDeployments as Readonly<Record<number, SymbioticDeployment>>,
  portfolio: readSymbioticSection,
  actions: {
    getVault,
    getPosition,
    getPositions,
    listVaults,
    getStake,
    simulateDeposit,
    deposit,
    waitForDeposit,
    simulateWithdraw,
    withdraw,
    waitForWithdraw,
    simulateRedeem,
    redeem,
    waitForRedeem,
    simulateClaim,
    claim,
    waitForClaim,
    getRewards,
    simulateClaimRewards,
    claimRewards,
    waitForClaimRewards,
    simulateDistributeRewards,
    distributeRewards,
    waitForDistributeRewards,
    getOperatorRewards,
    simulateClaimOperatorRewards,
    claimOperatorRewards,
    waitForClaimOperatorRewards,
    simulateDistributeOperatorRewards,
    distributeOperatorRewards,
    waitForDistributeOperatorRewards,
  },
  prepare: {
    prepareDeposit,
    prepareWithdraw,
    prepareRedeem,
    prepareClaim,
    prepareClaimRewards,
    prepareDistributeRewards,
    prepareClaimOperatorRewards,
    prepareDistributeOperatorRewards,
  },
} as const satisfies AnyProtocolModule
