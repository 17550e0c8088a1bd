import {
  type Address,
  decodeErrorResult,
  encodeDeployData,
  getAddress,
  type Hex,
  numberToHex,
  zeroAddress,
} from 'viem'
import { InvalidParameterError, type ReadErrorType, type UnsupportedChainError } from '../../errors.js'
import { assertAddress, isPinned, knownPinnedBlock, pinnedBlock, runPlan } from '../../kit/index.js'
import type { SymbioticDeployment } from '../deployments.js'
import { SymbioticLensError } from '../errors.js'
import { callLens, type SymbioticReadClient, symbioticDeployment } from '../internal.js'
import { symbioticPositionsLensAbi, symbioticPositionsLensBytecode } from '../lens.js'
import { epochRange, finishPosition, planBuckets, type SymbioticVaultPosition } from '../positions.js'

export type GetPositionsParameters = {
  /** Whose positions. */
  staker: Address
  /** Vaults to look at (default: every vault of the deployment's VaultFactory). */
  vaults?: readonly Address[]
  deployment?: SymbioticDeployment
  /**
   * How many epochs before the current one to look for unclaimed withdrawals. Default: every epoch
   * since the vault's first: the lens reads the last 8 and, for a vault older than that, the older
   * epochs are read by `aggregate3` in one more round trip ({@link SYMBIOTIC_EPOCH_PAGE} epochs per
   * vault and round trip).
   */
  lookback?: number
  /** Keep vaults where the account holds nothing (default false). */
  includeEmpty?: boolean
  /** Vaults per lens call (default 100, about 10M gas); more vaults are read by parallel calls. */
  chunkSize?: number
  /** Read at this block (default: latest). */
  blockNumber?: bigint
  /**
   * Gas for each lens call (default: the node's eth_call cap). Measured on the devnet
   * (`getPositions.gas.chain.test.ts`): about 102k gas per vault with the default lookback of 8
   * epochs, 67k with lookback 0; a node with a low cap needs a smaller `chunkSize` or `lookback`.
   * Too little gas is a `SymbioticLensError`, never a vault left out.
   */
  gas?: bigint
}
export type GetPositionsReturnType = SymbioticVaultPosition[]
export type GetPositionsErrorType =
  | UnsupportedChainError
  | InvalidParameterError
  | SymbioticLensError
  | ReadErrorType

type LensPosition = {
  vault: Address
  collateral: Address
  currentEpoch: bigint
  epochDuration: bigint
  epochDurationInit: bigint
  activeShares: bigint
  activeBalance: bigint
  slashableBalance: bigint
  withdrawals: readonly { epoch: bigint; amount: bigint; shares: bigint }[]
}

/**
 * The lens's flat result (see `SymbioticPositionsLens.sol`): timestamp, vault count, then per
 * position 9 words (vault, collateral, currentEpoch, epochDuration, epochDurationInit, activeShares,
 * activeBalance, slashableBalance, n) and n buckets of 3 (epoch, amount, shares). Throws on words
 * that do not add up.
 */
export function decodeLensPositions(words: readonly bigint[]): {
  timestamp: bigint
  totalVaults: bigint
  positions: LensPosition[]
} {
  const positions: LensPosition[] = []
  let at = 2
  while (at < words.length) {
    const w = words.slice(at, at + 9)
    const n = Number(w[8] ?? 0n)
    const end = at + 9 + 3 * n
    if (w.length < 9 || end > words.length) throw new Error(`lens result cut short at word ${at}`)
    const [
      vault,
      collateral,
      currentEpoch,
      epochDuration,
      epochDurationInit,
      activeShares,
      activeBalance,
      slashableBalance,
    ] = w as [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint]
    const withdrawals = Array.from({ length: n }, (_, k) => {
      const [epoch, amount, shares] = words.slice(at + 9 + 3 * k, at + 12 + 3 * k) as [bigint, bigint, bigint]
      return { epoch, amount, shares }
    })
    positions.push({
      vault: wordAddress(vault),
      collateral: wordAddress(collateral),
      currentEpoch,
      epochDuration,
      epochDurationInit,
      activeShares,
      activeBalance,
      slashableBalance,
      withdrawals,
    })
    at = end
  }
  return { timestamp: words[0] ?? 0n, totalVaults: words[1] ?? 0n, positions }
}

const wordAddress = (word: bigint): Address => getAddress(numberToHex(word, { size: 20 }))

/** Epochs the lens scans itself unless told (`lookback`); older ones are read by `aggregate3` pages. */
const LENS_LOOKBACK = 8

