#!/usr/bin/env node
// restakekit-risk: the bin. The commands live in cli.ts, which `restakekit risk …` also runs.
import { main } from './cli.js'

main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
}).then((code) => {
  process.exitCode = code
})
