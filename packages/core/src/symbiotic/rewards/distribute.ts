// The network middleware's two distributions, one spec by kind (like the avs twins):
// - staker: `DefaultStakerRewards.distributeRewards(network, token, amount, abi.encode(timestamp,
//   maxAdminFee, "", ""))`, shared by the vault's active shares at a capture time;
// - operator: `DefaultOperatorRewards.distributeRewards(network, token, amount, root)`, a Merkle root
//   of cumulative `[operator, totalClaimable]` leaves.
// Both read the network's middleware through the contract's `NETWORK_MIDDLEWARE_SERVICE`, require
// the sender to be it and to hold the amount, and approve exactly when the allowance is short. The
// staker kind also reads the vault, the admin fee, the chain's clock and the active stake at the
// capture time. Internal: the layers are exported from `staker.ts` and `operator.ts`.
import { type Abi, type Address, encodeAbiParameters, erc20Abi, type Hex, parseAbi, zeroAddress } from 'viem'
import { InsufficientBalanceError, InvalidParameterError } from '../../errors.js'
import {
  type BatchRead,
  type BatchResult,
  contractCall,
  defineWrite,
  type ReadPlan,
  type ReceiptSpec,
  stage,
  unwrap,
  type WriteDefinition,
} from '../../kit/index.js'
import {
  symbioticMiddlewareAbi,
  symbioticOperatorRewardsAbi,
  symbioticRewardsVaultAbi,
  symbioticStakerRewardsAbi,
} from './abis.js'
import {
  NotNetworkMiddlewareError,
  operatorRewardsRevertMapper,
  SymbioticRewardsNotFoundError,
  stakerRewardsRevertMapper,
} from './errors.js'
import type { DistributeOperatorRewardsParameters } from './operator.js'
import type { DistributeRewardsParameters } from './staker.js'

export type DistributeKind = 'staker' | 'operator'

