import type { ReadErrorType } from '../../errors.js'
import { readBatch, unwrap } from '../../tx.js'
import { allocationManagerAbi, delegationManagerViewsAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetWithdrawalDelayParameters = DeploymentParameter

export type GetWithdrawalDelayReturnType = {
  /** `DelegationManager.minWithdrawalDelayBlocks()`: a withdrawal queued in block N completes from block N + this + 1. */
  withdrawalDelayBlocks: number
  /** `AllocationManager.DEALLOCATION_DELAY()`, or `null` where the view is missing. */
  deallocationDelayBlocks: number | null
  /** `AllocationManager.ALLOCATION_CONFIGURATION_DELAY()`, or `null` where the view is missing. */
  allocationConfigurationDelayBlocks: number | null
}

export type GetWithdrawalDelayErrorType = ReadErrorType

/** The protocol delays, read from chain (never assumed): one round trip. */
export async function getWithdrawalDelay(
  client: EigenLayerReadClient,
  params: GetWithdrawalDelayParameters = {},
): Promise<GetWithdrawalDelayReturnType> {
  const d = getDeployment(client, params.deployment)
  const [w, dealloc, config] = await readBatch(client, [
    {
      address: d.delegationManager,
      abi: delegationManagerViewsAbi,
      functionName: 'minWithdrawalDelayBlocks',
    },
    { address: d.allocationManager, abi: allocationManagerAbi, functionName: 'DEALLOCATION_DELAY' },
    {
      address: d.allocationManager,
      abi: allocationManagerAbi,
      functionName: 'ALLOCATION_CONFIGURATION_DELAY',
    },
  ])
  return {
    withdrawalDelayBlocks: unwrap<number>(w),
    deallocationDelayBlocks: dealloc?.status === 'success' ? (dealloc.result as number) : null,
    allocationConfigurationDelayBlocks: config?.status === 'success' ? (config.result as number) : null,
  }
}
