import type { Abi, Account, Address, Chain, Client, Hex, Transport, WalletClient } from 'viem'
import { erc20Abi } from 'viem'
import {
  InsufficientAllowanceError,
  InvalidParameterError,
  StepFailedError,
  TransactionPendingError,
  TransactionUnknownError,
  UserRejectedError,
} from '../errors.js'
import { addressOf, resolveAccount } from './account.js'
import { ensureAllowance, prepareApprove } from './approve.js'
import { isUserRejection } from './batch.js'
import { type Call, type ContractCall, calls, toCall } from './call.js'
import { chainIdOf, guarded } from './chain.js'
import type { PermitKit, PermitOption, SignedPermit } from './permit.js'
import { type ReadPlan, runPlan } from './plan.js'
import { readBatch, unwrap } from './read.js'
import { type WaitForEventsReturnType, waitForEvents } from './receipt.js'
import type { RevertMapper } from './revert.js'
import { sendWrite } from './send.js'
import { LANDING_BLOCK_TAG, type SimulatedWrite, simulateWrite } from './simulate.js'
import type { OnStage } from './stages.js'
import { assertAddress } from './validate.js'

/** Any viem client that can read (public, wallet or test client). */
export interface ReadClient extends Client<Transport, Chain | undefined> {}
/** A wallet client (its account, or an `account` parameter, sends). */
export interface WriteClient extends WalletClient<Transport, Chain | undefined, Account | undefined> {}

/** What a spec's functions are given besides the arguments: the deployment and who sends. */
export type WriteContext<deployment> = {
  deployment: deployment
  /** The sender's address; `undefined` only in `prepare` when no `account` was given. */
  sender: Address | undefined
}

/** An ERC-20 allowance the call needs (the kit approves exactly `amount`, only when short). */
export type ApprovalNeed = {
  token: Address
  spender: Address
  amount: bigint
  /** The allowance already read by the spec's plan (saves a read). */
  allowance?: bigint
}

/**
 * The one declaration a write is made of. Every layer (`prepare`, `simulate`, `send`, `waitFor`)
 * is derived from it by `defineWrite`; the contract call is written once, in `call`.
 */
export type WriteSpec<params, args, state, result, extra, events extends Abi, decoded> = {
  /** `protocol.verb`, e.g. `symbiotic.withdraw`: names the step in errors and stages. */
  name: string
  /** The contract's name, for decoded reverts. */
  contract: string
  /** The deployment to use: the given one, else the known one for the chain (omit for none). */
  deployment?: (chainId: number | undefined, given: unknown) => unknown
  /** Pure validation and defaults (typed errors; nothing read yet). */
  resolve: (params: params, ctx: WriteContext<never>) => args
  /** Everything the checks need, read in one staged plan (once per write, at the landing block). */
  read?: (args: args, ctx: WriteContext<never> & { sender: Address }) => ReadPlan<state>
  /** Pure checks on the read state: throw the typed errors. */
  check?: (args: args, state: state, ctx: WriteContext<never>) => void
  /** The ERC-20 approval the call needs, if any (`state` is undefined in `prepare`). */
  approval?: (args: args, state: state | undefined, ctx: WriteContext<never>) => ApprovalNeed | undefined
  /** The contract call: the only place it is written. */
  call: (args: args, ctx: WriteContext<never>, state: state | undefined) => ContractCall
  /**
   * Where the protocol has a `*WithPermit` entry point: `call` is the same call taking an EIP-2612
   * permit of the approval's token instead of the approval. Enables the `permit` option (with
   * `permitKit`).
   */
  permit?: {
    call: (args: args, ctx: WriteContext<never>, permit: SignedPermit) => ContractCall
  }
  /**
   * The kit's `permitKit`, where the spec has a `permit` form: signs and checks permits in
   * `simulate` and `send` (named here so writes without a permit form, and `prepare` layers, do not
   * bundle it).
   */
  permitKit?: PermitKit
  /** Maps the protocol's custom errors to typed ones. */
  revert?: (args: args, state: state | undefined, ctx: WriteContext<never>) => RevertMapper | undefined
  /** Extra fields of the simulation's result (computed from the state and the simulated return). */
  simulated?: (args: args, state: state, result: result, ctx: WriteContext<never>) => extra
  /**
   * A least output the kit enforces for a call that cannot carry one (no min-out argument): checked
   * on the plan's preview right after `check` (before any approval), then on the simulation's return
   * before anything is sent. Below it, `refuse`'s typed error; nothing is sent.
   */
  minOut?: MinOutSpec<args, state, result>
  /** The receipt: the ABI its events decode against, and what else to return from them. */
  receipt: ReceiptSpec<events, decoded>
}

