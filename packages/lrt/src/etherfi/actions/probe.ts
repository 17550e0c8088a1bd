import type { ReadClient } from '@restakekit/core'
import { type Address, getAddress, type Hex } from 'viem'
import { getCode, getStorageAt } from 'viem/actions'
import { DeploymentMismatchError } from '../../errors.js'
import { PROTOCOL } from './internal.js'

/** EIP-1967 implementation slot: `bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1)`. */
export const EIP1967_IMPLEMENTATION_SLOT =
  '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc' as const

/** The redemption manager's two mainnet forms (reference README, "Redemption manager"). */
export type EtherFiRedemptionForm = 'v2026-03' | 'v2025-03'

/** `redeemEEth(uint256,address,address)` (HEAD / 2026-03) and `redeemEEth(uint256,address)` (2025-03). */
const SELECTORS = { 'v2026-03': '6dcc078e', 'v2025-03': '77040173' } as const

const cache = /* @__PURE__ */ new Map<string, EtherFiRedemptionForm>()

/** True when the runtime code pushes the 4-byte selector (`PUSH4 <selector>` in the dispatcher). */
function pushes(code: Hex, selector: string): boolean {
  return code.toLowerCase().includes(`63${selector}`)
}

/**
 * Which form of the EtherFiRedemptionManager serves `address`: reads the EIP-1967 implementation
 * slot (the address itself when the slot is empty), then looks for each form's `redeemEEth` selector
 * in that code. Cached per chain and address; a code with neither is a `DeploymentMismatchError`.
 */
export async function probeRedemptionForm(
  client: ReadClient,
  address: Address,
): Promise<EtherFiRedemptionForm> {
  const key = `${client.chain?.id ?? '?'}:${address.toLowerCase()}`
  const cached = cache.get(key)
  if (cached) return cached
  const slot = await getStorageAt(client, { address, slot: EIP1967_IMPLEMENTATION_SLOT })
  const impl = slot && BigInt(slot) !== 0n ? getAddress(`0x${slot.slice(-40)}`) : address
  const code = (await getCode(client, { address: impl })) ?? '0x'
  const form = pushes(code, SELECTORS['v2026-03'])
    ? 'v2026-03'
    : pushes(code, SELECTORS['v2025-03'])
      ? 'v2025-03'
      : undefined
  if (!form)
    throw new DeploymentMismatchError({
      protocol: PROTOCOL,
      contract: 'EtherFiRedemptionManager',
      address,
      expected: 'redeemEEth in either form (0x6dcc078e or 0x77040173)',
      found: code === '0x' ? 'no code' : `an implementation (${impl}) with neither selector`,
    })
  cache.set(key, form)
  return form
}
