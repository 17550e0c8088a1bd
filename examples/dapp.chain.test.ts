import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { type Devnet, haveEigenLayer, startDevnet } from '@restakekit/devnet'
import { erc20Abi, parseAbi, parseEther } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { main } from './dapp.js'

// Read back straight from the contracts, not through the SDK the example uses.
const chainAbi = parseAbi([
  'function delegatedTo(address staker) view returns (address)',
  'function operatorShares(address operator, address strategy) view returns (uint256)',
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
])

describe.skipIf(!haveEigenLayer())('examples/dapp.ts', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ symbiotic: false, karak: false })
  })
  afterAll(() => devnet?.stop())

  test('reads the portfolio, deposits and delegates through the write layers; the chain agrees', async () => {
    const lines: string[] = []
    const r = await main({ devnet, log: (l) => lines.push(l) })
    const el = devnet.deployments.eigenlayer!
    const read = devnet.publicClient.readContract

    // before: an empty portfolio
    expect(r.before.deposits).toEqual([])
    expect(r.before.delegation.operator).toBeNull()
    expect(r.before.queuedWithdrawals).toEqual([])

    // the simulation promised what the Deposit event reported, and the chain holds it
    expect(r.amount).toBe(parseEther('5'))
    expect(r.approval).toMatch(/^0x[0-9a-f]{64}$/)
    expect(r.depositedShares).toBe(r.simulatedShares)
    expect(r.simulatedShares).toBeGreaterThan(0n)
    const shares = await read({
      address: el.strategyManager,
      abi: chainAbi,
      functionName: 'stakerDepositShares',
      args: [r.staker, r.strategy],
    })
    expect(shares).toBe(r.depositedShares)
    expect(await read({ address: r.token, abi: erc20Abi, functionName: 'balanceOf', args: [r.staker] })).toBe(
      0n,
    )

    // delegated: the event, the chain and the portfolio all name the operator
    expect(r.delegatedTo).toBe(r.operator)
    expect(
      await read({
        address: el.delegationManager,
        abi: chainAbi,
        functionName: 'delegatedTo',
        args: [r.staker],
      }),
    ).toBe(r.operator)
    expect(
      await read({
        address: el.delegationManager,
        abi: chainAbi,
        functionName: 'operatorShares',
        args: [r.operator, r.strategy],
      }),
    ).toBe(shares)

    // a second delegation is refused before signing, with the current operator named
    expect(r.secondClick).toBe(
      `Already delegated to ${r.operator}; use redelegate to move to another operator.`,
    )

    // after: the portfolio the app shows
    expect(r.after.delegation.operator).toBe(r.operator)
    expect(r.after.deposits).toHaveLength(1)
    expect(r.after.deposits[0]).toMatchObject({
      strategy: r.strategy,
      token: r.token,
      depositShares: shares,
      withdrawableShares: shares,
      underlyingAmount: r.amount,
    })

    // the narration says it in plain words, simulation before signing
    const text = lines.join('\n')
    expect(text).toMatch(/0 deposits, delegated to nobody/)
    expect(lines.findIndex((l) => l.startsWith('Simulation: depositing'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('Deposit mined')),
    )
    expect(text).toContain(`delegated to ${r.operator}`)
  })

  test('runs as a script (`tsx examples/dapp.ts`): its own devnet, plain-words output, exit code 0', async () => {
    const root = fileURLToPath(new URL('..', import.meta.url))
    // execFile rejects on a non-zero exit code
    const { stdout } = await promisify(execFile)(`${root}node_modules/.bin/tsx`, ['examples/dapp.ts'], {
      cwd: root,
      timeout: 120_000,
    })
    expect(stdout).toContain('Delegation mined: StakerDelegated names 0x')
  }, 150_000)
})
