import type { AnyProtocolModule } from '@restakekit/core'
import {
  claimWithdrawal,
  claimWithdrawals,
  prepareClaimWithdrawal,
  simulateClaimWithdrawal,
  waitForClaimWithdrawal,
} from './actions/claimWithdrawal.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import { getApr } from './actions/getApr.js'
import { getBacking } from './actions/getBacking.js'
import { getExitOptions } from './actions/getExitOptions.js'
import { getRate } from './actions/getRate.js'
import { getSupportedAssets } from './actions/getSupportedAssets.js'
import { getWithdrawalRequests } from './actions/getWithdrawalRequests.js'
import { previewDeposit } from './actions/previewDeposit.js'
import { previewWithdrawal } from './actions/previewWithdrawal.js'
import {
  prepareRequestWithdrawal,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForRequestWithdrawal,
} from './actions/requestWithdrawal.js'
import { type RenzoDeployment, renzoDeployments } from './deployments.js'
import { readRenzoSection } from './portfolio.js'

/**
 * The Renzo ezETH protocol module: reads, the four layers of deposit, requestWithdrawal and
 * claimWithdrawal, and a portfolio part. Add it to
 * `restakingActions({ protocols: [...defaultProtocolModules, renzo] })` to get `client.restaking.renzo`.
 */
export const renzo = {
  id: 'renzo',
  deployments: renzoDeployments as Readonly<Record<number, RenzoDeployment>>,
  portfolio: readRenzoSection,
  actions: {
    getRate,
    getApr,
    getSupportedAssets,
    previewDeposit,
    previewWithdrawal,
    getWithdrawalRequests,
    getExitOptions,
    getBacking,
    simulateDeposit,
    deposit,
    waitForDeposit,
    simulateRequestWithdrawal,
    requestWithdrawal,
    waitForRequestWithdrawal,
    simulateClaimWithdrawal,
    claimWithdrawal,
    claimWithdrawals,
    waitForClaimWithdrawal,
  },
  prepare: { prepareDeposit, prepareRequestWithdrawal, prepareClaimWithdrawal },
} as const satisfies AnyProtocolModule
