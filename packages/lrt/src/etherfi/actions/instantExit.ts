import {
  assertAddress,
  assertAmount,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  InsufficientBalanceError,
  InvalidAmountError,
  InvalidParameterError,
  isPlan,
  type PermitOption,
  type PrepareOptions,
  permitKit,
  prepareOf,
  type ReadClient,
  type ReadPlan,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteClient,
  type WriteOptions,
  waitForOf,
} from '@restakekit/core'
import type { Address, Hex } from 'viem'
import { InstantExitUnavailableError, MinOutNotMetError } from '../../errors.js'
import {
  etherfiEETHAbi,
  etherfiRedemptionManagerAbi,
  etherfiRedemptionManagerErrorsAbi,
  etherfiRedemptionManagerV2025Abi,
  etherfiWeETHAbi,
  joinAbis,
} from '../abis.js'
import { ETHERFI_ETH, type EtherFiDeployment } from '../deployments.js'
import {
  etherfiRedemptionManagerPermitAbi,
  etherfiRedemptionManagerPermitV2025Abi,
  toPermitInput,
} from '../permit.js'
import {
  assertEtherFi,
  assertMinOut,
  assertVerified,
  identityReads,
  PROTOCOL,
  writeDeployment,
} from './internal.js'
import {
  assertExitToken,
  type EtherFiExitToken,
  type EtherFiInstantExitQuote,
  instantQuotePlan,
} from './previewInstantExit.js'
import { type EtherFiRedemptionForm, probeRedemptionForm } from './probe.js'

export type InstantExitParameters = {
  /** In `token` base units. */
  amount: bigint
  /** What is spent: eETH (default) or weETH. */
  token?: EtherFiExitToken
  /** Who gets the ETH; default the sender. */
  receiver?: Address
  /** The least ETH to accept; refused before sending below it. Default: the quote (the fee is known exactly). */
  minOut?: bigint
  /**
   * The redemption manager's form. `simulate`/`send` probe it (EIP-1967 implementation's code,
   * cached); `prepare` cannot read and takes it from here (default `v2026-03`).
   */
  form?: EtherFiRedemptionForm
  /**
   * A permit of `token` (eETH or weETH) to the redemption manager instead of the approval: `send`
   * with `true` (or `{ deadline }`) signs it and sends ONE transaction, `redeemEEthWithPermit` /
   * `redeemWeEthWithPermit` in `form`; `prepare`/`simulate` take one signed with `signPermit`.
   */
  permit?: PermitOption
  allowUnverified?: boolean
  deployment?: EtherFiDeployment
}

type Resolved = {
  amount: bigint
  token: EtherFiExitToken
  receiver: Address | undefined
  minOut: bigint | undefined
  form: EtherFiRedemptionForm
  rm: Address
  d: EtherFiDeployment
}
type ExitState = { balance: bigint; allowance: bigint; quote: EtherFiInstantExitQuote }

/** A plan with its final value mapped. */
function mapPlan<T, U>(plan: ReadPlan<T>, f: (value: T) => U): ReadPlan<U> {
  return stage(plan.reads, (r) => {
    const next = plan.next(r)
    return isPlan(next) ? mapPlan(next, f) : f(next)
  })
}

const tokenOf = (a: Resolved) => (a.token === 'weETH' ? a.d.weETH : a.d.eETH)

const exitAbi = /* @__PURE__ */ joinAbis(
  etherfiRedemptionManagerAbi,
  etherfiRedemptionManagerErrorsAbi,
  etherfiEETHAbi,
)
const exitAbiV2025 = /* @__PURE__ */ joinAbis(etherfiRedemptionManagerV2025Abi, etherfiEETHAbi)

