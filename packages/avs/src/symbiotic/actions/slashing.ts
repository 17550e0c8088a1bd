import {
  assertAddress,
  assertAmount,
  type BatchResult,
  contractCall,
  defineCall,
  defineReceipt,
  defineWrite,
  type InvalidAddressError,
  type InvalidAmountError,
  InvalidParameterError,
  joinAbis,
  prepareOf,
  readBatch,
  sendOf,
  simulateOf,
  stage,
  unwrap,
  type WriteErrorType,
  waitForOf,
} from '@restakekit/core'
import type { SymbioticDeployment } from '@restakekit/core/symbiotic'
import { type Address, type Hex, zeroAddress } from 'viem'
import { getBlock } from 'viem/actions'
import { getAction } from 'viem/utils'
import {
  multicallTimestampAbi,
  symbioticEntityRegistryAbi,
  symbioticMiddlewareServiceAbi,
  symbioticSlashingAbi,
  symbioticVaultClockAbi,
} from '../abis.js'
import {
  InvalidCaptureTimestampError,
  NothingToSlashError,
  NotNetworkMiddlewareError,
  NotResolverError,
  SlashPeriodEndedError,
  SlashRequestCompletedError,
  SlashRequestNotFoundError,
  SYMBIOTIC_SLASHER_TYPES,
  type SymbioticAlreadySetError,
  SymbioticNotRegisteredError,
  type SymbioticSlasherTypeName,
  UnsupportedByTypeError,
  VetoPeriodEndedError,
  VetoPeriodNotEndedError,
} from '../errors.js'
import {
  assertIdentifier,
  assertUint48,
  MULTICALL3,
  parseSubnetwork,
  type SymbioticDeploymentParameter,
  sameAddress,
  subnetworkOf,
  symbioticSpecDeployment,
} from '../internal.js'
import { symbioticAvsRevertMapper } from '../revert.js'
import type { SubnetworkParameters } from './limits.js'

/** The name of a slasher `TYPE()` (or `unknown type N`). */
export function slasherTypeName(type: bigint | number): SymbioticSlasherTypeName | `unknown type ${string}` {
  return SYMBIOTIC_SLASHER_TYPES[Number(type)] ?? `unknown type ${type}`
}

const ok = <T>(r: BatchResult | undefined): T | undefined =>
  r?.status === 'success' ? (r.result as T) : undefined

function assertSlasherType(slasher: Address, type: bigint | undefined, want: 0 | 1, functionName: string) {
  if (type === undefined || Number(type) !== want)
    throw new UnsupportedByTypeError({
      contract: 'slasher',
      address: slasher,
      type: type === undefined ? 'unknown type (no TYPE())' : slasherTypeName(type),
      functionName,
      supportedBy: [SYMBIOTIC_SLASHER_TYPES[want]],
    })
}

function assertHints(hints: unknown): Hex {
  if (hints === undefined) return '0x'
  if (typeof hints !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(hints))
    throw new InvalidParameterError({ parameter: 'hints', reason: 'is not hex bytes' })
  return hints as Hex
}

export type SlashParameters = SubnetworkParameters & {
  /** The vault's slasher: a `Slasher` for `slash`, a `VetoSlasher` for `requestSlash`. */
  slasher: Address
  operator: Address
  /** The most collateral to slash (the slasher takes at most the slashable stake). */
  amount: bigint
  /** The stake snapshot to slash from, unix seconds (default: the landing block's time minus 1 s). */
  captureTimestamp?: bigint | number | undefined
  /** The slasher's optional checkpoint hints (default none). */
  hints?: Hex | undefined
} & SymbioticDeploymentParameter

type SlashState = {
  type: bigint | undefined
  sender: Address
  middleware: Address
  now: bigint
  epochDuration: bigint
  vetoDuration: bigint
  captureTimestamp: bigint
  slashable: bigint
}

/** Whether the slash goes through the VetoSlasher (`requestSlash`) rather than the instant Slasher. */
const isVeto = (functionName: 'slash' | 'requestSlash') => functionName === 'requestSlash'

const SLASH = 'symbiotic.slash'
const REQUEST_SLASH = 'symbiotic.requestSlash'

