import type { Address } from 'viem'
import type { WriteErrorType } from '../../errors.js'
import {
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { eigenlayerEventsAbi, eigenPodManagerAbi, eigenPodManagerViewsAbi } from '../abis.js'
import {
  eigenlayerReverts,
  eigenPodManagerReverts,
  type PausedError,
  PodAlreadyExistsError,
} from '../errors.js'
import { type DeploymentParameter, deploymentOf, lazyDeployment } from '../internal.js'

export type CreatePodParameters = DeploymentParameter

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CREATE_POD = 'eigenlayer.createPod'
const createPodCall = /* @__PURE__ */ defineCall({
  name: CREATE_POD,
  contract: 'EigenPodManager',
  deployment: lazyDeployment,
  resolve: (_p: CreatePodParameters, ctx) => ({ eigenPodManager: deploymentOf(ctx).eigenPodManager }),
  call: (a) =>
    contractCall({
      address: a.eigenPodManager,
      abi: eigenPodManagerAbi,
      functionName: 'createPod',
      args: [],
    }),
})
const createPodReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** The new pod (`PodDeployed.eigenPod`). */
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'PodDeployed')
    return { pod: ev ? (ev.args as { eigenPod: Address }).eigenPod : undefined }
  },
})
const createPod_ = /* @__PURE__ */ defineWrite(createPodCall, {
  /** Whether the account has a pod, and its (future) address, in one batch. */
  read: (a, { sender }) =>
    stage(
      [
        { address: a.eigenPodManager, abi: eigenPodManagerViewsAbi, functionName: 'hasPod', args: [sender] },
        { address: a.eigenPodManager, abi: eigenPodManagerViewsAbi, functionName: 'getPod', args: [sender] },
      ],
      ([has, pod]) => ({ hasPod: unwrap<boolean>(has), pod: unwrap<Address>(pod) }),
    ),
  check: (_a, s, { sender }) => {
    if (s.hasPod) throw new PodAlreadyExistsError({ owner: sender, pod: s.pod })
  },
  revert: (_a, _s, { sender }) =>
    eigenlayerReverts([eigenPodManagerReverts], { staker: sender, contract: 'EigenPodManager' }),
  /** `result`: the new pod's address. */
  simulated: (_a, _s, _pod: Address) => ({}),
  receipt: createPodReceipt,
})

/** Layer 1 (pure): `EigenPodManager.createPod()`. */
export const prepareCreatePod = /* @__PURE__ */ prepareOf(createPodCall)
/** Layer 2: refuses when the account already has a pod (`PodAlreadyExistsError`), then simulates `createPod`. */
export const simulateCreatePod = /* @__PURE__ */ simulateOf(createPod_)
/** Layer 3: checks, simulates and sends `createPod`. */
export const createPod = /* @__PURE__ */ sendOf(createPod_)
/** Layer 4: the receipt and the new `pod` (`PodDeployed`). */
export const waitForCreatePod = /* @__PURE__ */ waitForOf({ name: CREATE_POD }, createPodReceipt)

export type PrepareCreatePodParameters = Parameters<typeof prepareCreatePod>[0]
export type PrepareCreatePodReturnType = ReturnType<typeof prepareCreatePod>
export type SimulateCreatePodReturnType = Awaited<ReturnType<typeof simulateCreatePod>>
export type CreatePodReturnType = Awaited<ReturnType<typeof createPod>>
export type WaitForCreatePodReturnType = Awaited<ReturnType<typeof waitForCreatePod>>
export type CreatePodErrorType = PodAlreadyExistsError | PausedError | WriteErrorType
