import { type Address, encodeAbiParameters, type Hex, maxUint256 } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  assertNonEmpty,
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
  waitForOf,
} from '../../kit/index.js'
import { assertRecipient } from '../internal.js'
import { symbioticStakerRewardsAbi } from './abis.js'
import { claimRewardsReceipt } from './claimed.js'
import { DISTRIBUTE_REWARDS, distributeReceipt, distributeWrite } from './distribute.js'
import {
  SymbioticNothingClaimableError,
  SymbioticRewardsNotFoundError,
  SymbioticRewardTokenError,
  stakerRewardsRevertMapper,
} from './errors.js'

// ---------------------------------------------------------------- shared reads

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

/** `claimable`'s and `claimRewards`' data: `abi.encode(network, maxRewards)` / `(network, maxRewards, hints)`. */
const claimableData = (network: Address, maxRewards: bigint): Hex =>
  encodeAbiParameters([{ type: 'address' }, { type: 'uint256' }], [network, maxRewards])
const claimData = (network: Address, maxRewards: bigint): Hex =>
  encodeAbiParameters(
    [{ type: 'address' }, { type: 'uint256' }, { type: 'bytes[]' }],
    [network, maxRewards, []],
  )

/** One token of a staker's rewards from one network, in one `DefaultStakerRewards`. */
export type SymbioticStakerReward = {
  token: Address
  network: Address
  /** What `claimRewards` pays now: Σ over unclaimed distributions of `activeSharesOfAt × amount / activeSharesAt`. */
  claimable: bigint
  /** How many distributions of the token the network made (`rewardsLength`). */
  distributions: bigint
  /** The first distribution the staker has not claimed (`lastUnclaimedReward`). */
  lastUnclaimedReward: bigint
}

/** The reads of one staker's rewards (one stage): the contract's vault, then per token claimable, length, cursor. */
export function stakerRewardsPlan(params: {
  stakerRewards: Address
  staker: Address
  network: Address
  tokens: readonly Address[]
  maxRewards?: bigint
}): ReadPlan<{ vault: Address | undefined; rewards: SymbioticStakerReward[] }> {
  const { stakerRewards, staker, network, tokens } = params
  const max = params.maxRewards ?? maxUint256
  const at = (functionName: string, args: readonly unknown[] = []): BatchRead => ({
    address: stakerRewards,
    abi: symbioticStakerRewardsAbi,
    functionName,
    args,
  })
  return stage(
    [
      at('VAULT'),
      ...tokens.flatMap((token) => [
        at('claimable', [token, staker, claimableData(network, max)]),
        at('rewardsLength', [token, network]),
        at('lastUnclaimedReward', [staker, token, network]),
      ]),
    ],
    (r) => ({
      vault: ok<Address>(r[0]),
      rewards: tokens.map((token, i) => ({
        token,
        network,
        claimable: ok<bigint>(r[1 + 3 * i]) ?? 0n,
        distributions: ok<bigint>(r[2 + 3 * i]) ?? 0n,
        lastUnclaimedReward: ok<bigint>(r[3 + 3 * i]) ?? 0n,
      })),
    }),
  )
}

export type GetRewardsParameters = {
  /** The vault's `DefaultStakerRewards`. */
  stakerRewards: Address
  staker: Address
  /** The network whose distributions are read (rewards are kept per token and network). */
  network: Address
  tokens: readonly Address[]
}

export type GetRewardsReturnType = {
  stakerRewards: Address
  /** The vault the rewards are for (`VAULT()`). */
  vault: Address
  rewards: SymbioticStakerReward[]
}

/**
 * A staker's rewards per token from one network, in one `aggregate3`: what it can claim now, the
 * number of distributions and where its claims stand. A contract that is not a `DefaultStakerRewards`
 * is a `SymbioticRewardsNotFoundError`.
 */
export async function getRewards(
  client: ReadClient,
  params: GetRewardsParameters,
): Promise<GetRewardsReturnType> {
  const stakerRewards = assertAddress('stakerRewards', params.stakerRewards)
  const staker = assertAddress('staker', params.staker)
  const network = assertAddress('network', params.network)
  const tokens = assertNonEmpty('tokens', params.tokens).map((t, i) => assertAddress(`tokens[${i}]`, t))
  const { vault, rewards } = await runPlan(
    client,
    stakerRewardsPlan({ stakerRewards, staker, network, tokens }),
  )
  if (!vault) throw new SymbioticRewardsNotFoundError({ rewards: stakerRewards, kind: 'staker' })
  return { stakerRewards, vault, rewards }
}

// ---------------------------------------------------------------- claimRewards (the staker)

export type ClaimRewardsParameters = {
  stakerRewards: Address
  token: Address
  network: Address
  /** Who receives the tokens (default: the sender). */
  receiver?: Address
  /** At most this many distributions are processed (default: all unclaimed). */
  maxRewards?: bigint
}

