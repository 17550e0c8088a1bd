import * as z from 'zod/mini'
import { type CompoundedLoss, compoundedLoss, type ExitWindow, exitWindow } from './compound.js'
import { type OperatorStrategyState, slashableShares, WAD } from './eigenlayer.js'
import {
  InvalidGraphError,
  issuesOf,
  type RationalInput,
  type RestakingGraph,
  validateGraph,
} from './graph.js'
import { add, mul, normalize, parseRational, type Rational, ZERO } from './rational.js'
import { type SymbioticVaultState, symbioticStakes } from './symbiotic.js'

// ---------------------------------------------------------------------------------------------
// Schema (plain JSON: bigints as decimal strings, addresses as 0x-hex strings)

const UINT256_MAX = 2n ** 256n - 1n
const UINT32_MAX = 2 ** 32 - 1
// WAD (core's): the AllocationManager's full magnitude (1e18); a max magnitude never exceeds it.
const uint = /* @__PURE__ */ (() =>
  z.string().check(
    z.regex(/^\d+$/, 'must be a non-negative decimal integer string'),
    z.refine(
      (x) => !/^\d+$/.test(x) || (x.length <= 78 && BigInt(x) <= UINT256_MAX),
      'must fit in a uint256',
    ),
  ))()

const int = /* @__PURE__ */ (() =>
  z.string().check(
    z.regex(/^-?\d+$/, 'must be a decimal integer string'),
    z.refine(
      (x) =>
        !/^-?\d+$/.test(x) || (x.length <= 79 && (BigInt(x) < 0n ? -BigInt(x) : BigInt(x)) <= UINT256_MAX),
      'must fit in an int256',
    ),
  ))()

const uint32 = /* @__PURE__ */ (() =>
  z.int().check(z.nonnegative(), z.maximum(UINT32_MAX, 'must fit in a uint32')))()

const address = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^0x[0-9a-fA-F]{40}$/, 'must be a 0x-prefixed 20-byte address')))()

const bytes32 = /* @__PURE__ */ (() =>
  z.string().check(z.regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex string')))()

export const SNAPSHOT_VERSION = 1 as const

const operatorSetRef = /* @__PURE__ */ (() => z.object({ avs: address, id: uint32 }))()

const eigenlayerSchema = /* @__PURE__ */ (() =>
  z.object({
    /** DelegationManager.minWithdrawalDelayBlocks() */
    withdrawalDelayBlocks: uint,
    /** Operator sets and the strategies they slash. */
    operatorSets: z.array(
      z.extend(operatorSetRef, {
        strategies: z.array(address),
        /**
         * EigenLayer v1.5+: where a slash of this set sends the slashed funds (a redistributing set);
         * `null` when they are burned; absent when not read (older snapshots).
         */
        redistributionRecipient: z.optional(z.nullable(address)),
      }),
    ),
    operators: z.array(
      z.object({
        address,
        strategies: z.array(
          z.object({
            strategy: address,
            maxMagnitude: uint,
            /** DelegationManager.operatorShares */
            operatorShares: uint,
            allocations: z.array(
              z.object({
                operatorSet: operatorSetRef,
                currentMagnitude: uint,
                pendingDiff: z.optional(int),
                effectBlock: z.optional(uint32),
              }),
            ),
          }),
        ),
      }),
    ),
    stakers: z.array(
      z.object({
        address,
        /** Operator the staker delegates to, or null. */
        delegatedTo: z.nullable(address),
        deposits: z.array(
          z.object({
            strategy: address,
            depositShares: uint,
            /** Shares after slashing (DelegationManager.getWithdrawableShares). */
            withdrawableShares: uint,
          }),
        ),
      }),
    ),
  }))()

const symbioticSchema = /* @__PURE__ */ (() =>
  z.object({
    vaults: z.array(
      z.object({
        address,
        collateral: address,
        delegatorType: z.enum([
          'NetworkRestake',
          'FullRestake',
          'OperatorSpecific',
          'OperatorNetworkSpecific',
        ]),
        activeStake: uint,
        /**
         * Vault.totalStake(): active stake plus the withdrawals of the current and next epoch, which
         * stay slashable (absent in older snapshots).
         */
        totalStake: z.optional(uint),
        /** Vault.epochDuration() in seconds (never 0: the vault refuses it). */
        epochDuration: uint.check(
          z.refine(
            (x) => !/^\d+$/.test(x) || BigInt(x) > 0n,
            'must be positive (a vault epoch is never 0 s)',
          ),
        ),
        networks: z.array(
          z.object({
            subnetwork: bytes32,
            networkLimit: uint,
            /** NetworkRestake: totalOperatorNetworkShares(subnetwork). */
            totalShares: z.optional(uint),
            operators: z.array(
              z.object({
                operator: address,
                shares: z.optional(uint),
                operatorNetworkLimit: z.optional(uint),
                /** delegator.stake(subnetwork, operator) as read from chain (optional cross-check). */
                stake: z.optional(uint),
              }),
            ),
          }),
        ),
      }),
    ),
    stakers: z.array(
      z.object({
        address,
        vaults: z.array(
          z.object({
            vault: address,
            /** Vault.activeBalanceOf(staker) */
            activeBalance: uint,
            /** Vault.slashableBalanceOf(staker): active plus withdrawals still slashable. */
            slashableBalance: z.optional(uint),
          }),
        ),
      }),
    ),
  }))()

const karakSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Core.MIN_WITHDRAWAL_DELAY in seconds (the devnet's or the deployment's). */
    withdrawalDelaySeconds: z.optional(uint),
    stakers: z.array(
      z.object({
        address,
        positions: z.array(
          z.object({
            vault: address,
            asset: address,
            /** The operator the vault belongs to. */
            operator: address,
            /** convertToAssets(balanceOf(staker)) */
            assets: uint,
            /** Assets of the staker's queued withdrawals (escrowed shares, still slashable). */
            queuedAssets: uint,
            /** DSSs the vault is allocated to (Core getLeverage / 100 %); absent when Core was not read. */
            dssCount: z.optional(uint),
            /** Core.isVaultQueuedForSlashing */
            queuedForSlashing: z.optional(z.boolean()),
          }),
        ),
      }),
    ),
  }))()