/** The `minOut` option of a write spec (see `WriteSpec.minOut`). */
export type MinOutSpec<args, state, result> = {
  /** The least output accepted (`undefined`: not enforced), from the arguments and the state read. */
  of: (args: args, state: state, ctx: WriteContext<never>) => bigint | undefined
  /**
   * What the call gives: from the simulation's `result` once simulated; before it (`result`
   * undefined) from the state read, its preview, or `undefined` when the state has none.
   */
  read: (args: args, state: state, result: result | undefined, ctx: WriteContext<never>) => bigint | undefined
  /** The typed error of a refusal (`out` is what the preview or the simulation gives). */
  refuse: (minOut: bigint, out: bigint) => Error
}

/** Parameters every simulate/send layer takes besides the action's own. */
export type WriteOptions = {
  /** The sender (default: the client's account). */
  account?: Account | Address
  /** Progress callback: checks, approval sent/mined, simulated, signing, sent, error. */
  onStage?: OnStage
}

/** Parameters of `prepare`: the action's own, plus who will send (for defaults) and `approve`. */
export type PrepareOptions = {
  /** Who will send the calls (used for defaults such as the recipient). */
  account?: Address
  /** Include the exact ERC-20 approval first, where one is needed (default true). */
  approve?: boolean
  /** The chain the calls are for (picks the known deployment when none is given). */
  chainId?: number
}

/**
 * The `permit` option of a write whose spec has a `permitCall` (see `PermitOption`): `send` signs
 * the permit after the checks (or checks the one given) and sends ONE transaction, the protocol's
 * `*WithPermit` call, instead of approve + call. `simulate` and `prepare` take a signed permit only.
 */
export type PermitOptions = { permit?: PermitOption }

/** The four layers of a write, as `prepareOf`, `simulateOf`, `sendOf` and `waitForOf` type them. */
export type DefinedWrite<params, result, extra, events extends Abi, decoded> = {
  name: string
  prepare: (params: params & PrepareOptions) => readonly Call[]
  simulate: (client: ReadClient, params: params & WriteOptions) => Promise<SimulatedWrite<result> & extra>
  send: (walletClient: WriteClient, params: params & WriteOptions) => Promise<Hex>
  waitFor: (
    client: ReadClient,
    hash: Hex,
    options?: { onStage?: OnStage },
  ) => Promise<WaitForEventsReturnType<events> & decoded>
}

/**
 * A write's declaration, as `defineWrite` returns it: the spec, typed by what its layers take and
 * give. Each layer is derived from it by its own builder (`prepareOf`, `simulateOf`, `sendOf`,
 * `waitForOf`), so a bundle that imports one layer (a wallet's `prepareX`) leaves the others'
 * code (the send pipeline, lost-answer recovery, the receipt decoder) out.
 */
export type WriteDefinition<params, result, extra, events extends Abi, decoded> = {
  readonly name: string
  /** @internal Carries the layers' types; never set. */
  readonly __layers?: DefinedWrite<params, result, extra, events, decoded>
}

/**
 * Declares a write from its spec (see `WriteSpec`); the layers come from `prepareOf`, `simulateOf`,
 * `sendOf` and `waitForOf`:
 * - `prepare`: resolve, then `[approve?, call]` as frozen calls (pure);
 * - `simulate`: resolve, read the plan once (at the landing block), check, then simulate the call
 *   (an allowance the plan read short of the approval need is an `InsufficientAllowanceError`,
 *   before simulating);
 * - `send`: the same checks (read once), then the exact approval when short, then simulate and
 *   send; a failure after the approval landed is a `StepFailedError` saying, from a fresh read,
 *   what the user holds;
 * - `waitFor`: the receipt, its events decoded, and the spec's extra fields.
 * A spec's `minOut` is enforced by `simulate` and `send` alike: on the preview after the checks,
 * and on the simulation's return before sending (nothing is sent below it).
 */
