// Measures devnet start time: cold (empty solc artifact cache: compiles the test contracts) and
// warm (cache hit), each a full startDevnet() with EigenLayer state, Symbiotic core, Karak doubles
// and test tokens, until every deployment is ready. Run: npx tsx bench/devnet-start.ts

import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const runs = Number(process.env.RUNS ?? 5)

/** Starts a devnet in a fresh process (so no in-memory cache helps) and returns its start time in ms. */
function startOnce(cacheDir: string): { ms: number; protocols: string[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--once'], {
    env: { ...process.env, RESTAKEKIT_CACHE_DIR: cacheDir },
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(r.stderr.slice(-3000))
  const line = r.stdout.trim().split('\n').pop() ?? ''
  return JSON.parse(line) as { ms: number; protocols: string[] }
}

if (process.argv.includes('--once')) {
  const t = performance.now()
  const { startDevnet } = await import('@restakekit/devnet')
  const d = await startDevnet()
  const ms = performance.now() - t
  await d.stop()
  const protocols = (['eigenlayer', 'symbiotic', 'karak'] as const).filter((p) => d.deployments[p])
  console.log(JSON.stringify({ ms, protocols }))
  process.exit(0)
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b)
  return s[Math.floor(s.length / 2)] ?? Number.NaN
}

const cacheDir = mkdtempSync(join(tmpdir(), 'restakekit-solc-'))
try {
  const first = startOnce(cacheDir)
  const cold = first.ms
  const warm = Array.from({ length: runs }, () => startOnce(cacheDir).ms)
  console.log(`devnet start with ${first.protocols.join(', ')} (new process each, includes module import)`)
  console.log(`  cold (compiles contracts): ${cold.toFixed(0)} ms`)
  console.log(
    `  warm (cached artifacts):   median ${median(warm).toFixed(0)} ms over ${runs} runs (min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)})`,
  )
} finally {
  rmSync(cacheDir, { recursive: true, force: true })
}
