// EigenLayer RewardsCoordinator Merkle trees, pure: leaf hashing, the padded binary tree, proofs
// and the inclusion check the contract runs. No client, no I/O.
import { type Address, concat, encodePacked, type Hex, keccak256, size, slice } from 'viem'

/** `EARNER_LEAF_SALT` of the RewardsCoordinator. */
export const EARNER_LEAF_SALT = 0
/** `TOKEN_LEAF_SALT` of the RewardsCoordinator. */
export const TOKEN_LEAF_SALT = 1

const ZERO_HASH: Hex = `0x${'00'.repeat(32)}`

/** `calculateEarnerLeafHash`: `keccak256(abi.encodePacked(uint8(0), earner, earnerTokenRoot))`. */
export function earnerLeafHash(leaf: { earner: Address; earnerTokenRoot: Hex }): Hex {
  return keccak256(
    encodePacked(['uint8', 'address', 'bytes32'], [EARNER_LEAF_SALT, leaf.earner, leaf.earnerTokenRoot]),
  )
}

/** `calculateTokenLeafHash`: `keccak256(abi.encodePacked(uint8(1), token, cumulativeEarnings))`. */
export function tokenLeafHash(leaf: { token: Address; cumulativeEarnings: bigint }): Hex {
  return keccak256(
    encodePacked(['uint8', 'address', 'uint256'], [TOKEN_LEAF_SALT, leaf.token, leaf.cumulativeEarnings]),
  )
}

/**
 * A binary Merkle tree over leaf hashes, the shape EigenLayer's rewards tooling builds: the leaves
 * in the order given, padded with `bytes32(0)` up to a power of two, each parent
 * `keccak256(left ‖ right)` (pairs ordered by position, not sorted). `levels[0]` are the padded
 * leaves, the last level is `[root]`. A single leaf is its own root.
 */
export type MerkleTree = { readonly root: Hex; readonly levels: readonly (readonly Hex[])[] }

/** Builds the tree of `leaves` (leaf hashes). At least one leaf. */
export function merkleTree(leaves: readonly Hex[]): MerkleTree {
  if (leaves.length === 0) throw new RangeError('a Merkle tree needs at least one leaf')
  let width = 1
  while (width < leaves.length) width *= 2
  let level: Hex[] = [...leaves, ...Array<Hex>(width - leaves.length).fill(ZERO_HASH)]
  const levels: Hex[][] = [level]
  while (level.length > 1) {
    const next: Hex[] = []
    for (let i = 0; i < level.length; i += 2) next.push(keccak256(concat([level[i]!, level[i + 1]!])))
    levels.push(next)
    level = next
  }
  return { root: level[0]!, levels }
}

/** The proof of leaf `index`: one 32-byte sibling per level, bottom up, concatenated (`0x` for one leaf). */
export function merkleProof(tree: MerkleTree, index: number): Hex {
  const width = tree.levels[0]!.length
  if (!Number.isInteger(index) || index < 0 || index >= width)
    throw new RangeError(`leaf index ${index} is outside the tree (${width} leaves)`)
  const siblings: Hex[] = []
  let i = index
  for (let l = 0; l < tree.levels.length - 1; l++) {
    siblings.push(tree.levels[l]![i ^ 1]!)
    i >>= 1
  }
  return siblings.length ? concat(siblings) : '0x'
}

/**
 * `Merkle.processInclusionProofKeccak`: walks `proof` from `leaf` at `index` up to a root. An even
 * index hashes `node ‖ sibling`, an odd one `sibling ‖ node`. `undefined` when the proof is not a
 * whole number of 32-byte words or the index does not fit in its depth (the contract reverts then).
 */
export function processInclusionProof(proof: Hex, leaf: Hex, index: number | bigint): Hex | undefined {
  const length = size(proof)
  if (length % 32 !== 0) return undefined
  const depth = length / 32
  let i = BigInt(index)
  if (i < 0n || i >= 1n << BigInt(depth)) return undefined
  let node = leaf
  for (let k = 0; k < depth; k++) {
    const sibling = slice(proof, k * 32, (k + 1) * 32)
    node = keccak256(i % 2n === 0n ? concat([node, sibling]) : concat([sibling, node]))
    i /= 2n
  }
  return node
}

/** True when `proof` places `leaf` at `index` under `root`. */
export function verifyInclusionProof(root: Hex, proof: Hex, leaf: Hex, index: number | bigint): boolean {
  const computed = processInclusionProof(proof, leaf, index)
  return computed !== undefined && computed.toLowerCase() === root.toLowerCase()
}
