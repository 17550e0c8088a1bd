import { type Address, type Hex, isHex, zeroHash } from 'viem'
import { InvalidClaimProofError, NoRewardsToClaimError } from '../../eigenlayer/rewards/errors.js'
import { InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  type BatchRead,
  type BatchResult,
  contractCall,
  defineCall,
  defineWrite,
  prepareOf,
  type ReadClient,
  type ReadPlan,
  runPlan,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { assertRecipient } from '../internal.js'
import { symbioticOperatorRewardsAbi } from './abis.js'
import { claimRewardsReceipt } from './claimed.js'
import { DISTRIBUTE_OPERATOR_REWARDS, distributeReceipt, distributeWrite } from './distribute.js'
import {
  operatorRewardsRevertMapper,
  SymbioticRewardsBalanceError,
  SymbioticRewardsNotFoundError,
  SymbioticRewardsRootNotSetError,
} from './errors.js'
import { verifySymbioticOperatorRewardsProof } from './merkle.js'

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

function assertRoot(parameter: string, value: unknown): Hex {
  if (typeof value !== 'string' || !isHex(value) || value.length !== 66)
    throw new InvalidParameterError({ parameter, reason: 'must be a 32-byte hex string' })
  return value.toLowerCase() as Hex
}

function assertProof(value: unknown): readonly Hex[] {
  if (!Array.isArray(value))
    throw new InvalidParameterError({ parameter: 'proof', reason: 'must be an array of 32-byte hex strings' })
  return value.map((x, i) => assertRoot(`proof[${i}]`, x))
}

/** What the operator rewards hold for one (network, token) and one operator. */
export type SymbioticOperatorRewardsState = {
  /** The posted root (`null`: none set). */
  root: Hex | null
  /** What the network has left in the contract for the token (`balance(network, token)`). */
  balance: bigint
  /** What the operator has claimed so far (cumulative). */
  claimed: bigint
}

/** One stage: the root, the network's balance and the operator's claimed amount. */
export function operatorRewardsPlan(params: {
  operatorRewards: Address
  network: Address
  token: Address
  operator: Address
}): ReadPlan<SymbioticOperatorRewardsState> {
  const at = (functionName: string, args: readonly unknown[]): BatchRead => ({
    address: params.operatorRewards,
    abi: symbioticOperatorRewardsAbi,
    functionName,
    args,
  })
  const { network, token, operator } = params
  return stage(
    [
      at('root', [network, token]),
      at('balance', [network, token]),
      at('claimed', [network, token, operator]),
    ],
    (r) => {
      const root = ok<Hex>(r[0])
      if (root === undefined || r[1]?.status !== 'success')
        throw new SymbioticRewardsNotFoundError({ rewards: params.operatorRewards, kind: 'operator' })
      return {
        root: root === zeroHash ? null : root,
        balance: unwrap<bigint>(r[1]),
        claimed: unwrap<bigint>(r[2]),
      }
    },
  )
}

export type GetOperatorRewardsParameters = {
  operatorRewards: Address
  operator: Address
  network: Address
  token: Address
  /** The operator's cumulative amount in the network's tree: with it, `claimable` is computed. */
  totalClaimable?: bigint
}

/** The root, the network's balance and the operator's claims; with `totalClaimable`, what a claim pays now. */
export async function getOperatorRewards(
  client: ReadClient,
  params: GetOperatorRewardsParameters,
): Promise<SymbioticOperatorRewardsState & { claimable: bigint | undefined }> {
  const s = await runPlan(
    client,
    operatorRewardsPlan({
      operatorRewards: assertAddress('operatorRewards', params.operatorRewards),
      network: assertAddress('network', params.network),
      token: assertAddress('token', params.token),
      operator: assertAddress('operator', params.operator),
    }),
  )
  const total = params.totalClaimable
  return { ...s, claimable: total === undefined ? undefined : total > s.claimed ? total - s.claimed : 0n }
}

// ---------------------------------------------------------------- claimOperatorRewards (the operator)

export type ClaimOperatorRewardsParameters = {
  operatorRewards: Address
  network: Address
  token: Address
  /** The operator's cumulative amount, its leaf in the network's tree. */
  totalClaimable: bigint
  /** The leaf's proof (OpenZeppelin `StandardMerkleTree.getProof`, sorted pairs). */
  proof: readonly Hex[]
  /** Who receives the tokens (default: the sender). */
  receiver?: Address
}

type ClaimResolved = {
  operatorRewards: Address
  network: Address
  token: Address
  totalClaimable: bigint
  proof: readonly Hex[]
  receiver: Address
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_OPERATOR_REWARDS = 'symbiotic.claimOperatorRewards'
const claimOperatorRewardsCall = /* @__PURE__ */ defineCall({
  name: CLAIM_OPERATOR_REWARDS,
  contract: 'DefaultOperatorRewards',
  resolve: (p: ClaimOperatorRewardsParameters, { sender }): ClaimResolved => ({
    operatorRewards: assertAddress('operatorRewards', p.operatorRewards),
    network: assertAddress('network', p.network),
    token: assertAddress('token', p.token),
    totalClaimable: assertAmount('totalClaimable', p.totalClaimable),
    proof: assertProof(p.proof),
    receiver: assertRecipient('receiver', p.receiver ?? sender),
  }),
  call: (a) =>
    contractCall({
      address: a.operatorRewards,
      abi: symbioticOperatorRewardsAbi,
      functionName: 'claimRewards',
      args: [a.receiver, a.network, a.token, a.totalClaimable, [...a.proof]],
    }),
})
const claimOperatorRewardsReceipt = /* @__PURE__ */ claimRewardsReceipt(symbioticOperatorRewardsAbi)
const claimOperatorRewards_ = /* @__PURE__ */ defineWrite(claimOperatorRewardsCall, {
  read: (a, { sender }) =>
    operatorRewardsPlan({
      operatorRewards: a.operatorRewards,
      network: a.network,
      token: a.token,
      operator: sender,
    }),
  /** A root is set, the proof leads to it (checked locally), something is left, the network holds it. */
  check: (a, s, { sender }) => {
    const operator = sender as Address
    if (!s.root)
      throw new SymbioticRewardsRootNotSetError({
        rewards: a.operatorRewards,
        network: a.network,
        token: a.token,
      })
    if (
      !verifySymbioticOperatorRewardsProof({
        root: s.root,
        operator,
        totalClaimable: a.totalClaimable,
        proof: a.proof,
      })
    )
      throw new InvalidClaimProofError({
        earner: operator,
        reason: `(${operator}, ${a.totalClaimable}) is not a leaf of the root ${s.root}`,
      })
    if (a.totalClaimable <= s.claimed) throw new NoRewardsToClaimError({ earners: [operator] })
    const required = a.totalClaimable - s.claimed
    if (s.balance < required)
      throw new SymbioticRewardsBalanceError({
        rewards: a.operatorRewards,
        network: a.network,
        token: a.token,
        required,
        balance: s.balance,
      })
  },
  revert: (a, s, { sender }) =>
    operatorRewardsRevertMapper({
      rewards: a.operatorRewards,
      account: sender as Address,
      network: a.network,
      token: a.token,
      ...(s ? { required: a.totalClaimable - s.claimed, balance: s.balance } : {}),
    }),
  /** What the claim pays: `totalClaimable − claimed`. */
  simulated: (a, s) => ({ amount: a.totalClaimable - s.claimed }),
  receipt: claimOperatorRewardsReceipt,
})

/** Layer 1 (pure): `claimRewards(receiver, network, token, totalClaimable, proof)` as a frozen call. */
export const prepareClaimOperatorRewards = /* @__PURE__ */ prepareOf(claimOperatorRewardsCall)
/** Layer 2: checks (a root, the proof verified locally, something left, the balance) and simulates; `amount` is what it pays. */
export const simulateClaimOperatorRewards = /* @__PURE__ */ simulateOf(claimOperatorRewards_)
/** Layer 3: checks, simulates and sends the operator's claim. */
export const claimOperatorRewards = /* @__PURE__ */ sendOf(claimOperatorRewards_)
/** Layer 4: the receipt, the events, and `claimed` (network, token, amount, receiver). */
export const waitForClaimOperatorRewards = /* @__PURE__ */ waitForOf(
  { name: CLAIM_OPERATOR_REWARDS },
  claimOperatorRewardsReceipt,
)

// ---------------------------------------------------------------- distributeOperatorRewards (the middleware)

export type DistributeOperatorRewardsParameters = {
  operatorRewards: Address
  /** The network paying; the sender must be its middleware. */
  network: Address
  token: Address
  /** Tokens added to the network's balance (0n: only the root changes). */
  amount: bigint
  /** The new root of cumulative `[operator, totalClaimable]` leaves (it replaces the previous one). */
  root: Hex
}

const distributeOperatorRewards_ = /* @__PURE__ */ distributeWrite('operator', (p) => {
  if (typeof p.amount !== 'bigint' || p.amount < 0n)
    throw new InvalidParameterError({
      parameter: 'amount',
      reason: 'must be a bigint ≥ 0 (0n only replaces the root)',
    })
  const root = assertRoot('root', p.root)
  if (root === zeroHash) throw new InvalidParameterError({ parameter: 'root', reason: 'must not be zero' })
  return {
    kind: 'operator',
    rewards: assertAddress('operatorRewards', p.operatorRewards),
    network: assertAddress('network', p.network),
    token: assertAddress('token', p.token),
    amount: p.amount,
    root,
  }
})

/** Layer 1 (pure): the exact approval (when `amount > 0`), then `distributeRewards(network, token, amount, root)`. */
export const prepareDistributeOperatorRewards = /* @__PURE__ */ prepareOf(distributeOperatorRewards_)
/** Layer 2: checks (the middleware sends, it holds the amount) and simulates. */
export const simulateDistributeOperatorRewards = /* @__PURE__ */ simulateOf(distributeOperatorRewards_)
/** Layer 3: checks, approves exactly when short, simulates and sends (the network's middleware). */
export const distributeOperatorRewards = /* @__PURE__ */ sendOf(distributeOperatorRewards_)
/** Layer 4: the receipt, the events, and `distributed` (amount and root). */
export const waitForDistributeOperatorRewards = /* @__PURE__ */ waitForOf(
  { name: DISTRIBUTE_OPERATOR_REWARDS },
  /* @__PURE__ */ distributeReceipt('operator'),
)
