import type { Address, Chain, Client, Hex, Transport } from 'viem'
import { getPortfolio as getEigenLayerPortfolio } from './eigenlayer/actions/getPortfolio.js'
import { type EigenLayerDeployment, eigenlayerDeployments } from './eigenlayer/deployments.js'
import { RestakeKitError } from './errors.js'
import { getKarakPositions, type KarakPositions } from './karak/actions/getKarakPositions.js'
import { type KarakDeployment, karakDeployments } from './karak/deployments.js'
import { getSymbioticPositions } from './symbiotic/actions/getSymbioticPositions.js'
import { type SymbioticDeployment, symbioticDeployments } from './symbiotic/deployments.js'
import { readPositions, type SymbioticVaultPosition } from './symbiotic/positions.js'
import { assertAddress, withReadBatching } from './tx.js'

export type RestakingProtocol = 'eigenlayer' | 'symbiotic' | 'karak'

/** One restaked position, the same shape for every protocol. */
export type RestakingPosition = {
  protocol: RestakingProtocol
  /** The EigenLayer strategy, or the Symbiotic / Karak vault. */
  location: Address
  /** The token `amount` is in; `null` for EigenLayer beacon-chain ETH (native ETH). */
  asset: Address | null
  /** What the position is worth now in `asset` base units (after any slashing). */
  amount: bigint
  /**
   * Who the stake is delegated to: the staker's EigenLayer operator, the Karak vault's operator;
   * `null` when undelegated or, for Symbiotic, because the vault's delegator spreads it over operators.
   */
  operator: Address | null
}

/** A withdrawal on its way out, the same shape for every protocol. */
export type RestakingWithdrawal = {
  protocol: RestakingProtocol
  location: Address
  asset: Address | null
  /** What it pays out now, in `asset` base units (slashing until completion still applies). */
  amount: bigint
  /** EigenLayer withdrawal root, Symbiotic epoch, or Karak withdrawal key. */
  id: Hex | bigint
  ready: boolean
  /** When it becomes ready: EigenLayer counts blocks, Symbiotic and Karak unix seconds. */
  readyAt: { block: bigint } | { timestamp: bigint }
}

type ProtocolOption<deployment, extra = object> = false | ({ deployment?: deployment } & extra)

export type GetRestakingPortfolioParameters = {
  staker: Address
  /** `false` skips EigenLayer; default: the known deployment of the client's chain, if any. */
  eigenlayer?: ProtocolOption<EigenLayerDeployment>
  /**
   * `false` skips Symbiotic. With `vaults` the vaults are read in the shared `aggregate3` stages;
   * without, every vault of the VaultFactory is read by the positions lens (one more `eth_call`,
   * sent alongside the first stage).
   */
  symbiotic?: ProtocolOption<
    SymbioticDeployment,
    {
      vaults?: readonly Address[]
      /**
       * How many epochs before the current one to scan for unclaimed withdrawals (default 8).
       * Symbiotic keeps no per-account list: older unclaimed buckets are not seen.
       */
      lookback?: number
    }
  >
  /** `false` skips Karak. Vaults default to the deployment's list (Core keeps none). */
  karak?: ProtocolOption<KarakDeployment, { vaults?: readonly Address[] }>
  /** Return what could be read when one protocol fails (its error in `errors`) instead of throwing. */
  allowPartial?: boolean
}

export type GetRestakingPortfolioReturnType = {
  staker: Address
  positions: RestakingPosition[]
  withdrawals: RestakingWithdrawal[]
  /** The protocols' own detailed views. */
  eigenlayer?: Awaited<ReturnType<typeof getEigenLayerPortfolio>>
  symbiotic?: SymbioticVaultPosition[]
  karak?: KarakPositions
  /** Protocols not read, and why (no deployment known on this chain, or skipped by the caller). */
  skipped: { protocol: RestakingProtocol; reason: string }[]
  /** With `allowPartial`: the protocols whose read failed. */
  errors: { protocol: RestakingProtocol; error: Error }[]
}

export type GetRestakingPortfolioErrorType = RestakeKitError | Error

/** A protocol read failed inside a portfolio read (the others may have succeeded). */
export class PortfolioReadError extends RestakeKitError {
  override name = 'PortfolioReadError'
  constructor(
    readonly protocol: RestakingProtocol,
    cause: unknown,
  ) {
    super(`Reading the ${protocol} positions failed.`, {
      details: ['Pass `allowPartial: true` to get the other protocols and this error in `errors`.'],
      docsPath: '/errors#portfolio-read',
      cause,
    })
  }
}

function pick<deployment>(
  option: ProtocolOption<deployment, object> | undefined,
  known: Readonly<Record<number, deployment>>,
  chainId: number | undefined,
): { deployment: deployment } | { reason: string } {
  if (option === false) return { reason: 'skipped by the caller' }
  const given = option?.deployment
  if (given) return { deployment: given }
  const found = chainId === undefined ? undefined : known[chainId]
  return found ? { deployment: found } : { reason: `no known deployment on chain ${chainId ?? '(none)'}` }
}

/**
 * Every restaking position of one staker on the client's chain — EigenLayer deposits and queued
 * withdrawals, Symbiotic vault balances and withdrawal buckets, Karak vault shares and queued
 * redemptions — in one normalized shape, with each protocol's detailed view beside it.
 *
 * The protocols are read concurrently on one batching client, so their stages share each
 * `aggregate3`: two round trips however many strategies and vaults (the Symbiotic positions lens,
 * when no vault list is given, is one more `eth_call` in the first stage — the same HTTP request
 * on a transport with `batch: true`).
 */
