import {
  assertAddress,
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  type InvalidAmountError,
  joinAbis,
  prepareOf,
  type StepFailedError,
  sendOf,
  simulateOf,
  type UnsupportedChainError,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  type DeploymentMismatchError,
  UnsupportedAssetError,
  UnverifiedDeploymentError,
} from '../../errors.js'
import { renzoEzETHAbi, renzoWithdrawQueueAbi, renzoWithdrawQueueErrorsAbi } from '../abis.js'
import { RENZO_ETH_ADDRESS, type RenzoDeployment } from '../deployments.js'
import { RenzoPausedError } from '../errors.js'
import { assertRenzo, mapPlan, symbolRead, writeDeployment } from './internal.js'
import { type RenzoWithdrawalPreview, withdrawalPreviewPlan } from './previewWithdrawal.js'

export type RequestWithdrawalParameters = {
  /** ezETH to withdraw, in base units (locked in the WithdrawQueue, burned at the claim). */
  amount: bigint
  /** The asset to be paid in (default ETH, `RENZO_ETH_ADDRESS`). */
  asset?: Address
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: RenzoDeployment
}

type Resolved = { amount: bigint; asset: Address; d: RenzoDeployment }
type State = RenzoWithdrawalPreview & {
  supported: boolean
  balance: bigint
  allowance: bigint
  paused: boolean
}

const revertAbi = /* @__PURE__ */ joinAbis(renzoWithdrawQueueAbi, renzoWithdrawQueueErrorsAbi)

/** The request a `WithdrawRequestCreated` event reports (HEAD form). */
export type RenzoCreatedRequest = {
  requestId: bigint
  owner: Address
  asset: Address
  amountAtRequest: bigint
  ezETHLocked: bigint
  /** Its index in the owner's array when created (it moves when another request is claimed). */
  index: bigint
  queued: boolean
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const REQUEST_WITHDRAWAL = 'renzo.requestWithdrawal'
const requestWithdrawalCall = /* @__PURE__ */ defineCall({
  name: REQUEST_WITHDRAWAL,
  contract: 'WithdrawQueue',
  deployment: writeDeployment,
  resolve: (p: RequestWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as RenzoDeployment
    const asset = assertAddress('asset', p.asset ?? RENZO_ETH_ADDRESS)
    const amount = assertAmount('amount', p.amount)
    if (d.unconfirmed && p.allowUnverified !== true)
      throw new UnverifiedDeploymentError({ protocol: 'Renzo' })
    return { amount, asset, d }
  },
  approval: (a, s: State | undefined) =>
    s && s.allowance >= a.amount
      ? undefined
      : {
          token: a.d.ezETH,
          spender: a.d.withdrawQueue,
          amount: a.amount,
          ...(s ? { allowance: s.allowance } : {}),
        },
  call: (a) =>
    contractCall({
      address: a.d.withdrawQueue,
      abi: revertAbi,
      functionName: 'withdraw',
      args: [a.amount, a.asset],
    }),
})
const requestWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(renzoWithdrawQueueAbi, renzoEzETHAbi),
  decode: (_client, { events }) => {
    const e = events.find((x) => x.eventName === 'WithdrawRequestCreated')
    if (e?.eventName !== 'WithdrawRequestCreated') return { request: undefined }
    const x = e.args
    const request: RenzoCreatedRequest = {
      requestId: x.withdrawRequestID,
      owner: x.user,
      asset: x.claimToken,
      amountAtRequest: x.amountToRedeem,
      ezETHLocked: x.ezETHAmountLocked,
      index: x.withdrawRequestIndex,
      queued: x.queued,
    }
    return { request }
  },
})
const requestWithdrawal_ = /* @__PURE__ */ defineWrite(requestWithdrawalCall, {
  read: (a, { sender }) =>
    mapPlan(
      withdrawalPreviewPlan(a.d, a.asset, a.amount, [
        symbolRead(a.d),
        { address: a.d.ezETH, abi: renzoEzETHAbi, functionName: 'balanceOf', args: [sender] },
        {
          address: a.d.ezETH,
          abi: renzoEzETHAbi,
          functionName: 'allowance',
          args: [sender, a.d.withdrawQueue],
        },
        { address: a.d.withdrawQueue, abi: renzoWithdrawQueueAbi, functionName: 'paused' },
      ]),
      ({ extra, ...p }): State => {
        const [symbol, balance, allowance, paused] = extra
        assertRenzo(a.d, symbol, [['WithdrawQueue', a.d.withdrawQueue, paused]])
        return {
          ...p,
          balance: unwrap<bigint>(balance),
          allowance: unwrap<bigint>(allowance),
          paused: unwrap<boolean>(paused),
        }
      },
    ),
  check: (a, s: State, { sender }) => {
    if (!s.supported) throw new UnsupportedAssetError({ protocol: 'Renzo', asset: a.asset })
    if (s.paused) throw new RenzoPausedError({ contract: 'WithdrawQueue', address: a.d.withdrawQueue })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.ezETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
  },
  revert: (a) => (reason) =>
    reason === 'WithdrawRequestPaused'
      ? new RenzoPausedError({ contract: 'WithdrawQueue', address: a.d.withdrawQueue })
      : reason === 'UnsupportedWithdrawAsset'
        ? new UnsupportedAssetError({ protocol: 'Renzo', asset: a.asset })
        : undefined,
  simulated: (_a, s) => ({ expectedOut: s.amount, queued: s.queued, coolDownPeriod: s.coolDownPeriod }),
  receipt: requestWithdrawalReceipt,
})

export type RequestWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedAssetError
  | RenzoPausedError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/** Layer 1 (pure): `[approve(WithdrawQueue, amount) on ezETH, withdraw(amount, asset)]`. */
export const prepareRequestWithdrawal = /* @__PURE__ */ prepareOf(requestWithdrawalCall)
/**
 * Layer 2: the identity guard, the checks (payout asset supported, ezETH balance, not paused), then
 * simulates; `expectedOut` is what the request is fixed at, `queued` whether the buffer can pay it.
 */
export const simulateRequestWithdrawal = /* @__PURE__ */ simulateOf(requestWithdrawal_)
/** Layer 3: the checks, the exact ezETH approval to the WithdrawQueue when short, then `withdraw`. */
export const requestWithdrawal = /* @__PURE__ */ sendOf(requestWithdrawal_)
/** Layer 4: the receipt, its events, and `request` (id, index, amount, queued) from `WithdrawRequestCreated`. */
export const waitForRequestWithdrawal = /* @__PURE__ */ waitForOf(
  { name: REQUEST_WITHDRAWAL },
  requestWithdrawalReceipt,
)

export type SimulateRequestWithdrawalReturnType = Awaited<ReturnType<typeof simulateRequestWithdrawal>>
export type WaitForRequestWithdrawalReturnType = Awaited<ReturnType<typeof waitForRequestWithdrawal>>
