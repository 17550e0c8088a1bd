import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { StandardMerkleTree } from '@openzeppelin/merkle-tree'
import { type Abi, type Address, getAddress, type Hex, parseEventLogs, zeroAddress } from 'viem'
import type { DevnetContext } from './context.js'
import { createSymbioticVault, type DevnetSymbiotic, type SymbioticVault } from './symbiotic.js'

/**
 * Symbiotic rewards on the devnet (`startDevnet({ symbioticRewards: true })`): the real contracts
 * of the npm package `@symbioticfi/rewards@2.0.0` (its Foundry artifacts `out/<Name>.sol/<Name>.json`,
 * solc 0.8.25), deployed against the devnet's Symbiotic core. Its bytecode is loaded from the
 * installed package at run time, never committed.
 */
export type DevnetSymbioticRewards = {
  stakerRewardsImplementation: Address
  stakerRewardsFactory: Address
  operatorRewardsImplementation: Address
  operatorRewardsFactory: Address
  /** One `DefaultOperatorRewards` clone made by the factory (it serves every network and token). */
  operatorRewards: Address
  /** A NetworkRestake vault (collateral: the devnet's WETH) made for the staker rewards below. */
  vault: SymbioticVault
  /** The vault's `DefaultStakerRewards` clone (admin fee `adminFee`, every role held by the deployer). */
  stakerRewards: Address
  /** The staker rewards' admin fee at creation, in basis points of `ADMIN_FEE_BASE` (10,000). */
  adminFee: bigint
}

/** The four deployable contracts of `@symbioticfi/rewards@2.0.0`. */
export const SYMBIOTIC_REWARDS_CONTRACTS = [
  'DefaultStakerRewards',
  'DefaultStakerRewardsFactory',
  'DefaultOperatorRewards',
  'DefaultOperatorRewardsFactory',
] as const
export type SymbioticRewardsContract = (typeof SYMBIOTIC_REWARDS_CONTRACTS)[number]

/** The directory of the installed `@symbioticfi/rewards` npm package (a devDependency of the devnet). */
export function symbioticRewardsPackageDir(): string {
  const require = createRequire(import.meta.url)
  try {
    return dirname(require.resolve('@symbioticfi/rewards/package.json'))
  } catch (cause) {
    throw new Error(
      'symbioticRewards: true needs the npm package @symbioticfi/rewards@2.0.0 (install it with the override ' +
        '"@symbioticfi/core": "1.0.3"; the version it pins, 1.0.1, is not on the registry)',
      { cause },
    )
  }
}

const artifactMemo = new Map<SymbioticRewardsContract, { abi: Abi; bytecode: Hex }>()

/** The ABI and creation bytecode of one rewards contract, from the package's `out/` (no link references). */
export function symbioticRewardsArtifact(name: SymbioticRewardsContract): { abi: Abi; bytecode: Hex } {
  const memo = artifactMemo.get(name)
  if (memo) return memo
  const file = join(symbioticRewardsPackageDir(), 'out', `${name}.sol`, `${name}.json`)
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    abi: Abi
    bytecode: { object: Hex; linkReferences?: Record<string, unknown> }
  }
  if (!json.bytecode?.object || json.bytecode.object.length <= 2)
    throw new Error(`${file} holds no creation bytecode`)
  if (json.bytecode.linkReferences && Object.keys(json.bytecode.linkReferences).length > 0)
    throw new Error(`${file} needs library linking, which the devnet does not do`)
  const out = { abi: json.abi, bytecode: json.bytecode.object }
  artifactMemo.set(name, out)
  return out
}

const deployed = new WeakMap<DevnetContext, DevnetSymbioticRewards>()

/** Options of `deploySymbioticRewards`. */
export type DeploySymbioticRewardsOptions = {
  /** The vault's collateral (the devnet passes its WETH). */
  collateral: Address
  /** The staker rewards' admin fee in basis points (default 1000: 10%). */
  adminFee?: bigint
  /** The vault's epoch duration in seconds (default 7 days). */
  epochDuration?: number
}

/**
 * Deploys `DefaultStakerRewards` and `DefaultOperatorRewards` (implementations and factories, with
 * the constructor arguments of the package: `(vaultFactory, networkMiddlewareService)`,
 * `(networkMiddlewareService)`, factories `(implementation)`), creates one operator-rewards clone,
 * a NetworkRestake vault and that vault's staker rewards through the factory.
 */
