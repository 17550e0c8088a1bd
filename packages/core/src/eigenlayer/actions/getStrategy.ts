import { type Address, erc20Abi } from 'viem'
import type { ReadErrorType } from '../../errors.js'
import { assertAddress, oneBlock, readBatch, unwrap } from '../../tx.js'
import { eigenlayerStrategyAbi, strategyManagerAbi } from '../abis.js'
import { BEACON_CHAIN_ETH_STRATEGY } from '../deployments.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  getDeployment,
  sameAddress,
} from '../internal.js'
import { type StrategyState, sharesToUnderlying, underlyingToShares } from '../math.js'

export type GetStrategyParameters = { strategy: Address } & DeploymentParameter

export type GetStrategyReturnType = {
  strategy: Address
  /** The underlying ERC-20, or `null` for the beacon-chain ETH strategy (native ETH, 1 share = 1 wei). */
  token: Address | null
  decimals: number
  symbol: string
  totalShares: bigint
  /** The strategy's balance of the underlying token. */
  tokenBalance: bigint
  /** `StrategyManager.strategyIsWhitelistedForDeposit`. */
  whitelisted: boolean
  /** Shares → underlying at this state (StrategyBase math, equal to `sharesToUnderlyingView`). */
  sharesToUnderlying: (shares: bigint) => bigint
  /** Underlying → shares at this state (equal to `underlyingToSharesView`). */
  underlyingToShares: (amount: bigint) => bigint
}

export type GetStrategyErrorType = ReadErrorType

/** A strategy's token, decimals, symbol, total shares and conversions: two round trips. */
export async function getStrategy(
  client: EigenLayerReadClient,
  params: GetStrategyParameters,
): Promise<GetStrategyReturnType> {
  const strategy = assertAddress('strategy', params.strategy)
  const d = getDeployment(client, params.deployment)
  if (sameAddress(strategy, BEACON_CHAIN_ETH_STRATEGY)) {
    return {
      strategy,
      token: null,
      decimals: 18,
      symbol: 'ETH',
      totalShares: 0n,
      tokenBalance: 0n,
      whitelisted: false,
      sharesToUnderlying: (s) => s,
      underlyingToShares: (a) => a,
    }
  }
  const reader = oneBlock(client)
  const [token, total, whitelisted] = await readBatch(reader, [
    { address: strategy, abi: eigenlayerStrategyAbi, functionName: 'underlyingToken' },
    { address: strategy, abi: eigenlayerStrategyAbi, functionName: 'totalShares' },
    {
      address: d.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'strategyIsWhitelistedForDeposit',
      args: [strategy],
    },
  ])
  const tokenAddress = unwrap<Address>(token)
  const [decimals, symbol, balance] = await readBatch(reader, [
    { address: tokenAddress, abi: erc20Abi, functionName: 'decimals' },
    { address: tokenAddress, abi: erc20Abi, functionName: 'symbol' },
    { address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [strategy] },
  ])
  const state: StrategyState = { totalShares: unwrap<bigint>(total), tokenBalance: unwrap<bigint>(balance) }
  return {
    strategy,
    token: tokenAddress,
    decimals: unwrap<number>(decimals),
    symbol: unwrap<string>(symbol),
    totalShares: state.totalShares,
    tokenBalance: state.tokenBalance,
    whitelisted: unwrap<boolean>(whitelisted),
    sharesToUnderlying: (s) => sharesToUnderlying(s, state),
    underlyingToShares: (a) => underlyingToShares(a, state),
  }
}
