import type { Account, Address, Hex } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import {
  type Call,
  calls,
  encodeCall,
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { eigenlayerEventsAbi, eigenPodManagerAbi } from '../abis.js'
import { eigenlayerRevertMapper } from '../errors.js'
import {
  accountAddress,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
} from '../internal.js'

export type CreatePodParameters = { account?: Account | Address } & DeploymentParameter
export type PrepareCreatePodParameters = PrepareDeploymentParameter
export type PrepareCreatePodReturnType = readonly Call[]
/** `result`: the new pod's address. */
export type SimulateCreatePodReturnType = SimulatedWrite<Address>
export type CreatePodReturnType = Hex
export type WaitForCreatePodReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  pod: Address | undefined
}
export type CreatePodErrorType = InvalidParameterError | Error

/** Layer 1 (pure): `EigenPodManager.createPod()`. */
export function prepareCreatePod(params: PrepareCreatePodParameters): PrepareCreatePodReturnType {
  const d = prepareDeployment(params)
  return calls(
    encodeCall({ address: d.eigenPodManager, abi: eigenPodManagerAbi, functionName: 'createPod', args: [] }),
  )
}

/** Layer 2: refuses when the account already has a pod, then simulates `createPod`. */
export async function simulateCreatePod(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: CreatePodParameters = {},
): Promise<SimulateCreatePodReturnType> {
  const account = requireAccount(client, params.account)
  const owner = accountAddress(account)
  const d = getDeployment(client, params.deployment)
  const [has, pod] = await readBatch(client, [
    { address: d.eigenPodManager, abi: eigenPodManagerAbi, functionName: 'hasPod', args: [owner] },
    { address: d.eigenPodManager, abi: eigenPodManagerAbi, functionName: 'getPod', args: [owner] },
  ])
  if (unwrap<boolean>(has))
    throw new InvalidParameterError('account', `${owner} already has EigenPod ${unwrap<Address>(pod)}`)
  return simulateWrite<Address>(client, {
    account,
    address: d.eigenPodManager,
    abi: eigenPodManagerAbi,
    functionName: 'createPod',
    args: [],
    contract: 'EigenPodManager',
    mapper: eigenlayerRevertMapper({ staker: owner }),
  })
}

/** Layer 3: checks, simulates and sends `createPod`. */
export async function createPod(
  walletClient: EigenLayerWalletClient,
  params: CreatePodParameters = {},
): Promise<CreatePodReturnType> {
  const { request } = await simulateCreatePod(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes `PodDeployed`. */
export async function waitForCreatePod(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForCreatePodReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  const ev = r.events.find((e) => e.eventName === 'PodDeployed')
  return { ...r, pod: ev ? (ev.args as { eigenPod: Address }).eigenPod : undefined }
}
