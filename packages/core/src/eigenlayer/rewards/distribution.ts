// Rewards distributions (cumulative earnings per earner and token), pure: parsing the rewards
// service's JSON, the two-level tree the RewardsCoordinator verifies, and claim building.
import { type Address, getAddress, type Hex, isAddress } from 'viem'
import { InvalidClaimProofError, InvalidDistributionError, NotInDistributionError } from './errors.js'
import {
  earnerLeafHash,
  type MerkleTree,
  merkleProof,
  merkleTree,
  processInclusionProof,
  tokenLeafHash,
} from './merkle.js'

/** One leaf of a distribution: an earner's cumulative earnings of one token, in base units. */
export type DistributionEntry = { earner: Address; token: Address; cumulativeEarnings: bigint }

/**
 * A distribution as the SDK takes it: entries (`cumulativeEarnings` a bigint), the rewards
 * service's lines `{ earner, token, cumulative_amount }` (an array, or JSON lines text), or the map
 * `{ [earner]: { [token]: amount } }` (amounts as decimal strings).
 */
export type DistributionInput =
  | readonly DistributionEntry[]
  | readonly { earner: string; token: string; cumulative_amount: string }[]
  | Readonly<Record<string, Readonly<Record<string, string>>>>
  | string

/** `TokenTreeMerkleLeaf`. */
export type TokenTreeMerkleLeaf = { token: Address; cumulativeEarnings: bigint }
/** `EarnerTreeMerkleLeaf`. */
export type EarnerTreeMerkleLeaf = { earner: Address; earnerTokenRoot: Hex }

/** `RewardsMerkleClaim`, the struct `processClaim` / `checkClaim` take. */
export type RewardsMerkleClaim = {
  rootIndex: number
  earnerIndex: number
  earnerTreeProof: Hex
  earnerLeaf: EarnerTreeMerkleLeaf
  tokenIndices: readonly number[]
  tokenTreeProofs: readonly Hex[]
  tokenLeaves: readonly TokenTreeMerkleLeaf[]
}

/** One earner's part of the tree: its leaf, its token tree and its tokens (ascending). */
export type RewardsTreeEarner = {
  readonly earner: Address
  readonly index: number
  readonly earnerTokenRoot: Hex
  readonly tokens: readonly TokenTreeMerkleLeaf[]
  readonly tokenTree: MerkleTree
}

/** The two-level tree of a distribution: earners ascending by address, each with its token tree. */
export type RewardsTree = {
  readonly root: Hex
  readonly earners: readonly RewardsTreeEarner[]
  readonly earnerTree: MerkleTree
}

const byAddress = (a: Address, b: Address) => (BigInt(a) < BigInt(b) ? -1 : BigInt(a) > BigInt(b) ? 1 : 0)

const DECIMAL = /^\d+$/
const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x)
const addressProblem = (x: unknown) =>
  typeof x !== 'string' ? 'expected string' : isAddress(x, { strict: false }) ? undefined : 'not an address'
const decimalProblem = (x: unknown) =>
  typeof x !== 'string'
    ? 'expected string'
    : DECIMAL.test(x)
      ? undefined
      : 'not a non-negative decimal integer'

/**
 * The entry one array item stands for (an SDK entry with a bigint `cumulativeEarnings`, or a
 * service line with a decimal `cumulative_amount`, `''` read as 0), or what is wrong with it.
 * Three flat shapes: checked here rather than with a schema library, which would be most of the
 * bytes of a bundle that reads rewards.
 */
function entryOf(item: unknown): DistributionEntry | string {
  if (!isObject(item)) return 'expected object'
  const { earner, token, cumulativeEarnings: sdk, cumulative_amount: line } = item
  const bad = (['earner', 'token'] as const).find((key) => addressProblem(item[key]))
  if (bad) return `at ${bad}: ${addressProblem(item[bad])}`
  let amount: bigint
  if (typeof sdk === 'bigint') {
    if (sdk < 0n) return 'at cumulativeEarnings: negative'
    amount = sdk
  } else {
    const problem = line === '' ? undefined : decimalProblem(line)
    if (problem) return `at cumulative_amount: ${problem}`
    amount = BigInt((line as string) || '0')
  }
  return {
    earner: getAddress(earner as string),
    token: getAddress(token as string),
    cumulativeEarnings: amount,
  }
}