/**
 * zod schema of a {@link RestakingSnapshot}: versioned, plain JSON. Beyond the shapes it checks what
 * the contracts guarantee, naming the field: amounts fit in a uint256, operator-set ids and blocks
 * in a uint32; a max magnitude is at most 1e18, each current magnitude (and after its pending
 * change) at most the max magnitude and their sum too; a vault's epoch is positive; a staker's
 * active balance is at most its vault's active stake and its slashable balance at least its active
 * balance; listed NetworkRestake shares sum to at most the total shares; no duplicate operator,
 * strategy, operator set, vault, subnetwork or staker.
 */
export const restakingSnapshotSchema = /* @__PURE__ */ (() =>
  z
    .object({
      version: z.literal(SNAPSHOT_VERSION),
      chainId: z.int().check(z.positive()),
      blockNumber: uint,
      /** Block timestamp in seconds. */
      timestamp: z.optional(uint),
      eigenlayer: z.optional(eigenlayerSchema),
      symbiotic: z.optional(symbioticSchema),
      karak: z.optional(karakSchema),
    })
    .check(
      z.superRefine((snap, ctx) => {
        // runs even when a field failed its own check (reported already): read such values as 0
        const big = (x: string) => (/^-?\d+$/.test(x) ? BigInt(x) : 0n)
        const issue = (path: (string | number)[], message: string) =>
          ctx.addIssue({ code: 'custom', path, message })
        const dup = (path: (string | number)[], keys: string[], what: string) => {
          const seen = new Set<string>()
          keys.forEach((k, i) => {
            if (seen.has(k)) issue([...path, i], `duplicate ${what} ${k}`)
            seen.add(k)
          })
        }
        const el = snap.eigenlayer
        if (el) {
          dup(
            ['eigenlayer', 'operatorSets'],
            el.operatorSets.map((x) => operatorSetId(x)),
            'operator set',
          )
          dup(
            ['eigenlayer', 'operators'],
            el.operators.map((o) => lc(o.address)),
            'operator',
          )
          dup(
            ['eigenlayer', 'stakers'],
            el.stakers.map((x) => lc(x.address)),
            'staker',
          )
          el.operators.forEach((op, i) => {
            dup(
              ['eigenlayer', 'operators', i, 'strategies'],
              op.strategies.map((x) => lc(x.strategy)),
              'strategy',
            )
            op.strategies.forEach((st, j) => {
              const at = ['eigenlayer', 'operators', i, 'strategies', j]
              const max = big(st.maxMagnitude)
              if (max > WAD) issue([...at, 'maxMagnitude'], `${st.maxMagnitude} is above 1e18 (WAD)`)
              dup(
                [...at, 'allocations'],
                st.allocations.map((a) => operatorSetId(a.operatorSet)),
                'allocation to operator set',
              )
              let total = 0n
              st.allocations.forEach((a, k) => {
                const cur = big(a.currentMagnitude)
                total += cur
                if (cur > max)
                  issue(
                    [...at, 'allocations', k, 'currentMagnitude'],
                    `${a.currentMagnitude} is above the max magnitude ${st.maxMagnitude}`,
                  )
                if (a.pendingDiff !== undefined) {
                  const next = cur + big(a.pendingDiff)
                  if (next < 0n || next > max)
                    issue(
                      [...at, 'allocations', k, 'pendingDiff'],
                      `current magnitude + pending diff = ${next} is outside [0, ${st.maxMagnitude}]`,
                    )
                }
              })
              if (total > max)
                issue(
                  [...at, 'allocations'],
                  `current magnitudes sum to ${total}, above the max magnitude ${st.maxMagnitude}`,
                )
            })
          })
        }
        const sym = snap.symbiotic
        if (sym) {
          dup(
            ['symbiotic', 'vaults'],
            sym.vaults.map((v) => lc(v.address)),
            'vault',
          )
          dup(
            ['symbiotic', 'stakers'],
            sym.stakers.map((x) => lc(x.address)),
            'staker',
          )
          const active = new Map(sym.vaults.map((v) => [lc(v.address), big(v.activeStake)] as const))
          sym.vaults.forEach((v, i) => {
            if (v.totalStake !== undefined && big(v.totalStake) < big(v.activeStake))
              issue(
                ['symbiotic', 'vaults', i, 'totalStake'],
                `${v.totalStake} is below the active stake ${v.activeStake} (it includes it)`,
              )
            dup(
              ['symbiotic', 'vaults', i, 'networks'],
              v.networks.map((n) => lc(n.subnetwork)),
              'subnetwork',
            )
            v.networks.forEach((n, j) => {
              const at = ['symbiotic', 'vaults', i, 'networks', j]
              dup(
                [...at, 'operators'],
                n.operators.map((o) => lc(o.operator)),
                'operator',
              )
              if (n.totalShares !== undefined) {
                let listed = 0n
                for (const o of n.operators) listed += big(o.shares ?? '0')
                if (listed > big(n.totalShares))
                  issue(
                    [...at, 'totalShares'],
                    `${n.totalShares} is below the listed operators' shares (${listed})`,
                  )
              }
            })
          })
          sym.stakers.forEach((st, i) => {
            dup(
              ['symbiotic', 'stakers', i, 'vaults'],
              st.vaults.map((x) => lc(x.vault)),
              'vault',
            )
            st.vaults.forEach((p, k) => {
              const at = ['symbiotic', 'stakers', i, 'vaults', k]
              const a = big(p.activeBalance)
              const vaultActive = active.get(lc(p.vault))
              if (vaultActive !== undefined && a > vaultActive)
                issue(
                  [...at, 'activeBalance'],
                  `${p.activeBalance} is above the vault's active stake ${vaultActive}`,
                )
              if (p.slashableBalance !== undefined && big(p.slashableBalance) < a)
                issue(
                  [...at, 'slashableBalance'],
                  `${p.slashableBalance} is below the active balance ${p.activeBalance} (it includes it)`,
                )
            })
          })
        }
      }),
    ))()

