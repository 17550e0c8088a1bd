import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import {
  type Address,
  concatHex,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  getContractAddress,
  type Hex,
  pad,
  parseAbi,
  parseAbiParameters,
  parseEventLogs,
  toHex,
  zeroAddress,
} from 'viem'
import type { DevnetContext } from './context.js'

/** Symbiotic core 1.0.3 addresses on the devnet (same keys as `@restakekit/core`'s Symbiotic deployment). */
export type DevnetSymbiotic = {
  vaultFactory: Address
  delegatorFactory: Address
  slasherFactory: Address
  networkRegistry: Address
  operatorRegistry: Address
  operatorMetadataService: Address
  networkMetadataService: Address
  networkMiddlewareService: Address
  operatorVaultOptInService: Address
  operatorNetworkOptInService: Address
  vaultConfigurator: Address
  /** Whitelisted implementations: vault versions 1 (Vault) and 2 (VaultTokenized), delegator types 0..3, slasher types 0..1. */
  implementations: {
    vault: Address
    vaultTokenized: Address
    networkRestakeDelegator: Address
    fullRestakeDelegator: Address
    operatorSpecificDelegator: Address
    operatorNetworkSpecificDelegator: Address
    slasher: Address
    vetoSlasher: Address
  }
}

// ---------------------------------------------------------------- bytecode from the npm package

/** The 17 contracts of `SymbioticCoreBytecode.sol` (the library's function names). */
export const SYMBIOTIC_CORE_CONTRACTS = [
  'vaultFactory',
  'delegatorFactory',
  'slasherFactory',
  'networkRegistry',
  'operatorRegistry',
  'metadataService',
  'networkMiddlewareService',
  'optInService',
  'vaultConfigurator',
  'vault',
  'vaultTokenized',
  'networkRestakeDelegator',
  'fullRestakeDelegator',
  'operatorSpecificDelegator',
  'operatorNetworkSpecificDelegator',
  'slasher',
  'vetoSlasher',
] as const
export type SymbioticCoreContract = (typeof SYMBIOTIC_CORE_CONTRACTS)[number]

/** The directory of the installed `@symbioticfi/core` npm package. */
export function symbioticCorePackageDir(): string {
  const require = createRequire(import.meta.url)
  return dirname(require.resolve('@symbioticfi/core/package.json'))
}

let bytecodeMemo: Record<SymbioticCoreContract, Hex> | undefined

/**
 * The creation bytecode of the 17 Symbiotic core contracts, parsed at run time from the `hex"…"`
 * literals of `test/integration/SymbioticCoreBytecode.sol` in the installed npm package.
 */
