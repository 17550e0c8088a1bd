/**
 * Framework-free query and mutation options in TanStack Query's shape (`{ queryKey, queryFn }`,
 * `{ mutationKey, mutationFn }`), built on the SDK's actions. Plain objects: pass them to
 * `useQuery` / `useMutation` (React, Vue, Solid, Svelte) or call `queryFn` yourself. No dependency
 * on TanStack Query.
 *
 * Every SDK call a dApp page makes goes through here, so a renamed action changes one file.
 */
import type { Address, Hex } from 'viem'
import type { EigenLayerDeployment } from '../eigenlayer/deployments.js'
import {
  completeWithdrawals,
  delegateTo,
  deposit,
  queueWithdrawals,
  waitForCompleteWithdrawals,
  waitForDelegateTo,
  waitForDeposit,
  waitForQueueWithdrawals,
} from '../eigenlayer/index.js'
import type { ReadClient, WriteClient } from '../kit/index.js'
import type { OnStage, WriteStage } from '../kit/stages.js'
import { type GetRestakingPortfolioReturnType, getRestakingPortfolio } from '../portfolio.js'
import type { SymbioticDeployment } from '../symbiotic/deployments.js'
import {
  claim as symbioticClaim,
  deposit as symbioticDeposit,
  waitForClaim as waitForSymbioticClaim,
  waitForDeposit as waitForSymbioticDeposit,
  waitForWithdraw,
  withdraw,
} from '../symbiotic/index.js'

export type { OnStage, WriteStage } from '../kit/stages.js'

/** A query key part: JSON-safe (bigints as decimal strings, addresses lower-cased, keys sorted). */
export type QueryKeyPart =
  | string
  | number
  | boolean
  | null
  | readonly QueryKeyPart[]
  | { [k: string]: QueryKeyPart }

/**
 * Normalizes a value for a query key: bigints become `"<n>n"` strings (TanStack hashes keys with
 * `JSON.stringify`, which throws on bigint), hex addresses are lower-cased (so checksummed and
 * lower-case spellings share a cache entry), object keys are sorted, `undefined` fields dropped.
 */
export function toKeyPart(value: unknown): QueryKeyPart {
  if (typeof value === 'bigint') return `${value}n`
  if (typeof value === 'string') return /^0x[0-9a-fA-F]{40}$/.test(value) ? value.toLowerCase() : value
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value
  if (Array.isArray(value)) return value.map(toKeyPart)
  if (typeof value === 'object' && value !== undefined) {
    const out: { [k: string]: QueryKeyPart } = {}
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k]
      if (v !== undefined && typeof v !== 'function') out[k] = toKeyPart(v)
    }
    return out
  }
  return null
}

/** The deployments a page passes (devnets have no known ones). */
export type QueryDeployments = {
  eigenlayer?: EigenLayerDeployment
  symbiotic?: SymbioticDeployment
}

/** `['restakekit', name, { chainId, ...params }]`, bigint-safe and stable. */
export function restakekitKey(name: string, client: ReadClient, params: object) {
  return ['restakekit', name, toKeyPart({ chainId: client.chain?.id ?? null, ...params })] as const
}

export type PortfolioQueryParameters = { staker: Address; deployments?: QueryDeployments }

/** Query options for a staker's cross-protocol portfolio (`getRestakingPortfolio`). */
export function portfolioQueryOptions(client: ReadClient, params: PortfolioQueryParameters) {
  const { staker, deployments = {} } = params
  return {
    queryKey: restakekitKey('portfolio', client, { staker }),
    queryFn: (): Promise<GetRestakingPortfolioReturnType> =>
      getRestakingPortfolio(client, { staker, karak: false }, deployments),
  }
}

/** Query options for a staker's withdrawals on every protocol, each with `ready` and `readyAt`. */
export function withdrawalsQueryOptions(client: ReadClient, params: PortfolioQueryParameters) {
  const portfolio = portfolioQueryOptions(client, params)
  return {
    queryKey: restakekitKey('withdrawals', client, { staker: params.staker }),
    queryFn: async () => (await portfolio.queryFn()).withdrawals,
  }
}

/** What every mutation resolves to: the transaction, and its receipt decoded. */
export type MutationResult<decoded> = { hash: Hex; blockNumber: bigint; decoded: decoded }

type StagedOptions = { deployments?: QueryDeployments; onStage?: OnStage }

/**
 * Builds mutation options from a send and a wait: `checks` first, the send's own stages, then
 * `sent`, `mined` and `decoded`; a failure reports `error` and rethrows the SDK's typed error.
 */
function mutation<
  variables,
  decoded extends { receipt: { blockNumber: bigint }; events: readonly { eventName: string }[] },
