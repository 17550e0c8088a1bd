// The local proof checker against trees and proofs built by `@openzeppelin/merkle-tree` (through the
// devnet's `symbioticOperatorRewardsTree`): roots and proofs the SDK did not build.
import { symbioticOperatorRewardsTree } from '@restakekit/devnet'
import { type Address, keccak256, toHex } from 'viem'
import { describe, expect, test } from 'vitest'
import {
  processSortedPairsProof,
  symbioticOperatorRewardsLeaf,
  verifySymbioticOperatorRewardsProof,
} from './merkle.js'

const address = (i: number) => keccak256(toHex(`operator ${i}`)).slice(0, 42) as Address

describe('Symbiotic operator rewards proofs (OpenZeppelin format)', () => {
  for (const size of [1, 2, 3, 7, 16]) {
    test(`${size} leaves: every OpenZeppelin proof verifies, a changed amount or operator does not`, () => {
      const entries = Array.from({ length: size }, (_, i) => ({
        operator: address(i),
        totalClaimable: BigInt(i + 1) * 10n ** 18n + 7n,
      }))
      const tree = symbioticOperatorRewardsTree(entries)
      for (const e of entries) {
        const { totalClaimable, proof } = tree.proof(e.operator)
        expect(totalClaimable).toBe(e.totalClaimable)
        expect(
          verifySymbioticOperatorRewardsProof({
            root: tree.root,
            operator: e.operator,
            totalClaimable,
            proof,
          }),
        ).toBe(true)
        expect(
          verifySymbioticOperatorRewardsProof({
            root: tree.root,
            operator: e.operator,
            totalClaimable: totalClaimable - 1n,
            proof,
          }),
        ).toBe(false)
        expect(
          verifySymbioticOperatorRewardsProof({
            root: tree.root,
            operator: address(99),
            totalClaimable,
            proof,
          }),
        ).toBe(false)
      }
    })
  }

  test('a single-leaf tree: the root is the leaf, the proof empty', () => {
    const operator = address(1)
    const tree = symbioticOperatorRewardsTree([{ operator, totalClaimable: 5n }])
    expect(tree.proof(operator).proof).toEqual([])
    expect(tree.root).toBe(symbioticOperatorRewardsLeaf(operator, 5n))
    expect(processSortedPairsProof(tree.root, [])).toBe(tree.root)
  })
})