/** A snapshot of restaking state, as read from chain by `snapshotRestaking`. */
export type RestakingSnapshot = z.infer<typeof restakingSnapshotSchema>

/** Validates a snapshot (e.g. a parsed JSON file); errors name the field like graph errors do. */
export function parseSnapshot(input: unknown): RestakingSnapshot {
  const r = restakingSnapshotSchema.safeParse(input)
  if (!r.success) throw new InvalidGraphError(issuesOf(r.error, 'snapshot'))
  return r.data
}

// ---------------------------------------------------------------------------------------------
// Service ids

/** Service id of an EigenLayer operator set. */
export const operatorSetId = (set: { avs: string; id: number }) =>
  `eigenlayer:${set.avs.toLowerCase()}:${set.id}`
/** Service id of a Symbiotic subnetwork. */
export const subnetworkId = (subnetwork: string) => `symbiotic:${subnetwork.toLowerCase()}`

const lc = (a: string) => a.toLowerCase()

type VaultRow = { subnetwork: string; operator: string; stake: bigint; share: Rational }
type Indexed = {
  vaultStakes: Map<string, VaultRow[]>
  vaultCompounded: Map<string, CompoundedLoss>
  proportions: WeakMap<object, Rational>
  operators: Map<string, Map<string, OperatorStrategyState & { strategy: string }>>
  vaults: Map<
    string,
    SymbioticVaultState & { epochDuration: bigint; collateral: string; totalStake: bigint | null }
  >
  elStakers: Map<string, NonNullable<RestakingSnapshot['eigenlayer']>['stakers'][number]>
  /** Operator-set id → its redistribution recipient (lower-case); sets that burn are absent. */
  redistribution: Map<string, string>
  symStakers: Map<string, NonNullable<RestakingSnapshot['symbiotic']>['stakers'][number]>
}
const cache = new WeakMap<RestakingSnapshot, Indexed>()

