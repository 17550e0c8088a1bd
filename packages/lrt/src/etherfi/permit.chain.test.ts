// ether.fi's permit paths on the devnet doubles: with `permit: true` a write signs an EIP-2612 permit
// (eETH or weETH) and sends ONE transaction, the `*WithPermit` entry point, instead of approve + call.
// Each path is run twice from one snapshot, approving and permitting: the effects are the same.
import {
  InvalidParameterError,
  InvalidPermitError,
  PermitExpiredError,
  type PermitOption,
  signPermit,
  UserRejectedError,
} from '@restakekit/core'
import { type Devnet, startDevnet } from '@restakekit/devnet'
import {
  type Address,
  erc20Abi,
  type Hex,
  parseAbi,
  parseEther,
  parseEventLogs,
  toFunctionSelector,
  UserRejectedRequestError,
} from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import {
  deposit,
  ETHERFI_ETH,
  type EtherFiDeployment,
  instantExit,
  prepareRequestWithdrawal,
  prepareWrap,
  previewInstantExit,
  requestWithdrawal,
  simulateRequestWithdrawal,
  waitForDeposit,
  waitForInstantExit,
  waitForRequestWithdrawal,
  waitForWrap,
  wrap,
} from './index.js'

const start = () => startDevnet({ symbiotic: false, karak: false, etherfi: true, requireEigenLayer: true })
type EtherFiDevnet = Devnet<Awaited<ReturnType<typeof start>>['deployments']>

const nftAbi = parseAbi([
  'function getRequest(uint256 requestId) view returns ((uint96 amountOfEEth, uint96 shareOfEEth, bool isValid, uint32 feeGwei))',
  'function ownerOf(uint256 tokenId) view returns (address)',
])
const nonceAbi = parseAbi(['function nonces(address owner) view returns (uint256)'])
const approvalAbi = parseAbi([
  'event Approval(address indexed owner, address indexed spender, uint256 value)',
])

const SELECTORS = {
  requestWithdrawWithPermit: toFunctionSelector(
    'requestWithdrawWithPermit(address,uint256,(uint256,uint256,uint8,bytes32,bytes32))',
  ),
  wrapWithPermit: toFunctionSelector('wrapWithPermit(uint256,(uint256,uint256,uint8,bytes32,bytes32))'),
  redeemEEthWithPermit: toFunctionSelector(
    'redeemEEthWithPermit(uint256,address,(uint256,uint256,uint8,bytes32,bytes32),address)',
  ),
  redeemWeEthWithPermit: toFunctionSelector(
    'redeemWeEthWithPermit(uint256,address,(uint256,uint256,uint8,bytes32,bytes32),address)',
  ),
  redeemWeEthWithPermitV2025: toFunctionSelector(
    'redeemWeEthWithPermit(uint256,address,(uint256,uint256,uint8,bytes32,bytes32))',
  ),
}

