import type { ReadClient } from '@restakekit/core'
import { type AprWindow, type LrtApr, getApr as lrtApr } from '../../apr.js'
import type { EtherFiDeployment } from '../deployments.js'
import { getRate } from './getRate.js'

export type GetAprParameters = AprWindow & { deployment?: EtherFiDeployment }

/** eETH's (weETH `getRate`) APR: `getRate` read at two blocks, the growth annualized (see `@restakekit/lrt`'s `getApr`). */
export async function getApr(client: ReadClient, params: GetAprParameters): Promise<LrtApr> {
  const { deployment, ...window } = params
  return lrtApr(client, {
    ...window,
    protocol: 'ether.fi',
    getRate: (c, { blockNumber }) => getRate(c, { blockNumber, ...(deployment ? { deployment } : {}) }),
  })
}
