// Shared set-up for the EigenLayer chain tests: the devnet's real EigenLayer state (the one
// RESTAKEKIT_EIGENLAYER_STATE names, else the v1.2 fixture; vitest.config.ts runs the suite once per
// state), fresh accounts, operators, a second strategy, and a test AVS that slashes.
import { basename, dirname } from 'node:path'
import { type Devnet, eigenlayerStatePath, startDevnet } from '@restakekit/devnet'
import { type Address, getAddress, type Hex, pad, parseAbi, parseEther, zeroAddress } from 'viem'
import { afterAll, beforeAll, beforeEach } from 'vitest'
import { delegationManagerAbi } from '../abis.js'
import type { EigenLayerDeployment } from '../deployments.js'

/**
 * The release of the state under test, from its fixture folder (`fixtures/eigenlayer` is the v1.2
 * state, `fixtures/eigenlayer-v1.3.0` the v1.3.0 one). Independent of the SDK's own version probe,
 * so tests can check the probe against it.
 */
export type StateRelease = 'v1.2' | 'v1.3.0'
export function stateRelease(statePath: string = eigenlayerStatePath()): StateRelease {
  const folder = basename(dirname(statePath))
  if (folder === 'eigenlayer') return 'v1.2'
  if (folder === 'eigenlayer-v1.3.0') return 'v1.3.0'
  throw new Error(`unknown EigenLayer state folder ${folder}: name its release in test/helpers.ts`)
}

export const operatorAbi = /* @__PURE__ */ parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])
export const allocationWriteAbi = /* @__PURE__ */ parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct AllocateParams { OperatorSet operatorSet; address[] strategies; uint64[] newMagnitudes; }',
  'struct RegisterParams { address avs; uint32[] operatorSetIds; bytes data; }',
  'function registerForOperatorSets(address operator, RegisterParams params)',
  'function modifyAllocations(address operator, AllocateParams[] params)',
])
export const testAvsAbi = /* @__PURE__ */ parseAbi([
  'function setup(string metadataURI, uint32 operatorSetId, address[] strategies)',
  'function slash(address operator, uint32 operatorSetId, address[] strategies, uint256[] wadsToSlash, string description)',
])
const factoryAbi = /* @__PURE__ */ parseAbi(['function deployNewStrategy(address token) returns (address)'])
const factoryViewAbi = /* @__PURE__ */ parseAbi([
  'function deployedStrategies(address token) view returns (address)',
])

export type Env = {
  devnet: Devnet
  deployment: EigenLayerDeployment
  /** The release of the loaded state (from its folder, not from the SDK). */
  release: StateRelease
  /** `minWithdrawalDelayBlocks()`, read from chain (0 on the v1.2 state, 900 on v1.3.0). */
  withdrawalDelayBlocks: number
  /** The state's whitelisted strategy and its token (`devnet.fund` mints or transfers it). */
  strategy: Address
  token: Address
}

export async function startEnv(): Promise<Env> {
  return envOf(await startDevnet({ symbiotic: false, karak: false }))
}

/** The test env of a devnet started elsewhere (with EigenLayer state). */
export async function envOf(devnet: Devnet): Promise<Env> {
  const el = devnet.deployments.eigenlayer
  if (!el) throw new Error('the devnet has no EigenLayer state')
  const withdrawalDelayBlocks = await devnet.publicClient.readContract({
    address: el.delegationManager,
    abi: delegationManagerAbi,
    functionName: 'minWithdrawalDelayBlocks',
  })
  // v1.3.0 state: slashOperator underflows while block.number < minWithdrawalDelayBlocks (its
  // README); the state starts at block 0, so move past the delay once (anvil_mine, one request).
  const block = await devnet.publicClient.getBlockNumber({ cacheTime: 0 })
  if (block <= BigInt(withdrawalDelayBlocks)) await devnet.mine(withdrawalDelayBlocks + 1 - Number(block))
  return {
    devnet,
    deployment: el,
    release: stateRelease(el.statePath),
    withdrawalDelayBlocks,
    strategy: el.fixture.strategy,
    token: el.fixture.token,
  }
}

/**
 * The shared set-up of an EigenLayer chain test file, in one call inside its `describe`: one devnet
 * on the state under test for the file (stopped after it), and every test starting from the same
 * snapshot. `t.env` is the env; `t.pc()` its public client.
 */
export function useEigenLayerEnv() {
  let env: Env | undefined
  let snap: Hex | undefined
  beforeAll(async () => {
    env = await startEnv()
  })
  afterAll(() => env?.devnet.stop())
  beforeEach(async () => {
    if (snap) await env!.devnet.revert(snap)
    snap = await env!.devnet.snapshot()
  })
  return {
    get env(): Env {
      if (!env) throw new Error('useEigenLayerEnv: the env is started in beforeAll')
      return env
    },
    pc: () => {
      if (!env) throw new Error('useEigenLayerEnv: the env is started in beforeAll')
      return env.devnet.publicClient
    },
  }
}

