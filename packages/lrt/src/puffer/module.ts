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
import {
  instantExit,
  prepareInstantExit,
  simulateInstantExit,
  waitForInstantExit,
} from './actions/instantExit.js'
import { previewDeposit } from './actions/previewDeposit.js'
import { previewWithdrawal } from './actions/previewWithdrawal.js'
import {
  prepareRequestWithdrawal,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForRequestWithdrawal,
} from './actions/requestWithdrawal.js'
import { type PufferDeployment, pufferDeployments } from './deployments.js'
import { readPufferSection } from './portfolio.js'

/**
 * The Puffer pufETH protocol module: reads, the writes' four layers and a portfolio part. Add it to
 * `restakingActions({ protocols: [...defaultProtocolModules, puffer] })` to get `client.restaking.puffer`.
 */
export const puffer = {
  id: 'puffer',
  deployments: pufferDeployments as Readonly<Record<number, PufferDeployment>>,
  portfolio: readPufferSection,
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
    simulateInstantExit,
    instantExit,
    waitForInstantExit,
  },
  prepare: {
    prepareDeposit,
    prepareRequestWithdrawal,
    prepareClaimWithdrawal,
    prepareClaimWithdrawals,
    prepareInstantExit,
  },
} as const satisfies AnyProtocolModule
