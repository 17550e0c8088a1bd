import { InvalidParameterError, joinAbis, type ReadClient } from '@restakekit/core'
import { type Address, getAddress, type Hex, toFunctionSelector } from 'viem'
import { getCode, getStorageAt } from 'viem/actions'
import { getAction } from 'viem/utils'
import { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import {
  kelpWithdrawalManagerAbi,
  kelpWithdrawalManagerErrorsAbi,
  kelpWithdrawalManagerV2024Abi,
} from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { kelpDeployment, withdrawalManagerOf, writeDeployment } from './internal.js'

/**
 * The two mainnet forms of Kelp's LRTWithdrawalManager: `v5.1.0` (2025-02 on:
 * `initiateWithdrawal(address,uint256,string)`, `completeWithdrawal(address,string)`) and `2024-07`
 * (the same without `referralId`).
 */
export type KelpWithdrawalForm = 'v5.1.0' | '2024-07'

export type GetWithdrawalFormParameters = { deployment?: KelpDeployment }

/** EIP-1967's implementation slot: `bytes32(uint256(keccak256('eip1967.proxy.implementation')) - 1)`. */
export const EIP1967_IMPLEMENTATION_SLOT =
  '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc' as const

const V5_INITIATE = /* @__PURE__ */ toFunctionSelector('initiateWithdrawal(address,uint256,string)')
const V2024_INITIATE = /* @__PURE__ */ toFunctionSelector('initiateWithdrawal(address,uint256)')

const cache = new Map<string, KelpWithdrawalForm>()

/** Whether runtime code dispatches on `selector` (a `PUSH4 selector` in its dispatcher). */
function dispatches(code: Hex, selector: Hex): boolean {
  return code.toLowerCase().includes(`63${selector.slice(2).toLowerCase()}`)
}

/**
 * Which form the withdrawal manager serves: reads the EIP-1967 implementation slot (the address
 * itself when it is not a proxy) and looks for each form's `initiateWithdrawal` selector in that
 * code. Cached per chain and address (two requests the first time, none after). Neither selector
 * (or no code) is a `DeploymentMismatchError`.
 */
export async function getWithdrawalForm(
  client: ReadClient,
  params: GetWithdrawalFormParameters = {},
): Promise<KelpWithdrawalForm> {
  const d = kelpDeployment(client, params.deployment)
  const manager = withdrawalManagerOf(d)
  const key = `${client.chain?.id ?? d.chainId ?? '?'}:${manager.toLowerCase()}`
  const known = cache.get(key)
  if (known) return known
  const slot = await getAction(
    client,
    getStorageAt,
    'getStorageAt',
  )({
    address: manager,
    slot: EIP1967_IMPLEMENTATION_SLOT,
  })
  const implementation: Address = slot && BigInt(slot) !== 0n ? getAddress(`0x${slot.slice(-40)}`) : manager
  const code = (await getAction(client, getCode, 'getCode')({ address: implementation })) ?? '0x'
  const form: KelpWithdrawalForm | undefined = dispatches(code, V5_INITIATE)
    ? 'v5.1.0'
    : dispatches(code, V2024_INITIATE)
      ? '2024-07'
      : undefined
  if (!form)
    throw new DeploymentMismatchError({
      protocol: 'Kelp',
      contract: 'LRTWithdrawalManager',
      address: manager,
      expected: `initiateWithdrawal (${V5_INITIATE} or ${V2024_INITIATE}) in the code${implementation === manager ? '' : ` of its implementation ${implementation}`}`,
      found: code === '0x' ? 'no code' : 'neither selector',
    })
  cache.set(key, form)
  return form
}

/** The manager's calls with its errors, per form (reverts decode against them). */
export const managerAbis = {
  'v5.1.0': /* @__PURE__ */ joinAbis(kelpWithdrawalManagerAbi, kelpWithdrawalManagerErrorsAbi),
  '2024-07': /* @__PURE__ */ joinAbis(kelpWithdrawalManagerV2024Abi, kelpWithdrawalManagerErrorsAbi),
} as const

/** Validates the options shared by Kelp's withdrawal writes (pure). */
export function resolveWithdrawalOptions(
  p: { referralId?: string; form?: KelpWithdrawalForm; allowUnverified?: boolean },
  deployment: unknown,
) {
  const referralId = p.referralId ?? ''
  if (typeof referralId !== 'string')
    throw new InvalidParameterError({ parameter: 'referralId', reason: 'must be a string' })
  const form = p.form ?? 'v5.1.0'
  if (form !== 'v5.1.0' && form !== '2024-07')
    throw new InvalidParameterError({ parameter: 'form', reason: "must be 'v5.1.0' or '2024-07'" })
  const d = deployment as KelpDeployment
  const manager = withdrawalManagerOf(d)
  if (d.unconfirmed && p.allowUnverified !== true) throw new UnverifiedDeploymentError({ protocol: 'Kelp' })
  return { referralId, form, manager, d }
}

/** The form given, else the deployed one (probed once per address). */
export async function withWithdrawalForm<
  p extends { form?: KelpWithdrawalForm; deployment?: KelpDeployment },
>(client: ReadClient, params: p): Promise<p & { form: KelpWithdrawalForm }> {
  if (params.form) return params as p & { form: KelpWithdrawalForm }
  const deployment = writeDeployment(client.chain?.id, params.deployment)
  return { ...params, form: await getWithdrawalForm(client, { deployment }) }
}