/** Mines until `block` is the latest block (an `eth_call` at latest then runs in `block`). */
export async function mineUntil(env: Env, block: bigint) {
  const now = await env.devnet.publicClient.getBlockNumber({ cacheTime: 0 })
  if (block > now) await env.devnet.mine(Number(block - now))
}

/** First block a withdrawal can be completed in: `startBlock + minWithdrawalDelayBlocks + 1` (delay from chain). */
export function readyAt(env: Env, withdrawal: { startBlock: number | bigint }): bigint {
  return BigInt(withdrawal.startBlock) + BigInt(env.withdrawalDelayBlocks) + 1n
}

/** Mines until `block` is the next block (a transaction sent then lands in `block`). */
export async function mineUntilNext(env: Env, block: bigint) {
  const now = await env.devnet.publicClient.getBlockNumber({ cacheTime: 0 })
  if (block - 1n > now) await env.devnet.mine(Number(block - 1n - now))
}

/** A fresh funded account holding `amount` of `token` (default the fixture token). */
export async function newStaker(env: Env, amount: bigint = parseEther('10'), token: Address = env.token) {
  return env.devnet.newAccount({ tokens: { [token]: amount } })
}

/** A fresh account registered as operator (allocation delay 0, effective at once). */
export async function newOperator(env: Env, approver: Address = zeroAddress) {
  const operator = await env.devnet.newAccount()
  const w = env.devnet.walletClient(operator)
  const hash = await w.writeContract({
    address: env.deployment.delegationManager,
    abi: operatorAbi,
    functionName: 'registerAsOperator',
    args: [approver, 0, 'ipfs://restakekit-test-operator'],
  })
  const r = await env.devnet.publicClient.waitForTransactionReceipt({ hash })
  if (r.status !== 'success') throw new Error('registerAsOperator failed')
  return operator
}

const EIP1967_IMPLEMENTATION = '0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc'
const EIP1967_ADMIN = '0xb53127684a568b3173ae13b9f8a6016e243e63b6e8ee1178d6a717850b5d6103'
const whitelistAbi = /* @__PURE__ */ parseAbi([
  'function addStrategiesToDepositWhitelist(address[] strategies)',
])
const cloned = new Map<string, Address>()

/**
 * A second whitelisted strategy for a devnet test token: the StrategyFactory deploys one where the
 * state has a factory (v1.2). The v1.3.0 state has none: the state's own strategy proxy (a
 * TransparentUpgradeableProxy over StrategyBase) is cloned with anvil_setCode / anvil_setStorageAt
 * (planted: same code, implementation, admin, TVL limits; another underlying token) and whitelisted
 * by the strategy whitelister, anvil account 0.
 */
export async function secondStrategy(env: Env, token: Address = env.devnet.deployments.tokens.weth) {
  const factory = env.deployment.strategyFactory
  if (!factory) return cloneStrategy(env, token)
  const existing = await env.devnet.publicClient.readContract({
    address: factory,
    abi: factoryViewAbi,
    functionName: 'deployedStrategies',
    args: [token],
  })
  if (existing !== zeroAddress) return { strategy: existing, token }
  await env.devnet.context.write({
    address: factory,
    abi: factoryAbi,
    functionName: 'deployNewStrategy',
    args: [token],
  })
  const strategy = await env.devnet.publicClient.readContract({
    address: factory,
    abi: factoryViewAbi,
    functionName: 'deployedStrategies',
    args: [token],
  })
  return { strategy, token }
}

async function cloneStrategy(env: Env, token: Address) {
  const pc = env.devnet.publicClient
  const key = `${env.devnet.rpcUrl}:${token.toLowerCase()}`
  const known = cloned.get(key)
  if (known && (await pc.getCode({ address: known }))) return { strategy: known, token }
  const source = env.strategy
  const strategy = getAddress(`0x${token.slice(2, 10)}${'5'.repeat(32)}`)
  const tc = env.devnet.testClient
  await tc.setCode({ address: strategy, bytecode: (await pc.getCode({ address: source }))! })
  for (const slot of [EIP1967_IMPLEMENTATION, EIP1967_ADMIN, '0x0', '0x64', '0x65'] as const) {
    const value = (await pc.getStorageAt({ address: source, slot }))!
    await tc.setStorageAt({ address: strategy, index: pad(slot as Hex), value })
  }
  // StrategyBase.underlyingToken lives in slot 50 (after Initializable and Pausable)
  await tc.setStorageAt({ address: strategy, index: pad('0x32'), value: pad(token) })
  await env.devnet.context.write({
    address: env.deployment.strategyManager,
    abi: whitelistAbi,
    functionName: 'addStrategiesToDepositWhitelist',
    args: [[strategy]],
    from: env.devnet.accounts[0]!.address,
  })
  cloned.set(key, strategy)
  return { strategy, token }
}

