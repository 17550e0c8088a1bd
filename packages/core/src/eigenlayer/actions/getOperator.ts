import { type Address, zeroAddress } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import { allocationManagerStakerAbi, delegationManagerViewsAbi } from '../abis.js'
import { eigenlayerDeployments } from '../deployments.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetOperatorParameters = {
  operator: Address
  /** Strategies to report shares for; default: the deployment's known strategies. */
  strategies?: readonly Address[]
} & DeploymentParameter

export type GetOperatorReturnType = {
  operator: Address
  registered: boolean
  /** The delegation approver, or `null` when anyone may delegate. */
  delegationApprover: Address | null
  /** `AllocationManager.getAllocationDelay`: `isSet` false until the operator configured one. */
  allocationDelay: { isSet: boolean; blocks: number }
  /** Delegated shares and max magnitude per strategy. */
  shares: { strategy: Address; shares: bigint; maxMagnitude: bigint }[]
}

export type GetOperatorErrorType = ReadErrorType

/** An operator's registration, approver, allocation delay and shares per strategy: one round trip. */
export async function getOperator(
  client: EigenLayerReadClient,
  params: GetOperatorParameters,
): Promise<GetOperatorReturnType> {
  const operator = assertAddress('operator', params.operator)
  const d = getDeployment(client, params.deployment, eigenlayerDeployments)
  const strategies = (params.strategies ?? Object.values(d.strategies ?? {}).map((s) => s.strategy)).map(
    (s, i) => assertAddress(`strategies[${i}]`, s),
  )
  const [registered, approver, delay, shares, maxMags] = await readBatch(client, [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'isOperator',
      args: [operator],
    },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'delegationApprover',
      args: [operator],
    },
    {
      address: d.allocationManager,
      abi: allocationManagerStakerAbi,
      functionName: 'getAllocationDelay',
      args: [operator],
    },
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'getOperatorShares',
      args: [operator, strategies],
    },
    {
      address: d.allocationManager,
      abi: allocationManagerStakerAbi,
      functionName: 'getMaxMagnitudes',
      args: [operator, strategies],
    },
  ])
  const [isSet, blocks] = unwrap<readonly [boolean, number]>(delay)
  const s = unwrap<readonly bigint[]>(shares)
  const m = unwrap<readonly bigint[]>(maxMags)
  const a = unwrap<Address>(approver)
  return {
    operator,
    registered: unwrap<boolean>(registered),
    delegationApprover: a === zeroAddress ? null : a,
    allocationDelay: { isSet, blocks },
    shares: strategies.map((strategy, i) => ({ strategy, shares: s[i] ?? 0n, maxMagnitude: m[i] ?? 0n })),
  }
}
