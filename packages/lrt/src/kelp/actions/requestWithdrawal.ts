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
  InvalidAmountError,
  type InvalidParameterError,
  joinAbis,
  prepareOf,
  type ReadClient,
  type StepFailedError,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  unwrap,
  type WriteClient,
  type WriteErrorType,
  type WriteOptions,
  waitForOf,
} from '@restakekit/core'
import { type Address, erc20Abi } from 'viem'
import {
  type DeploymentMismatchError,
  MinOutNotMetError,
  UnsupportedAssetError,
  type UnverifiedDeploymentError,
} from '../../errors.js'
import { kelpConfigAbi, kelpRsETHAbi, kelpWithdrawalManagerAbi } from '../abis.js'
import type { KelpDeployment } from '../deployments.js'
import { WithdrawalLiquidityError } from '../errors.js'
import {
  type KelpWithdrawalForm,
  managerAbis,
  resolveWithdrawalOptions,
  withWithdrawalForm,
} from './getWithdrawalForm.js'
import { assertKelp, blockNumberRead, symbolRead, writeDeployment } from './internal.js'

export type RequestWithdrawalParameters = {
  /** The asset to receive (ETH is `ETH_ADDRESS`). */
  asset: Address
  /** rsETH to give up, in base units (pulled by the manager: approved exactly when short). */
  amount: bigint
  /**
   * The least `asset` to accept: refused before sending when Kelp's expected payout now is below it
   * (Kelp's call has no min-out argument; the payout can still fall by a slash before the unlock).
   */
  minOut?: bigint
  /** Kelp's referral string (v5.1.0 form only; default empty). */
  referralId?: string
  /**
   * The manager's form. `simulate`/`send` probe the deployed implementation when omitted (cached per
   * address); `prepare` cannot read and defaults to `v5.1.0`.
   */
  form?: KelpWithdrawalForm
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: KelpDeployment
}

type Resolved = {
  asset: Address
  amount: bigint
  minOut: bigint
  referralId: string
  form: KelpWithdrawalForm
  manager: Address
  d: KelpDeployment
}

type RequestState = {
  expectedOut: bigint
  available: bigint
  minAmount: bigint
  balance: bigint
  allowance: bigint
  delay: bigint
  landingBlock: bigint
}

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const REQUEST_WITHDRAWAL = 'kelp.requestWithdrawal'
const requestWithdrawalCall = /* @__PURE__ */ defineCall({
  name: REQUEST_WITHDRAWAL,
  contract: 'LRTWithdrawalManager',
  deployment: writeDeployment,
  resolve: (p: RequestWithdrawalParameters, { deployment }): Resolved => {
    const asset = assertAddress('asset', p.asset)
    const amount = assertAmount('amount', p.amount)
    const minOut = p.minOut ?? 0n
    if (typeof minOut !== 'bigint' || minOut < 0n)
      throw new InvalidAmountError({ parameter: 'minOut', value: minOut, reason: 'must be a bigint ≥ 0' })
    return { asset, amount, minOut, ...resolveWithdrawalOptions(p, deployment) }
  },
  approval: (a, s: RequestState | undefined) =>
    s && s.allowance >= a.amount
      ? undefined
      : {
          token: a.d.rsETH,
          spender: a.manager,
          amount: a.amount,
          ...(s ? { allowance: s.allowance } : {}),
        },
  call: (a) =>
    a.form === 'v5.1.0'
      ? contractCall({
          address: a.manager,
          abi: managerAbis['v5.1.0'],
          functionName: 'initiateWithdrawal',
          args: [a.asset, a.amount, a.referralId],
        })
      : contractCall({
          address: a.manager,
          abi: managerAbis['2024-07'],
          functionName: 'initiateWithdrawal',
          args: [a.asset, a.amount],
        }),
})
const requestWithdrawalReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(kelpWithdrawalManagerAbi, kelpRsETHAbi),
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'AssetWithdrawalQueued')
    const args = ev?.args as
      | { withdrawer: Address; asset: Address; rsETHUnstaked: bigint; userNonce: bigint }
      | undefined
    return {
      request: args
        ? { id: args.userNonce, asset: args.asset, owner: args.withdrawer, rsETHAmount: args.rsETHUnstaked }
        : undefined,
    }
  },
})
const requestWithdrawal_ = /* @__PURE__ */ defineWrite(requestWithdrawalCall, {
  read: (a, { sender }) => {
    const m = { address: a.manager, abi: kelpWithdrawalManagerAbi } as const
    return stage(
      [
        symbolRead(a.d),
        { address: a.d.lrtConfig, abi: kelpConfigAbi, functionName: 'isSupportedAsset', args: [a.asset] },
        { ...m, functionName: 'withdrawalDelayBlocks' },
        { ...m, functionName: 'minRsEthAmountToWithdraw', args: [a.asset] },
        { ...m, functionName: 'getAvailableAssetAmount', args: [a.asset] },
        { ...m, functionName: 'getExpectedAssetAmount', args: [a.asset, a.amount] },
        { address: a.d.rsETH, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
        { address: a.d.rsETH, abi: erc20Abi, functionName: 'allowance', args: [sender, a.manager] },
        blockNumberRead(),
      ],
      ([symbol, supported, delay, min, available, expected, balance, allowance, block]): RequestState => {
        assertKelp(a.d, symbol, [
          ['LRTConfig', a.d.lrtConfig, supported],
          ['LRTWithdrawalManager', a.manager, delay],
        ])
        if (!unwrap<boolean>(supported)) throw new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
        return {
          expectedOut: unwrap<bigint>(expected),
          available: unwrap<bigint>(available),
          minAmount: unwrap<bigint>(min),
          balance: unwrap<bigint>(balance),
          allowance: unwrap<bigint>(allowance),
          delay: unwrap<bigint>(delay),
          landingBlock: unwrap<bigint>(block),
        }
      },
    )
  },
  check: (a, s, { sender }) => {
    if (a.amount < s.minAmount)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: `is below Kelp's minimum withdrawal (${s.minAmount} rsETH)`,
      })
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: a.d.rsETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedOut === 0n)
      throw new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'pays 0 at the rate now' })
    if (s.expectedOut < a.minOut)
      throw new MinOutNotMetError({ protocol: 'Kelp', minOut: a.minOut, expectedOut: s.expectedOut })
    if (s.expectedOut > s.available)
      throw new WithdrawalLiquidityError({
        protocol: 'Kelp',
        asset: a.asset,
        expectedOut: s.expectedOut,
        available: s.available,
      })
  },
  revert: (a, s) => (reason) => {
    if (reason === 'InvalidAmountToWithdraw')
      return new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: "is below Kelp's minimum withdrawal",
      })
    if (reason === 'ExceedAmountToWithdraw')
      return new WithdrawalLiquidityError({
        protocol: 'Kelp',
        asset: a.asset,
        expectedOut: s?.expectedOut ?? 0n,
        available: s?.available ?? 0n,
      })
    if (reason === 'AssetNotSupported') return new UnsupportedAssetError({ protocol: 'Kelp', asset: a.asset })
    return undefined
  },
  simulated: (a, s) => ({
    form: a.form,
    expectedOut: s.expectedOut,
    readyAt: { block: s.landingBlock + s.delay },
  }),
  receipt: requestWithdrawalReceipt,
})