/** Instant `slash` and veto `requestSlash`: the same arguments, the same capture window (narrowed by the veto duration). */
function slashWriteCall(functionName: 'slash' | 'requestSlash') {
  return defineCall({
    name: isVeto(functionName) ? REQUEST_SLASH : SLASH,
    contract: isVeto(functionName) ? 'VetoSlasher' : 'Slasher',
    deployment: symbioticSpecDeployment,
    resolve: (p: SlashParameters, { deployment }) => {
      const network = assertAddress('network', p.network)
      const identifier = assertIdentifier(p.identifier)
      return {
        slasher: assertAddress('slasher', p.slasher),
        network,
        subnetwork: subnetworkOf(network, identifier),
        operator: assertAddress('operator', p.operator),
        amount: assertAmount('amount', p.amount),
        captureTimestamp:
          p.captureTimestamp === undefined ? undefined : assertUint48('captureTimestamp', p.captureTimestamp),
        hints: assertHints(p.hints),
        deployment: deployment as SymbioticDeployment,
      }
    },
    call: (a, _ctx, s: SlashState | undefined) =>
      contractCall({
        address: a.slasher,
        abi: symbioticSlashingAbi,
        functionName,
        // in `prepare` (nothing read) the capture timestamp must be given
        args: [a.subnetwork, a.operator, a.amount, Number(captureOf(a.captureTimestamp, s)), a.hints],
      }),
  })
}

/** The receipt of `slash` / `requestSlash`: the amount and capture time from its event (and the request's index and veto deadline). */
function slashWriteReceipt(functionName: 'slash' | 'requestSlash') {
  return defineReceipt({
    abi: /* @__PURE__ */ joinAbis(symbioticSlashingAbi, symbioticVaultClockAbi),
    decode: (_client, r) => {
      if (isVeto(functionName)) {
        const ev = r.events.find((e) => e.eventName === 'RequestSlash')
        if (ev?.eventName !== 'RequestSlash')
          return {
            slashIndex: undefined,
            amount: undefined,
            captureTimestamp: undefined,
            readyAt: undefined,
          }
        return {
          slashIndex: ev.args.slashIndex,
          amount: ev.args.slashAmount,
          captureTimestamp: BigInt(ev.args.captureTimestamp),
          /** The veto deadline: with a resolver, `executeSlash` succeeds from then on. */
          readyAt: { timestamp: BigInt(ev.args.vetoDeadline) },
        }
      }
      const ev = r.events.find((e) => e.eventName === 'Slash')
      if (ev?.eventName !== 'Slash')
        return { slashIndex: undefined, amount: undefined, captureTimestamp: undefined, readyAt: undefined }
      return {
        slashIndex: undefined,
        /** The collateral slashed (the `Slash` event). */
        amount: ev.args.slashedAmount,
        captureTimestamp: BigInt(ev.args.captureTimestamp),
        readyAt: undefined,
      }
    },
  })
}

