import type { Address, Hex } from 'viem'

/**
 * What a write reports as it goes, for a wallet's progress UI or a bot's log (the `onStage`
 * parameter of every write). `signing` carries what identifies the transaction before it goes
 * out: the sender, the call and the gas limit.
 */
export type WriteStage =
  | { stage: 'checks'; action: string }
  | { stage: 'approval-sent'; action: string; hash: Hex; token: Address; spender: Address; amount: bigint }
  | { stage: 'approval-mined'; action: string; hash: Hex }
  | { stage: 'simulated'; action: string; result: unknown }
  | { stage: 'signing'; action: string; send: SendRecord }
  | { stage: 'sent'; action: string; hash: Hex; send: SendRecord }
  | { stage: 'mined'; action: string; hash: Hex; blockNumber: bigint }
  | {
      /** The awaited transaction was replaced by another with its nonce (viem's `onReplaced`). */
      stage: 'replaced'
      action: string
      /** The transaction that was awaited. */
      hash: Hex
      /** The transaction that took its nonce; the wait continues with its receipt. */
      replacedBy: Hex
      /** `repriced`: the same call with a higher fee (a speed-up); `cancelled`: a zero-value self-send; `replaced`: another call. */
      reason: 'replaced' | 'repriced' | 'cancelled'
    }
  | { stage: 'decoded'; action: string; hash: Hex; events: readonly { eventName: string }[] }
  | { stage: 'error'; action: string; step: string; error: Error }

/** A transaction as it is about to be sent: enough to find it again if the answer is lost. */
export type SendRecord = {
  account: Address
  to: Address
  data: Hex
  value: bigint
  gas: bigint
  chainId: number | undefined
  /** The nonce the transaction uses (known before it is sent). */
  nonce?: number
  /** Where the SDK signs (a local account): the hash and the signed transaction, recorded before broadcast. */
  hash?: Hex
  raw?: Hex
}

export type OnStage = (stage: WriteStage) => void