function indexSnapshot(s: RestakingSnapshot): Indexed {
  const hit = cache.get(s)
  if (hit) return hit
  const operators = new Map<string, Map<string, OperatorStrategyState & { strategy: string }>>()
  for (const op of s.eigenlayer?.operators ?? []) {
    const m = new Map<string, OperatorStrategyState & { strategy: string }>()
    for (const st of op.strategies)
      m.set(lc(st.strategy), {
        strategy: lc(st.strategy),
        maxMagnitude: BigInt(st.maxMagnitude),
        operatorShares: BigInt(st.operatorShares),
        allocations: st.allocations.map((a) => ({
          operatorSet: operatorSetId(a.operatorSet),
          currentMagnitude: BigInt(a.currentMagnitude),
          ...(a.pendingDiff !== undefined ? { pendingDiff: BigInt(a.pendingDiff) } : {}),
          ...(a.effectBlock !== undefined ? { effectBlock: a.effectBlock } : {}),
        })),
      })
    operators.set(lc(op.address), m)
  }
  const vaults: Indexed['vaults'] = new Map()
  for (const v of s.symbiotic?.vaults ?? [])
    vaults.set(lc(v.address), {
      vault: lc(v.address),
      collateral: lc(v.collateral),
      delegatorType: v.delegatorType,
      activeStake: BigInt(v.activeStake),
      totalStake: v.totalStake === undefined ? null : BigInt(v.totalStake),
      epochDuration: BigInt(v.epochDuration),
      networks: v.networks.map((n) => ({
        subnetwork: lc(n.subnetwork),
        networkLimit: BigInt(n.networkLimit),
        ...(n.totalShares !== undefined ? { totalShares: BigInt(n.totalShares) } : {}),
        operators: n.operators.map((o) => ({
          operator: lc(o.operator),
          ...(o.shares !== undefined ? { shares: BigInt(o.shares) } : {}),
          ...(o.operatorNetworkLimit !== undefined
            ? { operatorNetworkLimit: BigInt(o.operatorNetworkLimit) }
            : {}),
        })),
      })),
    })
  const elStakers = new Map((s.eigenlayer?.stakers ?? []).map((x) => [lc(x.address), x] as const))
  const symStakers = new Map((s.symbiotic?.stakers ?? []).map((x) => [lc(x.address), x] as const))
  const redistribution = new Map<string, string>()
  for (const set of s.eigenlayer?.operatorSets ?? [])
    if (set.redistributionRecipient) redistribution.set(operatorSetId(set), lc(set.redistributionRecipient))
  const ix = {
    operators,
    redistribution,
    vaults,
    elStakers,
    symStakers,
    vaultStakes: new Map(),
    vaultCompounded: new Map(),
    proportions: new WeakMap(),
  }
  cache.set(s, ix)
  return ix
}

/** Stakes of every (network, operator) pair of a vault, with stake / activeStake (capped at 1), cached. */
function stakesOf(ix: Indexed, v: SymbioticVaultState): VaultRow[] {
  let rows = ix.vaultStakes.get(v.vault)
  if (!rows) {
    rows = symbioticStakes(v).map((r) => ({
      ...r,
      share:
        v.activeStake === 0n
          ? ZERO
          : r.stake >= v.activeStake
            ? { num: 1n, den: 1n }
            : normalize(r.stake, v.activeStake),
    }))
    ix.vaultStakes.set(v.vault, rows)
  }
  return rows
}

/**
 * Worst case of a vault position as a fraction: every (network, operator) pair takes its stake, in
 * absolute amounts, until the vault is empty: min(1, Σ stake / activeStake). The same for every
 * depositor of the vault, so it is computed once per vault.
 */
function compoundedOf(ix: Indexed, v: SymbioticVaultState): CompoundedLoss {
  let c = ix.vaultCompounded.get(v.vault)
  if (!c) {
    const caps = stakesOf(ix, v)
      .filter((r) => r.stake > 0n)
      .map((r) => ({ slasher: `${subnetworkId(r.subnetwork)}/${r.operator}`, cap: r.share }))
    c = compoundedLoss(caps, 'percentOfOriginal')
    ix.vaultCompounded.set(v.vault, c)
  }
  return c
}

