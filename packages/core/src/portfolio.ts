import type { Address, Chain, Client, Transport } from 'viem'
import { eigenlayerPortfolio } from './eigenlayer/portfolio.js'
import { InvalidDistributionError } from './eigenlayer/rewards/errors.js'
import {
  ChainMismatchError,
  InvalidParameterError,
  type ReadErrorType,
  RestakeKitError,
  RpcUnavailableError,
} from './errors.js'
import { karakPortfolio } from './karak/portfolio.js'
import {
  assertAddress,
  assertChain,
  type ClaimableReward,
  type PortfolioEntry,
  type PortfolioModule,
  type PortfolioSection,
  pinBlock,
  pinnedBlock,
  type QueuedWithdrawal,
  type StakePosition,
  type TokenHolding,
  withReadBatching,
} from './kit/index.js'
import { symbioticPortfolio } from './symbiotic/portfolio.js'

/** The protocols a portfolio reads when none are named: EigenLayer, Symbiotic and Karak. */
export const defaultPortfolioModules = [eigenlayerPortfolio, symbioticPortfolio, karakPortfolio] as const

/** Any module with a portfolio part (structural, so modules of other packages fit). */
export type AnyPortfolioModule = {
  readonly id: string
  readonly deployments: object
  readonly portfolio?: unknown
}
type DeploymentOf<M> = M extends { deployments: Readonly<Record<number, infer D>> } ? D : never
type PortfolioFn<M> = M extends { portfolio?: infer F } ? NonNullable<F> : never
type DetailOf<M> =
  PortfolioFn<M> extends (...args: never[]) => Promise<infer S>
    ? S extends PortfolioSection<infer T>
      ? T
      : never
    : never
type OptionsOf<M> =
  PortfolioFn<M> extends (client: never, params: infer P) => unknown
    ? P extends { options: infer O }
      ? O
      : never
    : never

/** Per protocol (by module id): `false` skips it; else its deployment and options. */
export type ProtocolOptions<modules extends readonly AnyPortfolioModule[]> = {
  [M in modules[number] as M['id']]?:
    | false
    | ({ deployment?: DeploymentOf<M> | undefined } & OptionsOf<M>)
    | undefined
}

export type GetRestakingPortfolioParameters<
  modules extends readonly AnyPortfolioModule[] = typeof defaultPortfolioModules,
> = {
  staker: Address
  /** The protocol modules to read (default `defaultPortfolioModules`; add `@restakekit/lrt`'s here). */
  protocols?: modules | undefined
  /** Return what could be read when one protocol fails (its error in `errors`) instead of throwing. */
  allowPartial?: boolean | undefined
  /**
   * The estimated gas one `aggregate3` may carry (default `DEFAULT_MAX_GAS`, 30M): a larger stage is
   * split into several `aggregate3`s sent together (one HTTP request with `http(url, { batch: true })`),
   * so each `eth_call` stays under the provider's gas cap.
   */
  maxGas?: bigint | undefined
} & ProtocolOptions<NoInfer<modules>>

export type GetRestakingPortfolioReturnType<
  modules extends readonly AnyPortfolioModule[] = typeof defaultPortfolioModules,
> = {
  staker: Address
  /**
   * The block every read of this portfolio saw (the first stage's, asked inside its `aggregate3`):
   * the figures are that block's state. Undefined when nothing was read.
   */
  blockNumber: bigint | undefined
  /** Stake restaked in strategies and vaults. */
  positions: StakePosition[]
  /** Liquid restaking tokens held, with what they are worth in the underlying. */
  holdings: TokenHolding[]
  withdrawals: QueuedWithdrawal[]
  rewards: ClaimableReward[]
  /** Protocols not read, and why (no deployment known on this chain, or skipped by the caller). */
  skipped: { protocol: string; reason: string }[]
  /** With `allowPartial`: the protocols whose read failed. */
  errors: { protocol: string; error: Error }[]
} & { [M in modules[number] as M['id']]?: DetailOf<M> }

export type GetRestakingPortfolioErrorType = PortfolioReadError | InvalidDistributionError | ReadErrorType

/** A protocol read failed inside a portfolio read (the others may have succeeded). */
export class PortfolioReadError extends RestakeKitError {
  override name = 'PortfolioReadError' as const
  readonly protocol: string
  constructor({ protocol, cause }: { protocol: string; cause: unknown }) {
    super(`Reading the ${protocol} positions failed.`, {
      details: ['Pass `allowPartial: true` to get the other protocols and this error in `errors`.'],
      docsPath: '/errors#portfolio-read',
      cause,
    })
    this.protocol = protocol
  }
}

