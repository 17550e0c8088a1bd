import {
  type Account,
  type Address,
  type Chain,
  type Client,
  encodeAbiParameters,
  type Hex,
  keccak256,
  parseAbi,
  type Transport,
  type WalletClient,
} from 'viem'
import { getBlock } from 'viem/actions'
import { ChainMismatchError, InvalidParameterError, UnsupportedChainError } from '../errors.js'
import { type BatchRead, type BatchResult, resolveDeployment } from '../tx.js'
import { type EigenLayerDeployment, eigenlayerContracts } from './deployments.js'

/** A client that reads (public or wallet). */
export type EigenLayerReadClient = Client<Transport, Chain | undefined>
/** A client that sends (a wallet client with or without a hoisted account). */
export type EigenLayerWalletClient = WalletClient<Transport, Chain | undefined, Account | undefined>

/** Every action takes an optional deployment (a fork, a new testnet); default: the client's chain. */
export type DeploymentParameter = { deployment?: EigenLayerDeployment | undefined }

/**
 * The deployment for this call: the given one, else the known one for the client's chain (its core
 * contracts; a read that lists the known strategies passes `eigenlayerDeployments` as `known`).
 */
export function getDeployment(
  client: EigenLayerReadClient,
  deployment?: EigenLayerDeployment,
  known: Readonly<Record<number, EigenLayerDeployment>> = eigenlayerContracts,
) {
  return resolveDeployment<EigenLayerDeployment>(client, known, 'EigenLayer', deployment)
}

/** `DelegationManager.Withdrawal` as the contracts define it. */
export type Withdrawal = {
  staker: Address
  delegatedTo: Address
  withdrawer: Address
  nonce: bigint
  startBlock: number
  strategies: readonly Address[]
  scaledShares: readonly bigint[]
}

const withdrawalAbiParameter = [
  {
    type: 'tuple',
    components: [
      { name: 'staker', type: 'address' },
      { name: 'delegatedTo', type: 'address' },
      { name: 'withdrawer', type: 'address' },
      { name: 'nonce', type: 'uint256' },
      { name: 'startBlock', type: 'uint32' },
      { name: 'strategies', type: 'address[]' },
      { name: 'scaledShares', type: 'uint256[]' },
    ],
  },
] as const

/** `calculateWithdrawalRoot`: `keccak256(abi.encode(withdrawal))` (pure; equals the contract's view). */
export function withdrawalRoot(withdrawal: Withdrawal): Hex {
  return keccak256(encodeAbiParameters(withdrawalAbiParameter, [withdrawal]))
}

export function accountAddress(account: Account | Address): Address {
  return typeof account === 'string' ? account : account.address
}

/** The account a read-or-write action acts for: the parameter, else the client's account. */
export function requireAccount(
  client: EigenLayerReadClient & { account?: Account | undefined },
  account: Account | Address | undefined,
  role = 'account',
): Account | Address {
  const acc = account ?? client.account
  if (!acc)
    throw new InvalidParameterError({ parameter: role, reason: 'the client has no account; pass one' })
  return acc
}

const multicallClockAbi = /* @__PURE__ */ parseAbi([
  'function getBlockNumber() view returns (uint256 blockNumber)',
  'function getCurrentBlockTimestamp() view returns (uint256 timestamp)',
])

/** Canonical Multicall3 address. */
const MULTICALL3 = '0xcA11bde05977b3631167028862bE2a173976CA11' as const

/**
 * Reads of the block number and timestamp, to put in the same batch as the state they judge
 * (Multicall3's own views: the client's `multicall3`, else the canonical address).
 */
export function clockReads(client?: EigenLayerReadClient): BatchRead[] {
  const address = client?.chain?.contracts?.multicall3?.address ?? MULTICALL3
  return [
    { address, abi: multicallClockAbi, functionName: 'getBlockNumber' },
    { address, abi: multicallClockAbi, functionName: 'getCurrentBlockTimestamp' },
  ]
}

/** The block and timestamp from `clockReads` results, or (no Multicall3 on chain) from the latest block. */
export async function clockFrom(
  client: EigenLayerReadClient,
  results: readonly (BatchResult | undefined)[],
): Promise<{ blockNumber: bigint; timestamp: bigint }> {
  const [n, t] = results
  if (n?.status === 'success' && t?.status === 'success') {
    return { blockNumber: n.result as bigint, timestamp: t.result as bigint }
  }
  const block = await getBlock(client, { blockTag: 'latest' })
  return { blockNumber: block.number, timestamp: block.timestamp }
}

/**
 * The block a transaction sent after a read at `latest` lands in (anvil and mainnet both include
 * it in the next block at the earliest): readiness is judged there, so that `ready` means a
 * transaction sent now succeeds.
 */
export function nextBlock(latest: bigint): bigint {
  return latest + 1n
}

export function sameAddress(a: Address | undefined | null, b: Address | undefined | null): boolean {
  return !!a && !!b && a.toLowerCase() === b.toLowerCase()
}

/** Pure `prepareX` functions need the contract addresses: a deployment, or a chain id with a known one. */
export type PrepareDeploymentParameter =
  | { deployment: EigenLayerDeployment; chainId?: number | undefined }
  | { chainId: number; deployment?: undefined }

/** The deployment for a pure `prepareX` (no client): the given one, else the known one for `chainId`. */
export function prepareDeployment(params: PrepareDeploymentParameter): EigenLayerDeployment {
  if (params.deployment) return params.deployment
  const found = (eigenlayerContracts as Record<number, EigenLayerDeployment>)[params.chainId]
  if (!found) throw new UnsupportedChainError({ chainId: params.chainId, protocol: 'EigenLayer' })
  return found
}

/**
 * The deployment of a `defineWrite` spec (its `deployment` slot): the given one, else the known one
 * for the chain (the client's in simulate/send, `chainId` in prepare).
 */
export function specDeployment(chainId: number | undefined, given: unknown): EigenLayerDeployment {
  const d = given as EigenLayerDeployment | undefined
  if (d) {
    if (d.chainId !== undefined && chainId !== undefined && d.chainId !== chainId)
      throw new ChainMismatchError({ deployment: d.chainId, client: chainId })
    return d
  }
  if (chainId === undefined)
    throw new InvalidParameterError({
      parameter: 'chainId',
      reason: 'no chain: pass an EigenLayer deployment or a chainId',
    })
  const found = (eigenlayerContracts as Record<number, EigenLayerDeployment>)[chainId]
  if (!found) throw new UnsupportedChainError({ chainId, protocol: 'EigenLayer' })
  return found
}

/**
 * The deployment slot of an EigenLayer spec, resolved lazily: `resolve` validates the parameters
 * first (a bad amount is an `InvalidAmountError` even on a chain without a known deployment), then
 * calls `deploymentOf(ctx)`.
 */
export function lazyDeployment(chainId: number | undefined, given: unknown): () => EigenLayerDeployment {
  return () => specDeployment(chainId, given)
}

/** The deployment from a spec's context (see `lazyDeployment`). */
export function deploymentOf(ctx: { deployment: unknown }): EigenLayerDeployment {
  return (ctx.deployment as () => EigenLayerDeployment)()
}
