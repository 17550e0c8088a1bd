import {
  assertAmount,
  assertRecipient,
  type BatchRead,
  type BatchResult,
  type CallDefinition,
  type ContractCall,
  defineCall,
  defineWrite,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  type PermitKit,
  type ReadPlan,
  type ReceiptSpec,
  type RevertMapper,
  type SignedPermit,
  stage,
  unwrap,
} from '@restakekit/core'
import { type Abi, type Address, erc20Abi } from 'viem'

const WAD = 10n ** 18n

/** Parameters of a queued `requestWithdrawal` (the protocol's own add `receiver` where its call takes one). */
export type QueueRequestParameters = {
  /** The LRT to withdraw, in base units, within the queue's minimum and maximum. */
  amount: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
}

/** The arguments a queued request is built from: the amount, who it pays (where the call says) and the deployment. */
export type QueueRequestArgs<deployment> = {
  amount: bigint
  receiver: Address | undefined
  d: deployment
}

/** What the checks of a queued request read, whatever the queue contract. */
export type QueueRequestState = {
  /** The queue contract: the approval's spender and the call's target. */
  queue: Address
  minAmount: bigint
  maxAmount: bigint
  balance: bigint
  allowance: bigint
  /** Underlying per 1e18 of the LRT now: the rate the request locks (its payout is at most this). */
  rate: bigint
}

/**
 * How one protocol's queue takes a withdrawal request, call half (what `prepare` runs): everything
 * else (amount and receiver validation, the limits and balance checks, the exact approval,
 * `expectedOut`) is the same for every LRT whose request is "approve the token to the queue, then
 * one call".
 */
export type QueueRequestCallSpec<deployment> = {
  /** `protocol.requestWithdrawal`. */
  name: string
  /** The queue contract's name, for decoded reverts. */
  contract: string
  /** The protocol's display name, for messages (`Puffer`). */
  protocol: string
  deployment: (chainId: number | undefined, given: unknown) => deployment
  /** Throws `UnverifiedDeploymentError` for an unconfirmed deployment without the opt-in. */
  assertVerified: (d: deployment, allowUnverified: unknown) => void
  /** The LRT token (what is approved and spent). */
  token: (d: deployment) => Address
  /** The queue's address without reading (for `prepare`), or undefined when it must be read. */
  queue: (d: deployment) => Address | undefined
  /** The only place the protocol differs: its queue's request call. */
  call: (a: QueueRequestArgs<deployment>, queue: Address, sender: Address | undefined) => ContractCall
  /**
   * The queue's `*WithPermit` form, where it has one: the same request with a permit of the token
   * instead of the approval (enables the `permit` option, with `permitKit` in the rest).
   */
  permit?: {
    call: (
      a: QueueRequestArgs<deployment>,
      queue: Address,
      sender: Address | undefined,
      permit: SignedPermit,
    ) => ContractCall
  }
}

/** The rest of a queued request's spec: its reads, identity guard, limits, reverts and receipt. */
export type QueueRequestRestSpec<deployment, events extends Abi, decoded> = {
  /** The LRT's symbol, for messages (`pufETH`). */
  symbol: string
  /** Reads the queue's address where the deployment does not carry it, then continues with it. */
  withQueue: <T>(d: deployment, next: (queue: Address) => ReadPlan<T>) => ReadPlan<T>
  /** The identity read (the token's `symbol()`), then the queue's minimum, maximum and the rate now. */
  reads: (d: deployment, queue: Address) => readonly [BatchRead, BatchRead, BatchRead, BatchRead]
  /** The identity guard on the identity read and the queue's first answer (its minimum). */
  identity: (
    d: deployment,
    queue: Address,
    symbol: BatchResult | undefined,
    probe: BatchResult | undefined,
  ) => void
  /** Core's `permitKit`, where the call half has a `permit` form. */
  permitKit?: PermitKit
  /** The protocol's custom errors beyond the queue's limits (mapped to typed ones). */
  revert?: (a: QueueRequestArgs<deployment>) => RevertMapper
  /** Custom error names that mean the amount is outside the queue's limits. */
  limitErrors: readonly string[]
  /** The receipt, declared apart (`defineReceipt`) so that `waitForOf(theCall, theReceipt)` bundles it alone. */
  receipt: ReceiptSpec<events, decoded>
}

/** A queued request's call half, as `queueRequestCall` returns it (it keeps its spec for `queueRequestWrite`). */
export type QueueRequestCall<params, deployment> = CallDefinition<
  params,
  QueueRequestArgs<deployment>,
  QueueRequestState
> & { queueSpec: QueueRequestCallSpec<deployment> }

