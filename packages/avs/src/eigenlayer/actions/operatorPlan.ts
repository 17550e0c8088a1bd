import {
  type EigenLayerDeployment,
  OperatorNotRegisteredError,
  type ReadPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Address, type Hex, toFunctionSelector } from 'viem'
import { sameAddress } from '../../internal.js'
import { operatorDelegationAbi, permissionControllerAbi } from '../abis.js'
import { UnauthorizedCallerError } from '../revert.js'

/** The call an operator-side write makes, for the PermissionController check. */
export type Permission = { target: Address; signature: string }

export type OperatorState = { isOperator: boolean; canCall: boolean; sender: Address }

/**
 * Reads whether `operator` is registered and, when the sender is another account, whether the
 * PermissionController lets the sender make this call for it (one batch, at the landing block).
 */
export function operatorPlan(
  deployment: EigenLayerDeployment,
  operator: Address,
  sender: Address,
  permission: Permission,
): ReadPlan<OperatorState> {
  const selector: Hex = toFunctionSelector(permission.signature)
  return stage(
    [
      {
        address: deployment.delegationManager,
        abi: operatorDelegationAbi,
        functionName: 'isOperator',
        args: [operator],
      },
      {
        address: deployment.permissionController,
        abi: permissionControllerAbi,
        functionName: 'canCall',
        args: [operator, sender, permission.target, selector],
      },
    ],
    ([isOperator, canCall]) => ({
      isOperator: unwrap<boolean>(isOperator),
      // the account itself may always call (canCall also says so while it has no admins)
      canCall: sameAddress(operator, sender) || (canCall?.status === 'success' && canCall.result === true),
      sender,
    }),
  )
}

/** Refuses an address that is not a registered operator, or a sender it has not appointed. */
export function assertOperator(operator: Address, s: OperatorState): void {
  if (!s.isOperator) throw new OperatorNotRegisteredError({ operator })
  if (!s.canCall) throw new UnauthorizedCallerError({ caller: s.sender, subject: operator })
}