>(
  action: string,
  walletClient: WriteClient,
  options: StagedOptions,
  run: (wallet: WriteClient, variables: variables, onStage: OnStage | undefined) => Promise<Hex>,
  wait: (hash: Hex) => Promise<decoded>,
) {
  const onStage = options.onStage
  return {
    mutationKey: ['restakekit', action, toKeyPart({ chainId: walletClient.chain?.id ?? null })] as const,
    async mutationFn(variables: variables): Promise<MutationResult<decoded>> {
      let hash: Hex | undefined
      try {
        // the write reports checks, approval, simulated, signing and sent itself
        hash = await run(walletClient, variables, onStage)
        const decoded = await wait(hash)
        onStage?.({ stage: 'mined', action, hash, blockNumber: decoded.receipt.blockNumber })
        onStage?.({ stage: 'decoded', action, hash, events: decoded.events })
        return { hash, blockNumber: decoded.receipt.blockNumber, decoded }
      } catch (error) {
        // before the hash the write has reported its own error stage
        if (hash) onStage?.({ stage: 'error', action, step: action, error: error as Error })
        throw error
      }
    },
  }
}

/** EigenLayer: deposit `amount` of `token` into `strategy` (approves exactly `amount` when short). */
export function eigenlayerDepositMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  const deployment = options.deployments?.eigenlayer
  return mutation(
    'eigenlayer.deposit',
    walletClient,
    options,
    (w, v: { strategy: Address; token: Address; amount: bigint }, onStage) =>
      deposit(w, { ...v, deployment, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForDeposit(client, hash),
  )
}

/** EigenLayer: delegate to `operator`. */
export function eigenlayerDelegateMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  const deployment = options.deployments?.eigenlayer
  return mutation(
    'eigenlayer.delegateTo',
    walletClient,
    options,
    (w, v: { operator: Address }, onStage) =>
      delegateTo(w, { ...v, deployment, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForDelegateTo(client, hash),
  )
}

/** EigenLayer: queue one withdrawal of withdrawable `shares` per strategy. */
export function eigenlayerQueueWithdrawalsMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  const deployment = options.deployments?.eigenlayer
  return mutation(
    'eigenlayer.queueWithdrawals',
    walletClient,
    options,
    (w, v: { strategies: readonly Address[]; shares: readonly bigint[] }, onStage) =>
      queueWithdrawals(w, { ...v, deployment, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForQueueWithdrawals(client, hash),
  )
}

/** EigenLayer: complete the given withdrawals (roots), or every ready one, as tokens. */
export function eigenlayerCompleteWithdrawalsMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  const deployment = options.deployments?.eigenlayer
  return mutation(
    'eigenlayer.completeWithdrawals',
    walletClient,
    options,
    (w, v: { withdrawals?: readonly Hex[] }, onStage) =>
      completeWithdrawals(w, {
        ...(v.withdrawals ? { withdrawals: v.withdrawals } : {}),
        deployment,
        ...(onStage ? { onStage } : {}),
      }),
    (hash) => waitForCompleteWithdrawals(client, hash),
  )
}

/** Symbiotic: deposit `amount` of the vault's collateral (approves exactly `amount` when short). */
export function symbioticDepositMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  return mutation(
    'symbiotic.deposit',
    walletClient,
    options,
    (w, v: { vault: Address; amount: bigint }, onStage) =>
      symbioticDeposit(w, { ...v, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForSymbioticDeposit(client, hash),
  )
}

/** Symbiotic: withdraw `amount` from the active balance (claimable after the next epoch). */
export function symbioticWithdrawMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  return mutation(
    'symbiotic.withdraw',
    walletClient,
    options,
    (w, v: { vault: Address; amount: bigint }, onStage) =>
      withdraw(w, { ...v, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForWithdraw(client, hash),
  )
}

/** Symbiotic: claim one epoch's withdrawal, or every claimable one. */
export function symbioticClaimMutationOptions(
  walletClient: WriteClient,
  client: ReadClient,
  options: StagedOptions = {},
) {
  return mutation(
    'symbiotic.claim',
    walletClient,
    options,
    (w, v: { vault: Address; epoch?: bigint }, onStage) =>
      symbioticClaim(w, { ...v, ...(onStage ? { onStage } : {}) }),
    (hash) => waitForSymbioticClaim(client, hash),
  )
}

/** A stage as one line for a progress list (amounts in base units). */
export function describeStage(s: WriteStage): string {
  switch (s.stage) {
    case 'checks':
      return 'Checking inputs and chain state'
    case 'approval-sent':
      return `Approval sent: ${s.amount} to ${s.spender} (${s.hash})`
    case 'approval-mined':
      return `Approval mined (${s.hash})`
    case 'simulated':
      return 'Simulated: the call succeeds'
    case 'signing':
      return 'Waiting for the wallet to sign'
    case 'sent':
      return `Sent (${s.hash})`
    case 'mined':
      return `Mined in block ${s.blockNumber}`
    case 'replaced':
      return `Replaced (${s.reason}) by ${s.replacedBy}`
    case 'decoded':
      return `Decoded events: ${s.events.map((e) => e.eventName).join(', ') || 'none'}`
    case 'error':
      return `Failed: ${(s.error as { shortMessage?: string }).shortMessage ?? s.error.message}`
  }
}
