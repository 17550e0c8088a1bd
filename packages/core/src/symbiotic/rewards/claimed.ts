import type { Address } from 'viem'
import { defineReceipt, type ReceiptSpec } from '../../kit/index.js'
import type { symbioticOperatorRewardsAbi, symbioticStakerRewardsAbi } from './abis.js'

/** What a rewards claim paid, from its `ClaimRewards` event. */
export type SymbioticRewardsClaimed = { network: Address; token: Address; amount: bigint; receiver: Address }

/**
 * The receipt of either rewards contract's `claimRewards` (staker or operator): the two
 * `ClaimRewards` events carry the same fields in another order, so one decoder serves both.
 */
export function claimRewardsReceipt<
  const abi extends typeof symbioticStakerRewardsAbi | typeof symbioticOperatorRewardsAbi,
>(abi: abi): ReceiptSpec<abi, { claimed: SymbioticRewardsClaimed | undefined }> {
  return defineReceipt({
    abi,
    decode: (_client, r) => {
      const e = (r.events as readonly { eventName?: string; args?: unknown }[]).find(
        (x) => x.eventName === 'ClaimRewards',
      )
      const args = e?.args as
        | { network: Address; token: Address; amount: bigint; recipient: Address }
        | undefined
      return {
        claimed: args
          ? { network: args.network, token: args.token, amount: args.amount, receiver: args.recipient }
          : undefined,
      }
    },
  })
}
