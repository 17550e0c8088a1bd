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
  prepareOf,
  type StepFailedError,
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
import {
  etherfiEETHAbi,
  etherfiLiquidityPoolAbi,
  etherfiLiquidityPoolErrorsAbi,
  etherfiMulticallAbi,
  joinAbis,
} from '../abis.js'
import { ETHERFI_ETH, type EtherFiDeployment } from '../deployments.js'
import {
  assertEtherFi,
  assertMinOut,
  assertVerified,
  identityReads,
  PROTOCOL,
  writeDeployment,
} from './internal.js'
import { assertEth, etherfiDepositOut, totalsReads } from './previewDeposit.js'

/** Default tolerance on the preview when no `minOut` is given: 0.5 %. */
export const ETHERFI_DEFAULT_SLIPPAGE_BPS = 50n

/** Canonical Multicall3: its `getEthBalance` puts the sender's ETH balance in the same read stage. */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

export type DepositParameters = {
  /** Native ETH, as `ETHERFI_ETH` (the only asset the LiquidityPool takes). */
  asset: Address
  /** ETH in wei. */
  amount: bigint
  /**
   * The least eETH to accept. The pool has no min-out argument: the write refuses before sending
   * when the preview or the simulation gives less. Default: the preview less `slippageBps`.
   * `prepareDeposit`'s call list cannot carry it.
   */
  minOut?: bigint
  /** Tolerance on the preview when `minOut` is not given, in basis points (default 50). */
  slippageBps?: bigint
  /** ether.fi's referral address (`deposit(address _referral)`); default none (`deposit()`). */
  referral?: Address
  /** Write even when the deployment is marked `unconfirmed` (default false: refused). */
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = {
  amount: bigint
  minOut: bigint | undefined
  slippageBps: bigint
  referral: Address | undefined
  d: EtherFiDeployment
}

type DepositState = { pooled: bigint; totalShares: bigint; expectedOut: bigint; balance: bigint }

const minOutFor = (a: Resolved, s: DepositState) =>
  a.minOut ?? s.expectedOut - (s.expectedOut * a.slippageBps) / 10_000n

/** The eETH `shares` minted by this deposit are worth, once the deposit is in the pool. */
const sharesWorth = (a: Resolved, s: DepositState, shares: bigint) =>
  (shares * (s.pooled + a.amount)) / (s.totalShares + shares)

const depositAbi = /* @__PURE__ */ joinAbis(etherfiLiquidityPoolAbi, etherfiLiquidityPoolErrorsAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const DEPOSIT = 'etherfi.deposit'
const depositCall = /* @__PURE__ */ defineCall({
  name: DEPOSIT,
  contract: 'LiquidityPool',
  deployment: writeDeployment,
  resolve: (p: DepositParameters, { deployment }): Resolved => {
    assertEth(p.asset)
    const slippageBps = p.slippageBps ?? ETHERFI_DEFAULT_SLIPPAGE_BPS
    if (typeof slippageBps !== 'bigint' || slippageBps < 0n || slippageBps > 10_000n)
      throw new InvalidAmountError({
        parameter: 'slippageBps',
        value: slippageBps,
        reason: 'must be a bigint in [0, 10000]',
      })
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    return {
      amount: assertAmount('amount', p.amount),
      minOut: p.minOut === undefined ? undefined : assertMinOut(p.minOut),
      slippageBps,
      referral: p.referral === undefined ? undefined : assertAddress('referral', p.referral),
      d,
    }
  },
  call: (a) =>
    a.referral
      ? contractCall({
          address: a.d.liquidityPool,
          abi: depositAbi,
          functionName: 'deposit',
          args: [a.referral],
          value: a.amount,
        })
      : contractCall({
          address: a.d.liquidityPool,
          abi: depositAbi,
          functionName: 'deposit',
          args: [],
          value: a.amount,
        }),
})
const depositReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(etherfiLiquidityPoolAbi, etherfiEETHAbi),
})
const deposit_ = /* @__PURE__ */ defineWrite(depositCall, {
  read: (a, { sender }) =>
    stage(
      [
        ...identityReads(a.d),
        ...totalsReads(a.d),
        { address: MULTICALL3, abi: etherfiMulticallAbi, functionName: 'getEthBalance', args: [sender] },
      ],
      ([symbol, pooled, total, balance]): DepositState => {
        assertEtherFi(
          a.d,
          [symbol],
          [
            ['LiquidityPool', a.d.liquidityPool, pooled],
            ['EETH', a.d.eETH, total],
          ],
        )
        const p = unwrap<bigint>(pooled)
        const t = unwrap<bigint>(total)
        return {
          pooled: p,
          totalShares: t,
          expectedOut: etherfiDepositOut(a.amount, p, t).amount,
          balance: unwrap<bigint>(balance),
        }
      },
    ),
  check: (a, s, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: ETHERFI_ETH,
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.expectedOut === 0n)
      throw new InvalidAmountError({
        parameter: 'amount',
        value: a.amount,
        reason: 'mints no eETH at the rate now',
      })
  },
  // the kit holds minOut against the preview, then against the eETH the simulated shares are worth
  minOut: {
    of: minOutFor,
    read: (a, s, shares: bigint | undefined) =>
      shares === undefined ? s.expectedOut : sharesWorth(a, s, shares),
    refuse: (minOut, expectedOut) => new MinOutNotMetError({ protocol: PROTOCOL, minOut, expectedOut }),
  },
  revert: (a) => (reason) =>
    reason === 'InvalidAmount'
      ? new InvalidAmountError({
          parameter: 'amount',
          value: a.amount,
          reason: 'is refused by the LiquidityPool',
        })
      : undefined,
  // the simulation returns the shares minted (the kit refused below minOut before this)
  simulated: (a, s, shares: bigint) => ({
    minOut: minOutFor(a, s),
    shares,
    expectedOut: sharesWorth(a, s, shares),
  }),
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
  | InsufficientAllowanceError
  | StepFailedError
  | WriteErrorType

/** Layer 1 (pure): `deposit()` (or `deposit(referral)`) on the LiquidityPool with `value: amount`. */
export const prepareDeposit = /* @__PURE__ */ prepareOf(depositCall)
/**
 * Layer 2: the identity guard (eETH's `symbol()`), the checks (ETH only, balance, `minOut` against the
 * preview), then simulates: `result` is the shares minted, `expectedOut` the eETH they are worth.
 */
export const simulateDeposit = /* @__PURE__ */ simulateOf(deposit_)
/** Layer 3: every check, the simulation (refused below `minOut`), then sends. */
export const deposit = /* @__PURE__ */ sendOf(deposit_)
/** Layer 4: the receipt and its decoded events (`Deposit`, eETH `Transfer`/`TransferShares`). */
export const waitForDeposit = /* @__PURE__ */ waitForOf({ name: DEPOSIT }, depositReceipt)
