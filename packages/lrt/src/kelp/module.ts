import type { AnyProtocolModule } from '@restakekit/core'
import {
  claimWithdrawal,
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
import { getWithdrawalForm } from './actions/getWithdrawalForm.js'
import { getWithdrawalRequests } from './actions/getWithdrawalRequests.js'
import { previewDeposit } from './actions/previewDeposit.js'
import { previewWithdrawal } from './actions/previewWithdrawal.js'
import {
  prepareRequestWithdrawal,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForRequestWithdrawal,
} from './actions/requestWithdrawal.js'
import { type KelpDeployment, kelpDeployments } from './deployments.js'
import { readKelpSection } from './portfolio.js'

/**
 * The Kelp rsETH protocol module: reads, the four layers of each write and a portfolio part. Add it to
 * `restakingActions({ protocols: [...defaultProtocolModules, kelp] })` to get `client.restaking.kelp`.
 */
export const kelp = {
  id: 'kelp',
  deployments: kelpDeployments as Readonly<Record<number, KelpDeployment>>,
  portfolio: readKelpSection,
  actions: {
    getRate,
    getApr,
    getSupportedAssets,
    previewDeposit,
    previewWithdrawal,
    getExitOptions,
    getWithdrawalRequests,
    getWithdrawalForm,
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
  prepare: { prepareDeposit, prepareRequestWithdrawal, prepareClaimWithdrawal },
} as const satisfies AnyProtocolModule