export async function getRestakingPortfolio(
  client: Client<Transport, Chain | undefined>,
  params: GetRestakingPortfolioParameters,
): Promise<GetRestakingPortfolioReturnType> {
  const staker = assertAddress('staker', params.staker)
  const chainId = client.chain?.id
  const batched = withReadBatching(client)
  const skipped: GetRestakingPortfolioReturnType['skipped'] = []
  const errors: GetRestakingPortfolioReturnType['errors'] = []

  const el = pick(params.eigenlayer, eigenlayerDeployments as Record<number, EigenLayerDeployment>, chainId)
  const sym = pick(params.symbiotic, symbioticDeployments as Record<number, SymbioticDeployment>, chainId)
  const kar = pick(params.karak, karakDeployments as Record<number, KarakDeployment>, chainId)
  const symVaults = params.symbiotic ? params.symbiotic.vaults : undefined
  const lookback = params.symbiotic ? params.symbiotic.lookback : undefined
  const karVaults = params.karak ? params.karak.vaults : undefined
  const karakHasVaults = 'deployment' in kar && Boolean(karVaults ?? kar.deployment.vaults)
  if ('reason' in el) skipped.push({ protocol: 'eigenlayer', reason: el.reason })
  if ('reason' in sym) skipped.push({ protocol: 'symbiotic', reason: sym.reason })
  if ('reason' in kar) skipped.push({ protocol: 'karak', reason: kar.reason })
  if ('deployment' in kar && !karakHasVaults) {
    skipped.push({ protocol: 'karak', reason: 'no vaults to read: pass `karak.vaults` (Core keeps no list)' })
  }

  const guard = async <T>(protocol: RestakingProtocol, run: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await run()
    } catch (error) {
      if (!params.allowPartial) throw new PortfolioReadError(protocol, error)
      errors.push({ protocol, error: error as Error })
      return undefined
    }
  }
  const [eigenlayer, symbiotic, karak] = await Promise.all([
    'deployment' in el
      ? guard('eigenlayer', () => getEigenLayerPortfolio(batched, { staker, deployment: el.deployment }))
      : undefined,
    'deployment' in sym
      ? guard('symbiotic', () =>
          symVaults
            ? readPositions(
                batched,
                symVaults.map((v, i) => assertAddress(`symbiotic.vaults[${i}]`, v)),
                staker,
                lookback === undefined ? {} : { lookback },
              )
            : getSymbioticPositions(batched, {
                account: staker,
                deployment: sym.deployment,
                ...(lookback === undefined ? {} : { lookback }),
              }),
        )
      : undefined,
    'deployment' in kar && karakHasVaults
      ? guard('karak', () =>
          getKarakPositions(batched, {
            staker,
            deployment: kar.deployment,
            ...(karVaults ? { vaults: karVaults } : {}),
          }),
        )
      : undefined,
  ])

  const positions: RestakingPosition[] = []
  const withdrawals: RestakingWithdrawal[] = []
  if (eigenlayer) {
    const operator = eigenlayer.delegation.operator
    for (const d of eigenlayer.deposits) {
      if (d.withdrawableShares === 0n && d.depositShares === 0n) continue
      positions.push({
        protocol: 'eigenlayer',
        location: d.strategy,
        asset: d.token,
        amount: d.underlyingAmount,
        operator,
      })
    }
    for (const w of eigenlayer.queuedWithdrawals) {
      w.strategies.forEach((strategy, i) => {
        withdrawals.push({
          protocol: 'eigenlayer',
          location: strategy,
          asset: w.tokens[i] ?? null,
          amount: w.underlyingAmounts[i] ?? 0n,
          id: w.root,
          ready: w.isReady,
          readyAt: { block: w.readyAtBlock },
        })
      })
    }
  }
  for (const p of symbiotic ?? []) {
    if (p.activeBalance > 0n) {
      positions.push({
        protocol: 'symbiotic',
        location: p.vault,
        asset: p.collateral,
        amount: p.activeBalance,
        operator: null,
      })
    }
    for (const w of p.withdrawals) {
      withdrawals.push({
        protocol: 'symbiotic',
        location: p.vault,
        asset: p.collateral,
        amount: w.amount,
        id: w.epoch,
        ready: w.claimable,
        readyAt: { timestamp: w.claimableAt },
      })
    }
  }
  for (const p of karak?.positions ?? []) {
    if (p.shares > 0n) {
      positions.push({
        protocol: 'karak',
        location: p.vault.address,
        asset: p.vault.asset,
        amount: p.assets,
        operator: p.vault.operator,
      })
    }
    for (const w of p.queuedWithdrawals) {
      withdrawals.push({
        protocol: 'karak',
        location: w.vault,
        asset: p.vault.asset,
        amount: w.assets,
        id: w.withdrawalKey,
        ready: w.ready,
        readyAt: { timestamp: w.readyAt },
      })
    }
  }

  return {
    staker,
    positions,
    withdrawals,
    ...(eigenlayer ? { eigenlayer } : {}),
    ...(symbiotic ? { symbiotic } : {}),
    ...(karak ? { karak } : {}),
    skipped,
    errors,
  }
}
