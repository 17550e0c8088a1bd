import {
  type Call,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  InvalidParameterError,
  joinAbis,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  toCall,
  type UnsupportedChainError,
  unwrap,
  WithdrawalNotReadyError,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import { type Address, isAddressEqual, zeroAddress } from 'viem'
import {
  type DeploymentMismatchError,
  type UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
  WithdrawalRequestNotOwnedError,
} from '../../errors.js'
import { pufferWithdrawalManagerAbi, pufferWithdrawalManagerErrorsAbi } from '../abis.js'
import type { PufferDeployment } from '../deployments.js'
import { assertPuffer, assertVerified, minRate, symbolRead, WAD, writeDeployment } from './internal.js'

export type ClaimWithdrawalParameters = {
  /** The request's id (`withdrawalIdx`, from `requestWithdrawal`'s receipt or `getWithdrawalRequests`). */
  id: bigint
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: PufferDeployment
}

type Resolved = { id: bigint; d: PufferDeployment }

type ClaimState = { recipient: Address; amount: bigint; payout: bigint; rate: bigint }

type Withdrawal = { pufETHAmount: bigint; pufETHToETHExchangeRate: bigint; recipient: Address }
type Batch = { pufETHToETHExchangeRate: bigint }

export function assertRequestId(value: unknown): bigint {
  if (typeof value !== 'bigint' || value < 0n)
    throw new InvalidParameterError({ parameter: 'id', reason: `${String(value)} must be a bigint ≥ 0` })
  return value
}

const claimAbi = /* @__PURE__ */ joinAbis(pufferWithdrawalManagerAbi, pufferWithdrawalManagerErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_WITHDRAWAL = 'puffer.claimWithdrawal'
const claimWithdrawalCall = /* @__PURE__ */ defineCall({
  name: CLAIM_WITHDRAWAL,
  contract: 'PufferWithdrawalManager',
  deployment: writeDeployment,
  resolve: (p: ClaimWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as PufferDeployment
    const id = assertRequestId(p.id)
    assertVerified(d, p.allowUnverified)
    return { id, d }
  },
  call: (a) =>
    contractCall({
      address: a.d.withdrawalManager,
      abi: claimAbi,
      functionName: 'completeQueuedWithdrawal',
      args: [a.id],
    }),
})
const claimWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: pufferWithdrawalManagerAbi,
  decode: (_client, r) => {
    const e = r.events.find((x) => x.eventName === 'WithdrawalCompleted')
    return e && e.eventName === 'WithdrawalCompleted'
      ? { payout: e.args.ethPayoutAmount, rate: e.args.payoutExchangeRate }
      : { payout: undefined, rate: undefined }
  },
})
const claimWithdrawal_ = /* @__PURE__ */ defineWrite(claimWithdrawalCall, {
  read: ({ id, d }, { sender }) =>
    stage(
      [
        symbolRead(d),
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getWithdrawalsLength',
        },
        { address: d.withdrawalManager, abi: pufferWithdrawalManagerAbi, functionName: 'BATCH_SIZE' },
        {
          address: d.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getFinalizedWithdrawalBatch',
        },
      ],
      ([symbol, length, size, finalized]) => {
        assertPuffer(d, symbol, [['PufferWithdrawalManager', d.withdrawalManager, length]])
        if (id >= unwrap<bigint>(length))
          throw new WithdrawalRequestNotFoundError({
            protocol: 'Puffer',
            requestId: id,
            owner: sender,
            claimed: false,
          })
        const batch = id / unwrap<bigint>(size)
        return stage(
          [
            {
              address: d.withdrawalManager,
              abi: pufferWithdrawalManagerAbi,
              functionName: 'getWithdrawal',
              args: [id],
            },
            {
              address: d.withdrawalManager,
              abi: pufferWithdrawalManagerAbi,
              functionName: 'getBatch',
              args: [batch],
            },
          ],
          ([w, b]): ClaimState => {
            const request = unwrap<Withdrawal>(w)
            if (request.recipient === zeroAddress)
              throw new WithdrawalRequestNotFoundError({
                protocol: 'Puffer',
                requestId: id,
                owner: sender,
                claimed: request.pufETHAmount > 0n,
              })
            if (!isAddressEqual(request.recipient, sender))
              throw new WithdrawalRequestNotOwnedError({
                protocol: 'Puffer',
                requestId: id,
                owner: request.recipient,
                account: sender,
              })
            // Puffer finalizes full batches when it chooses: no time is knowable on chain
            if (batch > unwrap<bigint>(finalized))
              throw new WithdrawalNotReadyError({ protocol: 'Puffer', id })
            const batchRate = unwrap<Batch>(b).pufETHToETHExchangeRate
            const rate = minRate(request.pufETHToETHExchangeRate, batchRate)
            return {
              recipient: request.recipient,
              amount: request.pufETHAmount,
              rate,
              payout: (request.pufETHAmount * rate) / WAD,
            }
          },
        )
      },
    ),
  revert: (a) => (reason) => {
    if (reason === 'NotFinalized') return new WithdrawalNotReadyError({ protocol: 'Puffer', id: a.id })
    if (reason === 'WithdrawalAlreadyCompleted')
      return new WithdrawalRequestNotFoundError({ protocol: 'Puffer', requestId: a.id, claimed: true })
    return undefined
  },
  simulated: (_a, s) => ({ payout: s.payout, rate: s.rate }),
  receipt: claimWithdrawalReceipt,
})

