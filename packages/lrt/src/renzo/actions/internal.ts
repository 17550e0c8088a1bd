import {
  type BatchRead,
  type BatchResult,
  isPlan,
  type ReadClient,
  type ReadPlan,
  RestakeKitError,
  resolveDeployment,
  stage,
  UnsupportedChainError,
  unwrap,
} from '@restakekit/core'
import {
  type Address,
  encodeAbiParameters,
  getAddress,
  type Hex,
  isAddressEqual,
  keccak256,
  zeroAddress,
} from 'viem'
import { DeploymentMismatchError } from '../../errors.js'
import {
  multicallReadsAbi,
  renzoEzETHAbi,
  renzoRestakeManagerAbi,
  renzoRiskOracleMiddlewareAbi,
  renzoWithdrawQueueAbi,
} from '../abis.js'
import { RENZO_ETH_ADDRESS, type RenzoDeployment, renzoDeployments } from '../deployments.js'

export type { ReadClient }

/** Canonical Multicall3 (its `getEthBalance` and `getCurrentBlockTimestamp` join a read stage). */
export const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

/** The Renzo deployment given, else the known one for the client's chain (a typed error when none). */
export function renzoDeployment(client: ReadClient, deployment?: RenzoDeployment): RenzoDeployment {
  return resolveDeployment(client, renzoDeployments as Record<number, RenzoDeployment>, 'Renzo', deployment)
}

/** For writes: the deployment given, else the chain's known one, else a typed error. */
export function writeDeployment(chainId: number | undefined, given: unknown): RenzoDeployment {
  if (given) return given as RenzoDeployment
  const known =
    chainId === undefined ? undefined : (renzoDeployments as Record<number, RenzoDeployment>)[chainId]
  if (!known) throw new UnsupportedChainError({ chainId: chainId ?? 0, protocol: 'Renzo' })
  return known
}

export const isNative = (asset: Address) => isAddressEqual(asset, RENZO_ETH_ADDRESS)

/** The identity read: ezETH's `symbol()`. */
export function symbolRead(d: RenzoDeployment): BatchRead {
  return { address: d.ezETH, abi: renzoEzETHAbi, functionName: 'symbol' }
}

/** The RenzoOracle read (`RestakeManager.renzoOracle()`), so a deployment need not name it. */
export function oracleRead(d: RenzoDeployment): BatchRead {
  return { address: d.restakeManager, abi: renzoRestakeManagerAbi, functionName: 'renzoOracle' }
}

/** The oracle: the deployment's, else the RestakeManager's answer. */
export function oracleOf(d: RenzoDeployment, r: BatchResult | undefined): Address {
  if (d.renzoOracle) return d.renzoOracle
  if (r?.status === 'success') return r.result as Address
  throw new DeploymentMismatchError({
    protocol: 'Renzo',
    contract: 'RestakeManager',
    address: d.restakeManager,
    expected: 'renzoOracle()',
    found: 'a failed read (no code, or another contract)',
  })
}

/** The chain time, in the same stage (Multicall3 `getCurrentBlockTimestamp`). */
export function timestampRead(): BatchRead {
  return { address: MULTICALL3, abi: multicallReadsAbi, functionName: 'getCurrentBlockTimestamp' }
}

export function timestampOf(r: BatchResult | undefined): bigint {
  if (r?.status === 'success') return r.result as bigint
  throw new RestakeKitError('Could not read the chain time (Multicall3 getCurrentBlockTimestamp failed).', {
    details: ['The chain needs the canonical Multicall3 at 0xcA11bde05977b3631167028862bE2a173976CA11.'],
  })
}

/**
 * The identity guard: ezETH answers `symbol()` with "ezETH" (a failed read means no code or not the
 * token). `others` are reads of the RestakeManager or WithdrawQueue that must have succeeded too.
 */
