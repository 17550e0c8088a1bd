// v1.5+ redistribution (mainnet v1.12). NOT CHAIN-TESTED: no devnet state runs v1.5+; the fragments
// are checked against the v1.12.0 ABIs (abis.test.ts) and the calls in unit tests.
import type { Address } from 'viem'
import { assertAddress, type Call, calls, encodeCall } from '../../tx.js'
import { strategyManagerAbi } from '../abis.js'
import { type PrepareDeploymentParameter, prepareDeployment } from '../internal.js'
import type { OperatorSet } from './getAllocations.js'

export type PrepareClearBurnOrRedistributableSharesParameters = {
  operatorSet: OperatorSet
  slashId: bigint
  /** One strategy (`clearBurnOrRedistributableSharesByStrategy`); default: all of the slash. */
  strategy?: Address
} & PrepareDeploymentParameter
export type PrepareClearBurnOrRedistributableSharesReturnType = readonly Call[]

/**
 * Layer 1 (pure), v1.5+, not chain-tested: `StrategyManager.clearBurnOrRedistributableShares(set,
 * slashId)` (permissionless): sends a slash's shares to the burn address, or to the set's
 * redistribution recipient for a redistributing set.
 */
export function prepareClearBurnOrRedistributableShares(
  params: PrepareClearBurnOrRedistributableSharesParameters,
): PrepareClearBurnOrRedistributableSharesReturnType {
  const set = { avs: assertAddress('operatorSet.avs', params.operatorSet.avs), id: params.operatorSet.id }
  const d = prepareDeployment(params)
  if (params.strategy === undefined)
    return calls(
      encodeCall({
        address: d.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'clearBurnOrRedistributableShares',
        args: [set, params.slashId],
      }),
    )
  return calls(
    encodeCall({
      address: d.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'clearBurnOrRedistributableSharesByStrategy',
      args: [set, params.slashId, assertAddress('strategy', params.strategy)],
    }),
  )
}
