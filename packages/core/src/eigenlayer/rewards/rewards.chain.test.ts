import { haveEigenLayer } from '@restakekit/devnet'
import { type Address, BaseError, ContractFunctionRevertedError, parseEther } from 'viem'
import { describe, expect, test } from 'vitest'
import { rewardsClaimsAbi } from '../abis.js'
import { useEigenLayerEnv } from '../test/helpers.js'
import {
  buildClaim,
  buildRewardsTree,
  earnerLeafHash,
  type RewardsMerkleClaim,
  tokenLeafHash,
} from './index.js'
import { advanceTo, postRoot, setActivationDelay } from './testing.js'

/** The custom error a view reverted with. */
async function revertName(p: Promise<unknown>): Promise<string | undefined> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  )
  if (!(e instanceof BaseError)) return undefined
  const r = e.walk((x) => x instanceof ContractFunctionRevertedError) as ContractFunctionRevertedError | null
  return r?.data?.errorName
}

describe.skipIf(!haveEigenLayer())("the local tree against the RewardsCoordinator's own checks", () => {
  const t = useEigenLayerEnv()

  test('leaf hashes equal calculateEarnerLeafHash / calculateTokenLeafHash; checkClaim accepts every built claim', async () => {
    const { env, pc } = t
    const rc = env.deployment.rewardsCoordinator
    const weth = env.devnet.deployments.tokens.weth
    const earners = await Promise.all([0, 1, 2].map(() => env.devnet.newAccount()))
    const entries = [
      { earner: earners[0]!.address, token: env.token, cumulativeEarnings: parseEther('300') },
      { earner: earners[0]!.address, token: weth, cumulativeEarnings: parseEther('1.5') },
      { earner: earners[1]!.address, token: env.token, cumulativeEarnings: parseEther('700') },
      { earner: earners[2]!.address, token: weth, cumulativeEarnings: 12345n },
    ]
    const tree = buildRewardsTree(entries)

    for (const e of tree.earners) {
      for (const leaf of e.tokens) {
        const onChain = await pc().readContract({
          address: rc,
          abi: rewardsClaimsAbi,
          functionName: 'calculateTokenLeafHash',
          args: [leaf],
        })
        expect(onChain).toBe(tokenLeafHash(leaf))
      }
      const earnerLeaf = { earner: e.earner, earnerTokenRoot: e.earnerTokenRoot }
      const onChain = await pc().readContract({
        address: rc,
        abi: rewardsClaimsAbi,
        functionName: 'calculateEarnerLeafHash',
        args: [earnerLeaf],
      })
      expect(onChain).toBe(earnerLeafHash(earnerLeaf))
    }

    await setActivationDelay(env, 600)
    const { rootIndex, activatedAt } = await postRoot(env, tree.root)
    const check = (claim: RewardsMerkleClaim) =>
      pc().readContract({
        address: rc,
        abi: rewardsClaimsAbi,
        functionName: 'checkClaim',
        args: [claim],
      })
    const first = buildClaim({ distribution: tree, earner: earners[0]!.address, rootIndex })
    expect(await revertName(check(first))).toBe('RootNotActivated')

    await advanceTo(env, activatedAt)
    // three earners: padded to four leaves, a two-level earner proof
    expect(tree.earnerTree.levels[0]!.length).toBe(4)
    for (const e of earners) {
      const claim = buildClaim({ distribution: tree, earner: e.address, rootIndex })
      expect(await check(claim)).toBe(true)
    }
    // one token of two (index 1 alone) is accepted as well
    const one = buildClaim({ distribution: tree, earner: earners[0]!.address, rootIndex, tokens: [weth] })
    expect(one.tokenLeaves).toHaveLength(1)
    expect(await check(one)).toBe(true)

    // tampering is caught by the contract too: one wei more, another index, an index past the depth
    const inflated: RewardsMerkleClaim = {
      ...first,
      tokenLeaves: first.tokenLeaves.map((l) => ({ ...l, cumulativeEarnings: l.cumulativeEarnings + 1n })),
    }
    expect(await revertName(check(inflated))).toBe('InvalidClaimProof')
    expect(await revertName(check({ ...first, earnerIndex: first.earnerIndex ^ 1 }))).toBe(
      'InvalidClaimProof',
    )
    expect(await revertName(check({ ...first, earnerIndex: 4 }))).toBe('InvalidEarnerLeafIndex')
    const other = earners.find((e) => e.address !== first.earnerLeaf.earner)!.address as Address
    expect(await revertName(check({ ...first, earnerLeaf: { ...first.earnerLeaf, earner: other } }))).toBe(
      'InvalidClaimProof',
    )
  })
})
