import type { AnyProtocolModule } from '@restakekit/core'
import { deposit, prepareDeposit, simulateDeposit, waitForDeposit } from './actions/deposit.js'
import { getBacking } from './actions/getBacking.js'
import { getRate } from './actions/getRate.js'
import { getSupportedAssets } from './actions/getSupportedAssets.js'
import { previewDeposit } from './actions/previewDeposit.js'
import { type KelpDeployment, kelpDeployments } from './deployments.js'
import { readKelpSection } from './portfolio.js'

/**
 * The Kelp rsETH protocol module: reads, the deposit's four layers and a portfolio part. Add it to
 * `restakingActions({ protocols: [...defaultProtocolModules, kelp] })` to get `client.restaking.kelp`.
 */
export const kelp = {
  id: 'kelp',
  deployments: kelpDeployments as Readonly<Record<number, KelpDeployment>>,
  portfolio: readKelpSection,
  actions: {
    getRate,
    getSupportedAssets,
    previewDeposit,
    getBacking,
    simulateDeposit,
    deposit,
    waitForDeposit,
  },
  prepare: { prepareDeposit },
} as const satisfies AnyProtocolModule