/** The entries of the map `{ [earner]: { [token]: amount } }`, or what is wrong with it. */
function mapEntries(raw: unknown): DistributionEntry[] | string {
  if (!isObject(raw)) return 'expected an array of entries or a map of earners'
  const entries: DistributionEntry[] = []
  for (const [earner, tokens] of Object.entries(raw)) {
    if (addressProblem(earner)) return `at ${earner}: not an address`
    if (!isObject(tokens)) return `at ${earner}: expected object`
    for (const [token, amount] of Object.entries(tokens)) {
      const problem = addressProblem(token) ? 'not an address' : decimalProblem(amount)
      if (problem) return `at ${earner}.${token}: ${problem}`
      entries.push({
        earner: getAddress(earner),
        token: getAddress(token),
        cumulativeEarnings: BigInt(amount as string),
      })
    }
  }
  return entries
}

/** Reads JSON text: one JSON document, or JSON lines (one service line per line). */
function parseText(text: string): unknown {
  // amounts above 2^53 must stay exact: quote bare numbers of cumulative_amount before parsing
  const trimmed = text.trim().replace(/("cumulative_amount"\s*:\s*)(\d+)/g, '$1"$2"')
  try {
    return JSON.parse(trimmed)
  } catch {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== '')
    return lines.map((line, i) => {
      try {
        return JSON.parse(line)
      } catch {
        throw new InvalidDistributionError({ reason: `line ${i + 1} is not JSON` })
      }
    })
  }
}

/**
 * Parses and normalises a distribution: addresses checksummed, earners and each earner's tokens
 * ascending (the order EigenLayer's tooling requires), one leaf per earner and token. Throws
 * `InvalidDistributionError` on anything else (a duplicate leaf, a negative or fractional amount).
 */
export function parseDistribution(input: DistributionInput): DistributionEntry[] {
  const raw = typeof input === 'string' ? parseText(input) : input
  let entries: DistributionEntry[]
  if (Array.isArray(raw)) {
    entries = raw.map((item, i) => {
      const entry = entryOf(item)
      if (typeof entry === 'string') throw new InvalidDistributionError({ reason: `entry ${i}: ${entry}` })
      return entry
    })
  } else {
    const found = mapEntries(raw)
    if (typeof found === 'string') throw new InvalidDistributionError({ reason: found })
    entries = found
  }
  if (entries.length === 0) throw new InvalidDistributionError({ reason: 'it has no entries' })
  const seen = new Set<string>()
  for (const e of entries) {
    if (e.cumulativeEarnings >= 1n << 256n)
      throw new InvalidDistributionError({ reason: `${e.earner}/${e.token}: amount does not fit in uint256` })
    const key = `${e.earner}/${e.token}`
    if (seen.has(key)) throw new InvalidDistributionError({ reason: `${key} appears twice` })
    seen.add(key)
  }
  return entries.sort((a, b) => byAddress(a.earner, b.earner) || byAddress(a.token, b.token))
}

const TREE = /* @__PURE__ */ Symbol.for('restakekit.rewardsTree')
/** Whether `x` is a tree `buildRewardsTree` returned. */
export const isRewardsTree = (x: unknown): x is RewardsTree =>
  typeof x === 'object' && x !== null && (x as { [TREE]?: true })[TREE] === true
const isTree = isRewardsTree

/** Builds the distribution's tree (earner leaves over token-tree roots). Pure; the root is what `submitRoot` posts. */
export function buildRewardsTree(distribution: DistributionInput | RewardsTree): RewardsTree {
  if (isTree(distribution)) return distribution
  const entries = parseDistribution(distribution)
  const groups: { earner: Address; tokens: TokenTreeMerkleLeaf[] }[] = []
  for (const e of entries) {
    const last = groups[groups.length - 1]
    const leaf = { token: e.token, cumulativeEarnings: e.cumulativeEarnings }
    if (last && last.earner === e.earner) last.tokens.push(leaf)
    else groups.push({ earner: e.earner, tokens: [leaf] })
  }
  const earners = groups.map((g, index) => {
    const tokenTree = merkleTree(g.tokens.map(tokenLeafHash))
    return Object.freeze({
      earner: g.earner,
      index,
      earnerTokenRoot: tokenTree.root,
      tokens: g.tokens,
      tokenTree,
    })
  })
  const earnerTree = merkleTree(earners.map(earnerLeafHash))
  return Object.freeze({ root: earnerTree.root, earners, earnerTree, [TREE]: true as const })
}

