import type { AnyProtocolModule } from '../kit/index.js'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import {
  finishRedeem,
  prepareFinishRedeem,
  simulateFinishRedeem,
  waitForFinishRedeem,
} from './actions/finishRedeem.js'
import { getOperatorVaults } from './actions/getOperatorVaults.js'
import { getPositions, getQueuedWithdrawals } from './actions/getPositions.js'
import { getVault } from './actions/getVault.js'
import { getWithdrawal } from './actions/getWithdrawal.js'
import {
  prepareStartRedeem,
  simulateStartRedeem,
  startRedeem,
  waitForStartRedeem,
} from './actions/startRedeem.js'
import { type KarakDeployment, karakDeployments } from './deployments.js'
import { readKarakSection } from './portfolio.js'

/**
 * The Karak protocol module: its reads, its writes' four layers and its portfolio part.
 * `restakingActions()` binds it as `client.restaking.karak`, under the same names.
 */
export const karak = {
  id: 'karak',
  deployments: karakDeployments as Readonly<Record<number, KarakDeployment>>,
  portfolio: readKarakSection,
  actions: {
    getVault,
    getOperatorVaults,
    getPositions,
    getQueuedWithdrawals,
    getWithdrawal,
    simulateDeposit,
    deposit,
    waitForDeposit,
    simulateStartRedeem,
    startRedeem,
    waitForStartRedeem,
    simulateFinishRedeem,
    finishRedeem,
    waitForFinishRedeem,
  },
  prepare: { prepareDeposit, prepareStartRedeem, prepareFinishRedeem },
} as const satisfies AnyProtocolModule
