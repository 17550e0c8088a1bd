// Output: a readable table for people, stable JSON for programs (bigints as decimal strings).

/** JSON with bigints as decimal strings, keys in the order the command builds them. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))
}

/** Left-aligned columns, two spaces apart; the first row is the header. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows
    .map((r) =>
      r
        .map((c, i) => c.padEnd(widths[i] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')
}

export function short(address: string): string {
  return address.length > 14 ? `${address.slice(0, 8)}…${address.slice(-4)}` : address
}

/** A readiness for people: "ready", "at block N", "at <ISO time>", or "when finalized" (no time knowable yet). */
export function readiness(w: {
  ready: boolean
  readyAt: { block: bigint } | { timestamp: bigint } | null
}): string {
  if (w.ready) return 'ready'
  if (w.readyAt === null) return 'when finalized'
  if ('block' in w.readyAt) return `at block ${w.readyAt.block}`
  return `at ${new Date(Number(w.readyAt.timestamp) * 1000).toISOString()}`
}