/** The action's name, for its errors and stages (its call's and its `waitFor` layer's). */
const INSTANT_EXIT = 'etherfi.instantExit'
const instantExitCall = /* @__PURE__ */ defineCall({
  name: INSTANT_EXIT,
  contract: 'EtherFiRedemptionManager',
  deployment: writeDeployment,
  resolve: (p: InstantExitParameters, { deployment }): Resolved => {
    const d = deployment as EtherFiDeployment
    assertVerified(d, p.allowUnverified)
    if (!d.redemptionManager)
      throw new InvalidParameterError({
        parameter: 'deployment',
        reason: 'the instant exit needs deployment.redemptionManager',
      })
    const form = p.form ?? 'v2026-03'
    if (form !== 'v2026-03' && form !== 'v2025-03')
      throw new InvalidParameterError({ parameter: 'form', reason: 'must be "v2026-03" or "v2025-03"' })
    return {
      amount: assertAmount('amount', p.amount),
      token: assertExitToken(p.token ?? 'eETH'),
      receiver: p.receiver === undefined ? undefined : assertAddress('receiver', p.receiver),
      minOut: p.minOut === undefined ? undefined : assertMinOut(p.minOut),
      form,
      rm: d.redemptionManager,
      d,
    }
  },
  approval: (a, s: ExitState | undefined) =>
    s && s.allowance >= a.amount
      ? undefined
      : { token: tokenOf(a), spender: a.rm, amount: a.amount, ...(s ? { allowance: s.allowance } : {}) },
  call: (a, { sender }) => {
    const receiver = a.receiver ?? (sender as Address)
    if (a.form === 'v2025-03')
      return a.token === 'weETH'
        ? contractCall({
            address: a.rm,
            abi: exitAbiV2025,
            functionName: 'redeemWeEth',
            args: [a.amount, receiver],
          })
        : contractCall({
            address: a.rm,
            abi: exitAbiV2025,
            functionName: 'redeemEEth',
            args: [a.amount, receiver],
          })
    return a.token === 'weETH'
      ? contractCall({
          address: a.rm,
          abi: exitAbi,
          functionName: 'redeemWeEth',
          args: [a.amount, receiver, ETHERFI_ETH],
        })
      : contractCall({
          address: a.rm,
          abi: exitAbi,
          functionName: 'redeemEEth',
          args: [a.amount, receiver, ETHERFI_ETH],
        })
  },
  permit: {
    call: (a, { sender }, permit) => {
      const receiver = a.receiver ?? (sender as Address)
      const input = toPermitInput(permit)
      if (a.form === 'v2025-03')
        return a.token === 'weETH'
          ? contractCall({
              address: a.rm,
              abi: etherfiRedemptionManagerPermitV2025Abi,
              functionName: 'redeemWeEthWithPermit',
              args: [a.amount, receiver, input],
            })
          : contractCall({
              address: a.rm,
              abi: etherfiRedemptionManagerPermitV2025Abi,
              functionName: 'redeemEEthWithPermit',
              args: [a.amount, receiver, input],
            })
      return a.token === 'weETH'
        ? contractCall({
            address: a.rm,
            abi: etherfiRedemptionManagerPermitAbi,
            functionName: 'redeemWeEthWithPermit',
            args: [a.amount, receiver, input, ETHERFI_ETH],
          })
        : contractCall({
            address: a.rm,
            abi: etherfiRedemptionManagerPermitAbi,
            functionName: 'redeemEEthWithPermit',
            args: [a.amount, receiver, input, ETHERFI_ETH],
          })
    },
  },
})
// both forms of `Redeemed` (five fields with the token; four in 2025-03: other topics)
const instantExitReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(
    etherfiRedemptionManagerAbi,
    etherfiRedemptionManagerV2025Abi,
    etherfiEETHAbi,
  ),
})
const instantExit_ = /* @__PURE__ */ defineWrite(instantExitCall, {
  permitKit,
  read: (a, { sender }) => {
    const token = tokenOf(a)
    const ids = identityReads(a.d, a.token === 'weETH')
    const quote = instantQuotePlan({ ...a.d, redemptionManager: a.rm }, a.form, a.token, a.amount)
    // one stage: identity, holdings and the quote's first read; the quote's next stages follow
    return stage(
      [
        ...ids,
        { address: token, abi: etherfiWeETHAbi, functionName: 'balanceOf', args: [sender] },
        { address: token, abi: etherfiWeETHAbi, functionName: 'allowance', args: [sender, a.rm] },
        ...quote.reads,
      ],
      (r) => {
        assertEtherFi(a.d, r.slice(0, ids.length))
        const [balance, allowance] = r.slice(ids.length, ids.length + 2)
        const held = { balance: unwrap<bigint>(balance), allowance: unwrap<bigint>(allowance) }
        const rest = quote.next(r.slice(ids.length + 2))
        const toState = ({
          eEthAmount: _,
          ...q
        }: EtherFiInstantExitQuote & { eEthAmount: bigint }): ExitState => ({
          ...held,
          quote: q,
        })
        return isPlan(rest) ? mapPlan(rest, toState) : toState(rest)
      },
    )
  },
  check: (a, s, { sender }) => {
    if (s.balance < a.amount)
      throw new InsufficientBalanceError({
        token: tokenOf(a),
        required: a.amount,
        balance: s.balance,
        account: sender as Address,
      })
    if (s.quote.amountOut === 0n)
      throw new InvalidAmountError({ parameter: 'amount', value: a.amount, reason: 'redeems for 0 ETH' })
    if (!s.quote.possible)
      throw new InstantExitUnavailableError({
        protocol: PROTOCOL,
        amount: s.quote.value,
        available: s.quote.available,
      })
    const minOut = a.minOut ?? s.quote.amountOut
    if (s.quote.amountOut < minOut)
      throw new MinOutNotMetError({ protocol: PROTOCOL, minOut, expectedOut: s.quote.amountOut })
  },
  revert: (a, s) => (reason) =>
    reason === 'ExceededRedeemable'
      ? new InstantExitUnavailableError({
          protocol: PROTOCOL,
          amount: a.amount,
          available: s?.quote.available ?? 0n,
        })
      : undefined,
  simulated: (_a, s) => ({ quote: s.quote, amountOut: s.quote.amountOut, fee: s.quote.fee }),
  receipt: instantExitReceipt,
})