/**
 * Every restaking position of one staker on the client's chain, in one normalized shape, with
 * each protocol's detailed view beside it (under its module id). A loop over the protocol modules:
 * they are read concurrently on one batching client, so their stages share each `aggregate3` —
 * two round trips however many strategies and vaults (the Symbiotic positions lens, when no vault
 * list is given, is one more `eth_call` in the first stage, the same HTTP request on a transport
 * with `batch: true`). Every read sees one block (the first stage's), returned as `blockNumber`.
 */
export async function getRestakingPortfolio<
  const modules extends readonly AnyPortfolioModule[] = typeof defaultPortfolioModules,
>(
  client: Client<Transport, Chain | undefined>,
  params: GetRestakingPortfolioParameters<modules>,
  /** Deployments configured on the client (`restakingActions({ deployments })`), by module id. */
  configured: Readonly<Record<string, unknown>> = {},
): Promise<GetRestakingPortfolioReturnType<modules>> {
  const staker = assertAddress('staker', params.staker)
  const modules = (params.protocols ?? defaultPortfolioModules) as readonly PortfolioModule[]
  const chainId = client.chain?.id
  // one batching client for every protocol, pinned: every stage of every plan reads the first stage's block
  const batched = pinBlock(
    withReadBatching(client, params.maxGas === undefined ? {} : { maxGas: params.maxGas }),
  )
  const out = {
    staker,
    blockNumber: undefined,
    positions: [],
    holdings: [],
    withdrawals: [],
    rewards: [],
    skipped: [],
    errors: [],
  } as {
    staker: Address
    blockNumber: bigint | undefined
    positions: StakePosition[]
    holdings: TokenHolding[]
    withdrawals: QueuedWithdrawal[]
    rewards: ClaimableReward[]
    skipped: { protocol: string; reason: string }[]
    errors: { protocol: string; error: Error }[]
  } & Record<string, unknown>
  const perModule = params as unknown as Record<
    string,
    false | ({ deployment?: unknown } & object) | undefined
  >

  const sections = await Promise.all(
    modules.map(async (module) => {
      const option = perModule[module.id]
      if (option === false) return out.skipped.push({ protocol: module.id, reason: 'skipped by the caller' })
      const deployment =
        option?.deployment ??
        configured[module.id] ??
        (chainId === undefined ? undefined : module.deployments[chainId])
      if (deployment === undefined || !module.portfolio) {
        return out.skipped.push({
          protocol: module.id,
          reason: `no known deployment on chain ${chainId ?? '(none)'}`,
        })
      }
      const { deployment: _, ...options } = option ?? {}
      try {
        const section = await module.portfolio(batched, { staker, deployment, options })
        if ('skip' in section) return out.skipped.push({ protocol: module.id, reason: section.skip })
        return { id: module.id, section }
      } catch (error) {
        // the wrong network is never a partial result (a read outside the kit's batch, such as a lens
        // call, is checked here: the chain id is known by then, or asked once); an outage is raised as itself
        if (error instanceof ChainMismatchError) throw error
        // bad input in a protocol's options is refused as itself, before any request
        if (error instanceof InvalidParameterError || error instanceof InvalidDistributionError) throw error
        if (!(error instanceof RpcUnavailableError)) await assertChain(batched)
        if (!params.allowPartial && error instanceof RpcUnavailableError) throw error
        if (!params.allowPartial) throw new PortfolioReadError({ protocol: module.id, cause: error })
        return out.errors.push({ protocol: module.id, error: error as Error })
      }
    }),
  )
  out.blockNumber = (await pinnedBlock(batched))?.blockNumber
  for (const s of sections) {
    if (typeof s !== 'object') continue
    out[s.id] = s.section.detail
    for (const entry of s.section.entries) add(out, entry)
  }
  return out as GetRestakingPortfolioReturnType<modules>
}

function add(
  out: Pick<GetRestakingPortfolioReturnType, 'positions' | 'holdings' | 'withdrawals' | 'rewards'>,
  entry: PortfolioEntry,
): void {
  switch (entry.kind) {
    case 'stake':
      out.positions.push(entry)
      return
    case 'token':
      out.holdings.push(entry)
      return
    case 'withdrawal':
      out.withdrawals.push(entry)
      return
    case 'reward':
      out.rewards.push(entry)
      return
  }
}
