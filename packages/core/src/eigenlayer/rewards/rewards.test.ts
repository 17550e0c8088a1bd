import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { type Address, getAddress, type Hex, keccak256, size } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  buildClaim,
  buildRewardsTree,
  type DistributionEntry,
  earnerLeafHash,
  InvalidClaimProofError,
  InvalidDistributionError,
  isValidClaim,
  merkleProof,
  merkleTree,
  NotInDistributionError,
  parseDistribution,
  processInclusionProof,
  type RewardsMerkleClaim,
  tokenLeafHash,
  verifyClaim,
  verifyInclusionProof,
} from './index.js'

// EigenLayer's own claim test vectors (roots and proofs this code did not build), read in place.
const here = dirname(fileURLToPath(import.meta.url))
const vectorsDir = resolve(
  here,
  '..',
  '..',
  '..',
  '..',
  '..',
  '..',
  'shared',
  'reference',
  'rewards-testdata',
)

type Vector = {
  Root: Hex
  RootIndex: number
  EarnerIndex: number
  EarnerTreeProof: Hex
  EarnerLeaf: { Earner: Address; EarnerTokenRoot: Hex }
  LeafIndices: number[]
  TokenTreeProofs: Hex[]
  TokenLeaves: { Token: Address; CumulativeEarnings: string }[]
}

/** The files hold amounts as bare JSON numbers above 2^53: quote them before parsing. */
function loadVector(file: string): Vector {
  const text = readFileSync(join(vectorsDir, file), 'utf8').replace(
    /("CumulativeEarnings"\s*:\s*)(\d+)/g,
    '$1"$2"',
  )
  return JSON.parse(text) as Vector
}

function claimOf(v: Vector): RewardsMerkleClaim {
  return {
    rootIndex: v.RootIndex,
    earnerIndex: v.EarnerIndex,
    earnerTreeProof: v.EarnerTreeProof,
    earnerLeaf: { earner: getAddress(v.EarnerLeaf.Earner), earnerTokenRoot: v.EarnerLeaf.EarnerTokenRoot },
    tokenIndices: v.LeafIndices,
    tokenTreeProofs: v.TokenTreeProofs,
    tokenLeaves: v.TokenLeaves.map((l) => ({
      token: getAddress(l.Token),
      cumulativeEarnings: BigInt(l.CumulativeEarnings),
    })),
  }
}

const vectorFiles = existsSync(vectorsDir) ? readdirSync(vectorsDir).filter((f) => f.endsWith('.json')) : []

describe.skipIf(vectorFiles.length === 0)("EigenLayer's claim test vectors", () => {
  test('all seven vector files are there', () => {
    expect(vectorFiles.length).toBe(7)
  })

  for (const file of vectorFiles) {
    test(`${file}: token proofs reach EarnerTokenRoot, the earner proof reaches Root`, () => {
      const v = loadVector(file)
      const claim = claimOf(v)
      claim.tokenLeaves.forEach((leaf, i) => {
        expect(
          processInclusionProof(claim.tokenTreeProofs[i]!, tokenLeafHash(leaf), claim.tokenIndices[i]!),
        ).toBe(v.EarnerLeaf.EarnerTokenRoot)
      })
      expect(processInclusionProof(v.EarnerTreeProof, earnerLeafHash(claim.earnerLeaf), v.EarnerIndex)).toBe(
        v.Root,
      )
      expect(() => verifyClaim(v.Root, claim)).not.toThrow()
      // one wei more on the first token, or the neighbouring earner index, breaks it
      const inflated = {
        ...claim,
        tokenLeaves: claim.tokenLeaves.map((l, i) =>
          i === 0 ? { ...l, cumulativeEarnings: l.cumulativeEarnings + 1n } : l,
        ),
      }
      expect(() => verifyClaim(v.Root, inflated)).toThrow(InvalidClaimProofError)
      if (size(v.EarnerTreeProof) > 0)
        expect(isValidClaim(v.Root, { ...claim, earnerIndex: claim.earnerIndex ^ 1 })).toBe(false)
    })
  }

  test('Root1: the 6-token tree rebuilt from its leaves (padded to 8) gives the same root and proofs', () => {
    const v = loadVector('processClaimProofs_Root1.json')
    const claim = claimOf(v)
    const tree = merkleTree(claim.tokenLeaves.map(tokenLeafHash))
    expect(tree.levels[0]!.length).toBe(8)
    expect(tree.root).toBe(v.EarnerLeaf.EarnerTokenRoot)
    claim.tokenIndices.forEach((index, i) => {
      expect(merkleProof(tree, index)).toBe(v.TokenTreeProofs[i])
    })
    // keccak(0^64), the parent of two padding leaves, is the sibling of leaves 4 and 5 one level up
    expect(v.TokenTreeProofs[4]!.slice(66, 130)).toBe(keccak256(`0x${'00'.repeat(64)}`).slice(2))
    // and the SDK's own builder, from the entries, agrees
    const built = buildRewardsTree(
      claim.tokenLeaves.map((l) => ({
        earner: claim.earnerLeaf.earner,
        token: l.token,
        cumulativeEarnings: l.cumulativeEarnings,
      })),
    )
    expect(built.earners[0]!.earnerTokenRoot).toBe(v.EarnerLeaf.EarnerTokenRoot)
  })

  test('index bounds: an index at or beyond 2^depth is refused (InvalidEarnerLeafIndex on chain)', () => {
    const v = loadVector('processClaimProofs_MaxEarnerAndLeafIndices.json')
    const depth = size(v.EarnerTreeProof) / 32
    expect(v.EarnerIndex).toBe(2 ** depth - 1)
    const leaf = earnerLeafHash(claimOf(v).earnerLeaf)
    expect(processInclusionProof(v.EarnerTreeProof, leaf, 2 ** depth)).toBeUndefined()
    expect(verifyInclusionProof(v.Root, v.EarnerTreeProof, leaf, v.EarnerIndex)).toBe(true)
  })
})