function slashWrite(
  functionName: 'slash' | 'requestSlash',
  call: ReturnType<typeof slashWriteCall>,
  receipt: ReturnType<typeof slashWriteReceipt>,
) {
  return defineWrite(call, {
    read: (a, { sender }) => {
      const s = a.slasher
      return stage(
        [
          { address: s, abi: symbioticSlashingAbi, functionName: 'TYPE' },
          { address: s, abi: symbioticSlashingAbi, functionName: 'vault' },
          { address: s, abi: symbioticSlashingAbi, functionName: 'vetoDuration' },
          {
            address: a.deployment.networkMiddlewareService,
            abi: symbioticMiddlewareServiceAbi,
            functionName: 'middleware',
            args: [a.network],
          },
          { address: MULTICALL3, abi: multicallTimestampAbi, functionName: 'getCurrentBlockTimestamp' },
        ],
        ([type, vault, vetoDuration, middleware, now]) => {
          const clock = unwrap<bigint>(now)
          const captureTimestamp = a.captureTimestamp ?? clock - 1n
          const base = {
            type: ok<bigint>(type),
            sender,
            middleware: unwrap<Address>(middleware),
            now: clock,
            vetoDuration: BigInt(ok<number>(vetoDuration) ?? 0),
            captureTimestamp,
          }
          const v = ok<Address>(vault)
          if (!v) return { ...base, epochDuration: 0n, slashable: 0n }
          return stage(
            [
              { address: v, abi: symbioticVaultClockAbi, functionName: 'epochDuration' },
              {
                address: s,
                abi: symbioticSlashingAbi,
                functionName: 'slashableStake',
                args: [a.subnetwork, a.operator, Number(captureTimestamp), a.hints],
              },
            ],
            ([epoch, slashable]): SlashState => ({
              ...base,
              epochDuration: BigInt(unwrap<number>(epoch)),
              slashable: ok<bigint>(slashable) ?? 0n,
            }),
          )
        },
      )
    },
    check: (a, s) => {
      assertSlasherType(a.slasher, s.type, isVeto(functionName) ? 1 : 0, functionName)
      if (!sameAddress(s.middleware, s.sender))
        throw new NotNetworkMiddlewareError({
          network: a.network,
          caller: s.sender,
          middleware: s.middleware === zeroAddress ? undefined : s.middleware,
        })
      // Slasher: now - epoch <= capture < now; VetoSlasher: now + vetoDuration - epoch <= capture < now
      const earliest = s.now + (isVeto(functionName) ? s.vetoDuration : 0n) - s.epochDuration
      if (s.captureTimestamp < earliest || s.captureTimestamp >= s.now)
        throw new InvalidCaptureTimestampError({
          captureTimestamp: s.captureTimestamp,
          earliest,
          latest: s.now - 1n,
        })
      if (s.slashable === 0n)
        throw new NothingToSlashError({
          subnetwork: a.subnetwork,
          operator: a.operator,
          captureTimestamp: s.captureTimestamp,
        })
    },
    revert: (a, s, { sender }) =>
      symbioticAvsRevertMapper({
        sender,
        network: a.network,
        operator: a.operator,
        contract: a.slasher,
        subnetwork: a.subnetwork,
        captureTimestamp: s?.captureTimestamp ?? a.captureTimestamp,
      }),
    /** What the checks saw: the capture timestamp used and the stake slashable at it. */
    simulated: (_a, s) => ({ captureTimestamp: s.captureTimestamp, slashable: s.slashable }),
    receipt,
  })
}

function captureOf(given: bigint | undefined, s: { captureTimestamp: bigint } | undefined): bigint {
  const c = given ?? s?.captureTimestamp
  if (c === undefined)
    throw new InvalidParameterError({
      parameter: 'captureTimestamp',
      reason: 'is needed to prepare a slash without reading the chain',
    })
  return c
}

const slashCall = /* @__PURE__ */ slashWriteCall('slash')
const slashReceipt = /* @__PURE__ */ slashWriteReceipt('slash')
const slash_ = /* @__PURE__ */ slashWrite('slash', slashCall, slashReceipt)
const requestSlashCall = /* @__PURE__ */ slashWriteCall('requestSlash')
const requestSlashReceipt = /* @__PURE__ */ slashWriteReceipt('requestSlash')
const requestSlash_ = /* @__PURE__ */ slashWrite('requestSlash', requestSlashCall, requestSlashReceipt)

/** Layer 1 (pure): `Slasher.slash(subnetwork, operator, amount, captureTimestamp, hints)` (`captureTimestamp` needed). */
export const prepareSlash = /* @__PURE__ */ prepareOf(slashCall)
/**
 * Layer 2: refuses a slasher that is not an instant `Slasher`, a sender that is not the network's
 * middleware, a capture timestamp outside `[now - epochDuration, now)`, nothing slashable; simulates.
 */
export const simulateSlash = /* @__PURE__ */ simulateOf(slash_)
/** Layer 3: the same checks, then sends. */
export const slash = /* @__PURE__ */ sendOf(slash_)
/** Layer 4: the receipt, `amount` (collateral slashed) and `captureTimestamp`. */
export const waitForSlash = /* @__PURE__ */ waitForOf({ name: SLASH }, slashReceipt)
/**
 * A slasher that is not an instant `Slasher`, a sender that is not the network's middleware, a
 * capture timestamp outside the window, nothing slashable (the last three also decoded from the
 * revert), bad parameters, and the send pipeline's errors.
 */
export type SlashErrorType =
  | UnsupportedByTypeError
  | NotNetworkMiddlewareError
  | InvalidCaptureTimestampError
  | NothingToSlashError
  | InvalidAddressError
  | InvalidAmountError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `VetoSlasher.requestSlash(subnetwork, operator, amount, captureTimestamp, hints)`. */