export function defineWrite<params, args, state, result, extra, events extends Abi, decoded>(
  spec: WriteSpec<params, args, state, result, extra, events, decoded>,
): WriteDefinition<params, result, extra, events, decoded>
/**
 * A write declared in two halves: its call (`defineCall`, what `prepare` runs) and the rest of its
 * spec (reads, checks, reverts, receipt). Still one declaration; but `prepareOf(theCall)` bundles
 * without the checks, the revert tables or the receipt decoder.
 */
export function defineWrite<
  params,
  args,
  callState,
  state extends callState,
  result,
  extra,
  events extends Abi,
  decoded,
>(
  call: CallDefinition<params, args, callState>,
  rest: Omit<WriteSpec<params, args, state, result, extra, events, decoded>, CallKeys>,
): WriteDefinition<params, result, extra, events, decoded>
export function defineWrite(spec: object, rest?: object): object {
  // (a new object even for one part: an identity function would be inlined by bundlers, dropping
  // the call's `@__PURE__` mark and keeping unused writes in the bundle)
  return { ...spec, ...rest }
}

type CallKeys = 'name' | 'contract' | 'deployment' | 'resolve' | 'approval' | 'call' | 'permit'

/**
 * The half of a write's spec its `prepare` layer runs (see `WriteSpec` for each field), declared
 * with `defineCall` and completed by `defineWrite(theCall, { read, check, revert, receipt, ... })`;
 * `prepareOf(theCall)` then bundles without the rest.
 */
export type CallSpec<params, args, state> = Pick<
  WriteSpec<params, args, state, unknown, unknown, Abi, unknown>,
  CallKeys
>

/** A write's call half, as `defineCall` returns it (pass it to `defineWrite` and `prepareOf`). */
export type CallDefinition<params, args, state> = CallSpec<params, args, state> & {
  /** @internal Carries the `prepare` layer's type; never set. */
  readonly __prepare?: (params: params & PrepareOptions) => readonly Call[]
}

/**
 * Declares the call half of a write (see `CallSpec`). A `call` or `approval` that uses the checks'
 * state types its parameter (`s: State | undefined`).
 */
export function defineCall<params, args, state = unknown>(
  spec: CallSpec<params, args, state>,
): CallDefinition<params, args, state> {
  return spec
}

/** The spec behind a definition, untyped inside the layers (each builder types its layer). */
// biome-ignore lint/suspicious/noExplicitAny: the layers run any spec; their builders give the types back
type AnySpec = WriteSpec<any, any, any, any, any, Abi, any>
const specOf = (w: unknown) => w as AnySpec

type Layers<w> =
  w extends WriteDefinition<infer p, infer r, infer x, infer e, infer d> ? DefinedWrite<p, r, x, e, d> : never

type PrepareOf<w> = w extends { readonly __prepare?: infer f } ? Exclude<f, undefined> : Layers<w>['prepare']

function deploymentFor(spec: AnySpec, chainId: number | undefined, given: unknown): never {
  return (spec.deployment ? spec.deployment(chainId, given) : undefined) as never
}

type Checked = {
  account: ReturnType<typeof resolveAccount>
  sender: Address
  ctx: WriteContext<never> & { sender: Address }
  args: unknown
  state: unknown
}

async function checked(spec: AnySpec, client: ReadClient, params: WriteOptions): Promise<Checked> {
  const account = resolveAccount(
    client,
    typeof params.account === 'string' ? assertAddress('account', params.account) : params.account,
  )
  const sender = addressOf(account)
  const deployment = deploymentFor(spec, client.chain?.id, (params as { deployment?: unknown }).deployment)
  const ctx = { deployment, sender }
  const args = spec.resolve(params, ctx)
  params.onStage?.({ stage: 'checks', action: spec.name })
  try {
    // the chain guard (node = client chain = deployment chain) runs alongside the check reads
    const state = await guarded(
      client,
      chainIdOf(deployment),
      spec.read
        ? runPlan(client, spec.read(args, ctx), { blockTag: LANDING_BLOCK_TAG })
        : Promise.resolve(undefined),
    )
    spec.check?.(args, state, ctx)
    enforceMinOut(spec.minOut, args, state, undefined, ctx)
    return { account, sender, ctx, args, state }
  } catch (error) {
    // a refusal by the checks: nothing was sent, and the stage says so
    params.onStage?.({ stage: 'error', action: spec.name, step: 'checks', error: error as Error })
    throw error
  }
}

