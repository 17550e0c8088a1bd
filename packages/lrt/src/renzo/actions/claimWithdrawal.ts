import {
  assertAddress,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  InvalidParameterError,
  isPlan,
  joinAbis,
  prepareOf,
  type ReadClient,
  StepFailedError,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  WithdrawalNotReadyError,
  type WriteClient,
  type WriteErrorType,
  type WriteOptions,
  waitForOf,
} from '@restakekit/core'
import type { Address, Hex } from 'viem'
import {
  type DeploymentMismatchError,
  UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
} from '../../errors.js'
import {
  renzoEzETHAbi,
  renzoWithdrawQueueAbi,
  renzoWithdrawQueueErrorsAbi,
  renzoWithdrawQueueV17Abi,
} from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { RenzoQueuedWithdrawalNotFilledError } from '../errors.js'
import {
  assertRenzo,
  mapPlan,
  probeWithdrawQueueForm,
  type RenzoRequestsState,
  type RenzoWithdrawalRequest,
  type RenzoWithdrawQueueForm,
  requestsFrom,
  requestsReads,
  symbolRead,
  timestampRead,
  writeDeployment,
} from './internal.js'

export type ClaimWithdrawalParameters = {
  /** The request's `withdrawRequestID` (stable); the SDK finds its index in the owner's array now. */
  requestId: bigint
  /** Whose request (default the sender). The HEAD form pays the owner whoever sends; v1.7 only the owner may. */
  owner?: Address
  /**
   * The WithdrawQueue's claim form. Default: probed from the implementation behind the proxy
   * (EIP-1967 slot; cached per address). `prepareClaimWithdrawal` cannot probe: default `head`.
   */
  form?: RenzoWithdrawQueueForm
  /** `prepareClaimWithdrawal` only (it reads nothing): the request's index in the owner's array now. */
  index?: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: RenzoDeployment
}

type Resolved = {
  requestId: bigint
  owner: Address | undefined
  form: RenzoWithdrawQueueForm
  index: bigint | undefined
  d: RenzoDeployment
}

type State = RenzoRequestsState & { request: RenzoWithdrawalRequest | undefined }

const revertAbi = /* @__PURE__ */ joinAbis(renzoWithdrawQueueAbi, renzoWithdrawQueueErrorsAbi)
const revertAbiV17 = /* @__PURE__ */ joinAbis(renzoWithdrawQueueV17Abi)

const indexOf = (a: Resolved, s: State | undefined): bigint => {
  const index = s?.request?.index ?? a.index
  if (index === undefined || index === null)
    throw new InvalidParameterError({
      parameter: 'index',
      reason: 'prepareClaimWithdrawal reads nothing: pass the request’s index now',
    })
  return index
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM = 'renzo.claimWithdrawal'
const claimCall = /* @__PURE__ */ defineCall({
  name: CLAIM,
  contract: 'WithdrawQueue',
  deployment: writeDeployment,
  resolve: (p: ClaimWithdrawalParameters, { deployment, sender }): Resolved => {
    const d = deployment as RenzoDeployment
    if (typeof p.requestId !== 'bigint' || p.requestId <= 0n)
      throw new InvalidParameterError({
        parameter: 'requestId',
        reason: `${String(p.requestId)} is not a request id`,
      })
    if (p.index !== undefined && (typeof p.index !== 'bigint' || p.index < 0n))
      throw new InvalidParameterError({ parameter: 'index', reason: 'must be a bigint ≥ 0' })
    const form = p.form ?? 'head'
    if (form !== 'head' && form !== 'v1.7')
      throw new InvalidParameterError({ parameter: 'form', reason: "must be 'head' or 'v1.7'" })
    const owner = p.owner === undefined ? sender : assertAddress('owner', p.owner)
    if (form === 'v1.7' && owner && sender && owner.toLowerCase() !== sender.toLowerCase())
      throw new InvalidParameterError({
        parameter: 'owner',
        reason: 'the v1.7 WithdrawQueue only lets the owner claim its own request',
      })
    if (d.unconfirmed && p.allowUnverified !== true)
      throw new UnverifiedDeploymentError({ protocol: 'Renzo' })
    return { requestId: p.requestId, owner, form, index: p.index, d }
  },
  call: (a, { sender }, s: State | undefined) =>
    a.form === 'v1.7'
      ? contractCall({
          address: a.d.withdrawQueue,
          abi: revertAbiV17,
          functionName: 'claim',
          args: [indexOf(a, s)],
        })
      : contractCall({
          address: a.d.withdrawQueue,
          abi: revertAbi,
          functionName: 'claim',
          args: [indexOf(a, s), (a.owner ?? sender) as Address],
        }),
})
const claimReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(renzoWithdrawQueueAbi, renzoEzETHAbi),
})
const claim_ = /* @__PURE__ */ defineWrite(claimCall, {
  // at the landing block: the index the claim will meet, and its clock
  read: (a, { sender }) => {
    const owner = a.owner ?? sender
    return stage([symbolRead(a.d), ...requestsReads(a.d, owner, timestampRead())], ([symbol, ...rest]) => {
      assertRenzo(a.d, symbol)
      const next = requestsFrom(a.d, owner, rest)
      const pick = (s: RenzoRequestsState): State => ({
        ...s,
        request: s.requests.find((r) => r.requestId === a.requestId),
      })
      return isPlan(next) ? mapPlan(next, pick) : pick(next)
    })
  },
  check: (a, s: State) => {
    const r = s.request
    if (!r)
      throw new WithdrawalRequestNotFoundError({
        protocol: 'Renzo',
        requestId: a.requestId,
        owner: s.owner,
        open: s.requests.map((x) => x.requestId),
      })
    if (r.readyAt.timestamp > s.timestamp)
      throw new WithdrawalNotReadyError({
        protocol: 'renzo',
        id: r.requestId,
        readyAt: r.readyAt,
        now: { timestamp: s.timestamp },
        location: a.d.withdrawQueue,
      })
    if (r.queueShortfall > 0n)
      throw new RenzoQueuedWithdrawalNotFilledError({ requestId: r.requestId, shortfall: r.queueShortfall })
  },
  revert: (a, s) => (reason) => {
    if (reason === 'EarlyClaim')
      return new WithdrawalNotReadyError({
        protocol: 'renzo',
        id: a.requestId,
        ...(s?.request ? { readyAt: s.request.readyAt } : {}),
        location: a.d.withdrawQueue,
      })
    if (reason === 'QueuedWithdrawalNotFilled')
      return new RenzoQueuedWithdrawalNotFilledError({ requestId: a.requestId })
    if (reason === 'InvalidWithdrawIndex')
      return new WithdrawalRequestNotFoundError({
        protocol: 'Renzo',
        requestId: a.requestId,
        owner: (a.owner ?? s?.owner) as Address,
        open: s?.requests.map((x) => x.requestId) ?? [],
      })
    return undefined
  },
  simulated: (_a, s) => ({ withdrawalRequest: s.request as RenzoWithdrawalRequest }),
  receipt: claimReceipt,
})