export const prepareRequestSlash = /* @__PURE__ */ prepareOf(requestSlashCall)
/**
 * Layer 2: refuses a slasher that is not a `VetoSlasher`, a sender that is not the network's
 * middleware, a capture timestamp outside `[now + vetoDuration - epochDuration, now)`, nothing
 * slashable; simulates.
 */
export const simulateRequestSlash = /* @__PURE__ */ simulateOf(requestSlash_)
/** Layer 3: the same checks, then sends. */
export const requestSlash = /* @__PURE__ */ sendOf(requestSlash_)
/** Layer 4: the receipt, `slashIndex`, the requested `amount`, and `readyAt` (the veto deadline). */
export const waitForRequestSlash = /* @__PURE__ */ waitForOf({ name: REQUEST_SLASH }, requestSlashReceipt)
/** As `slash`, on a `VetoSlasher` (the window narrowed by the veto duration). */
export type RequestSlashErrorType = SlashErrorType

export type SlashRequestParameters = {
  /** The vault's `VetoSlasher`. */
  slasher: Address
  slashIndex: bigint
  hints?: Hex | undefined
} & SymbioticDeploymentParameter

type RequestState = {
  type: bigint | undefined
  sender: Address
  now: bigint
  exists: boolean
  request?: {
    subnetwork: Hex
    network: Address
    operator: Address
    amount: bigint
    captureTimestamp: bigint
    vetoDeadline: bigint
    completed: boolean
  }
  captureResolver: Address
  currentResolver: Address
  middleware: Address
  epochDuration: bigint
  slashable: bigint
}

const EXECUTE_SLASH = 'symbiotic.executeSlash'
const VETO_SLASH = 'symbiotic.vetoSlash'

/** `executeSlash` (by the middleware) and `vetoSlash` (by the resolver): one request read, each its timing rules. */
function requestWriteCall(functionName: 'executeSlash' | 'vetoSlash') {
  return defineCall({
    name: functionName === 'executeSlash' ? EXECUTE_SLASH : VETO_SLASH,
    contract: 'VetoSlasher',
    deployment: symbioticSpecDeployment,
    resolve: (p: SlashRequestParameters, { deployment }) => {
      if (typeof p.slashIndex !== 'bigint' || p.slashIndex < 0n)
        throw new InvalidParameterError({
          parameter: 'slashIndex',
          reason: `${String(p.slashIndex)} is not a non-negative bigint`,
        })
      return {
        slasher: assertAddress('slasher', p.slasher),
        slashIndex: p.slashIndex,
        hints: assertHints(p.hints),
        deployment: deployment as SymbioticDeployment,
      }
    },
    call: (a) =>
      contractCall({
        address: a.slasher,
        abi: symbioticSlashingAbi,
        functionName,
        args: [a.slashIndex, a.hints],
      }),
  })
}

/** The receipt of `executeSlash` / `vetoSlash` (one for both): the request and what its event says. */
const slashRequestReceipt = /* @__PURE__ */ defineReceipt({
  abi: /* @__PURE__ */ joinAbis(symbioticSlashingAbi, symbioticVaultClockAbi),
  decode: (_client, r) => {
    const ev = r.events.find((e) => e.eventName === 'ExecuteSlash' || e.eventName === 'VetoSlash')
    if (ev?.eventName === 'ExecuteSlash')
      return { slashIndex: ev.args.slashIndex, amount: ev.args.slashedAmount, resolver: undefined }
    if (ev?.eventName === 'VetoSlash')
      return { slashIndex: ev.args.slashIndex, amount: undefined, resolver: ev.args.resolver }
    return { slashIndex: undefined, amount: undefined, resolver: undefined }
  },
})

