#!/usr/bin/env node
// restakekit-devnet: starts the local restaking chain and keeps it running until Ctrl-C.
import { parseArgs } from 'node:util'
import { formatEther } from 'viem'
import { startDevnet } from './index.js'

const HELP = `restakekit-devnet — a local restaking chain (anvil + real EigenLayer and Symbiotic contracts)

Usage: restakekit-devnet [--port N] [--eigenlayer-state FILE] [--fork-url URL] [--no-symbiotic] [--no-karak] [--json]

  --port N                 listen on 127.0.0.1:N (default: a free port)
  --eigenlayer-state FILE  anvil state with EigenLayer (default: RESTAKEKIT_EIGENLAYER_STATE or ../shared/fixtures)
  --fork-url URL           fork this RPC instead (default: RESTAKEKIT_FORK_URL)
  --json                   print the RPC URL, accounts and deployments as one JSON line
`

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'eigenlayer-state': { type: 'string' },
      'fork-url': { type: 'string' },
      'no-symbiotic': { type: 'boolean', default: false },
      'no-karak': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help) {
    process.stdout.write(HELP)
    return
  }
  const port = values.port === undefined ? undefined : Number(values.port)
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`--port must be an integer in 0..65535, got ${values.port}`)
  }
  const started = performance.now()
  const devnet = await startDevnet({
    ...(port === undefined ? {} : { port }),
    ...(values['eigenlayer-state'] ? { eigenlayerState: values['eigenlayer-state'] } : {}),
    ...(values['fork-url'] ? { forkUrl: values['fork-url'] } : {}),
    symbiotic: !values['no-symbiotic'],
    karak: !values['no-karak'],
  })
  const ms = Math.round(performance.now() - started)
  const accounts = devnet.accounts.map((a) => ({ address: a.address, privateKey: a.privateKey }))
  if (values.json) {
    process.stdout.write(
      `${JSON.stringify({ rpcUrl: devnet.rpcUrl, chainId: devnet.chain.id, accounts, deployments: devnet.deployments })}\n`,
    )
  } else {
    const out: string[] = [
      `restakekit devnet ready in ${ms} ms`,
      '',
      `RPC URL   ${devnet.rpcUrl}`,
      `Chain id  ${devnet.chain.id}`,
      '',
      'Funded accounts (anvil defaults; 0 and 1 hold EigenLayer fixture positions, 9 deploys):',
    ]
    for (const [i, a] of accounts.entries()) {
      const balance = await devnet.publicClient.getBalance({ address: a.address })
      out.push(`  (${i}) ${a.address}  ${formatEther(balance)} ETH  key ${a.privateKey}`)
    }
    out.push('', 'Deployments:')
    const walk = (obj: unknown, prefix: string) => {
      if (obj && typeof obj === 'object') {
        for (const [k, v] of Object.entries(obj)) walk(v, prefix ? `${prefix}.${k}` : k)
      } else {
        out.push(`  ${prefix.padEnd(44)} ${String(obj)}`)
      }
    }
    walk(devnet.deployments, '')
    if (!devnet.deployments.eigenlayer) {
      out.push('', 'EigenLayer is absent: set RESTAKEKIT_EIGENLAYER_STATE to an anvil state with EigenLayer.')
    }
    out.push('', 'Press Ctrl-C to stop.')
    process.stdout.write(`${out.join('\n')}\n`)
  }
  const shutdown = async () => {
    await devnet.stop()
    process.exit(0)
  }
  process.on('SIGINT', shutdown)
  process.on('SIGTERM', shutdown)
  // keep the process alive
  setInterval(() => {}, 1 << 30)
}

main().catch((error: unknown) => {
  process.stderr.write(`restakekit-devnet: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
