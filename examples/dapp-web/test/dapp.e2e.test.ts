// The dApp page in headless Chromium against a devnet: the page signs through an injected
// EIP-1193 wallet that really signs in Node; the chain is read back with viem, not through the page.
import { mkdirSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import { extname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setupSymbioticStake } from '@restakekit/avs/symbiotic/testing'
import { getRestakingPortfolio } from '@restakekit/core'
import { createSymbioticVault, type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { type Browser, chromium, type Page } from 'playwright-core'
import { type Address, erc20Abi, type Hex, parseAbi, parseEther, zeroAddress } from 'viem'
import { build } from 'vite'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { installWallet, type TestWallet } from './wallet.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const artifacts = join(root, 'test-artifacts')
const chromiumPath = '/usr/bin/chromium'

const chainAbi = parseAbi([
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
  'function delegatedTo(address staker) view returns (address)',
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
  'function activeBalanceOf(address account) view returns (uint256)',
])

describe.skipIf(!haveEigenLayer())('examples/dapp-web in headless Chromium', () => {
  let devnet: Devnet
  let server: Server
  let browser: Browser
  let page: Page
  let wallet: TestWallet
  let staker: Address
  let token: Address
  let strategy: Address
  let operator: Address
  let vault: Address
  let weth: Address
  let shot = 0
  const start = 5n * 10n ** 18n
  const timings: Record<string, number> = {}

  const screenshot = (name: string) =>
    page.screenshot({
      path: join(artifacts, `${String(++shot).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    })
  const nonce = () => devnet.publicClient.getTransactionCount({ address: staker })
  const balance = (t: Address) =>
    devnet.publicClient.readContract({ address: t, abi: erc20Abi, functionName: 'balanceOf', args: [staker] })
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator, the text as rendered
  const text = (id: string) => page.getByTestId(id).innerText()
  const click = async (id: string) => {
    await page.getByTestId(`${id}-button`).click()
    await page
      .waitForSelector(`[data-testid="${id}-result"], [data-testid="${id}-error"]`, { timeout: 30_000 })
      .catch(async (error) => {
        await screenshot(`${id}-timed-out`)
        throw error
      })
  }
  const refresh = async () => {
    await page.getByTestId('refresh').click()
    await page.waitForLoadState('networkidle').catch(() => {})
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true })
    const t0 = Date.now()
    const [d] = await Promise.all([
      startDevnet({ karak: false }).then((x) => {
        timings.devnet = Date.now() - t0
        return x
      }),
      build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' }).then(() => {
        timings.build = Date.now() - t0
      }),
    ])
    devnet = d
    const el = devnet.deployments.eigenlayer!
    ;({ strategy, token } = el.fixture)
    weth = devnet.deployments.tokens.weth
    // an EigenLayer operator (operator-side work, straight to the contract)
    const op = await devnet.newAccount()
    operator = op.address
    await devnet.publicClient.waitForTransactionReceipt({
      hash: await devnet.walletClient(op).writeContract({
        address: el.delegationManager,
        abi: chainAbi,
        functionName: 'registerAsOperator',
        args: [zeroAddress, 0, 'ipfs://dapp-web-test'],
      }),
    })
    // a Symbiotic WETH vault with one network and one operator, so the exposure has a service
    const v = await createSymbioticVault(devnet, {
      collateral: weth,
      epochDuration: 3600,
      delegatorType: 0,
      slasherType: 0,
    })
    vault = v.vault
    const symbioticOperator = devnet.accounts[4]!.address
    const subnetwork: Hex = await setupSymbioticStake(devnet, {
      vault,
      delegator: v.delegator,
      delegatorType: 0,
      network: devnet.accounts[3]!.address,
      operator: symbioticOperator,
    })
    const user = await devnet.newAccount({ tokens: { [token]: start, [weth]: start } })
    staker = user.address

    const config = JSON.stringify(
      {
        rpcUrl: devnet.rpcUrl,
        chainId: devnet.chain.id,
        eigenlayer: el,
        symbiotic: devnet.deployments.symbiotic,
        defaults: {
          strategy,
          token,
          operator,
          vault,
          subnetworks: [subnetwork],
          operators: [symbioticOperator],
        },
      },
      (_k, x) => (typeof x === 'bigint' ? x.toString() : x),
    )
    const dist = join(root, 'dist')
    const types: Record<string, string> = {
      '.html': 'text/html',
      '.js': 'text/javascript',
      '.css': 'text/css',
    }
    server = createServer(async (req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      if (path === '/devnet.json')
        return res.writeHead(200, { 'content-type': 'application/json' }).end(config)
      try {
        const body = await readFile(join(dist, path === '/' ? 'index.html' : path.replace(/^\/+/, '')))
        res.writeHead(200, { 'content-type': types[extname(path || '.html')] ?? 'text/html' }).end(body)
      } catch {
        res.writeHead(404).end()
      }
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))

    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } })
    wallet = await installWallet(page, user, devnet.chain, devnet.rpcUrl)
    const port = (server.address() as { port: number }).port
    await page.goto(`http://127.0.0.1:${port}/?config=/devnet.json`)
    timings.ready = Date.now() - t0
    console.log(`set-up ms: ${JSON.stringify(timings)}`)
  }, 240_000)

  afterAll(async () => {
    await browser?.close()
    server?.close()
    await devnet?.stop()
  })

  test('connects, refuses bad input before sending, survives a rejection between approval and deposit, runs deposit → delegate → queue → complete', async () => {
    await page.getByTestId('connect').click()
    await expect.poll(() => text('account')).toBe(staker)
    await expect.poll(() => text('wallet')).toContain(`5 of token ${token}`)
    await screenshot('connected')

    // refused inputs: typed errors shown, nothing signed, the nonce does not move
    const n0 = await nonce()
    await page.getByTestId('el-amount').fill('999')
    await click('el-deposit')
    expect(await text('el-deposit-error')).toMatch(/^InsufficientBalanceError: /)
    await page.getByTestId('el-operator').fill('0x1234')
    await click('el-delegate')
    expect(await text('el-delegate-error')).toMatch(
      /^InvalidAddressError: Invalid operator: 0x1234 is not an address/,
    )
    await screenshot('refused-inputs')
    expect(await nonce()).toBe(n0)
    expect(wallet.sends).toHaveLength(0)

    // the user approves, then rejects the deposit in the wallet
    await page.getByTestId('el-amount').fill('2')
    wallet.rejectSend(2)
    await click('el-deposit')
    const failed = await text('el-deposit-error')
    expect(failed).toMatch(/^UserRejectedError: The wallet refused /)
    // what the user holds, read after the failure: the approval stands and all 5 tokens are still theirs
    expect(failed).toMatch(/the approval \(0x[0-9a-f]{64}\) landed and stands/)
    expect(failed).toMatch(/holds 5000000000000000000 of 0x/)
    expect(failed).toContain('You rejected the request in your wallet.')
    expect(await text('el-deposit-stages')).toContain('approval-mined')
    expect(wallet.sends.map((s) => s.outcome)).toEqual(['sent', 'rejected'])
    expect(await nonce()).toBe(n0 + 1) // the approval only
    expect(await balance(token)).toBe(start)
    const el = devnet.deployments.eigenlayer!
    const read = devnet.publicClient.readContract
    expect(
      await read({
        address: el.strategyManager,
        abi: chainAbi,
        functionName: 'stakerDepositShares',
        args: [staker, strategy],
      }),
    ).toBe(0n)
    // what the page says the user holds: all 5 tokens, no position
    await expect.poll(() => text('wallet')).toContain(`5 of token ${token}`)
    expect(await page.locator('[data-testid="positions"] tbody tr').count()).toBe(0)
    await screenshot('rejected-deposit')

    // retry: the approval is already there, so only the deposit is sent
    await click('el-deposit')
    expect(await text('el-deposit-stages')).not.toContain('approval-sent')
    const shares = await read({
      address: el.strategyManager,
      abi: chainAbi,
      functionName: 'stakerDepositShares',
      args: [staker, strategy],
    })
    expect(shares).toBeGreaterThan(0n)
    expect(await text('el-deposit-result')).toContain(`Deposited: "${shares}" shares`)
    expect(await text('el-deposit-stages')).toMatch(
      /checks[\s\S]*signing[\s\S]*sent[\s\S]*mined[\s\S]*decoded/,
    )
    expect(await nonce()).toBe(n0 + 2)
    expect(await balance(token)).toBe(start - parseEther('2'))
    await expect
      .poll(() =>
        page.locator(`[data-testid="positions"] tr[data-location="${strategy.toLowerCase()}"]`).count(),
      )
      .toBe(1)
    await screenshot('deposited')

    await page.getByTestId('el-operator').fill(operator)
    await click('el-delegate')
    expect(await text('el-delegate-result')).toBe(`Delegated to ${operator}`)
    expect(
      await read({
        address: el.delegationManager,
        abi: chainAbi,
        functionName: 'delegatedTo',
        args: [staker],
      }),
    ).toBe(operator)
    await screenshot('delegated')

    await click('el-queue')
    expect(await text('el-queue-result')).toMatch(/^Queued withdrawal 0x[0-9a-f]{64}$/)
    expect(
      await read({
        address: el.strategyManager,
        abi: chainAbi,
        functionName: 'stakerDepositShares',
        args: [staker, strategy],
      }),
    ).toBe(0n)
    const waiting = page.locator('[data-testid="withdrawals"] tr[data-protocol="eigenlayer"]')
    await expect.poll(() => waiting.count()).toBe(1)
    // the page shows the readiness the chain gives (the v1.2 state's delay may already be over)
    const p = await getRestakingPortfolio(
      devnet.publicClient,
      { staker, karak: false, symbiotic: false },
      { eigenlayer: el },
    )
    const readyAt = p.withdrawals[0]!.readyAt as { block: bigint }
    expect(await waiting.getAttribute('data-ready')).toBe(String(p.withdrawals[0]!.ready))
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator, the text as rendered
    expect(await waiting.innerText()).toContain(readyAt.block.toString())
    await screenshot('queued')

    // wait out the delay (blocks), then complete what is ready
    const now = await devnet.publicClient.getBlockNumber()
    if (readyAt.block > now) await devnet.mine(Number(readyAt.block - now))
    await refresh()
    await expect.poll(() => waiting.getAttribute('data-ready')).toBe('true')
    await click('el-complete')
    expect(await text('el-complete-result')).toContain('WithdrawalCompleted')
    expect(await balance(token)).toBe(start)
    await expect.poll(() => waiting.count()).toBe(0)
    await screenshot('completed')
  }, 90_000)

  test('Symbiotic deposit → withdraw → claim, with the exposure of the position per service', async () => {
    const n0 = await nonce()
    await page.getByTestId('sym-amount').fill('3')
    await click('sym-deposit')
    expect(await text('sym-deposit-stages')).toMatch(
      /approval-sent[\s\S]*approval-mined[\s\S]*signing[\s\S]*sent[\s\S]*mined/,
    )
    expect(await text('sym-deposit-result')).toContain(`"amount":"${parseEther('3')}"`)
    const read = devnet.publicClient.readContract
    expect(
      await read({ address: vault, abi: chainAbi, functionName: 'activeBalanceOf', args: [staker] }),
    ).toBe(parseEther('3'))
    expect(await nonce()).toBe(n0 + 2)
    await refresh()
    const row = page.locator(
      `[data-testid="positions"] tr[data-location="${vault.toLowerCase()}"] td[data-amount]`,
    )
    await expect.poll(() => row.getAttribute('data-amount')).toBe(parseEther('3').toString())
    // the network can slash the whole active stake (NetworkRestake, limits at their maximum)
    const exposure = page.locator('[data-testid="exposure"] tbody tr')
    await expect.poll(() => exposure.first().getAttribute('data-slashable')).toBe(parseEther('3').toString())
    await screenshot('symbiotic-deposited')

    await click('sym-withdraw')
    expect(await text('sym-withdraw-result')).toContain('Withdraw event:')
    expect(
      await read({ address: vault, abi: chainAbi, functionName: 'activeBalanceOf', args: [staker] }),
    ).toBe(0n)
    const pending = page.locator('[data-testid="withdrawals"] tr[data-protocol="symbiotic"]')
    await refresh()
    await expect.poll(() => pending.getAttribute('data-ready')).toBe('false')
    await screenshot('symbiotic-withdrawn')

    await devnet.increaseTime(2 * 3600)
    await refresh()
    await expect.poll(() => pending.getAttribute('data-ready')).toBe('true')
    await click('sym-claim')
    expect(await text('sym-claim-result')).toContain(`"amount":"${parseEther('3')}"`)
    expect(await balance(weth)).toBe(start)
    await screenshot('symbiotic-claimed')
  }, 90_000)
})
