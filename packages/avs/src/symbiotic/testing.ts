/**
 * Test fixtures (not packed: `!src/**\/testing.ts`): the Symbiotic scenarios the tests of every
 * package set up (a network with its middleware, an operator staked in a vault, instant and veto
 * slashes), built on the SDK's own actions. The devnet deploys, funds and mints; these are the only
 * copy of the scenarios. Every step goes through the action's checks; what is already in place (a
 * registration, an opt-in, a limit at the value) is skipped on its typed error, so a fixture called
 * twice sends nothing the second time.
 *
 * Tests of any package import them as `@restakekit/avs/symbiotic/testing` (the root vitest alias and
 * tsconfig paths resolve it to this file).
 */
import type { Devnet, SymbioticDelegatorType } from '@restakekit/devnet'
import type { Address, Hex } from 'viem'
import {
  setMaxNetworkLimit,
  setNetworkLimit,
  setOperatorNetworkLimit,
  setOperatorNetworkShares,
} from './actions/limits.js'
import { optIn } from './actions/optIn.js'
import { registerNetwork, registerOperator, setMiddleware } from './actions/registration.js'
import { executeSlash, requestSlash, slash, waitForRequestSlash } from './actions/slashing.js'
import { OptInStateError, SymbioticAlreadyRegisteredError, SymbioticAlreadySetError } from './errors.js'
import { parseSubnetwork, subnetworkOf } from './internal.js'

/** A devnet started with Symbiotic (its `deployments.symbiotic`). */
export type SymbioticFixtureTarget = Pick<Devnet, 'walletClient' | 'publicClient' | 'context'> & {
  deployments: { symbiotic?: Devnet['deployments']['symbiotic'] }
}

function symbioticOf(target: SymbioticFixtureTarget) {
  const d = target.deployments.symbiotic
  if (!d) throw new Error('Symbiotic is not deployed on this devnet (startDevnet({ symbiotic: true }))')
  return d
}

/** Sends from `from` (impersonated by the devnet when it has no key) and waits for success. */
async function sent(target: SymbioticFixtureTarget, hash: Promise<Hex>): Promise<Hex> {
  const h = await hash
  const receipt = await target.publicClient.waitForTransactionReceipt({ hash: h })
  if (receipt.status !== 'success') throw new Error(`transaction reverted: ${h}`)
  return h
}

/** Runs a step; an "already so" refusal (registered, opted in, value set) means there is nothing to do. */
async function unlessAlready(step: () => Promise<unknown>): Promise<void> {
  try {
    await step()
  } catch (error) {
    if (
      error instanceof SymbioticAlreadyRegisteredError ||
      error instanceof SymbioticAlreadySetError ||
      error instanceof OptInStateError
    )
      return
    throw error
  }
}

/**
 * A network on the registry, with its middleware (the account allowed to slash and to distribute
 * rewards) when given: `registerNetwork` and `setMiddleware` sent by the network (impersonated by the
 * devnet when it has no key). Either step already done is skipped. `register: false` leaves the
 * registration to the caller.
 */
export async function setupSymbioticNetwork(
  target: SymbioticFixtureTarget,
  params: { network: Address; middleware?: Address; register?: boolean },
): Promise<void> {
  const d = { deployment: symbioticOf(target) }
  const network = target.walletClient(params.network)
  if (params.register !== false) await unlessAlready(() => sent(target, registerNetwork(network, d)))
  if (params.middleware)
    await unlessAlready(() => sent(target, setMiddleware(network, { middleware: params.middleware!, ...d })))
}

/**
 * Wires one network and one operator to a vault so the operator has stake there, through the
 * actions: registers both (unless told not to), sets the network's middleware, opts the operator
 * into the vault and the network, sets the max network limit (from the network) and the
 * delegator's limits (NetworkRestake: network limit + operator shares; FullRestake: network limit +
 * operator network limit; OperatorSpecific: network limit). Returns the subnetwork.
 */
