import { InvalidPermitError, type SignedPermit } from '@restakekit/core'
import { parseAbi } from 'viem'

// Puffer's EIP-2612 surface: pufETH's permit (OpenZeppelin 5, ERC-5267 domain) and the withdrawal
// manager's `requestWithdrawalWithPermit`. Puffer's `Permit` tuple is ordered deadline, amount, v, r, s
// (ether.fi's is value first), and its `amount` is the request's amount.

/** pufETH's EIP-2612 permit, its ERC-5267 domain and OpenZeppelin's errors. */
export const pufferVaultPermitAbi = /* @__PURE__ */ parseAbi([
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function eip712Domain() view returns (bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)',
  'error ERC2612ExpiredSignature(uint256 deadline)',
  'error ERC2612InvalidSigner(address signer, address owner)',
])

/** PufferWithdrawalManager's `requestWithdrawalWithPermit` (pufETH's permit to the manager, then the request). */
export const pufferWithdrawalManagerPermitAbi = /* @__PURE__ */ parseAbi([
  'struct Permit { uint256 deadline; uint256 amount; uint8 v; bytes32 r; bytes32 s; }',
  'function requestWithdrawalWithPermit(Permit permitData, address recipient)',
])

/**
 * A signed permit as Puffer's `Permit` tuple. Its amount IS the request's: a permit for another
 * amount is refused (an `InvalidPermitError`), before anything is sent.
 */
export function toPufferPermit(p: SignedPermit, amount: bigint) {
  if (p.value !== amount)
    throw new InvalidPermitError({
      token: p.token,
      reason: `Puffer requests the permit's amount: its value (${p.value}) must equal the amount (${amount})`,
    })
  return { deadline: p.deadline, amount: p.value, v: p.v, r: p.r, s: p.s }
}
