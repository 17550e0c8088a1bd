import type { AnyProtocolModule } from '@restakekit/core'
import {
  claimWithdrawal,
  prepareClaimWithdrawal,
  prepareClaimWithdrawals,
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
import { type SwellDeployment, swellDeployments } from './deployments.js'
import { readSwellSection } from './portfolio.js'

/**
 * The Swell rswETH protocol module: reads, the writes' four layers and a portfolio part. Add it to
 * `restakingActions({ protocols: [...defaultProtocolModules, swell] })` to get `client.restaking.swell`.
 */
export const swell = {
  id: 'swell',
  deployments: swellDeployments as Readonly<Record<number, SwellDeployment>>,
  portfolio: readSwellSection,
  actions: {
    getRate,
    getApr,
    getSupportedAssets,
    previewDeposit,
    previewWithdrawal,
    getExitOptions,
    getWithdrawalRequests,
    getBacking,
    simulateDeposit,
    deposit,
    waitForDeposit,
    simulateRequestWithdrawal,
    requestWithdrawal,
    waitForRequestWithdrawal,
    simulateClaimWithdrawal,
    claimWithdrawal,
    waitForClaimWithdrawal,
  },
  prepare: { prepareDeposit, prepareRequestWithdrawal, prepareClaimWithdrawal, prepareClaimWithdrawals },
} as const satisfies AnyProtocolModule
