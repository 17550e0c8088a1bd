import { type Address, keccak256, parseAbi, parseEther, toHex, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import type { DevnetEigenLayer } from './eigenlayer.js'
import { artifact } from './solidity.js'

/**
 * The EigenLayer operator the devnet's Puffer module is delegated to: a deterministic key,
 * `keccak256("restakekit devnet puffer operator")`. Public knowledge — devnet only.
 */
export const PUFFER_DEVNET_OPERATOR_KEY = keccak256(toHex('restakekit devnet puffer operator'))

/** Requests per withdrawal batch on the devnet (10 on mainnet; small so tests fill a batch quickly). */
export const PUFFER_DEVNET_BATCH_SIZE = 3n

/**
 * Puffer pufETH on the devnet: restakekit's Solidity TEST DOUBLES (`contracts/PufferDouble.sol`) with
 * Puffer's external signatures, events and errors (reference ABIs, PufferVaultV5 HEAD and
 * PufferWithdrawalManager), not Puffer's bytecode. The vault is an ERC-4626 over a WETH9-like double
 * that also takes native ETH. Native ETH cannot be restaked through EigenPods on anvil: the module
 * restakes an ERC-20 STAND-IN (the EigenLayer fixture token) for real into the fixture strategy,
 * delegated to a registered operator, and the vault counts it as ETH 1:1 (see `pufferRestake`).
 * The deployer is Puffer's admin and plays the withdrawal finalizer.
 */
export type DevnetPuffer = {
  /** The vault, which is the pufETH token. */
  vault: Address
  /** The v1.5.0 form of the vault (no treasury exit fee), with its own WETH pool, for the version probe. */
  vaultV150: Address
  withdrawalManager: Address
  /** The vault's asset: a WETH9-like double (`deposit()` payable, `withdraw`). */
  weth: Address
  /** The EigenLayer staker behind pufETH (a module double). */
  modules: readonly Address[]
  operator: Address
  operatorPrivateKey: `0x${string}`
  /** The ERC-20 stand-in restaked for the validators' ETH, and its EigenLayer strategy. */
  standIn: Address
  strategy: Address
  batchSize: bigint
  /** The treasury receiving the treasury part of the exit fee. */
  treasury: Address
}

const delegationAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])

/** A deterministic treasury address for the devnet (no key needed: it only receives). */
const TREASURY = '0x7e5f4552091a69125d5dfcb7b8c2659029395bdf' as const

/** Deploys the Puffer doubles on the devnet's EigenLayer and wires them. */
export async function deployPuffer(ctx: DevnetContext, eigenlayer: DevnetEigenLayer): Promise<DevnetPuffer> {
  const w = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.write({ address, abi: artifact(name).abi, functionName, args })
  const weth = await ctx.deployArtifact('PufferDoubleWETH')
  const vault = await ctx.deployArtifact('PufferDoubleVault', [weth])
  const vaultV150 = await ctx.deployArtifact('PufferDoubleVaultV150', [weth])
  const withdrawalManager = await ctx.deployArtifact('PufferDoubleWithdrawalManager', [
    PUFFER_DEVNET_BATCH_SIZE,
    vault,
    weth,
  ])
  const module = await ctx.deployArtifact('PufferDoubleModule', [
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
    eigenlayer.fixture.strategy,
    eigenlayer.fixture.token,
  ])
  await w(vault, 'PufferDoubleVault', 'setWithdrawalManager', [withdrawalManager])
  await w(vault, 'PufferDoubleVault', 'setModule', [module])

  const operator = privateKeyToAccount(PUFFER_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('10') })
  await ctx.write({
    address: eigenlayer.delegationManager,
    abi: delegationAbi,
    functionName: 'registerAsOperator',
    args: [zeroAddress, 0, 'ipfs://restakekit-devnet-puffer-operator'],
    from: operator,
  })
  await w(module, 'PufferDoubleModule', 'delegateTo', [operator])
  return {
    vault,
    vaultV150,
    withdrawalManager,
    weth,
    modules: [module],
    operator,
    operatorPrivateKey: PUFFER_DEVNET_OPERATOR_KEY,
    standIn: eigenlayer.fixture.token,
    strategy: eigenlayer.fixture.strategy,
    batchSize: PUFFER_DEVNET_BATCH_SIZE,
    treasury: TREASURY,
  }
}

/**
 * Admin step of the devnet (Puffer's validator provisioning, see the label): moves `amount` ETH from
 * the vault to the module (the validators' deposits) and restakes `amount` of the stand-in, which
 * `fundStandIn` puts in the module (the devnet's `fund`), into the fixture strategy.
 */
export async function pufferRestake(
  ctx: DevnetContext,
  puffer: DevnetPuffer,
  amount: bigint,
  fundStandIn: (to: Address, amount: bigint) => Promise<void>,
): Promise<void> {
  const module = puffer.modules[0]
  if (!module) throw new Error('no Puffer module')
  await ctx.write({
    address: puffer.vault,
    abi: artifact('PufferDoubleVault').abi,
    functionName: 'sendToModule',
    args: [amount],
  })
  await fundStandIn(module, amount)
  await ctx.write({ address: module, abi: artifact('PufferDoubleModule').abi, functionName: 'restake' })
}

/** The finalizer's step (Puffer's ROLE_ID_WITHDRAWAL_FINALIZER, played by the deployer). */
export async function pufferFinalize(
  ctx: DevnetContext,
  puffer: DevnetPuffer,
  batchIndex: bigint,
): Promise<void> {
  await ctx.write({
    address: puffer.withdrawalManager,
    abi: artifact('PufferDoubleWithdrawalManager').abi,
    functionName: 'finalizeWithdrawals',
    args: [batchIndex],
  })
}
