import { type Address, keccak256, parseAbi, parseEther, toHex, zeroAddress } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'
import type { DevnetContext } from './context.js'
import type { DevnetEigenLayer } from './eigenlayer.js'
import { artifact } from './solidity.js'

/** Renzo's marker for native ETH (`WithdrawQueue.IS_NATIVE`). */
export const RENZO_IS_NATIVE = '0xEeeeeEeeeEeEeeEeEeEeeEEEeeeeEeeeeeeeEEeE' as const

/**
 * The EigenLayer operator the devnet's Renzo operator delegator is delegated to: a deterministic key,
 * `keccak256("restakekit devnet renzo operator")`. Public knowledge — devnet only.
 */
export const RENZO_DEVNET_OPERATOR_KEY = keccak256(toHex('restakekit devnet renzo operator'))

/** The devnet WithdrawQueue's cooldown at deploy (seconds): 7 days (the test sets it on chain). */
export const RENZO_DEVNET_COOLDOWN = 7n * 24n * 3600n

/**
 * Renzo ezETH on the devnet: restakekit's Solidity TEST DOUBLES (`contracts/RenzoDouble.sol`) with
 * Renzo's external signatures, events and errors (reference ABIs, HEAD form), not Renzo's bytecode.
 * The operator delegator restakes the ERC-20 collateral for real into the devnet's EigenLayer (the
 * state's fixture strategy and token, an LST stand-in) and is delegated to a registered EigenLayer
 * operator. Native ETH stays in the RestakeManager or the withdraw buffer (EigenPods cannot run on anvil).
 */
export type DevnetRenzo = {
  restakeManager: Address
  ezETH: Address
  renzoOracle: Address
  withdrawQueue: Address
  /** The operator delegators (EigenLayer stakers), in the RestakeManager's order. */
  operatorDelegators: readonly Address[]
  operator: Address
  operatorPrivateKey: `0x${string}`
  /** The accepted assets: native ETH and the EigenLayer fixture token (an LST stand-in). */
  assets: { eth: typeof RENZO_IS_NATIVE; lst: Address }
  /** The LST stand-in's EigenLayer strategy. */
  strategy: Address
  /** The withdraw buffer target per asset set at deploy (ETH and the LST). */
  bufferTarget: bigint
  /** `coolDownPeriod()` at deploy, in seconds. */
  coolDownPeriod: bigint
}

const delegationAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
])

const BUFFER_TARGET = parseEther('10')

/**
 * Deploys the Renzo doubles on top of the devnet's EigenLayer: ezETH, oracle (ETH and the fixture
 * token priced 1:1), RestakeManager (the fixture token as collateral), WithdrawQueue (a 10-unit
 * buffer target for ETH and the token, a 7-day cooldown) and one operator delegator restaking into
 * the fixture strategy, delegated to a freshly registered operator.
 */
export async function deployRenzo(ctx: DevnetContext, eigenlayer: DevnetEigenLayer): Promise<DevnetRenzo> {
  const w = (address: Address, name: string, functionName: string, args: readonly unknown[] = []) =>
    ctx.write({ address, abi: artifact(name).abi, functionName, args })
  const lst = eigenlayer.fixture.token
  const strategy = eigenlayer.fixture.strategy
  const ezETH = await ctx.deployArtifact('RenzoDoubleEzEthToken')
  const renzoOracle = await ctx.deployArtifact('RenzoDoubleRenzoOracle')
  const restakeManager = await ctx.deployArtifact('RenzoDoubleRestakeManager', [
    ezETH,
    renzoOracle,
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
  ])
  const withdrawQueue = await ctx.deployArtifact('RenzoDoubleWithdrawQueue', [
    restakeManager,
    ezETH,
    renzoOracle,
    RENZO_DEVNET_COOLDOWN,
  ])
  const od = await ctx.deployArtifact('RenzoDoubleOperatorDelegator', [
    restakeManager,
    eigenlayer.strategyManager,
    eigenlayer.delegationManager,
  ])
  // the oracle "address" of a token only marks it priced (1:1) in the double
  await w(renzoOracle, 'RenzoDoubleRenzoOracle', 'setOracleAddress', [lst, renzoOracle])
  await w(renzoOracle, 'RenzoDoubleRenzoOracle', 'setOracleAddress', [RENZO_IS_NATIVE, renzoOracle])
  await w(ezETH, 'RenzoDoubleEzEthToken', 'setMinterBurner', [restakeManager, true])
  await w(ezETH, 'RenzoDoubleEzEthToken', 'setMinterBurner', [withdrawQueue, true])
  await w(restakeManager, 'RenzoDoubleRestakeManager', 'setWithdrawQueue', [withdrawQueue])
  await w(restakeManager, 'RenzoDoubleRestakeManager', 'addCollateralToken', [lst])
  await w(restakeManager, 'RenzoDoubleRestakeManager', 'addOperatorDelegator', [od, 10_000n])
  await w(od, 'RenzoDoubleOperatorDelegator', 'setTokenStrategy', [lst, strategy])
  await w(withdrawQueue, 'RenzoDoubleWithdrawQueue', 'updateWithdrawBufferTarget', [
    [
      { asset: RENZO_IS_NATIVE, bufferAmount: BUFFER_TARGET },
      { asset: lst, bufferAmount: BUFFER_TARGET },
    ],
  ])

  const operator = privateKeyToAccount(RENZO_DEVNET_OPERATOR_KEY).address
  const balance = await ctx.publicClient.getBalance({ address: operator })
  await ctx.testClient.setBalance({ address: operator, value: balance + parseEther('10') })
  await ctx.write({
    address: eigenlayer.delegationManager,
    abi: delegationAbi,
    functionName: 'registerAsOperator',
    args: [zeroAddress, 0, 'ipfs://restakekit-devnet-renzo-operator'],
    from: operator,
  })
  await w(od, 'RenzoDoubleOperatorDelegator', 'setDelegateAddress', [operator])
  return {
    restakeManager,
    ezETH,
    renzoOracle,
    withdrawQueue,
    operatorDelegators: [od],
    operator,
    operatorPrivateKey: RENZO_DEVNET_OPERATOR_KEY,
    assets: { eth: RENZO_IS_NATIVE, lst },
    strategy,
    bufferTarget: BUFFER_TARGET,
    coolDownPeriod: RENZO_DEVNET_COOLDOWN,
  }
}

/**
 * Renzo's admin role on the devnet (played by the deployer): sets the WithdrawQueue's cooldown, on chain.
 */
export async function renzoSetCoolDownPeriod(
  ctx: DevnetContext,
  renzo: DevnetRenzo,
  seconds: bigint,
): Promise<void> {
  await ctx.write({
    address: renzo.withdrawQueue,
    abi: artifact('RenzoDoubleWithdrawQueue').abi,
    functionName: 'updateCoolDownPeriod',
    args: [seconds],
  })
}