// ---------------------------------------------------------------------------------------------
// buildGraph

export type BuildGraphOptions = {
  /**
   * Profit from corruption per service id (`eigenlayer:<avs>:<id>`, `symbiotic:<subnetwork>`), in
   * the same units as stake. It has no on-chain source. Services left out get the default:
   * `'breakEven'` (π_s = α_s·σ_{N(s)}, the cost of corrupting the service on its own — so
   * γ* < 0 exactly when shared stake makes some group of services cheaper to corrupt together),
   * or a fixed value for every service.
   */
  readonly profitFromCorruption?:
    | Readonly<Record<string, RationalInput>>
    | ((serviceId: string) => RationalInput | undefined)
  readonly defaultProfit?: 'breakEven' | RationalInput
  /** Corruption threshold per service id; default 1/2. */
  readonly thresholds?: Readonly<Record<string, RationalInput>>
  readonly defaultThreshold?: RationalInput
  /**
   * Price of one share (EigenLayer strategy) or one unit of collateral (Symbiotic) in the common
   * unit, by lowercase address; default 1 (all assets counted as the same unit, e.g. ETH LSTs).
   */
  readonly prices?: Readonly<Record<string, RationalInput>>
  /**
   * EigenLayer modelling. `'unique'` (default, ELIP-002 unique stake): one validator per
   * (operator, operator set) holding the slashable stake of that allocation, since no other set
   * can slash it. `'shared'`: one validator per operator holding all its delegated stake, linked
   * to every set it allocates to (the pre-slashing full-restaking view).
   */
  readonly eigenlayerMode?: 'unique' | 'shared'
}

/**
 * Turns a snapshot into a restaking graph. Symbiotic: one validator per (vault, operator) whose
 * stake is the largest stake any one network holds on it (the collateral every network of the
 * vault can reach), linked to each subnetwork where its stake is positive.
 */
export function buildGraph(snapshot: RestakingSnapshot, options: BuildGraphOptions = {}): RestakingGraph {
  const ix = indexSnapshot(snapshot)
  const price = (addr: string): Rational =>
    options.prices?.[addr] !== undefined ? parseRational(options.prices[addr]) : { num: 1n, den: 1n }
  const priceCache = new Map<string, Rational>()
  const priced = (addr: string, amount: bigint): Rational => {
    let p = priceCache.get(addr)
    if (!p) {
      p = price(addr)
      priceCache.set(addr, p)
    }
    return p.den === 1n ? { num: amount * p.num, den: 1n } : normalize(amount * p.num, p.den)
  }
  const validators = new Map<string, Rational>()
  const edges: [string, string][] = []
  const services = new Set<string>()
  for (const set of snapshot.eigenlayer?.operatorSets ?? []) services.add(operatorSetId(set))
  const mode = options.eigenlayerMode ?? 'unique'
  for (const [op, strategies] of ix.operators) {
    if (mode === 'shared') {
      let total: Rational = ZERO
      const sets = new Set<string>()
      for (const st of strategies.values()) {
        total = add(total, priced(st.strategy, st.operatorShares))
        for (const a of st.allocations) if (a.currentMagnitude > 0n) sets.add(a.operatorSet)
      }
      const vid = `eigenlayer:${op}`
      validators.set(vid, total)
      for (const s of sets) {
        services.add(s)
        edges.push([s, vid])
      }
    } else {
      const perSet = new Map<string, Rational>()
      for (const st of strategies.values())
        for (const a of st.allocations) {
          if (a.currentMagnitude === 0n) continue
          const amt = priced(
            st.strategy,
            slashableShares(st.operatorShares, a.currentMagnitude, st.maxMagnitude),
          )
          perSet.set(a.operatorSet, add(perSet.get(a.operatorSet) ?? ZERO, amt))
        }
      for (const [s, amt] of perSet) {
        const vid = `eigenlayer:${op}@${s.slice('eigenlayer:'.length)}`
        validators.set(vid, amt)
        services.add(s)
        edges.push([s, vid])
      }
    }
  }
  for (const v of ix.vaults.values()) {
    const byOp = new Map<string, { stake: bigint; nets: string[] }>()
    for (const r of symbioticStakes(v)) {
      if (r.stake === 0n) continue
      const e = byOp.get(r.operator) ?? { stake: 0n, nets: [] }
      if (r.stake > e.stake) e.stake = r.stake
      e.nets.push(subnetworkId(r.subnetwork))
      byOp.set(r.operator, e)
    }
    for (const n of v.networks) services.add(subnetworkId(n.subnetwork))
    for (const [op, e] of byOp) {
      const vid = `symbiotic:${v.vault}:${op}`
      validators.set(vid, priced(v.collateral, e.stake))
      for (const s of e.nets) edges.push([s, vid])
    }
  }
  // σ_N(s) for the break-even default
  const sigmaN = new Map<string, Rational>()
  for (const [s, v] of edges) sigmaN.set(s, add(sigmaN.get(s) ?? ZERO, validators.get(v)!))
  const toRat = (field: string, r: RationalInput): Rational => {
    if (typeof r === 'object') return r
    try {
      return parseRational(r)
    } catch (e) {
      throw new InvalidGraphError([{ field, message: (e as Error).message }])
    }
  }
  const defaultThreshold = toRat('defaultThreshold', options.defaultThreshold ?? '1/2')
  const thresholdOf = (s: string): Rational => {
    const t = options.thresholds?.[s]
    return t === undefined ? defaultThreshold : toRat(`thresholds.${s}`, t)
  }
  const fixedDefault =
    options.defaultProfit === undefined || options.defaultProfit === 'breakEven'
      ? null
      : toRat('defaultProfit', options.defaultProfit)
  const profitOf = (s: string, alpha: Rational): Rational => {
    const p =
      typeof options.profitFromCorruption === 'function'
        ? options.profitFromCorruption(s)
        : options.profitFromCorruption?.[s]
    if (p !== undefined) return toRat(`profitFromCorruption.${s}`, p)
    if (fixedDefault) return fixedDefault
    return mul(alpha, sigmaN.get(s) ?? ZERO)
  }
  return validateGraph({
    services: [...services].map((id) => {
      const threshold = thresholdOf(id)
      return { id, profit: profitOf(id, threshold), threshold }
    }),
    validators: [...validators].map(([id, stake]) => ({ id, stake })),
    edges,
  })
}