export function assertRenzo(
  d: RenzoDeployment,
  symbol: BatchResult | undefined,
  others: readonly [string, Address, BatchResult | undefined][] = [],
): void {
  const found = symbol?.status === 'success' ? String(symbol.result) : 'no answer to symbol() (no code?)'
  if (found !== 'ezETH')
    throw new DeploymentMismatchError({
      protocol: 'Renzo',
      contract: 'EzEthToken',
      address: d.ezETH,
      expected: 'symbol() "ezETH"',
      found,
    })
  for (const [contract, address, r] of others) {
    if (r?.status !== 'success')
      throw new DeploymentMismatchError({
        protocol: 'Renzo',
        contract,
        address,
        expected: `${contract}'s interface`,
        found: 'a failed read (no code, or another contract)',
      })
  }
}

/** A plan's value mapped (pure, stage for stage). */
export function mapPlan<T, U>(plan: ReadPlan<T>, f: (value: T) => U | ReadPlan<U>): ReadPlan<U> {
  return stage(plan.reads, (results) => {
    const next = plan.next(results)
    return isPlan(next) ? mapPlan(next, f) : f(next)
  })
}

/** Which claim form the WithdrawQueue's implementation has: v1.8+ `claim(uint256,address)`, or v1.7 `claim(uint256)`. */
export type RenzoWithdrawQueueForm = 'head' | 'v1.7'

const EIP1967_IMPLEMENTATION_SLOT = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'
const forms = new Map<string, RenzoWithdrawQueueForm>()

/**
 * Probes the WithdrawQueue's claim form: reads the EIP-1967 implementation slot (the address itself
 * when it is not a proxy), then looks for each claim selector (`PUSH4 0xddd5e1b2` / `PUSH4 0x379607f5`)
 * in that code. Cached per chain and address; two `eth_` requests the first time.
 */
export async function probeWithdrawQueueForm(
  client: ReadClient,
  withdrawQueue: Address,
): Promise<RenzoWithdrawQueueForm> {
  const key = `${client.chain?.id ?? '?'}:${withdrawQueue.toLowerCase()}`
  const cached = forms.get(key)
  if (cached) return cached
  const slot = (await client.request({
    method: 'eth_getStorageAt',
    params: [withdrawQueue, EIP1967_IMPLEMENTATION_SLOT, 'latest'],
  })) as Hex
  const implementation = BigInt(slot) === 0n ? withdrawQueue : getAddress(`0x${slot.slice(-40)}`)
  const code = (
    (await client.request({ method: 'eth_getCode', params: [implementation, 'latest'] })) as Hex
  ).toLowerCase()
  const form: RenzoWithdrawQueueForm | undefined = code.includes('63ddd5e1b2')
    ? 'head'
    : code.includes('63379607f5')
      ? 'v1.7'
      : undefined
  if (!form)
    throw new DeploymentMismatchError({
      protocol: 'Renzo',
      contract: 'WithdrawQueue',
      address: withdrawQueue,
      expected: 'claim(uint256,address) or claim(uint256) in the implementation',
      found:
        implementation === withdrawQueue ? 'neither selector in its code' : `neither in ${implementation}`,
    })
  forms.set(key, form)
  return form
}

/** One of the owner's withdrawal requests, as the WithdrawQueue holds it now, with its readiness. */
export type RenzoWithdrawalRequest = {
  /** Renzo's `withdrawRequestID` (stable; the index is not). */
  requestId: bigint
  owner: Address
  /** Its index in the owner's array now (it moves when another request is claimed), or null once claimed. */
  index: bigint | null
  /** The asset it pays: `RENZO_ETH_ADDRESS` for ETH, or an ERC-20. */
  asset: Address
  /** ezETH locked (burned at the claim). */
  ezETHLocked: bigint
  /** What the claim pays now: the lesser of the amount at request time and at the rate now. */
  amount: bigint
  /** The amount fixed when it was requested (`amountToRedeem`). */
  amountAtRequest: bigint
  /** Unix time of the request (`createdAt`), or null when not known (a claimed one). */
  createdAt: bigint | null
  /**
   * `pending` (cooldown running, or queued and not filled yet), `claimable`, or `claimed`. Renzo has
   * no separate finalization: a request is claimable as soon as both conditions hold.
   */
  status: 'pending' | 'claimable' | 'claimed'
  /** A claim sent now succeeds. */
  ready: boolean
  /** When the cooldown ends (`createdAt` + the larger of the cooldowns); a queued request also needs the buffer filled. */
  readyAt: { timestamp: bigint }
  /** It was queued (the buffer could not pay it when requested). */
  queued: boolean
  /** How much more the queue must be filled before it can be claimed (0n when not queued or filled). */
  queueShortfall: bigint
}