function requestWrite(functionName: 'executeSlash' | 'vetoSlash', call: ReturnType<typeof requestWriteCall>) {
  return defineWrite(call, {
    read: (a, { sender }) => {
      const s = a.slasher
      return stage(
        [
          { address: s, abi: symbioticSlashingAbi, functionName: 'TYPE' },
          { address: s, abi: symbioticSlashingAbi, functionName: 'slashRequestsLength' },
          { address: s, abi: symbioticSlashingAbi, functionName: 'slashRequests', args: [a.slashIndex] },
          { address: s, abi: symbioticSlashingAbi, functionName: 'vault' },
          { address: MULTICALL3, abi: multicallTimestampAbi, functionName: 'getCurrentBlockTimestamp' },
        ],
        ([type, length, request, vault, now]) => {
          const clock = unwrap<bigint>(now)
          const base: RequestState = {
            type: ok<bigint>(type),
            sender,
            now: clock,
            exists: (ok<bigint>(length) ?? 0n) > a.slashIndex,
            captureResolver: zeroAddress,
            currentResolver: zeroAddress,
            middleware: zeroAddress,
            epochDuration: 0n,
            slashable: 0n,
          }
          const r = ok<readonly [Hex, Address, bigint, number, number, boolean]>(request)
          const v = ok<Address>(vault)
          if (!base.exists || !r || !v) return base
          const [subnetwork, operator, amount, capture, vetoDeadline, completed] = r
          const req = {
            subnetwork,
            network: parseSubnetwork(subnetwork).network,
            operator,
            amount,
            captureTimestamp: BigInt(capture),
            vetoDeadline: BigInt(vetoDeadline),
            completed,
          }
          return stage(
            [
              {
                address: s,
                abi: symbioticSlashingAbi,
                functionName: 'resolverAt',
                args: [subnetwork, capture, '0x'],
              },
              {
                address: s,
                abi: symbioticSlashingAbi,
                functionName: 'resolverAt',
                args: [subnetwork, Number(clock - 1n), '0x'],
              },
              {
                address: a.deployment.networkMiddlewareService,
                abi: symbioticMiddlewareServiceAbi,
                functionName: 'middleware',
                args: [req.network],
              },
              { address: v, abi: symbioticVaultClockAbi, functionName: 'epochDuration' },
              {
                address: s,
                abi: symbioticSlashingAbi,
                functionName: 'slashableStake',
                args: [subnetwork, operator, capture, '0x'],
              },
            ],
            ([captureResolver, currentResolver, middleware, epoch, slashable]): RequestState => ({
              ...base,
              request: req,
              captureResolver: unwrap<Address>(captureResolver),
              currentResolver: unwrap<Address>(currentResolver),
              middleware: unwrap<Address>(middleware),
              epochDuration: BigInt(unwrap<number>(epoch)),
              slashable: ok<bigint>(slashable) ?? 0n,
            }),
          )
        },
      )
    },
    check: (a, s) => {
      assertSlasherType(a.slasher, s.type, 1, functionName)
      const r = s.request
      if (!s.exists || !r)
        throw new SlashRequestNotFoundError({ slasher: a.slasher, slashIndex: a.slashIndex })
      if (r.completed) throw new SlashRequestCompletedError({ slasher: a.slasher, slashIndex: a.slashIndex })
      const hasResolver = s.captureResolver !== zeroAddress && s.currentResolver !== zeroAddress
      if (functionName === 'executeSlash') {
        if (!sameAddress(s.middleware, s.sender))
          throw new NotNetworkMiddlewareError({
            network: r.network,
            caller: s.sender,
            middleware: s.middleware === zeroAddress ? undefined : s.middleware,
          })
        if (hasResolver && r.vetoDeadline > s.now)
          throw new VetoPeriodNotEndedError({
            slasher: a.slasher,
            slashIndex: a.slashIndex,
            readyAt: { timestamp: r.vetoDeadline },
          })
        if (s.now - r.captureTimestamp > s.epochDuration)
          throw new SlashPeriodEndedError({
            slasher: a.slasher,
            slashIndex: a.slashIndex,
            expiredAt: r.captureTimestamp + s.epochDuration,
          })
        if (s.slashable === 0n)
          throw new NothingToSlashError({
            subnetwork: r.subnetwork,
            operator: r.operator,
            captureTimestamp: r.captureTimestamp,
          })
      } else {
        if (!hasResolver || !sameAddress(s.captureResolver, s.sender))
          throw new NotResolverError({
            slasher: a.slasher,
            slashIndex: a.slashIndex,
            caller: s.sender,
            resolver: hasResolver ? s.captureResolver : undefined,
          })
        if (r.vetoDeadline <= s.now)
          throw new VetoPeriodEndedError({
            slasher: a.slasher,
            slashIndex: a.slashIndex,
            vetoDeadline: r.vetoDeadline,
          })
      }
    },
    revert: (a, s, { sender }) =>
      symbioticAvsRevertMapper({
        sender,
        network: s?.request?.network,
        operator: s?.request?.operator,
        contract: a.slasher,
        subnetwork: s?.request?.subnetwork,
        slashIndex: a.slashIndex,
        captureTimestamp: s?.request?.captureTimestamp,
      }),
    /** The request as the checks read it. */
    simulated: (_a, s) => ({ slashRequest: s.request }),
    receipt: slashRequestReceipt,
  })
}