// ---------------------------------------------------------------------------------------------
// analyzePosition

export type PositionServiceExposure = {
  readonly protocol: 'eigenlayer' | 'symbiotic'
  readonly service: string
  /** Asset: EigenLayer strategy or Symbiotic collateral. */
  readonly asset: string
  /** Through: the operator (EigenLayer) or vault:operator (Symbiotic). */
  readonly through: string
  /** The part of the position this service can slash, in the asset's base units (contract rounding). */
  readonly slashable: bigint
  /**
   * The share of the position this service can slash, exact: magnitude / maxMagnitude
   * (EigenLayer) or stake / slashable pool (Symbiotic: the stake the delegator computes on the
   * vault's totalStake, i.e. active stake plus the withdrawals still slashable, over that total;
   * stake / activeStake when nothing is pending); `slashable` is this applied with the contracts'
   * rounding.
   */
  readonly fraction: Rational
  /**
   * Where a slash by this service sends the slashed part: the recipient of a redistributing
   * EigenLayer operator set (v1.5+), or `null` when it is burned. A redistributing set gains what
   * it slashes, so it has a reason to slash that a burning set lacks. Symbiotic: always `null`
   * here (the vault's burner contract decides, and the snapshot does not read it).
   */
  readonly redistributesTo: string | null
}

export type PositionAnalysis = {
  readonly staker: string
  readonly exposures: readonly PositionServiceExposure[]
  readonly byProtocol: {
    readonly eigenlayer: {
      readonly delegatedTo: string | null
      readonly positions: readonly {
        readonly asset: string
        readonly shares: bigint
        readonly worstCase: bigint
      }[]
      /** Unique stake: Σ over operator sets of the slashable part. */
      readonly worstCase: bigint
      /** The part of `worstCase` that redistributing operator sets can take (sent to their recipients). */
      readonly redistributable: bigint
    }
    readonly symbiotic: {
      readonly positions: readonly {
        readonly vault: string
        readonly asset: string
        readonly balance: bigint
        /** min(balance, Σ over (network, operator) of the balance's share of each stake). */
        readonly worstCase: bigint
        readonly compounded: CompoundedLoss
      }[]
      readonly worstCase: bigint
    }
    readonly karak: {
      readonly positions: readonly {
        readonly vault: string
        readonly asset: string
        readonly operator: string
        /** Assets plus queued withdrawals: both stay slashable until the withdrawal finishes. */
        readonly balance: bigint
        /**
         * Upper bound of the slashable part: the whole balance when the vault is allocated to a DSS
         * (or when that was not read), 0 when it is allocated to none. See `warnings`.
         */
        readonly worstCase: bigint
        readonly dssCount: bigint | null
      }[]
      readonly worstCase: bigint
    }
  }
  /** The longest exit among the staker's positions, and the window during which it stays slashable. */
  readonly exit: ExitWindow | null
  /** What the analysis could not model exactly (see {@link PositionWarning}); empty when nothing. */
  readonly warnings: readonly PositionWarning[]
}

