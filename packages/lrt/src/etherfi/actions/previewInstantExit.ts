import {
  assertAmount,
  InvalidParameterError,
  type ReadClient,
  runPlan,
  stage,
  unwrap,
} from '@restakekit/core'
import type { Address } from 'viem'
import {
  etherfiLiquidityPoolAbi,
  etherfiRedemptionManagerAbi,
  etherfiRedemptionManagerV2025Abi,
  etherfiWeETHAbi,
} from '../abis.js'
import { ETHERFI_ETH, type EtherFiDeployment } from '../deployments.js'
import { etherfiDeployment } from './internal.js'
import { type EtherFiRedemptionForm, probeRedemptionForm } from './probe.js'

/** The token an exit spends: eETH (rebasing) or weETH (wrapped). */
export type EtherFiExitToken = 'eETH' | 'weETH'

export type PreviewInstantExitParameters = {
  /** In `token` base units. */
  amount: bigint
  /** Default `eETH`. */
  token?: EtherFiExitToken
  deployment?: EtherFiDeployment
}

/** The redemption manager's quote for an instant exit, in ETH. */
export type EtherFiInstantExitQuote = {
  /** The redemption manager's form, probed from its implementation's code. */
  form: EtherFiRedemptionForm
  /** The exit's value in eETH (ETH) before the fee. */
  value: bigint
  /** ETH the exit pays (`previewRedeem`). */
  amountOut: bigint
  /** The fee, `value - amountOut`, and its rate in basis points. */
  fee: bigint
  feeBps: bigint
  /** ETH redeemable now (`totalRedeemableAmount`): liquidity above the low watermark, within the rate limit. */
  available: bigint
  /** `value ≤ available`: an exit sent now is accepted. */
  possible: boolean
}

export function assertExitToken(token: unknown): EtherFiExitToken {
  if (token !== 'eETH' && token !== 'weETH')
    throw new InvalidParameterError({ parameter: 'token', reason: 'must be "eETH" or "weETH"' })
  return token
}

/** The quote's reads after the probe: shares of the amount, then the preview, fee and liquidity. */
export function instantQuotePlan(
  d: EtherFiDeployment & { redemptionManager: Address },
  form: EtherFiRedemptionForm,
  token: EtherFiExitToken,
  amount: bigint,
) {
  const rm = d.redemptionManager
  return stage(
    [
      token === 'weETH'
        ? { address: d.weETH, abi: etherfiWeETHAbi, functionName: 'getEETHByWeETH', args: [amount] }
        : {
            address: d.liquidityPool,
            abi: etherfiLiquidityPoolAbi,
            functionName: 'sharesForAmount',
            args: [amount],
          },
    ],
    ([first]) => {
      const eEthAmount = token === 'weETH' ? unwrap<bigint>(first) : amount
      const sharesRead =
        token === 'weETH'
          ? [
              {
                address: d.liquidityPool,
                abi: etherfiLiquidityPoolAbi,
                functionName: 'sharesForAmount',
                args: [eEthAmount],
              },
            ]
          : []
      const afterShares = (shares: bigint) =>
        stage(
          [
            {
              address: d.liquidityPool,
              abi: etherfiLiquidityPoolAbi,
              functionName: 'amountForShare',
              args: [shares],
            },
            ...(form === 'v2026-03'
              ? [
                  {
                    address: rm,
                    abi: etherfiRedemptionManagerAbi,
                    functionName: 'previewRedeem',
                    args: [shares, ETHERFI_ETH],
                  },
                  {
                    address: rm,
                    abi: etherfiRedemptionManagerAbi,
                    functionName: 'tokenToRedemptionInfo',
                    args: [ETHERFI_ETH],
                  },
                  {
                    address: rm,
                    abi: etherfiRedemptionManagerAbi,
                    functionName: 'totalRedeemableAmount',
                    args: [ETHERFI_ETH],
                  },
                ]
              : [
                  {
                    address: rm,
                    abi: etherfiRedemptionManagerV2025Abi,
                    functionName: 'previewRedeem',
                    args: [shares],
                  },
                  { address: rm, abi: etherfiRedemptionManagerV2025Abi, functionName: 'exitFeeInBps' },
                  {
                    address: rm,
                    abi: etherfiRedemptionManagerV2025Abi,
                    functionName: 'totalRedeemableAmount',
                  },
                ]),
          ],
          ([v, out, fee, avail]): EtherFiInstantExitQuote & { eEthAmount: bigint } => {
            const value = unwrap<bigint>(v)
            const amountOut = unwrap<bigint>(out)
            const feeBps =
              form === 'v2026-03'
                ? BigInt(unwrap<readonly [unknown, number, number, number]>(fee)[2])
                : BigInt(unwrap<number>(fee))
            const available = unwrap<bigint>(avail)
            return {
              form,
              value,
              amountOut,
              fee: value - amountOut,
              feeBps,
              available,
              possible: amountOut > 0n && value <= available,
              eEthAmount,
            }
          },
        )
      if (sharesRead.length === 0) return afterShares(unwrap<bigint>(first))
      return stage(sharesRead, ([s]) => afterShares(unwrap<bigint>(s)))
    },
  )
}

/**
 * The instant exit's quote for `amount` of eETH or weETH: ETH out, the fee, and whether the
 * redemption manager can pay it now. Probes the manager's form first (cached per address).
 */
export async function previewInstantExit(
  client: ReadClient,
  params: PreviewInstantExitParameters,
): Promise<EtherFiInstantExitQuote> {
  const d = etherfiDeployment(client, params.deployment)
  const amount = assertAmount('amount', params.amount)
  const token = assertExitToken(params.token ?? 'eETH')
  const rm = d.redemptionManager
  if (!rm)
    throw new InvalidParameterError({
      parameter: 'deployment',
      reason: 'the instant exit needs deployment.redemptionManager',
    })
  const form = await probeRedemptionForm(client, rm)
  const { eEthAmount: _, ...quote } = await runPlan(
    client,
    instantQuotePlan({ ...d, redemptionManager: rm }, form, token, amount),
  )
  return quote
}
