// #region prepare
import { RestakeKitError } from '@restakekit/core'
import { prepareDeposit, prepareSetClaimerFor } from '@restakekit/core/eigenlayer'
import { parseEther } from 'viem'

export function depositCalls(account: `0x${string}`, strategy: `0x${string}`, token: `0x${string}`) {
  try {
    // pure: no network; a frozen list of { to, data, value }, the approval first
    return [
      ...prepareDeposit({ chainId: 1, account, strategy, token, amount: parseEther('1') }),
      ...prepareSetClaimerFor({ chainId: 1, account, claimer: account }),
    ]
  } catch (error) {
    // bad input is a typed error before anything is built: show its message, not a stack
    if (error instanceof RestakeKitError) return { refused: error.shortMessage }
    throw error
  }
}
// #endregion prepare

// #region batch
export function walletSendCalls(
  account: `0x${string}`,
  calls: readonly { to: `0x${string}`; data: `0x${string}`; value: bigint }[],
) {
  // EIP-5792: one request for the whole list, atomically where the wallet supports it
  return {
    method: 'wallet_sendCalls',
    params: [
      {
        version: '2.0.0',
        chainId: '0x1',
        from: account,
        atomicRequired: true,
        calls: calls.map((c) => ({ to: c.to, data: c.data, value: `0x${c.value.toString(16)}` })),
      },
    ],
  } as const
}
// #endregion batch
