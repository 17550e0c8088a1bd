import { type Account, type Address, type Hex, zeroAddress } from 'viem'
import {
  type ArrayLengthMismatchError,
  InvalidParameterError,
  WithdrawalNotReadyError,
} from '../../errors.js'
import {
  assertNonEmpty,
  assertSameLength,
  type Call,
  calls,
  encodeCall,
  readBatch,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  unwrap,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { delegationManagerAbi, eigenlayerEventsAbi, eigenlayerStrategyAbi } from '../abis.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import { eigenlayerRevertMapper, NothingToCompleteError } from '../errors.js'
import {
  accountAddress,
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
  sameAddress,
  type Withdrawal,
  withdrawalRoot,
} from '../internal.js'
import {
  decodeQueuedWithdrawals,
  type QueuedWithdrawal,
  queuedWithdrawalsReads,
} from './getQueuedWithdrawals.js'

export type CompleteWithdrawalsParameters = {
  /**
   * Roots or withdrawals to complete. Already completed ones are skipped; a not-ready one is a
   * `WithdrawalNotReadyError` naming its ready block. Default: every ready one of the account.
   */
  withdrawals?: readonly (Hex | Withdrawal)[]
  /** Receive tokens (true, default) or get the shares re-deposited (false); one flag, or one per given withdrawal. */
  receiveAsTokens?: boolean | readonly boolean[]
  account?: Account | Address
} & DeploymentParameter

export type PrepareCompleteWithdrawalsParameters = {
  withdrawals: readonly Withdrawal[]
  /** Per withdrawal, the underlying token of each strategy (any address for beacon-chain ETH). */
  tokens: readonly (readonly Address[])[]
  receiveAsTokens: readonly boolean[]
} & PrepareDeploymentParameter

export type PrepareCompleteWithdrawalsReturnType = readonly Call[]
export type SimulateCompleteWithdrawalsReturnType = SimulatedWrite<undefined> & {
  /** The withdrawals being completed (ready, not yet completed). */
  completing: QueuedWithdrawal[]
  /** Roots given that were already completed, skipped. */
  skipped: Hex[]
}
export type CompleteWithdrawalsReturnType = Hex
export type WaitForCompleteWithdrawalsReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  /** Roots of the completed withdrawals (`SlashingWithdrawalCompleted`). */
  completed: Hex[]
}
export type CompleteWithdrawalsErrorType =
  | NothingToCompleteError
  | WithdrawalNotReadyError
  | ArrayLengthMismatchError
  | InvalidParameterError
  | Error

/** Layer 1 (pure): `completeQueuedWithdrawal` for one, `completeQueuedWithdrawals` for several. */
export function prepareCompleteWithdrawals(
  params: PrepareCompleteWithdrawalsParameters,
): PrepareCompleteWithdrawalsReturnType {
  const withdrawals = assertNonEmpty('withdrawals', params.withdrawals)
  assertSameLength(
    ['withdrawals', 'tokens', 'receiveAsTokens'],
    [withdrawals, params.tokens, params.receiveAsTokens],
  )
  withdrawals.forEach((w, i) => {
    assertSameLength([`withdrawals[${i}].strategies`, `tokens[${i}]`], [w.strategies, params.tokens[i]!])
  })
  const d = prepareDeployment(params)
  return calls(encodeComplete(d.delegationManager, withdrawals, params.tokens, params.receiveAsTokens))
}

function encodeComplete(
  address: Address,
  withdrawals: readonly Withdrawal[],
  tokens: readonly (readonly Address[])[],
  receiveAsTokens: readonly boolean[],
): Call {
  if (withdrawals.length === 1) {
    return encodeCall({
      address,
      abi: delegationManagerAbi,
      functionName: 'completeQueuedWithdrawal',
      args: [withdrawals[0]!, tokens[0]!, receiveAsTokens[0]!],
    })
  }
  return encodeCall({
    address,
    abi: delegationManagerAbi,
    functionName: 'completeQueuedWithdrawals',
    args: [withdrawals, tokens, receiveAsTokens],
  })
}

/**
 * Layer 2: reads the account's queued withdrawals (one round trip) and the strategies' tokens (one
 * more), picks the ones to complete, and simulates the completion.
 */