/** The earner's part of the tree, or `NotInDistributionError`. */
export function treeEarner(tree: RewardsTree, earner: Address): RewardsTreeEarner {
  const e = tree.earners.find((x) => x.earner.toLowerCase() === earner.toLowerCase())
  if (!e) throw new NotInDistributionError({ earner: getAddress(earner) })
  return e
}

export type BuildClaimParameters = {
  /** The distribution of the posted root (or its tree from `buildRewardsTree`). */
  distribution: DistributionInput | RewardsTree
  earner: Address
  /** The index of the posted root (`getRootIndexFromHash`, or `getRewards`). */
  rootIndex: number
  /** The tokens to claim (default: every token of the earner), in any order. */
  tokens?: readonly Address[]
}

/** Builds the `RewardsMerkleClaim` of an earner's tokens against the distribution's root (pure). */
export function buildClaim(params: BuildClaimParameters): RewardsMerkleClaim {
  const tree = buildRewardsTree(params.distribution)
  const e = treeEarner(tree, params.earner)
  if (!Number.isInteger(params.rootIndex) || params.rootIndex < 0 || params.rootIndex >= 2 ** 32)
    throw new InvalidDistributionError({ reason: `rootIndex ${params.rootIndex} is not a uint32` })
  const wanted = params.tokens ?? e.tokens.map((t) => t.token)
  const tokenIndices = [...new Set(wanted.map((t) => t.toLowerCase()))]
    .map((t) => {
      const i = e.tokens.findIndex((x) => x.token.toLowerCase() === t)
      if (i < 0) throw new NotInDistributionError({ earner: e.earner, token: getAddress(t) })
      return i
    })
    .sort((a, b) => a - b)
  return {
    rootIndex: params.rootIndex,
    earnerIndex: e.index,
    earnerTreeProof: merkleProof(tree.earnerTree, e.index),
    earnerLeaf: { earner: e.earner, earnerTokenRoot: e.earnerTokenRoot },
    tokenIndices,
    tokenTreeProofs: tokenIndices.map((i) => merkleProof(e.tokenTree, i)),
    tokenLeaves: tokenIndices.map((i) => e.tokens[i]!),
  }
}

/**
 * The proof part of the contract's `_checkClaim`, locally: equal array lengths, the earner leaf
 * under `root`, every token leaf under the earner's token root. Throws `InvalidClaimProofError`
 * saying which part fails; returns nothing when the claim verifies. (Root activation, disabling and
 * who may claim are chain state: `claimRewards` checks them.)
 */
export function verifyClaim(root: Hex, claim: RewardsMerkleClaim): void {
  const earner = claim.earnerLeaf.earner
  const n = claim.tokenIndices.length
  if (n === 0 || claim.tokenTreeProofs.length !== n || claim.tokenLeaves.length !== n)
    throw new InvalidClaimProofError({
      earner,
      reason: 'tokenIndices, tokenTreeProofs and tokenLeaves must have one equal, non-zero length',
    })
  const top = processInclusionProof(
    claim.earnerTreeProof,
    earnerLeafHash(claim.earnerLeaf),
    claim.earnerIndex,
  )
  if (top === undefined || top.toLowerCase() !== root.toLowerCase())
    throw new InvalidClaimProofError({ earner, reason: 'the earner leaf is not under the root' })
  for (let i = 0; i < n; i++) {
    const leaf = claim.tokenLeaves[i]!
    const got = processInclusionProof(claim.tokenTreeProofs[i]!, tokenLeafHash(leaf), claim.tokenIndices[i]!)
    if (got === undefined || got.toLowerCase() !== claim.earnerLeaf.earnerTokenRoot.toLowerCase())
      throw new InvalidClaimProofError({
        earner,
        reason: `the leaf of token ${leaf.token} is not under the earner's token root`,
      })
  }
}

/** `verifyClaim` as a boolean. */
export function isValidClaim(root: Hex, claim: RewardsMerkleClaim): boolean {
  try {
    verifyClaim(root, claim)
    return true
  } catch {
    return false
  }
}