/** The permit asked for, refused where the write has no `*WithPermit` form or cannot sign. */
function permitOf(
  spec: AnySpec,
  params: unknown,
  layer: 'prepare' | 'simulate' | 'send',
): PermitOption | undefined {
  const permit = (params as PermitOptions).permit
  if (permit === undefined) return undefined
  if (!spec.permit)
    throw new InvalidParameterError({
      parameter: 'permit',
      reason: `${spec.name} has no permit form: omit it (the write approves)`,
    })
  const deadline =
    typeof permit === 'object' && permit !== null ? (permit as { deadline?: unknown }).deadline : undefined
  if (permit !== true && !isSignedPermit(permit) && typeof deadline !== 'bigint')
    throw new InvalidParameterError({
      parameter: 'permit',
      reason: 'must be true, { deadline } (a bigint) or a permit signed with signPermit',
    })
  if (layer !== 'send' && !isSignedPermit(permit))
    throw new InvalidParameterError({
      parameter: 'permit',
      reason: `${layer} cannot sign: pass a permit signed with signPermit (or use the send layer with permit: true)`,
    })
  return permit
}

/** The permit for the approval need: the given one checked against the chain, else signed now. */
async function permitFor(
  spec: AnySpec,
  client: ReadClient,
  c: Checked,
  permit: PermitOption,
): Promise<SignedPermit> {
  const need = spec.approval?.(c.args, undefined, c.ctx)
  if (!need)
    throw new InvalidParameterError({
      parameter: 'permit',
      reason: `${spec.name} needs no approval to permit`,
    })
  const kit = spec.permitKit
  if (!kit)
    throw new InvalidParameterError({
      parameter: 'permit',
      reason: `${spec.name} declares no permitKit: omit permit (the write approves)`,
    })
  if (isSignedPermit(permit)) {
    await kit.verify(client, { ...need, owner: c.sender, permit })
    return permit
  }
  return kit.sign(client as WriteClient, {
    token: need.token,
    spender: need.spender,
    amount: need.amount,
    account: c.account,
    ...(permit === true ? {} : { deadline: permit.deadline }),
  })
}

async function simulateChecked(
  spec: AnySpec,
  client: ReadClient,
  c: Checked,
  onStage: OnStage | undefined,
  permit?: SignedPermit,
): Promise<SimulatedWrite<unknown>> {
  const call =
    permit && spec.permit ? spec.permit.call(c.args, c.ctx, permit) : spec.call(c.args, c.ctx, c.state)
  const mapper = spec.revert?.(c.args, c.state, c.ctx)
  const simulated = await simulateWrite<unknown>(client, {
    account: c.account,
    address: call.address,
    abi: call.abi,
    functionName: call.functionName,
    args: call.args,
    ...(call.value ? { value: call.value } : {}),
    contract: spec.contract,
    ...(mapper ? { mapper } : {}),
  })
  // the simulation's return is the last word on a min-out the call cannot carry
  enforceMinOut(spec.minOut, c.args, c.state, simulated.result, c.ctx)
  onStage?.({ stage: 'simulated', action: spec.name, result: simulated.result })
  const more = spec.simulated?.(c.args, c.state, simulated.result, c.ctx)
  return { ...simulated, ...(more as object) }
}

/** The `prepare` layer of a write: its calls, `[approve?, call]`, frozen (pure; nothing is read). */
export function prepareOf<const w extends { readonly name: string }>(write: w): PrepareOf<w> {
  const spec = specOf(write)
  return ((params: PrepareOptions & { deployment?: unknown }) => {
    const deployment = deploymentFor(spec, params.chainId, params.deployment)
    const sender = params.account === undefined ? undefined : assertAddress('account', params.account)
    const ctx = { deployment, sender }
    const args = spec.resolve(params, ctx)
    const permit = permitOf(spec, params, 'prepare')
    // a signed permit replaces the approval: one call (for wallets that batch, or relay the signature)
    if (permit && spec.permit) return calls(toCall(spec.permit.call(args, ctx, permit as SignedPermit)))
    const call = toCall(spec.call(args, ctx, undefined))
    const need = params.approve === false ? undefined : spec.approval?.(args, undefined, ctx)
    return need ? calls(prepareApprove(need), call) : calls(call)
  }) as never
}

