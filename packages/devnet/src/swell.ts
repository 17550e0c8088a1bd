import { type Address, keccak256, parseAbi, parseEther, toHex, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import type { DevnetEigenLayer } from './eigenlayer.js'
import { artifact } from './solidity.js'

/**
 * The EigenLayer operator the devnet's Swell module is delegated to: a deterministic key,
 * `keccak256("restakekit devnet swell operator")`. Public knowledge — devnet only.
 */
export const SWELL_DEVNET_OPERATOR_KEY = keccak256(toHex('restakekit devnet swell operator'))

/**
 * Swell rswETH on the devnet: restakekit's Solidity TEST DOUBLES (`contracts/SwellDouble.sol`) with
 * Swell's external signatures, events and errors (reference ABIs, v3-core-public lrt), not Swell's
 * bytecode: rswETH, the rswEXIT withdrawal NFT and the AccessControlManager's address book. Native ETH
 * cannot be restaked through EigenPods on anvil: a module (the stand-in module double) restakes an
 * ERC-20 STAND-IN (the EigenLayer fixture token) for real into the fixture strategy, delegated to a
 * registered operator (see `swellRestake`). The deployer is Swell's admin, bot and withdrawal processor.
 */
export type DevnetSwell = {
  rswETH: Address
  rswEXIT: Address
  accessControlManager: Address
  /** The EigenLayer staker behind rswETH (a module double). */
  modules: readonly Address[]
  operator: Address
  operatorPrivateKey: `0x${string}`
  standIn: Address
  strategy: Address
}

const delegationAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])

/** Deploys the Swell doubles on the devnet's EigenLayer and wires them. */
export async function deploySwell(ctx: DevnetContext, eigenlayer: DevnetEigenLayer): Promise<DevnetSwell> {
  const w = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.write({ address, abi: artifact(name).abi, functionName, args })
  const accessControlManager = await ctx.deployArtifact('SwellDoubleAccessControlManager')
  const rswETH = await ctx.deployArtifact('SwellDoubleRswETH', [accessControlManager])
  const rswEXIT = await ctx.deployArtifact('SwellDoubleRswEXIT', [accessControlManager])
  await w(accessControlManager, 'SwellDoubleAccessControlManager', 'setRswETH', [rswETH])
  await w(accessControlManager, 'SwellDoubleAccessControlManager', 'setRswEXIT', [rswEXIT])
  // the generic stand-in module double (contracts/PufferDouble.sol)
  const module = await ctx.deployArtifact('PufferDoubleModule', [
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
    eigenlayer.fixture.strategy,
    eigenlayer.fixture.token,
  ])
  await w(rswETH, 'SwellDoubleRswETH', 'setModule', [module])
  const operator = privateKeyToAccount(SWELL_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('10') })
  await ctx.write({
    address: eigenlayer.delegationManager,
    abi: delegationAbi,
    functionName: 'registerAsOperator',
    args: [zeroAddress, 0, 'ipfs://restakekit-devnet-swell-operator'],
    from: operator,
  })
  await w(module, 'PufferDoubleModule', 'delegateTo', [operator])
  return {
    rswETH,
    rswEXIT,
    accessControlManager,
    modules: [module],
    operator,
    operatorPrivateKey: SWELL_DEVNET_OPERATOR_KEY,
    standIn: eigenlayer.fixture.token,
    strategy: eigenlayer.fixture.strategy,
  }
}

/**
 * Admin step of the devnet (validator provisioning, see the label): moves `amount` ETH from rswETH to
 * the module and restakes `amount` of the stand-in, which `fundStandIn` puts in the module.
 */
export async function swellRestake(
  ctx: DevnetContext,
  swell: DevnetSwell,
  amount: bigint,
  fundStandIn: (to: Address, amount: bigint) => Promise<void>,
): Promise<void> {
  const module = swell.modules[0]
  if (!module) throw new Error('no Swell module')
  await ctx.write({
    address: swell.rswETH,
    abi: artifact('SwellDoubleRswETH').abi,
    functionName: 'sendToModule',
    args: [amount],
  })
  await fundStandIn(module, amount)
  await ctx.write({ address: module, abi: artifact('PufferDoubleModule').abi, functionName: 'restake' })
}

/** The bot's reprice (Swell's off-chain reserves): the new rate is (reserves + rewards) / supply. */
export async function swellReprice(
  ctx: DevnetContext,
  swell: DevnetSwell,
  reserves: bigint,
  rewards: bigint,
  supply: bigint,
): Promise<void> {
  await ctx.write({
    address: swell.rswETH,
    abi: artifact('SwellDoubleRswETH').abi,
    functionName: 'reprice',
    args: [reserves, rewards, supply],
  })
}

/** The withdrawal processor's step (Swell's PROCESS_WITHDRAWALS role, played by the deployer). */
export async function swellProcessWithdrawals(
  ctx: DevnetContext,
  swell: DevnetSwell,
  lastTokenId: bigint,
): Promise<void> {
  await ctx.write({
    address: swell.rswEXIT,
    abi: artifact('SwellDoubleRswEXIT').abi,
    functionName: 'processWithdrawals',
    args: [lastTokenId],
  })
}
