import {
  assertAddress,
  type Call,
  calls,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  InvalidParameterError,
  type PrepareOptions,
  prepareOf,
  type ReadClient,
  type StepFailedError,
  sendOf,
  simulateOf,
  type UnsupportedChainError,
  unwrap,
  WithdrawalNotReadyError,
  type WriteClient,
  type WriteErrorType,
  type WriteOptions,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  type DeploymentMismatchError,
  UnsupportedAssetError,
  type UnverifiedDeploymentError,
  WithdrawalRequestNotFoundError,
} from '../../errors.js'
import { kelpConfigAbi, kelpWithdrawalManagerAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import {
  type KelpWithdrawalForm,
  managerAbis,
  resolveWithdrawalOptions,
  withWithdrawalForm,
} from './getWithdrawalForm.js'
import { type KelpWithdrawalRequest, withdrawalRequestsPlan } from './getWithdrawalRequests.js'
import { assertKelp, symbolRead, writeDeployment } from './internal.js'

export type ClaimWithdrawalParameters = {
  /** The asset of the request(s). Kelp pays each owner's requests per asset oldest first (FIFO). */
  asset: Address
  /**
   * The request expected to be paid (its nonce, `id` in `getWithdrawalRequests`). Optional: Kelp
   * pays the sender's oldest open request whatever is given; when given, it must be that one (else
   * a typed error, before sending).
   */
  request?: bigint
  /** Kelp's referral string (v5.1.0 form only; default empty). */
  referralId?: string
  /** The manager's form; probed when omitted by `simulate`/`send`, `v5.1.0` in `prepare`. */
  form?: KelpWithdrawalForm
  allowUnverified?: boolean
  deployment?: KelpDeployment
}

type Resolved = {
  asset: Address
  request: bigint | undefined
  referralId: string
  form: KelpWithdrawalForm
  manager: Address
  d: KelpDeployment
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const CLAIM_WITHDRAWAL = 'kelp.claimWithdrawal'
const claimWithdrawalCall = /* @__PURE__ */ defineCall({
  name: CLAIM_WITHDRAWAL,
  contract: 'LRTWithdrawalManager',
  deployment: writeDeployment,
  resolve: (p: ClaimWithdrawalParameters, { deployment }): Resolved => {
    const asset = assertAddress('asset', p.asset)
    if (p.request !== undefined && (typeof p.request !== 'bigint' || p.request < 0n))
      throw new InvalidParameterError({
        parameter: 'request',
        reason: 'must be a bigint ≥ 0 (the request nonce)',
      })
    return { asset, request: p.request, ...resolveWithdrawalOptions(p, deployment) }
  },
  call: (a) =>
    a.form === 'v5.1.0'
      ? contractCall({
          address: a.manager,
          abi: managerAbis['v5.1.0'],
          functionName: 'completeWithdrawal',
          args: [a.asset, a.referralId],
        })
      : contractCall({
          address: a.manager,
          abi: managerAbis['2024-07'],
          functionName: 'completeWithdrawal',
          args: [a.asset],
        }),
})
const claimWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: kelpWithdrawalManagerAbi,
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AssetWithdrawalFinalized')
    const args = ev?.args as
      | { withdrawer: Address; asset: Address; amountBurned: bigint; amountReceived: bigint }
      | undefined
    return {
      claimed: args
        ? {
            owner: args.withdrawer,
            asset: args.asset,
            rsETHAmount: args.amountBurned,
            amount: args.amountReceived,
          }
        : undefined,
    }
  },
})
const claimWithdrawal_ = /* @__PURE__ */ defineWrite(claimWithdrawalCall, {
  read: (a, { sender }) => {
    return withdrawalRequestsPlan(undefined, a.d, sender, {
      asset: a.asset,
      atLanding: true,
      guard: {
        reads: [
          symbolRead(a.d),
          { address: a.d.lrtConfig, abi: kelpConfigAbi, functionName: 'isSupportedAsset', args: [a.asset] },
          {
            address: a.manager,
            abi: kelpWithdrawalManagerAbi,
            functionName: 'nextLockedNonce',
            args: [a.asset],
          },
        ],
        check: ([symbol, supported, locked]) => {
          assertKelp(a.d, symbol, [
            ['LRTConfig', a.d.lrtConfig, supported],
            ['LRTWithdrawalManager', a.manager, locked],
          ])
          if (!unwrap<boolean>(supported))
            throw new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
        },
      },
    })
  },
  check: (a, s, { sender }) => {
    const { requests: open, block } = s
    const owner = sender as Address
    const next = open[0]
    if (!next)
      throw new WithdrawalRequestNotFoundError({
        protocol: 'Kelp',
        owner,
        asset: a.asset,
        ...(a.request !== undefined ? { requestId: a.request } : {}),
      })
    if (a.request !== undefined && a.request !== next.id) {
      if (!open.some((r) => r.id === a.request))
        throw new WithdrawalRequestNotFoundError({
          protocol: 'Kelp',
          owner,
          asset: a.asset,
          requestId: a.request,
        })
      throw new InvalidParameterError({
        parameter: 'request',
        reason: `Kelp pays each owner's requests oldest first: request ${next.id} is paid before ${a.request}`,
      })
    }
    if (!next.ready)
      throw new WithdrawalNotReadyError({
        protocol: 'Kelp',
        id: next.id,
        readyAt: next.readyAt,
        now: { block },
        location: a.manager,
      })
  },
  revert: (a) => (reason) => {
    if (reason === 'WithdrawalLocked' || reason === 'WithdrawalDelayNotPassed')
      return new WithdrawalNotReadyError({ protocol: 'Kelp', location: a.manager })
    if (reason === 'AssetNotSupported') return new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
    return undefined
  },
  simulated: (a, s) => {
    // `next`: the request this completion pays (the oldest; `request` is the simulated call)
    return { form: a.form, next: s.requests[0] as KelpWithdrawalRequest }
  },
  receipt: claimWithdrawalReceipt,
})

