// The devnet's EigenLayer is the real slashing-release bytecode and storage. These tests drive it
// with raw viem calls (no SDK), so they check the chain itself: a full staker round trip.
import { erc20Abi, parseAbi, parseEther, zeroAddress, zeroHash } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { type Devnet, haveEigenLayer, startDevnet } from './index.js'

const strategyManagerAbi = parseAbi([
  'function depositIntoStrategy(address strategy, address token, uint256 amount) returns (uint256)',
  'function stakerDepositShares(address staker, address strategy) view returns (uint256)',
  'function strategyIsWhitelistedForDeposit(address strategy) view returns (bool)',
])
const delegationManagerAbi = parseAbi([
  'struct Withdrawal { address staker; address delegatedTo; address withdrawer; uint256 nonce; uint32 startBlock; address[] strategies; uint256[] scaledShares; }',
  'struct QueuedWithdrawalParams { address[] strategies; uint256[] depositShares; address withdrawer; }',
  'function registerAsOperator(address initDelegationApprover, uint32 allocationDelay, string metadataURI)',
  'function delegateTo(address operator, (bytes signature, uint256 expiry) approverSignatureAndExpiry, bytes32 approverSalt)',
  'function delegatedTo(address staker) view returns (address)',
  'function isOperator(address operator) view returns (bool)',
  'function queueWithdrawals(QueuedWithdrawalParams[] params) returns (bytes32[])',
  'function getQueuedWithdrawals(address staker) view returns (Withdrawal[] withdrawals, uint256[][] shares)',
  'function completeQueuedWithdrawal(Withdrawal withdrawal, address[] tokens, bool receiveAsTokens)',
  'function minWithdrawalDelayBlocks() view returns (uint32)',
])

describe.skipIf(!haveEigenLayer())('devnet: real EigenLayer (raw calls)', () => {
  let devnet: Devnet
  beforeAll(async () => {
    devnet = await startDevnet({ symbiotic: false, karak: false })
  })
  afterAll(() => devnet?.stop())

  test('deposit, register operator, delegate, queue, complete: tokens back', async () => {
    const el = devnet.deployments.eigenlayer!
    const { token, strategy } = el.fixture
    const amount = parseEther('10')
    const staker = await devnet.newAccount({ tokens: { [token]: amount } })
    const operator = await devnet.newAccount()
    const s = devnet.walletClient(staker)
    const o = devnet.walletClient(operator)
    const pc = devnet.publicClient
    const wait = async (hash: `0x${string}`) => {
      const r = await pc.waitForTransactionReceipt({ hash })
      expect(r.status).toBe('success')
      return r
    }

    expect(
      await pc.readContract({
        address: el.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'strategyIsWhitelistedForDeposit',
        args: [strategy],
      }),
    ).toBe(true)
    expect(
      await pc.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(amount)

    await wait(
      await s.writeContract({
        address: token,
        abi: erc20Abi,
        functionName: 'approve',
        args: [el.strategyManager, amount],
      }),
    )
    await wait(
      await s.writeContract({
        address: el.strategyManager,
        abi: strategyManagerAbi,
        functionName: 'depositIntoStrategy',
        args: [strategy, token, amount],
      }),
    )
    const shares = await pc.readContract({
      address: el.strategyManager,
      abi: strategyManagerAbi,
      functionName: 'stakerDepositShares',
      args: [staker.address, strategy],
    })
    expect(shares).toBeGreaterThan(0n)
    expect(
      await pc.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(0n)

    await wait(
      await o.writeContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'registerAsOperator',
        args: [zeroAddress, 0, 'ipfs://operator'],
      }),
    )
    expect(
      await pc.readContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'isOperator',
        args: [operator.address],
      }),
    ).toBe(true)
    await wait(
      await s.writeContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegateTo',
        args: [operator.address, { signature: '0x', expiry: 0n }, zeroHash],
      }),
    )
    expect(
      await pc.readContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'delegatedTo',
        args: [staker.address],
      }),
    ).toBe(operator.address)

    await wait(
      await s.writeContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'queueWithdrawals',
        args: [[{ strategies: [strategy], depositShares: [shares], withdrawer: staker.address }]],
      }),
    )
    const [withdrawals, queuedShares] = await pc.readContract({
      address: el.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getQueuedWithdrawals',
      args: [staker.address],
    })
    expect(withdrawals).toHaveLength(1)
    expect(queuedShares[0]).toEqual([shares])
    const delay = await pc.readContract({
      address: el.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'minWithdrawalDelayBlocks',
    })
    // the state's setting (its README): v1.2 completes from the next block, v1.3.0 after 900 blocks
    const v13 = el.statePath.includes('eigenlayer-v1.3.0')
    expect(delay).toBe(v13 ? 900 : 0)

    await devnet.mine(delay + 1)
    await wait(
      await s.writeContract({
        address: el.delegationManager,
        abi: delegationManagerAbi,
        functionName: 'completeQueuedWithdrawal',
        args: [withdrawals[0]!, [token], true],
      }),
    )
    expect(
      await pc.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [staker.address],
      }),
    ).toBe(amount)
    const [after] = await pc.readContract({
      address: el.delegationManager,
      abi: delegationManagerAbi,
      functionName: 'getQueuedWithdrawals',
      args: [staker.address],
    })
    expect(after).toHaveLength(0)
  })

  test('snapshot and revert restore balances', async () => {
    const { token } = devnet.deployments.eigenlayer!.fixture
    const id = await devnet.snapshot()
    const a = await devnet.newAccount({ tokens: { [token]: 5n } })
    expect(
      await devnet.publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [a.address],
      }),
    ).toBe(5n)
    await devnet.revert(id)
    expect(
      await devnet.publicClient.readContract({
        address: token,
        abi: erc20Abi,
        functionName: 'balanceOf',
        args: [a.address],
      }),
    ).toBe(0n)
    expect(await devnet.publicClient.getBalance({ address: a.address })).toBe(0n)
  })

  test('time and blocks move on demand', async () => {
    const before = await devnet.publicClient.getBlock()
    await devnet.increaseTime(3600)
    const after = await devnet.publicClient.getBlock()
    expect(after.number).toBe(before.number + 1n)
    expect(after.timestamp - before.timestamp).toBeGreaterThanOrEqual(3600n)
    await devnet.mine(5)
    expect(await devnet.publicClient.getBlockNumber()).toBe(after.number + 5n)
  })
})

