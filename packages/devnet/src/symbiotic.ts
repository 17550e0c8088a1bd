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
  middlewareService: parseAbi([
    'function setMiddleware(address middleware)',
    'function middleware(address network) view returns (address)',
  ]),
  optInService: parseAbi([
    'function optIn(address where)',
    'function isOptedIn(address who, address where) view returns (bool)',
  ]),
  delegator: parseAbi([
    'function setMaxNetworkLimit(uint96 identifier, uint256 amount)',
    'function setNetworkLimit(bytes32 subnetwork, uint256 amount)',
    'function setOperatorNetworkShares(bytes32 subnetwork, address operator, uint256 shares)',
    'function setOperatorNetworkLimit(bytes32 subnetwork, address operator, uint256 amount)',
    'function stake(bytes32 subnetwork, address operator) view returns (uint256)',
    'function maxNetworkLimit(bytes32 subnetwork) view returns (uint256)',
    'function networkLimit(bytes32 subnetwork) view returns (uint256)',
    'function TYPE() view returns (uint64)',
  ]),
  slasher: parseAbi([
    'function slash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes hints) returns (uint256 slashedAmount)',
    'function requestSlash(bytes32 subnetwork, address operator, uint256 amount, uint48 captureTimestamp, bytes hints) returns (uint256 slashIndex)',
    'function executeSlash(uint256 slashIndex, bytes hints) returns (uint256 slashedAmount)',
    'function slashRequestsLength() view returns (uint256)',
    'function TYPE() view returns (uint64)',
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

// ---------------------------------------------------------------- helpers for tests and examples

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

  // Operator-specific delegators need a registered operator (and network): register them if they are not.
  if (options.delegatorType >= 2) {
    const registered = (registry: Address, who: Address) =>
      ctx.publicClient.readContract({
        address: registry,
        abi: symbioticDevnetAbi.registry,
        functionName: 'isEntity',
        args: [who],
      })
    if (!(await registered(symbiotic.operatorRegistry, operator)))
      await registerSymbioticOperator(target, operator)
    if (options.network && !(await registered(symbiotic.networkRegistry, options.network)))
      await registerSymbioticNetwork(target, options.network)
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

/** `NetworkRegistry.registerNetwork()` sent by `network` (impersonated). */
export async function registerSymbioticNetwork(target: SymbioticTarget, network: Address): Promise<void> {
  const { ctx, symbiotic } = resolveTarget(target)
  await ctx.write({
    address: symbiotic.networkRegistry,
    abi: symbioticDevnetAbi.registry,
    functionName: 'registerNetwork',
    from: network,
  })
}

/** `NetworkMiddlewareService.setMiddleware(middleware)` sent by the (registered) network. */
export async function setSymbioticMiddleware(
  target: SymbioticTarget,
  params: { network: Address; middleware: Address },
): Promise<void> {
  const { ctx, symbiotic } = resolveTarget(target)
  await ctx.write({
    address: symbiotic.networkMiddlewareService,
    abi: symbioticDevnetAbi.middlewareService,
    functionName: 'setMiddleware',
    args: [params.middleware],
    from: params.network,
  })
}

/** `OperatorRegistry.registerOperator()` sent by `operator`. */
export async function registerSymbioticOperator(target: SymbioticTarget, operator: Address): Promise<void> {
  const { ctx, symbiotic } = resolveTarget(target)
  await ctx.write({
    address: symbiotic.operatorRegistry,
    abi: symbioticDevnetAbi.registry,
    functionName: 'registerOperator',
    from: operator,
  })
}

/** Opts a registered operator into a vault (operator→vault service) and/or a network (operator→network service); skips opt-ins already made. */
export async function optInSymbioticOperator(
  target: SymbioticTarget,
  params: { operator: Address; vault?: Address; network?: Address },
): Promise<void> {
  const { ctx, symbiotic } = resolveTarget(target)
  const optIn = async (service: Address, where: Address) => {
    const opted = await ctx.publicClient.readContract({
      address: service,
      abi: symbioticDevnetAbi.optInService,
      functionName: 'isOptedIn',
      args: [params.operator, where],
    })
    if (opted) return // already opted in (the service reverts AlreadyOptedIn)
    await ctx.write({
      address: service,
      abi: symbioticDevnetAbi.optInService,
      functionName: 'optIn',
      args: [where],
      from: params.operator,
    })
  }
  if (params.vault) await optIn(symbiotic.operatorVaultOptInService, params.vault)
  if (params.network) await optIn(symbiotic.operatorNetworkOptInService, params.network)
}

/** `delegator.setMaxNetworkLimit(identifier, amount)` sent by the network. */
export async function setSymbioticMaxNetworkLimit(
  target: SymbioticTarget,
  params: { delegator: Address; network: Address; identifier?: bigint | number; amount: bigint },
): Promise<void> {
  await writeDelegator(
    target,
    params.delegator,
    'setMaxNetworkLimit',
    [BigInt(params.identifier ?? 0), params.amount],
    params.network,
  )
}

/** Sends a delegator setter from `from` (a role holder; default: the deployer). */
async function writeDelegator(
  target: SymbioticTarget,
  delegator: Address,
  functionName: string,
  args: readonly unknown[],
  from: Address | undefined,
): Promise<void> {
  const { ctx } = resolveTarget(target)
  await ctx.write({
    address: delegator,
    abi: symbioticDevnetAbi.delegator,
    functionName,
    args,
    ...(from ? { from } : {}),
  })
}

/** `delegator.setNetworkLimit(subnetwork, amount)` (types 0, 1, 2) sent by the role holder (default: the deployer). */
export async function setSymbioticNetworkLimit(
  target: SymbioticTarget,
  params: { delegator: Address; subnetwork: Hex; amount: bigint; from?: Address },
): Promise<void> {
  await writeDelegator(
    target,
    params.delegator,
    'setNetworkLimit',
    [params.subnetwork, params.amount],
    params.from,
  )
}

/** NetworkRestake: `setOperatorNetworkShares(subnetwork, operator, shares)` sent by the role holder. */
export async function setSymbioticOperatorNetworkShares(
  target: SymbioticTarget,
  params: { delegator: Address; subnetwork: Hex; operator: Address; shares: bigint; from?: Address },
): Promise<void> {
  await writeDelegator(
    target,
    params.delegator,
    'setOperatorNetworkShares',
    [params.subnetwork, params.operator, params.shares],
    params.from,
  )
}

/** FullRestake: `setOperatorNetworkLimit(subnetwork, operator, amount)` sent by the role holder. */
export async function setSymbioticOperatorNetworkLimit(
  target: SymbioticTarget,
  params: { delegator: Address; subnetwork: Hex; operator: Address; amount: bigint; from?: Address },
): Promise<void> {
  await writeDelegator(
    target,
    params.delegator,
    'setOperatorNetworkLimit',
    [params.subnetwork, params.operator, params.amount],
    params.from,
  )
}

/**
 * Wires one network and one operator to a vault so the operator has stake there: registers both
 * (unless they are, or told not to), sets the network's middleware, opts the operator into the vault
 * and the network, sets the max network limit (from the network) and the delegator's limits
 * (NetworkRestake: network limit + operator shares; FullRestake: network limit + operator network
 * limit; OperatorSpecific: network limit). Returns the subnetwork.
 */
export async function setupSymbioticStake(
  target: SymbioticTarget,
  params: {
    vault: Address
    delegator: Address
    delegatorType: SymbioticDelegatorType
    network: Address
    operator: Address
    /** Network middleware (the account allowed to slash); default none set. */
    middleware?: Address
    identifier?: bigint | number
    /** Limit used for every limit (default: 2^255). */
    limit?: bigint
    /** NetworkRestake operator shares (default 1e18). */
    shares?: bigint
    /** Delegator role holder (default: the deployer, which `createSymbioticVault` uses as owner). */
    owner?: Address
    registerNetwork?: boolean
    registerOperator?: boolean
  },
): Promise<Hex> {
  const limit = params.limit ?? 1n << 255n
  const subnetwork = symbioticSubnetwork(params.network, params.identifier ?? 0n)
  const from = params.owner ? { from: params.owner } : {}
  const { ctx, symbiotic } = resolveTarget(target)
  const registered = (registry: Address, who: Address) =>
    ctx.publicClient.readContract({
      address: registry,
      abi: symbioticDevnetAbi.registry,
      functionName: 'isEntity',
      args: [who],
    })
  if (params.registerNetwork !== false && !(await registered(symbiotic.networkRegistry, params.network)))
    await registerSymbioticNetwork(target, params.network)
  if (params.middleware)
    await setSymbioticMiddleware(target, { network: params.network, middleware: params.middleware })
  if (params.registerOperator !== false && !(await registered(symbiotic.operatorRegistry, params.operator)))
    await registerSymbioticOperator(target, params.operator)
  await optInSymbioticOperator(target, {
    operator: params.operator,
    vault: params.vault,
    network: params.network,
  })
  // Limits already at this value are left alone (the delegator reverts AlreadySet on an equal value).
  const current = (functionName: 'maxNetworkLimit' | 'networkLimit') =>
    ctx.publicClient.readContract({
      address: params.delegator,
      abi: symbioticDevnetAbi.delegator,
      functionName,
      args: [subnetwork],
    })
  if ((await current('maxNetworkLimit')) !== limit) {
    await setSymbioticMaxNetworkLimit(target, {
      delegator: params.delegator,
      network: params.network,
      identifier: params.identifier ?? 0n,
      amount: limit,
    })
  }
  if (params.delegatorType <= 2 && (await current('networkLimit')) !== limit) {
    await setSymbioticNetworkLimit(target, {
      delegator: params.delegator,
      subnetwork,
      amount: limit,
      ...from,
    })
  }
  if (params.delegatorType === 0) {
    await setSymbioticOperatorNetworkShares(target, {
      delegator: params.delegator,
      subnetwork,
      operator: params.operator,
      shares: params.shares ?? 10n ** 18n,
      ...from,
    })
  } else if (params.delegatorType === 1) {
    await setSymbioticOperatorNetworkLimit(target, {
      delegator: params.delegator,
      subnetwork,
      operator: params.operator,
      amount: limit,
      ...from,
    })
  }
  return subnetwork
}

/**
 * Slashes through an instant `Slasher` (type 0) as the network's middleware (impersonated).
 * `captureTimestamp` defaults to the latest block's timestamp minus one second.
 */
export async function slashSymbiotic(
  target: SymbioticTarget,
  params: {
    slasher: Address
    middleware: Address
    subnetwork: Hex
    operator: Address
    amount: bigint
    captureTimestamp?: bigint | number
  },
): Promise<Hex> {
  const { ctx } = resolveTarget(target)
  const capture =
    params.captureTimestamp === undefined
      ? (await ctx.publicClient.getBlock()).timestamp - 1n
      : BigInt(params.captureTimestamp)
  return ctx.write({
    address: params.slasher,
    abi: symbioticDevnetAbi.slasher,
    functionName: 'slash',
    args: [params.subnetwork, params.operator, params.amount, Number(capture), '0x'],
    from: params.middleware,
  })
}

/**
 * Requests a slash through a `VetoSlasher` (type 1) as the network's middleware (impersonated).
 * `captureTimestamp` defaults to the latest block's timestamp minus one second (it must lie in
 * `[now + vetoDuration - epochDuration, now)`). Returns the slash index.
 */
export async function requestSymbioticVetoSlash(
  target: SymbioticTarget,
  params: {
    slasher: Address
    middleware: Address
    subnetwork: Hex
    operator: Address
    amount: bigint
    captureTimestamp?: bigint | number
  },
): Promise<bigint> {
  const { ctx } = resolveTarget(target)
  const capture =
    params.captureTimestamp === undefined
      ? (await ctx.publicClient.getBlock()).timestamp - 1n
      : BigInt(params.captureTimestamp)
  const index = await ctx.publicClient.readContract({
    address: params.slasher,
    abi: symbioticDevnetAbi.slasher,
    functionName: 'slashRequestsLength',
  })
  await ctx.write({
    address: params.slasher,
    abi: symbioticDevnetAbi.slasher,
    functionName: 'requestSlash',
    args: [params.subnetwork, params.operator, params.amount, Number(capture), '0x'],
    from: params.middleware,
  })
  return index
}

/** Executes a requested `VetoSlasher` slash as the network's middleware (after the veto period, or at once without a resolver). */
export async function executeSymbioticVetoSlash(
  target: SymbioticTarget,
  params: { slasher: Address; middleware: Address; slashIndex: bigint },
): Promise<Hex> {
  const { ctx } = resolveTarget(target)
  return ctx.write({
    address: params.slasher,
    abi: symbioticDevnetAbi.slasher,
    functionName: 'executeSlash',
    args: [params.slashIndex, '0x'],
    from: params.middleware,
  })
}
