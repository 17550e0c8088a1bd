import { type Address, keccak256, parseAbi, parseEther, toHex, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import type { DevnetEigenLayer } from './eigenlayer.js'
import { artifact } from './solidity.js'

/** Kelp's (and most LRTs') marker for native ETH as an asset. */
export const KELP_ETH_TOKEN = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/**
 * The EigenLayer operator the devnet's Kelp node delegator is delegated to: a deterministic key,
 * `keccak256("restakekit devnet kelp operator")`. Public knowledge — devnet only.
 */
export const KELP_DEVNET_OPERATOR_KEY = keccak256(toHex('restakekit devnet kelp operator'))

/**
 * Kelp rsETH on the devnet: restakekit's Solidity TEST DOUBLES (`contracts/KelpDouble.sol`) with
 * Kelp's external signatures, events and errors (reference ABIs, v5.1.0), not Kelp's bytecode. The
 * node delegator restakes for real into the devnet's EigenLayer (the state's fixture strategy and
 * token) and is delegated to a registered EigenLayer operator. Native ETH stays in the deposit pool
 * (EigenPods cannot run on anvil).
 */
export type DevnetKelp = {
  lrtConfig: Address
  rsETH: Address
  lrtOracle: Address
  lrtDepositPool: Address
  /**
   * The LRTWithdrawalManager double (v5.1.0 form, with `referralId`): FIFO requests per user per
   * asset, unlocked by the operator role (the deployer, `kelpUnlockQueue`) after `withdrawalDelayBlocks`.
   */
  lrtWithdrawalManager: Address
  /** The withdrawal delay set at deploy, in blocks (Kelp's default is 8 days of blocks; the devnet's is short). */
  withdrawalDelayBlocks: bigint
  /** The node delegators (EigenLayer stakers), in the pool's queue order. */
  nodeDelegators: readonly Address[]
  /** The EigenLayer operator the node delegator is delegated to, and its key. */
  operator: Address
  operatorPrivateKey: `0x${string}`
  /** The supported assets: native ETH (`KELP_ETH_TOKEN`) and the EigenLayer fixture token (an LST stand-in). */
  assets: { eth: typeof KELP_ETH_TOKEN; lst: Address }
  /** The LST stand-in's EigenLayer strategy. */
  strategy: Address
  /** Deposit limit per asset set at deploy (base units). */
  depositLimit: bigint
}

const delegationAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])

/** The devnet's withdrawal delay: 20 blocks (Kelp mainnet: 8 days / 12 s = 57,600). */
export const KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS = 20n

/** Default deposit limit per asset: 1,000,000 units (18 decimals). */
const DEPOSIT_LIMIT = parseEther('1000000')

/**
 * Deploys the Kelp doubles on top of the devnet's EigenLayer: config (ETH and the fixture token
 * supported, the fixture strategy for the token), rsETH, oracle, deposit pool, one node delegator
 * (queued in the pool, delegated to a freshly registered operator).
 */
