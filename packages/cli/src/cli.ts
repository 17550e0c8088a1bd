#!/usr/bin/env node
// restakekit: the bin.
import { main } from './main.js'

main(process.argv.slice(2), {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
}).then((code) => {
  process.exitCode = code
})