/** The queue a request goes to: the one the checks read, else the deployment's (`prepare`). */
function queueOf<deployment>(
  spec: QueueRequestCallSpec<deployment>,
  a: QueueRequestArgs<deployment>,
  s: QueueRequestState | undefined,
): Address {
  const queue = s?.queue ?? spec.queue(a.d)
  if (!queue)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: `prepareRequestWithdrawal needs the ${spec.protocol} queue's address in the deployment (it reads nothing)`,
    })
  return queue
}

/**
 * The call half of a queued `requestWithdrawal` (used by Puffer and Swell, whose requests differ
 * only in the call): resolve (amount, receiver, opt-in), the exact approval and the call. Curried so
 * the protocol names its parameters type and the rest is inferred:
 * `queueRequestCall<RequestWithdrawalParameters>()({ ... })`. Complete it with `queueRequestWrite`.
 */
export const queueRequestCall =
  <params extends QueueRequestParameters & { receiver?: Address }>() =>
  <deployment>(spec: QueueRequestCallSpec<deployment>): QueueRequestCall<params, deployment> =>
    Object.assign(
      defineCall({
        name: spec.name,
        contract: spec.contract,
        deployment: spec.deployment,
        resolve: (p: params, { deployment }): QueueRequestArgs<deployment> => {
          const d = deployment as deployment
          const amount = assertAmount('amount', p.amount)
          const receiver = p.receiver === undefined ? undefined : assertRecipient('receiver', p.receiver)
          spec.assertVerified(d, p.allowUnverified)
          return { amount, receiver, d }
        },
        approval: (a, s: QueueRequestState | undefined) =>
          s && s.allowance >= a.amount
            ? undefined
            : {
                token: spec.token(a.d),
                spender: queueOf(spec, a, s),
                amount: a.amount,
                ...(s ? { allowance: s.allowance } : {}),
              },
        call: (a, { sender }, s: QueueRequestState | undefined) => spec.call(a, queueOf(spec, a, s), sender),
        ...(spec.permit
          ? {
              permit: {
                call: (
                  a: QueueRequestArgs<deployment>,
                  { sender }: { sender: Address | undefined },
                  permit: SignedPermit,
                ) =>
                  (spec.permit as NonNullable<typeof spec.permit>).call(
                    a,
                    queueOf(spec, a, undefined),
                    sender,
                    permit,
                  ),
              },
            }
          : {}),
      }),
      { queueSpec: spec },
    )

/**
 * A queued `requestWithdrawal` from its call half and the rest: one read plan (identity, limits,
 * rate, balance, allowance), the checks, and `requestRate` / `expectedOut` from the simulation.
 */
export function queueRequestWrite<params, deployment, events extends Abi, decoded>(
  call: QueueRequestCall<params, deployment>,
  rest: QueueRequestRestSpec<deployment, events, decoded>,
) {
  const spec = call.queueSpec
  return defineWrite(call, {
    ...(rest.permitKit ? { permitKit: rest.permitKit } : {}),
    read: ({ d }, { sender }) =>
      rest.withQueue(d, (queue) =>
        stage(
          [
            ...rest.reads(d, queue),
            { address: spec.token(d), abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
            { address: spec.token(d), abi: erc20Abi, functionName: 'allowance', args: [sender, queue] },
          ],
          ([symbol, min, max, rate, balance, allowance]): QueueRequestState => {
            rest.identity(d, queue, symbol, min)
            return {
              queue,
              minAmount: unwrap<bigint>(min),
              maxAmount: unwrap<bigint>(max),
              rate: unwrap<bigint>(rate),
              balance: unwrap<bigint>(balance),
              allowance: unwrap<bigint>(allowance),
            }
          },
        ),
      ),
    check: (a, s: QueueRequestState, { sender }) => {
      if (a.amount < s.minAmount)
        throw new InvalidAmountError({
          parameter: 'amount',
          value: a.amount,
          reason: `is below ${spec.protocol}'s minimum withdrawal (${s.minAmount} ${rest.symbol})`,
        })
      if (a.amount > s.maxAmount)
        throw new InvalidAmountError({
          parameter: 'amount',
          value: a.amount,
          reason: `is above ${spec.protocol}'s maximum withdrawal (${s.maxAmount} ${rest.symbol})`,
        })
      if (s.balance < a.amount)
        throw new InsufficientBalanceError({
          token: spec.token(a.d),
          required: a.amount,
          balance: s.balance,
          account: sender as Address,
        })
    },
    revert: (a) => (reason, raw) => {
      if (rest.limitErrors.includes(reason))
        return new InvalidAmountError({
          parameter: 'amount',
          value: a.amount,
          reason: `is outside ${spec.protocol}'s withdrawal limits`,
        })
      return rest.revert?.(a)(reason, raw)
    },
    simulated: (a, s) => ({ requestRate: s.rate, expectedOut: (a.amount * s.rate) / WAD }),
    receipt: rest.receipt,
  })
}
