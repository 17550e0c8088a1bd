import { type Address, getAddress } from 'viem'
import type { InvalidParameterError, ReadErrorType, UnsupportedChainError } from '../../errors.js'
import { readBatch, unwrap } from '../../kit/index.js'
import { symbioticRegistryAbi } from '../abis.js'
import type { SymbioticDeployment } from '../deployments.js'
import { type SymbioticReadClient, symbioticDeployment } from '../internal.js'

export type ListVaultsParameters = {
  deployment?: SymbioticDeployment
  /**
   * How many `entity(i)` reads ride along with `totalEntities()` in the first round trip
   * (default 512). With at most that many vaults the list costs one round trip, else two.
   */
  probe?: number
}
export type ListVaultsReturnType = Address[]
export type ListVaultsErrorType = UnsupportedChainError | InvalidParameterError | ReadErrorType

/** Every vault the VaultFactory created, in creation order. One round trip up to `probe` vaults, else two. */
export async function listVaults(
  client: SymbioticReadClient,
  params: ListVaultsParameters = {},
): Promise<ListVaultsReturnType> {
  const { vaultFactory } = symbioticDeployment(client, params.deployment)
  const probe = params.probe ?? 512
  const entity = (i: number) => ({
    address: vaultFactory,
    abi: symbioticRegistryAbi,
    functionName: 'entity',
    args: [BigInt(i)],
  })
  const first = await readBatch(client, [
    { address: vaultFactory, abi: symbioticRegistryAbi, functionName: 'totalEntities' },
    ...Array.from({ length: probe }, (_, i) => entity(i)),
  ])
  const total = Number(unwrap<bigint>(first[0]))
  const vaults: Address[] = []
  for (let i = 0; i < Math.min(total, probe); i++) vaults.push(getAddress(unwrap<Address>(first[i + 1])))
  if (total > probe) {
    const rest = await readBatch(
      client,
      Array.from({ length: total - probe }, (_, i) => entity(probe + i)),
    )
    for (const r of rest) vaults.push(getAddress(unwrap<Address>(r)))
  }
  return vaults
}
