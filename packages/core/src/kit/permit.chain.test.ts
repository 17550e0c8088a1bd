// The EIP-2612 signer against real permit tokens on anvil: OpenZeppelin 5's ERC20Permit (the devnet's
// TestERC20, an ERC-5267 domain), and the ether.fi eETH / weETH and Puffer pufETH doubles (their own
// permit, written from the EIP). Each signature is submitted by the spender: the token's nonce moves
// and the allowance is exactly the permit's. Bad input is refused before the wallet is asked to sign.
import { type Devnet, startDevnet } from '@restakekit/devnet'
import { type Address, createWalletClient, erc20Abi, http, parseAbi, parseEther, parseSignature } from 'viem'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ChainMismatchError, InvalidAmountError, InvalidParameterError } from '../errors.js'
import {
  InvalidPermitError,
  PERMIT_DEFAULT_TTL,
  PermitDomainMismatchError,
  PermitExpiredError,
  PermitUnsupportedError,
  signPermit,
  verifyPermit,
} from './permit.js'

const permitAbi = parseAbi([
  'function permit(address owner, address spender, uint256 value, uint256 deadline, uint8 v, bytes32 r, bytes32 s)',
  'function nonces(address owner) view returns (uint256)',
  'error InvalidSignature()',
])

const start = () =>
  startDevnet({ symbiotic: false, karak: false, etherfi: true, puffer: true, requireEigenLayer: true })

