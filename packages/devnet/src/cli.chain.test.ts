// `pnpm devnet` (bin restakekit-devnet): starts, prints what a frontend needs, serves, stops on Ctrl-C.
import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { createPublicClient, http } from 'viem'
import { describe, expect, test } from 'vitest'

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url))

describe('restakekit-devnet CLI', () => {
  test('--json prints the RPC URL, keys and deployments; the chain answers; SIGINT stops it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--json', '--no-karak'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, RESTAKEKIT_EIGENLAYER_STATE: '/nonexistent/state.json', CI: 'false' },
    })
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
    try {
      const line = await new Promise<string>((resolve, reject) => {
        const rl = createInterface({ input: child.stdout! })
        rl.once('line', resolve)
        child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)))
      })
      const out = JSON.parse(line) as {
        rpcUrl: string
        chainId: number
        accounts: { address: string; privateKey: string }[]
        deployments: { symbiotic?: { vaultFactory: string }; karak?: unknown; tokens: { weth: string } }
      }
      expect(out.chainId).toBe(31337)
      expect(out.accounts).toHaveLength(10)
      expect(out.accounts[0]!.privateKey).toMatch(/^0x[0-9a-f]{64}$/)
      expect(out.deployments.karak).toBeUndefined()
      const client = createPublicClient({ transport: http(out.rpcUrl) })
      expect(await client.getChainId()).toBe(31337)
      // the printed Symbiotic VaultFactory and token are live contracts
      expect(
        await client.getCode({ address: out.deployments.symbiotic!.vaultFactory as `0x${string}` }),
      ).toMatch(/^0x.+/)
      expect(await client.getCode({ address: out.deployments.tokens.weth as `0x${string}` })).toMatch(/^0x.+/)
      child.kill('SIGINT')
      expect(await exited).toBe(0)
      await expect(client.getChainId()).rejects.toThrow()
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL')
    }
  })

  test('a bad --port is refused with a message and exit code 1', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', 'abc'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString()
    })
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(1)
    expect(stderr).toMatch(/--port must be an integer/)
  })
})
