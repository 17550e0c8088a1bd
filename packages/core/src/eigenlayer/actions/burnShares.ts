import type { Account, Address, Hex } from 'viem'
import { InvalidParameterError } from '../../errors.js'
import {
  assertAddress,
  type Call,
  calls,
  encodeCall,
  type SimulatedWrite,
  sendWrite,
  simulateWrite,
  type WaitForEventsReturnType,
  waitForEvents,
} from '../../tx.js'
import { eigenlayerEventsAbi, strategyManagerAbi } from '../abis.js'
import { eigenlayerRevertMapper } from '../errors.js'
import {
  type DeploymentParameter,
  type EigenLayerReadClient,
  type EigenLayerWalletClient,
  getDeployment,
  type PrepareDeploymentParameter,
  prepareDeployment,
  requireAccount,
} from '../internal.js'
import { getBurnableShares } from './getBurnableShares.js'

export type BurnSharesParameters = { strategy: Address; account?: Account | Address } & DeploymentParameter
export type PrepareBurnSharesParameters = { strategy: Address } & PrepareDeploymentParameter
export type PrepareBurnSharesReturnType = readonly Call[]
export type SimulateBurnSharesReturnType = SimulatedWrite<undefined> & { shares: bigint }
export type BurnSharesReturnType = Hex
export type WaitForBurnSharesReturnType = WaitForEventsReturnType<typeof eigenlayerEventsAbi> & {
  /** `BurnableSharesDecreased.shares`: the shares burned (their tokens went to the burn address). */
  burned: bigint
}
export type BurnSharesErrorType = InvalidParameterError | Error

/** Layer 1 (pure): `StrategyManager.burnShares(strategy)` (permissionless; v1.3 and v1.4). */
export function prepareBurnShares(params: PrepareBurnSharesParameters): PrepareBurnSharesReturnType {
  const strategy = assertAddress('strategy', params.strategy)
  const d = prepareDeployment(params)
  return calls(
    encodeCall({
      address: d.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'burnShares',
      args: [strategy],
    }),
  )
}

/** Layer 2: refuses when nothing is burnable for the strategy (or the release has no burnable shares), then simulates. */
export async function simulateBurnShares(
  client: EigenLayerReadClient & { account?: Account | undefined },
  params: BurnSharesParameters,
): Promise<SimulateBurnSharesReturnType> {
  const strategy = assertAddress('strategy', params.strategy)
  const account = requireAccount(client, params.account)
  const d = getDeployment(client, params.deployment)
  const { burnable } = await getBurnableShares(client, { deployment: d, strategies: [strategy] })
  if (burnable === null)
    throw new InvalidParameterError('deployment', 'this release burns slashed shares at once (no burnShares)')
  const shares = burnable[0]?.shares ?? 0n
  if (shares === 0n) throw new InvalidParameterError('strategy', `${strategy} has no burnable shares`)
  const sim = await simulateWrite<undefined>(client, {
    account,
    address: d.strategyManager,
    abi: strategyManagerAbi,
    functionName: 'burnShares',
    args: [strategy],
    contract: 'StrategyManager',
    mapper: eigenlayerRevertMapper({ strategy, contract: 'StrategyManager' }),
  })
  return { ...sim, shares }
}

/** Layer 3: checks, simulates and sends `burnShares`. Anyone may call it. */
export async function burnShares(
  walletClient: EigenLayerWalletClient,
  params: BurnSharesParameters,
): Promise<BurnSharesReturnType> {
  const { request } = await simulateBurnShares(walletClient, params)
  return sendWrite(walletClient, request)
}

/** Layer 4: waits and decodes `BurnableSharesDecreased`. */
export async function waitForBurnShares(
  client: EigenLayerReadClient,
  hash: Hex,
): Promise<WaitForBurnSharesReturnType> {
  const r = await waitForEvents(client, hash, eigenlayerEventsAbi)
  const ev = r.events.find((e) => e.eventName === 'BurnableSharesDecreased')
  return { ...r, burned: ev ? (ev.args as { shares: bigint }).shares : 0n }
}