const executeSlashCall = /* @__PURE__ */ requestWriteCall('executeSlash')
const executeSlash_ = /* @__PURE__ */ requestWrite('executeSlash', executeSlashCall)
const vetoSlashCall = /* @__PURE__ */ requestWriteCall('vetoSlash')
const vetoSlash_ = /* @__PURE__ */ requestWrite('vetoSlash', vetoSlashCall)

/** Layer 1 (pure): `VetoSlasher.executeSlash(slashIndex, hints)`. */
export const prepareExecuteSlash = /* @__PURE__ */ prepareOf(executeSlashCall)
/**
 * Layer 2: refuses a missing or completed request, a sender that is not the network's middleware,
 * a request still in its veto period (with a resolver; `readyAt` says when it ends), a request more
 * than an epoch past its capture, nothing left to slash; simulates.
 */
export const simulateExecuteSlash = /* @__PURE__ */ simulateOf(executeSlash_)
/** Layer 3: the same checks, then sends. */
export const executeSlash = /* @__PURE__ */ sendOf(executeSlash_)
/** Layer 4: the receipt, `slashIndex` and `amount` (collateral slashed). */
export const waitForExecuteSlash = /* @__PURE__ */ waitForOf({ name: EXECUTE_SLASH }, slashRequestReceipt)
/**
 * A slasher that is not a `VetoSlasher`, a missing or completed request, a sender that is not the
 * middleware, a request in its veto period or past its slash period, nothing left to slash (checked,
 * and decoded from the revert), bad parameters, and the send pipeline's errors.
 */
export type ExecuteSlashErrorType =
  | UnsupportedByTypeError
  | SlashRequestNotFoundError
  | SlashRequestCompletedError
  | NotNetworkMiddlewareError
  | VetoPeriodNotEndedError
  | SlashPeriodEndedError
  | NothingToSlashError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

/** Layer 1 (pure): `VetoSlasher.vetoSlash(slashIndex, hints)`. */
export const prepareVetoSlash = /* @__PURE__ */ prepareOf(vetoSlashCall)
/**
 * Layer 2: refuses a missing or completed request, a sender that is not the subnetwork's resolver
 * at the capture time (or no resolver at all), a veto after the deadline; simulates.
 */
export const simulateVetoSlash = /* @__PURE__ */ simulateOf(vetoSlash_)
/** Layer 3: the same checks, then sends. */
export const vetoSlash = /* @__PURE__ */ sendOf(vetoSlash_)
/** Layer 4: the receipt, `slashIndex` and `resolver`. */
export const waitForVetoSlash = /* @__PURE__ */ waitForOf({ name: VETO_SLASH }, slashRequestReceipt)
/**
 * A slasher that is not a `VetoSlasher`, a missing or completed request, a sender that is not its
 * resolver (or no resolver), a veto after the deadline (checked, and decoded), bad parameters.
 */
export type VetoSlashErrorType =
  | UnsupportedByTypeError
  | SlashRequestNotFoundError
  | SlashRequestCompletedError
  | NotResolverError
  | VetoPeriodEndedError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType

export type SetResolverParameters = {
  slasher: Address
  /** The sending network's subnetwork identifier (default 0). */
  identifier?: bigint | number | undefined
  /** Who may veto the subnetwork's slash requests (`0x0…0`: nobody). */
  resolver: Address
  hints?: Hex | undefined
} & SymbioticDeploymentParameter

