import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { createPublicClient, createTestClient, http } from 'viem'
import { foundry } from 'viem/chains'
import { describe, expect, it } from 'vitest'
import { anvilCacheRoot, startAnvil } from './anvil.js'

describe('anvil state cache', () => {
  it('persists evicted block states in its own directory and removes it on stop', async () => {
    const anvil = await startAnvil()
    try {
      expect(anvil.cachePath.startsWith(anvilCacheRoot())).toBe(true)
      const transport = http(anvil.rpcUrl)
      const test = createTestClient({ chain: foundry, mode: 'anvil', transport })
      const client = createPublicClient({ chain: foundry, transport })
      // enough blocks that anvil evicts states from memory to disk
      await test.mine({ blocks: 1500 })
      const files = readdirSync(anvil.cachePath, { recursive: true })
      expect(files.length).toBeGreaterThan(0)
      // an old block's state is still served (from the directory)
      const balance = await client.getBalance({
        address: '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266',
        blockNumber: 5n,
      })
      expect(balance).toBe(10_000n * 10n ** 18n)
    } finally {
      await anvil.stop()
    }
    expect(existsSync(anvil.cachePath)).toBe(false)
  }, 60_000)

  it('removes directories left by processes that no longer run', async () => {
    // pid 2^22 + 1 is above Linux's pid_max default ceiling, so no process has it
    const stale = join(anvilCacheRoot(), `${2 ** 22 + 1}-1`)
    mkdirSync(join(stale, 'anvil-state-x'), { recursive: true })
    const anvil = await startAnvil()
    await anvil.stop()
    expect(existsSync(stale)).toBe(false)
  }, 30_000)
})