const addr = fc
  .uint8Array({ minLength: 20, maxLength: 20 })
  .map((b) => getAddress(`0x${Buffer.from(b).toString('hex')}`))
const amount = fc.bigInt({ min: 0n, max: (1n << 256n) - 1n })
/** A distribution: 1–9 earners, each with 1–5 distinct tokens. */
const distribution = fc
  .uniqueArray(addr, { minLength: 1, maxLength: 9, selector: (a) => a.toLowerCase() })
  .chain((earners) =>
    fc.tuple(
      ...earners.map((earner) =>
        fc
          .uniqueArray(fc.tuple(addr, amount), {
            minLength: 1,
            maxLength: 5,
            selector: ([t]) => t.toLowerCase(),
          })
          .map((tokens) =>
            tokens.map(([token, cumulativeEarnings]) => ({ earner, token, cumulativeEarnings })),
          ),
      ),
    ),
  )
  .map((groups) => groups.flat() as DistributionEntry[])

describe('distribution → tree → claims (properties)', () => {
  test('every earner claim built from the tree verifies against its root; changing an amount breaks it', () => {
    fc.assert(
      fc.property(distribution, fc.nat(), (entries, pick) => {
        const tree = buildRewardsTree(entries)
        for (const e of tree.earners) {
          const claim = buildClaim({ distribution: tree, earner: e.earner, rootIndex: 0 })
          expect(isValidClaim(tree.root, claim)).toBe(true)
          const k = pick % claim.tokenLeaves.length
          const changed = {
            ...claim,
            tokenLeaves: claim.tokenLeaves.map((l, i) =>
              i === k ? { ...l, cumulativeEarnings: (l.cumulativeEarnings + 1n) % (1n << 256n) } : l,
            ),
          }
          expect(isValidClaim(tree.root, changed)).toBe(false)
        }
      }),
      { numRuns: 60 },
    )
  })

  test('a subset of tokens verifies, in index order; another earner leaf or index does not', () => {
    fc.assert(
      fc.property(distribution, fc.nat(), (entries, seed) => {
        const tree = buildRewardsTree(entries)
        const e = tree.earners[seed % tree.earners.length]!
        const tokens = e.tokens.filter((_, i) => (seed >> i) & 1).map((t) => t.token)
        const chosen = tokens.length ? tokens : [e.tokens[0]!.token]
        const claim = buildClaim({
          distribution: tree,
          earner: e.earner,
          rootIndex: 3,
          tokens: [...chosen].reverse(),
        })
        expect(claim.tokenLeaves.map((l) => l.token).sort()).toEqual([...chosen].sort())
        expect([...claim.tokenIndices]).toEqual([...claim.tokenIndices].sort((a, b) => a - b))
        expect(isValidClaim(tree.root, claim)).toBe(true)
        if (tree.earners.length > 1) {
          const other = tree.earners.find((x) => x !== e)!
          expect(
            isValidClaim(tree.root, { ...claim, earnerLeaf: { ...claim.earnerLeaf, earner: other.earner } }),
          ).toBe(false)
          expect(isValidClaim(tree.root, { ...claim, earnerIndex: other.index })).toBe(false)
        }
      }),
      { numRuns: 60 },
    )
  })

  test('the tree does not depend on the input order (earners and tokens are sorted ascending)', () => {
    fc.assert(
      fc.property(distribution, (entries) => {
        const a = buildRewardsTree(entries)
        const b = buildRewardsTree([...entries].reverse())
        expect(b.root).toBe(a.root)
        const earners = a.earners.map((e) => BigInt(e.earner))
        expect(earners).toEqual([...earners].sort((x, y) => (x < y ? -1 : 1)))
      }),
      { numRuns: 40 },
    )
  })
})

