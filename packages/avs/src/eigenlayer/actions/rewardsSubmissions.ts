import {
  assertAddress,
  assertAmount,
  assertNonEmpty,
  type BatchRead,
  type BatchResult,
  BEACON_CHAIN_ETH_STRATEGY,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type EigenLayerDeployment,
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  type InvalidAmountError,
  InvalidParameterError,
  prepareOf,
  type StepFailedError,
  StrategyNotWhitelistedError,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, erc20Abi, parseAbi, zeroAddress } from 'viem'
import {
  assertUint32,
  type DeploymentParameter,
  firstNotAscending,
  sameAddress,
  specDeployment,
} from '../../internal.js'
import {
  avsAllocationManagerAbi,
  multicallClockAbi,
  rewardsSubmissionAbi,
  strategyWhitelistAbi,
} from '../abis.js'
import {
  NotAscendingError,
  NotInReleaseError,
  OperatorSetNotFoundError,
  RewardsSubmissionRuleError,
} from '../errors.js'
import { avsRevertMapper, type UnauthorizedCallerError } from '../revert.js'

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
/** `MAX_REWARDS_AMOUNT`: 1e38 - 1 (a RewardsCoordinator constant, the same in every release). */
export const MAX_REWARDS_AMOUNT = 10n ** 38n - 1n
const UINT96_MAX = 2n ** 96n - 1n
const versionAbi = /* @__PURE__ */ parseAbi(['function version() view returns (string)'])
const viewImplementationAbi = /* @__PURE__ */ parseAbi([
  'function viewImplementation() view returns (address)',
])

/** A strategy a submission pays for and its weight. */
export type StrategyAndMultiplier = { strategy: Address; multiplier: bigint }

/** An AVS rewards submission: `amount` of `token` over `[startTimestamp, startTimestamp + duration)`. */
export type RewardsSubmission = {
  /** Strictly ascending by strategy address. */
  strategiesAndMultipliers: readonly StrategyAndMultiplier[]
  token: Address
  amount: bigint
  startTimestamp: number
  /** Seconds; a multiple of `CALCULATION_INTERVAL_SECONDS`, at most `MAX_REWARDS_DURATION`. */
  duration: number
}

/** An operator's amount in an operator-directed submission. */
export type OperatorReward = { operator: Address; amount: bigint }

/** An operator-directed submission: per-operator amounts for a past period. */
export type OperatorDirectedRewardsSubmission = {
  strategiesAndMultipliers: readonly StrategyAndMultiplier[]
  token: Address
  /** Strictly ascending by operator address, each amount above zero. */
  operatorRewards: readonly OperatorReward[]
  startTimestamp: number
  duration: number
  description: string
}

/** The RewardsCoordinator's submission limits, read from chain (immutables of the deployment). */
export type RewardsLimits = {
  calculationInterval: number
  maxDuration: number
  maxRetroactive: number
  maxFuture: number
  genesis: number
  /** The coordinator's `version()` (`undefined` on releases without one: v1.2 and earlier). */
  version: string | undefined
}

type Common = {
  strategiesAndMultipliers: readonly StrategyAndMultiplier[]
  startTimestamp: number
  duration: number
}

function resolveStrategies(i: number, list: readonly StrategyAndMultiplier[] | undefined) {
  if (!Array.isArray(list) || list.length === 0)
    throw new RewardsSubmissionRuleError({
      rule: 'strategiesEmpty',
      index: i,
      reason: 'no strategies to pay for',
    })
  const out = list.map((s, j) => {
    const strategy = assertAddress(`submissions[${i}].strategiesAndMultipliers[${j}].strategy`, s.strategy)
    if (typeof s.multiplier !== 'bigint' || s.multiplier < 0n || s.multiplier > UINT96_MAX)
      throw new InvalidParameterError({
        parameter: `submissions[${i}].strategiesAndMultipliers[${j}].multiplier`,
        reason: 'must be a uint96 bigint',
      })
    return { strategy, multiplier: s.multiplier }
  })
  const bad = firstNotAscending(out.map((s) => s.strategy))
  if (bad >= 0)
    throw new NotAscendingError({
      parameter: `submissions[${i}].strategiesAndMultipliers`,
      index: bad,
      address: out[bad]!.strategy,
      previous: out[bad - 1]!.strategy,
    })
  return out
}

