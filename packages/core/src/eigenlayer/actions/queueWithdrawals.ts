import type { Address, Hex } from 'viem'
import { InvalidAmountError, InvalidParameterError, type WriteErrorType } from '../../errors.js'
import {
  assertAddress,
  assertAmount,
  assertNonEmpty,
  assertSameLength,
  type BatchRead,
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
  InsufficientSharesError,
  type PausedError,
  type VaultLockedError,
} from '../errors.js'
import {
  type DeploymentParameter,
  deploymentOf,
  lazyDeployment,
  sameAddress,
  type Withdrawal,
} from '../internal.js'

export type QueueWithdrawalsParameters = {
  /** One withdrawal is queued for all of them (several strategies at once). */
  strategies: readonly Address[]
  /** Withdrawable shares per strategy (as `getDeposits` reports them). Give one of `shares`, `amounts`, `depositShares`. */
  shares?: readonly bigint[]
  /** Underlying token amounts per strategy, converted with `underlyingToSharesView`. */
  amounts?: readonly bigint[]
  /** Deposit shares per strategy, as `queueWithdrawals` takes them (the only form `prepare` takes: it reads nothing). */
  depositShares?: readonly bigint[]
} & DeploymentParameter

export type QueuedWithdrawalEvent = { root: Hex; withdrawal: Withdrawal; shares: readonly bigint[] }

type Unit = 'shares' | 'amounts' | 'depositShares'
type Resolved = { strategies: Address[]; values: bigint[]; unit: Unit; delegationManager: Address }

/** What the checks read: withdrawable and held deposit shares, and the deposit shares to send. */
type QueueState = {
  available: readonly bigint[]
  /** The withdrawable shares asked for (`undefined` when `depositShares` were given). */
  withdrawable: readonly bigint[] | undefined
  /** The deposit shares to send (a full withdrawal sends exactly those held). */
  depositShares: readonly bigint[]
  held: readonly bigint[]
}

function resolveQueue(p: QueueWithdrawalsParameters, delegationManager: () => Address): Resolved {
  const strategies = assertNonEmpty('strategies', p.strategies).map((s, i) =>
    assertAddress(`strategies[${i}]`, s),
  )
  const given = (['shares', 'amounts', 'depositShares'] as const).filter((u) => p[u] !== undefined)
  if (given.length !== 1)
    throw new InvalidParameterError({
      parameter: 'shares/amounts/depositShares',
      reason: 'give exactly one of `shares` (withdrawable), `amounts` (underlying) or `depositShares`',
    })
  const unit = given[0]!
  const list = p[unit]!
  assertSameLength(['strategies', unit], [strategies, list])
  const values = list.map((v, i) => assertAmount(`${unit}[${i}]`, v))
  return { strategies, values, unit, delegationManager: delegationManager() }
}

/**
 * The plan: what is withdrawable (and held), and the deposit-share conversion on chain
 * (`convertToDepositShares`, the contracts' math); by `amounts`, first `underlyingToSharesView`.
 */
function queuePlan(a: Resolved, staker: Address) {
  const dm = a.delegationManager
  const withdrawableRead: BatchRead = {
    address: dm,
    abi: withdrawalWritesAbi,
    functionName: 'getWithdrawableShares',
    args: [staker, a.strategies],
  }
  const convert = (withdrawable: readonly bigint[]): BatchRead => ({
    address: dm,
    abi: withdrawalWritesAbi,
    functionName: 'convertToDepositShares',
    args: [staker, a.strategies, withdrawable],
  })
  const finish = (
    available: readonly bigint[],
    held: readonly bigint[],
    withdrawable: readonly bigint[],
    converted: readonly bigint[],
  ): QueueState => ({
    available,
    held,
    withdrawable,
    depositShares: a.strategies.map((_, i) => {
      const full = held[i] ?? 0n
      const c = converted[i] ?? 0n
      return withdrawable[i] === available[i] ? full : c > full ? full : c
    }),
  })
  if (a.unit === 'depositShares')
    return stage([withdrawableRead], ([r]) => {
      const [available, held] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(r)
      return { available, held, withdrawable: undefined, depositShares: a.values } satisfies QueueState
    })
  if (a.unit === 'shares')
    return stage([withdrawableRead, convert(a.values)], ([r, c]) => {
      const [available, held] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(r)
      return finish(available, held, a.values, unwrap<readonly bigint[]>(c))
    })
  const toShares = a.strategies.flatMap((s, i) =>
    sameAddress(s, BEACON_CHAIN_ETH_STRATEGY)
      ? [] // beacon-chain ETH: 1 share = 1 wei
      : [
          {
            address: s,
            abi: eigenlayerStrategyAbi,
            functionName: 'underlyingToSharesView',
            args: [a.values[i]!],
          },
        ],
  )
  return stage([withdrawableRead, ...toShares], (r1) => {
    const [available, held] = unwrap<readonly [readonly bigint[], readonly bigint[]]>(r1[0])
    let at = 1
    const withdrawable = a.strategies.map((s, i) =>
      sameAddress(s, BEACON_CHAIN_ETH_STRATEGY) ? a.values[i]! : unwrap<bigint>(r1[at++]),
    )
    return stage([convert(withdrawable)], ([c]) =>
      finish(available, held, withdrawable, unwrap<readonly bigint[]>(c)),
    )
  })
}

