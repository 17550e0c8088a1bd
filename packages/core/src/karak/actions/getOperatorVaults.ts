import type { Address } from 'viem'
import { assertAddress, readBatch, unwrap } from '../../kit/index.js'
import { karakCoreViewsAbi } from '../abis.js'
import type { KarakDeployment } from '../deployments.js'
import { karakDeployment, type ReadClient } from './internal.js'

export type GetOperatorVaultsParameters = {
  /** One operator or several (one `eth_call` either way). */
  operator: Address | readonly Address[]
  deployment?: KarakDeployment
}
/** The vaults of each operator, in the order asked. */
export type GetOperatorVaultsReturnType = { operator: Address; vaults: Address[] }[]

/** The vaults Core deployed for an operator (`getOperatorVaults`), batched over operators. */
export async function getOperatorVaults(
  client: ReadClient,
  params: GetOperatorVaultsParameters,
): Promise<GetOperatorVaultsReturnType> {
  const list = typeof params.operator === 'string' ? [params.operator] : params.operator
  const operators = list.map((o, i) => assertAddress(`operator[${i}]`, o))
  const { core } = karakDeployment(client, params.deployment)
  const results = await readBatch(
    client,
    operators.map((operator) => ({
      address: core,
      abi: karakCoreViewsAbi,
      functionName: 'getOperatorVaults',
      args: [operator],
    })),
  )
  return operators.map((operator, i) => ({ operator, vaults: [...unwrap<readonly Address[]>(results[i])] }))
}
