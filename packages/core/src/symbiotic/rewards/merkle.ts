import { type Address, concatHex, encodeAbiParameters, type Hex, keccak256 } from 'viem'

/**
 * The leaf `DefaultOperatorRewards` checks for an operator's cumulative rewards: the OpenZeppelin
 * `StandardMerkleTree` leaf of `(address, uint256)`, `keccak256(keccak256(abi.encode(operator, totalClaimable)))`.
 */
export function symbioticOperatorRewardsLeaf(operator: Address, totalClaimable: bigint): Hex {
  return keccak256(
    keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [operator, totalClaimable])),
  )
}

/** The root a proof leads to from `leaf`, hashing each pair in sorted order (OpenZeppelin `MerkleProof`). */
export function processSortedPairsProof(leaf: Hex, proof: readonly Hex[]): Hex {
  let hash = leaf.toLowerCase() as Hex
  for (const sibling of proof) {
    const s = sibling.toLowerCase() as Hex
    hash = BigInt(hash) < BigInt(s) ? keccak256(concatHex([hash, s])) : keccak256(concatHex([s, hash]))
  }
  return hash
}

/**
 * True if `proof` shows that `operator` may claim `totalClaimable` under `root` (the check
 * `DefaultOperatorRewards.claimRewards` makes), so a claim can be verified before it is sent.
 */
export function verifySymbioticOperatorRewardsProof(params: {
  root: Hex
  operator: Address
  totalClaimable: bigint
  proof: readonly Hex[]
}): boolean {
  const leaf = symbioticOperatorRewardsLeaf(params.operator, params.totalClaimable)
  return processSortedPairsProof(leaf, params.proof) === params.root.toLowerCase()
}