/** The action's name, for its errors and stages (the call's and the `waitFor` layer's). */
const QUEUE_WITHDRAWALS = 'eigenlayer.queueWithdrawals'
const queueWithdrawalsCall = /* @__PURE__ */ defineCall({
  name: QUEUE_WITHDRAWALS,
  contract: 'DelegationManager',
  deployment: lazyDeployment,
  resolve: (p: QueueWithdrawalsParameters, ctx) => resolveQueue(p, () => deploymentOf(ctx).delegationManager),
  call: (a, { sender }, s: QueueState | undefined) => {
    if (!s && a.unit !== 'depositShares')
      throw new InvalidParameterError({
        parameter: 'depositShares',
        reason:
          '`prepareQueueWithdrawals` reads nothing: give `depositShares` (simulate converts `shares` and `amounts`)',
      })
    return contractCall({
      address: a.delegationManager,
      abi: withdrawalWritesAbi,
      functionName: 'queueWithdrawals',
      args: [
        [
          {
            strategies: a.strategies,
            depositShares: s?.depositShares ?? a.values,
            __deprecated_withdrawer: assertAddress('account', sender),
          },
        ],
      ],
    })
  },
})
const queueWithdrawalsReceipt = /* @__PURE__ */ defineReceipt({
  abi: eigenlayerEventsAbi,
  /** The queued withdrawals (root, withdrawal, shares). */
  decode: (_client, r) => ({ withdrawals: queuedFromEvents(r.events) }),
})
const queueWithdrawals_ = /* @__PURE__ */ defineWrite(queueWithdrawalsCall, {
  read: (a, { sender }) => queuePlan(a, sender),
  check: (a, s) => {
    const requested = s.withdrawable ?? a.values
    const limit = s.withdrawable ? s.available : s.held
    a.strategies.forEach((strategy, i) => {
      const available = limit[i] ?? 0n
      if (requested[i]! > available)
        throw new InsufficientSharesError({ strategy, requested: requested[i]!, available })
      if (s.depositShares[i] === 0n)
        throw new InvalidAmountError({
          parameter: `${a.unit}[${i}]`,
          value: a.values[i],
          reason: `converts to 0 deposit shares of ${strategy}`,
        })
    })
  },
  revert: (_a, _s, { sender }) =>
    eigenlayerReverts([delegationManagerReverts], { staker: sender, contract: 'DelegationManager' }),
  /** The deposit shares sent and the withdrawable shares asked for (`result`: the queued roots). */
  simulated: (_a, s, _roots: readonly Hex[]) => ({
    depositShares: s.depositShares,
    withdrawableShares: s.withdrawable,
  }),
  receipt: queueWithdrawalsReceipt,
})

/** Layer 1 (pure): `queueWithdrawals` for `depositShares`, withdrawer `account` (the staker who sends). */
export const prepareQueueWithdrawals = /* @__PURE__ */ prepareOf(queueWithdrawalsCall)
/**
 * Layer 2: converts the withdrawable shares (or underlying amounts) to deposit shares on chain
 * (`convertToDepositShares`; a full withdrawal sends exactly the deposit shares held), checks they
 * are withdrawable, and simulates `queueWithdrawals`.
 */
export const simulateQueueWithdrawals = /* @__PURE__ */ simulateOf(queueWithdrawals_)
/** Layer 3: converts, checks, simulates and sends `queueWithdrawals`. */
export const queueWithdrawals = /* @__PURE__ */ sendOf(queueWithdrawals_)
/** Layer 4: the receipt and the queued `withdrawals` (root, withdrawal, shares). */
export const waitForQueueWithdrawals = /* @__PURE__ */ waitForOf(
  { name: QUEUE_WITHDRAWALS },
  queueWithdrawalsReceipt,
)

export type PrepareQueueWithdrawalsParameters = Parameters<typeof prepareQueueWithdrawals>[0]
export type PrepareQueueWithdrawalsReturnType = ReturnType<typeof prepareQueueWithdrawals>
export type SimulateQueueWithdrawalsReturnType = Awaited<ReturnType<typeof simulateQueueWithdrawals>>
export type QueueWithdrawalsReturnType = Awaited<ReturnType<typeof queueWithdrawals>>
export type WaitForQueueWithdrawalsReturnType = Awaited<ReturnType<typeof waitForQueueWithdrawals>>
export type QueueWithdrawalsErrorType =
  | InsufficientSharesError
  | InvalidAmountError
  | InvalidParameterError
  | VaultLockedError
  | PausedError
  | WriteErrorType

/** @internal The withdrawals in decoded `SlashingWithdrawalQueued` events. */
export function queuedFromEvents(
  events: readonly { eventName: string; args: unknown }[],
): QueuedWithdrawalEvent[] {
  return events
    .filter((e) => e.eventName === 'SlashingWithdrawalQueued')
    .map((e) => {
      const a = e.args as { withdrawalRoot: Hex; withdrawal: Withdrawal; sharesToWithdraw: readonly bigint[] }
      return { root: a.withdrawalRoot, withdrawal: a.withdrawal, shares: a.sharesToWithdraw }
    })
}