export async function setupSymbioticStake(
  target: SymbioticFixtureTarget,
  params: {
    vault: Address
    delegator: Address
    delegatorType: SymbioticDelegatorType
    network: Address
    operator: Address
    /** Network middleware (the account allowed to slash); default none set. */
    middleware?: Address
    identifier?: bigint | number
    /** Limit used for every limit (default: 2^255). */
    limit?: bigint
    /** NetworkRestake operator shares (default 1e18). */
    shares?: bigint
    /** Delegator role holder (default: the devnet deployer, the owner `createSymbioticVault` uses). */
    owner?: Address
    registerNetwork?: boolean
    registerOperator?: boolean
  },
): Promise<Hex> {
  const deployment = symbioticOf(target)
  const limit = params.limit ?? 1n << 255n
  const identifier = BigInt(params.identifier ?? 0n)
  const network = target.walletClient(params.network)
  const operator = target.walletClient(params.operator)
  const owner = params.owner ? target.walletClient(params.owner) : target.context.deployer
  const d = { deployment }
  await setupSymbioticNetwork(target, {
    network: params.network,
    ...(params.middleware ? { middleware: params.middleware } : {}),
    register: params.registerNetwork !== false,
  })
  if (params.registerOperator !== false)
    await unlessAlready(() => sent(target, registerOperator(operator, d)))
  await unlessAlready(() => sent(target, optIn(operator, { vault: params.vault, ...d })))
  await unlessAlready(() => sent(target, optIn(operator, { network: params.network, ...d })))
  await unlessAlready(() =>
    sent(
      target,
      setMaxNetworkLimit(network, { delegator: params.delegator, identifier, amount: limit, ...d }),
    ),
  )
  const sub = { delegator: params.delegator, network: params.network, identifier, ...d }
  if (params.delegatorType <= 2)
    await unlessAlready(() => sent(target, setNetworkLimit(owner, { ...sub, amount: limit })))
  if (params.delegatorType === 0)
    await unlessAlready(() =>
      sent(
        target,
        setOperatorNetworkShares(owner, {
          ...sub,
          operator: params.operator,
          shares: params.shares ?? 10n ** 18n,
        }),
      ),
    )
  else if (params.delegatorType === 1)
    await unlessAlready(() =>
      sent(target, setOperatorNetworkLimit(owner, { ...sub, operator: params.operator, amount: limit })),
    )
  return subnetworkOf(params.network, identifier)
}

type SlashFixtureParams = {
  slasher: Address
  middleware: Address
  subnetwork: Hex
  operator: Address
  amount: bigint
  /** Default: the landing block's time minus one second. */
  captureTimestamp?: bigint | number
}

function slashParams(target: SymbioticFixtureTarget, p: SlashFixtureParams) {
  const { network, identifier } = parseSubnetwork(p.subnetwork)
  return {
    slasher: p.slasher,
    network,
    identifier,
    operator: p.operator,
    amount: p.amount,
    ...(p.captureTimestamp === undefined ? {} : { captureTimestamp: BigInt(p.captureTimestamp) }),
    deployment: symbioticOf(target),
  }
}

/** Slashes through an instant `Slasher` as the network's middleware (`slash`). Returns the hash. */
export function slashSymbiotic(target: SymbioticFixtureTarget, params: SlashFixtureParams): Promise<Hex> {
  return sent(target, slash(target.walletClient(params.middleware), slashParams(target, params)))
}

/** Requests a slash through a `VetoSlasher` as the middleware (`requestSlash`). Returns the slash index. */
export async function requestSymbioticVetoSlash(
  target: SymbioticFixtureTarget,
  params: SlashFixtureParams,
): Promise<bigint> {
  const hash = await sent(
    target,
    requestSlash(target.walletClient(params.middleware), slashParams(target, params)),
  )
  const { slashIndex } = await waitForRequestSlash(target.publicClient, hash)
  if (slashIndex === undefined) throw new Error(`requestSlash emitted no RequestSlash (${hash})`)
  return slashIndex
}

/** Executes a requested `VetoSlasher` slash as the middleware (`executeSlash`). Returns the hash. */
export function executeSymbioticVetoSlash(
  target: SymbioticFixtureTarget,
  params: { slasher: Address; middleware: Address; slashIndex: bigint },
): Promise<Hex> {
  return sent(
    target,
    executeSlash(target.walletClient(params.middleware), {
      slasher: params.slasher,
      slashIndex: params.slashIndex,
      deployment: symbioticOf(target),
    }),
  )
}