describe('devnet without EigenLayer state', () => {
  test('starts without EigenLayer when the state file is missing, and fails when it is required', async () => {
    const missing = '/nonexistent/anvil-state.json'
    const d = await startDevnet({
      eigenlayerState: missing,
      requireEigenLayer: false,
      symbiotic: false,
      karak: false,
    })
    try {
      expect(d.deployments.eigenlayer).toBeUndefined()
      expect(
        await d.publicClient.getCode({ address: '0xCf7Ed3AccA5a467e9e704C703E8D87F634fB0Fc9' }),
      ).toBeUndefined()
    } finally {
      await d.stop()
    }
    await expect(startDevnet({ eigenlayerState: missing, requireEigenLayer: true })).rejects.toThrow(
      /RESTAKEKIT_EIGENLAYER_STATE/,
    )
  })

  test('tokens that the devnet cannot mint are refused', async () => {
    const d = await startDevnet({
      eigenlayerState: '/nonexistent',
      requireEigenLayer: false,
      symbiotic: false,
      karak: false,
    })
    try {
      await expect(
        d.fund(d.accounts[3]!.address, { tokens: { [d.accounts[4]!.address]: 1n } }),
      ).rejects.toThrow(/cannot fund/)
    } finally {
      await d.stop()
    }
  })
})

describe('devnet funding', () => {
  test('accounts funded in parallel all get their tokens (the deployer sends one at a time)', async () => {
    const d = await startDevnet({
      eigenlayerState: '/nonexistent',
      requireEigenLayer: false,
      symbiotic: false,
      karak: false,
    })
    try {
      const { weth, usdc } = d.deployments.tokens
      const accounts = await Promise.all(
        Array.from({ length: 6 }, (_, i) => d.newAccount({ tokens: { [weth]: BigInt(i + 1), [usdc]: 7n } })),
      )
      const balances = await Promise.all(
        accounts.map((a) =>
          d.publicClient.readContract({
            address: weth,
            abi: erc20Abi,
            functionName: 'balanceOf',
            args: [a.address],
          }),
        ),
      )
      expect(balances).toEqual([1n, 2n, 3n, 4n, 5n, 6n])
    } finally {
      await d.stop()
    }
  })
})
