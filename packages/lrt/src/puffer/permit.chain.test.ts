// Puffer's permit path on the devnet doubles: `requestWithdrawal` with `permit: true` signs a pufETH
// permit (ERC-5267 domain) and sends ONE transaction, `requestWithdrawalWithPermit(Permit, recipient)`,
// whose `Permit` tuple is Puffer's (deadline, amount, v, r, s). Run from one snapshot twice, approving
// and permitting: the request is the same.
import { InvalidPermitError, PermitExpiredError, type PermitOption, signPermit } from '@restakekit/core'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  decodeFunctionData,
  erc20Abi,
  type Hex,
  parseAbi,
  parseEther,
  parseEventLogs,
  toFunctionSelector,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  deposit,
  ETH_ADDRESS,
  type PufferDeployment,
  prepareRequestWithdrawal,
  pufferWithdrawalManagerAbi,
  pufferWithdrawalManagerPermitAbi,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForDeposit,
  waitForRequestWithdrawal,
} from './index.js'

const start = () => startDevnet({ symbiotic: false, karak: false, puffer: true, requireEigenLayer: true })
type PufferDevnet = Devnet<Awaited<ReturnType<typeof start>>['deployments']>

const nonceAbi = parseAbi(['function nonces(address owner) view returns (uint256)'])
const approvalAbi = parseAbi([
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
])
const WITH_PERMIT = toFunctionSelector(
  'requestWithdrawalWithPermit((uint256,uint256,uint8,bytes32,bytes32),address)',
)

