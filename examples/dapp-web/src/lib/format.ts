import { formatUnits } from 'viem'

/** Base units as a decimal string (18 decimals unless told). */
export const fmt = (n: bigint, decimals = 18) => formatUnits(n, decimals)

/** JSON with bigints as decimal strings, for showing decoded values. */
export const show = (v: unknown) => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? x.toString() : x))

/** The message a user sees for an SDK error: its one-line `shortMessage` and its name. */
export function errorText(error: unknown): string {
  const e = error as { name?: string; shortMessage?: string; message?: string; code?: number }
  return `${e.name ?? 'Error'}: ${e.shortMessage ?? e.message ?? String(error)}`
}