export type ClaimWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidParameterError
  | WithdrawalNotReadyError
  | WithdrawalRequestNotOwnedError
  | WithdrawalRequestNotFoundError
  | WriteErrorType

/** Layer 1 (pure): `completeQueuedWithdrawal(id)`. */
export const prepareClaimWithdrawal = /* @__PURE__ */ prepareOf(claimWithdrawalCall)
/**
 * Layer 2: the identity guard and the checks — the request exists and is not claimed
 * (`WithdrawalRequestNotFoundError` else), pays the account (`WithdrawalRequestNotOwnedError` else), its batch is finalized (`WithdrawalNotReadyError` else) — then
 * simulates; `payout` is `amount × min(requestRate, batchRate)` in WETH.
 */
export const simulateClaimWithdrawal = /* @__PURE__ */ simulateOf(claimWithdrawal_)
/** Layer 3: every check, then simulates and sends. */
export const claimWithdrawal = /* @__PURE__ */ sendOf(claimWithdrawal_)
/** Layer 4: the receipt, its events, and the WETH `payout` and `rate` (from `WithdrawalCompleted`). */
export const waitForClaimWithdrawal = /* @__PURE__ */ waitForOf(
  { name: CLAIM_WITHDRAWAL },
  claimWithdrawalReceipt,
)

export type PrepareClaimWithdrawalsParameters = {
  ids: readonly bigint[]
  deployment?: PufferDeployment
  chainId?: number
}

/**
 * Many claims as one call list (pure): `completeQueuedWithdrawal(id)` for each id, for a batching
 * wallet (EIP-5792) or core's `sendPreparedCalls`. Unlike requests, completions may share a transaction.
 * Check each with `simulateClaimWithdrawal` first: this builder reads nothing.
 */
export function prepareClaimWithdrawals(params: PrepareClaimWithdrawalsParameters): readonly Call[] {
  if (!Array.isArray(params.ids) || params.ids.length === 0)
    throw new InvalidParameterError({ parameter: 'ids', reason: 'must be a non-empty array of request ids' })
  const d = writeDeployment(params.chainId, params.deployment)
  return params.ids.map((id) =>
    toCall(
      contractCall({
        address: d.withdrawalManager,
        abi: claimAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [assertRequestId(id)],
      }),
    ),
  )
}
