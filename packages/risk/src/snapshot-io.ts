/**
 * `snapshotRestaking`: reads EigenLayer and Symbiotic state through @restakekit/core into a
 * {@link RestakingSnapshot}. This is the only file of the package that talks to a client; the
 * analysis runs on the snapshot (plain JSON).
 */
import {
  type BatchRead,
  type EigenLayerDeployment,
  eigenlayerDeployments,
  getAllocations,
  getDelegation,
  getDeposits,
  getOperator,
  getWithdrawalDelay,
  KARAK_MIN_WITHDRAWAL_DELAY,
  type KarakDeployment,
  karakDeployments,
  pinBlock,
  type ReadErrorType,
  RestakeKitError,
  readBatch,
  resolveDeployment,
  type SymbioticDeployment,
  symbioticDelegatorAbi,
  symbioticDeployments,
  unwrap,
} from '@restakekit/core'
import { getPositions as getKarakPositions } from '@restakekit/core/karak'
import { getPositions as getSymbioticPositions, getVault } from '@restakekit/core/symbiotic'
import {
  type Address,
  type Chain,
  type Client,
  createClient,
  custom,
  type EIP1193RequestFn,
  type Hex,
  parseAbi,
  type Transport,
} from 'viem'
import { getBlock, getContractEvents } from 'viem/actions'
import { InvalidGraphError } from './graph.js'
import { parseSnapshot, type RestakingSnapshot, SNAPSHOT_VERSION } from './snapshot.js'

/**
 * AllocationManager views that enumerate an AVS's operator sets and their members (not read by
 * @restakekit/core; same signatures in v1.2 and later releases).
 */
const allocationManagerSetsAbi = /* @__PURE__ */ parseAbi([
  'event OperatorSetCreated((address avs, uint32 id) operatorSet)',
  'function getMembers((address avs, uint32 id) operatorSet) view returns (address[])',
  'function getStrategiesInOperatorSet((address avs, uint32 id) operatorSet) view returns (address[])',
])

/**
 * Redistribution (EigenLayer v1.5+): a redistributing set sends what it slashes to its recipient
 * instead of burning it. Absent before v1.5 (a call reverts with empty data: the set burns).
 * Read here on v1.2 and v1.3.0 states only in that absent form; the v1.5+ form is checked against
 * the v1.12 ABI, not on a chain (no v1.5+ state exists on these machines).
 */
const redistributionAbi = /* @__PURE__ */ parseAbi([
  'function isRedistributingOperatorSet((address avs, uint32 id) operatorSet) view returns (bool)',
  'function getRedistributionRecipient((address avs, uint32 id) operatorSet) view returns (address)',
])

/**
 * Each set's redistribution recipient: the address when the set redistributes, `null` when it
 * burns (and on releases without redistribution, where the views revert with no data).
 */
async function redistributionRecipients(
  client: ReadClient,
  allocationManager: Address,
  sets: readonly { avs: Address; id: number }[],
): Promise<(Address | null)[]> {
  if (!sets.length) return []
  const rs = await readBatch(
    client,
    sets.flatMap((set): BatchRead[] => [
      {
        address: allocationManager,
        abi: redistributionAbi,
        functionName: 'isRedistributingOperatorSet',
        args: [set],
      },
      {
        address: allocationManager,
        abi: redistributionAbi,
        functionName: 'getRedistributionRecipient',
        args: [set],
      },
    ]),
  )
  return sets.map((_, i) => {
    const is = rs[2 * i]
    const to = rs[2 * i + 1]
    if (is?.status !== 'success' || to?.status !== 'success') return null
    return is.result === true ? (to.result as Address) : null
  })
}

