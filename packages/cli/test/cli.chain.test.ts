// The `restakekit` bin against a devnet, run as a real process: portfolio and withdrawals read what
// the contracts hold, `complete --ready` finishes exactly the ready withdrawals on EigenLayer,
// Symbiotic and Karak (and `--dry-run` sends nothing), bad input exits 1 naming the field with the nonce
// unchanged, and `watch` killed between a send and its receipt sends nothing twice after a restart.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { restakingActions } from '@restakekit/core'
import { KARAK_MIN_WITHDRAWAL_DELAY } from '@restakekit/core/karak'
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { type Address, decodeFunctionData, erc20Abi, type Hex, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const bin = join(root, 'packages/cli/src/cli.ts')
const chainAbi = parseAbi([
  'function pendingWithdrawals(bytes32 root) view returns (bool)',
  'function isWithdrawalsClaimed(uint256 epoch, address account) view returns (bool)',
])

const EPOCH = 4 * 24 * 3_600

type Run = { code: number | null; stdout: string; stderr: string }
function run(args: string[], env: Record<string, string> = {}): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', bin, ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, RESTAKEKIT_PRIVATE_KEY: '', ...env },
    timeout: 90_000,
  })
  return { code: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe.skipIf(!haveEigenLayer())('restakekit CLI on a devnet', () => {
  let devnet: Devnet
  let dir: string
  let deploymentsFile: string
  let staker: Awaited<ReturnType<Devnet['newAccount']>>
  let vault: Address
  let karakVault: Address
  let elRoot: Hex
  let chain: string[]
  const nonce = (a: Address) => devnet.publicClient.getTransactionCount({ address: a })

  beforeAll(async () => {
    devnet = await startDevnet()
    dir = mkdtempSync(join(tmpdir(), 'restakekit-cli-'))
    deploymentsFile = join(dir, 'deployments.json')
    const { eigenlayer: el, symbiotic: sym, karak, tokens } = devnet.deployments
    writeFileSync(
      deploymentsFile,
      JSON.stringify({ rpcUrl: devnet.rpcUrl, deployments: { eigenlayer: el, symbiotic: sym, karak } }),
    )
    chain = ['--rpc', devnet.rpcUrl, '--deployments', deploymentsFile]
    const { strategy, token } = el!.fixture
    ;({ vault } = await createSymbioticVault(devnet, {
      collateral: tokens.weth,
      // 4-day epochs: the 9-day Karak wait covers the two a withdrawal waits, within the portfolio's 8-epoch lookback
      epochDuration: EPOCH,
      delegatorType: 0,
      slasherType: 0,
    }))
    staker = await devnet.newAccount({
      tokens: { [token]: parseEther('10'), [tokens.weth]: parseEther('10') },
    })
    const w = devnet.walletClient(staker).extend(restakingActions({ eigenlayer: el!, symbiotic: sym, karak }))
    const mined = async (h: Promise<Hex>) => {
      const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await h })
      expect(r.status).toBe('success')
      await devnet.increaseTime(1)
      return r
    }
    await mined(w.restaking.eigenlayer.deposit({ strategy, token, amount: parseEther('4') }))
    const q = await mined(
      w.restaking.eigenlayer.queueWithdrawals({ strategies: [strategy], amounts: [parseEther('1')] }),
    )
    elRoot = (await w.restaking.eigenlayer.waitForQueueWithdrawals(q.transactionHash)).withdrawals[0]!.root
    await mined(w.restaking.symbiotic.deposit({ vault, amount: parseEther('3') }))
    await mined(w.restaking.symbiotic.withdraw({ vault, amount: parseEther('2') }))
    // Karak: 2 WETH into the devnet's WETH vault, then redeem three quarters of the shares
    karakVault = karak!.vaultsByAsset.weth
    await mined(w.restaking.karak.deposit({ vault: karakVault, amount: parseEther('2') }))
    const karakShares = await devnet.publicClient.readContract({
      address: karakVault,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [staker.address],
    })
    await mined(w.restaking.karak.startRedeem({ vault: karakVault, shares: (karakShares * 3n) / 4n }))
    // the Karak delay (9 days) covers the Symbiotic one (the end of the next 4-day epoch); the v1.2 state's
    // EigenLayer delay is 0 blocks
    await devnet.increaseTime(Number(KARAK_MIN_WITHDRAWAL_DELAY) + 10)
  })
  afterAll(() => devnet?.stop())

  test('portfolio --json: the EigenLayer stake and both withdrawals, as the contracts hold them', () => {
    const r = run(['portfolio', ...chain, '--staker', staker.address, '--json'])
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    const el = out.positions.find((p: { protocol: string }) => p.protocol === 'eigenlayer')
    expect(BigInt(el.amount)).toBe(parseEther('3'))
    const ids = out.withdrawals.map((w: { protocol: string; id: string }) => `${w.protocol}:${w.id}`)
    expect(ids).toContain(`eigenlayer:${elRoot}`)
    expect(out.withdrawals.every((w: { ready: boolean }) => w.ready)).toBe(true)
    // the human table names each kind
    const table = run(['portfolio', ...chain, '--staker', staker.address])
    expect(table.code).toBe(0)
    expect(table.stdout).toMatch(/stake\s+eigenlayer/)
    expect(table.stdout).toMatch(/withdrawal\s+symbiotic/)
  })

  test('bad input exits 1 naming the field, before anything is sent', async () => {
    const before = await nonce(staker.address)
    const cases: [string[], RegExp][] = [
      [['portfolio', ...chain, '--staker', '0x1234'], /--staker/],
      [
        [
          'portfolio',
          ...chain,
          '--staker',
          // the checksummed address with one letter's case flipped: a checksum that is wrong
          staker.address.replace(/[a-fA-F]/, (c) =>
            c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase(),
          ),
        ],
        /--staker: .*checksum/,
      ],
      [
        ['complete', ...chain, '--ready', '--private-key', staker.privateKey],
        /--private-key.*never read from the command line/,
      ],
      [['complete', ...chain, '--ready'], /RESTAKEKIT_PRIVATE_KEY/],
      [['watch', ...chain, '--interval=0'], /--interval/],
      [['portfolio', '--rpc', 'ftp://x', '--staker', staker.address], /--rpc/],
      [
        [
          'portfolio',
          ...chain.slice(0, 2),
          '--deployments',
          join(dir, 'missing.json'),
          '--staker',
          staker.address,
        ],
        /--deployments/,
      ],
    ]
    for (const [args, message] of cases) {
      const r = run(args, args[0] === 'watch' ? { RESTAKEKIT_PRIVATE_KEY: staker.privateKey } : {})
      expect(r.code, args.join(' ')).toBe(1)
      expect(r.stderr).toMatch(message)
    }
    expect(run(['frobnicate']).code).toBe(2)
    expect(run(['complete', ...chain]).code).toBe(2) // --ready is required
    expect(await nonce(staker.address)).toBe(before)
  })

  test('withdrawals [--ready]: readiness as the vault sees it; a withdrawal not ready yet is left out by --ready', async () => {
    const ready = JSON.parse(
      run(['withdrawals', ...chain, '--staker', staker.address, '--ready', '--json']).stdout,
    )
    expect(ready.withdrawals.map((w: { protocol: string }) => w.protocol).sort()).toEqual([
      'eigenlayer',
      'karak',
      'symbiotic',
    ])
    // a second staker whose Symbiotic withdrawal waits for the end of the next epoch
    const { symbiotic: sym, tokens } = devnet.deployments
    const other = await devnet.newAccount({ tokens: { [tokens.weth]: parseEther('2') } })
    const w = devnet.walletClient(other).extend(restakingActions({ symbiotic: sym! }))
    for (const h of [
      () => w.restaking.symbiotic.deposit({ vault, amount: parseEther('2') }),
      () => w.restaking.symbiotic.withdraw({ vault, amount: parseEther('1') }),
    ]) {
      const r = await devnet.publicClient.waitForTransactionReceipt({ hash: await h() })
      expect(r.status).toBe('success')
    }
    const all = run(['withdrawals', ...chain, '--staker', other.address, '--json'])
    expect(all.code).toBe(0)
    const [pending] = JSON.parse(all.stdout).withdrawals
    expect(pending.ready).toBe(false)
    expect(BigInt(pending.amount)).toBe(parseEther('1'))
    const epoch = await devnet.publicClient.readContract({
      address: vault,
      abi: parseAbi([
        'function currentEpoch() view returns (uint48)',
        'function currentEpochStart() view returns (uint48)',
      ]),
      functionName: 'currentEpochStart',
    })
    // claimable once the epoch after the current one has ended: two epoch lengths after the current start
    expect(BigInt(pending.readyAt.timestamp)).toBe(BigInt(epoch) + 2n * BigInt(EPOCH))
    const none = run(['withdrawals', ...chain, '--staker', other.address, '--ready'])
    expect(none.code).toBe(0)
    expect(none.stdout).toMatch(/no withdrawal is ready/)
    const table = run(['withdrawals', ...chain, '--staker', other.address])
    expect(table.stdout).toMatch(
      new RegExp(`symbiotic.*at ${new Date(Number(pending.readyAt.timestamp) * 1000).toISOString()}`),
    )
  })

  test('complete --ready --dry-run prints the simulated calls and sends nothing', async () => {
    const before = await nonce(staker.address)
    const r = run(['complete', ...chain, '--ready', '--dry-run', '--json', '--staker', staker.address])
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    const byProtocol = Object.fromEntries(
      out.results.map((x: { protocol: string; call: { data: Hex } }) => [x.protocol, x.call]),
    )
    expect(Object.keys(byProtocol).sort()).toEqual(['eigenlayer', 'karak', 'symbiotic'])
    expect(byProtocol.karak.to.toLowerCase()).toBe(karakVault.toLowerCase())
    expect(byProtocol.eigenlayer.to.toLowerCase()).toBe(
      devnet.deployments.eigenlayer!.delegationManager.toLowerCase(),
    )
    expect(byProtocol.symbiotic.to.toLowerCase()).toBe(vault.toLowerCase())
    const claim = decodeFunctionData({
      abi: parseAbi(['function claim(address recipient, uint256 epoch)']),
      data: byProtocol.symbiotic.data,
    })
    expect(claim.args[0].toLowerCase()).toBe(staker.address.toLowerCase())
    expect(await nonce(staker.address)).toBe(before)
  })

  test('complete --ready finishes both withdrawals; the contracts agree; a second run finds nothing', async () => {
    const { token } = devnet.deployments.eigenlayer!.fixture
    const weth = devnet.deployments.tokens.weth
    const bal = (t: Address) =>
      devnet.publicClient.readContract({
        address: t,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      })
    const [tokenBefore, wethBefore, before] = [await bal(token), await bal(weth), await nonce(staker.address)]
    const r = run(['complete', ...chain, '--ready', '--json'], { RESTAKEKIT_PRIVATE_KEY: staker.privateKey })
    expect(r.stderr).toBe('')
    expect(r.code).toBe(0)
    const out = JSON.parse(r.stdout)
    expect(out.results.map((x: { status: string }) => x.status)).toEqual(['success', 'success', 'success'])
    expect(out.results.map((x: { protocol: string }) => x.protocol).sort()).toEqual([
      'eigenlayer',
      'karak',
      'symbiotic',
    ])
    expect(await nonce(staker.address)).toBe(before + 3)
    expect((await bal(token)) - tokenBefore).toBe(parseEther('1'))
    // 2 WETH claimed from the Symbiotic vault and 1.5 WETH redeemed from the Karak vault
    expect((await bal(weth)) - wethBefore).toBe(parseEther('3.5'))
    const pending = await devnet.publicClient.readContract({
      address: devnet.deployments.eigenlayer!.delegationManager,
      abi: chainAbi,
      functionName: 'pendingWithdrawals',
      args: [elRoot],
    })
    expect(pending).toBe(false)
    const again = run(['complete', ...chain, '--ready'], { RESTAKEKIT_PRIVATE_KEY: staker.privateKey })
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/nothing is ready/)
    expect(await nonce(staker.address)).toBe(before + 3)
  })

  test('watch killed between a send and its receipt, then restarted, completes the withdrawal once', async () => {
    const { eigenlayer: el, symbiotic: sym } = devnet.deployments
    const w = devnet.walletClient(staker).extend(restakingActions({ eigenlayer: el!, symbiotic: sym! }))
    const h = await w.restaking.eigenlayer.queueWithdrawals({
      strategies: [el!.fixture.strategy],
      amounts: [parseEther('1')],
    })
    const queued = (await w.restaking.eigenlayer.waitForQueueWithdrawals(h)).withdrawals[0]!.root
    const statePath = join(dir, 'watch.json')
    const env = { ...process.env, RESTAKEKIT_PRIVATE_KEY: staker.privateKey }
    const before = await nonce(staker.address)
    // no mining: the keeper's transaction waits in the pool, so the kill lands between send and receipt
    await devnet.testClient.setAutomine(false)
    let child: ChildProcess | undefined
    try {
      child = spawn(
        process.execPath,
        ['--import', 'tsx', bin, 'watch', ...chain, '--state', statePath, '--interval', '0.2'],
        { cwd: root, env },
      )
      let log = ''
      child.stdout?.on('data', (d) => {
        log += d
      })
      child.stderr?.on('data', (d) => {
        log += d
      })
      const sent = await waitFor(() => {
        if (!existsSync(statePath)) return undefined
        const s = JSON.parse(readFileSync(statePath, 'utf8'))
        return Object.values(
          s.items as Record<string, { status: string; id: string; send?: { hash: Hex } }>,
        ).find((i) => i.id === queued && i.status === 'sent')
      }, 60_000).catch((e) => {
        throw new Error(`${e.message}; the keeper said:\n${log}`)
      })
      child.kill('SIGKILL')
      await new Promise((r) => child!.once('exit', r))
      expect(
        await devnet.publicClient.getTransactionCount({ address: staker.address, blockTag: 'pending' }),
      ).toBe(before + 1)
      // restart: it must find its own transaction in the pool and wait for it, not sign another
      const restarted = spawn(
        process.execPath,
        ['--import', 'tsx', bin, 'watch', ...chain, '--state', statePath, '--once', '--json'],
        { cwd: root, env },
      )
      let output = ''
      restarted.stdout?.on('data', (d) => {
        output += d
      })
      await new Promise((r) => setTimeout(r, 3_000))
      await devnet.testClient.mine({ blocks: 1 })
      const code = await new Promise((r) => restarted.once('exit', r))
      expect(code).toBe(0)
      expect(output).toContain(sent!.send!.hash)
      expect(output).toMatch(/resumed/)
    } finally {
      child?.kill('SIGKILL')
      await devnet.testClient.setAutomine(true)
    }
    expect(await nonce(staker.address)).toBe(before + 1)
    const pending = await devnet.publicClient.readContract({
      address: el!.delegationManager,
      abi: chainAbi,
      functionName: 'pendingWithdrawals',
      args: [queued],
    })
    expect(pending).toBe(false)
    const state = JSON.parse(readFileSync(statePath, 'utf8'))
    expect(
      Object.values(state.items as Record<string, { id: string; status: string }>).find(
        (i) => i.id === queued,
      )?.status,
    ).toBe('done')
    // and a further run sends nothing
    const again = run(['watch', ...chain, '--state', statePath, '--once'], {
      RESTAKEKIT_PRIVATE_KEY: staker.privateKey,
    })
    expect(again.code).toBe(0)
    expect(await nonce(staker.address)).toBe(before + 1)
  }, 120_000)

  test('risk is folded in: restakekit risk analyze answers as restakekit-risk does', () => {
    const r = run(['risk', 'analyze', join(root, 'packages/risk/examples/e1.json'), '--json'])
    expect(r.code).toBe(0)
    expect(JSON.parse(r.stdout).secure).toBe(true)
  })
})

async function waitFor<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    const v = probe()
    if (v !== undefined) return v
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('timed out')
}