/** One `eth_call` of the lens creation code; its revert carries the result. */
async function runLens(
  client: SymbioticReadClient,
  args: { factory: Address; offset: number; limit: number; vaults: readonly Address[]; account: Address },
  params: GetPositionsParameters,
): Promise<{ timestamp: bigint; totalVaults: bigint; positions: readonly LensPosition[] }> {
  const lookback = params.lookback ?? LENS_LOOKBACK
  if (!Number.isInteger(lookback) || lookback < 0)
    throw new InvalidParameterError({ parameter: 'lookback', reason: 'must be an integer ≥ 0' })
  const data = encodeDeployData({
    abi: symbioticPositionsLensAbi,
    bytecode: symbioticPositionsLensBytecode,
    args: [
      args.factory,
      BigInt(args.offset),
      BigInt(args.limit),
      args.vaults,
      args.account,
      BigInt(lookback),
      params.includeEmpty ?? false,
    ],
  })
  const decode = (raw: Hex) => {
    try {
      return decodeLensPositions(decodeErrorResult({ abi: symbioticPositionsLensAbi, data: raw }).args[0])
    } catch (error) {
      throw new SymbioticLensError({ cause: error })
    }
  }
  if (params.blockNumber !== undefined || !isPinned(client))
    return decode(await callLens(client, data, params))
  // on a pinned client (a portfolio): the pinned block once known; else the lens goes out now,
  // beside the first stage's aggregate3, and is read again at the pinned block only when the
  // block it saw (told by its timestamp) is another one
  const known = knownPinnedBlock(client)
  if (known !== undefined) return decode(await callLens(client, data, { ...params, blockNumber: known }))
  const result = decode(await callLens(client, data, params))
  const pin = await pinnedBlock(client)
  if (!pin || pin.timestamp === undefined || pin.timestamp === result.timestamp) return result
  return decode(await callLens(client, data, { ...params, blockNumber: pin.blockNumber }))
}

/**
 * Every Symbiotic position of one staker, for the given vaults or every vault of the
 * VaultFactory: active balance and shares, slashable balance, unclaimed withdrawals with their
 * readiness. Reads go through a never-deployed lens (`SymbioticPositionsLens`, see `lens.ts`):
 * one `eth_call` reads up to `chunkSize` vaults. Given vaults: one round trip (chunks in
 * parallel). The factory's vaults: one round trip up to `chunkSize` vaults, else a second one
 * for the rest (in parallel). Vaults that do not answer the vault interface are left out.
 * (To merge Symbiotic reads into other `aggregate3` stages, see `planPositions`.)
 */
export async function getPositions(
  client: SymbioticReadClient,
  params: GetPositionsParameters,
): Promise<GetPositionsReturnType> {
  const account = assertAddress('staker', params.staker)
  const vaults = params.vaults?.map((v, i) => assertAddress(`vaults[${i}]`, v))
  const chunk = params.chunkSize ?? 100
  if (!Number.isInteger(chunk) || chunk < 1)
    throw new InvalidParameterError({ parameter: 'chunkSize', reason: 'must be a positive integer' })
  let results: { positions: readonly LensPosition[] }[]
  if (vaults) {
    const chunks: Address[][] = []
    for (let i = 0; i < vaults.length; i += chunk) chunks.push(vaults.slice(i, i + chunk))
    results = await Promise.all(
      chunks.map((c) =>
        runLens(client, { factory: zeroAddress, offset: 0, limit: 0, vaults: c, account }, params),
      ),
    )
  } else {
    const factory = symbioticDeployment(client, params.deployment).vaultFactory
    const lens = (offset: number) =>
      runLens(client, { factory, offset, limit: chunk, vaults: [], account }, params)
    const first = await lens(0)
    const total = Number(first.totalVaults)
    const rest: Promise<{ positions: readonly LensPosition[] }>[] = []
    for (let offset = chunk; offset < total; offset += chunk) rest.push(lens(offset))
    results = [first, ...(await Promise.all(rest))]
  }
  const positions = results.flatMap((r) => r.positions)
  // no lookback given: the epochs before the lens's window, for the vaults older than it
  const older =
    params.lookback === undefined
      ? positions.flatMap((p) =>
          p.currentEpoch > BigInt(LENS_LOOKBACK)
            ? [
                {
                  vault: p.vault,
                  account,
                  epochs: epochRange(0n, p.currentEpoch - BigInt(LENS_LOOKBACK) - 1n),
                },
              ]
            : [],
        )
      : []
  const found = older.length
    ? await runPlan(
        client,
        planBuckets(older),
        params.blockNumber === undefined ? {} : { blockNumber: params.blockNumber },
      )
    : []
  const olderOf = new Map(older.map((o, i) => [o.vault, found[i] ?? []]))
  return positions.map((p) =>
    finishPosition(
      {
        vault: p.vault,
        staker: account,
        collateral: p.collateral,
        currentEpoch: p.currentEpoch,
        epochDuration: p.epochDuration,
        epochDurationInit: p.epochDurationInit,
        activeShares: p.activeShares,
        activeBalance: p.activeBalance,
        slashableBalance: p.slashableBalance,
      },
      [...(olderOf.get(p.vault) ?? []), ...p.withdrawals],
    ),
  )
}
