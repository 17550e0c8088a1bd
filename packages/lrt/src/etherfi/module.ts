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
import { getWithdrawalRequests } from './actions/getWithdrawalRequests.js'
import {
  instantExit,
  prepareInstantExit,
  simulateInstantExit,
  waitForInstantExit,
} from './actions/instantExit.js'
import { previewDeposit } from './actions/previewDeposit.js'
import { previewInstantExit } from './actions/previewInstantExit.js'
import { previewWithdrawal } from './actions/previewWithdrawal.js'
import {
  prepareRequestWithdrawal,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForRequestWithdrawal,
} from './actions/requestWithdrawal.js'
import { prepareUnwrap, simulateUnwrap, unwrap, waitForUnwrap } from './actions/unwrap.js'
import { prepareWrap, simulateWrap, waitForWrap, wrap } from './actions/wrap.js'
import { type EtherFiDeployment, etherfiDeployments } from './deployments.js'
import { readEtherFiSection } from './portfolio.js'

/**
 * The ether.fi eETH / weETH protocol module: reads, the writes' four layers and a portfolio part.
 * Add it to `restakingActions({ protocols: [...defaultProtocolModules, etherfi] })` to get
 * `client.restaking.etherfi`.
 */
export const etherfi = {
  id: 'etherfi',
  deployments: etherfiDeployments as Readonly<Record<number, EtherFiDeployment>>,
  portfolio: readEtherFiSection,
  actions: {
    getRate,
    getApr,
    getSupportedAssets,
    previewDeposit,
    previewWithdrawal,
    previewInstantExit,
    getExitOptions,
    getWithdrawalRequests,
    getBacking,
    simulateDeposit,
    deposit,
    waitForDeposit,
    simulateWrap,
    wrap,
    waitForWrap,
    simulateUnwrap,
    unwrap,
    waitForUnwrap,
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
    prepareWrap,
    prepareUnwrap,
    prepareRequestWithdrawal,
    prepareClaimWithdrawal,
    prepareInstantExit,
  },
} as const satisfies AnyProtocolModule