function resolveTiming(i: number, s: { startTimestamp: number; duration: number }) {
  return {
    startTimestamp: assertUint32(`submissions[${i}].startTimestamp`, s.startTimestamp),
    duration: assertUint32(`submissions[${i}].duration`, s.duration),
  }
}

function minorOf(version: string | undefined): [number, number] | undefined {
  const m = version?.match(/^v?(\d+)\.(\d+)/)
  return m ? [Number(m[1]), Number(m[2])] : undefined
}

/** The checks every kind shares (`_validateCommonRewardsSubmission`), against limits read from chain. */
function checkCommon(i: number, s: Common, limits: RewardsLimits, now: bigint) {
  const rule = (r: RewardsSubmissionRuleError['rule'], reason: string) =>
    new RewardsSubmissionRuleError({ rule: r, index: i, reason })
  const v = minorOf(limits.version)
  if (s.duration === 0 && v && (v[0] > 1 || v[1] >= 12))
    throw rule('durationZero', 'this release refuses a zero duration')
  if (s.duration > limits.maxDuration)
    throw rule(
      'durationExceedsMax',
      `duration ${s.duration} s exceeds MAX_REWARDS_DURATION ${limits.maxDuration} s`,
    )
  if (s.duration % limits.calculationInterval !== 0)
    throw rule(
      'durationRemainder',
      `duration ${s.duration} s is not a multiple of ${limits.calculationInterval} s`,
    )
  if (s.startTimestamp % limits.calculationInterval !== 0)
    throw rule(
      'startRemainder',
      `start ${s.startTimestamp} is not a multiple of ${limits.calculationInterval} s`,
    )
  const earliest = now - BigInt(limits.maxRetroactive)
  if (BigInt(s.startTimestamp) < earliest || s.startTimestamp < limits.genesis)
    throw rule(
      'startTooFarInPast',
      `start ${s.startTimestamp} is before ${earliest > BigInt(limits.genesis) ? `now - MAX_RETROACTIVE_LENGTH (${earliest})` : `GENESIS_REWARDS_TIMESTAMP (${limits.genesis})`}`,
    )
}

type State = {
  now: bigint
  limits: RewardsLimits
  whitelisted: boolean[]
  balance: bigint
  allowance: bigint
  operatorSetExists: boolean | undefined
  /** `AllocationManager.viewImplementation()` answers (v1.9+); read with an operator set only. */
  allocationView: boolean
}