// the layers the wrappers below run (built once, not per call)
const prepareClaimWithdrawal_ = /* @__PURE__ */ prepareOf(claimWithdrawalCall)
const simulateClaimWithdrawal_ = /* @__PURE__ */ simulateOf(claimWithdrawal_)
const sendClaimWithdrawal_ = /* @__PURE__ */ sendOf(claimWithdrawal_)

export type ClaimWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedAssetError
  | WithdrawalRequestNotFoundError
  | WithdrawalNotReadyError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidParameterError
  | StepFailedError
  | WriteErrorType

/**
 * Layer 1 (pure): `count` (default 1) `completeWithdrawal(asset, referralId)` calls — Kelp pays the
 * sender's oldest request per call, so `count` calls claim the `count` oldest (send them with core's
 * `sendPreparedCalls`, which simulates the list as a whole first).
 */
export function prepareClaimWithdrawal(
  params: ClaimWithdrawalParameters & PrepareOptions & { count?: number },
): readonly Call[] {
  const { count = 1, ...rest } = params
  if (!Number.isInteger(count) || count < 1)
    throw new InvalidParameterError({ parameter: 'count', reason: 'must be an integer ≥ 1' })
  const one = prepareClaimWithdrawal_(rest)
  return calls(...Array.from({ length: count }, () => one).flat())
}
/**
 * Layer 2: the form probe, the identity guard, the sender's open requests for `asset`; refuses
 * before simulating when there is none (`WithdrawalRequestNotFoundError`), when `request` is not
 * the sender's oldest, or when that one is not unlocked yet (`WithdrawalNotReadyError` with `readyAt`).
 */
export async function simulateClaimWithdrawal(
  client: ReadClient,
  params: ClaimWithdrawalParameters & WriteOptions,
) {
  return simulateClaimWithdrawal_(client, await withWithdrawalForm(client, params))
}
/** Layer 3: the same checks, then simulates and sends one `completeWithdrawal` (the oldest request). */
export async function claimWithdrawal(
  walletClient: WriteClient,
  params: ClaimWithdrawalParameters & WriteOptions,
) {
  return sendClaimWithdrawal_(walletClient, await withWithdrawalForm(walletClient, params))
}
/** Layer 4: the receipt, its events, and `claimed` (owner, asset, rsETH burnt, `amount` paid). */
export const waitForClaimWithdrawal = /* @__PURE__ */ waitForOf(
  { name: CLAIM_WITHDRAWAL },
  claimWithdrawalReceipt,
)

export type SimulateClaimWithdrawalReturnType = Awaited<ReturnType<typeof simulateClaimWithdrawal>>
export type WaitForClaimWithdrawalReturnType = Awaited<ReturnType<typeof waitForClaimWithdrawal>>