const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const
const clockAbi = /* @__PURE__ */ parseAbi([
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

/** What both kinds resolve to: the rewards contract, the paying network, the token and amount. */
type Common = { rewards: Address; network: Address; token: Address; amount: bigint }
export type StakerDistributeArgs = Common & {
  kind: 'staker'
  timestamp: number
  maxAdminFee: bigint | undefined
}
export type OperatorDistributeArgs = Common & { kind: 'operator'; root: Hex }
type Args = StakerDistributeArgs | OperatorDistributeArgs

/** The staker kind's extra state: the vault, its fee, the clock and the active stake at the capture time. */
type StakerState = {
  vault: Address
  adminFee: bigint
  now: bigint
  activeShares: bigint
  activeStake: bigint
}
type State = {
  /** The network's middleware (`null`: none set). */
  middleware: Address | null
  balance: bigint
  allowance: bigint
  staker: StakerState | undefined
}

function distributePlan(a: Args, sender: Address): ReadPlan<State> {
  const abi: Abi = a.kind === 'staker' ? symbioticStakerRewardsAbi : symbioticOperatorRewardsAbi
  const at = (functionName: string): BatchRead => ({ address: a.rewards, abi, functionName })
  return stage(
    [
      at('NETWORK_MIDDLEWARE_SERVICE'),
      { address: a.token, abi: erc20Abi, functionName: 'balanceOf', args: [sender] },
      { address: a.token, abi: erc20Abi, functionName: 'allowance', args: [sender, a.rewards] },
      ...(a.kind === 'staker'
        ? [
            at('VAULT'),
            at('adminFee'),
            { address: MULTICALL3, abi: clockAbi, functionName: 'getCurrentBlockTimestamp' },
          ]
        : []),
    ],
    (r) => {
      const service = ok<Address>(r[0])
      const vault = a.kind === 'staker' ? ok<Address>(r[3]) : undefined
      if (!service || (a.kind === 'staker' && !vault))
        throw new SymbioticRewardsNotFoundError({ rewards: a.rewards, kind: a.kind })
      const balance = unwrap<bigint>(r[1])
      const allowance = unwrap<bigint>(r[2])
      const fee = vault ? { adminFee: unwrap<bigint>(r[4]), now: unwrap<bigint>(r[5]) } : undefined
      const capture = (functionName: string): BatchRead => ({
        address: vault!,
        abi: symbioticRewardsVaultAbi,
        functionName,
        args: [(a as StakerDistributeArgs).timestamp, '0x'],
      })
      return stage(
        [
          { address: service, abi: symbioticMiddlewareAbi, functionName: 'middleware', args: [a.network] },
          ...(vault ? [capture('activeSharesAt'), capture('activeStakeAt')] : []),
        ],
        (r2): State => {
          const middleware = ok<Address>(r2[0])
          return {
            middleware: middleware && middleware !== zeroAddress ? middleware : null,
            balance,
            allowance,
            staker:
              vault && fee
                ? {
                    vault,
                    ...fee,
                    activeShares: ok<bigint>(r2[1]) ?? 0n,
                    activeStake: ok<bigint>(r2[2]) ?? 0n,
                  }
                : undefined,
          }
        },
      )
    },
  )
}

/** The staker kind's own checks: the capture time is past and had stake, the fee within `maxAdminFee`. */
function checkStakerDistribution(a: StakerDistributeArgs, s: StakerState) {
  if (BigInt(a.timestamp) >= s.now)
    throw new InvalidParameterError({
      parameter: 'timestamp',
      reason: `${a.timestamp} is not before the block the distribution lands in (${s.now})`,
    })
  if (s.activeShares === 0n || s.activeStake === 0n)
    throw new InvalidParameterError({
      parameter: 'timestamp',
      reason: `vault ${s.vault} had no active stake at ${a.timestamp}`,
    })
  if (a.maxAdminFee !== undefined && s.adminFee > a.maxAdminFee)
    throw new InvalidParameterError({
      parameter: 'maxAdminFee',
      reason: `${a.maxAdminFee} is below the rewards' admin fee (${s.adminFee} basis points)`,
    })
}

type StakerDistributed = {
  network: Address
  token: Address
  /** What the stakers share (the amount less the admin fee). */
  amount: bigint
  adminFeeAmount: bigint
  timestamp: bigint
}
type OperatorDistributed = { network: Address; token: Address; amount: bigint; root: Hex }

type StakerWrite = WriteDefinition<
  DistributeRewardsParameters,
  unknown,
  { adminFeeAmount: bigint; distributed: bigint },
  typeof symbioticStakerRewardsAbi,
  { distributed: StakerDistributed | undefined }
>
type OperatorWrite = WriteDefinition<
  DistributeOperatorRewardsParameters,
  unknown,
  unknown,
  typeof symbioticOperatorRewardsAbi,
  { distributed: OperatorDistributed | undefined }
>

/** The actions' names, for their errors and stages (the writes' and the `waitFor` layers'). */
export const DISTRIBUTE_REWARDS = 'symbiotic.distributeRewards'
export const DISTRIBUTE_OPERATOR_REWARDS = 'symbiotic.distributeOperatorRewards'

/**
 * The receipt of a distribution of one kind, apart from the write so that its `waitFor` layer
 * bundles neither the checks nor the call.
 */
type StakerReceipt = ReceiptSpec<
  typeof symbioticStakerRewardsAbi,
  { distributed: StakerDistributed | undefined }
>
type OperatorReceipt = ReceiptSpec<
  typeof symbioticOperatorRewardsAbi,
  { distributed: OperatorDistributed | undefined }
>
export function distributeReceipt(kind: 'staker'): StakerReceipt
export function distributeReceipt(kind: 'operator'): OperatorReceipt
export function distributeReceipt(kind: DistributeKind): StakerReceipt | OperatorReceipt {
  const staker = kind === 'staker'
  /** The `DistributeRewards` event: what was distributed (staker: with the fee and time; operator: the root). */
  const decode = (_client: unknown, r: { events: readonly { eventName?: string; args?: unknown }[] }) => {
    const e = r.events.find((x) => x.eventName === 'DistributeRewards')
    if (!e) return { distributed: undefined }
    const args = e.args as Record<string, unknown>
    const base = { network: args.network as Address, token: args.token as Address }
    return {
      distributed: staker
        ? {
            ...base,
            amount: args.distributeAmount as bigint,
            adminFeeAmount: args.adminFeeAmount as bigint,
            timestamp: BigInt(args.timestamp as number),
          }
        : { ...base, amount: args.amount as bigint, root: args.root as Hex },
    }
  }
  return (
    staker ? { abi: symbioticStakerRewardsAbi, decode } : { abi: symbioticOperatorRewardsAbi, decode }
  ) as StakerReceipt | OperatorReceipt
}

/**
 * The middleware's distribution of one kind: the shared middleware and balance checks and
 * approval, the kind's own resolve, reads, call, revert mapper, simulated fields and event.
 */
export function distributeWrite(
  kind: 'staker',
  resolve: (p: DistributeRewardsParameters) => StakerDistributeArgs,
): StakerWrite
export function distributeWrite(
  kind: 'operator',
  resolve: (p: DistributeOperatorRewardsParameters) => OperatorDistributeArgs,
): OperatorWrite
export function distributeWrite(
  kind: DistributeKind,
  resolve: (p: never) => Args,
): StakerWrite | OperatorWrite {
  const staker = kind === 'staker'
  return defineWrite({
    name: staker ? DISTRIBUTE_REWARDS : DISTRIBUTE_OPERATOR_REWARDS,
    contract: staker ? 'DefaultStakerRewards' : 'DefaultOperatorRewards',
    resolve: resolve as (p: unknown) => Args,
    read: (a, { sender }) => distributePlan(a, sender),
    /** The sender is the network's middleware, (staker) the capture time and fee, then it holds the amount. */
    check: (a, s, { sender }) => {
      const from = sender as Address
      if (s.middleware?.toLowerCase() !== from.toLowerCase())
        throw new NotNetworkMiddlewareError({ network: a.network, sender: from, middleware: s.middleware })
      if (a.kind === 'staker') checkStakerDistribution(a, s.staker!)
      if (s.balance < a.amount)
        throw new InsufficientBalanceError({
          token: a.token,
          required: a.amount,
          balance: s.balance,
          account: from,
        })
    },
    // the staker kind's amount is never 0; the operator's 0n only replaces the root
    approval: (a, s) =>
      a.amount === 0n
        ? undefined
        : {
            token: a.token,
            spender: a.rewards,
            amount: a.amount,
            ...(s ? { allowance: s.allowance } : {}),
          },
    call: (a, _ctx, s) =>
      a.kind === 'staker'
        ? contractCall({
            address: a.rewards,
            abi: symbioticStakerRewardsAbi,
            functionName: 'distributeRewards',
            args: [
              a.network,
              a.token,
              a.amount,
              encodeAbiParameters(
                [{ type: 'uint48' }, { type: 'uint256' }, { type: 'bytes' }, { type: 'bytes' }],
                // without a read (prepare) and no maxAdminFee, any fee up to the contract's base is accepted
                [a.timestamp, a.maxAdminFee ?? s?.staker?.adminFee ?? 10_000n, '0x', '0x'],
              ),
            ],
          })
        : contractCall({
            address: a.rewards,
            abi: symbioticOperatorRewardsAbi,
            functionName: 'distributeRewards',
            args: [a.network, a.token, a.amount, a.root],
          }),
    revert: (a, s, { sender }) =>
      (staker ? stakerRewardsRevertMapper : operatorRewardsRevertMapper)({
        rewards: a.rewards,
        account: sender as Address,
        network: a.network,
        token: a.token,
        middleware: s?.middleware ?? null,
      }),
    /** Staker: the admin fee taken and what the stakers share (`amount × (1 − adminFee / 10,000)`). */
    simulated: (a, s) => {
      if (!s.staker) return {}
      const adminFeeAmount = (a.amount * s.staker.adminFee) / 10_000n
      return { adminFeeAmount, distributed: a.amount - adminFeeAmount }
    },
    receipt: distributeReceipt(kind as 'staker') as unknown as ReceiptSpec<
      Abi,
      { distributed: StakerDistributed | OperatorDistributed | undefined }
    >,
  }) as unknown as StakerWrite | OperatorWrite
}
