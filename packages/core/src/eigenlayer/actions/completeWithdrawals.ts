import { type Address, type Hex, zeroAddress } from 'viem'
import {
  type ArrayLengthMismatchError,
  InvalidParameterError,
  WithdrawalNotReadyError,
  type WriteErrorType,
} from '../../errors.js'
import {
  assertAddress,
  assertNonEmpty,
  assertSameLength,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  waitForOf,
} from '../../kit/index.js'
import { eigenlayerEventsAbi, eigenlayerStrategyAbi, withdrawalWritesAbi } from '../abis.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import {
  delegationManagerReverts,
  eigenlayerReverts,
  NothingToCompleteError,
  type PausedError,
  type WithdrawalNotQueuedError,
} from '../errors.js'
import {
  clockReads,
  type DeploymentParameter,
  deploymentOf,
  lazyDeployment,
  sameAddress,
  type Withdrawal,
  withdrawalRoot,
} from '../internal.js'
import { type QueuedWithdrawal, queuedAt } from './getQueuedWithdrawals.js'

export type CompleteWithdrawalsParameters = {
  /**
   * Roots or withdrawals to complete. Already completed ones are skipped; a not-ready one is a
   * `WithdrawalNotReadyError` naming its ready block. Default: every ready one of the account.
   * `prepareCompleteWithdrawals` reads nothing: it needs the withdrawals themselves and `tokens`.
   */
  withdrawals?: readonly (Hex | Withdrawal)[]
  /** Receive tokens (true, default) or get the shares re-deposited (false); one flag, or one per given withdrawal. */
  receiveAsTokens?: boolean | readonly boolean[]
  /**
   * `prepare` only: per withdrawal, the underlying token of each strategy (any address for
   * beacon-chain ETH). Simulate and send read them from the strategies.
   */
  tokens?: readonly (readonly Address[])[]
} & DeploymentParameter

type Resolved = {
  /** Lower-case roots of the given withdrawals (`undefined`: every ready one). */
  roots: Hex[] | undefined
  /** The given withdrawals, where given as objects (in order; `undefined` for a root). */
  given: (Withdrawal | undefined)[] | undefined
  flags: boolean | readonly boolean[] | undefined
  tokens: readonly (readonly Address[])[] | undefined
  delegationManager: Address
}

/** What the checks read, at the landing block: what to complete, with each strategy's token. */
type CompleteState = {
  completing: QueuedWithdrawal[]
  receive: boolean[]
  tokens: Address[][]
  /** Given roots already completed (or never queued), skipped. */
  skipped: Hex[]
  /** Why nothing can be sent (thrown by `check`). */
  problem: Error | undefined
}

function resolveComplete(p: CompleteWithdrawalsParameters, delegationManager: () => Address): Resolved {
  const list = p.withdrawals
  if (list !== undefined) assertNonEmpty('withdrawals', list)
  const flags = p.receiveAsTokens
  if (Array.isArray(flags)) {
    if (list === undefined)
      throw new InvalidParameterError({
        parameter: 'receiveAsTokens',
        reason: 'a list needs the `withdrawals` it applies to',
      })
    assertSameLength(['withdrawals', 'receiveAsTokens'], [list, flags])
  }
  if (p.tokens !== undefined) {
    if (list === undefined)
      throw new InvalidParameterError({
        parameter: 'tokens',
        reason: 'a list needs the `withdrawals` it applies to',
      })
    assertSameLength(['withdrawals', 'tokens'], [list, p.tokens])
  }
  const roots = list?.map((w, i) => {
    if (typeof w === 'string') {
      if (!/^0x[0-9a-fA-F]{64}$/.test(w))
        throw new InvalidParameterError({ parameter: `withdrawals[${i}]`, reason: 'a root is 32 bytes' })
      return w.toLowerCase() as Hex
    }
    if (p.tokens)
      assertSameLength([`withdrawals[${i}].strategies`, `tokens[${i}]`], [w.strategies, p.tokens[i]!])
    return withdrawalRoot(w).toLowerCase() as Hex
  })
  return {
    roots,
    given: list?.map((w) => (typeof w === 'string' ? undefined : w)),
    flags,
    tokens: p.tokens,
    delegationManager: delegationManager(),
  }
}

const flagAt = (flags: Resolved['flags'], i: number): boolean =>
  Array.isArray(flags) ? flags[i]! : typeof flags === 'boolean' ? flags : true