describe('signPermit: one signer for every EIP-2612 token', () => {
  let devnet: Devnet<Awaited<ReturnType<typeof start>>['deployments']>
  beforeAll(async () => {
    devnet = await start()
  })
  afterAll(() => devnet?.stop())

  const pc = () => devnet.publicClient
  const tokens = () => ({
    'OpenZeppelin ERC20Permit (TestERC20)': devnet.deployments.tokens.weth,
    'ether.fi eETH double': devnet.deployments.etherfi.eETH,
    'ether.fi weETH double': devnet.deployments.etherfi.weETH,
    'Puffer pufETH double': devnet.deployments.puffer.vault,
  })
  const nonceOf = (token: Address, owner: Address) =>
    pc().readContract({ address: token, abi: permitAbi, functionName: 'nonces', args: [owner] })
  const allowance = (token: Address, owner: Address, spender: Address) =>
    pc().readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] })

  for (const name of [
    'OpenZeppelin ERC20Permit (TestERC20)',
    'ether.fi eETH double',
    'ether.fi weETH double',
    'Puffer pufETH double',
  ] as const) {
    test(`${name}: the signature is accepted on chain, the nonce moves, the allowance is the permit's`, async () => {
      const token = tokens()[name]
      const owner = await devnet.newAccount({ eth: parseEther('1') })
      const spender = await devnet.newAccount({ eth: parseEther('1') })
      const amount = parseEther('1.25')
      const before = await nonceOf(token, owner.address)
      const block = await pc().getBlock({ blockTag: 'pending' })
      const signed = await signPermit(devnet.walletClient(owner), { token, spender: spender.address, amount })
      expect(signed).toMatchObject({ token, owner: owner.address, spender: spender.address, value: amount })
      expect(signed.nonce).toBe(before)
      // default deadline: the chain's time plus the TTL (the landing block's time, read with the state)
      expect(signed.deadline - block.timestamp).toBeGreaterThanOrEqual(PERMIT_DEFAULT_TTL)
      expect(signed.deadline - block.timestamp).toBeLessThanOrEqual(PERMIT_DEFAULT_TTL + 5n)
      expect([27, 28]).toContain(signed.v)
      // the permit checks out against the chain before it is sent
      await verifyPermit(pc(), {
        token,
        owner: owner.address,
        spender: spender.address,
        amount,
        permit: signed,
      })

      const ownerNonce = await pc().getTransactionCount({ address: owner.address })
      const hash = await devnet.walletClient(spender).writeContract({
        address: token,
        abi: permitAbi,
        functionName: 'permit',
        args: [owner.address, spender.address, signed.value, signed.deadline, signed.v, signed.r, signed.s],
      })
      expect((await pc().waitForTransactionReceipt({ hash })).status).toBe('success')
      expect(await nonceOf(token, owner.address)).toBe(before + 1n)
      expect(await allowance(token, owner.address, spender.address)).toBe(amount)
      // the owner sent nothing: the spender submitted the signature
      expect(await pc().getTransactionCount({ address: owner.address })).toBe(ownerNonce)

      // the same signature again is stale: its nonce was used
      const stale = await verifyPermit(pc(), {
        token,
        owner: owner.address,
        spender: spender.address,
        amount,
        permit: signed,
      }).catch((e) => e)
      expect(stale).toBeInstanceOf(InvalidPermitError)
      // and the token agrees: replaying it reverts
      await expect(
        pc().simulateContract({
          account: spender.address,
          address: token,
          abi: permitAbi,
          functionName: 'permit',
          args: [owner.address, spender.address, signed.value, signed.deadline, signed.v, signed.r, signed.s],
        }),
      ).rejects.toThrow()
    })
  }

  test('a tampered signature or another spender is an InvalidPermitError before sending', async () => {
    const token = devnet.deployments.etherfi.eETH
    const owner = await devnet.newAccount({ eth: parseEther('1') })
    const spender = await devnet.newAccount()
    const signed = await signPermit(devnet.walletClient(owner), {
      token,
      spender: spender.address,
      amount: 5n,
    })
    const flip = (hex: `0x${string}`) =>
      `${hex.slice(0, -1)}${hex.endsWith('0') ? '1' : '0'}` as `0x${string}`
    const params = { token, owner: owner.address, spender: spender.address, amount: 5n }
    // the token itself refuses the tampered signature: the check says so first
    const tampered = { ...signed, s: flip(signed.s) }
    await expect(
      pc().simulateContract({
        account: spender.address,
        address: token,
        abi: permitAbi,
        functionName: 'permit',
        args: [owner.address, spender.address, 5n, tampered.deadline, tampered.v, tampered.r, tampered.s],
      }),
    ).rejects.toThrow()
    await expect(verifyPermit(pc(), { ...params, permit: tampered })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    // without the bookkeeping fields, only the signature speaks: still refused
    const { v, r, value, deadline } = signed
    await expect(
      verifyPermit(pc(), { ...params, permit: { v, r, s: flip(signed.s), value, deadline } }),
    ).rejects.toBeInstanceOf(InvalidPermitError)
    await expect(
      verifyPermit(pc(), { ...params, spender: owner.address, permit: signed }),
    ).rejects.toBeInstanceOf(InvalidPermitError)
    await expect(verifyPermit(pc(), { ...params, amount: 6n, permit: signed })).rejects.toBeInstanceOf(
      InvalidPermitError,
    )
    expect(await nonceOf(token, owner.address)).toBe(0n)
  })

  test('bad input is a typed error before the wallet is asked: amount 0, past deadline, no permit, wrong domain', async () => {
    const owner = await devnet.newAccount({ eth: parseEther('1') })
    const spender = (await devnet.newAccount()).address
    const token = devnet.deployments.etherfi.eETH
    // a wallet that must not be asked to sign: every refusal below comes before it
    let asked = 0
    const w = devnet.walletClient(owner)
    const watched = {
      ...w,
      signTypedData: (...args: Parameters<typeof w.signTypedData>) => {
        asked++
        return w.signTypedData(...args)
      },
    } as typeof w
    await expect(signPermit(watched, { token, spender, amount: 0n })).rejects.toBeInstanceOf(
      InvalidAmountError,
    )
    await expect(signPermit(watched, { token, spender, amount: 1n, deadline: -1n })).rejects.toBeInstanceOf(
      InvalidParameterError,
    )
    const now = (await pc().getBlock({ blockTag: 'pending' })).timestamp
    const expired = await signPermit(watched, { token, spender, amount: 1n, deadline: now - 1n }).catch(
      (e) => e,
    )
    expect(expired).toBeInstanceOf(PermitExpiredError)
    expect(expired.deadline).toBe(now - 1n)
    expect(expired.chainTime).toBeGreaterThanOrEqual(now)
    // a plain ERC-20 (the Puffer WETH double) has no nonces / DOMAIN_SEPARATOR
    await expect(
      signPermit(watched, { token: devnet.deployments.puffer.weth, spender, amount: 1n }),
    ).rejects.toBeInstanceOf(PermitUnsupportedError)
    // a client on another chain than the node: refused by the chain guard of the batched read
    const elsewhere = createWalletClient({
      account: owner,
      chain: { ...devnet.chain, id: 1 },
      transport: http(devnet.rpcUrl),
    })
    await expect(signPermit(elsewhere, { token, spender, amount: 1n })).rejects.toBeInstanceOf(
      ChainMismatchError,
    )
    // a token whose EIP-712 name is not its name() (and publishes no domain): no domain read hashes
    // to its DOMAIN_SEPARATOR(), so no signature is made that it would refuse
    const odd = await devnet.context.deployArtifact('Eip2612DomainMismatchDouble', [])
    const mismatch = await signPermit(watched, { token: odd, spender, amount: 1n }).catch((e) => e)
    expect(mismatch).toBeInstanceOf(PermitDomainMismatchError)
    expect(mismatch.docsPath).toBe('/errors#permit-domain-mismatch')
    // and the token does refuse a signature over the domain its name() suggests
    const deadline = now + 600n
    const naive = parseSignature(
      await w.signTypedData({
        domain: { name: 'Mismatch Token', version: '1', chainId: devnet.chain.id, verifyingContract: odd },
        types: {
          Permit: [
            { name: 'owner', type: 'address' },
            { name: 'spender', type: 'address' },
            { name: 'value', type: 'uint256' },
            { name: 'nonce', type: 'uint256' },
            { name: 'deadline', type: 'uint256' },
          ],
        },
        primaryType: 'Permit',
        message: { owner: owner.address, spender, value: 1n, nonce: 0n, deadline },
      }),
    )
    await expect(
      pc().simulateContract({
        account: owner.address,
        address: odd,
        abi: permitAbi,
        functionName: 'permit',
        args: [owner.address, spender, 1n, deadline, Number(naive.v), naive.r, naive.s],
      }),
    ).rejects.toThrow(/InvalidSignature/)
    expect(asked).toBe(0)
    // the same call on the right chain is signed
    await signPermit(watched, { token, spender, amount: 1n })
    expect(asked).toBe(1)
  })
})