/** Deploys the test AVS (from the devnet deployer), registers its metadata and registrar, creates set `setId`. */
export async function newAvs(env: Env, strategies: readonly Address[], setId = 1) {
  const avs = await env.devnet.context.deployArtifact('EigenLayerTestAvs', [env.deployment.allocationManager])
  await env.devnet.context.write({
    address: avs,
    abi: testAvsAbi,
    functionName: 'setup',
    args: ['ipfs://restakekit-test-avs', setId, sortAddresses(strategies)],
  })
  return avs
}

/** The operator registers for the AVS's set and allocates `magnitudes` (WAD fractions) of each strategy. */
export async function registerAndAllocate(
  env: Env,
  operator: { address: Address } & Parameters<Devnet['walletClient']>[0],
  avs: Address,
  setId: number,
  strategies: readonly Address[],
  magnitudes: readonly bigint[],
) {
  const w = env.devnet.walletClient(operator)
  const pc = env.devnet.publicClient
  const am = env.deployment.allocationManager
  const wait = async (hash: Hex) => {
    const r = await pc.waitForTransactionReceipt({ hash })
    if (r.status !== 'success') throw new Error(`tx failed ${hash}`)
  }
  await wait(
    await w.writeContract({
      address: am,
      abi: allocationWriteAbi,
      functionName: 'registerForOperatorSets',
      args: [operator.address, { avs, operatorSetIds: [setId], data: '0x' }],
    }),
  )
  await wait(
    await w.writeContract({
      address: am,
      abi: allocationWriteAbi,
      functionName: 'modifyAllocations',
      args: [
        operator.address,
        [{ operatorSet: { avs, id: setId }, strategies: [...strategies], newMagnitudes: [...magnitudes] }],
      ],
    }),
  )
}

/** The AVS slashes `wads` (WAD fractions of the allocation) of each strategy. */
export async function slash(
  env: Env,
  avs: Address,
  operator: Address,
  setId: number,
  strategies: readonly Address[],
  wads: readonly bigint[],
) {
  const pairs = strategies
    .map((s, i) => [s, wads[i]!] as const)
    .sort((a, b) => (BigInt(a[0]) < BigInt(b[0]) ? -1 : 1))
  return env.devnet.context.write({
    address: avs,
    abi: testAvsAbi,
    functionName: 'slash',
    args: [operator, setId, pairs.map((p) => p[0]), pairs.map((p) => p[1]), 'restakekit test slash'],
  })
}

const mintAbi = /* @__PURE__ */ parseAbi(['function mint(address to, uint256 amount)'])

export function sortAddresses(list: readonly Address[]): Address[] {
  return [...list].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
}

/**
 * A delegated staker with deposits in `strategies` strategies (the fixture's plus factory-deployed
 * ones for fresh test tokens) and `withdrawals` queued withdrawals spread over them. Uses the SDK.
 */
export async function stakerWithPortfolio(env: Env, strategies: number, withdrawals: number) {
  const { deposit } = await import('../actions/deposit.js')
  const { delegateTo } = await import('../actions/delegateTo.js')
  const { queueWithdrawals } = await import('../actions/queueWithdrawals.js')
  const pc = env.devnet.publicClient
  const staker = await env.devnet.newAccount()
  const wallet = env.devnet.walletClient(staker)
  const amount = parseEther('100')
  const list: { strategy: Address; token: Address }[] = [{ strategy: env.strategy, token: env.token }]
  for (let i = 1; i < strategies; i++) {
    const token = await env.devnet.context.deployArtifact('TestERC20', [`Portfolio Token ${i}`, `PT${i}`, 18])
    list.push(await secondStrategy(env, token))
  }
  for (const { strategy, token } of list) {
    if (token === env.token) await env.devnet.fund(staker.address, { tokens: { [token]: amount } })
    else
      await env.devnet.context.write({
        address: token,
        abi: mintAbi,
        functionName: 'mint',
        args: [staker.address, amount],
      })
    await pc.waitForTransactionReceipt({
      hash: await deposit(wallet, { deployment: env.deployment, strategy, token, amount }),
    })
  }
  const operator = await newOperator(env)
  await pc.waitForTransactionReceipt({
    hash: await delegateTo(wallet, { deployment: env.deployment, operator: operator.address }),
  })
  for (let i = 0; i < withdrawals; i++) {
    const { strategy } = list[i % list.length]!
    await pc.waitForTransactionReceipt({
      hash: await queueWithdrawals(wallet, {
        deployment: env.deployment,
        strategies: [strategy],
        shares: [parseEther('1')],
      }),
    })
  }
  return { staker, operator, strategies: list }
}