describe('etherfi permit: one transaction instead of approve + call', () => {
  let devnet: EtherFiDevnet
  let deployment: EtherFiDeployment
  beforeAll(async () => {
    devnet = await start()
    const ef = devnet.deployments.etherfi
    deployment = {
      chainId: devnet.chain.id,
      liquidityPool: ef.liquidityPool,
      eETH: ef.eETH,
      weETH: ef.weETH,
      withdrawRequestNFT: ef.withdrawRequestNFT,
      redemptionManager: ef.redemptionManager,
      delegationManager: devnet.deployments.eigenlayer.delegationManager,
      backing: { stakers: ef.nodes, strategies: [ef.strategy] },
    }
  })
  afterAll(() => devnet?.stop())

  const pc = () => devnet.publicClient
  const nonce = (who: Address) => pc().getTransactionCount({ address: who })
  const bal = (token: Address, who: Address) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [who] })
  const allowance = (token: Address, owner: Address, spender: Address) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] })
  const permitNonce = (token: Address, owner: Address) =>
    pc().readContract({ address: token, abi: nonceAbi, functionName: 'nonces', args: [owner] })
  const holder = async (eth: bigint) => {
    const user = await devnet.newAccount()
    await waitForDeposit(
      pc(),
      await deposit(devnet.walletClient(user), { asset: ETHERFI_ETH, amount: eth, deployment }),
    )
    return user
  }

  /**
   * Runs `send` from one snapshot twice, approving (no `permit`) then permitting (`permit: true`), and
   * returns for each: the transactions the account sent, the last one's receipt, and `effects()` after it.
   */
  async function bothPaths<T>(
    user: Address,
    send: (permit: PermitOption | undefined) => Promise<Hex>,
    effects: () => Promise<T>,
  ) {
    const run = async (permit: PermitOption | undefined) => {
      const from = await nonce(user)
      const start = await pc().getBlockNumber()
      const hash = await send(permit)
      const receipt = await pc().waitForTransactionReceipt({ hash })
      const sent: { to: Address | null; input: Hex }[] = []
      for (let b = start + 1n; b <= receipt.blockNumber; b++) {
        const block = await pc().getBlock({ blockNumber: b, includeTransactions: true })
        for (const tx of block.transactions)
          if (tx.from === user.toLowerCase() || tx.from === user) sent.push(tx)
      }
      return { sent: (await nonce(user)) - from, txs: sent, receipt, effects: await effects() }
    }
    const id = await devnet.snapshot()
    const approved = await run(undefined)
    await devnet.revert(id)
    const permitted = await run(true)
    return { approved, permitted }
  }

  const permitApprovals = (logs: Parameters<typeof parseEventLogs>[0]['logs'], token: Address) =>
    parseEventLogs({ abi: approvalAbi, logs }).filter((l) => l.address === token.toLowerCase())

  test('requestWithdrawal: requestWithdrawWithPermit, one transaction, the same request as approve + request', async () => {
    const user = await holder(parseEther('3'))
    const w = devnet.walletClient(user)
    const amount = parseEther('1.2')
    let requestId: bigint | null = null
    const { approved, permitted } = await bothPaths(
      user.address,
      async (permit) => {
        const hash = await requestWithdrawal(w, { amount, deployment, ...(permit ? { permit } : {}) })
        requestId = (await waitForRequestWithdrawal(pc(), hash)).requestId
        return hash
      },
      async () => ({
        requestId,
        request: await pc().readContract({
          address: deployment.withdrawRequestNFT,
          abi: nftAbi,
          functionName: 'getRequest',
          args: [requestId!],
        }),
        owner: await pc().readContract({
          address: deployment.withdrawRequestNFT,
          abi: nftAbi,
          functionName: 'ownerOf',
          args: [requestId!],
        }),
        eETH: await bal(deployment.eETH, user.address),
        allowance: await allowance(deployment.eETH, user.address, deployment.liquidityPool),
        permitNonce: await permitNonce(deployment.eETH, user.address),
      }),
    )
    expect(approved.sent).toBe(2)
    expect(approved.txs.map((t) => t.to)).toEqual([
      deployment.eETH.toLowerCase(),
      deployment.liquidityPool.toLowerCase(),
    ])
    expect(permitted.sent).toBe(1)
    expect(permitted.txs).toHaveLength(1)
    expect(permitted.txs[0]?.to).toBe(deployment.liquidityPool.toLowerCase())
    expect(permitted.txs[0]?.input.slice(0, 10)).toBe(SELECTORS.requestWithdrawWithPermit)
    // no approve transaction: the only Approval is the permit's, inside the one transaction
    expect(permitApprovals(permitted.receipt.logs, deployment.eETH).map((l) => l.args)).toEqual([
      { owner: user.address, spender: deployment.liquidityPool, value: amount },
    ])
    // the allowance was consumed; the permit's nonce moved (and only on the permit path)
    expect(permitted.effects.allowance).toBe(0n)
    expect(permitted.effects.permitNonce).toBe(1n)
    expect(approved.effects.permitNonce).toBe(0n)
    const { permitNonce: _a, ...a } = approved.effects
    const { permitNonce: _b, ...b } = permitted.effects
    expect(b).toEqual(a)
    expect(b.request.amountOfEEth).toBe(amount)
    expect(b.owner).toBe(user.address)
  })

  test('wrap: wrapWithPermit, one transaction, the same weETH as approve + wrap', async () => {
    const user = await holder(parseEther('2'))
    const w = devnet.walletClient(user)
    const amount = parseEther('1.5')
    const { approved, permitted } = await bothPaths(
      user.address,
      async (permit) => {
        const hash = await wrap(w, { amount, deployment, ...(permit ? { permit } : {}) })
        await waitForWrap(pc(), hash)
        return hash
      },
      async () => ({
        weETH: await bal(deployment.weETH, user.address),
        eETH: await bal(deployment.eETH, user.address),
        allowance: await allowance(deployment.eETH, user.address, deployment.weETH),
      }),
    )
    expect(approved.sent).toBe(2)
    expect(permitted.sent).toBe(1)
    expect(permitted.txs[0]?.to).toBe(deployment.weETH.toLowerCase())
    expect(permitted.txs[0]?.input.slice(0, 10)).toBe(SELECTORS.wrapWithPermit)
    expect(permitted.effects).toEqual(approved.effects)
    expect(permitted.effects.weETH).toBeGreaterThan(0n)
    expect(permitted.effects.allowance).toBe(0n)
  })

  test('instantExit (eETH and weETH, both forms): the *WithPermit redemption pays the same ETH', async () => {
    const user = await holder(parseEther('4'))
    const w = devnet.walletClient(user)
    await waitForWrap(pc(), await wrap(w, { amount: parseEther('1'), deployment }))
    const receiver = await devnet.newAccount({ eth: 0n })
    const weeth = (await bal(deployment.weETH, user.address)) / 2n
    const old = { ...deployment, redemptionManager: devnet.deployments.etherfi.redemptionManagerV2025 }
    const cases = [
      {
        token: 'eETH' as const,
        amount: parseEther('1'),
        d: deployment,
        selector: SELECTORS.redeemEEthWithPermit,
      },
      { token: 'weETH' as const, amount: weeth, d: deployment, selector: SELECTORS.redeemWeEthWithPermit },
      { token: 'weETH' as const, amount: weeth, d: old, selector: SELECTORS.redeemWeEthWithPermitV2025 },
    ]
    for (const { token, amount, d, selector } of cases) {
      const quote = await previewInstantExit(pc(), { amount, token, deployment: d })
      const spent = token === 'weETH' ? deployment.weETH : deployment.eETH
      const { approved, permitted } = await bothPaths(
        user.address,
        async (permit) => {
          const hash = await instantExit(w, {
            amount,
            token,
            receiver: receiver.address,
            deployment: d,
            ...(permit ? { permit } : {}),
          })
          await waitForInstantExit(pc(), hash)
          return hash
        },
        async () => ({
          eth: await pc().getBalance({ address: receiver.address }),
          spent: await bal(spent, user.address),
          allowance: await allowance(spent, user.address, d.redemptionManager!),
        }),
      )
      expect(approved.sent).toBe(2)
      expect(permitted.sent).toBe(1)
      expect(permitted.txs[0]?.to).toBe(d.redemptionManager!.toLowerCase())
      expect(permitted.txs[0]?.input.slice(0, 10)).toBe(selector)
      expect(permitted.effects).toEqual(approved.effects)
      expect(permitted.effects.allowance).toBe(0n)
      expect(permitApprovals(permitted.receipt.logs, spent)).toHaveLength(1)
      expect(quote.amountOut).toBeGreaterThan(0n)
    }
  })

  test('an expired deadline and a tampered signature are typed errors before sending (nonces unchanged)', async () => {
    const user = await holder(parseEther('2'))
    const w = devnet.walletClient(user)
    const amount = parseEther('1')
    const n = await nonce(user.address)
    const now = (await pc().getBlock({ blockTag: 'pending' })).timestamp
    const expired = await requestWithdrawal(w, { amount, deployment, permit: { deadline: now - 1n } }).catch(
      (e) => e,
    )
    expect(expired).toBeInstanceOf(PermitExpiredError)
    // a permit signed for the pool, then spoiled
    const signed = await signPermit(w, { token: deployment.eETH, spender: deployment.liquidityPool, amount })
    const last = signed.s.endsWith('0') ? '1' : '0'
    const tampered = { ...signed, s: `${signed.s.slice(0, -1)}${last}` as Hex }
    await expect(requestWithdrawal(w, { amount, deployment, permit: tampered })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    await expect(
      simulateRequestWithdrawal(pc(), { account: user.address, amount, deployment, permit: tampered }),
    ).rejects.toBeInstanceOf(InvalidPermitError)
    // a permit for another spender (weETH) or a smaller amount: refused too
    const forWeETH = await signPermit(w, { token: deployment.eETH, spender: deployment.weETH, amount })
    await expect(requestWithdrawal(w, { amount, deployment, permit: forWeETH })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    const small = await signPermit(w, {
      token: deployment.eETH,
      spender: deployment.liquidityPool,
      amount: 1n,
    })
    await expect(requestWithdrawal(w, { amount, deployment, permit: small })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    // a bad option shape, and prepare / simulate cannot sign
    await expect(
      requestWithdrawal(w, { amount, deployment, permit: 'yes' as unknown as true }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    expect(() => prepareWrap({ amount, deployment, permit: true })).toThrow(InvalidParameterError)
    await expect(
      simulateRequestWithdrawal(pc(), { account: user.address, amount, deployment, permit: true }),
    ).rejects.toBeInstanceOf(InvalidParameterError)
    // the wallet refuses to sign: a UserRejectedError at the permit step, nothing sent
    const refusing = {
      ...w,
      signTypedData: async () => {
        throw new UserRejectedRequestError(new Error('User rejected the request.'))
      },
    } as typeof w
    const rejected = await requestWithdrawal(refusing, { amount, deployment, permit: true }).catch((e) => e)
    expect(rejected).toBeInstanceOf(UserRejectedError)
    expect(rejected.step).toBe('permit')
    expect(await nonce(user.address)).toBe(n)
    expect(await permitNonce(deployment.eETH, user.address)).toBe(0n)
  })

  test('prepare with a pre-signed permit: one call a batching wallet (or a relayer) sends as is', async () => {
    const user = await holder(parseEther('2'))
    const w = devnet.walletClient(user)
    const amount = parseEther('0.5')
    const permit = await signPermit(w, { token: deployment.eETH, spender: deployment.liquidityPool, amount })
    // simulate checks it against the chain and simulates the one call: the request id
    const sim = await simulateRequestWithdrawal(pc(), { account: user.address, amount, deployment, permit })
    expect(typeof sim.result).toBe('bigint')
    const calls = prepareRequestWithdrawal({ account: user.address, amount, deployment, permit })
    expect(calls).toHaveLength(1)
    expect(calls[0]).toMatchObject({ to: deployment.liquidityPool, value: 0n })
    expect(calls[0]?.data.slice(0, 10)).toBe(SELECTORS.requestWithdrawWithPermit)
    const n = await nonce(user.address)
    const hash = await w.sendTransaction({ to: calls[0]!.to, data: calls[0]!.data })
    const done = await waitForRequestWithdrawal(pc(), hash)
    expect(done.receipt.status).toBe('success')
    expect(done.requestId).toBe(sim.result)
    expect(await nonce(user.address)).toBe(n + 1)
    expect(await allowance(deployment.eETH, user.address, deployment.liquidityPool)).toBe(0n)
    // the signature is spent: the same permit again is refused before sending
    await expect(requestWithdrawal(w, { amount, deployment, permit })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    expect(await nonce(user.address)).toBe(n + 1)
  })
})