describe('distribution input', () => {
  const lo = '0x1000000000000000000000000000000000000001' as Address
  const hi = '0x2000000000000000000000000000000000000002' as Address
  const token = '0x3000000000000000000000000000000000000003' as Address

  test('the rewards service lines, JSON lines text, the nested map and SDK entries give one tree', () => {
    const big = 123456789012345678901234567890n
    const lines = [
      { earner: hi, token, cumulative_amount: '700' },
      { earner: lo, token, cumulative_amount: big.toString() },
    ]
    const jsonl = `{"earner":"${hi}","token":"${token}","cumulative_amount":700}\n{"earner":"${lo}","token":"${token}","cumulative_amount":${big}}\n`
    const map = { [lo]: { [token]: big.toString() }, [hi]: { [token]: '700' } }
    const sdk = [
      { earner: lo, token, cumulativeEarnings: big },
      { earner: hi, token, cumulativeEarnings: 700n },
    ]
    const root = buildRewardsTree(sdk).root
    expect(buildRewardsTree(lines).root).toBe(root)
    expect(buildRewardsTree(jsonl).root).toBe(root)
    expect(buildRewardsTree(JSON.stringify(lines)).root).toBe(root)
    expect(buildRewardsTree(map).root).toBe(root)
    expect(parseDistribution(jsonl)[0]!.cumulativeEarnings).toBe(big)
    // two earners with one token each: token roots are the leaves, the root is keccak(L0 ‖ L1)
    const t = buildRewardsTree(sdk)
    expect(t.earners[0]!.earnerTokenRoot).toBe(tokenLeafHash({ token, cumulativeEarnings: big }))
    expect(t.earnerTree.levels[0]).toEqual(t.earners.map(earnerLeafHash))
  })

  test('malformed input is an InvalidDistributionError; an unknown earner or token a NotInDistributionError', () => {
    expect(() => parseDistribution([])).toThrow(InvalidDistributionError)
    expect(() => parseDistribution([{ earner: 'nope', token, cumulative_amount: '1' }] as never)).toThrow(
      InvalidDistributionError,
    )
    expect(() => parseDistribution([{ earner: lo, token, cumulative_amount: '-1' }])).toThrow(
      InvalidDistributionError,
    )
    expect(() => parseDistribution([{ earner: lo, token, cumulative_amount: '1.5' }])).toThrow(
      InvalidDistributionError,
    )
    expect(() =>
      parseDistribution([
        { earner: lo, token, cumulative_amount: '1' },
        { earner: lo.toLowerCase(), token, cumulative_amount: '2' },
      ]),
    ).toThrow(/appears twice/)
    expect(() => parseDistribution('{not json')).toThrow(InvalidDistributionError)
    // the reason names the entry and the field
    expect(() => parseDistribution([{ earner: 'nope', token, cumulative_amount: '1' }] as never)).toThrow(
      /entry 0: at earner: not an address/,
    )
    expect(() => parseDistribution([{ earner: lo, token, cumulativeEarnings: -1n }])).toThrow(
      /at cumulativeEarnings: negative/,
    )
    expect(() => parseDistribution([{ earner: lo, token }] as never)).toThrow(
      /at cumulative_amount: expected string/,
    )
    expect(() => parseDistribution([7] as never)).toThrow(/entry 0: expected object/)
    expect(() => parseDistribution({ [lo]: { [token]: '1e3' } })).toThrow(
      /not a non-negative decimal integer/,
    )
    expect(() => parseDistribution({ [lo]: { nope: '1' } })).toThrow(/\.nope: not an address/)
    expect(() => parseDistribution({ nope: { [token]: '1' } })).toThrow(/at nope: not an address/)
    expect(() => parseDistribution({ [lo]: '1' } as never)).toThrow(/expected object/)
    expect(() => parseDistribution('5')).toThrow(/expected an array of entries or a map of earners/)
    // a service line's empty amount is 0
    expect(parseDistribution([{ earner: lo, token, cumulative_amount: '' }])[0]!.cumulativeEarnings).toBe(0n)
    const d = [{ earner: lo, token, cumulativeEarnings: 5n }]
    expect(() => buildClaim({ distribution: d, earner: hi, rootIndex: 0 })).toThrow(NotInDistributionError)
    expect(() => buildClaim({ distribution: d, earner: lo, rootIndex: 0, tokens: [hi] })).toThrow(
      NotInDistributionError,
    )
    expect(() => buildClaim({ distribution: d, earner: lo, rootIndex: -1 })).toThrow(InvalidDistributionError)
    // a one-leaf tree: root = leaf, empty proofs
    const one = buildClaim({ distribution: d, earner: lo, rootIndex: 0 })
    expect(one.earnerTreeProof).toBe('0x')
    expect(one.tokenTreeProofs).toEqual(['0x'])
    expect(() =>
      verifyClaim(buildRewardsTree(d).root, {
        ...one,
        tokenIndices: [],
        tokenLeaves: [],
        tokenTreeProofs: [],
      }),
    ).toThrow(InvalidClaimProofError)
  })
})
