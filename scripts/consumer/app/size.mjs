// The size of what Vite emitted for the one-action page (viem included: it is what the page ships).
import { readdirSync, readFileSync } from 'node:fs'
import { brotliCompressSync, gzipSync } from 'node:zlib'

const files = readdirSync('dist/assets').filter((f) => f.endsWith('.js'))
if (files.length === 0) throw new Error('vite emitted no JavaScript')
for (const f of files) {
  const b = readFileSync(`dist/assets/${f}`)
  console.log(
    `page bundle ${f}: ${(b.length / 1024).toFixed(1)} kB raw, ${(gzipSync(b).length / 1024).toFixed(1)} kB gzip, ${(brotliCompressSync(b).length / 1024).toFixed(1)} kB brotli`,
  )
}