export type RenzoRequestsState = {
  owner: Address
  timestamp: bigint
  /** The cooldown the claim waits: the larger of `coolDownPeriod` and the risk-oracle middleware's. */
  coolDownPeriod: bigint
  requests: RenzoWithdrawalRequest[]
}

/** Requests read in the first stage without knowing their count (a failed read past the end is kept). */
const SPECULATIVE = 4

type Raw = readonly [Address, bigint, bigint, bigint, bigint]

const requestRead = (d: RenzoDeployment, owner: Address, i: number): BatchRead => ({
  address: d.withdrawQueue,
  abi: renzoWithdrawQueueAbi,
  functionName: 'withdrawRequests',
  args: [owner, BigInt(i)],
})

/** Renzo's queued-withdrawal key: `keccak256(abi.encode(WithdrawRequest, user))`. */
export function renzoWithdrawHash(raw: Raw, owner: Address): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        {
          type: 'tuple',
          components: [
            { type: 'address' },
            { type: 'uint256' },
            { type: 'uint256' },
            { type: 'uint256' },
            { type: 'uint256' },
          ],
        },
        { type: 'address' },
      ],
      [[...raw] as never, owner],
    ),
  )
}

/** The first stage's reads of `requestsPlan` (so a caller can join them to its own stage). */
export function requestsReads(d: RenzoDeployment, owner: Address, clock: BatchRead): BatchRead[] {
  const q = d.withdrawQueue
  return [
    { address: q, abi: renzoWithdrawQueueAbi, functionName: 'getOutstandingWithdrawRequests', args: [owner] },
    { address: q, abi: renzoWithdrawQueueAbi, functionName: 'coolDownPeriod' },
    { address: q, abi: renzoWithdrawQueueAbi, functionName: 'riskOracleMiddleware' },
    clock,
    ...Array.from({ length: SPECULATIVE }, (_, i) => requestRead(d, owner, i)),
  ]
}

/**
 * The owner's open requests with status and readiness, from the results of `requestsReads`: one
 * more stage (queue status, queue totals, the amount now, the middleware's cooldown) when the owner
 * has at most 4 requests, two otherwise. Tolerates the v1.7 form (no queue, no middleware).
 */
export function requestsFrom(
  d: RenzoDeployment,
  owner: Address,
  results: readonly BatchResult[],
): RenzoRequestsState | ReadPlan<RenzoRequestsState> {
  const [count, cool, middleware, time, ...spec] = results
  if (count?.status !== 'success' || cool?.status !== 'success')
    throw new DeploymentMismatchError({
      protocol: 'Renzo',
      contract: 'WithdrawQueue',
      address: d.withdrawQueue,
      expected: "WithdrawQueue's interface",
      found: 'a failed read (no code, or another contract)',
    })
  const n = Number(count.result as bigint)
  const timestamp = timestampOf(time)
  const risk = middleware?.status === 'success' ? (middleware.result as Address) : zeroAddress
  const known: Raw[] = spec.slice(0, Math.min(n, SPECULATIVE)).map((r) => unwrap<Raw>(r))
  const finish = (raws: Raw[]) => finalStage(d, owner, raws, cool.result as bigint, risk, timestamp)
  if (n <= SPECULATIVE) return finish(known)
  return stage(
    Array.from({ length: n - SPECULATIVE }, (_, i) => requestRead(d, owner, SPECULATIVE + i)),
    (rest) => finish([...known, ...rest.map((r) => unwrap<Raw>(r))]),
  )
}

