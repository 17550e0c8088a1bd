import {
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  type InvalidAddressError,
  InvalidAmountError,
  type InvalidParameterError,
  prepareOf,
  sendOf,
  simulateOf,
  stage,
  type UnsupportedChainError,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  type DeploymentMismatchError,
  MinOutNotMetError,
  type UnsupportedAssetError,
  type UnverifiedDeploymentError,
} from '../../errors.js'
import { multicallEthBalanceAbi } from '../../kelp/abis.js'
import { ETH_ADDRESS } from '../../kelp/deployments.js'
import { swellRswETHAbi, swellRswETHErrorsAbi } from '../abis.js'
import type { SwellDeployment } from '../deployments.js'
import { assertSwell, assertVerified, symbolRead, writeDeployment } from './internal.js'
import { assertSwellAsset, swellMinted } from './previewDeposit.js'

/** Default tolerance on the preview when no `minOut` is given: 0.5 %. */
export const SWELL_DEFAULT_SLIPPAGE_BPS = 50n

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type DepositParameters = {
  /** Native ETH (`ETH_ADDRESS`). */
  asset: Address
  amount: bigint
  /**
   * The least rswETH to accept. rswETH's `deposit()` has no min-out argument and returns nothing; the
   * rate is stored (it moves only on Swell's `reprice`), so the preview read at the landing block is
   * what the deposit mints: below `minOut`, nothing is sent. Default: the preview less `slippageBps`.
   */
  minOut?: bigint
  slippageBps?: bigint
  allowUnverified?: boolean
  deployment?: SwellDeployment
}

type Resolved = { amount: bigint; minOut: bigint | undefined; slippageBps: bigint; d: SwellDeployment }
type DepositState = { expectedOut: bigint; balance: bigint }

const minOutFor = (a: Resolved, s: DepositState): bigint =>
  a.minOut ?? s.expectedOut - (s.expectedOut * a.slippageBps) / 10_000n

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'swell.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'RswETH',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { deployment }): Resolved => {
    const d = deployment as SwellDeployment
    const slippageBps = p.slippageBps ?? SWELL_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    if (p.minOut !== undefined && (typeof p.minOut !== 'bigint' || p.minOut < 0n))
      throw new InvalidAmountError({ parameter: 'minOut', value: p.minOut, reason: 'must be a bigint ≥ 0' })
    assertSwellAsset(p.asset)
    const amount = assertAmount('amount', p.amount)
    assertVerified(d, p.allowUnverified)
    return { amount, minOut: p.minOut, slippageBps, d }
  },
  call: (a) =>
    contractCall({
      address: a.d.rswETH,
      abi: [...swellRswETHAbi, ...swellRswETHErrorsAbi],
      functionName: 'deposit',
      args: [],
      value: a.amount,
    }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: swellRswETHAbi,
  decode: (_client, r) => {
    const e = r.events.find((x) => x.eventName === 'ETHDepositReceived')
    return { minted: e && e.eventName === 'ETHDepositReceived' ? e.args.rswETHMinted : undefined }
  },
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: ({ d }, { sender }) =>
    stage(
      [
        symbolRead(d),
        { address: d.rswETH, abi: swellRswETHAbi, functionName: 'ethToRswETHRate' },
        { address: MULTICALL3, abi: multicallEthBalanceAbi, functionName: 'getEthBalance', args: [sender] },
      ],
      ([symbol, rate, balance]) => {
        assertSwell(d, symbol, [['RswETH', d.rswETH, rate]])
        return { rate: unwrap<bigint>(rate), balance: unwrap<bigint>(balance) }
      },
    ),
  check: (a, s: { rate: bigint; balance: bigint }, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: ETH_ADDRESS,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    const expectedOut = swellMinted(a.amount, s.rate)
    if (expectedOut === 0n)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: 'mints 0 rswETH at the rate now',
      })
    const minOut = minOutFor(a, { expectedOut, balance: s.balance })
    if (expectedOut < minOut) throw new MinOutNotMetError({ protocol: 'Swell', minOut, expectedOut })
  },
  revert: (a) => (reason) =>
    reason === 'InvalidETHDeposit'
      ? new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'is not a valid ETH deposit' })
      : undefined,
  simulated: (a, s) => {
    const expectedOut = swellMinted(a.amount, s.rate)
    return { expectedOut, minOut: minOutFor(a, { expectedOut, balance: s.balance }) }
  },
  receipt: depositReceipt,
})

export type DepositErrorType =
  | DeploymentMismatchError
  | UnsupportedAssetError
  | MinOutNotMetError
  | UnsupportedChainError
  | UnverifiedDeploymentError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | InsufficientBalanceError
  | WriteErrorType

/** Layer 1 (pure): `deposit()` with `value: amount`. The call cannot carry `minOut` (simulate first). */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/** Layer 2: the identity guard, balance and `minOut` against the stored rate, then simulates; `expectedOut` is the rswETH. */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/** Layer 3: every check, then simulates and sends. */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt, its events and the rswETH `minted` (from `ETHDepositReceived`). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)
