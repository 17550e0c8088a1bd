import { assertAddress, contractCall, defineWrite, type EigenLayerDeployment, layer } from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { operatorDelegationAbi } from '../abis.js'
import { avsRevertMapper } from '../revert.js'
import { assertOperator, operatorPlan } from './operatorPlan.js'

export type ModifyOperatorDetailsParameters = {
  /** The operator (default the sender). */
  operator?: Address | undefined
  /** The new delegation approver (`zeroAddress`: anyone may delegate). */
  delegationApprover: Address
} & DeploymentParameter

const modifyOperatorDetails_ = /* @__PURE__ */ defineWrite({
  name: 'eigenlayer.modifyOperatorDetails',
  contract: 'DelegationManager',
  deployment: specDeployment,
  resolve: (p: ModifyOperatorDetailsParameters, { deployment, sender }) => ({
    operator: assertAddress('operator', p.operator ?? sender),
    delegationApprover: assertAddress('delegationApprover', p.delegationApprover),
    deployment: deployment as EigenLayerDeployment,
  }),
  read: (a, { sender }) =>
    operatorPlan(a.deployment, a.operator, sender, {
      target: a.deployment.delegationManager,
      signature: 'modifyOperatorDetails(address,address)',
    }),
  check: (a, s) => assertOperator(a.operator, s),
  call: (a) =>
    contractCall({
      address: a.deployment.delegationManager,
      abi: operatorDelegationAbi,
      functionName: 'modifyOperatorDetails',
      args: [a.operator, a.delegationApprover],
    }),
  revert: (a, _s, { sender }) =>
    avsRevertMapper({
      caller: sender,
      subject: a.operator,
      operator: a.operator,
      contract: 'DelegationManager',
    }),
  receipt: {
    abi: operatorDelegationAbi,
    decode: (_client, r) => {
      const ev = r.events.find((e) => e.eventName === 'DelegationApproverUpdated')
      return {
        delegationApprover:
          ev?.eventName === 'DelegationApproverUpdated' ? ev.args.newDelegationApprover : undefined,
      }
    },
  },
})

/** Layer 1 (pure): `DelegationManager.modifyOperatorDetails(operator, newDelegationApprover)`. */
export const prepareModifyOperatorDetails = /* @__PURE__ */ layer(modifyOperatorDetails_, 'prepare')
/** Layer 2: refuses a non-operator, simulates. */
export const simulateModifyOperatorDetails = /* @__PURE__ */ layer(modifyOperatorDetails_, 'simulate')
/** Layer 3: the same checks, then sends. */
export const modifyOperatorDetails = /* @__PURE__ */ layer(modifyOperatorDetails_, 'send')
/** Layer 4: the receipt and the new approver from `DelegationApproverUpdated`. */
export const waitForModifyOperatorDetails = /* @__PURE__ */ layer(modifyOperatorDetails_, 'waitFor')
