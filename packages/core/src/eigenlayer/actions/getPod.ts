import type { Address } from 'viem'
import { assertAddress, readBatch, unwrap } from '../../tx.js'
import { eigenPodManagerAbi } from '../abis.js'
import { type DeploymentParameter, type EigenLayerReadClient, getDeployment } from '../internal.js'

export type GetPodParameters = { owner: Address } & DeploymentParameter

export type GetPodReturnType = {
  /** The owner's EigenPod address (deterministic; it exists on chain only when `hasPod`). */
  pod: Address
  hasPod: boolean
  /** `EigenPodManager.podOwnerDepositShares(owner)`: signed, negative while a pod owner is in deficit. */
  podOwnerDepositShares: bigint
  /** `EigenPodManager.beaconChainSlashingFactor(owner)` (WAD when never slashed on the beacon chain). */
  beaconChainSlashingFactor: bigint
}

export type GetPodErrorType = Error

/** The owner's EigenPod, its deposit shares and beacon-chain slashing factor: one round trip. */
export async function getPod(
  client: EigenLayerReadClient,
  params: GetPodParameters,
): Promise<GetPodReturnType> {
  const owner = assertAddress('owner', params.owner)
  const d = getDeployment(client, params.deployment)
  const m = d.eigenPodManager
  const [pod, has, shares, factor] = await readBatch(client, [
    { address: m, abi: eigenPodManagerAbi, functionName: 'getPod', args: [owner] },
    { address: m, abi: eigenPodManagerAbi, functionName: 'hasPod', args: [owner] },
    { address: m, abi: eigenPodManagerAbi, functionName: 'podOwnerDepositShares', args: [owner] },
    { address: m, abi: eigenPodManagerAbi, functionName: 'beaconChainSlashingFactor', args: [owner] },
  ])
  return {
    pod: unwrap<Address>(pod),
    hasPod: unwrap<boolean>(has),
    podOwnerDepositShares: unwrap<bigint>(shares),
    beaconChainSlashingFactor: unwrap<bigint>(factor),
  }
}