export type SnapshotRestakingParameters = {
  /** Stakers whose EigenLayer deposits/delegation and Symbiotic positions are read. */
  readonly stakers?: readonly Address[] | undefined
  /** EigenLayer operators to read (the stakers' operators are added), and Symbiotic operators to look up per network. */
  readonly operators?: readonly Address[] | undefined
  /**
   * AVSs whose operator sets (and their members) are read. Their set ids come from the
   * AllocationManager's `OperatorSetCreated` logs since `fromBlock` (default 0: mind the RPC's
   * log-range limits on mainnet, or list the sets in `operatorSets`).
   */
  readonly avs?: readonly Address[] | undefined
  readonly fromBlock?: bigint | undefined
  /** Operator sets to read (members and strategies). */
  readonly operatorSets?: readonly { readonly avs: Address; readonly id: number }[] | undefined
  /** Symbiotic vaults to read (the stakers' vaults among `vaults` are always included). */
  readonly vaults?: readonly Address[] | undefined
  /** Symbiotic subnetworks (bytes32) whose limits and stakes are read for each vault. */
  readonly subnetworks?: readonly Hex[] | undefined
  /** EigenLayer deployment (default: the client's chain's; `false` skips EigenLayer). */
  readonly eigenlayer?: EigenLayerDeployment | false | undefined
  /** Symbiotic deployment (default: the client's chain's; `false` skips Symbiotic). */
  readonly symbiotic?: SymbioticDeployment | false | undefined
  /** Karak deployment (default: the client's chain's; `false` skips Karak). */
  readonly karak?: KarakDeployment | false | undefined
  /** Karak vaults to read for each staker (default: the deployment's known vaults). */
  readonly karakVaults?: readonly Address[] | undefined
}

export type SnapshotRestakingReturnType = RestakingSnapshot
export type SnapshotRestakingErrorType = SnapshotReadError | InvalidGraphError | ReadErrorType

type ReadClient = Client<Transport, Chain | undefined>

const lc = (a: string) => a.toLowerCase()
const uniq = <T extends string>(xs: Iterable<T>): T[] => [...new Map([...xs].map((x) => [lc(x), x])).values()]

function deploymentOr<T extends { chainId?: number }>(
  client: ReadClient,
  known: Readonly<Record<number, T>>,
  name: string,
  given: T | false | undefined,
): T | null {
  if (given === false) return null
  if (given) return given
  try {
    return resolveDeployment<T>(client, known, name)
  } catch {
    return null
  }
}

/**
 * A read of the snapshot failed (an RPC error, a timeout, an outage, or a call that reverted where
 * a value was expected). No snapshot is returned: a failed read is never taken for a zero.
 * `read` names what was being read; `cause` is the underlying error.
 */
export class SnapshotReadError extends RestakeKitError {
  override name = 'SnapshotReadError'
  constructor(
    readonly read: string,
    options: { cause?: unknown; failures?: number } = {},
  ) {
    const why = (options.cause as { shortMessage?: string; message?: string } | undefined) ?? {}
    super(`The restaking snapshot could not be read: ${read} failed.`, {
      details: [
        ...(options.failures && options.failures > 1 ? [`${options.failures} requests failed.`] : []),
        ...(why.shortMessage || why.message
          ? [`Cause: ${(why.shortMessage ?? why.message)!.split('\n')[0]}`]
          : []),
        'Nothing was returned; retry, or use a transport with retries or a fallback over several RPCs.',
      ],
      docsPath: '/errors#snapshot-read',
      cause: options.cause,
    })
  }
}

/** A revert is an answer from the node (core reads probe optional views); anything else is a failed read. */
function isRevert(e: unknown): boolean {
  for (let x = e as { cause?: unknown; name?: string; code?: number; message?: string } | undefined; x; ) {
    if (x.name === 'ContractFunctionRevertedError' || x.name === 'ExecutionRevertedError' || x.code === 3)
      return true
    if (typeof x.message === 'string' && /execution reverted/i.test(x.message) && !x.cause) return true
    x = x.cause as typeof x
  }
  return false
}

/**
 * The client, with its requests watched: every request that fails other than by a revert is
 * recorded, so that a failure swallowed below (a multicall with allowFailure, a probe) still fails
 * the snapshot.
 */
function watched(client: ReadClient): { client: ReadClient; failures: unknown[] } {
  const failures: unknown[] = []
  const request = (async (args: Parameters<EIP1193RequestFn>[0]) => {
    try {
      return await client.request(args as never)
    } catch (e) {
      if (!isRevert(e)) failures.push(e)
      throw e
    }
  }) as EIP1193RequestFn
  const wrapped = createClient({
    ...(client.chain ? { chain: client.chain } : {}),
    ...(client.batch ? { batch: client.batch } : {}),
    transport: custom({ request }, { retryCount: 0 }),
  })
  return { client: wrapped as ReadClient, failures }
}

