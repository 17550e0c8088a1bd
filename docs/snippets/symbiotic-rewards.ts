// The code of docs/guides/symbiotic-rewards.md, type-checked by `pnpm typecheck`: each `#region` is
// included in the page with VitePress's `<<< @/snippets/symbiotic-rewards.ts#name`.
import {
  getRestakingPortfolio,
  restakingActions,
  SymbioticNothingClaimableError,
  verifySymbioticOperatorRewardsProof,
} from '@restakekit/core'
import { claimRewards, getRewards } from '@restakekit/core/symbiotic'
import { type Address, createPublicClient, createWalletClient, type Hex, http } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import { mainnet } from 'viem/chains'

declare const stakerRewards: Address
declare const operatorRewards: Address
declare const network: Address
declare const token: Address
declare const staker: Address
declare const operator: Address
declare const timestamp: bigint
declare const amount: bigint
/** `@openzeppelin/merkle-tree`'s `StandardMerkleTree` (the part used here; install the package to build one). */
declare const StandardMerkleTree: {
  of(
    values: [Address, string][],
    types: ['address', 'uint256'],
  ): { root: string; entries(): Iterable<[number, [string, string]]>; getProof(index: number): string[] }
}

const publicClient = createPublicClient({ chain: mainnet, transport: http() })
const account = privateKeyToAccount(`0x${'11'.repeat(32)}`)
const wallet = createWalletClient({ account, chain: mainnet, transport: http() }).extend(restakingActions())

export async function stakerSide() {
  // #region staker
  // what the staker can claim, per token (one aggregate3)
  const { rewards } = await getRewards(publicClient, { stakerRewards, staker, network, tokens: [token] })
  console.log(rewards[0]?.claimable)

  try {
    const hash = await claimRewards(wallet, { stakerRewards, token, network })
    const { claimed } = await wallet.restaking.symbiotic.waitForClaimRewards(hash)
    console.log(`claimed ${claimed?.amount}`)
  } catch (error) {
    // refused before sending: nothing was signed
    if (error instanceof SymbioticNothingClaimableError) console.log('nothing to claim yet')
    else throw error
  }
  // #endregion staker
}

export async function middlewareSide() {
  // #region distribute
  // sent by the network's middleware: the exact approval first when the allowance is short
  const hash = await wallet.restaking.symbiotic.distributeRewards({
    stakerRewards,
    network,
    token,
    amount,
    timestamp, // stakers share by their active shares at this time (before the landing block)
  })
  const { distributed } = await wallet.restaking.symbiotic.waitForDistributeRewards(hash)
  console.log(distributed?.adminFeeAmount)
  // #endregion distribute
}

export async function operatorSide(entries: [Address, string][]) {
  // #region operator
  // the network's tree of cumulative [operator, amount] leaves, built by @openzeppelin/merkle-tree
  const tree = StandardMerkleTree.of(entries, ['address', 'uint256'])
  await wallet.restaking.symbiotic.distributeOperatorRewards({
    operatorRewards,
    network,
    token,
    amount,
    root: tree.root as Hex,
  })

  // the operator: its leaf and proof, checked locally, then on chain before sending
  for (const [i, [who, total]] of tree.entries()) {
    if (who.toLowerCase() !== operator.toLowerCase()) continue
    const proof = tree.getProof(i) as Hex[]
    const totalClaimable = BigInt(total)
    verifySymbioticOperatorRewardsProof({ root: tree.root as Hex, operator, totalClaimable, proof })
    await wallet.restaking.symbiotic.claimOperatorRewards({
      operatorRewards,
      network,
      token,
      totalClaimable,
      proof,
    })
  }
  // #endregion operator
}

export async function portfolio() {
  // #region portfolio
  const p = await getRestakingPortfolio(publicClient, {
    staker,
    symbiotic: { rewards: [{ stakerRewards, network, tokens: [token] }] },
  })
  for (const r of p.rewards) console.log(r.protocol, r.token, r.amount, r.source)
  // #endregion portfolio
}