const SET_RESOLVER = 'symbiotic.setResolver'
const setResolverCall = /* @__PURE__ */ defineCall({
  name: SET_RESOLVER,
  contract: 'VetoSlasher',
  deployment: symbioticSpecDeployment,
  resolve: (p: SetResolverParameters, { deployment }) => ({
    slasher: assertAddress('slasher', p.slasher),
    identifier: assertIdentifier(p.identifier),
    resolver: assertAddress('resolver', p.resolver),
    hints: assertHints(p.hints),
    deployment: deployment as SymbioticDeployment,
  }),
  call: (a) =>
    contractCall({
      address: a.slasher,
      abi: symbioticSlashingAbi,
      functionName: 'setResolver',
      args: [a.identifier, a.resolver, a.hints],
    }),
})
const setResolverReceipt = /* @__PURE__ */ defineReceipt({
  abi: symbioticSlashingAbi,
  decode: async (client, r) => {
    const ev = r.events.find((e) => e.eventName === 'SetResolver')
    if (ev?.eventName !== 'SetResolver') return { resolver: undefined, readyAt: undefined }
    const slasher = r.receipt.to as Address
    const blockNumber = r.receipt.blockNumber
    const [block, [current, vault, delay]] = await Promise.all([
      getAction(client, getBlock, 'getBlock')({ blockNumber }),
      readBatch(
        client,
        [
          {
            address: slasher,
            abi: symbioticSlashingAbi,
            functionName: 'resolver',
            args: [ev.args.subnetwork, '0x'],
          },
          { address: slasher, abi: symbioticSlashingAbi, functionName: 'vault' },
          { address: slasher, abi: symbioticSlashingAbi, functionName: 'resolverSetEpochsDelay' },
        ],
        { blockNumber },
      ),
    ])
    // the first resolver is in effect at once; a change from `currentEpochStart + delay × epochDuration`
    if (sameAddress(unwrap<Address>(current), ev.args.resolver))
      return { resolver: ev.args.resolver, readyAt: { timestamp: block.timestamp } }
    const [start, epoch] = await readBatch(
      client,
      [
        { address: unwrap<Address>(vault), abi: symbioticVaultClockAbi, functionName: 'currentEpochStart' },
        { address: unwrap<Address>(vault), abi: symbioticVaultClockAbi, functionName: 'epochDuration' },
      ],
      { blockNumber },
    )
    return {
      resolver: ev.args.resolver,
      /** When the new resolver takes effect (it may veto requests captured from then on). */
      readyAt: {
        timestamp: BigInt(unwrap<number>(start)) + unwrap<bigint>(delay) * BigInt(unwrap<number>(epoch)),
      },
    }
  },
})
const setResolver_ = /* @__PURE__ */ defineWrite(setResolverCall, {
  read: (a, { sender }) =>
    stage(
      [
        { address: a.slasher, abi: symbioticSlashingAbi, functionName: 'TYPE' },
        {
          address: a.deployment.networkRegistry,
          abi: symbioticEntityRegistryAbi,
          functionName: 'isEntity',
          args: [sender],
        },
      ],
      ([type, network]) => ({ type: ok<bigint>(type), isNetwork: unwrap<boolean>(network), sender }),
    ),
  check: (a, s) => {
    assertSlasherType(a.slasher, s.type, 1, 'setResolver')
    if (!s.isNetwork) throw new SymbioticNotRegisteredError({ entity: 'network', account: s.sender })
  },
  revert: (a, _s, { sender }) =>
    symbioticAvsRevertMapper({
      sender,
      network: sender,
      contract: a.slasher,
      setting: `The resolver of ${sender ? subnetworkOf(sender, a.identifier) : 'the subnetwork'}`,
    }),
  receipt: setResolverReceipt,
})

/** Layer 1 (pure): `VetoSlasher.setResolver(identifier, resolver, hints)`, sent by the network. */
export const prepareSetResolver = /* @__PURE__ */ prepareOf(setResolverCall)
/** Layer 2: refuses a slasher that is not a `VetoSlasher`, a sender that is not a network; simulates (the same resolver again is refused there). */
export const simulateSetResolver = /* @__PURE__ */ simulateOf(setResolver_)
/** Layer 3: the same checks, then sends. */
export const setResolver = /* @__PURE__ */ sendOf(setResolver_)
/** Layer 4: the receipt, `resolver` and `readyAt`: when it takes effect (at once for the first one, else after `resolverSetEpochsDelay` epochs). */
export const waitForSetResolver = /* @__PURE__ */ waitForOf({ name: SET_RESOLVER }, setResolverReceipt)
/**
 * A slasher that is not a `VetoSlasher`, a sender that is not a network (checked and decoded), the
 * same resolver again (decoded from the simulation), bad parameters, and the send pipeline's errors.
 */
export type SetResolverErrorType =
  | UnsupportedByTypeError
  | SymbioticNotRegisteredError
  | SymbioticAlreadySetError
  | InvalidAddressError
  | InvalidParameterError
  | WriteErrorType
