// Shared set-up for the EigenLayer chain tests: the devnet's real EigenLayer fixture, fresh
// accounts, operators, a second strategy through the StrategyFactory, and a test AVS that slashes.
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, type Hex, parseAbi, parseEther, zeroAddress } from 'viem'
import type { EigenLayerDeployment } from '../deployments.js'

export const operatorAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])
export const allocationWriteAbi = parseAbi([
  'struct OperatorSet { address avs; uint32 id; }',
  'struct AllocateParams { OperatorSet operatorSet; address[] strategies; uint64[] newMagnitudes; }',
  'struct RegisterParams { address avs; uint32[] operatorSetIds; bytes data; }',
  'function registerForOperatorSets(address operator, RegisterParams params)',
  'function modifyAllocations(address operator, AllocateParams[] params)',
])
export const testAvsAbi = parseAbi([
  'function setup(string metadataURI, uint32 operatorSetId, address[] strategies)',
  'function slash(address operator, uint32 operatorSetId, address[] strategies, uint256[] wadsToSlash, string description)',
])
const factoryAbi = parseAbi(['function deployNewStrategy(address token) returns (address)'])
const factoryViewAbi = parseAbi(['function deployedStrategies(address token) view returns (address)'])

export type Env = {
  devnet: Devnet
  deployment: EigenLayerDeployment
  /** The fixture's whitelisted strategy and its (mintable) token. */
  strategy: Address
  token: Address
}

export async function startEnv(): Promise<Env> {
  const devnet = await startDevnet({ symbiotic: false, karak: false })
  const el = devnet.deployments.eigenlayer!
  return {
    devnet,
    deployment: { ...el, chainId: devnet.chain.id },
    strategy: el.fixture.strategy,
    token: el.fixture.token,
  }
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

/** A second whitelisted strategy: the StrategyFactory deploys one for a devnet test token. */
export async function secondStrategy(env: Env, token: Address = env.devnet.deployments.tokens.weth) {
  const existing = await env.devnet.publicClient.readContract({
    address: env.deployment.strategyFactory,
    abi: factoryViewAbi,
    functionName: 'deployedStrategies',
    args: [token],
  })
  if (existing !== zeroAddress) return { strategy: existing, token }
  await env.devnet.context.write({
    address: env.deployment.strategyFactory,
    abi: factoryAbi,
    functionName: 'deployNewStrategy',
    args: [token],
  })
  const strategy = await env.devnet.publicClient.readContract({
    address: env.deployment.strategyFactory,
    abi: factoryViewAbi,
    functionName: 'deployedStrategies',
    args: [token],
  })
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

export function sortAddresses(list: readonly Address[]): Address[] {
  return [...list].sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))
}

const mintAbi = parseAbi(['function mint(address to, uint256 amount)'])

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
    await env.devnet.context.write({
      address: token,
      abi: mintAbi,
      functionName: 'mint',
      args: [staker.address, amount],
    })
    await pc.waitForTransactionReceipt({ hash: await deposit(wallet, { strategy, token, amount }) })
  }
  const operator = await newOperator(env)
  await pc.waitForTransactionReceipt({ hash: await delegateTo(wallet, { operator: operator.address }) })
  for (let i = 0; i < withdrawals; i++) {
    const { strategy } = list[i % list.length]!
    await pc.waitForTransactionReceipt({
      hash: await queueWithdrawals(wallet, { strategies: [strategy], shares: [parseEther('1')] }),
    })
  }
  return { staker, operator, strategies: list }
}
