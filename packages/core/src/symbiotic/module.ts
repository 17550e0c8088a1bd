import type { AnyProtocolModule } from '../kit/index.js'
import {
  claimFromVault,
  prepareClaimFromVault,
  simulateClaimFromVault,
  waitForClaimFromVault,
} from './actions/claimFromVault.js'
import {
  depositToVault,
  prepareDepositToVault,
  simulateDepositToVault,
  waitForDepositToVault,
} from './actions/depositToVault.js'
import { getStake } from './actions/getStake.js'
import { getSymbioticPositions } from './actions/getSymbioticPositions.js'
import { getVault } from './actions/getVault.js'
import { getVaultPosition } from './actions/getVaultPosition.js'
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
    getVaultPosition,
    listVaults,
    getStake,
    getSymbioticPositions,
    simulateDepositToVault,
    depositToVault,
    waitForDepositToVault,
    simulateWithdraw,
    withdraw,
    waitForWithdraw,
    simulateRedeem,
    redeem,
    waitForRedeem,
    simulateClaimFromVault,
    claimFromVault,
    waitForClaimFromVault,
  },
  prepare: { prepareDepositToVault, prepareWithdraw, prepareRedeem, prepareClaimFromVault },
} as const satisfies AnyProtocolModule
