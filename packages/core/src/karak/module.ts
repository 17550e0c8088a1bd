import type { AnyProtocolModule } from '../kit/index.js'
import {
  depositToKarakVault,
  prepareDepositToKarakVault,
  simulateDepositToKarakVault,
  waitForDepositToKarakVault,
} from './actions/depositToKarakVault.js'
import {
  finishKarakRedeem,
  getKarakWithdrawal,
  prepareFinishKarakRedeem,
  simulateFinishKarakRedeem,
  waitForFinishKarakRedeem,
} from './actions/finishKarakRedeem.js'
import { getKarakOperatorVaults } from './actions/getKarakOperatorVaults.js'
import { getKarakPositions, getKarakQueuedWithdrawals } from './actions/getKarakPositions.js'
import { getKarakVault } from './actions/getKarakVault.js'
import {
  prepareStartKarakRedeem,
  simulateStartKarakRedeem,
  startKarakRedeem,
  waitForStartKarakRedeem,
} from './actions/startKarakRedeem.js'
import { type KarakDeployment, karakDeployments } from './deployments.js'
import { readKarakSection } from './portfolio.js'

/**
 * The Karak protocol module: its reads, its writes' four layers and its portfolio part.
 * `restakingActions()` binds it as `client.restaking.karak`.
 */
export const karak = {
  id: 'karak',
  deployments: karakDeployments as Readonly<Record<number, KarakDeployment>>,
  portfolio: readKarakSection,
  actions: {
    getVault: getKarakVault,
    getOperatorVaults: getKarakOperatorVaults,
    getPositions: getKarakPositions,
    getQueuedWithdrawals: getKarakQueuedWithdrawals,
    getWithdrawal: getKarakWithdrawal,
    simulateDeposit: simulateDepositToKarakVault,
    deposit: depositToKarakVault,
    waitForDeposit: waitForDepositToKarakVault,
    simulateStartRedeem: simulateStartKarakRedeem,
    startRedeem: startKarakRedeem,
    waitForStartRedeem: waitForStartKarakRedeem,
    simulateFinishRedeem: simulateFinishKarakRedeem,
    finishRedeem: finishKarakRedeem,
    waitForFinishRedeem: waitForFinishKarakRedeem,
  },
  prepare: {
    prepareDeposit: prepareDepositToKarakVault,
    prepareStartRedeem: prepareStartKarakRedeem,
    prepareFinishRedeem: prepareFinishKarakRedeem,
  },
} as const satisfies AnyProtocolModule