// the layers the wrappers below run (built once, not per call)
const simulateClaim_ = /* @__PURE__ */ simulateOf(claim_)
const sendClaim_ = /* @__PURE__ */ sendOf(claim_)

export type ClaimWithdrawalErrorType =
  | DeploymentMismatchError
  | WithdrawalRequestNotFoundError
  | RenzoQueuedWithdrawalNotFilledError
  | WithdrawalNotReadyError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidParameterError
  | StepFailedError
  | WriteErrorType

async function withForm<P extends ClaimWithdrawalParameters>(client: ReadClient, params: P): Promise<P> {
  if (params.form) return params
  const d = writeDeployment(client.chain?.id, params.deployment)
  return { ...params, form: await probeWithdrawQueueForm(client, d.withdrawQueue) }
}

/**
 * Layer 1 (pure): `claim(index, owner)` (or v1.7 `claim(index)` with `form: 'v1.7'`). It reads
 * nothing, so it needs the request's index NOW (`getWithdrawalRequests`); indices move after a claim.
 */
export const prepareClaimWithdrawal = /* @__PURE__ */ prepareOf(claimCall)

/**
 * Layer 2: probes the claim form, finds the request's current index by its id, checks it is the
 * owner's, past its cooldown (`WithdrawalNotReadyError` with `readyAt`) and filled when queued
 * (`RenzoQueuedWithdrawalNotFilledError`), then simulates; `withdrawalRequest` is what it claims.
 */
export async function simulateClaimWithdrawal(
  client: ReadClient,
  params: ClaimWithdrawalParameters & WriteOptions,
) {
  return simulateClaim_(client, await withForm(client, params))
}

/** Layer 3: the same checks at the landing block, then sends the claim with the request's index then. */
export async function claimWithdrawal(
  walletClient: WriteClient,
  params: ClaimWithdrawalParameters & WriteOptions,
): Promise<Hex> {
  return sendClaim_(walletClient, await withForm(walletClient, params))
}

/** Layer 4: the receipt and its decoded events (`WithdrawRequestClaimed`, the ezETH burn `Transfer`). */
export const waitForClaimWithdrawal = /* @__PURE__ */ waitForOf({ name: CLAIM }, claimReceipt)

export type ClaimWithdrawalsParameters = Omit<ClaimWithdrawalParameters, 'requestId' | 'index'> & {
  /** The requests to claim, in order. */
  requestIds: readonly bigint[]
}

/**
 * Claims several requests, one transaction each, in order: each claim waits for the previous one's
 * receipt and resolves its index again (a claim moves the last request into the claimed one's
 * index). Every request is checked before the first is sent; a failure after some landed is a
 * `StepFailedError` naming the claims done.
 */
export async function claimWithdrawals(
  walletClient: WriteClient,
  params: ClaimWithdrawalsParameters & WriteOptions,
): Promise<Hex[]> {
  const { requestIds, ...rest } = params
  if (!Array.isArray(requestIds) || requestIds.length === 0)
    throw new InvalidParameterError({ parameter: 'requestIds', reason: 'pass at least one request id' })
  if (new Set(requestIds).size !== requestIds.length)
    throw new InvalidParameterError({ parameter: 'requestIds', reason: 'has duplicates' })
  const p = await withForm(walletClient, rest as ClaimWithdrawalParameters)
  // all checked first (the same landing block): nothing is sent when one of them is not claimable
  for (const requestId of requestIds) await simulateClaim_(walletClient, { ...p, requestId })
  const done: { step: string; hash: Hex }[] = []
  for (const requestId of requestIds) {
    try {
      const hash = await sendClaim_(walletClient, { ...p, requestId })
      await waitForClaimWithdrawal(walletClient, hash)
      done.push({ step: `claim ${requestId}`, hash })
    } catch (error) {
      if (done.length === 0) throw error
      throw new StepFailedError({
        step: `claim ${requestId}`,
        completed: done,
        holdings: `requests ${requestIds.slice(0, done.length).join(', ')} were claimed; ${requestIds.slice(done.length).join(', ')} still hold their ezETH in the WithdrawQueue.`,
        cause: error,
      })
    }
  }
  return done.map((d) => d.hash)
}

export type SimulateClaimWithdrawalReturnType = Awaited<ReturnType<typeof simulateClaimWithdrawal>>
export type WaitForClaimWithdrawalReturnType = Awaited<ReturnType<typeof waitForClaimWithdrawal>>
