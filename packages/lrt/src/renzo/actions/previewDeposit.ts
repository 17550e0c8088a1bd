import {
  assertAddress,
  assertAmount,
  type BatchRead,
  type BatchResult,
  type ReadClient,
  type ReadPlan,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import { UnsupportedAssetError } from '../../errors.js'
import { renzoEzETHAbi, renzoOracleAbi, renzoRestakeManagerAbi } from '../abis.js'
import type { RenzoDeployment } from '../deployments.js'
import { assertRenzo, isNative, oracleOf, oracleRead, renzoDeployment, symbolRead } from './internal.js'

export type PreviewDepositParameters = {
  /** The asset to deposit; native ETH is `RENZO_ETH_ADDRESS`. */
  asset: Address
  /** In the asset's base units. */
  amount: bigint
  deployment?: RenzoDeployment
}

/** What a deposit's checks and preview read. */
export type RenzoDepositQuote = {
  /** ezETH the deposit mints now (`RenzoOracle.calculateMintAmount` at the TVL now). */
  expectedOut: bigint
  /** The deposit's ETH value (`lookupTokenValue`). */
  value: bigint
  paused: boolean
  /** The collateral's TVL limit (ETH value; 0n: none) and its TVL now. */
  limit: bigint
  tokenTVL: bigint
  /** Results of the caller's extra reads (first stage), in order. */
  extra: readonly BatchResult[]
}

/**
 * The deposit quote as a plan (three stages for an ERC-20, two for ETH): the identity guard, support
 * (`getCollateralTokenIndex`), the TVLs and supply, the value, then the mint. `extra` reads join the first stage.
 */
export function depositQuotePlan(
  d: RenzoDeployment,
  asset: Address,
  amount: bigint,
  extra: readonly BatchRead[] = [],
): ReadPlan<RenzoDepositQuote> {
  const rm = { address: d.restakeManager, abi: renzoRestakeManagerAbi } as const
  const native = isNative(asset)
  const tokenReads: BatchRead[] = native
    ? []
    : [
        { ...rm, functionName: 'getCollateralTokenIndex', args: [asset] },
        { ...rm, functionName: 'collateralTokenTvlLimits', args: [asset] },
      ]
  return stage(
    [
      symbolRead(d),
      oracleRead(d),
      { ...rm, functionName: 'calculateTVLs' },
      { address: d.ezETH, abi: renzoEzETHAbi, functionName: 'totalSupply' },
      { ...rm, functionName: 'paused' },
      ...tokenReads,
      ...extra,
    ],
    (results) => {
      const [symbol, oracleResult, tvls, supplyResult, pausedResult] = results
      assertRenzo(d, symbol, [['RestakeManager', d.restakeManager, tvls]])
      const oracle = oracleOf(d, oracleResult)
      const [tokenTVLs, , totalTVL] = unwrap<readonly [readonly (readonly bigint[])[], unknown, bigint]>(tvls)
      const supply = unwrap<bigint>(supplyResult)
      const paused = unwrap<boolean>(pausedResult)
      let limit = 0n
      let tokenTVL = 0n
      if (!native) {
        const index = results[5]
        if (index?.status !== 'success') throw new UnsupportedAssetError({ protocol: 'Renzo', asset })
        limit = unwrap<bigint>(results[6])
        const i = Number(index.result as bigint)
        tokenTVL = tokenTVLs.reduce((s, od) => s + (od[i] ?? 0n), 0n)
      }
      const extraResults = results.slice(5 + tokenReads.length)
      const mint = (value: bigint) =>
        stage(
          [
            {
              address: oracle,
              abi: renzoOracleAbi,
              functionName: 'calculateMintAmount',
              args: [totalTVL, value, supply],
            },
          ],
          ([minted]): RenzoDepositQuote => ({
            // the oracle reverts (InvalidTokenAmount) when the deposit would mint nothing
            expectedOut: minted?.status === 'success' ? (minted.result as bigint) : 0n,
            value,
            paused,
            limit,
            tokenTVL,
            extra: extraResults,
          }),
        )
      if (native) return mint(amount)
      return stage(
        [{ address: oracle, abi: renzoOracleAbi, functionName: 'lookupTokenValue', args: [asset, amount] }],
        ([value]) => {
          if (value?.status !== 'success') throw new UnsupportedAssetError({ protocol: 'Renzo', asset })
          return mint(value.result as bigint)
        },
      )
    },
  )
}

/** ezETH a deposit of `amount` of `asset` mints now, exact (the oracle's own mint formula at the TVL now). */
export async function previewDeposit(client: ReadClient, params: PreviewDepositParameters): Promise<bigint> {
  const d = renzoDeployment(client, params.deployment)
  const asset = assertAddress('asset', params.asset)
  const amount = assertAmount('amount', params.amount)
  return (await runPlan(client, depositQuotePlan(d, asset, amount))).expectedOut
}