/** Picks the withdrawals to complete from the queue as the landing block sees it (pure). */
function pick(a: Resolved, staker: Address, queued: QueuedWithdrawal[], landing: bigint) {
  const now = { block: landing - 1n }
  const notReady = (w: QueuedWithdrawal) =>
    new WithdrawalNotReadyError({ protocol: 'eigenlayer', id: w.root, readyAt: w.readyAt, now })
  const completing: QueuedWithdrawal[] = []
  const receive: boolean[] = []
  const skipped: Hex[] = []
  if (a.roots === undefined) {
    if (queued.length === 0)
      return {
        completing,
        receive,
        skipped,
        problem: new NothingToCompleteError({ staker, reason: 'no queued withdrawals' }),
      }
    for (const w of queued) if (w.ready) completing.push(w)
    if (completing.length === 0) {
      const first = queued.reduce((x, y) => (y.readyAt.block < x.readyAt.block ? y : x))
      return { completing, receive, skipped, problem: notReady(first) }
    }
    for (const _ of completing) receive.push(flagAt(a.flags, 0))
    return { completing, receive, skipped, problem: undefined }
  }
  for (const [i, root] of a.roots.entries()) {
    const w = queued.find((q) => q.root.toLowerCase() === root)
    if (!w) {
      skipped.push(root)
      continue
    }
    if (!w.ready) return { completing, receive, skipped, problem: notReady(w) }
    completing.push(w)
    receive.push(flagAt(a.flags, i))
  }
  const problem =
    completing.length === 0
      ? new NothingToCompleteError({
          staker,
          reason: 'every given withdrawal is already completed (or was never queued)',
        })
      : undefined
  return { completing, receive, skipped, problem }
}

/**
 * The plan: the staker's queue, the delay and the landing block (one batch, at `pending`), then
 * the underlying token of each strategy of the withdrawals picked (one more).
 */
