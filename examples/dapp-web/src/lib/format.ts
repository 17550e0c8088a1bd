import { formatUnits } from 'viem'

/** Base units as a decimal string (18 decimals unless told). */
export const fmt = (n: bigint, decimals = 18) => formatUnits(n, decimals)

/** JSON with bigints as decimal strings, for showing decoded values. */
export const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

/** The message a user sees for an SDK error: its one-line `shortMessage` and its name. */
export function errorText(error: unknown): string {
  const e = error as { name?: string; shortMessage?: string; message?: string }
  const text = `${e.name ?? 'Error'}: ${e.shortMessage ?? e.message ?? String(error)}`
  return rejectedInWallet(error) ? `${text} (You rejected the request in your wallet.)` : text
}

/** True when the error, or one of its causes, is the wallet's EIP-1193 user rejection (code 4001). */
function rejectedInWallet(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, i = 0; e && i < 10; i++) {
    if (e.code === 4001) return true
    e = e.cause as typeof e
  }
  return false
}