/** The `simulate` layer of a write: the checks (one read), then the simulation; nothing is sent. */
export function simulateOf<const w extends { readonly name: string }>(write: w): Layers<w>['simulate'] {
  const spec = specOf(write)
  return (async (client: ReadClient, params: WriteOptions) => {
    const permit = permitOf(spec, params, 'simulate')
    const c = await checked(spec, client, params)
    if (permit)
      return simulateChecked(spec, client, c, params.onStage, await permitFor(spec, client, c, permit))
    // simulate does not approve: an allowance the plan read short of the need is refused here
    const need = spec.approval?.(c.args, c.state, c.ctx)
    if (need?.allowance !== undefined && need.allowance < need.amount)
      throw new InsufficientAllowanceError({
        token: need.token,
        spender: need.spender,
        required: need.amount,
        allowance: need.allowance,
      })
    return simulateChecked(spec, client, c, params.onStage)
  }) as never
}

/**
 * The `send` layer of a write: the checks (one read), the exact approval when short, the
 * simulation, then one transaction (recorded before it goes out; a lost answer is a typed error
 * that resumes it, never a second send). Returns the hash.
 */
export function sendOf<const w extends { readonly name: string }>(write: w): Layers<w>['send'] {
  const spec = specOf(write)
  return (async (walletClient: WriteClient, params: WriteOptions) => {
    const asked = permitOf(spec, params, 'send')
    const c = await checked(spec, walletClient, params)
    const need = spec.approval?.(c.args, c.state, c.ctx)
    // with `permit` (and an approval short): one transaction, the *WithPermit call; nothing sent before it
    if (asked && (need || isSignedPermit(asked))) {
      const permit = await permitFor(spec, walletClient, c, asked).catch((error) => {
        params.onStage?.({ stage: 'error', action: spec.name, step: 'permit', error: error as Error })
        if (!isUserRejection(error)) throw error
        throw new UserRejectedError({
          action: spec.name,
          step: 'permit',
          holdings: 'the permit was not signed and nothing was sent: what you hold is unchanged.',
          cause: error,
        })
      })
      try {
        const { request } = await simulateChecked(spec, walletClient, c, params.onStage, permit)
        return await sendWrite(walletClient, request, {
          action: spec.name,
          onStage: params.onStage,
          deploymentChainId: chainIdOf(c.ctx.deployment),
        })
      } catch (error) {
        params.onStage?.({ stage: 'error', action: spec.name, step: spec.name, error: error as Error })
        throw error
      }
    }
    let approval: Hex | null = null
    if (need) {
      try {
        approval = await ensureAllowance(walletClient, {
          ...need,
          account: c.account,
          onStage: params.onStage,
          action: spec.name,
        })
      } catch (error) {
        params.onStage?.({ stage: 'error', action: spec.name, step: 'approve', error: error as Error })
        if (!isUserRejection(error)) throw error
        throw new UserRejectedError({
          action: spec.name,
          step: 'approve',
          holdings: await holdings(walletClient, need, c.sender, null),
          cause: error,
        })
      }
      if (approval) {
        params.onStage?.({ stage: 'approval-sent', action: spec.name, hash: approval, ...need })
        params.onStage?.({ stage: 'approval-mined', action: spec.name, hash: approval })
      }
    }
    try {
      const { request } = await simulateChecked(spec, walletClient, c, params.onStage)
      return await sendWrite(walletClient, request, {
        action: spec.name,
        onStage: params.onStage,
        deploymentChainId: chainIdOf(c.ctx.deployment),
      })
    } catch (error) {
      params.onStage?.({ stage: 'error', action: spec.name, step: spec.name, error: error as Error })
      // a lost answer is not a failed step: the error says where the transaction is and resumes it
      if (
        !approval ||
        !need ||
        error instanceof TransactionPendingError ||
        error instanceof TransactionUnknownError
      )
        throw error
      if (isUserRejection(error))
        throw new UserRejectedError({
          action: spec.name,
          step: spec.name,
          completed: [{ step: 'approve', hash: approval }],
          holdings: await holdings(walletClient, need, c.sender, approval),
          cause: error,
        })
      throw new StepFailedError({
        step: spec.name,
        completed: [{ step: 'approve', hash: approval }],
        holdings: await holdings(walletClient, need, c.sender, approval),
        cause: error,
      })
    }
  }) as never
}