describe('puffer permit: requestWithdrawalWithPermit, one transaction', () => {
  let devnet: PufferDevnet
  let deployment: PufferDeployment
  beforeAll(async () => {
    devnet = await start()
    const p = devnet.deployments.puffer
    deployment = {
      chainId: devnet.chain.id,
      vault: p.vault,
      weth: p.weth,
      withdrawalManager: p.withdrawalManager,
      modules: p.modules,
      strategies: [p.strategy],
      delegationManager: devnet.deployments.eigenlayer.delegationManager,
    }
  })
  afterAll(() => devnet?.stop())

  const pc = () => devnet.publicClient
  const nonce = (who: Address) => pc().getTransactionCount({ address: who })
  const bal = (who: Address) =>
    pc().readContract({ address: deployment.vault, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
  const allowance = (owner: Address) =>
    pc().readContract({
      address: deployment.vault,
      abi: erc20Abi,
      functionName: 'allowance',
      args: [owner, deployment.withdrawalManager],
    })
  const permitNonce = (owner: Address) =>
    pc().readContract({ address: deployment.vault, abi: nonceAbi, functionName: 'nonces', args: [owner] })
  const holder = async (eth: bigint) => {
    const user = await devnet.newAccount()
    const wallet = devnet.walletClient(user)
    await waitForDeposit(pc(), await deposit(wallet, { asset: ETH_ADDRESS, amount: eth, deployment }))
    return { user, wallet }
  }

  test('permit: true sends one transaction; the request equals approve + request', async () => {
    const { user, wallet } = await holder(parseEther('1'))
    const receiver = await devnet.newAccount({ eth: 0n })
    const amount = parseEther('0.4')
    const run = async (permit: PermitOption | undefined) => {
      const from = await nonce(user.address)
      const hash = await requestWithdrawal(wallet, {
        amount,
        receiver: receiver.address,
        deployment,
        ...(permit ? { permit } : {}),
      })
      const done = await waitForRequestWithdrawal(pc(), hash)
      const tx = await pc().getTransaction({ hash })
      return {
        sent: (await nonce(user.address)) - from,
        tx,
        logs: done.receipt.logs,
        id: done.id,
        batch: done.batch,
        withdrawal: await pc().readContract({
          address: deployment.withdrawalManager,
          abi: pufferWithdrawalManagerAbi,
          functionName: 'getWithdrawal',
          args: [done.id!],
        }),
        pufETH: await bal(user.address),
        allowance: await allowance(user.address),
      }
    }
    const id = await devnet.snapshot()
    const approved = await run(undefined)
    await devnet.revert(id)
    const permitted = await run(true)

    expect(approved.sent).toBe(2)
    expect(permitted.sent).toBe(1)
    expect(permitted.tx.to).toBe(deployment.withdrawalManager.toLowerCase())
    expect(permitted.tx.input.slice(0, 10)).toBe(WITH_PERMIT)
    // Puffer's tuple: deadline first, then the amount (the request's)
    const { args } = decodeFunctionData({ abi: pufferWithdrawalManagerPermitAbi, data: permitted.tx.input })
    expect(args[0]).toMatchObject({ amount })
    expect(args[0].deadline).toBeGreaterThan(0n)
    expect(args[1]).toBe(receiver.address)
    // no approve transaction; the one Approval is the permit's, inside it
    const approvals = parseEventLogs({ abi: approvalAbi, logs: permitted.logs }).filter(
      (l) => l.address === deployment.vault.toLowerCase(),
    )
    expect(approvals.map((l) => l.args)).toEqual([
      { owner: user.address, spender: deployment.withdrawalManager, value: amount },
    ])
    expect(await permitNonce(user.address)).toBe(1n)
    const pick = (r: typeof approved) => ({
      id: r.id,
      batch: r.batch,
      withdrawal: r.withdrawal,
      pufETH: r.pufETH,
      allowance: r.allowance,
    })
    expect(pick(permitted)).toEqual(pick(approved))
    expect(permitted.withdrawal).toMatchObject({ pufETHAmount: amount, recipient: receiver.address })
    expect(permitted.allowance).toBe(0n)
  })

  test('expired deadline, tampered signature, another amount: typed errors before sending (nonces unchanged)', async () => {
    const { user, wallet } = await holder(parseEther('1'))
    const amount = parseEther('0.2')
    const n = await nonce(user.address)
    const now = (await pc().getBlock({ blockTag: 'pending' })).timestamp
    await expect(
      requestWithdrawal(wallet, { amount, deployment, permit: { deadline: now - 1n } }),
    ).rejects.toBeInstanceOf(PermitExpiredError)
    const signed = await signPermit(wallet, {
      token: deployment.vault,
      spender: deployment.withdrawalManager,
      amount,
    })
    const tampered = { ...signed, r: `${signed.r.slice(0, -1)}${signed.r.endsWith('0') ? '1' : '0'}` as Hex }
    await expect(requestWithdrawal(wallet, { amount, deployment, permit: tampered })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    // Puffer requests the permit's amount: a permit for more than `amount` is refused, not over-requested
    const more = await signPermit(wallet, {
      token: deployment.vault,
      spender: deployment.withdrawalManager,
      amount: amount + 1n,
    })
    await expect(requestWithdrawal(wallet, { amount, deployment, permit: more })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    expect(() =>
      prepareRequestWithdrawal({ account: user.address, amount, deployment, permit: more }),
    ).toThrow(InvalidPermitError)
    expect(await nonce(user.address)).toBe(n)
    expect(await permitNonce(user.address)).toBe(0n)

    // the untampered one: simulate, then prepare's one call sent as is
    const sim = await simulateRequestWithdrawal(pc(), {
      account: user.address,
      amount,
      deployment,
      permit: signed,
    })
    expect(sim.expectedOut).toBeGreaterThan(0n)
    const calls = prepareRequestWithdrawal({ account: user.address, amount, deployment, permit: signed })
    expect(calls).toHaveLength(1)
    expect(calls[0]?.data.slice(0, 10)).toBe(WITH_PERMIT)
    const hash = await wallet.sendTransaction({ to: calls[0]!.to, data: calls[0]!.data })
    expect((await waitForRequestWithdrawal(pc(), hash)).receipt.status).toBe('success')
    expect(await nonce(user.address)).toBe(n + 1)
    expect(await bal(user.address)).toBeGreaterThan(0n)
    expect(await allowance(user.address)).toBe(0n)
  })
})