export async function deployKelp(ctx: DevnetContext, eigenlayer: DevnetEigenLayer): Promise<DevnetKelp> {
  const w = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.write({ address, abi: artifact(name).abi, functionName, args })
  const lst = eigenlayer.fixture.token
  const strategy = eigenlayer.fixture.strategy
  const lrtConfig = await ctx.deployArtifact('KelpDoubleLRTConfig')
  const rsETH = await ctx.deployArtifact('KelpDoubleRSETH', [lrtConfig])
  const lrtOracle = await ctx.deployArtifact('KelpDoubleLRTOracle', [lrtConfig])
  const lrtDepositPool = await ctx.deployArtifact('KelpDoubleLRTDepositPool', [lrtConfig, lrtOracle])
  const lrtWithdrawalManager = await ctx.deployArtifact('KelpDoubleLRTWithdrawalManager', [
    lrtConfig,
    lrtDepositPool,
    lrtOracle,
  ])
  const node = await ctx.deployArtifact('KelpDoubleNodeDelegator', [
    lrtConfig,
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
  ])
  await w(lrtConfig, 'KelpDoubleLRTConfig', 'setRSETH', [rsETH])
  await w(lrtConfig, 'KelpDoubleLRTConfig', 'addNewSupportedAsset', [KELP_ETH_TOKEN, DEPOSIT_LIMIT])
  await w(lrtConfig, 'KelpDoubleLRTConfig', 'addNewSupportedAsset', [lst, DEPOSIT_LIMIT])
  await w(lrtConfig, 'KelpDoubleLRTConfig', 'updateAssetStrategy', [lst, strategy])
  await w(rsETH, 'KelpDoubleRSETH', 'setMinter', [lrtDepositPool])
  await w(lrtOracle, 'KelpDoubleLRTOracle', 'setDepositPool', [lrtDepositPool])
  await w(lrtDepositPool, 'KelpDoubleLRTDepositPool', 'addNodeDelegatorContractToQueue', [[node]])
  await w(rsETH, 'KelpDoubleRSETH', 'setBurner', [lrtWithdrawalManager])
  await w(lrtDepositPool, 'KelpDoubleLRTDepositPool', 'setWithdrawalManager', [lrtWithdrawalManager])
  await w(lrtWithdrawalManager, 'KelpDoubleLRTWithdrawalManager', 'setWithdrawalDelayBlocks', [
    KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
  ])

  const operator = privateKeyToAccount(KELP_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('10') })
  await ctx.write({
    address: eigenlayer.delegationManager,
    abi: delegationAbi,
    functionName: 'registerAsOperator',
    args: [zeroAddress, 0, 'ipfs://restakekit-devnet-kelp-operator'],
    from: operator,
  })
  await w(node, 'KelpDoubleNodeDelegator', 'delegateTo', [operator])
  return {
    lrtConfig,
    rsETH,
    lrtOracle,
    lrtDepositPool,
    lrtWithdrawalManager,
    withdrawalDelayBlocks: KELP_DEVNET_WITHDRAWAL_DELAY_BLOCKS,
    nodeDelegators: [node],
    operator,
    operatorPrivateKey: KELP_DEVNET_OPERATOR_KEY,
    assets: { eth: KELP_ETH_TOKEN, lst },
    strategy,
    depositLimit: DEPOSIT_LIMIT,
  }
}

/**
 * Operator step of the devnet (Kelp's operator role, played by the deployer): moves `amount` of the
 * LST from the pool to node delegator `index` and deposits it into EigenLayer, then refreshes the price.
 */
export async function kelpRestake(
  ctx: DevnetContext,
  kelp: DevnetKelp,
  amount: bigint,
  index = 0,
): Promise<void> {
  const node = kelp.nodeDelegators[index]
  if (!node) throw new Error(`no Kelp node delegator at index ${index}`)
  await ctx.write({
    address: kelp.lrtDepositPool,
    abi: artifact('KelpDoubleLRTDepositPool').abi,
    functionName: 'transferAssetToNodeDelegator',
    args: [BigInt(index), kelp.assets.lst, amount],
  })
  await ctx.write({
    address: node,
    abi: artifact('KelpDoubleNodeDelegator').abi,
    functionName: 'depositAssetIntoStrategy',
    args: [kelp.assets.lst],
  })
  await ctx.write({
    address: kelp.lrtOracle,
    abi: artifact('KelpDoubleLRTOracle').abi,
    functionName: 'updateRSETHPrice',
  })
}

/**
 * Operator step of the devnet (Kelp's operator role, played by the deployer): `unlockQueue` for
 * `asset` up to `firstExcludedIndex` (default: every request queued so far) at the oracle's
 * current prices (bounds 0 … max). Requests younger than the delay stay locked, without a revert.
 */
export async function kelpUnlockQueue(
  ctx: DevnetContext,
  kelp: DevnetKelp,
  asset: Address,
  firstExcludedIndex?: bigint,
): Promise<void> {
  const abi = artifact('KelpDoubleLRTWithdrawalManager').abi
  const end =
    firstExcludedIndex ??
    ((await ctx.publicClient.readContract({
      address: kelp.lrtWithdrawalManager,
      abi,
      functionName: 'nextUnusedNonce',
      args: [asset],
    })) as bigint)
  const max = 2n ** 256n - 1n
  await ctx.write({
    address: kelp.lrtWithdrawalManager,
    abi,
    functionName: 'unlockQueue',
    args: [asset, end, 0n, 0n, max, max],
  })
}