/** A write's receipt: the ABI its events decode against, and what else to return from them. */
export type ReceiptSpec<events extends Abi, decoded> = {
  abi: events
  decode?:
    | ((client: ReadClient, receipt: WaitForEventsReturnType<events>) => decoded | Promise<decoded>)
    | undefined
}

/**
 * Declares a write's receipt apart (typed by its ABI), to pass as the spec's `receipt` and to
 * `waitForOf(theCall, theReceipt)`: a bundle of the `waitFor` layer alone then carries neither the
 * checks nor the revert tables.
 */
export function defineReceipt<const events extends Abi, decoded = unknown>(
  receipt: ReceiptSpec<events, decoded>,
): ReceiptSpec<events, decoded> {
  return receipt
}

/** The `waitFor` layer of a write: the receipt, its events decoded, and the spec's extra fields. */
export function waitForOf<const w extends { readonly name: string }>(write: w): Layers<w>['waitFor']
/**
 * The `waitFor` layer from a write's name and its receipt, declared apart. Pass `{ name: ACTION }`
 * with the constant the call's `name` uses: only the name is read, and a call object passed here
 * would keep its `resolve` (and all it imports) in a bundle of this layer.
 */
export function waitForOf<events extends Abi, decoded>(
  call: { readonly name: string },
  receipt: ReceiptSpec<events, decoded>,
): (
  client: ReadClient,
  hash: Hex,
  options?: { onStage?: OnStage },
) => Promise<WaitForEventsReturnType<events> & decoded>
export function waitForOf(write: { readonly name: string }, receipt?: ReceiptSpec<Abi, unknown>) {
  const spec = { name: write.name, receipt: receipt ?? specOf(write).receipt }
  return async (client: ReadClient, hash: Hex, options: { onStage?: OnStage } = {}) => {
    const { onStage } = options
    const r = await waitForEvents(client, hash, spec.receipt.abi, {
      action: spec.name,
      ...(onStage
        ? {
            onReplaced: (x) =>
              onStage({
                stage: 'replaced',
                action: spec.name,
                hash,
                replacedBy: x.transaction.hash,
                reason: x.reason,
              }),
          }
        : {}),
    })
    onStage?.({
      stage: 'mined',
      action: spec.name,
      hash: r.receipt.transactionHash,
      blockNumber: r.receipt.blockNumber,
    })
    const more = spec.receipt.decode ? await spec.receipt.decode(client, r) : undefined
    return { ...r, ...(more as object) }
  }
}

/** Throws the spec's refusal when what the call gives (read from the state or the simulation) is below its minOut. */
function enforceMinOut<args, state, result>(
  m: MinOutSpec<args, state, result> | undefined,
  args: args,
  state: state,
  result: result | undefined,
  ctx: WriteContext<never>,
): void {
  if (!m) return
  const min = m.of(args, state, ctx)
  if (min === undefined) return
  const out = m.read(args, state, result, ctx)
  if (out !== undefined && out < min) throw m.refuse(min, out)
}

/** True when `value` is a signed permit (not `true` or `{ deadline }`). */
function isSignedPermit(value: PermitOption | undefined): value is SignedPermit {
  return typeof value === 'object' && value !== null && 'r' in value && 's' in value
}

/** What the user holds after an approval landed and the call did not, from a fresh read. */
async function holdings(
  client: ReadClient,
  need: ApprovalNeed,
  owner: Address,
  approval: Hex | null,
): Promise<string> {
  const approved = approval
    ? `the approval (${approval}) landed and stands: ${need.spender} may spend ${need.amount} of ${need.token}`
    : 'no approval was sent'
  try {
    const [balance] = await readBatch(client, [
      { address: need.token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] },
    ])
    return `${approved}; ${owner} holds ${unwrap<bigint>(balance)} of ${need.token} (read after the failure).`
  } catch {
    return `${approved}; the balance could not be read after the failure: check ${need.token} for ${owner}.`
  }
}
