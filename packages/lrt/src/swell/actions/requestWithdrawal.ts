import {
  assertAmount,
  contractCall,
  defineWrite,
  type InsufficientAllowanceError,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  InvalidParameterError,
  layer,
  type StepFailedError,
  stage,
  type UnsupportedChainError,
  unwrap,
} from '@restakekit/core'
import { type Address, erc20Abi } from 'viem'
import type { DeploymentMismatchError, UnverifiedDeploymentError } from '../../errors.js'
import { swellRswETHAbi, swellRswEXITAbi, swellRswEXITErrorsAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { assertSwell, assertVerified, symbolRead, WAD, withExit, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = {
  /** rswETH to withdraw, within rswEXIT's `withdrawRequestMinimum` / `withdrawRequestMaximum`. */
  amount: bigint
  allowUnverified?: boolean
  deployment?: SwellDeployment
}

type Resolved = { amount: bigint; d: SwellDeployment }
type RequestState = {
  rswEXIT: Address
  min: bigint
  max: bigint
  balance: bigint
  allowance: bigint
  rate: bigint
}

const exitOf = (a: Resolved, s: RequestState | undefined): Address => {
  const exit = s?.rswEXIT ?? a.d.rswEXIT
  if (!exit)
    throw new InvalidParameterError(
      'deployment',
      'prepareRequestWithdrawal needs deployment.rswEXIT (it reads nothing)',
    )
  return exit
}

const requestWithdrawal_ = /* @__PURE__ */ defineWrite({
  name: 'swell.requestWithdrawal',
  contract: 'RswEXIT',
  deployment: writeDeployment,
  resolve: (p: RequestWithdrawalParameters, { deployment }): Resolved => {
    const d = deployment as SwellDeployment
    const amount = assertAmount('amount', p.amount)
    assertVerified(d, p.allowUnverified)
    return { amount, d }
  },
  read: ({ d }, { sender }) =>
    withExit(d, (rswEXIT) =>
      stage(
        [
          symbolRead(d),
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMinimum' },
          { address: rswEXIT, abi: swellRswEXITAbi, functionName: 'withdrawRequestMaximum' },
          { address: d.rswETH, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
          { address: d.rswETH, abi: erc20Abi, functionName: 'allowance', args: [sender, rswEXIT] },
          { address: d.rswETH, abi: swellRswETHAbi, functionName: 'rswETHToETHRate' },
        ],
        ([symbol, min, max, balance, allowance, rate]): RequestState => {
          assertSwell(d, symbol, [['RswEXIT', rswEXIT, min]])
          return {
            rswEXIT,
            min: unwrap<bigint>(min),
            max: unwrap<bigint>(max),
            balance: unwrap<bigint>(balance),
            allowance: unwrap<bigint>(allowance),
            rate: unwrap<bigint>(rate),
          }
        },
      ),
    ),
  check: (a, s: RequestState, { sender }) => {
    if (a.amount < s.min)
      throw new InvalidAmountError(
        'amount',
        a.amount,
        `is below Swell's minimum withdrawal request (${s.min} rswETH)`,
      )
    if (a.amount > s.max)
      throw new InvalidAmountError(
        'amount',
        a.amount,
        `is above Swell's maximum withdrawal request (${s.max} rswETH)`,
      )
    if (s.balance < a.amount)
      throw new InsufficientBalanceError(a.d.rswETH, a.amount, s.balance, sender as Address)
  },
  approval: (a, s) =>
    s && s.allowance >= a.amount
      ? undefined
      : {
          token: a.d.rswETH,
          spender: exitOf(a, s),
          amount: a.amount,
          ...(s ? { allowance: s.allowance } : {}),
        },
  call: (a, _ctx, s) =>
    contractCall({
      address: exitOf(a, s),
      abi: [...swellRswEXITAbi, ...swellRswEXITErrorsAbi],
      functionName: 'createWithdrawRequest',
      args: [a.amount],
    }),
  revert: (a) => (reason) =>
    reason === 'WithdrawRequestTooSmall' || reason === 'WithdrawRequestTooLarge'
      ? new InvalidAmountError('amount', a.amount, "is outside Swell's withdrawal request limits")
      : undefined,
  simulated: (a, s) => ({ rateWhenCreated: s.rate, expectedOut: (a.amount * s.rate) / WAD }),
  receipt: {
    abi: [...swellRswEXITAbi, ...swellRswETHAbi],
    decode: (_client, r) => {
      const e = r.events.find((x) => x.eventName === 'WithdrawRequestCreated')
      return e && e.eventName === 'WithdrawRequestCreated'
        ? { id: e.args.tokenId, rateWhenCreated: e.args.rateWhenCreated }
        : { id: undefined, rateWhenCreated: undefined }
    },
  },
})

export type RequestWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError

/** Layer 1 (pure): `[approve(rswEXIT, amount) on rswETH?, createWithdrawRequest(amount)]` (needs `deployment.rswEXIT`). */
export const prepareRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'prepare')
/** Layer 2: the identity guard (rswEXIT read from the AccessControlManager when not given), limits, balance; simulates. */
export const simulateRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'simulate')
/** Layer 3: every check, the exact rswETH approval when short, then simulates and sends. */
export const requestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'send')
/** Layer 4: the receipt, its events and the request's `id` (the NFT's token id) and `rateWhenCreated`. */
export const waitForRequestWithdrawal = /* @__PURE__ */ layer(requestWithdrawal_, 'waitFor')