function finalStage(
  d: RenzoDeployment,
  owner: Address,
  raws: Raw[],
  coolDown: bigint,
  risk: Address,
  timestamp: bigint,
): RenzoRequestsState | ReadPlan<RenzoRequestsState> {
  const q = d.withdrawQueue
  const assets = [...new Set(raws.map((r) => r[0].toLowerCase()))].map((a) => getAddress(a))
  const reads: BatchRead[] = [
    ...(risk === zeroAddress
      ? []
      : [{ address: risk, abi: renzoRiskOracleMiddlewareAbi, functionName: 'withdrawCooldownPeriod' }]),
    ...assets.map((asset) =>
      isNative(asset)
        ? { address: q, abi: renzoWithdrawQueueAbi, functionName: 'ethWithdrawQueue' }
        : { address: q, abi: renzoWithdrawQueueAbi, functionName: 'erc20WithdrawQueue', args: [asset] },
    ),
    ...raws.flatMap((raw) => [
      {
        address: q,
        abi: renzoWithdrawQueueAbi,
        functionName: 'withdrawQueued',
        args: [renzoWithdrawHash(raw, owner)],
      },
      {
        address: q,
        abi: renzoWithdrawQueueAbi,
        functionName: 'calculateAmountToRedeem',
        args: [raw[3], raw[0]],
      },
    ]),
  ]
  return stage(reads, (r) => {
    let k = 0
    let cooldown = coolDown
    if (risk !== zeroAddress) {
      const m = r[k++]
      if (m?.status === 'success' && (m.result as bigint) > cooldown) cooldown = m.result as bigint
    }
    const filledBy = new Map<string, bigint>()
    for (const asset of assets) {
      const t = r[k++]
      // the v1.7 form has no queue: nothing is ever queued
      filledBy.set(asset.toLowerCase(), t?.status === 'success' ? (t.result as readonly bigint[])[1]! : 0n)
    }
    const requests = raws.map((raw, i): RenzoWithdrawalRequest => {
      const status = r[k++]
      const now = r[k++]
      const [queued, fillAt] =
        status?.status === 'success' ? (status.result as readonly [boolean, bigint]) : [false, 0n]
      const filled = filledBy.get(raw[0].toLowerCase()) ?? 0n
      const queueShortfall = queued && fillAt > filled ? fillAt - filled : 0n
      const nowAmount = now?.status === 'success' ? (now.result as readonly [unknown, bigint])[1] : raw[2]
      // biome-ignore lint/complexity/useMathMinMax: bigints (Math.min takes numbers); the claim pays the lesser
      const amount = nowAmount < raw[2] ? nowAmount : raw[2]
      const readyAt = raw[4] + cooldown
      const ready = readyAt <= timestamp && queueShortfall === 0n
      return {
        requestId: raw[1],
        owner,
        index: BigInt(i),
        asset: raw[0],
        ezETHLocked: raw[3],
        amount,
        amountAtRequest: raw[2],
        createdAt: raw[4],
        status: ready ? 'claimable' : 'pending',
        ready,
        readyAt: { timestamp: readyAt },
        queued,
        queueShortfall,
      }
    })
    return { owner, timestamp, coolDownPeriod: cooldown, requests }
  })
}

/** The owner's open requests (two read stages for up to 4 requests). */
export function requestsPlan(
  d: RenzoDeployment,
  owner: Address,
  clock: BatchRead = timestampRead(),
): ReadPlan<RenzoRequestsState> {
  return stage(requestsReads(d, owner, clock), (r) => requestsFrom(d, owner, r))
}
