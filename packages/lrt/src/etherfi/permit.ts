import type { SignedPermit } from '@restakekit/core'
import { parseAbi } from 'viem'

// ether.fi's EIP-2612 surface: eETH's and weETH's permit, and the `*WithPermit` entry points the
// adapter sends with `permit` (one transaction instead of approve + call). The `PermitInput` tuple is
// ether.fi's order: value, deadline, v, r, s.

/** eETH's EIP-2612 permit (custom errors). */
export const etherfiEETHPermitAbi = /* @__PURE__ */ parseAbi([
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'error ExpiredDeadline()',
  'error InvalidSignature()',
])

/** weETH's EIP-2612 permit and `wrapWithPermit` (eETH's permit to weETH, then wrap). */
export const etherfiWeETHPermitAbi = /* @__PURE__ */ parseAbi([
  'struct PermitInput { uint256 value; uint256 deadline; uint8 v; bytes32 r; bytes32 s; }',
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function nonces(address owner) view returns (uint256)',
  'function DOMAIN_SEPARATOR() view returns (bytes32)',
  'function wrapWithPermit(uint256 _eETHAmount, PermitInput _permit) returns (uint256)',
])

/** LiquidityPool's `requestWithdrawWithPermit` (the same in HEAD and 2026-03). */
export const etherfiLiquidityPoolPermitAbi = /* @__PURE__ */ parseAbi([
  'struct PermitInput { uint256 value; uint256 deadline; uint8 v; bytes32 r; bytes32 s; }',
  'function requestWithdrawWithPermit(address _owner, uint256 _amount, PermitInput _permit) returns (uint256)',
])

/** EtherFiRedemptionManager's permit forms, HEAD / 2026-03 (`outputToken` last). */
export const etherfiRedemptionManagerPermitAbi = /* @__PURE__ */ parseAbi([
  'struct PermitInput { uint256 value; uint256 deadline; uint8 v; bytes32 r; bytes32 s; }',
  'function redeemEEthWithPermit(uint256 eEthAmount, address receiver, PermitInput permit, address outputToken)',
  'function redeemWeEthWithPermit(uint256 weEthAmount, address receiver, PermitInput permit, address outputToken)',
])

/** EtherFiRedemptionManager's permit forms, 2025-03 (no `outputToken`). */
export const etherfiRedemptionManagerPermitV2025Abi = /* @__PURE__ */ parseAbi([
  'struct PermitInput { uint256 value; uint256 deadline; uint8 v; bytes32 r; bytes32 s; }',
  'function redeemEEthWithPermit(uint256 eEthAmount, address receiver, PermitInput permit)',
  'function redeemWeEthWithPermit(uint256 weEthAmount, address receiver, PermitInput permit)',
])

/** A signed permit as ether.fi's `PermitInput` tuple. */
export function toPermitInput(p: SignedPermit) {
  return { value: p.value, deadline: p.deadline, v: p.v, r: p.r, s: p.s }
}