type ClaimResolved = {
  stakerRewards: Address
  token: Address
  network: Address
  receiver: Address
  maxRewards: bigint
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_REWARDS = 'symbiotic.claimRewards'
const claimRewardsCall = /* @__PURE__ */ defineCall({
  name: CLAIM_REWARDS,
  contract: 'DefaultStakerRewards',
  resolve: (p: ClaimRewardsParameters, { sender }): ClaimResolved => {
    if (p.maxRewards !== undefined && (typeof p.maxRewards !== 'bigint' || p.maxRewards <= 0n))
      throw new InvalidParameterError({
        parameter: 'maxRewards',
        reason: 'must be a bigint greater than zero',
      })
    return {
      stakerRewards: assertAddress('stakerRewards', p.stakerRewards),
      token: assertAddress('token', p.token),
      network: assertAddress('network', p.network),
      receiver: assertRecipient('receiver', p.receiver ?? sender),
      maxRewards: p.maxRewards ?? maxUint256,
    }
  },
  call: (a) =>
    contractCall({
      address: a.stakerRewards,
      abi: symbioticStakerRewardsAbi,
      functionName: 'claimRewards',
      args: [a.receiver, a.token, claimData(a.network, a.maxRewards)],
    }),
})
const stakerClaimReceipt = /* @__PURE__ */ claimRewardsReceipt(symbioticStakerRewardsAbi)
const claimRewards_ = /* @__PURE__ */ defineWrite(claimRewardsCall, {
  read: (a, { sender }) =>
    stakerRewardsPlan({
      stakerRewards: a.stakerRewards,
      staker: sender,
      network: a.network,
      tokens: [a.token],
      maxRewards: a.maxRewards,
    }),
  /** A staker-rewards contract, a token the network distributed, something claimable. */
  check: (a, s, { sender }) => {
    if (!s.vault) throw new SymbioticRewardsNotFoundError({ rewards: a.stakerRewards, kind: 'staker' })
    const r = s.rewards[0]!
    if (r.distributions === 0n)
      throw new SymbioticRewardTokenError({ rewards: a.stakerRewards, token: a.token, network: a.network })
    if (r.claimable === 0n)
      throw new SymbioticNothingClaimableError({
        rewards: a.stakerRewards,
        account: sender as Address,
        token: a.token,
        network: a.network,
      })
  },
  revert: (a, _s, { sender }) =>
    stakerRewardsRevertMapper({
      rewards: a.stakerRewards,
      account: sender as Address,
      network: a.network,
      token: a.token,
    }),
  /** What the claim pays (the contract's `claimable` at the landing block). */
  simulated: (_a, s) => ({ amount: s.rewards[0]!.claimable }),
  receipt: stakerClaimReceipt,
})

/** Layer 1 (pure): `claimRewards(receiver, token, abi.encode(network, maxRewards, []))` as a frozen call. */
export const prepareClaimRewards = /* @__PURE__ */ prepareOf(claimRewardsCall)
/** Layer 2: checks (a staker-rewards contract, a distributed token, something claimable) and simulates; `amount` is what it pays. */
export const simulateClaimRewards = /* @__PURE__ */ simulateOf(claimRewards_)
/** Layer 3: checks, simulates and sends the claim. */
export const claimRewards = /* @__PURE__ */ sendOf(claimRewards_)
/** Layer 4: the receipt, the events, and `claimed` (network, token, amount, receiver). */
export const waitForClaimRewards = /* @__PURE__ */ waitForOf({ name: CLAIM_REWARDS }, stakerClaimReceipt)

// ---------------------------------------------------------------- distributeRewards (the network's middleware)

export type DistributeRewardsParameters = {
  stakerRewards: Address
  /** The network paying; the sender must be its middleware. */
  network: Address
  token: Address
  amount: bigint
  /** The capture time (unix seconds, before the landing block): stakers share by their active shares then. */
  timestamp: bigint | number
  /** The highest admin fee (basis points) the network accepts (default: the current fee). */
  maxAdminFee?: bigint
}

const distributeRewards_ = /* @__PURE__ */ distributeWrite('staker', (p) => {
  const ts = typeof p.timestamp === 'number' ? BigInt(p.timestamp) : p.timestamp
  if (typeof ts !== 'bigint' || ts <= 0n || ts >= 2n ** 48n)
    throw new InvalidParameterError({
      parameter: 'timestamp',
      reason: `${String(p.timestamp)} is not a uint48 unix time`,
    })
  if (p.maxAdminFee !== undefined && (typeof p.maxAdminFee !== 'bigint' || p.maxAdminFee < 0n))
    throw new InvalidParameterError({
      parameter: 'maxAdminFee',
      reason: 'must be a bigint ≥ 0 (basis points)',
    })
  return {
    kind: 'staker',
    rewards: assertAddress('stakerRewards', p.stakerRewards),
    network: assertAddress('network', p.network),
    token: assertAddress('token', p.token),
    amount: assertAmount('amount', p.amount),
    timestamp: Number(ts),
    maxAdminFee: p.maxAdminFee,
  }
})

/** Layer 1 (pure): the exact approval, then `distributeRewards(network, token, amount, data)`. */
export const prepareDistributeRewards = /* @__PURE__ */ prepareOf(distributeRewards_)
/** Layer 2: checks (the middleware sends, a past capture time with stake, the fee, the balance) and simulates. */
export const simulateDistributeRewards = /* @__PURE__ */ simulateOf(distributeRewards_)
/** Layer 3: checks, approves exactly when short, simulates and sends (the network's middleware). */
export const distributeRewards = /* @__PURE__ */ sendOf(distributeRewards_)
/** Layer 4: the receipt, the events, and `distributed` (amount, admin fee, timestamp). */
export const waitForDistributeRewards = /* @__PURE__ */ waitForOf(
  { name: DISTRIBUTE_REWARDS },
  /* @__PURE__ */ distributeReceipt('staker'),
)