export async function deploySymbioticRewards(
  ctx: DevnetContext,
  symbiotic: DevnetSymbiotic,
  options: DeploySymbioticRewardsOptions,
): Promise<DevnetSymbioticRewards> {
  const a = symbioticRewardsArtifact
  const stakerRewardsImplementation = await ctx.deploy(a('DefaultStakerRewards'), [
    symbiotic.vaultFactory,
    symbiotic.networkMiddlewareService,
  ])
  const stakerRewardsFactory = await ctx.deploy(a('DefaultStakerRewardsFactory'), [
    stakerRewardsImplementation,
  ])
  const operatorRewardsImplementation = await ctx.deploy(a('DefaultOperatorRewards'), [
    symbiotic.networkMiddlewareService,
  ])
  const operatorRewardsFactory = await ctx.deploy(a('DefaultOperatorRewardsFactory'), [
    operatorRewardsImplementation,
  ])
  const operatorRewards = await createdEntity(
    ctx,
    operatorRewardsFactory,
    'DefaultOperatorRewardsFactory',
    [],
  )
  const vault = await createSymbioticVault(ctx, {
    collateral: options.collateral,
    epochDuration: options.epochDuration ?? 7 * 24 * 3600,
    delegatorType: 0,
  })
  const adminFee = options.adminFee ?? 1000n
  const result: DevnetSymbioticRewards = {
    stakerRewardsImplementation,
    stakerRewardsFactory,
    operatorRewardsImplementation,
    operatorRewardsFactory,
    operatorRewards,
    vault,
    stakerRewards: zeroAddress,
    adminFee,
  }
  deployed.set(ctx, result)
  result.stakerRewards = await createSymbioticStakerRewards(ctx, { vault: vault.vault, adminFee })
  return result
}

/** Sends a factory's `create(...)` and returns the entity its `AddEntity` event names. */
async function createdEntity(
  ctx: DevnetContext,
  factory: Address,
  name: SymbioticRewardsContract,
  args: readonly unknown[],
): Promise<Address> {
  const { abi } = symbioticRewardsArtifact(name)
  const hash = await ctx.write({ address: factory, abi, functionName: 'create', args })
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash })
  const [added] = parseEventLogs({ abi, eventName: 'AddEntity', logs: receipt.logs }) as unknown as {
    args: { entity: Address }
  }[]
  if (!added) throw new Error(`${name}.create emitted no AddEntity (${hash})`)
  return getAddress(added.args.entity)
}

/** A devnet, or a context on which `deploySymbioticRewards` ran. */
export type SymbioticRewardsTarget =
  | DevnetContext
  | { context: DevnetContext; deployments: { symbioticRewards?: DevnetSymbioticRewards } }

function resolveRewards(target: SymbioticRewardsTarget): {
  ctx: DevnetContext
  rewards: DevnetSymbioticRewards
} {
  const ctx = 'context' in target ? target.context : target
  const rewards = ('context' in target ? target.deployments.symbioticRewards : undefined) ?? deployed.get(ctx)
  if (!rewards)
    throw new Error(
      'Symbiotic rewards are not deployed on this devnet (startDevnet({ symbioticRewards: true }))',
    )
  return { ctx, rewards }
}

/**
 * A `DefaultStakerRewards` for a vault of the devnet's core through the real factory
 * (`create(InitParams)`; the factory refuses a non-vault with `NotVault`). Every role is held by
 * `owner` (default: the devnet deployer). Returns the clone's address.
 */
export async function createSymbioticStakerRewards(
  target: SymbioticRewardsTarget,
  params: { vault: Address; adminFee?: bigint; owner?: Address },
): Promise<Address> {
  const { ctx, rewards } = resolveRewards(target)
  const owner = params.owner ?? ctx.deployer.account.address
  return createdEntity(ctx, rewards.stakerRewardsFactory, 'DefaultStakerRewardsFactory', [
    {
      vault: params.vault,
      adminFee: params.adminFee ?? 1000n,
      defaultAdminRoleHolder: owner,
      adminFeeClaimRoleHolder: owner,
      adminFeeSetRoleHolder: owner,
    },
  ])
}

/**
 * The network's operator-rewards distribution as an OpenZeppelin `StandardMerkleTree` of
 * `[operator, totalClaimable]` leaves (`address`, `uint256`), built by `@openzeppelin/merkle-tree`,
 * the format `DefaultOperatorRewards` verifies and the package's own CLI builds. Amounts are
 * cumulative per (network, token).
 */
export function symbioticOperatorRewardsTree(
  entries: readonly { operator: Address; totalClaimable: bigint }[],
): { root: Hex; proof: (operator: Address) => { totalClaimable: bigint; proof: Hex[] } } {
  const tree = StandardMerkleTree.of(
    entries.map((e) => [e.operator, e.totalClaimable.toString()]),
    ['address', 'uint256'],
  )
  return {
    root: tree.root as Hex,
    proof: (operator) => {
      for (const [i, [who, amount]] of tree.entries()) {
        if (String(who).toLowerCase() === operator.toLowerCase())
          return { totalClaimable: BigInt(amount as string), proof: tree.getProof(i) as Hex[] }
      }
      throw new Error(`${operator} is not in the operator-rewards tree`)
    },
  }
}
