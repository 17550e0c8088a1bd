import { type Address, type Hex, zeroAddress } from 'viem'
import { InvalidParameterError, type ReadErrorType } from '../../errors.js'
import { assertAddress, readBatch, unwrap } from '../../kit/index.js'
import { symbioticDelegatorAbi, symbioticVaultAbi } from '../abis.js'
import type { SymbioticReadClient } from '../internal.js'
import { decodeSubnetwork, encodeSubnetwork } from '../math.js'

export type GetStakeParameters = {
  /** The vault's delegator; or give `vault` and it is read first (one more round trip). */
  delegator?: Address
  vault?: Address
  operator: Address
} & (
  | { subnetwork: Hex; network?: undefined; identifier?: undefined }
  | { network: Address; identifier?: bigint | number; subnetwork?: undefined }
)

export type GetStakeReturnType = {
  delegator: Address
  subnetwork: Hex
  network: Address
  identifier: bigint
  operator: Address
  /** `delegator.stake(subnetwork, operator)`: what the network can slash from the operator in this vault now. */
  stake: bigint
  /** The network's own cap for this vault (`maxNetworkLimit(subnetwork)`). */
  maxNetworkLimit: bigint
  delegatorType: number
}
export type GetStakeErrorType = InvalidParameterError | ReadErrorType

/**
 * The stake a vault delegates to an operator for a (sub)network, from its delegator. One round
 * trip with `delegator`, two with `vault`.
 */
export async function getStake(
  client: SymbioticReadClient,
  params: GetStakeParameters,
): Promise<GetStakeReturnType> {
  const operator = assertAddress('operator', params.operator)
  const subnetwork =
    params.subnetwork ?? encodeSubnetwork(assertAddress('network', params.network), params.identifier ?? 0n)
  const { network, identifier } = decodeSubnetwork(subnetwork)
  let delegator: Address
  if (params.delegator) delegator = assertAddress('delegator', params.delegator)
  else if (params.vault) {
    const [d] = await readBatch(client, [
      { address: assertAddress('vault', params.vault), abi: symbioticVaultAbi, functionName: 'delegator' },
    ])
    delegator = unwrap<Address>(d)
    if (delegator === zeroAddress)
      throw new InvalidParameterError({ parameter: 'vault', reason: 'has no delegator' })
  } else throw new InvalidParameterError({ parameter: 'delegator', reason: 'pass a delegator or a vault' })
  const [stake, max, type] = await readBatch(client, [
    { address: delegator, abi: symbioticDelegatorAbi, functionName: 'stake', args: [subnetwork, operator] },
    { address: delegator, abi: symbioticDelegatorAbi, functionName: 'maxNetworkLimit', args: [subnetwork] },
    { address: delegator, abi: symbioticDelegatorAbi, functionName: 'TYPE' },
  ])
  return {
    delegator,
    subnetwork,
    network,
    identifier,
    operator,
    stake: unwrap<bigint>(stake),
    maxNetworkLimit: unwrap<bigint>(max),
    delegatorType: Number(unwrap<bigint>(type)),
  }
}
