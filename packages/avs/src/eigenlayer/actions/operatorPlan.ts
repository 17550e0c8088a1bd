import {
  type EigenLayerDeployment,
  OperatorNotRegisteredError,
  type ReadPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import { operatorDelegationAbi } from '../abis.js'

/** Reads whether `operator` is registered (one read, at the landing block). */
export function operatorPlan(
  deployment: EigenLayerDeployment,
  operator: Address,
): ReadPlan<{ isOperator: boolean }> {
  return stage(
    [
      {
        address: deployment.delegationManager,
        abi: operatorDelegationAbi,
        functionName: 'isOperator',
        args: [operator],
      },
    ],
    ([r]) => ({ isOperator: unwrap<boolean>(r) }),
  )
}

/** Refuses an address that is not a registered operator. */
export function assertOperator(operator: Address, s: { isOperator: boolean }): void {
  if (!s.isOperator) throw new OperatorNotRegisteredError(operator)
}