function completePlan(a: Resolved, staker: Address) {
  const dm = a.delegationManager
  return stage(
    [
      { address: dm, abi: withdrawalWritesAbi, functionName: 'getQueuedWithdrawals', args: [staker] },
      { address: dm, abi: withdrawalWritesAbi, functionName: 'minWithdrawalDelayBlocks' },
      ...clockReads(),
    ],
    (r) => {
      const [list, shares] = unwrap<readonly [readonly Withdrawal[], readonly (readonly bigint[])[]]>(r[0])
      const delay = unwrap<number>(r[1])
      // the block the reads saw at `pending` is the one the transaction lands in
      const landing = r[2]?.status === 'success' ? (r[2].result as bigint) : undefined
      if (landing === undefined)
        throw new InvalidParameterError({
          parameter: 'client',
          reason: 'the chain has no Multicall3 to read the landing block from',
        })
      const picked = pick(a, staker, queuedAt(list, shares, delay, landing), landing)
      if (picked.problem) return { ...picked, tokens: [] } satisfies CompleteState
      const strategies = [
        ...new Map(
          picked.completing
            .flatMap((w) => w.strategies)
            .filter((s) => !sameAddress(s, BEACON_CHAIN_ETH_STRATEGY))
            .map((s) => [s.toLowerCase(), s]),
        ).values(),
      ]
      return stage(
        strategies.map((s) => ({ address: s, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' })),
        (tr): CompleteState => {
          const tokenOf = (s: Address): Address =>
            sameAddress(s, BEACON_CHAIN_ETH_STRATEGY)
              ? zeroAddress
              : unwrap<Address>(tr[strategies.findIndex((x) => sameAddress(x, s))])
          return { ...picked, tokens: picked.completing.map((w) => w.strategies.map(tokenOf)) }
        },
      )
    },
  )
}

/** The action's name, for its errors and stages (the call's and the `waitFor` layer's). */
const COMPLETE_WITHDRAWALS = 'eigenlayer.completeWithdrawals'
const completeWithdrawalsCall = /* @__PURE__ */ defineCall({
  name: COMPLETE_WITHDRAWALS,
  contract: 'DelegationManager',
  deployment: lazyDeployment,
  resolve: (p: CompleteWithdrawalsParameters, ctx) =>
    resolveComplete(p, () => deploymentOf(ctx).delegationManager),
  call: (a, _ctx, s: CompleteState | undefined) => {
    let withdrawals: readonly Withdrawal[]
    let tokens: readonly (readonly Address[])[]
    let receive: readonly boolean[]
    if (s) {
      withdrawals = s.completing.map((w) => w.withdrawal)
      tokens = s.tokens
      receive = s.receive
    } else {
      // prepare: nothing is read, so the withdrawals and their tokens must be given
      if (!a.given || a.given.some((w) => w === undefined) || !a.tokens)
        throw new InvalidParameterError({
          parameter: 'withdrawals',
          reason:
            '`prepareCompleteWithdrawals` reads nothing: give the withdrawals themselves and their `tokens`',
        })
      withdrawals = a.given as Withdrawal[]
      tokens = a.tokens.map((list, i) => list.map((t, j) => assertAddress(`tokens[${i}][${j}]`, t)))
      receive = withdrawals.map((_, i) => flagAt(a.flags, i))
    }
    return withdrawals.length === 1
      ? contractCall({
          address: a.delegationManager,
          abi: withdrawalWritesAbi,
          functionName: 'completeQueuedWithdrawal',
          args: [withdrawals[0]!, tokens[0]!, receive[0]!],
        })
      : contractCall({
          address: a.delegationManager,
          abi: withdrawalWritesAbi,
          functionName: 'completeQueuedWithdrawals',
          args: [withdrawals, tokens, receive],
        })
  },
})
const completeWithdrawalsReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** Roots of the completed withdrawals (`SlashingWithdrawalCompleted`). */
  decode: (_client, r) => ({
    completed: r.events
      .filter((e) => e.eventName === 'SlashingWithdrawalCompleted')
      .map((e) => (e.args as { withdrawalRoot: Hex }).withdrawalRoot),
  }),
})
const completeWithdrawals_ = /* @__PURE__ */ defineWrite(completeWithdrawalsCall, {
  read: (a, { sender }) => completePlan(a, sender),
  check: (_a, s) => {
    if (s.problem) throw s.problem
  },
  revert: (_a, s, { sender }) =>
    eigenlayerReverts([delegationManagerReverts], {
      staker: sender,
      root: s?.completing[0]?.root,
      readyAt: s?.completing[0]?.readyAt,
      contract: 'DelegationManager',
    }),
  /** The withdrawals being completed (ready, not yet completed) and the given roots skipped. */
  simulated: (_a, s, _result: undefined) => ({ completing: s.completing, skipped: s.skipped }),
  receipt: completeWithdrawalsReceipt,
})

/** Layer 1 (pure): `completeQueuedWithdrawal` for one withdrawal, `completeQueuedWithdrawals` for several. */
export const prepareCompleteWithdrawals = /* @__PURE__ */ prepareOf(completeWithdrawalsCall)
/**
 * Layer 2: reads the account's queued withdrawals as the landing block sees them (one round trip)
 * and the strategies' tokens (one more), picks the ones to complete, and simulates the completion.
 */
export const simulateCompleteWithdrawals = /* @__PURE__ */ simulateOf(completeWithdrawals_)
/** Layer 3: picks, checks, simulates and sends the completion. */
export const completeWithdrawals = /* @__PURE__ */ sendOf(completeWithdrawals_)
/** Layer 4: the receipt and the `completed` roots (`SlashingWithdrawalCompleted`). */
export const waitForCompleteWithdrawals = /* @__PURE__ */ waitForOf(
  { name: COMPLETE_WITHDRAWALS },
  completeWithdrawalsReceipt,
)

export type PrepareCompleteWithdrawalsParameters = Parameters<typeof prepareCompleteWithdrawals>[0]
export type PrepareCompleteWithdrawalsReturnType = ReturnType<typeof prepareCompleteWithdrawals>
export type SimulateCompleteWithdrawalsReturnType = Awaited<ReturnType<typeof simulateCompleteWithdrawals>>
export type CompleteWithdrawalsReturnType = Awaited<ReturnType<typeof completeWithdrawals>>
export type WaitForCompleteWithdrawalsReturnType = Awaited<ReturnType<typeof waitForCompleteWithdrawals>>
export type CompleteWithdrawalsErrorType =
  | NothingToCompleteError
  | WithdrawalNotReadyError
  | WithdrawalNotQueuedError
  | ArrayLengthMismatchError
  | InvalidParameterError
  | PausedError
  | WriteErrorType