// the layers the wrappers below run (built once, not per call)
const simulateRequestWithdrawal_ = /* @__PURE__ */ simulateOf(requestWithdrawal_)
const sendRequestWithdrawal_ = /* @__PURE__ */ sendOf(requestWithdrawal_)

export type RequestWithdrawalErrorType =
  | DeploymentMismatchError
  | UnsupportedAssetError
  | WithdrawalLiquidityError
  | MinOutNotMetError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/**
 * Layer 1 (pure): `[approve(manager, amount) on rsETH, initiateWithdrawal(asset, amount, referralId)]`
 * (the `2024-07` form without `referralId` with `form: '2024-07'`).
 */
export const prepareRequestWithdrawal = /* @__PURE__ */ prepareOf(requestWithdrawalCall)
/**
 * Layer 2: the form probe, the identity guard, the checks (supported asset, minimum, rsETH balance,
 * Kelp's liquidity for the payout), then simulates: `expectedOut`, and `readyAt` (the earliest claim block).
 */
export async function simulateRequestWithdrawal(
  client: ReadClient,
  params: RequestWithdrawalParameters & WriteOptions,
) {
  return simulateRequestWithdrawal_(client, await withWithdrawalForm(client, params))
}
/** Layer 3: every check first, then the exact rsETH approval when short, then simulates and sends. */
export async function requestWithdrawal(
  walletClient: WriteClient,
  params: RequestWithdrawalParameters & WriteOptions,
) {
  return sendRequestWithdrawal_(walletClient, await withWithdrawalForm(walletClient, params))
}
/** Layer 4: the receipt, its events, and `request` (`id` = the nonce, asset, owner, rsETH). */
export const waitForRequestWithdrawal = /* @__PURE__ */ waitForOf(
  { name: REQUEST_WITHDRAWAL },
  requestWithdrawalReceipt,
)

export type SimulateRequestWithdrawalReturnType = Awaited<ReturnType<typeof simulateRequestWithdrawal>>
export type WaitForRequestWithdrawalReturnType = Awaited<ReturnType<typeof waitForRequestWithdrawal>>