/** Every result of a batch, or a SnapshotReadError naming the first failed read. */
async function readAll(client: ReadClient, reads: BatchRead[]) {
  const rs = await readBatch(client, reads)
  rs.forEach((r, i) => {
    if (r?.status !== 'success') {
      const x = reads[i]!
      throw new SnapshotReadError(
        `${x.functionName}(${(x.args ?? []).map(String).join(', ')}) on ${x.address}`,
        {
          cause: r?.error,
        },
      )
    }
  })
  if (rs.length !== reads.length) throw new SnapshotReadError(`a batch of ${reads.length} reads`)
  return rs
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/
const BYTES32 = /^0x[0-9a-fA-F]{64}$/

/** Bad parameters are an InvalidGraphError naming the field, before any request. */
function checkParameters(params: SnapshotRestakingParameters) {
  const issues: { field: string; message: string }[] = []
  const each = (name: string, xs: readonly string[] | undefined, re: RegExp, what: string) =>
    xs?.forEach((x, i) => {
      if (typeof x !== 'string' || !re.test(x))
        issues.push({ field: `${name}[${i}]`, message: `${x} is not ${what}` })
    })
  each('stakers', params.stakers, ADDRESS, 'an address')
  each('operators', params.operators, ADDRESS, 'an address')
  each('avs', params.avs, ADDRESS, 'an address')
  each('vaults', params.vaults, ADDRESS, 'an address')
  each('karakVaults', params.karakVaults, ADDRESS, 'an address')
  each('subnetworks', params.subnetworks, BYTES32, 'a bytes32 subnetwork')
  params.operatorSets?.forEach((s, i) => {
    if (typeof s.avs !== 'string' || !ADDRESS.test(s.avs))
      issues.push({ field: `operatorSets[${i}].avs`, message: `${s.avs} is not an address` })
    if (!Number.isInteger(s.id) || s.id < 0 || s.id > 0xffffffff)
      issues.push({ field: `operatorSets[${i}].id`, message: `${s.id} is not a uint32 operator-set id` })
  })
  if (params.fromBlock !== undefined && (typeof params.fromBlock !== 'bigint' || params.fromBlock < 0n))
    issues.push({ field: 'fromBlock', message: `${String(params.fromBlock)} is not a block number` })
  if (issues.length) throw new InvalidGraphError(issues)
}

/**
 * Snapshot of restaking state: EigenLayer operators (given, the stakers' operators and the AVSs'
 * members) with their magnitudes, max magnitudes and operator shares per strategy, their operator
 * sets, the stakers' delegations and shares; Symbiotic vaults (given and the stakers') with delegator
 * type, limits and stakes for each given subnetwork and operator. Reads go through
 * @restakekit/core's batched actions; the latest block is read first and every later read is
 * pinned to it (`blockNumber` in the snapshot): the snapshot is one block's state.
 */
export async function snapshotRestaking(
  client: ReadClient,
  params: SnapshotRestakingParameters = {},
): Promise<SnapshotRestakingReturnType> {
  checkParameters(params)
  const w = watched(client)
  let snap: RestakingSnapshot
  try {
    snap = await readSnapshot(w.client, params)
  } catch (e) {
    if (e instanceof SnapshotReadError || w.failures.length === 0) throw e
    throw new SnapshotReadError('a request', { cause: w.failures[0], failures: w.failures.length })
  }
  if (w.failures.length > 0)
    throw new SnapshotReadError('a request', { cause: w.failures[0], failures: w.failures.length })
  return snap
}

async function readSnapshot(
  watchedClient: ReadClient,
  params: SnapshotRestakingParameters,
): Promise<SnapshotRestakingReturnType> {
  const block = await getBlock(watchedClient, { blockTag: 'latest' })
  // every read below sees this block: core's batched reads and the Symbiotic lens through the
  // pinned client, the logs by `toBlock`
  const client = pinBlock(watchedClient, block.number)
  const chainId = client.chain?.id ?? Number(await client.request({ method: 'eth_chainId' }))
  const stakers = uniq(params.stakers ?? [])
  const snap: RestakingSnapshot = {
    version: SNAPSHOT_VERSION,
    chainId,
    blockNumber: block.number.toString(),
    timestamp: block.timestamp.toString(),
  }

  // ---------------------------------------------------------------- EigenLayer
  const el = deploymentOr<EigenLayerDeployment>(
    client,
    eigenlayerDeployments,
    'EigenLayer',
    params.eigenlayer,
  )
  if (el) {
    const dep = { deployment: el }
    const [delay, stakerData] = await Promise.all([
      getWithdrawalDelay(client, dep),
      Promise.all(
        stakers.map(async (staker) => {
          const [delegation, deposits] = await Promise.all([
            getDelegation(client, { staker, ...dep }),
            getDeposits(client, { staker, ...dep }),
          ])
          return { staker, delegation, deposits }
        }),
      ),
    ])
    // operator sets of the given AVSs, with members and strategies
    const setReads: { avs: Address; id: number }[] = (params.operatorSets ?? []).map((s) => ({
      avs: s.avs,
      id: s.id,
    }))
    if (params.avs?.length) {
      const wanted = new Set(params.avs.map(lc))
      const logs = await getContractEvents(client, {
        address: el.allocationManager,
        abi: allocationManagerSetsAbi,
        eventName: 'OperatorSetCreated',
        fromBlock: params.fromBlock ?? 0n,
        toBlock: block.number,
      })
      for (const l of logs) {
        const set = l.args.operatorSet
        if (set && wanted.has(lc(set.avs))) setReads.push({ avs: set.avs, id: set.id })
      }
    }
    const members = new Map<string, Address[]>()
    const setStrategies = new Map<string, Address[]>()
    const setKey = (s: { avs: string; id: number }) => `${lc(s.avs)}:${s.id}`
    if (setReads.length) {
      const rs = await readAll(
        client,
        setReads.flatMap((set): BatchRead[] => [
          {
            address: el.allocationManager,
            abi: allocationManagerSetsAbi,
            functionName: 'getMembers',
            args: [set],
          },
          {
            address: el.allocationManager,
            abi: allocationManagerSetsAbi,
            functionName: 'getStrategiesInOperatorSet',
            args: [set],
          },
        ]),
      )
      setReads.forEach((set, i) => {
        const m = rs[2 * i]
        const st = rs[2 * i + 1]
        members.set(setKey(set), [...unwrap<Address[]>(m)])
        setStrategies.set(setKey(set), [...unwrap<Address[]>(st)])
      })
    }
    const operators = uniq<Address>([
      ...(params.operators ?? []),
      ...stakerData.flatMap((s) => (s.delegation.operator ? [s.delegation.operator] : [])),
      ...[...members.values()].flat(),
    ])
    const opData = await Promise.all(
      operators.map(async (operator) => {
        const allocations = await getAllocations(client, { operator, ...dep })
        // shares and max magnitude for every strategy the operator allocates or its stakers hold
        const strategies = uniq<Address>([
          ...allocations.operatorSets.flatMap((s) => s.strategies.map((x) => x.strategy)),
          ...stakerData
            .filter((s) => s.delegation.operator && lc(s.delegation.operator) === lc(operator))
            .flatMap((s) => s.deposits.map((d) => d.strategy)),
        ])
        const info = strategies.length ? await getOperator(client, { operator, strategies, ...dep }) : null
        return { operator, allocations, info }
      }),
    )
    const sets = new Map<string, { avs: Address; id: number; strategies: Address[] }>()
    for (const s of setReads) sets.set(setKey(s), { ...s, strategies: setStrategies.get(setKey(s)) ?? [] })
    snap.eigenlayer = {
      withdrawalDelayBlocks: String(delay.withdrawalDelayBlocks),
      operatorSets: [],
      operators: opData.map(({ operator, allocations, info }) => {
        const byStrategy = new Map<
          string,
          {
            strategy: Address
            maxMagnitude: bigint
            operatorShares: bigint
            allocations: NonNullable<
              RestakingSnapshot['eigenlayer']
            >['operators'][number]['strategies'][number]['allocations']
          }
        >()
        for (const sh of info?.shares ?? [])
          byStrategy.set(lc(sh.strategy), {
            strategy: sh.strategy,
            maxMagnitude: sh.maxMagnitude,
            operatorShares: sh.shares,
            allocations: [],
          })
        for (const os of allocations.operatorSets) {
          const key = setKey(os.operatorSet)
          const known = sets.get(key)
          const strategies = os.strategies.map((x) => x.strategy)
          if (!known) sets.set(key, { ...os.operatorSet, strategies })
          else known.strategies = uniq([...known.strategies, ...strategies])
          for (const a of os.strategies) {
            let e = byStrategy.get(lc(a.strategy))
            if (!e) {
              e = {
                strategy: a.strategy,
                maxMagnitude: a.maxMagnitude,
                operatorShares: a.operatorShares,
                allocations: [],
              }
              byStrategy.set(lc(a.strategy), e)
            }
            e.allocations.push({
              operatorSet: { avs: os.operatorSet.avs, id: os.operatorSet.id },
              currentMagnitude: a.currentMagnitude.toString(),
              ...(a.pendingDiff !== 0n
                ? { pendingDiff: a.pendingDiff.toString(), effectBlock: a.effectBlock }
                : {}),
            })
          }
        }
        return {
          address: operator,
          strategies: [...byStrategy.values()].map((s) => ({
            strategy: s.strategy,
            maxMagnitude: s.maxMagnitude.toString(),
            operatorShares: s.operatorShares.toString(),
            allocations: s.allocations,
          })),
        }
      }),
      stakers: stakerData.map(({ staker, delegation, deposits }) => ({
        address: staker,
        delegatedTo: delegation.operator,
        deposits: deposits.map((d) => ({
          strategy: d.strategy,
          depositShares: d.depositShares.toString(),
          withdrawableShares: d.withdrawableShares.toString(),
        })),
      })),
    }
    const allSets = [...sets.values()]
    const recipients = await redistributionRecipients(client, el.allocationManager, allSets)
    snap.eigenlayer.operatorSets = allSets.map((set, i) => ({
      ...set,
      redistributionRecipient: recipients[i] ?? null,
    }))
  }

  // ---------------------------------------------------------------- Symbiotic
  const sym = deploymentOr<SymbioticDeployment>(client, symbioticDeployments, 'Symbiotic', params.symbiotic)
  const vaultsGiven = uniq<Address>(params.vaults ?? [])
  if (sym || vaultsGiven.length) {
    const symDep = sym ? { deployment: sym } : {}
    const positions = await Promise.all(
      stakers.map(async (account) => ({
        account,
        positions: vaultsGiven.length
          ? await getSymbioticPositions(client, { staker: account, vaults: vaultsGiven, ...symDep })
          : sym
            ? await getSymbioticPositions(client, { staker: account, ...symDep })
            : [],
      })),
    )
    const vaults = uniq<Address>([
      ...vaultsGiven,
      ...positions.flatMap((p) => p.positions.map((x) => x.vault)),
    ])
    const infos = await Promise.all(vaults.map((vault) => getVault(client, { vault, ...symDep })))
    const subnetworks = uniq<Hex>(params.subnetworks ?? [])
    const operators = uniq<Address>(params.operators ?? [])
    // one batch for every vault × subnetwork × operator
    const reads: BatchRead[] = []
    const plan = infos.map((v) => {
      const d = v.delegator.address
      const type = v.delegator.typeName
      return subnetworks.map((subnetwork) => {
        const start = reads.length
        reads.push(
          { address: d, abi: symbioticDelegatorAbi, functionName: 'maxNetworkLimit', args: [subnetwork] },
          {
            address: d,
            abi: symbioticDelegatorAbi,
            functionName:
              type === 'NetworkRestake' || type === 'FullRestake' || type === 'OperatorSpecific'
                ? 'networkLimit'
                : 'maxNetworkLimit',
            args: [subnetwork],
          },
          {
            address: d,
            abi: symbioticDelegatorAbi,
            functionName: type === 'NetworkRestake' ? 'totalOperatorNetworkShares' : 'maxNetworkLimit',
            args: [subnetwork],
          },
        )
        for (const op of operators)
          reads.push(
            { address: d, abi: symbioticDelegatorAbi, functionName: 'stake', args: [subnetwork, op] },
            type === 'NetworkRestake'
              ? {
                  address: d,
                  abi: symbioticDelegatorAbi,
                  functionName: 'operatorNetworkShares',
                  args: [subnetwork, op],
                }
              : type === 'FullRestake'
                ? {
                    address: d,
                    abi: symbioticDelegatorAbi,
                    functionName: 'operatorNetworkLimit',
                    args: [subnetwork, op],
                  }
                : {
                    address: d,
                    abi: symbioticDelegatorAbi,
                    functionName: 'maxNetworkLimit',
                    args: [subnetwork],
                  },
          )
        return { subnetwork, start }
      })
    })
    const rs = await readAll(client, reads)
    const big = (i: number): bigint => unwrap<bigint>(rs[i])
    snap.symbiotic = {
      vaults: infos.flatMap((v, vi) => {
        const type = v.delegator.typeName
        if (type === 'unknown') return []
        return [
          {
            address: v.address,
            collateral: v.collateral,
            delegatorType: type,
            activeStake: v.activeStake.toString(),
            totalStake: v.totalStake.toString(),
            epochDuration: v.epochDuration.toString(),
            networks: plan[vi]!.map(({ subnetwork, start }) => ({
              subnetwork,
              networkLimit: big(start + 1).toString(),
              ...(type === 'NetworkRestake' ? { totalShares: big(start + 2).toString() } : {}),
              operators: operators.flatMap((operator, k) => {
                const stake = big(start + 3 + 2 * k)
                const limit = big(start + 4 + 2 * k)
                // OperatorSpecific / OperatorNetworkSpecific: only the vault's own operator has stake
                const limited = type === 'NetworkRestake' || type === 'FullRestake'
                if (stake === 0n && (limit === 0n || !limited)) return []
                return [
                  {
                    operator,
                    ...(type === 'NetworkRestake' ? { shares: limit.toString() } : {}),
                    ...(type === 'FullRestake' ? { operatorNetworkLimit: limit.toString() } : {}),
                    stake: stake.toString(),
                  },
                ]
              }),
            })),
          },
        ]
      }),
      stakers: positions.map((p) => ({
        address: p.account,
        vaults: p.positions.map((x) => ({
          vault: x.vault,
          activeBalance: x.activeBalance.toString(),
          slashableBalance: x.slashableBalance.toString(),
        })),
      })),
    }
  }
  // ---------------------------------------------------------------- Karak
  const karak = deploymentOr<KarakDeployment>(client, karakDeployments, 'Karak', params.karak)
  const karakVaults = uniq<Address>(params.karakVaults ?? [])
  if (params.karak !== false && (karak || karakVaults.length) && stakers.length) {
    const read = await Promise.all(
      stakers.map((staker) =>
        getKarakPositions(client, {
          staker,
          ...(karakVaults.length ? { vaults: karakVaults } : {}),
          ...(karak ? { deployment: karak } : {}),
        }),
      ),
    )
    snap.karak = {
      withdrawalDelaySeconds: (karak?.minWithdrawalDelay ?? KARAK_MIN_WITHDRAWAL_DELAY).toString(),
      stakers: read.map((r) => ({
        address: r.staker,
        positions: r.positions.map((p) => ({
          vault: p.vault.address,
          asset: p.vault.asset,
          operator: p.vault.operator,
          assets: p.amount.toString(),
          queuedAssets: p.queuedWithdrawals.reduce((t, w) => t + w.amount, 0n).toString(),
          ...(p.exposure
            ? { dssCount: p.exposure.dssCount.toString(), queuedForSlashing: p.exposure.queuedForSlashing }
            : {}),
        })),
      })),
    }
  }

  // validate what we produce against the schema (catches a core change early)
  return parseSnapshot(snap)
}
