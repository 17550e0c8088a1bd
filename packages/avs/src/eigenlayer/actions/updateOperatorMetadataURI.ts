import { assertAddress, contractCall, defineWrite, type EigenLayerDeployment, layer } from '@restakekit/core'
import type { Address } from 'viem'
import { type DeploymentParameter, specDeployment } from '../../internal.js'
import { operatorDelegationAbi } from '../abis.js'
import { type OperatorMetadata, parseOperatorMetadata } from '../metadata.js'
import { avsRevertMapper } from '../revert.js'
import { assertOperator, operatorPlan } from './operatorPlan.js'
import { assertMetadataURI } from './registerAsOperator.js'

export type UpdateOperatorMetadataURIParameters = {
  /** The operator (default the sender; another operator needs the sender as its appointee). */
  operator?: Address | undefined
  metadataURI: string
  /** The JSON published at `metadataURI`, validated before sending. */
  metadata?: OperatorMetadata | string | undefined
} & DeploymentParameter

const updateOperatorMetadataURI_ = /* @__PURE__ */ defineWrite({
  name: 'eigenlayer.updateOperatorMetadataURI',
  contract: 'DelegationManager',
  deployment: specDeployment,
  resolve: (p: UpdateOperatorMetadataURIParameters, { deployment, sender }) => {
    const metadataURI = assertMetadataURI(p.metadataURI)
    if (p.metadata !== undefined) parseOperatorMetadata(p.metadata)
    return {
      operator: assertAddress('operator', p.operator ?? sender),
      metadataURI,
      deployment: deployment as EigenLayerDeployment,
    }
  },
  read: (a, { sender }) =>
    operatorPlan(a.deployment, a.operator, sender, {
      target: a.deployment.delegationManager,
      signature: 'updateOperatorMetadataURI(address,string)',
    }),
  check: (a, s) => assertOperator(a.operator, s),
  call: (a) =>
    contractCall({
      address: a.deployment.delegationManager,
      abi: operatorDelegationAbi,
      functionName: 'updateOperatorMetadataURI',
      args: [a.operator, a.metadataURI],
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
      const ev = r.events.find((e) => e.eventName === 'OperatorMetadataURIUpdated')
      return { metadataURI: ev?.eventName === 'OperatorMetadataURIUpdated' ? ev.args.metadataURI : undefined }
    },
  },
})

/** Layer 1 (pure): `DelegationManager.updateOperatorMetadataURI(operator, metadataURI)`. */
export const prepareUpdateOperatorMetadataURI = /* @__PURE__ */ layer(updateOperatorMetadataURI_, 'prepare')
/** Layer 2: validates the URI (and metadata), refuses a non-operator, simulates. */
export const simulateUpdateOperatorMetadataURI = /* @__PURE__ */ layer(updateOperatorMetadataURI_, 'simulate')
/** Layer 3: the same checks, then sends. */
export const updateOperatorMetadataURI = /* @__PURE__ */ layer(updateOperatorMetadataURI_, 'send')
/** Layer 4: the receipt and the URI from `OperatorMetadataURIUpdated`. */
export const waitForUpdateOperatorMetadataURI = /* @__PURE__ */ layer(updateOperatorMetadataURI_, 'waitFor')
