import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { decodeFunctionData, erc20Abi, getAddress, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from './wallet.js'

// Read back straight from the contracts, not through the SDK the example uses.
const chainAbi = parseAbi([
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
  'function activeBalanceOf(address account) view returns (uint256)',
  'function currentEpoch() view returns (uint256)',
  'function epochDurationInit() view returns (uint48)',
  'function epochDuration() view returns (uint48)',
  'function withdrawalsOf(uint256 epoch, address account) view returns (uint256)',
  'function depositIntoStrategy(address strategy, address token, uint256 amount)',
  'function deposit(address onBehalfOf, uint256 amount)',
  'function depositAsset(address asset, uint256 depositAmount, uint256 minRSETHAmountExpected, string referralId)',
  'function getRsETHAmountToMint(address asset, uint256 amount) view returns (uint256)',
])
const multiSendAbi = parseAbi(['function multiSend(bytes transactions)'])

describe.skipIf(!haveEigenLayer())('examples/wallet.ts', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ karak: false, kelp: true })
  })
  afterAll(() => devnet?.stop())

  test('prepared calls are frozen and right, execute one by one, and typed errors become messages before sending', async () => {
    const lines: string[] = []
    const r = await main({ devnet, log: (l) => lines.push(l) })
    const el = devnet.deployments.eigenlayer!
    const weth = devnet.deployments.tokens.weth
    const read = devnet.publicClient.readContract
    const kelp = devnet.deployments.kelp!

    // the call lists: approve then deposit, frozen, no value
    expect(Object.isFrozen(r.eigenlayerCalls) && r.eigenlayerCalls.every(Object.isFrozen)).toBe(true)
    expect(r.eigenlayerCalls.map((c) => c.to)).toEqual([el.fixture.token, el.strategyManager])
    expect(decodeFunctionData({ abi: erc20Abi, data: r.eigenlayerCalls[0]!.data }).args).toEqual([
      el.strategyManager,
      parseEther('3'),
    ])
    expect(decodeFunctionData({ abi: chainAbi, data: r.eigenlayerCalls[1]!.data }).args).toEqual([
      el.fixture.strategy,
      el.fixture.token,
      parseEther('3'),
    ])
    expect(r.symbioticCalls.map((c) => c.to)).toEqual([weth, r.vault])
    expect(decodeFunctionData({ abi: chainAbi, data: r.symbioticCalls[1]!.data }).args).toEqual([
      r.account,
      parseEther('2'),
    ])
    // the LRT deposit: the exact approval of the LST to Kelp's pool, then depositAsset with the minOut
    expect(r.kelpCalls.map((c) => c.to)).toEqual([kelp.assets.lst, kelp.lrtDepositPool])
    expect(decodeFunctionData({ abi: erc20Abi, data: r.kelpCalls[0]!.data }).args).toEqual([
      kelp.lrtDepositPool,
      r.kelp.amount,
    ])
    expect(decodeFunctionData({ abi: chainAbi, data: r.kelpCalls[1]!.data }).args).toEqual([
      kelp.assets.lst,
      r.kelp.amount,
      r.kelp.minOut,
      '',
    ])
    expect(r.kelp.minOut).toBe(r.kelp.preview - (r.kelp.preview * 50n) / 10_000n)
    expect([...r.eigenlayerCalls, ...r.symbioticCalls, ...r.kelpCalls].every((c) => c.value === 0n)).toBe(
      true,
    )

    // the Safe batch unpacks into exactly the prepared calls, in order
    const { args } = decodeFunctionData({ abi: multiSendAbi, data: r.multiSendData })
    const packed = args[0].slice(2)
    const unpacked: { to: string; value: bigint; data: string }[] = []
    for (let at = 0; at < packed.length; ) {
      expect(packed.slice(at, at + 2)).toBe('00') // operation: call
      const to = getAddress(`0x${packed.slice(at + 2, at + 42)}`)
      const value = BigInt(`0x${packed.slice(at + 42, at + 106)}`)
      const length = Number(BigInt(`0x${packed.slice(at + 106, at + 170)}`))
      unpacked.push({ to, value, data: `0x${packed.slice(at + 170, at + 170 + 2 * length)}` })
      at += 170 + 2 * length
    }
    expect(unpacked).toEqual(
      [...r.eigenlayerCalls, ...r.symbioticCalls, ...r.kelpCalls].map((c) => ({ ...c })),
    )

    // every call sent landed: 6 deposit calls, then the 2 withdrawal calls
    expect(r.statuses).toEqual(Array(8).fill('success'))
    expect(r.eigenlayerShares).toBe(parseEther('3'))
    expect(r.symbioticPosition.activeBalance).toBe(parseEther('2'))

    // the chain now: 1/3 of the EigenLayer shares queued, 1 WETH of the vault in the next epoch's bucket
    expect(
      await read({
        address: el.strategyManager,
        abi: chainAbi,
        functionName: 'stakerDepositShares',
        args: [r.account, el.fixture.strategy],
      }),
    ).toBe(parseEther('2'))
    expect(
      await read({ address: r.vault, abi: chainAbi, functionName: 'activeBalanceOf', args: [r.account] }),
    ).toBe(parseEther('1'))
    const epoch = await read({ address: r.vault, abi: chainAbi, functionName: 'currentEpoch' })
    expect(
      await read({
        address: r.vault,
        abi: chainAbi,
        functionName: 'withdrawalsOf',
        args: [epoch + 1n, r.account],
      }),
    ).toBe(parseEther('1'))
    expect(await read({ address: weth, abi: erc20Abi, functionName: 'balanceOf', args: [r.account] })).toBe(
      parseEther('0.5'),
    )
    // the rsETH the Kelp calls minted, read from the token: what the pool mints for that LST amount
    // (the double's oracle was not updated since, so its quote now is the quote then), and ≥ minOut
    const rsETH = await read({
      address: kelp.rsETH,
      abi: erc20Abi,
      functionName: 'balanceOf',
      args: [r.account],
    })
    const mint = await read({
      address: kelp.lrtDepositPool,
      abi: chainAbi,
      functionName: 'getRsETHAmountToMint',
      args: [kelp.assets.lst, r.kelp.amount],
    })
    expect(rsETH).toBe(mint)
    expect(rsETH).toBe(r.rsETH)
    expect(rsETH).toBeGreaterThanOrEqual(r.kelp.minOut)
    // the LST left the account: 1 token is left of the EigenLayer token (the Kelp LST is that token here)
    expect(
      await read({ address: el.fixture.token, abi: erc20Abi, functionName: 'balanceOf', args: [r.account] }),
    ).toBe(parseEther('1'))

    // the pre-flight checks: typed errors, user messages with the numbers, and no transaction
    expect(r.checks.map((c) => c.error)).toEqual([
      'InsufficientBalanceError',
      'InsufficientBalanceError',
      'none',
      'WithdrawalNotReadyError',
    ])
    expect(r.checks[0]!.message).toBe('Not enough funds: you have 1, this needs 100.')
    expect(r.checks[1]!.message).toBe('Not enough funds: you have 0.5, this needs 100.')
    // v1.2 state (0-block delay): a completion sent now lands in the ready block, and the simulation
    // (at the landing block) agrees with the readiness read
    expect(r.checks[2]!.message).toBe('ok to sign')
    // the Symbiotic bucket (epoch + 1) is claimable from the start of epoch + 2, read from the vault
    const init = await read({ address: r.vault, abi: chainAbi, functionName: 'epochDurationInit' })
    const duration = await read({ address: r.vault, abi: chainAbi, functionName: 'epochDuration' })
    expect(r.checks[3]!.message).toContain(`(unix ${BigInt(init) + (epoch + 2n) * BigInt(duration)})`)
    expect(r.nonceAfterChecks).toBe(r.nonceBeforeChecks)
    expect(lines.join('\n')).toContain('wallet_sendCalls')
  })

  test('runs as a script (`tsx examples/wallet.ts`): its own devnet, plain-words output, exit code 0', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    // execFile rejects on a non-zero exit code
    const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/tsx`, ['examples/wallet.ts'], {
      cwd: root,
      timeout: 120_000,
    })
    expect(stdout).toContain('nothing was sent.')
  }, 150_000)
})
