import {
  type Call,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  InvalidParameterError,
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
import { type Address, isAddressEqual } from 'viem'
import {
  type DeploymentMismatchError,
  type UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
  WithdrawalRequestNotOwnedError,
} from '../../errors.js'
import { swellRswEXITAbi, swellRswEXITErrorsAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import {
  assertSwell,
  assertVerified,
  minRate,
  symbolRead,
  WAD,
  withExit,
  writeDeployment,
} from './internal.js'

export type ClaimWithdrawalParameters = {
  /** The request's NFT token id (from `requestWithdrawal`'s receipt or `getWithdrawalRequests`). */
  id: bigint
  allowUnverified?: boolean
  deployment?: SwellDeployment
}

type Resolved = { id: bigint; d: SwellDeployment }
type ClaimState = { rswEXIT: Address; payout: bigint; rate: bigint }

const exitOf = (a: Resolved, s: ClaimState | undefined): Address => {
  const exit = s?.rswEXIT ?? a.d.rswEXIT
  if (!exit)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'prepareClaimWithdrawal needs deployment.rswEXIT',
    })
  return exit
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_WITHDRAWAL = 'swell.claimWithdrawal'
const claimWithdrawalCall = /* @__PURE__ */ defineCall({
  name: CLAIM_WITHDRAWAL,
  contract: 'RswEXIT',
  deployment: writeDeployment,
  resolve: (p: ClaimWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as SwellDeployment
    if (typeof p.id !== 'bigint' || p.id <= 0n)
      throw new InvalidParameterError({ parameter: 'id', reason: `${String(p.id)} must be a bigint ≥ 1` })
    assertVerified(d, p.allowUnverified)
    return { id: p.id, d }
  },
  call: (a, _ctx, s: ClaimState | undefined) =>
    contractCall({
      address: exitOf(a, s),
      abi: [...swellRswEXITAbi, ...swellRswEXITErrorsAbi],
      functionName: 'finalizeWithdrawal',
      args: [a.id],
    }),
})
const claimWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: swellRswEXITAbi,
  decode: (_client, r) => {
    const e = r.events.find((x) => x.eventName === 'WithdrawalClaimed')
    return { payout: e && e.eventName === 'WithdrawalClaimed' ? e.args.exitClaimedETH : undefined }
  },
})
const claimWithdrawal_ = /* @__PURE__ */ defineWrite(claimWithdrawalCall, {
  read: ({ id, d }, { sender }) =>
    withExit(d, (rswEXIT) =>
      stage(
        [
          symbolRead(d),
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'ownerOf', args: [id] },
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawalRequests', args: [id] },
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'getProcessedRateForTokenId', args: [id] },
        ],
        ([symbol, owner, request, processed]): ClaimState => {
          assertSwell(d, symbol, [['RswEXIT', rswEXIT, request]])
          // ownerOf reverts for a burnt (finalized) or never-minted NFT
          if (owner?.status !== 'success')
            throw new WithdrawalRequestNotFoundError({ protocol: 'Swell', requestId: id, owner: sender })
          const holder = unwrap<Address>(owner)
          if (!isAddressEqual(holder, sender))
            throw new WithdrawalRequestNotOwnedError({
              protocol: 'Swell',
              requestId: id,
              owner: holder,
              account: sender,
            })
          const [isProcessed, processedRate] = unwrap<readonly [boolean, bigint]>(processed)
          // Swell processes withdrawals operationally: no time is knowable on chain
          if (!isProcessed) throw new WithdrawalNotReadyError({ protocol: 'Swell', id, location: rswEXIT })
          const [amount, , rateWhenCreated] = unwrap<readonly [bigint, bigint, bigint]>(request)
          const rate = minRate(rateWhenCreated, processedRate)
          return { rswEXIT, rate, payout: (amount * rate) / WAD }
        },
      ),
    ),
  revert: (a) => (reason) => {
    if (reason === 'WithdrawalRequestNotProcessed')
      return new WithdrawalNotReadyError({ protocol: 'Swell', id: a.id })
    if (reason === 'WithdrawalRequestDoesNotExist')
      return new WithdrawalRequestNotFoundError({ protocol: 'Swell', requestId: a.id })
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

/** Layer 1 (pure): `finalizeWithdrawal(id)` on rswEXIT (needs `deployment.rswEXIT`). */
export const prepareClaimWithdrawal = /* @__PURE__ */ prepareOf(claimWithdrawalCall)
/**
 * Layer 2: the identity guard and the checks — the NFT exists and is the account's
 * (`WithdrawalRequestNotFoundError` / `WithdrawalRequestNotOwnedError` else), it is processed (`WithdrawalNotReadyError` else) — then
 * simulates; `payout` is `amount × min(rateWhenCreated, processedRate)` in ETH.
 */
export const simulateClaimWithdrawal = /* @__PURE__ */ simulateOf(claimWithdrawal_)
/** Layer 3: every check, then simulates and sends. */
export const claimWithdrawal = /* @__PURE__ */ sendOf(claimWithdrawal_)
/** Layer 4: the receipt, its events and the ETH `payout` (from `WithdrawalClaimed`). */
export const waitForClaimWithdrawal = /* @__PURE__ */ waitForOf(
  { name: CLAIM_WITHDRAWAL },
  claimWithdrawalReceipt,
)

export type PrepareClaimWithdrawalsParameters = {
  ids: readonly bigint[]
  deployment?: SwellDeployment
  chainId?: number
}

/**
 * Many claims as one call list (pure): `finalizeWithdrawal(id)` for each NFT, for a batching wallet
 * (EIP-5792) or core's `sendPreparedCalls` (needs `deployment.rswEXIT`). It reads nothing: check each
 * with `simulateClaimWithdrawal` first.
 */
export function prepareClaimWithdrawals(params: PrepareClaimWithdrawalsParameters): readonly Call[] {
  if (!Array.isArray(params.ids) || params.ids.length === 0)
    throw new InvalidParameterError({ parameter: 'ids', reason: 'must be a non-empty array of NFT ids' })
  const d = writeDeployment(params.chainId, params.deployment)
  const exit = d.rswEXIT
  if (!exit)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'prepareClaimWithdrawals needs deployment.rswEXIT',
    })
  return params.ids.map((id) => {
    if (typeof id !== 'bigint' || id <= 0n)
      throw new InvalidParameterError({ parameter: 'id', reason: `${String(id)} must be a bigint ≥ 1` })
    return toCall(
      contractCall({ address: exit, abi: swellRswEXITAbi, functionName: 'finalizeWithdrawal', args: [id] }),
    )
  })
}
