import { type Address, type Hex, keccak256, parseAbi, parseEther, toHex, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import type { DevnetEigenLayer } from './eigenlayer.js'
import { artifact } from './solidity.js'

/** ether.fi's marker for native ETH as a redemption output token. */
export const ETHERFI_ETH_ADDRESS = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/**
 * The EigenLayer operator the devnet's ether.fi node is delegated to: a deterministic key,
 * `keccak256("restakekit devnet etherfi operator")`. Public knowledge — devnet only.
 */
export const ETHERFI_DEVNET_OPERATOR_KEY = keccak256(toHex('restakekit devnet etherfi operator'))

/**
 * ether.fi eETH / weETH on the devnet: restakekit's Solidity TEST DOUBLES (`contracts/EtherFiDouble.sol`)
 * with ether.fi's external signatures, events and errors (reference ABIs), not ether.fi's bytecode.
 * The deployer (anvil account 9) plays EtherFiAdmin: `rebase` and `finalizeRequests`. Native ETH stays
 * in the pool (or in the node it is sent to); the node restakes an ERC-20 STAND-IN (the EigenLayer
 * fixture token) into the fixture strategy for real, delegated to a registered operator.
 */
export type DevnetEtherFi = {
  liquidityPool: Address
  eETH: Address
  weETH: Address
  withdrawRequestNFT: Address
  /** The redemption manager in its HEAD / 2026-03 form (`outputToken` argument). */
  redemptionManager: Address
  /** A second redemption manager in the 2025-03 form (two-argument redeem), on the same pool, for version probing. */
  redemptionManagerV2025: Address
  /** Who plays EtherFiAdmin (rebase, finalizeRequests): the devnet deployer. */
  admin: Address
  /** Where the treasury's share of exit fees goes. */
  treasury: Address
  /** The EigenLayer stakers behind eETH (the node). */
  nodes: readonly Address[]
  operator: Address
  operatorPrivateKey: Hex
  /** The fixture strategy and the stand-in token the node restakes in it. */
  strategy: Address
  standIn: Address
}

const delegationAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])
const tokenAbi = parseAbi([
  'function mint(address to, uint256 amount)',
  'function transfer(address to, uint256 amount) returns (bool)',
])

/** Stand-in tokens given to the node at deploy (what it can restake). */
const STAND_IN_FUNDING = parseEther('1000')

/** Deploys the ether.fi doubles on the devnet's EigenLayer (one node, delegated to a fresh operator). */
export async function deployEtherFi(
  ctx: DevnetContext,
  eigenlayer: DevnetEigenLayer,
): Promise<DevnetEtherFi> {
  const w = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.write({ address, abi: artifact(name).abi, functionName, args })
  const admin = ctx.deployer.account.address
  const treasury = privateKeyToAccount(keccak256(toHex('restakekit devnet etherfi treasury'))).address
  const eETH = await ctx.deployArtifact('EtherFiDoubleEETH')
  const liquidityPool = await ctx.deployArtifact('EtherFiDoubleLiquidityPool', [eETH])
  const weETH = await ctx.deployArtifact('EtherFiDoubleWeETH', [eETH, liquidityPool])
  const withdrawRequestNFT = await ctx.deployArtifact('EtherFiDoubleWithdrawRequestNFT', [liquidityPool])
  const redemptionManager = await ctx.deployArtifact('EtherFiDoubleRedemptionManager', [
    liquidityPool,
    eETH,
    weETH,
    treasury,
  ])
  const redemptionManagerV2025 = await ctx.deployArtifact('EtherFiDoubleRedemptionManagerV2025', [
    liquidityPool,
    eETH,
    weETH,
    treasury,
  ])
  await w(eETH, 'EtherFiDoubleEETH', 'setLiquidityPool', [liquidityPool])
  await w(liquidityPool, 'EtherFiDoubleLiquidityPool', 'setWithdrawalContracts', [
    withdrawRequestNFT,
    redemptionManager,
    redemptionManagerV2025,
  ])

  const node = await ctx.deployArtifact('EtherFiDoubleNode', [
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
  ])
  const standIn = eigenlayer.fixture.token
  const code = await ctx.publicClient.getCode({ address: standIn })
  if (code?.toLowerCase().includes('6340c10f19')) {
    await ctx.write({ address: standIn, abi: tokenAbi, functionName: 'mint', args: [node, STAND_IN_FUNDING] })
  } else {
    await ctx.write({
      address: standIn,
      abi: tokenAbi,
      functionName: 'transfer',
      args: [node, STAND_IN_FUNDING],
      from: eigenlayer.fixture.tokenHolder,
    })
  }
  const operator = privateKeyToAccount(ETHERFI_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('10') })
  await ctx.write({
    address: eigenlayer.delegationManager,
    abi: delegationAbi,
    functionName: 'registerAsOperator',
    args: [zeroAddress, 0, 'ipfs://restakekit-devnet-etherfi-operator'],
    from: operator,
  })
  await w(node, 'EtherFiDoubleNode', 'delegateTo', [operator])
  return {
    liquidityPool,
    eETH,
    weETH,
    withdrawRequestNFT,
    redemptionManager,
    redemptionManagerV2025,
    admin,
    treasury,
    nodes: [node],
    operator,
    operatorPrivateKey: ETHERFI_DEVNET_OPERATOR_KEY,
    strategy: eigenlayer.fixture.strategy,
    standIn,
  }
}

/**
 * Admin step (EtherFiAdmin's role, played by the deployer): moves `amount` ETH out of the pool's
 * liquidity to node `index` (it counts as out of LP, the rate is unchanged) and restakes as much of
 * the stand-in token into EigenLayer.
 */
export async function etherfiRestake(
  ctx: DevnetContext,
  etherfi: DevnetEtherFi,
  amount: bigint,
  index = 0,
): Promise<void> {
  const node = etherfi.nodes[index]
  if (!node) throw new Error(`no ether.fi node at index ${index}`)
  await ctx.write({
    address: etherfi.liquidityPool,
    abi: artifact('EtherFiDoubleLiquidityPool').abi,
    functionName: 'sendToNode',
    args: [node, amount],
  })
  await ctx.write({
    address: node,
    abi: artifact('EtherFiDoubleNode').abi,
    functionName: 'restake',
    args: [etherfi.strategy, etherfi.standIn, amount],
  })
}

/** Admin step: the oracle report, `rebase(accruedRewards, 0)` (negative for a slash). */
export async function etherfiRebase(
  ctx: DevnetContext,
  etherfi: DevnetEtherFi,
  accrued: bigint,
): Promise<void> {
  await ctx.write({
    address: etherfi.liquidityPool,
    abi: artifact('EtherFiDoubleLiquidityPool').abi,
    functionName: 'rebase',
    args: [accrued, 0n],
  })
}

/** Admin step: `finalizeRequests(upTo)` on the WithdrawRequestNFT (EtherFiAdmin's call). */
export async function etherfiFinalize(
  ctx: DevnetContext,
  etherfi: DevnetEtherFi,
  upTo: bigint,
): Promise<void> {
  await ctx.write({
    address: etherfi.withdrawRequestNFT,
    abi: artifact('EtherFiDoubleWithdrawRequestNFT').abi,
    functionName: 'finalizeRequests',
    args: [upTo],
  })
}
