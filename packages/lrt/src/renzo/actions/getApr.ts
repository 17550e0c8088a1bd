import type { ReadClient } from '@restakekit/core'
import { type AprWindow, type LrtApr, getApr as lrtApr } from '../../apr.js'
import type { RenzoDeployment } from '../deployments.js'
import { getRate } from './getRate.js'

export type GetAprParameters = AprWindow & { deployment?: RenzoDeployment }

/** ezETH's APR: `getRate` read at two blocks, the growth annualized (see `@restakekit/lrt`'s `getApr`). */
export async function getApr(client: ReadClient, params: GetAprParameters): Promise<LrtApr> {
  const { deployment, ...window } = params
  return lrtApr(client, {
    ...window,
    protocol: 'Renzo',
    getRate: (c, { blockNumber }) => getRate(c, { blockNumber, ...(deployment ? { deployment } : {}) }),
  })
}
