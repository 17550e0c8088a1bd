import type { Address, Hex } from 'viem'
import { InvalidParameterError, type ReadErrorType } from '../../errors.js'
import { assertAddress, oneBlock, readBatch, unwrap } from '../../kit/index.js'
import { eigenPodAbi, eigenPodManagerViewsAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetPodParameters = { owner: Address } & DeploymentParameter

/** The pod's own state (`EigenPod` views), read only when the pod is deployed. */
export type PodState = {
  /** `podOwner()`: the staker the pod belongs to. */
  owner: Address
  /** `proofSubmitter()`: who besides the owner may submit proofs (`null`: only the owner). */
  proofSubmitter: Address | null
  /** `withdrawableRestakedExecutionLayerGwei()`: ETH the pod can pay out, in gwei. */
  restakedBalanceGwei: bigint
  /** `activeValidatorCount()`: validators whose withdrawal credentials point at the pod. */
  activeValidatorCount: bigint
  /**
   * The checkpoint: `active` while one is in progress (`currentCheckpointTimestamp() != 0`), with its
   * proofs still to submit; `lastTimestamp` is when the last one completed (0: never).
   */
  checkpoint: {
    active: boolean
    startedAt: bigint
    lastTimestamp: bigint
    proofsRemaining: bigint
    podBalanceGwei: bigint
    balanceDeltasGwei: bigint
  }
}

export type GetPodReturnType = {
  /** The owner's EigenPod address (deterministic; it exists on chain only when `hasPod`). */
  pod: Address
  hasPod: boolean
  /** `EigenPodManager.podOwnerDepositShares(owner)`: signed, negative while a pod owner is in deficit. */
  podOwnerDepositShares: bigint
  /** `EigenPodManager.beaconChainSlashingFactor(owner)` (WAD when never slashed on the beacon chain). */
  beaconChainSlashingFactor: bigint
  /** The pod's own state; `null` when no pod is deployed yet. */
  state: PodState | null
}

export type GetPodErrorType = ReadErrorType

const zero = '0x0000000000000000000000000000000000000000'

/**
 * The owner's EigenPod: its address, deposit shares and beacon-chain slashing factor from the
 * EigenPodManager (one round trip), and, when the pod is deployed, its own state (a second one).
 */
export async function getPod(
  client: EigenLayerReadClient,
  params: GetPodParameters,
): Promise<GetPodReturnType> {
  const owner = assertAddress('owner', params.owner)
  const d = getDeployment(client, params.deployment)
  const m = d.eigenPodManager
  const reader = oneBlock(client)
  const [pod, has, shares, factor] = await readBatch(reader, [
    { address: m, abi: eigenPodManagerViewsAbi, functionName: 'getPod', args: [owner] },
    { address: m, abi: eigenPodManagerViewsAbi, functionName: 'hasPod', args: [owner] },
    { address: m, abi: eigenPodManagerViewsAbi, functionName: 'podOwnerDepositShares', args: [owner] },
    { address: m, abi: eigenPodManagerViewsAbi, functionName: 'beaconChainSlashingFactor', args: [owner] },
  ])
  const address = unwrap<Address>(pod)
  const hasPod = unwrap<boolean>(has)
  return {
    pod: address,
    hasPod,
    podOwnerDepositShares: unwrap<bigint>(shares),
    beaconChainSlashingFactor: unwrap<bigint>(factor),
    state: hasPod ? await readPodState(reader, address) : null,
  }
}

async function readPodState(client: EigenLayerReadClient, pod: Address): Promise<PodState> {
  const call = <name extends (typeof podViews)[number]>(functionName: name) =>
    ({ address: pod, abi: eigenPodAbi, functionName }) as const
  const r = await readBatch(client, podViews.map(call))
  const [owner, submitter, restaked, active, current, last, cp] = r.map((x) => unwrap(x)) as [
    Address,
    Address,
    bigint,
    bigint,
    bigint,
    bigint,
    { proofsRemaining: number; podBalanceGwei: bigint; balanceDeltasGwei: bigint },
  ]
  return {
    owner,
    proofSubmitter: submitter.toLowerCase() === zero ? null : submitter,
    restakedBalanceGwei: restaked,
    activeValidatorCount: active,
    checkpoint: {
      active: current !== 0n,
      startedAt: current,
      lastTimestamp: last,
      proofsRemaining: BigInt(cp.proofsRemaining),
      podBalanceGwei: cp.podBalanceGwei,
      balanceDeltasGwei: cp.balanceDeltasGwei,
    },
  }
}

const podViews = [
  'podOwner',
  'proofSubmitter',
  'withdrawableRestakedExecutionLayerGwei',
  'activeValidatorCount',
  'currentCheckpointTimestamp',
  'lastCheckpointTimestamp',
  'currentCheckpoint',
] as const

export type GetValidatorParameters = {
  /** The EigenPod (see `getPod`). */
  pod: Address
  /** The validator's pubkey hash (`sha256(pubkey ‖ 16 zero bytes)`, as the beacon chain and the pod use). */
  pubkeyHash: Hex
}

/** The validator statuses an EigenPod records. */
export const VALIDATOR_STATUS = ['inactive', 'active', 'withdrawn'] as const

export type GetValidatorReturnType = {
  status: (typeof VALIDATOR_STATUS)[number]
  validatorIndex: bigint
  restakedBalanceGwei: bigint
  lastCheckpointedAt: bigint
}

/** One validator as the pod knows it (`validatorPubkeyHashToInfo`): one round trip. */
export async function getValidator(
  client: EigenLayerReadClient,
  params: GetValidatorParameters,
): Promise<GetValidatorReturnType> {
  const pod = assertAddress('pod', params.pod)
  if (!/^0x[0-9a-fA-F]{64}$/.test(params.pubkeyHash))
    throw new InvalidParameterError({
      parameter: 'pubkeyHash',
      reason: `${String(params.pubkeyHash)} is not 32 bytes of hex`,
    })
  const [info] = await readBatch(client, [
    { address: pod, abi: eigenPodAbi, functionName: 'validatorPubkeyHashToInfo', args: [params.pubkeyHash] },
  ])
  const v = unwrap<{
    validatorIndex: bigint
    restakedBalanceGwei: bigint
    lastCheckpointedAt: bigint
    status: number
  }>(info)
  const status = VALIDATOR_STATUS[v.status]
  if (!status)
    throw new Error(`EigenPod ${pod} returned validator status ${v.status}, which this SDK does not know`)
  return {
    status,
    validatorIndex: v.validatorIndex,
    restakedBalanceGwei: v.restakedBalanceGwei,
    lastCheckpointedAt: v.lastCheckpointedAt,
  }
}
