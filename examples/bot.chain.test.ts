import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { erc20Abi, type Hex, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main, runKeeper } from './bot.js'

// Read back straight from the contracts, not through the SDK the example uses.
const chainAbi = parseAbi([
  'function pendingWithdrawals(bytes32 root) view returns (bool)',
  'function isWithdrawalsClaimed(uint256 epoch, address account) view returns (bool)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
])

describe.skipIf(!haveEigenLayer())('examples/bot.ts', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet()
  })
  afterAll(() => devnet?.stop())

  test('completes exactly the ready withdrawals on all three protocols and reports when the rest are ready', async () => {
    const lines: string[] = []
    const r = await main({ devnet, log: (l) => lines.push(l) })
    const { alice, bob, carol } = r.stakers
    const el = devnet.deployments.eigenlayer!
    const weth = devnet.deployments.tokens.weth
    const read = devnet.publicClient.readContract
    const balance = (token: `0x${string}`, who: `0x${string}`) =>
      read({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })

    const summary = (items: { protocol: string; staker: string }[]) =>
      items.map((i) => `${i.protocol}:${i.staker}`).sort()
    // carol's EigenLayer withdrawal was queued in the latest block; with the v1.2 state's 0-block
    // delay a completion sent now lands in the next block and succeeds, so it is ready and done
    expect(summary(r.done)).toEqual(
      [`eigenlayer:${alice}`, `eigenlayer:${carol}`, `symbiotic:${alice}`, `karak:${bob}`].sort(),
    )
    expect(summary(r.left)).toEqual([`symbiotic:${bob}`, `karak:${carol}`].sort())
    expect(r.failed).toEqual([])
    const amounts = Object.fromEntries(r.done.map((i) => [`${i.protocol}:${i.staker}`, i.amount]))
    expect(amounts).toEqual({
      [`eigenlayer:${alice}`]: parseEther('1'),
      [`eigenlayer:${carol}`]: parseEther('2'),
      [`symbiotic:${alice}`]: parseEther('2'),
      [`karak:${bob}`]: parseEther('2'),
    })

    // the chain: payouts arrived, the not-ready items are untouched
    expect(await balance(el.fixture.token, alice)).toBe(parseEther('7')) // 10 − 4 deposited + 1 withdrawn
    expect(await balance(weth, alice)).toBe(parseEther('9')) // 10 − 3 + 2 claimed
    expect(await balance(weth, bob)).toBe(parseEther('3')) // 10 − 5 (Karak) − 4 (Symbiotic) + 2 finished
    expect(await balance(weth, carol)).toBe(parseEther('7')) // 10 − 3, redemption not finished
    expect(await balance(weth, r.keeper)).toBe(0n) // the keeper pays gas, receives nothing
    const elDone = r.done.find((i) => i.protocol === 'eigenlayer')!
    const elCarol = r.done.find((i) => i.protocol === 'eigenlayer' && i.staker === carol)!
    const pending = (root: string) =>
      read({
        address: el.delegationManager,
        abi: chainAbi,
        functionName: 'pendingWithdrawals',
        args: [root as Hex],
      })
    expect(await pending(elDone.id)).toBe(false)
    expect(await pending(elCarol.id)).toBe(false)
    const symDone = r.done.find((i) => i.protocol === 'symbiotic')!
    const symLeft = r.left.find((i) => i.protocol === 'symbiotic')!
    const epochOf = (id: string) => BigInt(id)
    expect(
      await read({
        address: r.symbioticVault,
        abi: chainAbi,
        functionName: 'isWithdrawalsClaimed',
        args: [epochOf(symDone.id), alice],
      }),
    ).toBe(true)
    expect(
      await read({
        address: r.symbioticVault,
        abi: chainAbi,
        functionName: 'withdrawalsOf',
        args: [epochOf(symLeft.id), bob],
      }),
    ).toBe(parseEther('1'))

    // when the rest becomes ready: the epoch after the bucket on Symbiotic (1-day epochs), 9 days on Karak
    expect(symLeft.location).toBe(r.symbioticVault)
    expect(r.left.find((i) => i.protocol === 'karak')!.location).toBe(r.karakVault)
    expect(symLeft.readyAt! - r.timestamp).toBeGreaterThan(86_400n)
    expect(symLeft.readyAt! - r.timestamp).toBeLessThanOrEqual(2n * 86_400n)
    const karakLeft = r.left.find((i) => i.protocol === 'karak')!
    expect(karakLeft.readyAt! - r.timestamp).toBeGreaterThan(9n * 86_400n - 60n)
    expect(karakLeft.readyAt! - r.timestamp).toBeLessThanOrEqual(9n * 86_400n)
    expect(
      lines.some((l) => l.startsWith('  left Karak vault') && /\(in (8d 23h|9d 0h) \d+m\)/.test(l)),
    ).toBe(true)

    // nine days on, the next run finishes everything it left, and nothing else
    await devnet.increaseTime(9n * 86_400n)
    const next = await runKeeper({ ...r.config, log: () => {} })
    expect(summary(next.done)).toEqual(summary(r.left))
    expect(next.left).toEqual([])
    expect(next.failed).toEqual([])
    expect(await balance(weth, carol)).toBe(parseEther('10'))
    expect(await balance(weth, bob)).toBe(parseEther('4'))
  })

  test('runs as a script (`tsx examples/bot.ts`): its own devnet, plain-words output, exit code 0', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    // execFile rejects on a non-zero exit code
    const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/tsx`, ['examples/bot.ts'], {
      cwd: root,
      timeout: 120_000,
    })
    expect(stdout).toContain('Keeper run: 4 completed, 2 left, 0 failed.')
  }, 150_000)
})