export function symbioticCoreBytecode(): Record<SymbioticCoreContract, Hex> {
  if (bytecodeMemo) return bytecodeMemo
  const file = join(symbioticCorePackageDir(), 'test', 'integration', 'SymbioticCoreBytecode.sol')
  const source = readFileSync(file, 'utf8')
  const found: Partial<Record<string, Hex>> = {}
  const re =
    /function\s+(\w+)\s*\(\)\s*internal\s+pure\s+returns\s*\(bytes memory\)\s*\{\s*return\s+hex"([0-9a-fA-F]*)"/g
  for (const m of source.matchAll(re)) found[m[1]!] = `0x${m[2]!}`
  for (const name of SYMBIOTIC_CORE_CONTRACTS) {
    if (!found[name]) throw new Error(`SymbioticCoreBytecode.sol has no bytecode for ${name} (${file})`)
  }
  bytecodeMemo = found as Record<SymbioticCoreContract, Hex>
  return bytecodeMemo
}

// ---------------------------------------------------------------- ABI fragments the devnet uses

export const symbioticDevnetAbi = {
  factory: parseAbi([
    'function whitelist(address implementation)',
    'function totalTypes() view returns (uint64)',
    'function implementation(uint64) view returns (address)',
    'function lastVersion() view returns (uint64)',
    'function totalEntities() view returns (uint256)',
    'function entity(uint256 index) view returns (address)',
    'function isEntity(address) view returns (bool)',
    'event AddEntity(address indexed entity)',
  ]),
  vaultConfigurator: parseAbi([
    'struct InitParams { uint64 version; address owner; bytes vaultParams; uint64 delegatorIndex; bytes delegatorParams; bool withSlasher; uint64 slasherIndex; bytes slasherParams; }',
    'function create(InitParams params) returns (address vault, address delegator, address slasher)',
  ]),
  registry: parseAbi([
    'function registerNetwork()',
    'function registerOperator()',
    'function isEntity(address) view returns (bool)',
  ]),
  vault: parseAbi([
    'function setDepositorWhitelistStatus(address account, bool status)',
    'function setDepositWhitelist(bool status)',
    'function setDepositLimit(uint256 limit)',
    'function setIsDepositLimit(bool status)',
  ]),
} as const

// ---------------------------------------------------------------- deployment

/** Deployments of the Symbiotic core made by `deploySymbiotic`, by context (so helpers accept a context). */
const deployed = new WeakMap<DevnetContext, DevnetSymbiotic>()

/**
 * Deploys the real Symbiotic core (npm `@symbioticfi/core@1.0.3`): the 17 contracts of its
 * precompiled bytecode, in the order and with the constructor arguments of the package's
 * `DeployCoreBase.s.sol`, and whitelists the implementations (vault versions 1 Vault and
 * 2 VaultTokenized; delegator types 0..3; slasher types 0 Slasher and 1 VetoSlasher). The
 * deployer stays the factories' owner.
 *
 * Transactions go out back to back with precomputed addresses (CREATE from the deployer's
 * nonces) and a fixed gas limit; every receipt is checked at the end.
 */
export async function deploySymbiotic(ctx: DevnetContext): Promise<DevnetSymbiotic> {
  const code = symbioticCoreBytecode()
  const from = ctx.deployer.account.address
  let nonce = await ctx.publicClient.getTransactionCount({ address: from, blockTag: 'pending' })
  const hashes: Hex[] = []
  const send = async (data: Hex, to?: Address): Promise<Address> => {
    const txNonce = nonce++
    const hash = (await ctx.publicClient.request({
      method: 'eth_sendTransaction',
      params: [{ from, data, gas: toHex(15_000_000), nonce: toHex(txNonce), ...(to ? { to } : {}) }],
    } as never)) as Hex
    hashes.push(hash)
    return getContractAddress({ from, nonce: BigInt(txNonce) })
  }
  const create = (name: SymbioticCoreContract, types = '', args: readonly unknown[] = []) =>
    send(
      types
        ? concatHex([code[name], encodeAbiParameters(parseAbiParameters(types), args as never)])
        : code[name],
    )
  const whitelist = (factory: Address, implementation: Address) =>
    send(
      encodeFunctionData({
        abi: symbioticDevnetAbi.factory,
        functionName: 'whitelist',
        args: [implementation],
      }),
      factory,
    )

  const vaultFactory = await create('vaultFactory', 'address', [from])
  const delegatorFactory = await create('delegatorFactory', 'address', [from])
  const slasherFactory = await create('slasherFactory', 'address', [from])
  const networkRegistry = await create('networkRegistry')
  const operatorRegistry = await create('operatorRegistry')
  const operatorMetadataService = await create('metadataService', 'address', [operatorRegistry])
  const networkMetadataService = await create('metadataService', 'address', [networkRegistry])
  const networkMiddlewareService = await create('networkMiddlewareService', 'address', [networkRegistry])
  const operatorVaultOptInService = await create('optInService', 'address, address, string', [
    operatorRegistry,
    vaultFactory,
    'OperatorVaultOptInService',
  ])
  const operatorNetworkOptInService = await create('optInService', 'address, address, string', [
    operatorRegistry,
    networkRegistry,
    'OperatorNetworkOptInService',
  ])

  const vaultArgs = [delegatorFactory, slasherFactory, vaultFactory] as const
  const vault = await create('vault', 'address, address, address', vaultArgs)
  await whitelist(vaultFactory, vault)
  const vaultTokenized = await create('vaultTokenized', 'address, address, address', vaultArgs)
  await whitelist(vaultFactory, vaultTokenized)

  // Delegator types equal their whitelist index (the factory's totalTypes() at deploy time).
  const restakeTypes = 'address, address, address, address, address, uint64'
  const restakeArgs = (type: bigint) => [
    networkRegistry,
    vaultFactory,
    operatorVaultOptInService,
    operatorNetworkOptInService,
    delegatorFactory,
    type,
  ]
  const specificTypes = 'address, address, address, address, address, address, uint64'
  const specificArgs = (type: bigint) => [operatorRegistry, ...restakeArgs(type)]
  const networkRestakeDelegator = await create('networkRestakeDelegator', restakeTypes, restakeArgs(0n))
  await whitelist(delegatorFactory, networkRestakeDelegator)
  const fullRestakeDelegator = await create('fullRestakeDelegator', restakeTypes, restakeArgs(1n))
  await whitelist(delegatorFactory, fullRestakeDelegator)
  const operatorSpecificDelegator = await create('operatorSpecificDelegator', specificTypes, specificArgs(2n))
  await whitelist(delegatorFactory, operatorSpecificDelegator)
  const operatorNetworkSpecificDelegator = await create(
    'operatorNetworkSpecificDelegator',
    specificTypes,
    specificArgs(3n),
  )
  await whitelist(delegatorFactory, operatorNetworkSpecificDelegator)

  const slasher = await create('slasher', 'address, address, address, uint64', [
    vaultFactory,
    networkMiddlewareService,
    slasherFactory,
    0n,
  ])
  await whitelist(slasherFactory, slasher)
  const vetoSlasher = await create('vetoSlasher', 'address, address, address, address, uint64', [
    vaultFactory,
    networkMiddlewareService,
    networkRegistry,
    slasherFactory,
    1n,
  ])
  await whitelist(slasherFactory, vetoSlasher)

  const vaultConfigurator = await create('vaultConfigurator', 'address, address, address', [
    vaultFactory,
    delegatorFactory,
    slasherFactory,
  ])

  // anvil mines after answering a send: wait for the last one (nonces order them), then check all.
  const last = hashes[hashes.length - 1]!
  for (let i = 0; ; i++) {
    const mined = await ctx.publicClient.getTransactionReceipt({ hash: last }).catch(() => null)
    if (mined) break
    if (i > 2000) throw new Error(`Symbiotic core deployment: ${last} not mined`)
    await new Promise((r) => setTimeout(r, 2))
  }
  const receipts = await Promise.all(hashes.map((hash) => ctx.publicClient.getTransactionReceipt({ hash })))
  const failed = receipts.findIndex((r) => r.status !== 'success')
  if (failed >= 0)
    throw new Error(`Symbiotic core deployment: transaction ${failed} failed (${hashes[failed]})`)

  const result: DevnetSymbiotic = {
    vaultFactory,
    delegatorFactory,
    slasherFactory,
    networkRegistry,
    operatorRegistry,
    operatorMetadataService,
    networkMetadataService,
    networkMiddlewareService,
    operatorVaultOptInService,
    operatorNetworkOptInService,
    vaultConfigurator,
    implementations: {
      vault,
      vaultTokenized,
      networkRestakeDelegator,
      fullRestakeDelegator,
      operatorSpecificDelegator,
      operatorNetworkSpecificDelegator,
      slasher,
      vetoSlasher,
    },
  }
  deployed.set(ctx, result)
  return result
}

// ---------------------------------------------------------------- vaults (scenarios: @restakekit/avs/symbiotic/testing)

/** A devnet (or anything with its context and deployments), or a context on which `deploySymbiotic` ran. */
export type SymbioticTarget =
  | DevnetContext
  | { context: DevnetContext; deployments: { symbiotic?: DevnetSymbiotic } }

function resolveTarget(target: SymbioticTarget): { ctx: DevnetContext; symbiotic: DevnetSymbiotic } {
  if ('context' in target) {
    const symbiotic = target.deployments.symbiotic ?? deployed.get(target.context)
    if (!symbiotic)
      throw new Error('Symbiotic is not deployed on this devnet (startDevnet({ symbiotic: true }))')
    return { ctx: target.context, symbiotic }
  }
  const symbiotic = deployed.get(target)
  if (!symbiotic) throw new Error('Symbiotic is not deployed on this context (call deploySymbiotic first)')
  return { ctx: target, symbiotic }
}

/** `bytes32(uint256(uint160(network)) << 96 | identifier)`: the network address then the uint96 identifier. */
export function symbioticSubnetwork(network: Address, identifier: bigint | number = 0n): Hex {
  const id = BigInt(identifier)
  if (id < 0n || id >= 1n << 96n) throw new Error(`subnetwork identifier out of uint96 range: ${id}`)
  return concatHex([getAddress(network), pad(toHex(id), { size: 12 })]).toLowerCase() as Hex
}

export type SymbioticDelegatorType = 0 | 1 | 2 | 3
export type SymbioticSlasherType = 0 | 1

export type CreateSymbioticVaultOptions = {
  collateral: Address
  /** Epoch duration in seconds. */
  epochDuration: number | bigint
  /** 0 NetworkRestake, 1 FullRestake, 2 OperatorSpecific, 3 OperatorNetworkSpecific. */
  delegatorType: SymbioticDelegatorType
  /** 0 Slasher (instant), 1 VetoSlasher; omit for a vault without a slasher. */
  slasherType?: SymbioticSlasherType | undefined
  /** A deposit limit (turns `isDepositLimit` on). */
  depositLimit?: bigint
  /** Turn the deposit whitelist on; `whitelistedDepositors` are then whitelisted by the owner. */
  depositWhitelist?: boolean
  whitelistedDepositors?: readonly Address[]
  /** Create a VaultTokenized (factory version 2) with this ERC-20 name and symbol; default a Vault (version 1). */
  tokenized?: boolean | { name: string; symbol: string }
  /** Vault owner and holder of every role (default: the devnet deployer). Sends the create. */
  owner?: Address
  /** Burner of slashed collateral (default 0x…dEaD, no burner hook). */
  burner?: Address
  /** VetoSlasher: veto duration in seconds (default 1/4 of the epoch) and resolver-set delay in epochs (default 3). */
  vetoDuration?: number | bigint
  resolverSetEpochsDelay?: number | bigint
  /** OperatorSpecific / OperatorNetworkSpecific delegators: the operator (default: the owner); registered if it is not. */
  operator?: Address
  /** OperatorNetworkSpecific delegator: the network; registered if it is not. */
  network?: Address
}

export type SymbioticVault = { vault: Address; delegator: Address; slasher: Address }

const DEAD = '0x000000000000000000000000000000000000dEaD' as const

const vaultInitParams =
  '(address collateral, address burner, uint48 epochDuration, bool depositWhitelist, bool isDepositLimit, uint256 depositLimit, address defaultAdminRoleHolder, address depositWhitelistSetRoleHolder, address depositorWhitelistRoleHolder, address isDepositLimitSetRoleHolder, address depositLimitSetRoleHolder)'
const baseDelegatorParams = '(address defaultAdminRoleHolder, address hook, address hookSetRoleHolder)'

/**
 * Creates a vault with its delegator and (optional) slasher through the real `VaultConfigurator.create`,
 * every role held by `owner`. Returns the three addresses (slasher `0x0…0` when none).
 */
export async function createSymbioticVault(
  target: SymbioticTarget,
  options: CreateSymbioticVaultOptions,
): Promise<SymbioticVault> {
  const { ctx, symbiotic } = resolveTarget(target)
  const owner = options.owner ?? ctx.deployer.account.address
  const epochDuration = BigInt(options.epochDuration)
  const baseVault = {
    collateral: options.collateral,
    burner: options.burner ?? DEAD,
    epochDuration: Number(epochDuration),
    depositWhitelist: options.depositWhitelist ?? false,
    isDepositLimit: options.depositLimit !== undefined,
    depositLimit: options.depositLimit ?? 0n,
    defaultAdminRoleHolder: owner,
    depositWhitelistSetRoleHolder: owner,
    depositorWhitelistRoleHolder: owner,
    isDepositLimitSetRoleHolder: owner,
    depositLimitSetRoleHolder: owner,
  }
  const tokenized = options.tokenized
    ? options.tokenized === true
      ? { name: 'Symbiotic Devnet Vault', symbol: 'SDV' }
      : options.tokenized
    : undefined
  const vaultParams = tokenized
    ? encodeAbiParameters(parseAbiParameters(`(${vaultInitParams} baseParams, string name, string symbol)`), [
        { baseParams: baseVault, ...tokenized },
      ] as never)
    : encodeAbiParameters(parseAbiParameters(vaultInitParams), [baseVault] as never)

  const base = { defaultAdminRoleHolder: owner, hook: zeroAddress, hookSetRoleHolder: owner }
  const operator = options.operator ?? owner
  let delegatorParams: Hex
  switch (options.delegatorType) {
    case 0:
      delegatorParams = encodeAbiParameters(
        parseAbiParameters(
          `(${baseDelegatorParams} baseParams, address[] networkLimitSetRoleHolders, address[] operatorNetworkSharesSetRoleHolders)`,
        ),
        [
          {
            baseParams: base,
            networkLimitSetRoleHolders: [owner],
            operatorNetworkSharesSetRoleHolders: [owner],
          },
        ] as never,
      )
      break
    case 1:
      delegatorParams = encodeAbiParameters(
        parseAbiParameters(
          `(${baseDelegatorParams} baseParams, address[] networkLimitSetRoleHolders, address[] operatorNetworkLimitSetRoleHolders)`,
        ),
        [
          {
            baseParams: base,
            networkLimitSetRoleHolders: [owner],
            operatorNetworkLimitSetRoleHolders: [owner],
          },
        ] as never,
      )
      break
    case 2:
      delegatorParams = encodeAbiParameters(
        parseAbiParameters(
          `(${baseDelegatorParams} baseParams, address[] networkLimitSetRoleHolders, address operator)`,
        ),
        [{ baseParams: base, networkLimitSetRoleHolders: [owner], operator }] as never,
      )
      break
    case 3:
      if (!options.network) throw new Error('an OperatorNetworkSpecific delegator (type 3) needs a network')
      delegatorParams = encodeAbiParameters(
        parseAbiParameters(`(${baseDelegatorParams} baseParams, address network, address operator)`),
        [{ baseParams: base, network: options.network, operator }] as never,
      )
      break
  }

  // Operator-specific delegators need a registered operator (and network): register them if they are
  // not, with the raw registry calls (the devnet cannot use the SDK's actions; the scenarios beyond a
  // vault — middleware, opt-ins, limits, slashes — are the avs package's test fixtures).
  if (options.delegatorType >= 2) {
    const register = async (
      registry: Address,
      who: Address,
      functionName: 'registerOperator' | 'registerNetwork',
    ) => {
      const registered = await ctx.publicClient.readContract({
        address: registry,
        abi: symbioticDevnetAbi.registry,
        functionName: 'isEntity',
        args: [who],
      })
      if (!registered)
        await ctx.write({ address: registry, abi: symbioticDevnetAbi.registry, functionName, from: who })
    }
    await register(symbiotic.operatorRegistry, operator, 'registerOperator')
    if (options.network) await register(symbiotic.networkRegistry, options.network, 'registerNetwork')
  }

  const withSlasher = options.slasherType !== undefined
  const slasherBase = { isBurnerHook: false }
  const slasherParams =
    options.slasherType === 1
      ? encodeAbiParameters(
          parseAbiParameters(
            '((bool isBurnerHook) baseParams, uint48 vetoDuration, uint256 resolverSetEpochsDelay)',
          ),
          [
            {
              baseParams: slasherBase,
              vetoDuration: Number(options.vetoDuration ?? epochDuration / 4n),
              resolverSetEpochsDelay: BigInt(options.resolverSetEpochsDelay ?? 3),
            },
          ] as never,
        )
      : encodeAbiParameters(parseAbiParameters('((bool isBurnerHook) baseParams)'), [
          { baseParams: slasherBase },
        ] as never)

  const hash = await ctx.write({
    address: symbiotic.vaultConfigurator,
    abi: symbioticDevnetAbi.vaultConfigurator,
    functionName: 'create',
    args: [
      {
        version: tokenized ? 2n : 1n,
        owner,
        vaultParams,
        delegatorIndex: BigInt(options.delegatorType),
        delegatorParams,
        withSlasher,
        slasherIndex: BigInt(options.slasherType ?? 0),
        slasherParams: withSlasher ? slasherParams : '0x',
      },
    ],
    from: owner,
  })
  const receipt = await ctx.publicClient.getTransactionReceipt({ hash })
  const added = parseEventLogs({
    abi: symbioticDevnetAbi.factory,
    eventName: 'AddEntity',
    logs: receipt.logs,
  })
  const by = (factory: Address) =>
    added.find((l) => l.address.toLowerCase() === factory.toLowerCase())?.args.entity ?? zeroAddress
  const result = {
    vault: getAddress(by(symbiotic.vaultFactory)),
    delegator: getAddress(by(symbiotic.delegatorFactory)),
    slasher: getAddress(by(symbiotic.slasherFactory)),
  }
  if (result.vault === zeroAddress || result.delegator === zeroAddress)
    throw new Error(`VaultConfigurator.create emitted no vault/delegator (${hash})`)

  for (const depositor of options.whitelistedDepositors ?? []) {
    await ctx.write({
      address: result.vault,
      abi: symbioticDevnetAbi.vault,
      functionName: 'setDepositorWhitelistStatus',
      args: [depositor, true],
      from: owner,
    })
  }
  return result
}