// the layers the wrappers below run (built once, not per call)
const prepareInstantExit_ = /* @__PURE__ */ prepareOf(instantExitCall)
const simulateInstantExit_ = /* @__PURE__ */ simulateOf(instantExit_)
const sendInstantExit_ = /* @__PURE__ */ sendOf(instantExit_)

/** Layer 1 (pure): `[approve(redemption manager, amount), redeemEEth/redeemWeEth(amount, receiver[, ETH])]` in `form`. */
export const prepareInstantExit = (params: InstantExitParameters & PrepareOptions) =>
  prepareInstantExit_(params)

async function withForm<p extends InstantExitParameters>(client: ReadClient, params: p): Promise<p> {
  if (params.form) return params
  const d = writeDeployment(client.chain?.id, params.deployment)
  if (!d.redemptionManager)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'the instant exit needs deployment.redemptionManager',
    })
  return { ...params, form: await probeRedemptionForm(client, d.redemptionManager) }
}

/**
 * Layer 2: probes the redemption manager's form, the identity guard, balance, the quote (fee,
 * liquidity: `InstantExitUnavailableError`), `minOut`; then simulates. `amountOut` is the ETH paid.
 */
export const simulateInstantExit = async (client: ReadClient, params: InstantExitParameters & WriteOptions) =>
  simulateInstantExit_(client, await withForm(client, params))
/** Layer 3: the probe and every check, the exact approval of the token to the redemption manager when short, then sends. */
export const instantExit = async (
  walletClient: WriteClient,
  params: InstantExitParameters & WriteOptions,
): Promise<Hex> => sendInstantExit_(walletClient, await withForm(walletClient, params))
/** Layer 4: the receipt and its decoded events (`Redeemed` in either form, eETH transfers). */
export const waitForInstantExit = /* @__PURE__ */ waitForOf({ name: INSTANT_EXIT }, instantExitReceipt)
