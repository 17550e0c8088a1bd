// Finishing a withdrawal the portfolio lists, on whichever protocol it is: EigenLayer completes the
// queued withdrawal, Symbiotic claims the epoch, Karak finishes the redemption. Each is simulated
// first (a not-ready or already finished one is refused before anything is sent).
import type { QueuedWithdrawal } from '@restakekit/core'
import { type Address, encodeFunctionData, type Hex } from 'viem'
import type { Connection } from './context.js'

/** The transaction that finishes one withdrawal, simulated for `account`. */
export type FinishCall = {
  protocol: string
  id: string
  to: Address
  data: Hex
  value: bigint
  functionName: string
}

type Simulated = {
  request: {
    address: Address
    abi: readonly unknown[]
    functionName: string
    args: readonly unknown[]
    value?: bigint
  }
}

/** Protocols whose withdrawals this CLI can finish. */
export const finishable = ['eigenlayer', 'symbiotic', 'karak'] as const

function simulateFinish(c: Connection, w: QueuedWithdrawal, account: Address): Promise<Simulated> {
  const r = c.client.restaking
  switch (w.protocol) {
    case 'eigenlayer':
      return r.eigenlayer.simulateCompleteWithdrawals({ account, withdrawals: [w.id as Hex] })
    case 'symbiotic':
      return r.symbiotic.simulateClaim({ account, vault: w.location, epoch: w.id as bigint })
    case 'karak':
      return r.karak.simulateFinishRedeem({ account, vault: w.location, withdrawalKey: w.id as Hex })
    default:
      throw new Error(`restakekit cannot finish ${w.protocol} withdrawals yet`)
  }
}

/** Simulates finishing `w` from `account` and returns the exact call (for --dry-run and for signing). */
export async function prepareFinish(
  c: Connection,
  w: QueuedWithdrawal,
  account: Address,
): Promise<FinishCall> {
  const { request } = await simulateFinish(c, w, account)
  return {
    protocol: w.protocol,
    id: String(w.id),
    to: request.address,
    data: encodeFunctionData({
      abi: request.abi,
      functionName: request.functionName,
      args: request.args,
    } as never),
    value: request.value ?? 0n,
    functionName: request.functionName,
  }
}

/** A stable key for one withdrawal across runs. */
export const withdrawalKey = (w: { protocol: string; location: string; id: unknown }, staker: string) =>
  `${w.protocol}:${staker.toLowerCase()}:${w.location.toLowerCase()}:${String(w.id)}`