/** The limits, the clock, the whitelist of every strategy, the sender's balance and allowance (one batch). */
function submissionPlan(
  d: EigenLayerDeployment,
  sender: Address,
  token: Address,
  strategies: readonly Address[],
  operatorSet?: { avs: Address; id: number },
) {
  const rc = d.rewardsCoordinator
  const limit = (functionName: string): BatchRead => ({
    address: rc,
    abi: rewardsSubmissionAbi,
    functionName,
  })
  const reads: BatchRead[] = [
    { address: MULTICALL3, abi: multicallClockAbi, functionName: 'getCurrentBlockTimestamp' },
    limit('CALCULATION_INTERVAL_SECONDS'),
    limit('MAX_REWARDS_DURATION'),
    limit('MAX_RETROACTIVE_LENGTH'),
    limit('MAX_FUTURE_LENGTH'),
    limit('GENESIS_REWARDS_TIMESTAMP'),
    { address: rc, abi: versionAbi, functionName: 'version' },
    { address: token, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
    { address: token, abi: erc20Abi, functionName: 'allowance', args: [sender, rc] },
    ...strategies.map((s) => ({
      address: d.strategyManager,
      abi: strategyWhitelistAbi,
      functionName: 'strategyIsWhitelistedForDeposit',
      args: [s],
    })),
    ...(operatorSet
      ? [
          {
            address: d.allocationManager,
            abi: avsAllocationManagerAbi,
            functionName: 'isOperatorSet',
            args: [operatorSet],
          },
          { address: d.allocationManager, abi: viewImplementationAbi, functionName: 'viewImplementation' },
        ]
      : []),
  ]
  return stage(reads, (rs: readonly BatchResult[]): State => {
    const [now, interval, maxDuration, maxRetro, maxFuture, genesis, version, balance, allowance, ...rest] =
      rs
    return {
      now: unwrap<bigint>(now),
      limits: {
        calculationInterval: unwrap<number>(interval),
        maxDuration: unwrap<number>(maxDuration),
        maxRetroactive: unwrap<number>(maxRetro),
        maxFuture: unwrap<number>(maxFuture),
        genesis: unwrap<number>(genesis),
        version: version?.status === 'success' ? (version.result as string) : undefined,
      },
      balance: unwrap<bigint>(balance),
      allowance: unwrap<bigint>(allowance),
      whitelisted: strategies.map((s, i) =>
        sameAddress(s, BEACON_CHAIN_ETH_STRATEGY) ? true : unwrap<boolean>(rest[i]),
      ),
      operatorSetExists: operatorSet ? unwrap<boolean>(rest[strategies.length]) : undefined,
      allocationView: operatorSet ? rest[strategies.length + 1]?.status === 'success' : false,
    }
  })
}

function checkFunds(token: Address, total: bigint, sender: Address, s: State) {
  if (s.balance < total)
    throw new InsufficientBalanceError({ token, required: total, balance: s.balance, account: sender })
}

function checkWhitelist(strategies: readonly Address[], s: State) {
  strategies.forEach((strategy, i) => {
    if (!s.whitelisted[i]) throw new StrategyNotWhitelistedError({ strategy })
  })
}

function singleToken(tokens: readonly Address[]): Address {
  const t = tokens[0]!
  if (tokens.some((x) => !sameAddress(x, t)))
    throw new InvalidParameterError({
      parameter: 'submissions',
      reason: 'every submission of one call must pay the same token (one approval)',
    })
  return t
}

export type CreateAVSRewardsSubmissionParameters = {
  /** Paid by the sender, which is the AVS (`msg.sender`); all in one token. */
  submissions: readonly RewardsSubmission[]
} & DeploymentParameter

/** How an operator set's stake-weighted submission splits rewards (v1.12: two functions). */
export type OperatorSetStakeWeighting = 'unique' | 'total'

export type CreateOperatorSetRewardsSubmissionParameters = {
  /** The AVS paying and owning the set (default the sender; another AVS needs the sender as its appointee). */
  avs?: Address | undefined
  operatorSetId: number
  /**
   * `unique`: weighted by each operator's stake allocated (unique) to the set
   * (`createUniqueStakeRewardsSubmission`); `total`: by its total delegated stake
   * (`createTotalStakeRewardsSubmission`).
   */
  weighting: OperatorSetStakeWeighting
  /** All in one token. */
  submissions: readonly RewardsSubmission[]
} & DeploymentParameter

/** One created amount-based submission (AVS kind or an operator set's stake-weighted kind), from its event. */
export type RewardsSubmissionCreated = {
  avs: Address
  /** The operator set (stake-weighted kinds), else `undefined`. */
  operatorSet: { avs: Address; id: number } | undefined
  nonce: bigint
  hash: `0x${string}`
  submission: RewardsSubmission
}

/**
 * Whether the deployment serves the operator-set stake-weighted submissions (added between v1.9.0
 * and v1.12.0): a `version()` that names a release decides; a placeholder ("v0.0.0", devnet
 * builds) or none falls back to the AllocationManagerView split (v1.9+), which releases before
 * v1.9 lack — on v1.9-v1.11 the simulation then decides. Exported for its unit test.
 */
export function servesStakeWeightedSubmissions(
  version: string | undefined,
  hasAllocationView: boolean,
): boolean {
  const v = minorOf(version)
  if (v && !(v[0] === 0 && v[1] === 0)) return v[0] > 1 || v[1] >= 12
  return hasAllocationView
}

type AmountParameters = {
  avs?: Address | undefined
  operatorSetId?: number | undefined
  weighting?: OperatorSetStakeWeighting | undefined
  submissions: readonly RewardsSubmission[]
} & DeploymentParameter

const CREATE_AVS_REWARDS_SUBMISSION = 'eigenlayer.createAVSRewardsSubmission'
const CREATE_OPERATOR_SET_REWARDS_SUBMISSION = 'eigenlayer.createOperatorSetRewardsSubmission'

/** The receipt of the amount-based kinds: each submission created, from its event. */
const amountSubmissionReceipt = /* @__PURE__ */ defineReceipt({
  abi: rewardsSubmissionAbi,
  decode: (_client, r) => ({
    /** Each submission's nonce and hash (`isAVSRewardsSubmissionHash(avs, hash)` is then true for the AVS kind). */
    submissions: r.events.flatMap((e): RewardsSubmissionCreated[] => {
      if (e.eventName === 'AVSRewardsSubmissionCreated')
        return [
          {
            avs: e.args.avs,
            operatorSet: undefined,
            nonce: e.args.submissionNonce,
            hash: e.args.rewardsSubmissionHash,
            submission: e.args.rewardsSubmission,
          },
        ]
      if (
        e.eventName === 'UniqueStakeRewardsSubmissionCreated' ||
        e.eventName === 'TotalStakeRewardsSubmissionCreated'
      )
        return [
          {
            avs: e.args.operatorSet.avs,
            operatorSet: e.args.operatorSet,
            nonce: e.args.submissionNonce,
            hash: e.args.rewardsSubmissionHash,
            submission: e.args.rewardsSubmission,
          },
        ]
      return []
    }),
  }),
})

/**
 * The amount-based submissions (the AVS kind, and an operator set's unique- and total-stake kinds on
 * v1.12): one spec, by kind. The rules are the same (`_validateCommonRewardsSubmission`, amount in
 * (0, 1e38), start at most `MAX_FUTURE_LENGTH` ahead); the set kinds also need the set to exist and
 * the release to serve them.
 */
function amountSubmissionWriteCall<P extends AmountParameters>(kind: 'avs' | 'operatorSet') {
  return defineCall({
    name: kind === 'avs' ? CREATE_AVS_REWARDS_SUBMISSION : CREATE_OPERATOR_SET_REWARDS_SUBMISSION,
    contract: 'RewardsCoordinator',
    deployment: specDeployment,
    resolve: (p: P, { deployment, sender }) => {
      const submissions = assertNonEmpty('submissions', p.submissions).map((s, i) => {
        const amount = assertAmount(`submissions[${i}].amount`, s.amount)
        if (amount > MAX_REWARDS_AMOUNT)
          throw new RewardsSubmissionRuleError({
            rule: 'amountExceedsMax',
            index: i,
            reason: `${amount} exceeds 1e38 - 1`,
          })
        return {
          strategiesAndMultipliers: resolveStrategies(i, s.strategiesAndMultipliers),
          token: assertAddress(`submissions[${i}].token`, s.token),
          amount,
          ...resolveTiming(i, s),
        }
      })
      const token = singleToken(submissions.map((s) => s.token))
      const total = submissions.reduce((sum, s) => sum + s.amount, 0n)
      let operatorSet: { avs: Address; id: number } | undefined
      let weighting: OperatorSetStakeWeighting | undefined
      if (kind === 'operatorSet') {
        if (p.weighting !== 'unique' && p.weighting !== 'total')
          throw new InvalidParameterError({
            parameter: 'weighting',
            reason: `must be 'unique' or 'total', not ${String(p.weighting)}`,
          })
        weighting = p.weighting
        operatorSet = {
          avs: assertAddress('avs', p.avs ?? sender),
          id: assertUint32('operatorSetId', p.operatorSetId),
        }
      }
      return {
        submissions,
        token,
        total,
        operatorSet,
        weighting,
        deployment: deployment as EigenLayerDeployment,
      }
    },
    approval: (a, s: State | undefined) => ({
      token: a.token,
      spender: a.deployment.rewardsCoordinator,
      amount: a.total,
      ...(s ? { allowance: s.allowance } : {}),
    }),
    call: (a) =>
      !a.operatorSet
        ? contractCall({
            address: a.deployment.rewardsCoordinator,
            abi: rewardsSubmissionAbi,
            functionName: 'createAVSRewardsSubmission',
            args: [a.submissions],
          })
        : a.weighting === 'unique'
          ? contractCall({
              address: a.deployment.rewardsCoordinator,
              abi: rewardsSubmissionAbi,
              functionName: 'createUniqueStakeRewardsSubmission',
              args: [a.operatorSet, a.submissions],
            })
          : contractCall({
              address: a.deployment.rewardsCoordinator,
              abi: rewardsSubmissionAbi,
              functionName: 'createTotalStakeRewardsSubmission',
              args: [a.operatorSet, a.submissions],
            }),
  })
}

function amountSubmissionWrite<P extends AmountParameters>(
  call: ReturnType<typeof amountSubmissionWriteCall<P>>,
) {
  return defineWrite(call, {
    read: (a, { sender }) =>
      submissionPlan(
        a.deployment,
        sender,
        a.token,
        a.submissions.flatMap((s) => s.strategiesAndMultipliers.map((x) => x.strategy)),
        a.operatorSet,
      ),
    check: (a, s, { sender }) => {
      if (a.operatorSet) {
        if (!servesStakeWeightedSubmissions(s.limits.version, s.allocationView))
          throw new NotInReleaseError({
            feature:
              a.weighting === 'unique'
                ? 'createUniqueStakeRewardsSubmission'
                : 'createTotalStakeRewardsSubmission',
            since: 'v1.12.0',
          })
        if (!s.operatorSetExists) throw new OperatorSetNotFoundError({ operatorSet: a.operatorSet })
      }
      a.submissions.forEach((sub, i) => {
        checkCommon(i, sub, s.limits, s.now)
        const latest = s.now + BigInt(s.limits.maxFuture)
        if (BigInt(sub.startTimestamp) > latest)
          throw new RewardsSubmissionRuleError({
            rule: 'startTooFarInFuture',
            index: i,
            reason: `start ${sub.startTimestamp} is after now + MAX_FUTURE_LENGTH (${latest})`,
          })
      })
      checkWhitelist(
        a.submissions.flatMap((x) => x.strategiesAndMultipliers.map((y) => y.strategy)),
        s,
      )
      checkFunds(a.token, a.total, sender as Address, s)
    },
    revert: (a, _s, { sender }) =>
      avsRevertMapper({
        caller: sender,
        subject: a.operatorSet?.avs ?? sender,
        avs: a.operatorSet?.avs ?? sender,
        operatorSet: a.operatorSet,
        strategy: a.submissions[0]!.strategiesAndMultipliers[0]!.strategy,
        contract: 'RewardsCoordinator',
      }),
    receipt: amountSubmissionReceipt,
  })
}

const createAVSRewardsSubmissionCall =
  /* @__PURE__ */ amountSubmissionWriteCall<CreateAVSRewardsSubmissionParameters>('avs')
const createAVSRewardsSubmission_ =
  /* @__PURE__ */ amountSubmissionWrite<CreateAVSRewardsSubmissionParameters>(createAVSRewardsSubmissionCall)
const createOperatorSetRewardsSubmissionCall =
  /* @__PURE__ */ amountSubmissionWriteCall<CreateOperatorSetRewardsSubmissionParameters>('operatorSet')
const createOperatorSetRewardsSubmission_ =
  /* @__PURE__ */ amountSubmissionWrite<CreateOperatorSetRewardsSubmissionParameters>(
    createOperatorSetRewardsSubmissionCall,
  )

/**
 * Layer 1 (pure): the exact approval, then `createUniqueStakeRewardsSubmission(set, …)` or
 * `createTotalStakeRewardsSubmission(set, …)` by `weighting`. v1.12 only: ABI- and unit-tested
 * against the v1.12 reference ABI, not chain-tested (no v1.12 state runs here).
 */
export const prepareCreateOperatorSetRewardsSubmission = /* @__PURE__ */ prepareOf(
  createOperatorSetRewardsSubmissionCall,
)
/**
 * Layer 2: refuses a release without these kinds (`NotInReleaseError`, chain-tested on v1.2 and
 * v1.3.0), a set that does not exist, and every rule of the AVS kind; simulates.
 */
export const simulateCreateOperatorSetRewardsSubmission = /* @__PURE__ */ simulateOf(
  createOperatorSetRewardsSubmission_,
)
/** Layer 3: the same checks, the exact approval when short, then sends (v1.12; not chain-tested). */
export const createOperatorSetRewardsSubmission = /* @__PURE__ */ sendOf(createOperatorSetRewardsSubmission_)
/** Layer 4: the receipt and each submission's nonce, hash and set. */
export const waitForCreateOperatorSetRewardsSubmission = /* @__PURE__ */ waitForOf(
  { name: CREATE_OPERATOR_SET_REWARDS_SUBMISSION },
  amountSubmissionReceipt,
)
/**
 * What `createAVSRewardsSubmission` throws, and a release without these kinds, a missing set
 * (checked and decoded), a sender that may not act for the AVS (decoded).
 */
export type CreateOperatorSetRewardsSubmissionErrorType =
  | CreateAVSRewardsSubmissionErrorType
  | NotInReleaseError
  | OperatorSetNotFoundError
  | UnauthorizedCallerError

/** Layer 1 (pure): the exact token approval, then `RewardsCoordinator.createAVSRewardsSubmission(submissions)`. */
export const prepareCreateAVSRewardsSubmission = /* @__PURE__ */ prepareOf(createAVSRewardsSubmissionCall)
/**
 * Layer 2: checks every rule before sending, against the limits read from chain (interval
 * multiples, max duration, retroactive and future limits, genesis), ascending strategies on the
 * deposit whitelist, non-zero amounts, the sender's balance; simulates.
 */
export const simulateCreateAVSRewardsSubmission = /* @__PURE__ */ simulateOf(createAVSRewardsSubmission_)
/** Layer 3: the same checks, the exact approval when short, then sends. */
export const createAVSRewardsSubmission = /* @__PURE__ */ sendOf(createAVSRewardsSubmission_)
/** Layer 4: the receipt and each submission's nonce and hash. */
export const waitForCreateAVSRewardsSubmission = /* @__PURE__ */ waitForOf(
  { name: CREATE_AVS_REWARDS_SUBMISSION },
  amountSubmissionReceipt,
)
/**
 * A broken rule, strategies not ascending or off the deposit whitelist (each checked, and decoded
 * from a revert), too small a balance, a short allowance (`simulate`, which does not approve), an
 * approval that landed before the submission failed, bad parameters, and the send pipeline's errors.
 */
export type CreateAVSRewardsSubmissionErrorType =
  | RewardsSubmissionRuleError
  | NotAscendingError
  | StrategyNotWhitelistedError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | WriteErrorType

/** One created operator-directed submission, from its event. */
export type OperatorDirectedSubmissionCreated = {
  avs: Address
  /** The operator set (operator-set kind), else `undefined`. */
  operatorSet: { avs: Address; id: number } | undefined
  nonce: bigint
  hash: `0x${string}`
  submission: OperatorDirectedRewardsSubmission
}

export type CreateOperatorDirectedRewardsSubmissionParameters = {
  /** The AVS paying (default the sender; another AVS needs the sender as its appointee). */
  avs?: Address | undefined
  /** Set for the operator-set kind (v1.3+): the set of `avs` the rewards are for. */
  operatorSetId?: number | undefined
  /** All in one token. */
  submissions: readonly OperatorDirectedRewardsSubmission[]
} & DeploymentParameter

const CREATE_OPERATOR_DIRECTED_REWARDS_SUBMISSION = 'eigenlayer.createOperatorDirectedRewardsSubmission'
const createOperatorDirectedRewardsSubmissionCall = /* @__PURE__ */ defineCall({
  name: CREATE_OPERATOR_DIRECTED_REWARDS_SUBMISSION,
  contract: 'RewardsCoordinator',
  deployment: specDeployment,
  resolve: (p: CreateOperatorDirectedRewardsSubmissionParameters, { deployment, sender }) => {
    const submissions = assertNonEmpty('submissions', p.submissions).map((s, i) => {
      if (!Array.isArray(s.operatorRewards) || s.operatorRewards.length === 0)
        throw new RewardsSubmissionRuleError({
          rule: 'operatorRewardsEmpty',
          index: i,
          reason: 'no operator rewards',
        })
      const operatorRewards = s.operatorRewards.map((r, j) => {
        const operator = assertAddress(`submissions[${i}].operatorRewards[${j}].operator`, r.operator)
        if (sameAddress(operator, zeroAddress))
          throw new InvalidParameterError({
            parameter: `submissions[${i}].operatorRewards[${j}].operator`,
            reason: 'is the zero address',
          })
        return { operator, amount: assertAmount(`submissions[${i}].operatorRewards[${j}].amount`, r.amount) }
      })
      const bad = firstNotAscending(operatorRewards.map((r) => r.operator))
      if (bad >= 0)
        throw new NotAscendingError({
          parameter: `submissions[${i}].operatorRewards`,
          index: bad,
          address: operatorRewards[bad]!.operator,
          previous: operatorRewards[bad - 1]!.operator,
        })
      const sum = operatorRewards.reduce((t, r) => t + r.amount, 0n)
      if (sum > MAX_REWARDS_AMOUNT)
        throw new RewardsSubmissionRuleError({
          rule: 'amountExceedsMax',
          index: i,
          reason: `the total ${sum} exceeds 1e38 - 1`,
        })
      if (typeof s.description !== 'string')
        throw new InvalidParameterError({
          parameter: `submissions[${i}].description`,
          reason: 'must be a string',
        })
      return {
        strategiesAndMultipliers: resolveStrategies(i, s.strategiesAndMultipliers),
        token: assertAddress(`submissions[${i}].token`, s.token),
        operatorRewards,
        ...resolveTiming(i, s),
        description: s.description,
        sum,
      }
    })
    const token = singleToken(submissions.map((s) => s.token))
    const avs = assertAddress('avs', p.avs ?? sender)
    const id = p.operatorSetId === undefined ? undefined : assertUint32('operatorSetId', p.operatorSetId)
    return {
      avs,
      operatorSet: id === undefined ? undefined : { avs, id },
      submissions,
      token,
      total: submissions.reduce((t, s) => t + s.sum, 0n),
      deployment: deployment as EigenLayerDeployment,
    }
  },
  approval: (a, s: State | undefined) => ({
    token: a.token,
    spender: a.deployment.rewardsCoordinator,
    amount: a.total,
    ...(s ? { allowance: s.allowance } : {}),
  }),
  call: (a) => {
    const subs = a.submissions.map(({ sum: _sum, ...rest }) => rest)
    return a.operatorSet
      ? contractCall({
          address: a.deployment.rewardsCoordinator,
          abi: rewardsSubmissionAbi,
          functionName: 'createOperatorDirectedOperatorSetRewardsSubmission',
          args: [a.operatorSet, subs],
        })
      : contractCall({
          address: a.deployment.rewardsCoordinator,
          abi: rewardsSubmissionAbi,
          functionName: 'createOperatorDirectedAVSRewardsSubmission',
          args: [a.avs, subs],
        })
  },
})
const createOperatorDirectedRewardsSubmissionReceipt = /* @__PURE__ */ defineReceipt({
  abi: rewardsSubmissionAbi,
  decode: (_client, r) => ({
    /** Each submission's nonce and hash, and the operator set for the operator-set kind. */
    submissions: r.events.flatMap((e): OperatorDirectedSubmissionCreated[] => {
      if (e.eventName === 'OperatorDirectedAVSRewardsSubmissionCreated')
        return [
          {
            avs: e.args.avs,
            operatorSet: undefined,
            nonce: e.args.submissionNonce,
            hash: e.args.operatorDirectedRewardsSubmissionHash,
            submission: e.args.operatorDirectedRewardsSubmission,
          },
        ]
      if (e.eventName === 'OperatorDirectedOperatorSetRewardsSubmissionCreated')
        return [
          {
            avs: e.args.operatorSet.avs,
            operatorSet: e.args.operatorSet,
            nonce: e.args.submissionNonce,
            hash: e.args.operatorDirectedRewardsSubmissionHash,
            submission: e.args.operatorDirectedRewardsSubmission,
          },
        ]
      return []
    }),
  }),
})
const createOperatorDirectedRewardsSubmission_ = /* @__PURE__ */ defineWrite(
  createOperatorDirectedRewardsSubmissionCall,
  {
    read: (a, { sender }) =>
      submissionPlan(
        a.deployment,
        sender,
        a.token,
        a.submissions.flatMap((s) => s.strategiesAndMultipliers.map((x) => x.strategy)),
        a.operatorSet,
      ),
    check: (a, s, { sender }) => {
      if (a.operatorSet && s.limits.version === undefined)
        throw new NotInReleaseError({
          feature: 'createOperatorDirectedOperatorSetRewardsSubmission',
          since: 'v1.3.0',
        })
      if (a.operatorSet && !s.operatorSetExists)
        throw new OperatorSetNotFoundError({ operatorSet: a.operatorSet })
      a.submissions.forEach((sub, i) => {
        checkCommon(i, sub, s.limits, s.now)
        const end = BigInt(sub.startTimestamp) + BigInt(sub.duration)
        if (end >= s.now)
          throw new RewardsSubmissionRuleError({
            rule: 'notRetroactive',
            index: i,
            reason: `the period ends at ${end}, not before now (${s.now}): operator-directed rewards pay for the past only`,
          })
      })
      checkWhitelist(
        a.submissions.flatMap((x) => x.strategiesAndMultipliers.map((y) => y.strategy)),
        s,
      )
      checkFunds(a.token, a.total, sender as Address, s)
    },
    revert: (a, _s, { sender }) =>
      avsRevertMapper({
        caller: sender,
        subject: a.avs,
        avs: a.avs,
        operatorSet: a.operatorSet,
        operator: a.submissions[0]!.operatorRewards[0]!.operator,
        contract: 'RewardsCoordinator',
      }),
    receipt: createOperatorDirectedRewardsSubmissionReceipt,
  },
)

/**
 * Layer 1 (pure): the exact approval, then `createOperatorDirectedAVSRewardsSubmission(avs, …)`,
 * or with `operatorSetId` `createOperatorDirectedOperatorSetRewardsSubmission(set, …)` (v1.3+).
 */
export const prepareCreateOperatorDirectedRewardsSubmission = /* @__PURE__ */ prepareOf(
  createOperatorDirectedRewardsSubmissionCall,
)
/**
 * Layer 2: every rule checked before sending against the limits read from chain: the common ones,
 * a strictly past period, operators ascending and non-zero, amounts above zero, the set exists and
 * the release has the operator-set kind; the balance; simulates.
 */
export const simulateCreateOperatorDirectedRewardsSubmission = /* @__PURE__ */ simulateOf(
  createOperatorDirectedRewardsSubmission_,
)
/** Layer 3: the same checks, the exact approval when short, then sends. */
export const createOperatorDirectedRewardsSubmission = /* @__PURE__ */ sendOf(
  createOperatorDirectedRewardsSubmission_,
)
/** Layer 4: the receipt and each submission's nonce and hash. */
export const waitForCreateOperatorDirectedRewardsSubmission = /* @__PURE__ */ waitForOf(
  { name: CREATE_OPERATOR_DIRECTED_REWARDS_SUBMISSION },
  createOperatorDirectedRewardsSubmissionReceipt,
)
/**
 * A broken rule (a period not strictly past included), strategies or operators not ascending,
 * strategies off the whitelist, a missing set or a release without the operator-set kind (each
 * checked, most also decoded), a sender that may not act for the AVS (decoded), the balance, the
 * allowance (`simulate`), a failed step after the approval, bad parameters, the send pipeline's errors.
 */
export type CreateOperatorDirectedRewardsSubmissionErrorType =
  | RewardsSubmissionRuleError
  | NotAscendingError
  | StrategyNotWhitelistedError
  | NotInReleaseError
  | OperatorSetNotFoundError
  | UnauthorizedCallerError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | WriteErrorType
