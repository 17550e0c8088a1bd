import { type Address, zeroAddress } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import { delegationManagerViewsAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetDelegationParameters = { staker: Address } & DeploymentParameter

/** The staker's operator, or `null` when not delegated. `isOperator` is true when the staker is itself an operator. */
export type GetDelegationReturnType = { operator: Address | null; isOperator: boolean }

export type GetDelegationErrorType = ReadErrorType

/** Who the staker is delegated to: one round trip. */
export async function getDelegation(
  client: EigenLayerReadClient,
  params: GetDelegationParameters,
): Promise<GetDelegationReturnType> {
  const staker = assertAddress('staker', params.staker)
  const d = getDeployment(client, params.deployment)
  const [to, isOp] = await readBatch(client, [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'delegatedTo',
      args: [staker],
    },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'isOperator',
      args: [staker],
    },
  ])
  const operator = unwrap<Address>(to)
  return { operator: operator === zeroAddress ? null : operator, isOperator: unwrap<boolean>(isOp) }
}