export async function simulateCompleteWithdrawals(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: CompleteWithdrawalsParameters = {},
): Promise<SimulateCompleteWithdrawalsReturnType> {
  const account = requireAccount(client, params.account)
  const staker = accountAddress(account)
  const given = params.withdrawals
  if (given !== undefined) assertNonEmpty('withdrawals', given)
  const flags = params.receiveAsTokens
  if (Array.isArray(flags)) {
    if (given === undefined)
      throw new InvalidParameterError('receiveAsTokens', 'a list needs the `withdrawals` it applies to')
    assertSameLength(['withdrawals', 'receiveAsTokens'], [given, flags])
  }
  const givenRoots = given?.map((w, i) => {
    if (typeof w === 'string') {
      if (!/^0x[0-9a-fA-F]{64}$/.test(w))
        throw new InvalidParameterError(`withdrawals[${i}]`, 'not a 32-byte root')
      return w.toLowerCase() as Hex
    }
    return withdrawalRoot(w).toLowerCase() as Hex
  })
  const d = getDeployment(client, params.deployment)
  const results = await readBatch(client, queuedWithdrawalsReads(client, d, staker))
  const { withdrawals: queued, blockNumber } = await decodeQueuedWithdrawals(client, results)

  let completing: QueuedWithdrawal[]
  let receive: boolean[]
  const skipped: Hex[] = []
  if (givenRoots === undefined) {
    if (queued.length === 0) throw new NothingToCompleteError({ staker, reason: 'no queued withdrawals' })
    completing = queued.filter((w) => w.isReady)
    if (completing.length === 0) {
      const first = queued.reduce((a, b) => (b.readyAtBlock < a.readyAtBlock ? b : a))
      throw new WithdrawalNotReadyError({
        protocol: 'eigenlayer',
        id: first.root,
        readyAt: { block: first.readyAtBlock },
        now: { block: blockNumber },
      })
    }
    receive = completing.map(() => (typeof flags === 'boolean' ? flags : true))
  } else {
    completing = []
    receive = []
    givenRoots.forEach((root, i) => {
      const w = queued.find((q) => q.root.toLowerCase() === root)
      if (!w) {
        skipped.push(root)
        return
      }
      if (!w.isReady)
        throw new WithdrawalNotReadyError({
          protocol: 'eigenlayer',
          id: w.root,
          readyAt: { block: w.readyAtBlock },
          now: { block: blockNumber },
        })
      completing.push(w)
      receive.push(Array.isArray(flags) ? flags[i]! : typeof flags === 'boolean' ? flags : true)
    })
    if (completing.length === 0) {
      throw new NothingToCompleteError({
        staker,
        reason: 'every given withdrawal is already completed (or was never queued)',
      })
    }
  }

  // The tokens of each strategy (needed for the call even when receiving shares).
  const strategies = [
    ...new Map(
      completing
        .flatMap((w) => w.strategies)
        .filter((s) => !sameAddress(s, BEACON_CHAIN_ETH_STRATEGY))
        .map((s) => [s.toLowerCase(), s]),
    ).values(),
  ]
  const tokenResults = await readBatch(
    client,
    strategies.map((s) => ({ address: s, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' })),
  )
  const tokenOf = (s: Address): Address => {
    if (sameAddress(s, BEACON_CHAIN_ETH_STRATEGY)) return zeroAddress
    return unwrap<Address>(tokenResults[strategies.findIndex((x) => sameAddress(x, s))])
  }
  const withdrawals = completing.map((w) => w.withdrawal)
  const tokens = completing.map((w) => w.strategies.map(tokenOf))
  const call = encodeComplete(d.delegationManager, withdrawals, tokens, receive)
  const single = withdrawals.length === 1
  const sim = await simulateWrite<undefined>(client, {
    account,
    address: call.to,
    abi: delegationManagerAbi,
    functionName: single ? 'completeQueuedWithdrawal' : 'completeQueuedWithdrawals',
    args: single ? [withdrawals[0]!, tokens[0]!, receive[0]!] : [withdrawals, tokens, receive],
    contract: 'DelegationManager',
    mapper: eigenlayerRevertMapper({
      staker,
      root: completing[0]?.root,
      ...(completing[0] ? { readyAt: { block: completing[0].readyAtBlock } } : {}),
    }),
  })
  return { ...sim, completing, skipped }
}

/** Layer 3: picks, checks, simulates and sends the completion. */
export async function completeWithdrawals(
  walletClient: EigenLayerWalletClient,
  params: CompleteWithdrawalsParameters = {},
): Promise<CompleteWithdrawalsReturnType> {
  const { request } = await simulateCompleteWithdrawals(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes `SlashingWithdrawalCompleted` roots (and share events). */
export async function waitForCompleteWithdrawals(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForCompleteWithdrawalsReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  const completed = r.events
    .filter((e) => e.eventName === 'SlashingWithdrawalCompleted')
    .map((e) => (e.args as { withdrawalRoot: Hex }).withdrawalRoot)
  return { ...r, completed }
}