/**
 * Something the position analysis could not compute exactly, typed by `code`:
 * - `karakDssLimitsUnknown`: a Karak vault is allocated to DSSs whose slashing limits are not in
 *   the snapshot (Core keeps them per DSS); the whole position (assets and queued withdrawals) is
 *   counted as slashable, an upper bound, and no per-service exposure is given.
 * - `karakExposureUnknown`: the vault's DSS allocations were not read (no Core): the same bound.
 * - `karakQueuedForSlashing`: a slashing of the vault is already requested.
 */
export type PositionWarning = {
  readonly code: 'karakDssLimitsUnknown' | 'karakExposureUnknown' | 'karakQueuedForSlashing'
  readonly protocol: 'karak'
  readonly vault: string
  readonly message: string
}

/**
 * One staker's exposure: per service and protocol, the slashable part of each position (EigenLayer:
 * the withdrawable shares × magnitude/maxMagnitude of every operator set its operator allocates
 * to; Symbiotic: the staker's share of each (network, operator) stake of its vaults), the
 * compounded worst case and the exit time. Amounts stay in each asset's base units.
 */
export function analyzePosition(
  snapshot: RestakingSnapshot,
  params: { readonly staker: string },
): PositionAnalysis {
  const ix = indexSnapshot(snapshot)
  const proportionOf = (
    st: OperatorStrategyState,
    a: OperatorStrategyState['allocations'][number],
  ): Rational => {
    let p = ix.proportions.get(a)
    if (!p) {
      p = st.maxMagnitude === 0n ? ZERO : normalize(a.currentMagnitude, st.maxMagnitude)
      ix.proportions.set(a, p)
    }
    return p
  }
  const who = lc(params.staker)
  const exposures: PositionServiceExposure[] = []
  // EigenLayer
  const el = ix.elStakers.get(who)
  const elPositions: { asset: string; shares: bigint; worstCase: bigint }[] = []
  let elWorst = 0n
  const delegatedTo = el?.delegatedTo ? lc(el.delegatedTo) : null
  if (el) {
    const op = delegatedTo ? ix.operators.get(delegatedTo) : undefined
    for (const d of el.deposits) {
      const shares = BigInt(d.withdrawableShares)
      const st = op?.get(lc(d.strategy))
      let worst = 0n
      if (st && shares > 0n)
        for (const a of st.allocations) {
          if (a.currentMagnitude === 0n) continue
          const amt = slashableShares(shares, a.currentMagnitude, st.maxMagnitude)
          worst += amt
          exposures.push({
            protocol: 'eigenlayer',
            service: a.operatorSet,
            asset: lc(d.strategy),
            through: delegatedTo!,
            slashable: amt,
            fraction: proportionOf(st, a),
            redistributesTo: ix.redistribution.get(a.operatorSet) ?? null,
          })
        }
      elPositions.push({ asset: lc(d.strategy), shares, worstCase: worst })
      elWorst += worst
    }
  }
  // Symbiotic
  const sym = ix.symStakers.get(who)
  const symPositions: PositionAnalysis['byProtocol']['symbiotic']['positions'][number][] = []
  let symWorst = 0n
  let epoch = 0n
  for (const p of sym?.vaults ?? []) {
    const v = ix.vaults.get(lc(p.vault))
    if (!v) continue
    const active = BigInt(p.activeBalance)
    const balance = BigInt(p.slashableBalance ?? p.activeBalance)
    if (v.epochDuration > epoch) epoch = v.epochDuration
    // A slash takes at most the (network, operator) stake at the capture time, and the vault spreads
    // it pro rata over active stake and the withdrawals still slashable (Vault.onSlash). The worst
    // capture is before those withdrawals were requested: the delegator then computed the stake
    // on their sum (totalStake), limits applied to it. Without totalStake the staker's own pending
    // withdrawals are the least it contains, which gives the largest share.
    const pool = v.totalStake ?? v.activeStake + (balance > active ? balance - active : 0n)
    const rows = pool === v.activeStake ? stakesOf(ix, v) : symbioticStakes({ ...v, activeStake: pool })
    let sumShare = 0n
    for (const r of rows) {
      if (r.stake === 0n || pool === 0n) continue
      // the staker's pro-rata part of this (network, operator) stake
      const part = (r.stake * balance) / pool
      const amt = part < balance ? part : balance
      sumShare += amt
      const cap = r.stake >= pool ? { num: 1n, den: 1n } : normalize(r.stake, pool)
      exposures.push({
        protocol: 'symbiotic',
        service: subnetworkId(r.subnetwork),
        asset: v.collateral,
        through: `${v.vault}:${r.operator}`,
        slashable: amt,
        fraction: cap,
        redistributesTo: null,
      })
    }
    const worst = sumShare < balance ? sumShare : balance
    symWorst += worst
    symPositions.push({
      vault: v.vault,
      asset: v.collateral,
      balance,
      worstCase: worst,
      compounded: compoundedOf(ix, v),
    })
  }
  // Karak: exposure bounded by the whole position (DSS slashing limits are not in the snapshot)
  const warnings: PositionWarning[] = []
  const karakPositions: PositionAnalysis['byProtocol']['karak']['positions'][number][] = []
  let karakWorst = 0n
  const ks = snapshot.karak?.stakers.find((x) => lc(x.address) === who)
  for (const k of ks?.positions ?? []) {
    const vault = lc(k.vault)
    const balance = BigInt(k.assets) + BigInt(k.queuedAssets)
    const dssCount = k.dssCount === undefined ? null : BigInt(k.dssCount)
    const worst = dssCount === 0n ? 0n : balance
    karakWorst += worst
    karakPositions.push({
      vault,
      asset: lc(k.asset),
      operator: lc(k.operator),
      balance,
      worstCase: worst,
      dssCount,
    })
    if (balance > 0n && dssCount === null)
      warnings.push({
        code: 'karakExposureUnknown',
        protocol: 'karak',
        vault,
        message: `Karak vault ${vault}: its DSS allocations were not read; all ${balance} counted as slashable`,
      })
    else if (balance > 0n && dssCount! > 0n)
      warnings.push({
        code: 'karakDssLimitsUnknown',
        protocol: 'karak',
        vault,
        message: `Karak vault ${vault} is allocated to ${dssCount} DSS(s) whose slashing limits are not modelled; all ${balance} counted as slashable`,
      })
    if (k.queuedForSlashing)
      warnings.push({
        code: 'karakQueuedForSlashing',
        protocol: 'karak',
        vault,
        message: `Karak vault ${vault} has a slashing queued`,
      })
  }
  const exits: ExitWindow[] = []
  if (el && el.deposits.length > 0)
    exits.push(
      exitWindow({
        protocol: 'eigenlayer',
        withdrawalDelayBlocks: BigInt(snapshot.eigenlayer!.withdrawalDelayBlocks),
      }),
    )
  if (symPositions.length > 0) exits.push(exitWindow({ protocol: 'symbiotic', epochDuration: epoch }))
  const karakDelay = snapshot.karak?.withdrawalDelaySeconds
  if (karakPositions.length > 0 && karakDelay !== undefined)
    exits.push(exitWindow({ protocol: 'other', delaySeconds: BigInt(karakDelay) }))
  const exit = exits.reduce<ExitWindow | null>((a, b) => (!a || b.exitSeconds > a.exitSeconds ? b : a), null)
  return {
    staker: who,
    exposures,
    byProtocol: {
      eigenlayer: {
        delegatedTo,
        positions: elPositions,
        worstCase: elWorst,
        redistributable: exposures
          .filter((e) => e.protocol === 'eigenlayer' && e.redistributesTo !== null)
          .reduce((sum, e) => sum + e.slashable, 0n),
      },
      symbiotic: { positions: symPositions, worstCase: symWorst },
      karak: { positions: karakPositions, worstCase: karakWorst },
    },
    exit,
    warnings,
  }
}

// ---------------------------------------------------------------------------------------------
// LRT look-through support

/**
 * For one EigenLayer strategy, each operator's slashable share per operator set
 * (magnitude / maxMagnitude, exact): the `slashableShare` input of `lrtExposure` for an LRT whose
 * delegations per operator are in that strategy.
 */
export function slashableSharesByOperator(
  snapshot: RestakingSnapshot,
  strategy: string,
): Map<string, Map<string, Rational>> {
  const ix = indexSnapshot(snapshot)
  const out = new Map<string, Map<string, Rational>>()
  for (const [op, strategies] of ix.operators) {
    const st = strategies.get(lc(strategy))
    if (!st || st.maxMagnitude === 0n) continue
    const m = new Map<string, Rational>()
    for (const a of st.allocations)
      if (a.currentMagnitude > 0n) m.set(a.operatorSet, normalize(a.currentMagnitude, st.maxMagnitude))
    out.set(op, m)
  }
  return out
}
